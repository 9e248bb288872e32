// Byte-level helpers over UTF-8 text.
#include "text.hpp"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace quotetrace::text {

std::size_t word_count(std::string_view t, span s) {
    std::size_t n = 0;
    bool after_space = true;
    const std::size_t end = std::min(s.end, t.size());
    std::size_t i = s.begin;
    if constexpr (std::endian::native == std::endian::little) {
        // eight bytes at a time: a word starts at a non-space byte after a space
        for (; i + 8 <= end; i += 8) {
            const std::uint64_t sp = swar::space(swar::load(t.data() + i));
            // the count of high bits, summed into the top byte (no popcount instruction assumed)
            const std::uint64_t starts = ~sp & ((sp << 8) | (after_space ? 0x80u : 0u)) & swar::high;
            n += static_cast<std::size_t>(((starts >> 7) * swar::ones) >> 56);
            after_space = sp >> 63;
        }
    }
    for (; i < end; ++i) {
        const bool sp = is_space(static_cast<unsigned char>(t[i]));
        n += after_space && !sp;  // counted without a branch: words and spaces alternate unpredictably
        after_space = sp;
    }
    return n;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string title_case(std::string_view s) {
    std::string out(s);
    bool start = true;
    for (auto& c : out) {
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (letter) c = start ? static_cast<char>(c & ~0x20) : lower_ascii(c);
        start = !letter && (c == ' ' || c == '-' || c == '\'' || c == '.');
    }
    return out;
}

namespace {
UChar32 code_point_at(std::string_view t, std::size_t i) {
    int32_t k = static_cast<int32_t>(i);
    UChar32 cp;
    U8_NEXT(reinterpret_cast<const uint8_t*>(t.data()), k, static_cast<int32_t>(t.size()), cp);
    return cp;
}
}  // namespace

bool starts_upper_utf8(std::string_view t, std::size_t i) {
    const UChar32 cp = code_point_at(t, i);
    return cp >= 0 && (u_isupper(cp) || (u_isalpha(cp) && !u_islower(cp)));
}

bool is_letter_at_utf8(std::string_view t, std::size_t i) {
    const UChar32 cp = code_point_at(t, i);
    return cp >= 0 && u_isalnum(cp);
}

std::size_t prev_char(std::string_view t, std::size_t i) {
    if (i == 0) return 0;
    std::size_t j = i - 1;
    while (j > 0 && continuation_byte(t[j]) && i - j < 4) --j;
    return j;
}

}  // namespace quotetrace::text
