// The report: word-level diffs, the first report and disagreeing dates, the
// fullest version as the base, and escaping in every format.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <sstream>

#include "quotetrace/report.hpp"

using namespace quotetrace;
using namespace quotetrace::report;
using op = word_change::op;

namespace {

std::string render(const std::vector<word_change>& d) {
    std::string out;
    for (const auto& c : d) {
        if (!out.empty()) out += ' ';
        out += c.what == op::same ? "=" : c.what == op::added ? "+" : "-";
        out += '[' + c.words + ']';
    }
    return out;
}

graph::provenance_graph sample() {
    graph::builder b;
    const auto yonhap = b.outlet("Yonhap");
    const auto tass = b.outlet("TASS");
    const auto a0 = b.article("000.txt", yonhap, "2024-06-20", "", "");
    b.cites(a0, tass);
    const auto a1 = b.article("001.txt", graph::no_vertex, "", "", "");
    const auto a3 = b.article("003.txt", b.outlet("The <Asia> Business Daily"), "2024-06-18", "", "");
    b.statement(1, b.speaker("Antony Blinken"));
    b.occurrence(a0, {quote_kind::direct, "We will block the support", {1, 26}, "2024-06-18", "on Tuesday", ""}, {1});
    b.occurrence(a1, {quote_kind::direct, "We will continue to block the support | *all* of it", {5, 50}, "", "", ""}, {1});
    b.occurrence(a3, {quote_kind::indirect, "he would block the support", {7, 33}, "2024-06-17", "on the 17th", ""}, {1});
    return graph::provenance_graph(std::move(b));
}

}  // namespace

TEST_CASE("word diffs") {
    struct row {
        const char* base;
        const char* variant;
        const char* expect;
    };
    const row table[] = {
        {"matters for Asia", "is important in Asia", "-[matters for] +[is important in] =[Asia]"},
        {"What happens in Europe", "What happens in Europe", "=[What happens in Europe]"},
        {"Russia’s war", "Russia's war.", "=[Russia's war.]"},
        {"", "new words", "+[new words]"},
        {"old words", "", "-[old words]"},
        {"a b c d", "a x c d", "=[a] -[b] +[x] =[c d]"},
        {"We Will", "we will", "=[we will]"},
    };
    for (const auto& r : table) {
        CAPTURE(r.base);
        CAPTURE(r.variant);
        CHECK(render(word_diff(r.base, r.variant)) == r.expect);
    }
}

TEST_CASE("a long pair falls back to its common ends") {
    std::string a, b;
    for (int k = 0; k < 3000; ++k) {
        const auto n = std::to_string(k);
        a += 'w';
        a += n;
        a += ' ';
        b += 'v';
        b += n;
        b += ' ';
    }
    const auto d = word_diff("same " + a + "end", "same " + b + "end");
    REQUIRE(d.size() == 4);
    CHECK(d[0].what == op::same);
    CHECK(d[1].what == op::removed);
    CHECK(d[2].what == op::added);
    CHECK(d[3].words == "end");
}

TEST_CASE("a statement's report: first report, dates that disagree, the fullest version as base") {
    const auto r = build(sample());
    CHECK(r.articles == 3);
    CHECK(r.outlets == 2);
    CHECK(r.unnamed == std::vector<std::string>{"001.txt"});
    REQUIRE(r.statements.size() == 1);
    const auto& s = r.statements[0];
    CHECK(s.id == "s1");
    CHECK(s.speaker == "Antony Blinken");
    CHECK(s.first_published == "2024-06-18");
    CHECK(s.first_reports == std::vector<std::string>{"003.txt"});
    CHECK(s.said == std::vector<std::string>{"2024-06-17", "2024-06-18"});
    CHECK(s.cited == std::vector<std::string>{"TASS"});
    REQUIRE(s.tellings.size() == 3);
    CHECK(s.tellings[0].article == "003.txt");  // by date, unknown last
    CHECK(s.tellings[2].article == "001.txt");
    CHECK(s.tellings[2].base);                  // the fullest direct version
    CHECK(s.tellings[2].diff.empty());
    CHECK(render(s.tellings[1].diff) == "=[We will] -[continue to] =[block the support] -[| *all* of it]");
    CHECK(build(sample(), 4).statements.empty());
}

TEST_CASE("dates without a year or a month: which agree, and how people read them") {
    CHECK(dates_agree("--06-18", "2024-06-18"));
    CHECK(dates_agree("---17", "2024-06-17"));
    CHECK(dates_agree("2024", "2024-06-18"));
    CHECK(dates_agree("--06", "--06-18"));
    CHECK_FALSE(dates_agree("---17", "2024-06-18"));
    CHECK_FALSE(dates_agree("--06-18", "2023-07-18"));
    CHECK_FALSE(dates_agree("", "2024-06-18"));
    CHECK(readable_date("2024-06-18") == "2024-06-18");
    CHECK(readable_date("--06-18") == "June 18 (no year given)");
    CHECK(readable_date("--12") == "December (no year given)");
    CHECK(readable_date("---17") == "the 17th (no month given)");
    CHECK(readable_date("---01") == "the 1st (no month given)");
    CHECK(readable_date("---12") == "the 12th (no month given)");
    CHECK(readable_date("---22") == "the 22nd (no month given)");
    CHECK(readable_date("").empty());
}

TEST_CASE("Markdown escapes the text it quotes and says when the dates disagree") {
    std::ostringstream out;
    write_markdown(out, build(sample()));
    const auto md = out.str();
    CHECK(md.find("## s1 · Antony Blinken") != std::string::npos);
    CHECK(md.find("\\| \\*all\\* of it") != std::string::npos);
    CHECK(md.find("the articles disagree: 2024-06-17 (003.txt); 2024-06-18 (000.txt)") != std::string::npos);
    CHECK(md.find("*no outlet named*") != std::string::npos);
    CHECK(md.find("~~continue to~~") != std::string::npos);
    CHECK(md.find("Cited sources: TASS.") != std::string::npos);
}

TEST_CASE("HTML escapes names and marks the differences") {
    std::ostringstream out;
    write_html(out, build(sample()));
    const auto html = out.str();
    CHECK(html.find("The &lt;Asia&gt; Business Daily") != std::string::npos);
    CHECK(html.find("<Asia>") == std::string::npos);
    CHECK(html.find("<del>continue to</del>") != std::string::npos);
    CHECK(html.find("class=\"timeline\"") != std::string::npos);
    CHECK(html.find("http") == std::string::npos);  // nothing fetched from a network
}

TEST_CASE("JSON carries every telling with its diff") {
    std::ostringstream out;
    write_json(out, build(sample()));
    const auto json = out.str();
    CHECK(json.find("\"said_disagree\": true") != std::string::npos);
    CHECK(json.find("\"op\": \"removed\"") != std::string::npos);
    CHECK(json.find("\"outlet\": null") != std::string::npos);
}
