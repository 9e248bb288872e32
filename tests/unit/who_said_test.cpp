// who-said over a small graph: a phrase and a paraphrase find their speaker,
// the ranking puts the better match first, a phrase nobody said finds no one.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "quotetrace/pipeline.hpp"
#include "quotetrace/who_said.hpp"
#include "test_support.hpp"

using namespace quotetrace;

namespace {

struct fixture {
    std::vector<std::string> texts = {
        "What happens in Europe is important in Asia, and what happens in Asia is important to us.",
        "We will continue to do everything we can to block the support that Iran and North Korea provide to Russia.",
        "The summit will decide on new members next month.",
    };
    graph::provenance_graph g;
    fixture() {
        graph::builder b;
        const auto a = b.article("001.txt", b.outlet("IANS"), "2024-06-19");
        b.statement(1, b.speaker("Jens Stoltenberg"));
        b.statement(2, b.speaker("Antony Blinken"));
        b.statement(3, b.speaker("Mark Rutte"));
        for (std::uint32_t k = 0; k < texts.size(); ++k)
            b.occurrence(a, {quote_kind::direct, texts[k], {0, texts[k].size()}, "", "", pipeline::content_stems(test::matcher().sim, texts[k])}, {k + 1});
        g = graph::provenance_graph(std::move(b));
    }
};

}  // namespace

TEST_CASE("a phrase and a paraphrase find their speaker") {
    const fixture f;
    const query::who_said_index idx(f.g, test::matcher().sim);
    CHECK(idx.terms() > 10);
    const auto europe = idx.ask("What happens in Europe is important in Asia");
    REQUIRE_FALSE(europe.empty());
    CHECK(europe[0].speaker == "Jens Stoltenberg");
    REQUIRE(europe[0].statements.size() == 1);
    CHECK(europe[0].statements[0].id == "s1");
    CHECK(europe[0].statements[0].reports.at(0).outlet == "IANS");
    const auto blinken = idx.ask("block the support Iran and North Korea provide to Russia");
    REQUIRE_FALSE(blinken.empty());
    CHECK(blinken[0].speaker == "Antony Blinken");
    CHECK(blinken[0].confidence > 0.8);
}

TEST_CASE("a phrase nobody said gets no answer") {
    const fixture f;
    const query::who_said_index idx(f.g, test::matcher().sim);
    CHECK(idx.ask("The price of bananas in Lisbon doubled last winter").empty());
    CHECK(idx.ask("Russia").empty());
    CHECK(idx.ask("").empty());
    CHECK(idx.ask("\xFF\xFE").empty());
}
