// The WordNet reader: a tiny hand-written database (the format, pointers,
// exceptions, errors), then Debian's WordNet 3.0 when it is installed (what it
// really says about the word pairs of the seeds, and how fast it loads).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "quotetrace/match.hpp"
#include "test_support.hpp"

using namespace quotetrace;
namespace fs = std::filesystem;

namespace {

// A folder of WordNet files written by the test, removed afterwards.
class tiny_wordnet : public test::temp_dir {
public:
    tiny_wordnet() : temp_dir("quotetrace_wordnet_test") {
        const std::string licence = "  1 This software and database is being provided to you, the LICENSEE\n";
        write("data.noun", licence +
                               "00001000 05 n 02 cat 0 true_cat 0 001 @ 00002000 n 0000 | feline mammal\n"
                               "00002000 05 n 01 feline 0 000 | any of the cats\n"
                               "00003000 05 n 02 mouse 0 Computer_Mouse 0 000 | rodent, or pointer\n");
        write("data.verb", licence +
                               "00001000 40 v 03 supply 0 provide 0 render 1 002 + 00001000 n 0101 "
                               "$ 00002000 v 0000 01 + 08 00 | give something useful\n"
                               "00002000 40 v 01 equip 0 000 01 + 08 00 | provide with gear\n");
        write("data.adj", licence + "00001000 00 a 02 important(a) 0 significant 0 000 | of great value\n");
        write("data.adv", licence);
        write("noun.exc", "mice mouse\n");
        write("verb.exc", "supplied supply\n");
    }
};

struct failure {
    std::string id, what;
};

failure load_failure(const std::string& dir) {
    try {
        (void)match::wordnet::load(dir);
    } catch (const error& e) {
        return {e.id(), e.what()};
    }
    return {};
}

std::string load_failure_of_open(const std::string& dir) {
    try {
        (void)match::wordnet::open(dir);
    } catch (const error& e) {
        return e.id();
    }
    return {};
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

const std::string system_dir = "/usr/share/wordnet";

}  // namespace

TEST_CASE("a tiny database: lemmas, synsets, pointers and exceptions") {
    const tiny_wordnet t;
    const auto wn = match::wordnet::load(t.dir());
    CHECK(wn.synset_count() == 6);
    CHECK(wn.lemma_count() == 11);  // cat, true cat, feline, mouse, computer mouse, supply, provide, render, equip, important, significant
    CHECK(wn.synonyms("supply", "provide"));
    CHECK(wn.synonyms("provide", "render"));
    CHECK(wn.synonyms("important", "significant"));  // the (a) marker is not part of the lemma
    CHECK(wn.synonyms("cat", "true cat"));            // underscores become spaces
    CHECK(wn.synonyms("Computer_Mouse", "mouse"));    // case and underscores of the query fold too
    CHECK_FALSE(wn.synonyms("cat", "feline"));
    CHECK(wn.related("cat", "feline"));       // hypernym: one semantic pointer, from every word
    CHECK(wn.related("feline", "true cat"));  // either direction
    CHECK(wn.related("supply", "equip"));     // verb group
    CHECK(wn.related("supply", "cat"));       // the lexical pointer leaves from "supply" ...
    CHECK_FALSE(wn.related("provide", "cat"));  // ... and from no other word of the synset
    CHECK_FALSE(wn.related("mouse", "cat"));
    // morphology: exception lists, then detachment rules kept only for known lemmas
    CHECK(has(wn.lemmas("mice"), "mouse"));
    CHECK(has(wn.lemmas("supplied"), "supply"));
    CHECK(has(wn.lemmas("supplies"), "supply"));
    CHECK(has(wn.lemmas("providing"), "provide"));
    CHECK(has(wn.lemmas("provided"), "provide"));
    CHECK(has(wn.lemmas("cats"), "cat"));
    CHECK(wn.lemmas("dogs").empty());
    CHECK(wn.synonyms("supplying", "provided"));
    // synset ids carry the part of speech in the top two bits
    const auto ids = wn.synsets("cat");
    REQUIRE(ids.size() == 1);
    CHECK(ids[0] == 1000u);
    CHECK(wn.synsets("supply").at(0) == ((1u << 30) | 1000u));
}

TEST_CASE("an empty wordnet knows no words") {
    const match::wordnet wn;
    CHECK(wn.empty());
    CHECK(wn.lemmas("cat").empty());
    CHECK_FALSE(wn.synonyms("supply", "provide"));
    CHECK_FALSE(wn.related("cat", "cat"));
}

TEST_CASE("missing and malformed files are set-up errors with stable ids") {
    SUBCASE("no folder") {
        const auto f = load_failure("/nonexistent/wordnet");
        CHECK(f.id == "wordnet.missing");
        CHECK(f.what.find("/nonexistent/wordnet/data.noun") != std::string::npos);
    }
    SUBCASE("one data file missing") {
        const tiny_wordnet t;
        t.remove("data.adv");
        const auto f = load_failure(t.dir());
        CHECK(f.id == "wordnet.missing");
        CHECK(f.what.find("data.adv") != std::string::npos);
    }
    SUBCASE("exception lists are optional") {
        const tiny_wordnet t;
        t.remove("noun.exc");
        const auto wn = match::wordnet::load(t.dir());
        CHECK_FALSE(has(wn.lemmas("mice"), "mouse"));
        CHECK(has(wn.lemmas("cats"), "cat"));
    }
    SUBCASE("a malformed synset line names the file and line") {
        const tiny_wordnet t;
        t.write("data.verb", "  1 licence\n00001000 40 v 03 supply 0 provide 0 | too few words\n");
        const auto f = load_failure(t.dir());
        CHECK(f.id == "wordnet.syntax");
        CHECK(f.what.find("data.verb:2") != std::string::npos);
    }
    SUBCASE("a malformed pointer") {
        const tiny_wordnet t;
        t.write("data.adj", "00001000 00 a 01 good 0 001 & 0000x000 a 0000 | bad offset\n");
        const auto f = load_failure(t.dir());
        CHECK(f.id == "wordnet.syntax");
        CHECK(f.what.find("data.adj:1") != std::string::npos);
    }
}

TEST_CASE("WordNet 3.0 as Debian installs it") {
    if (!fs::exists(system_dir + "/data.noun")) {
        MESSAGE("skipped: " << system_dir << " is absent (apt-get install wordnet-base)");
        return;
    }
    // loaded once: doctest runs the test case again for each subcase
    static double ms = 0;
    static const auto wn = [] {
        const auto start = std::chrono::steady_clock::now();
        auto loaded = match::wordnet::load(system_dir);
        ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        MESSAGE("WordNet loaded in " << ms << " ms");
        return loaded;
    }();
    WARN(ms < 1000);   // the target; a busy machine may miss it
    CHECK(ms < 5000);  // a regression to many small allocations would not
    CHECK(wn.synset_count() == 117659);
    CHECK(wn.lemma_count() == 147306);

    SUBCASE("base forms of inflected words") {
        struct base_case {
            const char* word;
            const char* base;
        };
        const base_case cases[] = {
            {"matters", "matter"}, {"provided", "provide"}, {"supplying", "supply"}, {"witnessed", "witness"},
            {"seen", "see"},       {"went", "go"},          {"countries", "country"}, {"leaders", "leader"},
            {"stopped", "stop"},   {"better", "good"},      {"mice", "mouse"},
        };
        for (const auto& c : cases) {
            const std::string word = c.word;
            CAPTURE(word);
            CHECK(has(wn.lemmas(c.word), c.base));
        }
    }
    SUBCASE("what WordNet says about the seeds' word pairs") {
        struct pair_case {
            const char* a;
            const char* b;
            bool synonyms, related;
        };
        const pair_case cases[] = {
            // {provide, supply, ply, cater}
            {"supply", "provide", true, true},
            {"supplying", "providing", true, true},
            // {witness, find, see}
            {"witness", "see", true, true},
            {"witnessed", "seen", true, true},
            // {obstruct, blockade, block, hinder, ...} is a kind of {prevent, forestall, ...}
            {"block", "prevent", false, true},
            // "matter" (v) is {count, matter, weigh}; "important" shares no sense
            // with it and is not one pointer away: the seeds' pair meets only
            // through the rest of the sentence
            {"matters", "important", false, false},
            {"important", "significant", true, true},
            {"encouraging", "promoting", true, true},
            {"cat", "stock", false, false},
            {"Europe", "Asia", false, false},
        };
        for (const auto& c : cases) {
            const std::string pair = std::string(c.a) + " / " + c.b;
            CAPTURE(pair);
            CHECK(wn.synonyms(c.a, c.b) == c.synonyms);
            CHECK(wn.related(c.a, c.b) == c.related);
            CHECK(wn.synonyms(c.b, c.a) == c.synonyms);
        }
    }
    SUBCASE("multi-word lemmas and capitalised ones") {
        CHECK_FALSE(wn.synsets("north korea").empty());
        CHECK_FALSE(wn.synsets("North_Korea").empty());
        CHECK(wn.synonyms("United States", "US"));
    }
}

TEST_CASE("an opened WordNet answers as the loaded one, word for word") {
    if (!fs::exists(system_dir + "/index.noun")) {
        MESSAGE("skipped: " << system_dir << " is absent (apt-get install wordnet-base)");
        return;
    }
    CHECK(load_failure_of_open("/nonexistent/wordnet") == "wordnet.missing");
    const auto start = std::chrono::steady_clock::now();
    const auto lazy = match::wordnet::open(system_dir);
    const double open_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("WordNet opened in " << open_ms << " ms");
    CHECK(open_ms < 100);  // a read of every file would take far longer
    CHECK_FALSE(lazy.empty());
    const auto full = match::wordnet::load(system_dir);

    // every word of the seed articles, and inflected forms, multi-word lemmas
    // and words WordNet does not know
    std::vector<std::string> words = {"matters", "provided", "went", "mice", "better", "stopped", "north korea",
                                      "prime minister", "xyzzyq", "", "a", "zzz", "'s", "carrying", "teeth"};
    for (const auto& entry : fs::directory_iterator(QUOTETRACE_SOURCE_GRAMMARS "/../seeds")) {
        std::ifstream in(entry.path());
        std::string w;
        while (in >> w) {
            std::string clean;
            for (const char c : w)
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-') clean.push_back(c);
            if (!clean.empty()) words.push_back(clean);
        }
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    REQUIRE(words.size() > 500);
    std::size_t known = 0;
    for (const auto& w : words) {
        CAPTURE(w);
        CHECK(lazy.lemmas(w) == full.lemmas(w));
        CHECK(lazy.synsets(w) == full.synsets(w));
        CHECK(lazy.neighbours(w) == full.neighbours(w));
        known += !full.synsets(w).empty();
    }
    CHECK(known > words.size() / 2);
    CHECK(lazy.related("block", "prevent") == full.related("block", "prevent"));
    CHECK(lazy.synonyms("supply", "provide"));
}
