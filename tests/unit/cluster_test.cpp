// Statement clustering: paraphrases of one utterance by one speaker share a
// statement, other speakers' words and short fragments never join it, ids
// are dense and stable as quotes stream in.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "quotetrace/match.hpp"

using namespace quotetrace;

namespace {

struct engine {
    match::canonicalizer canon{QUOTETRACE_SOURCE_GRAMMARS "/en"};
    match::wordnet wn;
    match::similarity sim;
    engine()
        : wn(load_wordnet()),
          sim(canon, wn, match::calibration::load(QUOTETRACE_SOURCE_GRAMMARS "/../data/similarity.yaml")) {}
    static match::wordnet load_wordnet() {
        try {
            return match::wordnet::load(match::wordnet::default_dir());
        } catch (const error&) {
            return {};
        }
    }
};

const engine& eng() {
    static const engine e;
    return e;
}

using ids = std::vector<std::uint32_t>;

}  // namespace

TEST_CASE("paraphrases of one statement by one speaker share it across documents") {
    match::statement_index idx(eng().sim);
    const auto a = idx.add("What happens in Europe is important in Asia, and what happens in Asia is important to us.",
                           "Jens Stoltenberg", "001");
    const auto b = idx.add("What happens in Europe is important to Asia, and what happens in Asia is important to us.",
                           "Jens Stoltenberg", "003");
    CHECK(a == ids{0});
    CHECK(b == a);
    CHECK(idx.statements() == 1);
    CHECK(idx.speaker(0) == "Jens Stoltenberg");
}

TEST_CASE("another speaker's words found a new statement") {
    match::statement_index idx(eng().sim);
    idx.add("We will continue to do everything possible to block the support provided by countries like Iran and "
            "North Korea to Russia.",
            "Antony Blinken", "001");
    const auto other = idx.add("We will continue to do everything possible to block the support provided by countries "
                               "like Iran and North Korea to Russia.",
                               "Jens Stoltenberg", "002");
    CHECK(other == ids{1});
}

TEST_CASE("unrelated quotes and short fragments stay apart") {
    match::statement_index idx(eng().sim);
    CHECK(idx.add("North Korea is supplying Russia with ammunition.", "Antony Blinken", "a") == ids{0});
    CHECK(idx.add("The summit will be held in Washington next month.", "Antony Blinken", "b") == ids{1});
    CHECK(idx.add("authoritarian", "Antony Blinken", "c") == ids{2});
    CHECK(idx.add("authoritarian", "Antony Blinken", "d") == ids{3});
    CHECK(idx.quotes() == 4);
}

TEST_CASE("an unattributed quote joins only when it is nearly the same words") {
    match::statement_index idx(eng().sim);
    const std::string q = "The idea of dividing security into regional battlefields no longer works.";
    CHECK(idx.add(q, "Jens Stoltenberg", "a") == ids{0});
    CHECK(idx.add(q, "", "b") == ids{0});
    CHECK(idx.add("Security is a matter for every region.", "", "c") == ids{1});
}

TEST_CASE("the very same short words join only when one speaker says them") {
    match::statement_index idx(eng().sim);
    // two content words: too short for a paraphrase, not for a repeat
    CHECK(idx.add("Terrible decision.", "Antony Blinken", "a") == ids{0});
    CHECK(idx.add("terrible decision", "Antony Blinken", "b") == ids{0});
    CHECK(idx.add("Terrible decision.", "Jens Stoltenberg", "c") == ids{1});
    CHECK(idx.add("Terrible decision.", "", "d") == ids{2});
}

TEST_CASE("each sentence of a spliced quote keeps its own statement") {
    match::statement_index idx(eng().sim);
    const std::string first = "North Korea is supplying Russia with artillery shells and ballistic missiles.";
    const std::string second = "The summit in Washington will decide how the alliance supports Ukraine next year.";
    CHECK(idx.add(first, "Antony Blinken", "a") == ids{0});
    // both sentences in one quote: the first joins, the second founds its own
    CHECK(idx.add(first + " " + second, "Antony Blinken", "b") == ids{0, 1});
    // the second printed alone joins the second sentence's statement only
    CHECK(idx.add(second, "Antony Blinken", "c") == ids{1});
    CHECK(idx.statements() == 2);
}

TEST_CASE("a lead's summary joins the sentence of the quote it sums up") {
    match::statement_index idx(eng().sim);
    // the lead reports the first sentence of a quote printed further down
    // the same story, with words of its own around it
    const std::string lead = "voiced his worry that rising interest rates could slow the housing market in the "
                             "northern provinces before the spring election";
    const std::string quote = "We are worried that rising interest rates could slow the housing market. Builders "
                              "have already cut back their plans for new homes this year.";
    REQUIRE(idx.add(lead, "Maria Lopez", "a") == ids{0});
    // the first sentence joins the lead's statement; the second founds one
    CHECK(idx.add(quote, "Maria Lopez", "a") == ids{0, 1});
    // another outlet's version of the whole quote in one sentence joins one
    // of them: the statement founded first, the lead's
    CHECK(idx.add("We are worried that rising interest rates could slow the housing market, and builders have "
                  "already cut back their plans for new homes this year.",
                  "Maria Lopez", "b") == ids{0});
    // another speaker's words never join
    CHECK(idx.add(quote, "Tom Berg", "c") == ids{2, 3});
}

TEST_CASE("a quote that surely matches two statements of its speaker merges them") {
    match::cluster_options opt;
    opt.merge_probes = 4;  // look past the first sure match
    match::statement_index idx(eng().sim, opt);
    // within one document only near-repeats join, so these two stay apart
    const auto a = idx.add("We will continue to do everything possible to block the support provided by countries "
                           "like Iran and North Korea to Russia.",
                           "Antony Blinken", "001");
    const auto b = idx.add("We are going to try all we can to stop Iran and North Korea from supplying Russia.",
                           "Antony Blinken", "001");
    REQUIRE(a == ids{0});
    REQUIRE(b == ids{1});
    const auto c = idx.add("We will continue to do everything we can to block the support Iran and North Korea supply "
                           "to Russia.",
                           "Antony Blinken", "003");
    // the merged-away id comes too, so what was written with it still links
    CHECK(c == ids{0, 1});
    CHECK(idx.merged() == 1);
    CHECK(idx.resolve(1) == 0);
    CHECK(idx.speaker(1) == "Antony Blinken");
}

TEST_CASE("quotes of different speakers never merge") {
    match::cluster_options opt;
    opt.merge_probes = 4;
    match::statement_index idx(eng().sim, opt);
    idx.add("We will continue to do everything possible to block the support provided by countries like Iran and "
            "North Korea to Russia.",
            "Antony Blinken", "001");
    idx.add("We are going to try all we can to stop Iran and North Korea from supplying Russia.", "Jens Stoltenberg",
            "001");
    idx.add("We will continue to do everything we can to block the support Iran and North Korea supply to Russia.",
            "Jens Stoltenberg", "003");
    CHECK(idx.merged() == 0);
    CHECK(idx.resolve(1) == 1);
}

TEST_CASE("an organisation's quote joins the statement of the person who speaks for it") {
    match::statement_index idx(eng().sim);
    idx.set_affiliation([](std::string_view organisation, std::string_view person) {
        return organisation == "NATO" && person == "Jens Stoltenberg";
    });
    const std::string said = "We are concerned about the possibility of Russia supporting North Korea's missile and "
                             "nuclear programs.";
    CHECK(idx.add("Concerned about Russia supporting North Korea's missile and nuclear programs", "NATO", "a") ==
          ids{0});
    CHECK(idx.add(said, "Jens Stoltenberg", "b") == ids{0});
    CHECK(idx.speaker(0) == "Jens Stoltenberg");
    // someone who does not speak for it founds a statement of their own
    CHECK(idx.add(said, "Antony Blinken", "c") == ids{1});
}

TEST_CASE("indexed() says how the quote added last stays in the index") {
    using how = match::statement_index::indexing;
    match::statement_index idx(eng().sim);
    const std::string said = "North Korea is supplying Russia with artillery shells and ballistic missiles.";
    idx.add(said, "Antony Blinken", "a");
    CHECK(idx.indexed() == how::kept);
    CHECK(idx.kept_statements() == std::vector<std::pair<std::uint32_t, int>>{{0, -1}});
    // the very same words are found through the first
    idx.add(said, "Antony Blinken", "b");
    CHECK(idx.indexed() == how::none);
    CHECK(idx.kept_statements().empty());
    // too few content words to be a candidate: found by its words only
    idx.add("artillery shells", "Antony Blinken", "c");
    CHECK(idx.indexed() == how::words);
    CHECK(idx.kept_statements().empty());
}

TEST_CASE("restoring what add() recorded gives back the index add() built") {
    // Two sentences that found two statements, merged later by a quote that
    // surely matches both: the first quote's memberships then resolve to one
    // statement, but only its two sentences, kept as issued, let a later
    // quote of the second sentence join through it as it does in one run.
    const std::vector<std::pair<std::string, std::string>> quotes = {
        {"We will continue to do everything possible to block the support provided by countries like Iran and North "
         "Korea to Russia. The summit in Washington will decide how the alliance supports Ukraine next year.",
         "001"},
        {"North Korea is supplying Russia with artillery shells and ballistic missiles.", "002"},
        {"We will continue to do everything we can to block the support Iran and North Korea supply to Russia.",
         "003"},
        {"North Korea is supplying Russia with artillery shells and ballistic missiles.", "004"},
        {"artillery shells", "004"},
        {"The summit in Washington decides how the alliance supports Ukraine next year.", "005"},
        {"North Korea supplies Russia with ballistic missiles and artillery shells.", "006"},
    };
    struct record {
        std::vector<std::uint32_t> ids;
        std::vector<int> sentences;
        int indexed;
        std::string keys;
    };
    // with the stored keys (quotes prepared when first verified), without
    // them (a store written before they were kept: prepared at once), and
    // with damaged ones (prepared at once too)
    enum { without_keys, with_keys, damaged_keys };
    for (const int keys : {without_keys, with_keys, damaged_keys})
    for (std::size_t stop = 1; stop < quotes.size(); ++stop) {
        CAPTURE(keys);
        CAPTURE(stop);
        match::statement_index once(eng().sim);
        std::vector<record> recorded;
        for (std::size_t k = 0; k < stop; ++k) {
            const auto linked = once.add(quotes[k].first, "Antony Blinken", quotes[k].second);
            record r{{}, {}, static_cast<int>(once.indexed()), once.restore_keys()};
            CHECK(r.keys.empty() == (once.indexed() == match::statement_index::indexing::none));
            if (keys == without_keys) r.keys.clear();
            if (keys == damaged_keys && !r.keys.empty()) r.keys.resize(r.keys.size() - 1);
            for (const auto& [id, sentence] : once.kept_statements()) {
                r.ids.push_back(id);
                r.sentences.push_back(sentence);
            }
            // not kept: its statements, as a store has them
            if (r.ids.empty()) r.ids = linked;
            recorded.push_back(r);
        }
        // what a store holds at the stop: every statement with its merge
        match::statement_index resumed(eng().sim);
        for (std::uint32_t st = 0; st < once.statements(); ++st)
            resumed.restore_statement(st, once.speaker(st), once.resolve(st));
        for (std::size_t k = 0; k < stop; ++k)
            resumed.restore(quotes[k].first, "Antony Blinken", quotes[k].second, recorded[k].ids, recorded[k].sentences,
                            recorded[k].indexed, recorded[k].keys);
        for (std::size_t k = stop; k < quotes.size(); ++k) {
            CAPTURE(k);
            auto want = once.add(quotes[k].first, "Antony Blinken", quotes[k].second);
            auto got = resumed.add(quotes[k].first, "Antony Blinken", quotes[k].second);
            for (auto& id : want) id = once.resolve(id);
            for (auto& id : got) id = resumed.resolve(id);
            CHECK(got == want);
            CHECK(resumed.indexed() == once.indexed());
        }
        CHECK(resumed.statements() == once.statements());
        CHECK(resumed.merged() == once.merged());
    }
}

TEST_CASE("restore() takes any bytes as keys: what does not parse is prepared from the text") {
    using how = match::statement_index::indexing;
    const std::string said = "North Korea is supplying Russia with artillery shells and ballistic missiles.";
    match::statement_index once(eng().sim);
    once.add(said, "Antony Blinken", "a");
    const std::string good = once.restore_keys();
    REQUIRE(!good.empty());
    std::mt19937 rng(7);
    for (int round = 0; round < 500; ++round) {
        CAPTURE(round);
        std::string keys = good;
        // flip, cut or grow the stored bytes
        switch (round % 3) {
            case 0: keys[rng() % keys.size()] ^= static_cast<char>(1 + rng() % 255); break;
            case 1: keys.resize(rng() % keys.size()); break;
            default: for (int k = 0; k < 1 + static_cast<int>(rng() % 64); ++k) keys.push_back(static_cast<char>(rng())); break;
        }
        match::statement_index resumed(eng().sim);
        resumed.restore_statement(0, "Antony Blinken", 0);
        resumed.restore(said, "Antony Blinken", "a", {0}, {-1}, static_cast<int>(round % 2 ? how::kept : how::words), keys);
        // whatever the keys said, the very same words still find the statement
        CHECK(resumed.add(said, "Antony Blinken", "b") == std::vector<std::uint32_t>{0});
    }
}
