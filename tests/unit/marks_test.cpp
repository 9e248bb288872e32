// Quote-mark pairing: apostrophes, nesting, multi-paragraph quotes, recovery.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "src/extract/marks.hpp"
#include "test_support.hpp"

using namespace quotetrace;

namespace {

std::size_t singles(const lexicon& lex) {
    for (std::size_t i = 0; i < lex.quote_marks.size(); ++i)
        if (lex.quote_marks[i].first == "\xE2\x80\x98") return i;
    return lex.quote_marks.size();
}

// Outermost quote contents of a text whose paragraphs are its lines.
std::vector<std::string> outer(const std::string& t, bool all_depths = false) {
    const auto& lex = test::english();
    extract::mark_table marks(lex.quote_marks, singles(lex));
    std::vector<span> paras;
    std::size_t pos = 0;
    while (pos <= t.size()) {
        auto nl = t.find('\n', pos);
        if (nl == std::string::npos) nl = t.size();
        if (nl > pos) paras.push_back({pos, nl});
        pos = nl + 1;
    }
    std::vector<std::string> out;
    for (const auto& q : extract::find_quotes(t, paras, marks, 1 << 16))
        if (all_depths || q.depth == 0) out.emplace_back(q.content.in(t));
    return out;
}

using list = std::vector<std::string>;

}  // namespace

TEST_CASE("typographic and straight marks") {
    struct row { std::string in; list want; };
    const std::vector<row> rows = {
        {"He said, “We will win,” and left.", {"We will win"}},
        {"\"We will win,\" Trump said.", {"We will win"}},
        {"Le ministre a dit « nous gagnerons » hier.", {"nous gagnerons"}},
        {"Er sagte: „Wir schaffen das“ und ging.", {"Wir schaffen das"}},
        {"彼は「勝つ」と言った。", {"勝つ"}},
        {"It was ‘a disgrace’, she said.", {"a disgrace"}},
        {"“One,” he said. “Two.”", {"One", "Two."}},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(outer(r.in) == r.want);
    }
}

TEST_CASE("apostrophes are not quote marks") {
    struct row { std::string in; list want; };
    const std::vector<row> rows = {
        {"Russia’s war and China’s support.", {}},
        {"The Joneses' house is 'big' now.", {"big"}},
        {"The Joneses’ house, he said, “is ours.”", {"is ours."}},
        {"Back in the ’90s we didn't care.", {}},
        {"“Russia’s war is China’s war,” he said.", {"Russia’s war is China’s war"}},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(outer(r.in) == r.want);
    }
}

TEST_CASE("nesting") {
    const std::string t = "“You must stop supporting Russia's 'war machine.'” he said.";
    CHECK(outer(t) == list{"You must stop supporting Russia's 'war machine.'"});
    CHECK(outer(t, true) == list{"You must stop supporting Russia's 'war machine.'", "war machine."});
    // two apostrophes as quotation marks, one for a quote inside: the three
    // at the end close the inner quote, then the outer
    const std::string n = "''I said, 'No more,''' he recalled.";
    CHECK(outer(n, true) == list{"I said, 'No more,'", "No more"});
    const std::string u = "“He told me ‘never again’ twice,” she said.";
    CHECK(outer(u, true) == list{"He told me ‘never again’ twice", "never again"});
}

TEST_CASE("a quote over several paragraphs opens each and closes the last") {
    const std::string t = "“First paragraph of the speech.\n“Second paragraph, still quoted,” he said.\nAfter.";
    const auto q = outer(t);
    REQUIRE(q.size() == 1);
    CHECK(q[0].find("First paragraph") == 0);
    CHECK(q[0].find("still quoted") != std::string::npos);
}

TEST_CASE("unbalanced marks recover locally") {
    const std::string t = "He said “this never closes.\nNext paragraph with “a real quote” here.\n";
    const auto q = outer(t);
    REQUIRE(q.size() == 2);
    CHECK(q[0] == "this never closes.");
    CHECK(q[1] == "a real quote");
    // a stray closing mark swallows nothing
    CHECK(outer("Stray” mark, then “fine” text.") == list{"fine"});
}

TEST_CASE("a closing mark typed to open a paragraph's quote, before a space") {
    // it opens when a closing mark follows in the paragraph
    CHECK(outer("” … what I learned is that words matter,” he said.") == list{"… what I learned is that words matter"});
    CHECK(outer("\" ... they are not like him,\" she said.") == list{"... they are not like him"});
    // with nothing after it, or past the paragraph's start, it is stray
    CHECK(outer("” … and that was all.").empty());
    CHECK(outer("He left ” … then “fine” text.") == list{"fine"});
    // a quote left open from the paragraph before is carried, not reopened
    CHECK(outer("“First part,\n“second part,” she said.") == list{"First part,\n“second part"});
}

TEST_CASE("an opening mark typed where the closing one belongs closes the quote") {
    CHECK(outer("“It is unusual,“ said Larry Noble. “It is a hard thing.”") == list{"It is unusual", "It is a hard thing."});
    // before a word it still opens, and the German pairing is unchanged
    CHECK(outer("“One “two” three.”", true) == list{"One “two” three.", "two"});
    CHECK(outer("Er sagte: „Wir schaffen das“ und ging.") == list{"Wir schaffen das"});
}

TEST_CASE("issue #2 - a related-story link's single quotes stay one short span") {
    CHECK(outer("US calls ties trend of 'great concern' ahead of Putin's visit") == list{"great concern"});
}

TEST_CASE("limits: marks deeper than the depth are text, longer quotes are left out, each counted") {
    const auto& lex = test::english();
    extract::mark_table marks(lex.quote_marks, singles(lex));
    auto run = [&](const std::string& t, std::size_t max_bytes, std::size_t max_depth, extract::limit_hits& hits) {
        std::vector<std::string> out;
        for (const auto& q : extract::find_quotes(t, {{0, t.size()}}, marks, max_bytes, max_depth, &hits))
            out.emplace_back(q.content.in(t));
        return out;
    };
    SUBCASE("three deep with a depth of two: the innermost opening mark is text") {
        extract::limit_hits hits;
        const std::string t = "“a ‘b “c” d’ e,” he said.";
        CHECK(run(t, 1 << 16, 3, hits) == list{"a ‘b “c” d’ e", "b “c” d", "c"});
        CHECK(hits.too_deep == 0);
        // its closing mark then closes the outermost quote, as an unbalanced one would
        CHECK(run(t, 1 << 16, 2, hits) == list{"a ‘b “c"});
        CHECK(hits.too_deep == 1);
        CHECK(hits.first_too_deep == t.find("“c"));
        CHECK(hits.too_long == 0);
    }
    SUBCASE("100,000 opening marks cost a bounded stack and one count each") {
        extract::limit_hits hits;
        std::string t;
        for (int k = 0; k < 100000; ++k) t += "“w ";
        CHECK(run(t, 1 << 16, 64, hits).empty());
        CHECK(hits.too_deep == 100000 - 64);
        CHECK(hits.first_too_deep == 64 * std::string("“w ").size());
    }
    SUBCASE("past the count limit the rest is not searched, and the place is kept") {
        extract::limit_hits hits;
        const std::string t = "“a” “b” “c” “d”";
        std::vector<std::string> out;
        for (const auto& q : extract::find_quotes(t, {{0, t.size()}}, marks, 1 << 16, 64, &hits, 2))
            out.emplace_back(q.content.in(t));
        CHECK(out == list{"a", "b"});
        CHECK(hits.too_many == 1);
        CHECK(hits.first_too_many == t.find("“c"));
        extract::limit_hits exact;
        CHECK(extract::find_quotes(t, {{0, t.size()}}, marks, 1 << 16, 64, &exact, 4).size() == 4);
        CHECK(exact.too_many == 0);
    }
    SUBCASE("a quote over the length limit is left out; a short one beside it stays") {
        extract::limit_hits hits;
        const std::string t = "“" + std::string(40, 'x') + "” and “short” he said.";
        CHECK(run(t, 20, 64, hits) == list{"short"});
        CHECK(hits.too_long == 1);
        CHECK(hits.first_too_long == 0);
    }
}
