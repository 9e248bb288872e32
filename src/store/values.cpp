// The store's keys and dates: the content hash that makes re-ingest a no-op,
// and dates read from metadata and written as sortable ISO text.
#include <exception>
#include <cstdint>
#include <cstring>

#include "quotetrace/store.hpp"

namespace quotetrace::store {
namespace {

std::uint64_t finish(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDULL;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ULL;
    return x ^ (x >> 33);
}

std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

bool digits(std::string_view s, std::size_t at, std::size_t n, int& value) {
    if (at + n > s.size()) return false;
    value = 0;
    for (std::size_t k = at; k < at + n; ++k) {
        if (s[k] < '0' || s[k] > '9') return false;
        value = value * 10 + (s[k] - '0');
    }
    return true;
}

bool plausible(const provenance::date& d) {
    return d.year >= 1000 && d.year <= 9999 && d.month >= 0 && d.month <= 12 && d.day >= 0 && d.day <= 31 &&
           (d.month != 0 || d.day == 0);
}

}  // namespace

std::string content_hash(std::string_view text) {
    // two 64-bit lanes over 8-byte words, each with its own multiplier and rotation
    std::uint64_t a = 0x243F6A8885A308D3ULL ^ text.size(), b = 0x13198A2E03707344ULL;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, text.data() + i, 8);
        a = rotl(a ^ (w * 0x87C37B91114253D5ULL), 31) * 0x4CF5AD432745937FULL;
        b = rotl(b + w, 27) * 0x9E3779B97F4A7C15ULL + a;
    }
    std::uint64_t tail = 0;
    for (std::size_t k = 0; i + k < text.size(); ++k) tail |= std::uint64_t{static_cast<unsigned char>(text[i + k])} << (8 * k);
    a = finish(a ^ tail ^ 0x5851F42D4C957F2DULL);
    b = finish(b + tail + a);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(32, '0');
    for (int k = 0; k < 16; ++k) {
        out[static_cast<std::size_t>(k)] = hex[(a >> (60 - 4 * k)) & 15];
        out[static_cast<std::size_t>(16 + k)] = hex[(b >> (60 - 4 * k)) & 15];
    }
    return out;
}

std::string iso_date(const provenance::date& d) { return d.known() ? d.iso() : std::string(); }

provenance::date parse_date(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    try {
        if (const auto full = provenance::parse_date(s)) return *full;
    } catch (const std::exception&) {
        return {};
    }
    // a month or a year alone: "2024-06", "2024"
    provenance::date d;
    int y = 0, m = 0;
    if (!digits(s, 0, 4, y)) return {};
    d.year = y;
    if (s.size() > 4 && (s[4] == '-' || s[4] == '/' || s[4] == '.') && digits(s, 5, 2, m)) d.month = m;
    return plausible(d) ? d : provenance::date{};
}

}  // namespace quotetrace::store
