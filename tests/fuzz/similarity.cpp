// The similarity of two quotes: the canonical form, WordNet synonymy and
// the calibrated alignment. The input is two quotes separated by a tab (or
// its two halves, when it has none).
#include <cmath>

#include "fuzz.hpp"
#include "quotetrace/match.hpp"
#include "tests/unit/test_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)quotetrace::test::matcher();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quotetrace;
    const auto& sim = test::matcher().sim;
    const auto input = fuzz::bytes(data, size);
    const auto tab = input.find('\t');
    const auto cut = tab == std::string_view::npos ? input.size() / 2 : tab;
    const auto a = sim.prepare(input.substr(0, cut));
    const auto b = sim.prepare(input.substr(std::min(input.size(), cut + (tab != std::string_view::npos))));
    const double ab = sim.score(a, b), ba = sim.score(b, a);
    QT_FUZZ_REQUIRE(ab >= 0 && ab <= 1 && ba >= 0 && ba <= 1);
    match::similarity::aligned_parts where;
    const double floored = sim.score(a, b, sim.calib().threshold, &where);
    // The bound that skips costly features is exact: a pair that reaches the
    // floor gets the very same score.
    if (ab >= sim.calib().threshold) QT_FUZZ_REQUIRE(floored == ab);
    if (floored >= sim.calib().threshold) QT_FUZZ_REQUIRE(ab >= sim.calib().threshold);
    const double c = sim.contained(a, b);
    QT_FUZZ_REQUIRE(c >= 0 && c <= 1 + 1e-9);
    for (const double f : sim.features(a, b)) QT_FUZZ_REQUIRE(std::isfinite(f));
    for (const auto& w : a.words) QT_FUZZ_REQUIRE(w.lexeme < sim.lexeme_count());
    return 0;
}
