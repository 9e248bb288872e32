// The attribution grammar: noun phrases, cues and frames, table-driven.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/attribution/attribution.hpp"
#include "test_support.hpp"

using namespace quotetrace;

namespace {
const grammar::attribution_grammar& g() {
    static const grammar::attribution_grammar gr(test::english());
    return gr;
}

// A table of inputs and the words a parser should read from the start of
// each ("-" for none).
struct row {
    std::string_view in, want;
};
template <class Parse>
void check_rows(const std::vector<row>& rows, Parse parse) {
    for (const auto& r : rows) {
        CAPTURE(r.in);
        const std::optional<span> s = parse(r.in);
        CHECK((s ? r.in.substr(s->begin, s->size()) : std::string_view("-")) == r.want);
    }
}
}  // namespace

TEST_CASE("subject then cue") {
    struct row { std::string in, np, cue; };
    const std::vector<row> rows = {
        {"Stoltenberg said at the forum", "Stoltenberg", "said"},
        {"he added.", "he", "added"},
        {"He also told reporters that", "He", "told reporters"},
        {"Mr. Trump said on Monday", "Mr. Trump", "said"},
        {"NATO Secretary General Jens Stoltenberg stressed the importance", "NATO Secretary General Jens Stoltenberg", "stressed"},
        {"the NATO chief went on to say that", "the NATO chief", "say"},
        {"The NATO boss then went on to suggest", "The NATO boss", "suggest"},
        {"Hugh Hill, a doctor, said", "Hugh Hill, a doctor,", "said"},
        {"a spokesperson for the ministry said", "a spokesperson for the ministry", "said"},
        {"Russian news agency Interfax reported", "Russian news agency Interfax", "reported"},
        {"Putin's foreign policy adviser said", "Putin's foreign policy adviser", "said"},
        {"The chief of the North Atlantic Treaty Organization (NATO) said Monday",
         "The chief of the North Atlantic Treaty Organization (NATO)", "said"},
        {"Kremlin spokesman Dmitry Peskov, however, said", "Kremlin spokesman Dmitry Peskov, however,", "said"},
        // a party and state after the name
        {"Sen. Ruth Hale (D-Ill.) said", "Sen. Ruth Hale (D-Ill.)", "said"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        // the frame may start at any word; take the leftmost that parses
        std::optional<grammar::frame> f;
        for (std::size_t i = 0; i < r.in.size() && !f; ++i)
            if (i == 0 || r.in[i - 1] == ' ') f = g().subject_cue(r.in, i);
        REQUIRE(f);
        CHECK(std::string(f->np.in(r.in)) == r.np);
        CHECK(std::string(f->cue.in(r.in)).rfind(r.cue, 0) == 0);
    }
}

TEST_CASE("an apposition ends before a verb of saying, a conjunction or a clause") {
    check_rows(
        {
            // ", said," and ", told reporters," are the frame, not more apposition
            {"Hugh Hill, a doctor, said, \"We won.\"", "Hugh Hill, a doctor,"},
            {"Hugh Hill, a doctor, told reporters, \"We won.\"", "Hugh Hill, a doctor,"},
            // "..., and Iran for Russia shows that ..., stating" is a clause
            {"Korea, China, and Iran for Russia shows that security is global, stating", "Korea, China, and Iran"},
            // a quantifier opens a common noun phrase, capitalised or not
            {"Another commenter said, \"We won.\"", "Another commenter"},
            {"another commenter said, \"We won.\"", "another commenter"},
            {"One man wrote, \"We won.\"", "One man"},
            // ... and stops before an auxiliary, or stands alone before a verb
            {"Both sides have argued that it works", "Both sides"},
            {"Most believe that it works", "Most"},
        },
        [](std::string_view in) -> std::optional<span> {
            const auto end = g().subject_end(in, 0);
            return end ? std::optional<span>(span{0, *end}) : std::nullopt;
        });
}

TEST_CASE("no frame where there is none") {
    for (std::string s : {"After meeting with Blinken at the State Department", "The remarks came as Russia",
                          "said the", "But the talks"}) {
        CAPTURE(s);
        CHECK_FALSE(g().subject_cue(s, 0));
    }
    // sentence-initial function words never start a name
    CHECK_FALSE(g().noun_phrase("But Stoltenberg", 0));
    const std::string s = "But Stoltenberg said";
    auto f = g().subject_cue(s, 4);
    REQUIRE(f);
    CHECK(f->np.in(s) == "Stoltenberg");
}

TEST_CASE("cue then subject") {
    const std::string s = "said Stoltenberg at the forum";
    auto f = g().cue_subject(s, 0);
    REQUIRE(f);
    CHECK(f->np.in(s) == "Stoltenberg");
    CHECK(f->cue.in(s) == "said");
    const std::string u = "added the spokesman.";
    auto h = g().cue_subject(u, 0);
    REQUIRE(h);
    CHECK(h->np.in(u) == "the spokesman");
}

TEST_CASE("according to") {
    const std::string s = "according to Russian news agency Interfax.";
    auto f = g().according_to(s, 0);
    REQUIRE(f);
    CHECK(f->np.in(s) == "Russian news agency Interfax");
    const std::string u = "According to observers, the leaders will talk.";
    auto h = g().according_to(u, 0);
    REQUIRE(h);
    CHECK(h->np.in(u) == "observers");
}

TEST_CASE("the longest phrase that ends at a word boundary") {
    // the cue's words, or "-" for none
    check_rows(
        {
            {"told reporters that", "told reporters"},
            {"told reportersx", "told"},  // the phrase ends inside a word: the shorter one
            {"Told Reporters", "Told"},
            {"told-off", "told"},
            {"Add on to it", "Add on"},
            {"went on to say so", "went on to say"},
            {"went on to sayings", "-"},
            {"tol", "-"},
            {"toldx", "-"},
        },
        [](std::string_view in) { return g().cue(in, 0); });
}

TEST_CASE("cues from the lexicon, case-insensitive, whole words") {
    CHECK(g().cue("said,", 0));
    CHECK(g().cue("Said", 0));
    CHECK_FALSE(g().cue("saidx", 0));
    CHECK_FALSE(g().cue("believes that", 0));
    CHECK(g().cue("believes that", 0, true));
    // going on with something is no speech; going on speaking is
    CHECK_FALSE(g().cue("continue to be", 0));
    CHECK_FALSE(g().cue("continued to defend", 0));
    CHECK(g().cue("continued: the", 0));
    CHECK(g().cue("he continued.", 3));
    const char* e_acute = "é";
    const char* close_quote = "”";
    CHECK(grammar::word_char_len(e_acute, e_acute + 2) == 2);
    CHECK(grammar::word_char_len(close_quote, close_quote + 3) == 0);
}
