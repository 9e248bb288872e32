// Line-level signals for page furniture: known furniture lines, sections
// opened by a furniture heading, link-list shapes, time stamps, repeated
// headlines and captions, copyright lines.
#include "regions.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <unordered_set>

#include "../extract/offset_map.hpp"
#include "../extract/text.hpp"

namespace quotetrace::clean {
namespace {

bool ends_sentence(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty()) return false;
    const char c = line.back();
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
    // a closing quote mark after sentence punctuation: .” ." .’
    if (line.size() >= 4 && (line.compare(line.size() - 3, 3, "\xE2\x80\x9D") == 0 ||
                             line.compare(line.size() - 3, 3, "\xE2\x80\x99") == 0)) {
        const char d = line[line.size() - 4];
        return d == '.' || d == '!' || d == '?';
    }
    if (line.size() >= 2 && (c == '"' || c == '\'')) {
        const char d = line[line.size() - 2];
        return d == '.' || d == '!' || d == '?';
    }
    return false;
}

// "2024-06-18 07:31" in a line: the stamp of a related-story link. Only the
// dashes are looked for byte by byte; a stamp has one four bytes in.
bool has_timestamp(std::string_view l) {
    for (std::size_t dash = l.find('-', 4); dash != std::string_view::npos && dash + 12 <= l.size();
         dash = l.find('-', dash + 1)) {
        const std::size_t i = dash - 4;
        auto d = [&](std::size_t k) { return l[i + k] >= '0' && l[i + k] <= '9'; };
        if (d(0) && d(1) && d(2) && d(3) && l[i + 4] == '-' && d(5) && d(6) && l[i + 7] == '-' && d(8) && d(9) &&
            l[i + 10] == ' ' && d(11) && d(12) && l[i + 13] == ':' && d(14) && d(15))
            return true;
    }
    return false;
}

// A line that says the same thing twice ("Headline Headline 2024-06-18 | Topic").
bool repeats_itself(std::string_view l) {
    if (l.size() < 40) return false;
    const std::string_view head = l.substr(0, 30);
    return l.find(head, 30) != std::string_view::npos;
}

// Lower-cased ASCII with runs of blanks as one space, trimmed: the key a
// line is compared by. Written into `out`, a buffer the caller reuses.
void squeeze(std::string_view l, std::string& out) {
    out.resize(l.size());
    char* const o = out.data();
    std::size_t n = 0;
    bool blank = true;  // drops leading blanks
    auto bytes = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            // without branches: blanks and letters alternate unpredictably
            const char c = l[i];
            const bool b = c == ' ' || c == '\t' || c == '\r';
            o[n] = b ? ' ' : text::lower_ascii(c);
            n += !(b && blank);
            blank = b;
        }
    };
    std::size_t i = 0;
    if constexpr (std::endian::native == std::endian::little) {
        // Eight bytes at a time where nothing collapses (single spaces, no tab
        // or CR): the key is then the bytes with their capitals lowered.
        namespace swar = text::swar;
        for (; i + 8 <= l.size(); i += 8) {
            const std::uint64_t v = swar::load(l.data() + i);
            const std::uint64_t sp = swar::equal(v, ' ');
            if ((swar::equal(v, '\t') | swar::equal(v, '\r')) || (sp & ((sp << 8) | (blank ? 0x80u : 0u)))) {
                bytes(i, i + 8);
                continue;
            }
            const std::uint64_t upper = swar::below(v, 'Z' + 1) & ~swar::below(v, 'A');
            const std::uint64_t lowered = v | upper >> 2;  // 0x80 >> 2 is the case bit
            std::memcpy(o + n, &lowered, 8);
            n += 8;
            blank = sp >> 63;
        }
    }
    bytes(i, l.size());
    if (n && o[n - 1] == ' ') --n;
    out.resize(n);
}

std::string squeeze(std::string_view l) {
    std::string out;
    squeeze(l, out);
    return out;
}

}  // namespace

furniture::furniture(const lexicon& lex) {
    for (const auto& l : lex.furniture_lines) lines_.insert(squeeze(l));
    for (const auto& l : lex.furniture_sections) sections_.insert(squeeze(l));
    for (const auto* set : {&lines_, &sections_})
        for (const auto& k : *set) longest_key_ = std::max(longest_key_, k.size());
    for (const auto& l : lex.furniture_patterns) patterns_.push_back(squeeze(l));
}

std::vector<region> find_regions(std::string_view text, const lexicon& lex, std::string_view title) {
    return furniture(lex).regions(text, title);
}

std::vector<region> furniture::regions(std::string_view t, std::string_view title) const {
    const auto& lines = lines_;
    const auto& sections = sections_;
    const auto& patterns = patterns_;
    const std::string title_key = squeeze(title);

    std::vector<region> out;
    extract::offset_map seen;  // hashes of the lines' keys: a repeat is a caption
    bool in_section = false;
    bool body_started = false;
    std::string headline;
    std::string key;
    std::size_t pos = 0;
    while (pos < t.size()) {
        std::size_t nl = t.find('\n', pos);
        if (nl == std::string_view::npos) nl = t.size();
        const span line = text::trim(t, {pos, nl});
        pos = nl + 1;
        if (line.empty()) continue;
        const std::string_view l = line.in(t);
        // Furniture is short: the first bytes of a line decide, so a long
        // paragraph costs no more than a short one.
        const bool short_line = l.size() < 300;
        squeeze(l.substr(0, 160), key);
        const std::size_t key_hash = std::hash<std::string_view>{}(key);
        const bool repeated = !seen.try_emplace(key_hash).second;  // and now seen
        // a key longer than every known furniture line or section heading is neither
        const bool may_be_known = key.size() <= longest_key_;
        const std::size_t words = short_line ? text::word_count(t, line) : 50;  // a long line is a paragraph
        region r{region_kind::body, line};

        // A copyright or disclaimer line is short and quotes nobody.
        auto quotes_someone = [&] {
            return l.find('"') != std::string_view::npos || l.find("\xE2\x80\x9C") != std::string_view::npos;
        };
        const bool furniture_line = short_line && ((may_be_known && lines.count(key)) ||
            (words <= 25 && !quotes_someone() &&
             std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return key.find(p) != std::string::npos; })));
        if (may_be_known && sections.count(key)) {
            in_section = true;
            r.kind = region_kind::boilerplate;
        } else if (in_section && !(words >= 40 && ends_sentence(l))) {
            r.kind = region_kind::boilerplate;
        } else if (furniture_line || (short_line && (has_timestamp(l) || repeats_itself(l)))) {
            r.kind = region_kind::boilerplate;
        } else if (repeated) {
            r.kind = region_kind::caption;  // the same line again: a caption or teaser
        } else if ((!headline.empty() && key.rfind(headline, 0) == 0 && body_started) ||
                   (!title_key.empty() && key.rfind(title_key, 0) == 0 && body_started)) {
            r.kind = region_kind::caption;  // a caption repeating the headline
        } else if (key.rfind("by ", 0) == 0 && words <= 12 && !ends_sentence(l) && text::starts_upper(l, 3)) {
            r.kind = region_kind::byline;
        } else if (!body_started && words < 30 && !ends_sentence(l)) {
            r.kind = region_kind::headline;
            if (headline.empty()) headline = key;
        } else if (words <= 3 && !ends_sentence(l)) {
            r.kind = region_kind::boilerplate;  // a menu item or label
        } else {
            in_section = false;
            if (words >= 8) body_started = true;
        }
        out.push_back(r);
    }
    // A teaser cut with an ellipsis that a later paragraph repeats in full.
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::string_view l = out[i].where.in(t);
        if (out[i].kind != region_kind::body || !(l.ends_with("...") || l.ends_with("\xE2\x80\xA6"))) continue;
        const std::string_view head = l.substr(0, std::min<std::size_t>(60, l.size() - 3));
        for (std::size_t j = i + 1; j < out.size(); ++j) {
            if (out[j].where.in(t).starts_with(head)) {
                out[i].kind = region_kind::caption;
                break;
            }
        }
    }
    return out;
}

}  // namespace quotetrace::clean
