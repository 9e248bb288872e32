// Strict UTF-8 validation and repair: every maximal ill-formed subpart (and
// every NUL byte) becomes one U+FFFD, with anchors so each valid byte still
// maps to its source byte.
#include "quotetrace/ingest.hpp"

#include <cstdint>
#include <cstring>
#include <string>

#include "internal.hpp"

namespace quotetrace::ingest {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";
constexpr std::string_view bom = "\xEF\xBB\xBF";

// Length (2..4) of the well-formed sequence led by p[0] >= 0x80, or 0 with
// `bad` set to the length of its maximal ill-formed subpart (Unicode 15,
// table 3-7 and "U+FFFD substitution of maximal subparts").
inline std::size_t sequence_length(const unsigned char* p, std::size_t n, std::size_t& bad) noexcept
{
    const unsigned char lead = p[0];
    std::size_t trail = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        trail = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        trail = 2;
        if (lead == 0xE0) lo = 0xA0;  // overlong below U+0800
        if (lead == 0xED) hi = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        trail = 3;
        if (lead == 0xF0) lo = 0x90;  // overlong below U+10000
        if (lead == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
        bad = 1;  // continuation byte, C0/C1 (always overlong) or F5..FF
        return 0;
    }
    for (std::size_t k = 1; k <= trail; ++k) {
        if (k >= n) {
            bad = k;
            return 0;
        }
        const unsigned char b = p[k];
        const bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
        if (!ok) {
            bad = k;
            return 0;
        }
    }
    return trail + 1;
}

}  // namespace

namespace detail {

std::size_t first_invalid_utf8(std::string_view bytes) noexcept
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        // News text is mostly ASCII: skip it a word at a time (NUL counts as
        // invalid: C strings and terminals end at it).
        constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
        while (i + 16 <= n) {
            std::uint64_t a;
            std::uint64_t b;
            std::memcpy(&a, p + i, 8);
            std::memcpy(&b, p + i + 8, 8);
            if (((a | b) & high) || ((a - ones) & ~a & high) || ((b - ones) & ~b & high)) break;
            i += 16;
        }
        while (i < n && p[i] < 0x80 && p[i] != 0) ++i;
        if (i >= n) break;
        if (p[i] == 0) return i;
        std::size_t bad = 0;
        const std::size_t len = sequence_length(p + i, n - i, bad);
        if (len == 0) return i;
        i += len;
    }
    return n;
}

std::size_t utf8_cut(std::string_view bytes, std::size_t max) noexcept
{
    if (bytes.size() <= max) return bytes.size();
    std::size_t cut = max;
    // A byte 10xxxxxx at the cut continues a sequence begun before it.
    while (cut > 0 && max - cut < 3 && (static_cast<unsigned char>(bytes[cut]) & 0xC0) == 0x80) --cut;
    return cut;
}

}  // namespace detail

std::string repair_utf8(std::string_view bytes, std::string_view name, std::vector<anchor>& anchors,
                        const diagnostic_sink& diag, std::size_t* bad_sequences)
{
    anchors.clear();
    if (bad_sequences != nullptr) *bad_sequences = 0;
    const std::size_t start = bytes.substr(0, 3) == bom ? 3 : 0;
    const std::size_t n = bytes.size();
    std::size_t i = start + detail::first_invalid_utf8(bytes.substr(start));
    if (i == n && start == 0) return std::string(bytes);

    std::string out;
    out.reserve(n - start + 16);
    detail::push_anchor(anchors, 0, start);
    out.append(bytes.substr(start, i - start));

    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t first_bad = i;
    std::size_t count = 0;
    while (i < n) {
        std::size_t bad = 1;
        sequence_length(p + i, n - i, bad);
        detail::push_anchor(anchors, out.size(), i);
        out.append(replacement);
        i += bad;
        ++count;
        detail::push_anchor(anchors, out.size(), i);
        const std::size_t run = detail::first_invalid_utf8(bytes.substr(i));
        out.append(bytes.substr(i, run));
        i += run;
    }

    if (count == 0) return out;  // only a BOM was removed
    if (bad_sequences != nullptr) *bad_sequences = count;
    if (diag) {
        diagnostic d;
        d.level = severity::warning;
        d.code = "utf8.invalid";
        d.input = std::string(name);
        d.offset = first_bad;
        d.message = std::string(p[first_bad] == 0 ? "NUL byte" : "invalid UTF-8") + " at byte " +
                    std::to_string(first_bad) + " replaced by U+FFFD";
        if (count > 1) d.message += " (" + std::to_string(count) + " sequences in this input)";
        diag(d);
    }
    return out;
}

}  // namespace quotetrace::ingest
