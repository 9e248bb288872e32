// The canonical form of a quote: case and compatibility folding, quote marks
// and punctuation, British and American spelling, numbers, stems, stop words,
// person folding, reporting frames, sentences and byte spans.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "quotetrace/match.hpp"
#include "src/match/data.hpp"
#include "src/match_cache_dir.hpp"

using namespace quotetrace;

namespace {

const match::canonicalizer& canon() {
    static const match::canonicalizer c(QUOTETRACE_SOURCE_GRAMMARS "/en");
    return c;
}

using list = std::vector<std::string>;

// The canonical surfaces of every token, space-separated.
std::string surfaces(const std::string& text) {
    std::string out;
    for (const auto& t : canon().tokens(text)) {
        if (!out.empty()) out += ' ';
        out += t.surface;
    }
    return out;
}

// The stems of the content tokens only.
std::string content_stems(const std::string& text) {
    std::string out;
    for (const auto& t : canon().tokens(text)) {
        if (!t.content) continue;
        if (!out.empty()) out += ' ';
        out += t.stem;
    }
    return out;
}

struct fold_case {
    const char* text;
    const char* surfaces;
};

}  // namespace

TEST_CASE("British spellings become American ones, inflections included") {
    const fold_case cases[] = {
        {"programmes", "programs"},      {"programme", "program"},      {"fuelling", "fueling"},
        {"fuelled", "fueled"},           {"travelled", "traveled"},      {"cancelling", "canceling"},
        {"colour", "color"},             {"colours", "colors"},          {"honourable", "honorable"},
        {"favourite", "favorite"},       {"neighbouring", "neighboring"}, {"organise", "organize"},
        {"organised", "organized"},      {"organising", "organizing"},   {"organisation", "organization"},
        {"recognises", "recognizes"},    {"criticised", "criticized"},   {"analysed", "analyzed"},
        {"paralysing", "paralyzing"},    {"centre", "center"},           {"theatres", "theaters"},
        {"centred", "centered"},         {"defence", "defense"},         {"licences", "licenses"},
        {"judgement", "judgment"},       {"catalogue", "catalog"},       {"manoeuvres", "maneuvers"},
        {"paediatric", "pediatric"},     {"ageing", "aging"},            {"towards", "toward"},
        {"fulfilment", "fulfillment"},   {"sceptical", "skeptical"},     {"tyres", "tires"},
        {"grey", "gray"},                {"aluminium", "aluminum"},      {"jewellery", "jewelry"},
        // American spellings and words outside the classes stay as they are
        {"programs", "programs"},        {"color", "color"},             {"central", "central"},
        {"advertise", "advertise"},      {"compromise", "compromise"},   {"revise", "revise"},
    };
    for (const auto& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        CHECK(surfaces(c.text) == c.surfaces);
    }
    CHECK(canon().fold_word("fuelling") == "fueling");
    CHECK(content_stems("the programmes") == content_stems("the programs"));
    CHECK(content_stems("China is fuelling the war") == content_stems("China is fueling the war"));
}

TEST_CASE("case and compatibility forms fold (NFKC_Casefold)") {
    const fold_case cases[] = {
        {"NATO", "nato"},
        {"Europe", "europe"},
        {"ＮＡＴＯ", "nato"},          // full-width letters
        {"Straße", "strasse"},         // ß folds to ss
        {"ﬁnal", "final"},             // the fi ligature
        {"Ångström", "ångström"},
        {"ＡＢＣ　１２３", "abc 123"},  // ideographic space between, full-width digits
    };
    for (const auto& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        CHECK(surfaces(c.text) == c.surfaces);
    }
}

TEST_CASE("quote marks and punctuation are dropped, apostrophes folded") {
    const fold_case cases[] = {
        {"“Yes,” he said.", "yes he said"},
        {"«Oui» — dit-il", "oui dit il"},
        {"„Ja“, sagte er", "ja sagte er"},
        {"‘Fine’", "fine"},
        {"Russia’s war", "russia war"},   // possessive
        {"Russia's war", "russia war"},
        {"doesn’t work", "do not work"},  // contraction, auxiliary folded
        {"can't stop", "can not stop"},
        {"won’t", "will not"},
        {"we’ll see", "he will see"},
        {"rules-based order", "rules based order"},
        {"Korea–Russia", "korea russia"},
        {"Pyongyang and Tehran...", "pyongyang and tehran"},
        {"the U.S. would", "the us will"},  // acronym dots; "US" is not the pronoun
        {"US troops", "us troops"},
    };
    for (const auto& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        CHECK(surfaces(c.text) == c.surfaces);
    }
    const auto us = canon().tokens("the U.S. and us");
    REQUIRE(us.size() == 4);
    CHECK(us[1].content);       // the country
    CHECK(us[3].surface == "him");  // the pronoun, folded and a stop word
    CHECK_FALSE(us[3].content);
}

TEST_CASE("numbers are normalised") {
    const fold_case cases[] = {
        {"1,000 shells", "1000 shells"},
        {"1000 shells", "1000 shells"},
        {"$2.50", "2.5"},
        {"2.0 percent", "2 percent"},
        {"3.4 million", "3.4 million"},
        {"three years", "3 years"},
        {"Ninety", "90"},
        {"90 per cent", "90 percent"},
        {"90%", "90 percent"},
        {"the 1990s", "the 1990"},
        {"version 2.6.0", "version 2.6"},
    };
    for (const auto& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        CHECK(surfaces(c.text) == c.surfaces);
    }
    const auto t = canon().tokens("one million");
    REQUIRE(t.size() == 2);
    CHECK(t[0].number);
    CHECK(t[0].content);
    CHECK_FALSE(t[1].number);
}

TEST_CASE("stems are Snowball English stems of the canonical word") {
    const fold_case cases[] = {
        {"programmes", "program"}, {"providing", "provid"}, {"provided", "provid"}, {"supporting", "support"},
        {"countries", "countri"},  {"country", "countri"},  {"happens", "happen"},  {"relations", "relat"},
        {"witnessed", "wit"},      {"matters", "matter"},   {"intertwined", "intertwin"},
    };
    for (const auto& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        CHECK(content_stems(c.text) == c.surfaces);
    }
    CHECK(match::canonicalizer::stem("generously") == "generous");
}

TEST_CASE("stop words carry no content; first and third person meet") {
    CHECK(content_stems("What happens in Europe is important in Asia") == "happen europ import asia");
    CHECK(content_stems("I have therefore invited the leaders") == content_stems("he has invited the leaders"));
    CHECK(surfaces("I have invited") == surfaces("he has invited"));
    CHECK(surfaces("We will continue") == surfaces("they would continue"));
    const auto t = canon().tokens("We are not sure");
    REQUIRE(t.size() == 4);
    CHECK_FALSE(t[0].content);
    CHECK_FALSE(t[1].content);
    CHECK(t[2].negation);
    CHECK(t[2].content);  // a negation changes the meaning: it counts
    CHECK(t[3].content);
}

TEST_CASE("reporting frames are marked and stop counting as content") {
    struct frame_case {
        const char* text;
        const char* content;
    };
    const frame_case cases[] = {
        {"Stoltenberg said that the alliance must act now.", "allianc act"},
        {"The alliance must act now, he said.", "allianc act"},
        {"The alliance must act now, said the NATO chief.", "allianc act"},
        {"“The alliance must act now,” Stoltenberg told reporters.", "allianc act"},
        {"According to Stoltenberg, the alliance must act now.", "allianc act"},
        {"The alliance must act now, according to the NATO chief.", "allianc act"},
        {"The spokesman told reporters that the alliance must act.", "allianc act"},
        // no frame: a verb of saying without "that", a noun form, a short sentence
        {"Officials said the plant closed.", "offici said plant close"},
        {"The United States reports growth.", "us report growth"},
        {"He said so.", "said"},
    };
    for (const auto& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        CHECK(content_stems(c.text) == c.content);
    }
    const auto t = canon().tokens("Stoltenberg said that the alliance must act.");
    REQUIRE(t.size() == 7);
    CHECK(t[0].frame);
    CHECK(t[1].frame);
    CHECK(t[2].frame);
    CHECK_FALSE(t[3].frame);
}

TEST_CASE("sentences are numbered; abbreviations and acronyms do not end them") {
    struct sentence_case {
        const char* text;
        std::vector<std::uint32_t> sentences;
    };
    const sentence_case cases[] = {
        {"It works. It does.", {0, 0, 1, 1}},
        {"Security is not regional. It's global.", {0, 0, 0, 0, 1, 1}},  // "'s" dropped
        {"Mr. Smith left.", {0, 0, 0}},
        {"The U.S. Army left.", {0, 0, 0, 0}},
        {"It is in Washington D.C. in July.", {0, 0, 0, 0, 0, 0, 0}},
        {"“Go!” He went.", {0, 1, 1}},
        {"doesn't work anymore... Everything is intertwined", {0, 0, 0, 0, 1, 1, 1}},
        {"At some point ... unless China changes", {0, 0, 0, 0, 0, 0}},
    };
    for (const auto& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        std::vector<std::uint32_t> got;
        for (const auto& t : canon().tokens(c.text)) got.push_back(t.sentence);
        CHECK(got == c.sentences);
    }
}

TEST_CASE("every token keeps the byte span of its word in the input") {
    const std::string text = "“Programmes,” he said. 1,000 Ｘ";
    const auto t = canon().tokens(text);
    REQUIRE(t.size() == 5);
    CHECK(text.substr(t[0].begin, t[0].end - t[0].begin) == "Programmes");
    CHECK(t[0].begin == 3);  // after the three bytes of “
    CHECK(text.substr(t[1].begin, t[1].end - t[1].begin) == "he");
    CHECK(text.substr(t[3].begin, t[3].end - t[3].begin) == "1,000");
    CHECK(text.substr(t[4].begin, t[4].end - t[4].begin) == "Ｘ");
    CHECK(t[4].surface == "x");
    // a contraction's two tokens share the word's span
    const std::string c = "doesn’t";
    const auto ct = canon().tokens(c);
    REQUIRE(ct.size() == 2);
    CHECK(ct[0].begin == 0);
    CHECK(ct[1].end == c.size());
}

TEST_CASE("capitals inside a sentence are flagged, the first word's is not") {
    const auto t = canon().tokens("North Korea supplies Russia. Moscow agrees.");
    REQUIRE(t.size() == 6);
    CHECK_FALSE(t[0].capital);  // first word of the sentence
    CHECK(t[1].capital);
    CHECK_FALSE(t[2].capital);
    CHECK(t[3].capital);
    CHECK_FALSE(t[4].capital);
}

TEST_CASE("bad bytes and empty input never throw") {
    CHECK(canon().tokens("").empty());
    CHECK(canon().tokens("“ ” … — !!").empty());
    const std::string bad = "caf\xE9 ok \xFF\xFE end";
    std::vector<match::token> t;
    CHECK_NOTHROW(t = canon().tokens(bad));
    REQUIRE_FALSE(t.empty());
    CHECK(t.back().surface == "end");
}

TEST_CASE("a missing word list is a set-up error naming the file") {
    try {
        match::canonicalizer c("/nonexistent/grammars/en");
        FAIL("no error thrown");
    } catch (const error& e) {
        CHECK(e.id() == "lexicon.missing");
        CHECK(std::string(e.what()).find("/nonexistent/grammars/en") != std::string::npos);
    }
}

TEST_CASE("the build's precompiled word lists give what the YAML gives") {
    // a copy of the folder with one more comment in each file holds other
    // bytes, so yaml-cpp reads it
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("quotetrace_canonical_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const char* name : {"spelling.yaml", "stopwords.yaml", "speech_verbs.yaml"}) {
        fs::copy_file(fs::path(QUOTETRACE_SOURCE_GRAMMARS "/en") / name, dir / name, fs::copy_options::overwrite_existing);
        std::ofstream(dir / name, std::ios::app) << "\n# a copy\n";
    }
    CHECK(fs::exists(fs::path(QUOTETRACE_MATCH_CACHE_DIR) / "word_lists.bin"));
    const auto a = match::detail::load_word_lists(QUOTETRACE_SOURCE_GRAMMARS "/en");
    const auto b = match::detail::load_word_lists(dir.string());
    std::error_code ec;
    fs::remove_all(dir, ec);
    CHECK(a.spelling_pairs == b.spelling_pairs);
    CHECK(a.our_or == b.our_or);
    CHECK(a.ise_ize == b.ise_ize);
    CHECK(a.yse_yze == b.yse_yze);
    CHECK(a.re_er == b.re_er);
    CHECK(a.ence_ense == b.ence_ense);
    CHECK(a.doubled_l == b.doubled_l);
    CHECK(a.numbers == b.numbers);
    CHECK(a.names == b.names);
    CHECK(a.stop == b.stop);
    CHECK(a.fold == b.fold);
    CHECK(a.negations == b.negations);
    CHECK(a.abbreviations == b.abbreviations);
    CHECK(a.speech_verbs == b.speech_verbs);
    CHECK(a.also_nouns == b.also_nouns);
    CHECK_FALSE(a.stop.empty());
}

TEST_CASE("names written in other words fold to one form, keeping the span of the whole") {
    CHECK(content_stems("the leaders of the Republic of Korea") == content_stems("the leaders of South Korea"));
    CHECK(content_stems("DPRK missiles") == content_stems("North Korea's missiles"));
    CHECK(content_stems("the United States of America") == content_stems("the US"));
    // only whole names: "united" alone, or the words out of order, stay
    CHECK(content_stems("a united front") == "unit front");
    CHECK(content_stems("Korea, Republic of") != content_stems("South Korea"));
    const std::string text = "He met the Republic of Korea's envoy.";
    const auto t = canon().tokens(text);
    const auto south = std::find_if(t.begin(), t.end(), [](const match::token& x) { return x.surface == "south"; });
    REQUIRE(south != t.end());
    CHECK(text.substr(south->begin, south->end - south->begin) == "Republic of Korea's");
    CHECK(south->capital);
}
