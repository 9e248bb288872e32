// Small byte-level helpers over UTF-8 text shared by the extraction stages.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "quotetrace/span.hpp"

namespace quotetrace::text {

// ' ', \t, \n, \v, \f, \r: one shift and mask instead of six comparisons.
inline bool is_space(unsigned char c) { return c <= ' ' && ((0x100003E00ull >> c) & 1); }

// Eight bytes at a time ("SWAR"): a byte test over a 64-bit word sets the
// high bit of each byte that passes. Each test is exact: no carry crosses
// from one byte into the next.
namespace swar {
inline constexpr std::uint64_t ones = 0x0101010101010101ull, low7 = 0x7F7F7F7F7F7F7F7Full,
                               high = 0x8080808080808080ull;
inline std::uint64_t load(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
// Bytes equal to zero.
inline std::uint64_t zero(std::uint64_t v) { return ~(((v & low7) + low7) | v | low7); }
inline std::uint64_t equal(std::uint64_t v, unsigned char b) { return zero(v ^ (ones * b)); }
// The same, exact up to the first flagged byte (a byte after a zero byte may
// be flagged too): cheaper, and enough to find the first.
inline std::uint64_t zero_first(std::uint64_t v) { return (v - ones) & ~v & high; }
inline std::uint64_t equal_first(std::uint64_t v, unsigned char b) { return zero_first(v ^ (ones * b)); }
// Bytes below `n` (n <= 0x80).
inline std::uint64_t below(std::uint64_t v, unsigned char n) { return ~(((v & low7) + ones * (0x80u - n)) | v) & high; }
// ASCII whitespace, as is_space.
inline std::uint64_t space(std::uint64_t v) { return equal(v, ' ') | (below(v, 14) & ~below(v, 9)); }
// The index of the first byte whose high bit is set in a non-zero mask
// (the words are loaded little-endian).
inline std::size_t first(std::uint64_t mask) { return static_cast<std::size_t>(std::countr_zero(mask)) / 8; }
}  // namespace swar

// Length of the whitespace (ASCII or NBSP) at `i`, or 0.
inline std::size_t space_len(std::string_view t, std::size_t i) {
    if (i >= t.size()) return 0;
    if (is_space(static_cast<unsigned char>(t[i]))) return 1;
    if (i + 1 < t.size() && static_cast<unsigned char>(t[i]) == 0xC2 && static_cast<unsigned char>(t[i + 1]) == 0xA0) return 2;
    return 0;
}

inline std::size_t skip_spaces(std::string_view t, std::size_t i, std::size_t end) {
    while (i < end) {
        std::size_t n = space_len(t, i);
        if (!n) break;
        i += n;
    }
    return i;
}

// Start of the last whitespace run before `end`, not before `begin`.
inline std::size_t trim_end(std::string_view t, std::size_t begin, std::size_t end) {
    while (end > begin) {
        unsigned char c = static_cast<unsigned char>(t[end - 1]);
        if (is_space(c)) { --end; continue; }
        if (c == 0xA0 && end >= begin + 2 && static_cast<unsigned char>(t[end - 2]) == 0xC2) { end -= 2; continue; }
        break;
    }
    return end;
}

inline span trim(std::string_view t, span s) {
    s.begin = skip_spaces(t, s.begin, s.end);
    s.end = trim_end(t, s.begin, s.end);
    return s;
}

// Word count of a span (runs of non-space bytes).
std::size_t word_count(std::string_view t, span s);

// Lower-cased ASCII copy (other bytes unchanged).
std::string lower(std::string_view s);

// ASCII letters in title case: a capital to start each word and after a
// hyphen or apostrophe, the rest lower case ("JAKE O'NEILL-SMITH" ->
// "Jake O'Neill-Smith"); other bytes unchanged.
std::string title_case(std::string_view s);

// A byte inside a UTF-8 character, after its first.
inline bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

inline char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether lower(s) == lower(t): ASCII letters compared without case.
inline bool equals_lower(std::string_view s, std::string_view t) {
    if (s.size() != t.size()) return false;
    for (std::size_t k = 0; k < s.size(); ++k)
        if (lower_ascii(s[k]) != lower_ascii(t[k])) return false;
    return true;
}

// Hashing and equality up to ASCII case, for sets and maps of lower-case keys
// looked up with words as they stand in the text, without a lower-cased copy:
// set.count(w) == set.count(lower(w)) when every key is lower-case.
struct lower_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        std::uint64_t h = 1469598103934665603ull;
        for (char c : s) {
            h ^= static_cast<unsigned char>(lower_ascii(c));
            h *= 1099511628211ull;
        }
        return static_cast<std::size_t>(h);
    }
};
struct lower_equal {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept { return equals_lower(a, b); }
};
using lower_set = std::unordered_set<std::string, lower_hash, lower_equal>;
template <typename T>
using lower_map = std::unordered_map<std::string, T, lower_hash, lower_equal>;

// Whether the word at `i` starts with an uppercase letter (ASCII, or a
// non-ASCII letter, which counts as capital). ASCII is decided inline.
bool starts_upper_utf8(std::string_view t, std::size_t i);
inline bool starts_upper(std::string_view t, std::size_t i) {
    if (i >= t.size()) return false;
    const auto c = static_cast<unsigned char>(t[i]);
    return c < 0x80 ? c >= 'A' && c <= 'Z' : starts_upper_utf8(t, i);
}
bool is_letter_at_utf8(std::string_view t, std::size_t i);
inline bool is_letter_at(std::string_view t, std::size_t i) {
    if (i >= t.size()) return false;
    const auto c = static_cast<unsigned char>(t[i]);
    if (c >= 0x80) return is_letter_at_utf8(t, i);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
// Start of the UTF-8 character that ends just before `i`.
std::size_t prev_char(std::string_view t, std::size_t i);

}  // namespace quotetrace::text
