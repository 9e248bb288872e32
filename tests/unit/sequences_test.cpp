// Bit-parallel LCS and edit distance of word-id sequences: the same lengths
// as the classic tables, for sequences on either side of 64 words, empty
// ones, repeated ids and ids that collide in the position table.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "src/match/sequences.hpp"

using quotetrace::match::detail::edit_distance;
using quotetrace::match::detail::lcs_length;
using quotetrace::match::detail::position_masks;
using ids = std::vector<std::uint32_t>;

namespace {

std::size_t table_lcs(const ids& x, const ids& y) {
    std::vector<std::vector<std::size_t>> t(x.size() + 1, std::vector<std::size_t>(y.size() + 1, 0));
    for (std::size_t i = 1; i <= x.size(); ++i)
        for (std::size_t j = 1; j <= y.size(); ++j)
            t[i][j] = x[i - 1] == y[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    return t[x.size()][y.size()];
}

std::size_t table_edit(const ids& x, const ids& y) {
    std::vector<std::vector<std::size_t>> t(x.size() + 1, std::vector<std::size_t>(y.size() + 1, 0));
    for (std::size_t i = 0; i <= x.size(); ++i) t[i][0] = i;
    for (std::size_t j = 0; j <= y.size(); ++j) t[0][j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i)
        for (std::size_t j = 1; j <= y.size(); ++j)
            t[i][j] = std::min({t[i - 1][j] + 1, t[i][j - 1] + 1, t[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0u : 1u)});
    return t[x.size()][y.size()];
}

}  // namespace

TEST_CASE("small cases") {
    const struct {
        ids x, y;
        std::size_t lcs, edit;
    } cases[] = {
        {{}, {}, 0, 0},
        {{1, 2, 3}, {}, 0, 3},
        {{}, {1, 2, 3}, 0, 3},
        {{1, 2, 3}, {1, 2, 3}, 3, 0},
        {{1, 2, 3}, {3, 2, 1}, 1, 2},
        {{1, 2, 3, 4}, {1, 3, 4}, 3, 1},
        {{7, 7, 7}, {7}, 1, 2},
        {{0, 128, 256}, {256, 128, 0}, 1, 2},  // ids that share a slot
        {{5, 6}, {8, 9}, 0, 2},
    };
    position_masks masks;
    for (const auto& c : cases) {
        CHECK(lcs_length(c.x, c.y, masks) == c.lcs);
        CHECK(edit_distance(c.x, c.y, masks) == c.edit);
        CHECK(lcs_length(c.y, c.x, masks) == c.lcs);
        CHECK(edit_distance(c.y, c.x, masks) == c.edit);
    }
}

TEST_CASE("random sequences agree with the tables, up to and past 64 words") {
    std::mt19937 rng(7);
    position_masks masks;
    for (int round = 0; round < 3000; ++round) {
        const std::size_t n = rng() % 140, m = rng() % 140;
        const std::uint32_t alphabet = 1 + rng() % 40;
        ids x(n), y(m);
        for (auto& v : x) v = rng() % alphabet * 977;
        for (auto& v : y) v = rng() % alphabet * 977;
        CAPTURE(n);
        CAPTURE(m);
        CHECK(lcs_length(x, y, masks) == table_lcs(x, y));
        CHECK(edit_distance(x, y, masks) == table_edit(x, y));
    }
    for (const std::size_t m : {63, 64, 65}) {
        ids x(m), y(m);
        for (std::size_t k = 0; k < m; ++k) x[k] = static_cast<std::uint32_t>(k), y[k] = static_cast<std::uint32_t>(m - k);
        CHECK(lcs_length(x, y, masks) == table_lcs(x, y));
        CHECK(edit_distance(x, y, masks) == table_edit(x, y));
        CHECK(lcs_length(x, x, masks) == m);
        CHECK(edit_distance(x, x, masks) == 0);
    }
}
