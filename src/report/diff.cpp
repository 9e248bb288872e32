// Word-level differences between two versions of a quote: a longest common
// subsequence over words compared without case and punctuation.
#include <algorithm>
#include <cctype>
#include <cstdint>

#include "quotetrace/report.hpp"

namespace quotetrace::report {
namespace {

struct word {
    std::string_view written;
    std::string key;
};

bool punct_byte(unsigned char c) { return c < 0x80 && !(std::isalnum(c)); }

// The comparison key: lower case, typographic apostrophes folded, leading and
// trailing punctuation dropped (curly quotes and dashes are three bytes).
std::string key_of(std::string_view w) {
    std::string k;
    k.reserve(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
        const auto c = static_cast<unsigned char>(w[i]);
        if (c == 0xE2 && i + 2 < w.size() && static_cast<unsigned char>(w[i + 1]) == 0x80) {
            const auto t = static_cast<unsigned char>(w[i + 2]);
            if (t == 0x99 || t == 0x98) k.push_back('\'');            // ’ ‘
            else if (t == 0x9C || t == 0x9D) k.push_back('"');        // “ ”
            else if (t == 0x93 || t == 0x94) k.push_back('-');        // – —
            else k.append(w.substr(i, 3));
            i += 2;
            continue;
        }
        k.push_back(c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c));
    }
    std::size_t b = 0, e = k.size();
    while (b < e && punct_byte(static_cast<unsigned char>(k[b]))) ++b;
    while (e > b && punct_byte(static_cast<unsigned char>(k[e - 1]))) --e;
    return k.substr(b, e - b);
}

std::vector<word> words_of(std::string_view s) {
    std::vector<word> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        const std::size_t b = i;
        while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        if (i > b) out.push_back({s.substr(b, i - b), key_of(s.substr(b, i - b))});
    }
    return out;
}

void push(std::vector<word_change>& out, word_change::op what, std::string_view w) {
    if (!out.empty() && out.back().what == what) {
        out.back().words += ' ';
        out.back().words += w;
    } else {
        out.push_back({what, std::string(w)});
    }
}

}  // namespace

std::vector<word_change> word_diff(std::string_view base_text, std::string_view variant_text) {
    const auto a = words_of(base_text), b = words_of(variant_text);
    std::vector<word_change> out;
    // common prefix and suffix first: most variants differ in a few places
    std::size_t pre = 0;
    while (pre < a.size() && pre < b.size() && a[pre].key == b[pre].key) ++pre;
    std::size_t suf = 0;
    while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf].key == b[b.size() - 1 - suf].key) ++suf;
    for (std::size_t k = 0; k < pre; ++k) push(out, word_change::op::same, b[k].written);
    const std::size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
    constexpr std::size_t max_cells = 4u << 20;
    if (n && m && n * m <= max_cells) {
        // lengths of common subsequences of the suffixes, then one walk forward
        std::vector<std::uint16_t> len((n + 1) * (m + 1), 0);
        auto at = [&](std::size_t i, std::size_t j) -> std::uint16_t& { return len[i * (m + 1) + j]; };
        for (std::size_t i = n; i-- > 0;)
            for (std::size_t j = m; j-- > 0;)
                at(i, j) = a[pre + i].key == b[pre + j].key ? static_cast<std::uint16_t>(at(i + 1, j + 1) + 1)
                                                            : std::max(at(i + 1, j), at(i, j + 1));
        std::size_t i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[pre + i].key == b[pre + j].key) {
                push(out, word_change::op::same, b[pre + j].written);
                ++i, ++j;
            } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
                push(out, word_change::op::removed, a[pre + i].written);
                ++i;
            } else {
                push(out, word_change::op::added, b[pre + j].written);
                ++j;
            }
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) push(out, word_change::op::removed, a[pre + i].written);
        for (std::size_t j = 0; j < m; ++j) push(out, word_change::op::added, b[pre + j].written);
    }
    for (std::size_t k = b.size() - suf; k < b.size(); ++k) push(out, word_change::op::same, b[k].written);
    return out;
}

}  // namespace quotetrace::report
