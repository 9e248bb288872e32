// Longest common subsequence and edit distance of two word-id sequences,
// bit-parallel: a sequence of at most 64 words is one machine word of
// positions, so a comparison costs one step per word of the other sequence
// instead of one per pair of words. Longer sequences take the classic table.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace quotetrace::match::detail {

// For each distinct id of a sequence of at most 64 ids, the positions that
// hold it, one bit each (bit k: position k). An open-addressing table of 128
// slots, so at most half full.
class position_masks {
public:
    void build(const std::vector<std::uint32_t>& y) {
        keys_.fill(0);
        for (std::size_t k = 0; k < y.size(); ++k) {
            std::size_t s = slot(y[k]);
            while (keys_[s] != 0 && keys_[s] != y[k] + 1ULL) s = (s + 1) & (slots - 1);
            if (keys_[s] == 0) keys_[s] = y[k] + 1ULL, bits_[s] = 0;
            bits_[s] |= std::uint64_t{1} << k;
        }
    }
    std::uint64_t of(std::uint32_t id) const {
        for (std::size_t s = slot(id);; s = (s + 1) & (slots - 1)) {
            if (keys_[s] == id + 1ULL) return bits_[s];
            if (keys_[s] == 0) return 0;
        }
    }

private:
    static constexpr std::size_t slots = 128;
    static std::size_t slot(std::uint32_t id) { return (id * 0x9E37'79B1u) >> (32 - 7); }
    std::array<std::uint64_t, slots> keys_{};  // id + 1, 0 when free
    std::array<std::uint64_t, slots> bits_{};
};

// Length of the longest common subsequence of x and y.
inline std::size_t lcs_length(const std::vector<std::uint32_t>& x, const std::vector<std::uint32_t>& y,
                              position_masks& masks) {
    if (y.size() > 64 && x.size() > 64) {
        std::vector<std::size_t> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
        for (std::size_t i = 1; i <= x.size(); ++i) {
            for (std::size_t j = 1; j <= y.size(); ++j)
                cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
            std::swap(prev, cur);
        }
        return prev[y.size()];
    }
    const auto& p = y.size() <= 64 ? y : x;  // the one held as bits
    const auto& t = y.size() <= 64 ? x : y;
    if (p.empty() || t.empty()) return 0;
    masks.build(p);
    // a zero bit k of v: position k of p ends a common subsequence one
    // longer than the positions before it allow (Allison and Dix; Hyyrö)
    std::uint64_t v = ~std::uint64_t{0};
    for (const auto id : t) {
        const std::uint64_t u = v & masks.of(id);
        v = (v + u) | (v - u);
    }
    const std::uint64_t used = p.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << p.size()) - 1;
    return static_cast<std::size_t>(std::popcount(~v & used));
}

// Word edit distance (insert, delete, substitute, each 1) between x and y.
inline std::size_t edit_distance(const std::vector<std::uint32_t>& x, const std::vector<std::uint32_t>& y,
                                 position_masks& masks) {
    if (y.size() > 64 && x.size() > 64) {
        std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
        for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
        for (std::size_t i = 1; i <= x.size(); ++i) {
            cur[0] = i;
            for (std::size_t j = 1; j <= y.size(); ++j)
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0u : 1u)});
            std::swap(prev, cur);
        }
        return prev[y.size()];
    }
    const auto& p = y.size() <= 64 ? y : x;  // the one held as bits, down the table's column
    const auto& t = y.size() <= 64 ? x : y;
    if (p.empty()) return t.size();
    masks.build(p);
    // the column of the table as its vertical differences, +1 (pv) or -1
    // (mv) per row, and its last cell (Myers; Hyyrö's form for the whole of
    // both sequences: the top row grows by one per step)
    std::uint64_t pv = ~std::uint64_t{0}, mv = 0;
    const std::uint64_t last = std::uint64_t{1} << (p.size() - 1);
    std::size_t score = p.size();
    for (const auto id : t) {
        const std::uint64_t eq = masks.of(id);
        const std::uint64_t xv = eq | mv;
        const std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
        std::uint64_t ph = mv | ~(xh | pv);
        std::uint64_t mh = pv & xh;
        if (ph & last) ++score;
        else if (mh & last) --score;
        ph = (ph << 1) | 1;
        mh <<= 1;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
    }
    return score;
}

}  // namespace quotetrace::match::detail
