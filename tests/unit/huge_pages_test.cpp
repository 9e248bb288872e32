// The huge-page allocator: small and large blocks alike hold what is
// written to them, large ones are aligned to 2 MB, and a vector grows
// across the threshold keeping its elements.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdint>

#include "src/match/huge_pages.hpp"

using quotetrace::match::detail::huge_page_allocator;
using quotetrace::match::detail::huge_vector;

TEST_CASE("blocks below and above 2 MB") {
    huge_page_allocator<std::uint64_t> a;
    const struct {
        std::size_t count;
        bool aligned;  // to 2 MB
    } cases[] = {{1, false}, {1000, false}, {(std::size_t{2} << 20) / 8, true}, {(std::size_t{5} << 20) / 8 + 3, true}};
    for (const auto& c : cases) {
        CAPTURE(c.count);
        std::uint64_t* p = a.allocate(c.count);
        REQUIRE(p != nullptr);
        if (c.aligned) CHECK(reinterpret_cast<std::uintptr_t>(p) % (std::size_t{2} << 20) == 0);
        for (std::size_t k = 0; k < c.count; ++k) p[k] = k * 3;
        bool same = true;
        for (std::size_t k = 0; k < c.count; ++k) same = same && p[k] == k * 3;
        CHECK(same);
        a.deallocate(p, c.count);
    }
}

TEST_CASE("a vector grows across the threshold") {
    huge_vector<std::uint32_t> v;
    for (std::uint32_t k = 0; k < 3'000'000; ++k) v.push_back(k);
    bool same = true;
    for (std::uint32_t k = 0; k < v.size(); ++k) same = same && v[k] == k;
    CHECK(same);
    v.assign(10, 7);
    CHECK(v.size() == 10);
    CHECK(v[9] == 7);
}

TEST_CASE("a count too large for memory is bad_array_new_length") {
    huge_page_allocator<std::uint64_t> a;
    CHECK_THROWS_AS(a.allocate(static_cast<std::size_t>(-1) / 4), std::bad_array_new_length);
}
