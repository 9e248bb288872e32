// The graph's word coding: numbering words as they come, and back.
#include "words.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "quotetrace/error.hpp"

namespace quotetrace::graph::detail {
namespace {

// Up to 8 bytes from p as a little-endian number, zero above the n-th; reads
// 8 bytes at once when `limit` allows.
inline std::uint64_t load(const char* p, std::size_t n, const char* limit) noexcept {
    std::uint64_t x = 0;
    if (n >= 8) {
        std::memcpy(&x, p, 8);
        return x;
    }
    if (limit - p >= 8) {
        std::memcpy(&x, p, 8);
        return n ? x & (~std::uint64_t{0} >> (64 - 8 * n)) : 0;
    }
    for (std::size_t k = 0; k < n; ++k) x |= std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
    return x;
}

inline std::uint64_t mix(std::uint64_t h) noexcept {
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 29);
}

// Bit k is set when p[k] is a space (n <= 64): word ends found without a
// branch per byte.
std::uint64_t spaces(const char* p, std::size_t n) noexcept {
    std::uint64_t m = 0;
    std::size_t k = 0;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(' ');
    for (; k + 16 <= n; k += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
        m |= std::uint64_t{static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, space)))} << k;
    }
#endif
    for (; k < n; ++k) m |= std::uint64_t{p[k] == ' '} << k;
    return m;
}

// The hash of a word whose first 8 bytes are `head`.
[[gnu::always_inline]] inline std::uint64_t hash_of(std::uint64_t head, const char* p, std::size_t n,
                                                    const char* limit) noexcept {
    std::uint64_t h = mix(head ^ (n * 0x9E3779B97F4A7C15ULL));
    for (std::size_t k = 8; k < n; k += 8) h = mix(h ^ load(p + k, n - k, limit));
    return h;
}

// Whether the n > 8 bytes at a and b agree past their first 8, read 8 at a
// time (the last 8 overlapping) instead of through a call to memcmp.
inline bool same_tail(const char* a, const char* b, std::size_t n) noexcept {
    std::uint64_t x, y, diff = 0;
    for (std::size_t k = 8; k + 8 < n; k += 8) {
        std::memcpy(&x, a + k, 8);
        std::memcpy(&y, b + k, 8);
        diff |= x ^ y;
    }
    std::memcpy(&x, a + n - 8, 8);
    std::memcpy(&y, b + n - 8, 8);
    return (diff | (x ^ y)) == 0;
}

}  // namespace

[[gnu::always_inline]] inline std::uint32_t word_codec::number(const pending& w) {
    const std::uint32_t tag = (static_cast<std::uint32_t>(w.hash >> 32) & ~0xFFu) | static_cast<std::uint32_t>(std::min<std::size_t>(w.n, 255));
    const std::size_t mask = table_.size() - 1;
    for (std::size_t s = static_cast<std::size_t>(w.hash) & mask;; s = (s + 1) & mask) {
        const slot& e = table_[s];
        if (e.number == 0) {
            if (chars_.size() + w.n > UINT32_MAX) throw error("graph.too_large", "more than 4 GB of distinct words");
            chars_.append(w.p, w.n);
            ends_.push_back(static_cast<std::uint32_t>(chars_.size()));
            table_[s] = {w.head, w.tail, tag, static_cast<std::uint32_t>(ends_.size())};
            return static_cast<std::uint32_t>(ends_.size() - 1);
        }
        if (e.tag == tag && e.head == w.head && e.tail == w.tail) {
            if (w.n <= 16) return e.number - 1;
            const auto v = word(e.number - 1);
            if (v.size() == w.n && same_tail(v.data(), w.p, w.n)) return e.number - 1;
        }
    }
}

void word_codec::grow() {
    std::vector<slot> old = std::move(table_);
    table_.assign(std::max<std::size_t>(64, old.size() * 2), slot{0, 0, 0, 0});
    const std::size_t mask = table_.size() - 1;
    for (const auto& e : old) {
        if (e.number == 0) continue;
        const auto w = word(e.number - 1);
        std::size_t s = static_cast<std::size_t>(hash_of(e.head, w.data(), w.size(), w.data() + w.size())) & mask;
        while (table_[s].number != 0) s = (s + 1) & mask;
        table_[s] = e;
    }
}

void word_codec::put(const pending* words, std::size_t count, std::string& out) {
    // room for every word, so that no slot moves while the batch is numbered
    while ((ends_.size() + count + 1) * 2 > table_.size()) grow();
    // the slots lie far apart in a large vocabulary: all are fetched at once
    const std::size_t mask = table_.size() - 1;
    for (std::size_t k = 0; k < count; ++k) __builtin_prefetch(&table_[static_cast<std::size_t>(words[k].hash) & mask]);
    char buf[5 * 64 + 8];
    std::size_t used = 0;
    for (std::size_t k = 0; k < count; ++k) {
        std::uint32_t v = number(words[k]) + 1;
        if (v < 0x4000) {
            // one byte or two, chosen without a branch: the two mix
            // unpredictably in running text
            const bool two = v >= 0x80;
            const auto code = static_cast<std::uint16_t>(two ? (v & 0x7F) | 0x80 | (v >> 7) << 8 : v);
            std::memcpy(buf + used, &code, 2);
            used += 1 + std::size_t{two};
            continue;
        }
        for (;; v >>= 7) {
            if (v < 0x80) {
                buf[used++] = static_cast<char>(v);
                break;
            }
            buf[used++] = static_cast<char>(v | 0x80);
        }
    }
    out.append(buf, used);
}

void word_codec::encode(std::string_view s, std::string& out) {
    // words are hashed a batch at a time, then numbered
    constexpr std::size_t batch = 64;
    pending w[batch];
    std::size_t count = 0;
    const char* const end = s.data() + s.size();
    const char* from = s.data();
    auto word_to = [&](const char* to) {
        const auto n = static_cast<std::size_t>(to - from);
        const std::uint64_t head = load(from, n, end);
        std::uint64_t tail = 0;
        if (n > 8) std::memcpy(&tail, to - 8, 8);
        w[count++] = {from, n, head, tail, hash_of(head, from, n, end)};
        if (count == batch) {
            put(w, count, out);
            count = 0;
        }
        from = to + 1;
    };
    if (!s.empty()) {
        for (std::size_t at = 0; at < s.size(); at += 64)
            for (std::uint64_t m = spaces(s.data() + at, std::min<std::size_t>(64, s.size() - at)); m; m &= m - 1)
                word_to(s.data() + at + static_cast<std::size_t>(__builtin_ctzll(m)));
        word_to(end);
    }
    put(w, count, out);
    out.push_back(0);
}

const char* word_codec::decode(const char* p, std::string& out) const {
    bool first = true;
    for (std::uint64_t n; (n = get_varint(p)) != 0; first = false) {
        if (!first) out.push_back(' ');
        out.append(word(static_cast<std::uint32_t>(n - 1)));
    }
    return p;
}

const char* word_codec::skip(const char* p) noexcept {
    // a 0 byte ends the code: every other varint is a number + 1, and a
    // varint's last byte is 0 only when it is 0
    while (*p) ++p;
    return p + 1;
}

void word_codec::seal() {
    table_ = {};
    chars_.shrink_to_fit();
    ends_.shrink_to_fit();
}

std::size_t word_codec::bytes() const noexcept {
    return chars_.capacity() + ends_.capacity() * sizeof(std::uint32_t) + table_.capacity() * sizeof(slot);
}

}  // namespace quotetrace::graph::detail
