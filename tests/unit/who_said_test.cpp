// who-said over a small graph: a phrase and a paraphrase find their speaker,
// the ranking puts the better match first, a phrase nobody said finds no one.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <set>
#include <string>

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

TEST_CASE("copies of a quote count as their first ones") {
    // one quote in 20 articles, each copy reporting a statement of its own,
    // a paraphrase between them: the 16 verified are the first 16 copies
    const std::string europe = "What happens in Europe is important in Asia, and what happens in Asia is important to us.";
    const std::string other = "The summit will decide on new members next month.";
    graph::builder b;
    const auto outlet = b.outlet("IANS");
    const auto speaker = b.speaker("Jens Stoltenberg");
    const auto& sim = test::matcher().sim;
    for (std::uint32_t k = 0; k < 20; ++k) {
        std::string name = "a";  // appended: GCC 12 misreads "a" + s as an overlapping copy
        name += std::to_string(k);
        const auto a = b.article(name, outlet, "2024-06-19");
        b.statement(k + 1, speaker);
        b.statement(k + 101, graph::no_vertex);
        b.occurrence(a, {quote_kind::direct, other, {0, other.size()}, "", "", pipeline::content_stems(sim, other)}, {k + 101});
        b.occurrence(a, {quote_kind::direct, europe, {0, europe.size()}, "", "", pipeline::content_stems(sim, europe)}, {k + 1});
    }
    const graph::provenance_graph g(std::move(b));
    const query::who_said_index idx(g, sim);
    const auto found = idx.ask("What happens in Europe is important in Asia");
    REQUIRE(found.size() == 1);
    CHECK(found[0].speaker == "Jens Stoltenberg");
    std::set<std::string> ids;
    for (const auto& s : found[0].statements) ids.insert(s.id);
    std::set<std::string> first;
    for (int k = 1; k <= 16; ++k) {
        std::string id = "s";
        id += std::to_string(k);
        first.insert(id);
    }
    CHECK(ids == first);
}
