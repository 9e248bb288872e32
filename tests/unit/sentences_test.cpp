// Sentence boundaries: abbreviations, initials, and quotes kept opaque.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "src/extract/marks.hpp"
#include "src/extract/sentences.hpp"
#include "test_support.hpp"

using namespace quotetrace;

namespace {

const extract::mark_table& marks() {
    static const extract::mark_table table = [] {
        const auto& lex = test::english();
        std::size_t single = lex.quote_marks.size();
        for (std::size_t i = 0; i < lex.quote_marks.size(); ++i)
            if (lex.quote_marks[i].first == "\xE2\x80\x98") { single = i; break; }
        return extract::mark_table(lex.quote_marks, single);
    }();
    return table;
}

// The sentence spans of paragraph `para` of `t`, its quotes found as the
// extractor finds them (outermost only).
std::vector<span> split(const std::string& t, span para) {
    const auto found = extract::find_quotes(t, {para}, marks(), 1 << 16);
    std::vector<const extract::quoted*> outer;
    for (const auto& q : found)
        if (q.depth == 0) outer.push_back(&q);
    return extract::split_sentences(t, para, outer);
}

using list = std::vector<std::string>;

list sentences(const std::string& t) {
    list out;
    for (const auto& s : split(t, {0, t.size()})) out.emplace_back(s.in(t));
    return out;
}

struct row {
    std::string in;
    list want;
};

void run(const std::vector<row>& rows) {
    for (const auto& r : rows) {
        CAPTURE(r.in);
        const auto got = sentences(r.in);
        CHECK(got.size() == r.want.size());
        for (std::size_t i = 0; i < got.size() && i < r.want.size(); ++i) {
            CAPTURE(i);
            CHECK(got[i] == r.want[i]);
        }
    }
}

}  // namespace

TEST_CASE("abbreviations and initials do not end a sentence") {
    run({
        {"Mr. Trump met Dr. Jill Biden at the White House. They spoke for an hour.",
         {"Mr. Trump met Dr. Jill Biden at the White House.", "They spoke for an hour."}},
        {"U.S. Secretary of State Antony Blinken arrived in Beijing on Friday. He met Xi Jinping.",
         {"U.S. Secretary of State Antony Blinken arrived in Beijing on Friday.", "He met Xi Jinping."}},
        {"The march ended in Washington, D.C. Mayor Muriel Bowser thanked the crowd.",
         {"The march ended in Washington, D.C. Mayor Muriel Bowser thanked the crowd."}},
        {"Donald J. Trump said he would appeal. His lawyers agreed.",
         {"Donald J. Trump said he would appeal.", "His lawyers agreed."}},
        {"Gen. Mark Milley and Sen. Elizabeth Warren spoke. Both left early.",
         {"Gen. Mark Milley and Sen. Elizabeth Warren spoke.", "Both left early."}},
        {"The envoy met officials of the U.N. Security Council and the U.K. Foreign Office.",
         {"The envoy met officials of the U.N. Security Council and the U.K. Foreign Office."}},
        {"Prof. Anne Applebaum (U.S. historian) spoke first. St. Petersburg was next.",
         {"Prof. Anne Applebaum (U.S. historian) spoke first.", "St. Petersburg was next."}},
        {"Mr.\xC2\xA0Stoltenberg spoke.\xC2\xA0The allies listened.",
         {"Mr.\xC2\xA0Stoltenberg spoke.", "The allies listened."}},
    });
}

TEST_CASE("question marks, exclamation marks, ellipses and digits") {
    run({
        {"Is China fuelling the war? Stoltenberg thinks so. The allies agree!",
         {"Is China fuelling the war?", "Stoltenberg thinks so.", "The allies agree!"}},
        {"What now?! Nobody knew.", {"What now?!", "Nobody knew."}},
        {"He paused... Then he spoke again.", {"He paused...", "Then he spoke again."}},
        {"The vote was 30-2. 12 allies backed the plan.", {"The vote was 30-2.", "12 allies backed the plan."}},
        {"Sweden joined NATO in March (the 32nd member.) Its troops arrived in Latvia soon after.",
         {"Sweden joined NATO in March (the 32nd member.)", "Its troops arrived in Latvia soon after."}},
        {"The talks failed. “We tried,” he said.", {"The talks failed.", "“We tried,” he said."}},
        {"Prices rose 3.5 percent in May. Analysts were surprised.",
         {"Prices rose 3.5 percent in May.", "Analysts were surprised."}},
        {"no capital after this. so one sentence.", {"no capital after this. so one sentence."}},
        {"One sentence without a final stop", {"One sentence without a final stop"}},
    });
}

TEST_CASE("quotes are opaque") {
    run({
        // a period inside a quote does not end the framing sentence
        {"“We will not let Ukraine fall to Russia.” he said.", {"“We will not let Ukraine fall to Russia.” he said."}},
        {"“China is fuelling the war in Ukraine. It cannot have it both ways,” Stoltenberg said. He left.",
         {"“China is fuelling the war in Ukraine. It cannot have it both ways,” Stoltenberg said.", "He left."}},
        {"“Is this the end?” she asked. Nobody answered.", {"“Is this the end?” she asked.", "Nobody answered."}},
        {"He told reporters that the alliance was “ready. Fully ready” to respond.",
         {"He told reporters that the alliance was “ready. Fully ready” to respond."}},
        {"\"Mr. Putin is not welcome here. Not now,\" the minister said.",
         {"\"Mr. Putin is not welcome here. Not now,\" the minister said."}},
        // a quote that ends in a stop, followed by a capital, ends the sentence too
        {"“China cannot have it both ways.” Stoltenberg said this at the Wilson Center.",
         {"“China cannot have it both ways.”", "Stoltenberg said this at the Wilson Center."}},
        {"“We will respond!” Peskov warned.", {"“We will respond!”", "Peskov warned."}},
        {"Le ministre a déclaré : « Nous ne céderons pas. » Puis il est parti.",
         {"Le ministre a déclaré : « Nous ne céderons pas. »", "Puis il est parti."}},
        {"He said “the war must end.” Then he left.", {"He said “the war must end.”", "Then he left."}},
        // a quote that never closes still hides its stops
        {"Stoltenberg said: “China cannot. Russia will not.", {"Stoltenberg said: “China cannot. Russia will not."}},
    });
}

TEST_CASE("sentences cover their paragraph and carry byte offsets into the text") {
    const std::string t =
        "NATO chief warns China\n"
        "  NATO Secretary General Jens Stoltenberg spoke in Washington. “China cannot have it both ways,” he said. "
        "Mr. Blinken agreed!  \n"
        "Next paragraph.";
    const std::size_t b = t.find('\n') + 1;
    const std::size_t e = t.find('\n', b);
    const list want = {"NATO Secretary General Jens Stoltenberg spoke in Washington.",
                       "“China cannot have it both ways,” he said.", "Mr. Blinken agreed!"};
    const auto got = split(t, {b, e});
    REQUIRE(got.size() == want.size());
    std::size_t prev = b;
    for (std::size_t i = 0; i < got.size(); ++i) {
        CAPTURE(i);
        CHECK(got[i].in(t) == want[i]);
        CHECK(got[i].begin == t.find(want[i]));
        CHECK(got[i].begin >= prev);
        CHECK(got[i].end <= e);
        // only spaces between one sentence and the next
        CHECK(t.substr(prev, got[i].begin - prev).find_first_not_of(' ') == std::string::npos);
        prev = got[i].end;
    }
    CHECK(t.substr(prev, e - prev).find_first_not_of(' ') == std::string::npos);
    CHECK(split(t, {b, b}).empty());
}

TEST_CASE("issue: a sentence ending in the word “no” is not an abbreviation") {
    // "no" is in the list for "No. 10 Downing Street"; matched case-insensitively it
    // also swallows the boundary after "said no."
    run({
        {"Asked whether NATO would send troops to Ukraine, Stoltenberg said no. He added that the alliance would "
         "keep arming Kyiv.",
         {"Asked whether NATO would send troops to Ukraine, Stoltenberg said no.",
          "He added that the alliance would keep arming Kyiv."}},
        {"The prime minister moved to No. 10 Downing Street. She said no. Then she left.",
         {"The prime minister moved to No. 10 Downing Street.", "She said no.", "Then she left."}},
    });
}
