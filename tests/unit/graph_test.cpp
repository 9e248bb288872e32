// The provenance graph: vertices by kind, edges by kind both ways, the one
// outlet, article or speaker of a vertex, and the DOT writer's escaping and
// filters.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <sstream>

#include "quotetrace/error.hpp"
#include "quotetrace/graph.hpp"

using namespace quotetrace;
using namespace quotetrace::graph;

namespace {

// Two articles report statement 2 (Stoltenberg); one also statement 1 (Blinken).
provenance_graph sample() {
    builder b;
    const auto ians = b.outlet("IANS");
    const auto interfax = b.outlet("Interfax");
    const auto a1 = b.article("001.txt", no_vertex, "", "", "");
    const auto a2 = b.article("002.txt", ians, "2024-06-19", "https://example.org/2", "NATO chief");
    b.cites(a2, interfax);
    const auto jens = b.speaker("Jens Stoltenberg");
    const auto tony = b.speaker("Antony Blinken");
    b.statement(2, jens);
    b.statement(1, tony);
    b.occurrence(a1, {quote_kind::direct, "What happens in Europe is important in Asia", {10, 53}, "", "", "happen europ"}, {2});
    b.occurrence(a2, {quote_kind::direct, "What happens in Europe matters for Asia", {100, 139}, "2024-06-18", "on Tuesday", "happen"}, {2});
    b.occurrence(a1, {quote_kind::indirect, "he said \"no\" \\ then left", {200, 224}, "", "", ""}, {1});
    return provenance_graph(std::move(b));
}

}  // namespace

TEST_CASE("vertices are numbered by kind") {
    const auto g = sample();
    CHECK(g.count(vertex_kind::outlet) == 2);
    CHECK(g.count(vertex_kind::article) == 2);
    CHECK(g.count(vertex_kind::speaker) == 2);
    CHECK(g.count(vertex_kind::statement) == 2);
    CHECK(g.count(vertex_kind::occurrence) == 3);
    CHECK(g.vertex_count() == 11);
    // publishes 1, cites 1, contains 3, said 2, reports 3
    CHECK(g.edge_count() == 10);
    for (vertex v = 0; v < g.vertex_count(); ++v) {
        CAPTURE(v);
        CHECK(v >= g.first(g.kind(v)));
        CHECK(v < g.last(g.kind(v)));
    }
}

TEST_CASE("statements come in number order whatever order they were given") {
    const auto g = sample();
    const auto first = g.first(vertex_kind::statement);
    CHECK(g.name(first) == "s1");
    CHECK(g.statement_number(first + 1) == 2);
    CHECK(g.find(vertex_kind::statement, "s2") == first + 1);
    CHECK(g.find(vertex_kind::statement, "2") == first + 1);
    CHECK(g.find(vertex_kind::statement, "s9") == no_vertex);
    CHECK(g.find(vertex_kind::statement, "sx") == no_vertex);
}

TEST_CASE("edges lead both ways by kind") {
    const auto g = sample();
    const auto s2 = g.find(vertex_kind::statement, "s2");
    const auto reports = g.in(s2, edge_kind::reports);
    REQUIRE(reports.size() == 2);
    CHECK(g.name(g.speaker_of(s2)) == "Jens Stoltenberg");
    const auto a2 = g.article_of(reports[1]);
    CHECK(g.name(a2) == "002.txt");
    CHECK(g.name(g.outlet_of(a2)) == "IANS");
    CHECK(g.outlet_of(g.article_of(reports[0])) == no_vertex);
    const auto cited = g.out(a2, edge_kind::cites);
    REQUIRE(cited.size() == 1);
    CHECK(g.name(cited[0]) == "Interfax");
    CHECK(g.out(a2, edge_kind::contains).size() == 1);
    CHECK(g.in(a2, edge_kind::cites).empty());
    const auto ians = g.find(vertex_kind::outlet, "IANS");
    CHECK(g.out(ians, edge_kind::publishes) == std::vector<vertex>{a2});
}

TEST_CASE("occurrences keep their span, words and dates") {
    const auto g = sample();
    const auto o = g.occurrence(g.first(vertex_kind::occurrence) + 1);
    CHECK(o.text == "What happens in Europe matters for Asia");
    CHECK(o.where == span{100, 139});
    CHECK(o.said == "2024-06-18");
    CHECK(o.said_words == "on Tuesday");
    const auto a = g.article(g.find(vertex_kind::article, "002.txt"));
    CHECK(a.published == "2024-06-19");
    CHECK(a.title == "NATO chief");
    CHECK(g.memory_bytes() > 0);
}

TEST_CASE("occurrences come back byte for byte from the word coding") {
    // words are cut at single spaces and numbered: runs of spaces, spaces at
    // either end, long words, NUL and non-ASCII bytes must all survive
    const std::vector<std::string> texts = {
        "",
        " ",
        "  two  spaces ",
        "a",
        "What happens in Europe matters for Asia",
        "“curly” ‘marks’ « guillemets » „low“ and\u00a0NBSP",
        "internationalisation internationalisations internationalisation",
        "tab\there\nnewline\r\n",
        std::string("nul\0byte \0", 11),
        std::string(70, 'x') + " " + std::string(130, ' ') + "y",
        "repeated repeated repeated repeated",
    };
    builder b;
    const auto a = b.article("a.txt", no_vertex, "");
    // enough occurrences to fill more than one block of the column
    const std::size_t n = 9000;
    for (std::size_t k = 0; k < n; ++k) {
        const auto& t = texts[k % texts.size()];
        const auto& u = texts[(k + 3) % texts.size()];
        b.occurrence(a, {static_cast<quote_kind>(k % 3), t, {k * 7, k * 7 + t.size()}, k % 2 ? "2024-06" : "", u, t}, {1});
    }
    // a damaged store's span may end before it begins
    b.occurrence(a, {quote_kind::direct, "backwards", {500, 20}, "", "", "backward"}, {1});
    const provenance_graph g(std::move(b));
    const auto first = g.first(vertex_kind::occurrence);
    for (std::size_t k = 0; k < n; ++k) {
        const auto& t = texts[k % texts.size()];
        const auto o = g.occurrence(first + static_cast<vertex>(k));
        REQUIRE(o.text == t);
        CHECK(o.stems == t);
        CHECK(g.stems(first + static_cast<vertex>(k)) == t);
        CHECK(g.name(first + static_cast<vertex>(k)) == t);
        CHECK(o.said_words == texts[(k + 3) % texts.size()]);
        CHECK(o.kind == static_cast<quote_kind>(k % 3));
        CHECK(o.where == span{k * 7, k * 7 + t.size()});
        CHECK(o.said == (k % 2 ? "2024-06" : ""));
    }
    const auto back = g.occurrence(first + static_cast<vertex>(n));
    CHECK(back.where.begin == 500);
    CHECK(back.where.end == 20);
    CHECK(back.stems == "backward");
}

TEST_CASE("an empty graph is a graph") {
    const provenance_graph g{builder{}};
    CHECK(g.vertex_count() == 0);
    CHECK(g.edge_count() == 0);
    std::ostringstream out;
    write_dot(out, g, {});
    CHECK(out.str().find("digraph") != std::string::npos);
}

TEST_CASE("DOT escapes every label") {
    const auto g = sample();
    std::ostringstream out;
    write_dot(out, g, {});
    const auto dot = out.str();
    CHECK(dot.find(R"(indirect: he said \"no\" \\ then left)") != std::string::npos);
    CHECK(dot.find("\"002.txt\\n2024-06-19\"") != std::string::npos);
    CHECK(dot.find("label=\"cites\"") != std::string::npos);
    // every quote mark inside a label is escaped: unescaped ones pair up
    std::size_t marks = 0;
    for (std::size_t i = 0; i < dot.size(); ++i)
        if (dot[i] == '"' && (i == 0 || dot[i - 1] != '\\')) ++marks;
    CHECK(marks % 2 == 0);
}

TEST_CASE("DOT filters keep the statements asked for and what surrounds them") {
    const auto g = sample();
    auto draw = [&](const dot_filter& f) {
        std::ostringstream out;
        write_dot(out, g, f);
        return out.str();
    };
    SUBCASE("by speaker") {
        const auto dot = draw({"Antony Blinken", "", "", "", ""});
        CHECK(dot.find("Antony Blinken") != std::string::npos);
        CHECK(dot.find("Jens Stoltenberg") == std::string::npos);
        CHECK(dot.find("001.txt") != std::string::npos);
        CHECK(dot.find("002.txt") == std::string::npos);
    }
    SUBCASE("by outlet and date") {
        const auto dot = draw({"", "", "IANS", "2024-06", "2024-06"});
        CHECK(dot.find("002.txt") != std::string::npos);
        CHECK(dot.find("001.txt") == std::string::npos);
        CHECK(dot.find("Interfax") != std::string::npos);
    }
    SUBCASE("a date range that holds nothing") {
        const auto dot = draw({"", "", "", "2025", ""});
        CHECK(dot.find("->") == std::string::npos);
    }
    SUBCASE("by statement") {
        const auto dot = draw({"", "s1", "", "", ""});
        CHECK(dot.find("Antony Blinken") != std::string::npos);
        CHECK(dot.find("\"s2\"") == std::string::npos);
    }
    SUBCASE("a malformed date is an error naming the option") {
        try {
            draw({"", "", "", "June", ""});
            FAIL("accepted a malformed date");
        } catch (const error& e) {
            CHECK(e.id() == "dot.filter");
            CHECK(std::string(e.what()).find("--since \"June\"") != std::string::npos);
        }
    }
}
