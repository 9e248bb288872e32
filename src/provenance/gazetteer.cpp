// Outlet names found by whole words: at a word start, the next few words are
// looked up longest first, so "Russian news agency Interfax" wins over
// "Interfax" and no pattern runs over the text.
#include "gazetteer.hpp"

#include <algorithm>

namespace quotetrace::provenance {
namespace {

bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Where a word of a name ends: at a space, or at punctuation that never sits
// inside a name ("Daily(www...", "TASS,", "Reuters)").
bool ends_word(char c) {
    switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '(': case ')': case '[': case ']': case ',': case ';':
    case ':': case '"': case '|': case '!': case '?':
        return true;
    default:
        return false;
    }
}

bool short_capitals(std::string_view s) {
    if (s.size() > 4) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

bool word_start(std::string_view t, std::size_t i) {
    if (i == 0) return true;
    const char p = t[i - 1];
    return !ascii_alnum(p) && static_cast<unsigned char>(p) < 0x80;
}

gazetteer::gazetteer(std::vector<outlet_entry> outlets) : entries_(std::move(outlets)) {
    for (std::size_t k = 0; k < entries_.size(); ++k) {
        auto add = [&](const std::string& n) {
            if (n.empty()) return;
            names_[n].push_back({k, short_capitals(n), n});
            first_words_.insert(n.substr(0, n.find_first_of(" -/")));
            // a name starts with its capital, or lower-case only as spelled here ("dpa")
            const auto c = static_cast<unsigned char>(n[0]);
            opens_name_[c] = true;
            if (c >= 'a' && c <= 'z') opens_name_[c - 'a' + 'A'] = true;
            most_words_ = std::max<std::size_t>(most_words_, 1 + std::count(n.begin(), n.end(), ' '));
        };
        add(entries_[k].name);
        for (const auto& a : entries_[k].aliases) add(a);
        for (const auto& d : entries_[k].domains) domains_.emplace(text::lower(d), k);
    }
}

std::optional<gazetteer::match> gazetteer::at(std::string_view t, std::size_t i, std::size_t end) const {
    end = std::min(end, t.size());
    if (i >= end || !opens_name_[static_cast<unsigned char>(t[i])] || !word_start(t, i)) return std::nullopt;
    // a name's first word must open some name ("Stoltenberg" opens none)
    std::size_t first_end = i;
    while (first_end < end && !ends_word(t[first_end]) && t[first_end] != '-' && t[first_end] != '/') ++first_end;
    std::size_t key_end = first_end;
    if (key_end > i && (t[key_end - 1] == '.' || t[key_end - 1] == '\'')) --key_end;
    if (key_end >= i + 2 && t[key_end - 1] == 's' && t[key_end - 2] == '\'') key_end -= 2;
    if (key_end >= i + 4 && t[key_end - 1] == 's' && t.compare(key_end - 4, 3, "\xE2\x80\x99") == 0) key_end -= 4;
    if (!first_words_.count(t.substr(i, key_end - i))) return std::nullopt;
    // the ends of the next few words
    std::size_t ends[8];
    std::size_t n = 0;
    std::size_t j = i;
    const std::size_t most = std::min<std::size_t>(most_words_, 8);
    while (n < most && j < end) {
        std::size_t e = j;
        while (e < end && !ends_word(t[e])) ++e;
        if (e == j) break;
        ends[n++] = e;
        if (e >= end || t[e] != ' ') break;
        j = e + 1;
    }
    for (std::size_t w = n; w-- > 0;) {
        std::size_t e = ends[w];
        // a full stop, a possessive or a hyphenated credit is not part of the name
        for (int pass = 0; pass < 2; ++pass) {
            if (e > i && (t[e - 1] == '.' || t[e - 1] == '\'')) --e;
            if (e >= i + 2 && t[e - 1] == 's' && t[e - 2] == '\'') e -= 2;
            if (e >= i + 4 && t[e - 1] == 's' && t.compare(e - 4, 3, "\xE2\x80\x99") == 0) e -= 4;
        }
        for (std::size_t cut = e; cut > i; --cut) {
            // "AP-Yonhap": each side of a hyphen or slash is tried as a name
            if (cut != e && t[cut] != '-' && t[cut] != '/') continue;
            const std::string_view key = t.substr(i, cut - i);
            const auto it = names_.find(key);
            if (it == names_.end()) continue;
            for (const auto& nm : it->second) {
                if (nm.exact_case && key != nm.spelled) continue;
                // names are written with a capital unless the gazetteer spells them in lower case
                if (key[0] >= 'a' && key[0] <= 'z' && nm.spelled[0] != key[0]) continue;
                return match{nm.outlet, {i, cut}};
            }
        }
    }
    return std::nullopt;
}

std::optional<gazetteer::match> gazetteer::first(std::string_view t, std::size_t b, std::size_t end) const {
    end = std::min(end, t.size());
    for (std::size_t i = b; i < end; ++i) {
        const auto c = static_cast<unsigned char>(t[i]);
        if (c == ' ' || !word_start(t, i)) continue;
        if (auto m = at(t, i, end)) return m;
        while (i + 1 < end && t[i + 1] != ' ' && !ends_word(t[i + 1])) ++i;
    }
    return std::nullopt;
}

std::optional<std::size_t> gazetteer::domain(std::string_view host) const {
    if (const auto scheme = host.find("://"); scheme != std::string_view::npos) host.remove_prefix(scheme + 3);
    host = host.substr(0, host.find_first_of("/:?#"));
    if (const auto at = host.find('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
    while (!host.empty() && host.back() == '.') host.remove_suffix(1);
    // the host, then each parent domain that still has a dot
    while (host.find('.') != std::string_view::npos) {
        if (const auto it = domains_.find(host); it != domains_.end()) return it->second;
        host.remove_prefix(host.find('.') + 1);
    }
    return std::nullopt;
}

std::optional<std::size_t> gazetteer::named(std::string_view s) const {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (const auto it = names_.find(s); it != names_.end()) {
        for (const auto& nm : it->second)
            if (!nm.exact_case || s == nm.spelled) return nm.outlet;
    }
    return std::nullopt;
}

std::optional<std::size_t> gazetteer::lookup(std::string_view s) const {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) return std::nullopt;
    if (auto k = named(s)) return k;
    if (s.find(' ') == std::string_view::npos && s.find('.') != std::string_view::npos) return domain(s);
    return std::nullopt;
}

}  // namespace quotetrace::provenance
