// The calibrated similarity: the seeds' paraphrases score high, unrelated
// quotes low, direct meets indirect speech, a two-sentence quote matches each
// half; the calibration file and the MSRP reader fail with stable ids.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "quotetrace/match.hpp"

using namespace quotetrace;
namespace fs = std::filesystem;

namespace {

const std::string calibration_file = QUOTETRACE_SOURCE_GRAMMARS "/../data/similarity.yaml";

struct engine {
    match::canonicalizer canon{QUOTETRACE_SOURCE_GRAMMARS "/en"};
    match::wordnet wn;
    match::similarity sim;
    engine() : wn(load_wordnet()), sim(canon, wn, match::calibration::load(calibration_file)) {}
    static match::wordnet load_wordnet() {
        try {
            return match::wordnet::load(match::wordnet::default_dir());
        } catch (const error& e) {
            MESSAGE("without synonyms: " << e.what());
            return {};
        }
    }
};

const engine& eng() {
    static const engine e;
    return e;
}

double score(const std::string& a, const std::string& b) { return eng().sim.score(a, b); }

struct pair_case {
    const char* name;
    const char* a;
    const char* b;
};

// A temporary file removed afterwards.
class temp_file {
public:
    explicit temp_file(const std::string& text) {
        static int n = 0;
        path_ = fs::temp_directory_path() /
                ("quotetrace_similarity_test_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
        std::ofstream(path_, std::ios::binary) << text;
    }
    ~temp_file() {
        std::error_code ec;
        fs::remove(path_, ec);
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    std::string path() const { return path_.string(); }

private:
    fs::path path_;
};

}  // namespace

TEST_CASE("the seeds' paraphrases of one statement are the same statement") {
    const pair_case cases[] = {
        {"Stoltenberg, 001 and 002", "What happens in Europe is important in Asia",
         "What happens in Europe matters for Asia"},
        {"Stoltenberg, 001 and 003", "What happens in Europe is important in Asia",
         "What happens in Europe is important to Asia"},
        {"Blinken, 001 and 003",
         "We will continue to do everything possible to block the support provided by countries like Iran and North "
         "Korea to Russia",
         "We will continue to do everything we can to block the support that Iran and North Korea provide to Russia"},
        {"indirect against direct, first and third person",
         "he has invited the leaders of South Korea, Japan, Australia, and New Zealand to the NATO summit to be held "
         "in Washington D.C. in mid-July",
         "I have therefore invited the leaders of Australia, Japan, New Zealand and the Republic of Korea to the NATO "
         "summit in Washington next month. Together, we can uphold the international rules-based order and protect "
         "our shared values"},
        {"indirect speech with its frame",
         "Stoltenberg said that he has invited the leaders of Australia, Japan and New Zealand to the summit.",
         "“I have invited the leaders of Australia, Japan and New Zealand to the summit,” he said."},
        {"typography, case and spelling only",
         "“WHAT HAPPENS IN EUROPE MATTERS FOR ASIA,” — China is fuelling the war’s programmes",
         "\"What happens in Europe matters for Asia\" - China is fueling the war's programs"},
    };
    for (const auto& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        const double s = score(c.a, c.b);
        CAPTURE(s);
        CHECK(eng().sim.same(s));
        CHECK(s >= 0.5);
    }
}

TEST_CASE("unrelated quotes are not") {
    const pair_case cases[] = {
        {"different topics", "The cat sat on the mat all afternoon.",
         "North Korea has delivered over 1 million artillery shells."},
        {"same speaker, other statement",
         "If China is truly interested in ending the war in Ukraine, it should stop encouraging Russia’s war machine.",
         "What happens in Europe is important in Asia, and what happens in Asia is important to us."},
        {"issue #3 - one shared word of many made an unrelated pair the same",
         "In exchange, Pyongyang and Tehran are receiving Russian technology and supplies to help them advance their "
         "missile and nuclear capabilities.",
         "he has invited the leaders of South Korea, Japan, Australia, and New Zealand to the NATO summit to be held "
         "in Washington D.C. in mid-July"},
        {"shared names, other claims",
         "We have seen Russia desperately trying to develop and strengthen relationships with countries that can "
         "provide what is needed for Russia to continue its aggressive war against Ukraine.",
         "We will continue to do everything possible to block the support provided by countries like Iran and North "
         "Korea to Russia."},
    };
    for (const auto& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        const double s = score(c.a, c.b);
        CAPTURE(s);
        CHECK_FALSE(eng().sim.same(s));
    }
    CHECK(score("The cat sat on the mat.", "Stocks fell sharply on Monday.") < 0.1);
}

TEST_CASE("a different number or a negation lowers the score") {
    const std::string shells = "North Korea has delivered over 1 million artillery shells to Russia.";
    CHECK(score(shells, "North Korea has delivered over one million artillery shells to Russia") >
          score(shells, "North Korea has delivered over 5 million artillery shells to Russia"));
    const std::string works = "The idea of dividing security into regional battlefields works.";
    CHECK(score(works, "The idea of dividing security into regional battlefields works well.") >
          score(works, "The idea of dividing security into regional battlefields does not work."));
}

TEST_CASE("a two-sentence quote matches each half printed on its own") {
    const std::string whole =
        "We are concerned about the possibility of Russia supporting North Korea’s missile and nuclear programs. We "
        "are watching how much military support Russia is receiving from North Korea and Iran, and how much China "
        "is supporting Russia’s war economy.";
    const std::string first = "We are concerned about the possibility of Russia supporting North Korea's nuclear and "
                              "missile programmes.";
    const std::string second = "We are watching how much military support Russia is receiving from North Korea and "
                               "Iran, and how much China is supporting Russia's war economy";
    CHECK(eng().sim.same(score(whole, first)));
    CHECK(eng().sim.same(score(first, whole)));
    CHECK(eng().sim.same(score(whole, second)));
    // the halves are two statements, not one
    CHECK_FALSE(eng().sim.same(score(first, second)));
    // a short sentence of small words does not carry a match on its own
    CHECK_FALSE(eng().sim.same(score("Thank you. The cat sat on the mat all afternoon.",
                                     "Thank you. Stocks fell sharply on Monday in New York.")));
}

TEST_CASE("one sentence of a longer quote held in another quote") {
    const auto& sim = eng().sim;
    const auto direct = sim.prepare(
        "We are concerned about the possibility of Russia supporting North Korea’s missile and nuclear programs. We "
        "are watching how much military support Russia is receiving from North Korea and Iran.");
    const auto lead = sim.prepare("emphasized his concern over the possibility of Russia supporting North Korea's "
                                  "nuclear and missile programs relative to Putin's visit");
    int sentence = -2;
    const double first = sim.contained_sentence(direct, lead, 4, sentence);
    MESSAGE("first sentence inside the lead: " << first);
    CHECK(first >= 0.8);
    CHECK(sentence == 0);
    // the whole quote is not held in the lead, nor the lead in it
    CHECK(sim.contained(direct, lead) < 0.8);
    CHECK(sim.contained(lead, direct) < 0.8);
    // a quote of one sentence has no sentence to try
    CHECK(sim.contained_sentence(lead, direct, 4, sentence) == 0);
    CHECK(sentence == -1);
    // nor has a sentence with fewer content words than asked
    CHECK(sim.contained_sentence(direct, lead, 40, sentence) == 0);
    CHECK(sentence == -1);
    // unrelated sentences are not held
    const auto other = sim.prepare("Stocks fell sharply on Monday in New York. Traders blamed the weak dollar.");
    CHECK(sim.contained_sentence(other, lead, 4, sentence) < 0.5);
}

TEST_CASE("scores are bounded, symmetric enough, and highest for the same words") {
    const std::string a = "Putin’s visit to North Korea confirms and demonstrates that Russia is closely "
                          "collaborating with authoritarian countries like North Korea, China, and Iran.";
    const std::string b = "Putin's visit to North Korea demonstrates and confirms the very close alignment between "
                          "Russia and authoritarian states like North Korea, but also China and Iran";
    const double ab = score(a, b), ba = score(b, a), aa = score(a, a);
    CHECK(ab >= 0.0);
    CHECK(ab <= 1.0);
    CHECK(ab == doctest::Approx(ba).epsilon(0.02));
    CHECK(aa > ab);
    CHECK(aa > 0.95);
    CHECK(score("", "") >= 0.0);
    CHECK(score("", a) < 0.5);
    const auto f = eng().sim.features(eng().sim.prepare(a), eng().sim.prepare(a));
    REQUIRE(f.size() == match::feature_names().size());
    CHECK(f[0] == doctest::Approx(1.0));  // coverage_mean of a quote against itself
}

TEST_CASE("synonyms count when WordNet is there") {
    if (eng().wn.empty()) {
        MESSAGE("skipped: no WordNet");
        return;
    }
    const auto p = eng().sim.prepare("They supply weapons");
    const auto q = eng().sim.prepare("They provide weapons");
    const auto r = eng().sim.prepare("They sell weapons");
    CHECK(eng().sim.features(p, q)[0] > eng().sim.features(p, r)[0]);  // coverage_mean
    CHECK(eng().sim.score(p, q) > eng().sim.score(p, r));
}

TEST_CASE("the calibration file") {
    SUBCASE("the project's file loads, with its provenance and rarities") {
        const auto c = match::calibration::load(calibration_file);
        CHECK(c.threshold > 0.0);
        CHECK(c.threshold < 1.0);
        CHECK(c.documents > 1000);
        CHECK(c.df.count("said") == 1);
        CHECK_FALSE(c.weights.empty());
        std::ifstream in(calibration_file);
        std::string head((std::istreambuf_iterator<char>(in)), {});
        CHECK(head.find("tools/calibrate_similar.py") != std::string::npos);
        CHECK(head.find("msr-para-train.tsv") != std::string::npos);
        CHECK(head.find("msr-para-val") == std::string::npos);
    }
    SUBCASE("the build's precompiled calibration gives what the YAML gives") {
        // a copy with one more comment holds other bytes, so yaml-cpp reads it
        std::ifstream in(calibration_file, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        const temp_file copy(text + "# a copy\n");
        const auto a = match::calibration::load(calibration_file);
        const auto b = match::calibration::load(copy.path());
        CHECK(a.df == b.df);
        CHECK(a.weights == b.weights);
        CHECK(a.documents == b.documents);
        CHECK(a.threshold == b.threshold);
        CHECK(a.bias == b.bias);
        CHECK(a.synonym_credit == b.synonym_credit);
        CHECK(a.related_credit == b.related_credit);
        CHECK(a.source == calibration_file);
    }
    SUBCASE("the df block read by hand gives what yaml-cpp gives") {
        // the same block in a flow form yaml-cpp reads itself
        const temp_file block("threshold: 0.5\nidf:\n  documents: 9\n  df: |\n    said 4\n\n    zulu 2.5\n    über 1\nbias: 1\n");
        const temp_file flow("threshold: 0.5\nidf:\n  documents: 9\n  df: {said: 4, zulu: 2.5, über: 1}\nbias: 1\n");
        const auto a = match::calibration::load(block.path());
        const auto b = match::calibration::load(flow.path());
        CHECK(a.df == b.df);
        CHECK(a.df.size() == 3);
        CHECK(a.documents == 9);
        CHECK(a.bias == 1);
        // the block last in the file, as the calibration tool writes it
        const temp_file last("threshold: 0.5\nidf:\n  documents: 9\n  df: |\n    said 4\n    zulu 2.5\n    über 1\n\n");
        CHECK(match::calibration::load(last.path()).df == b.df);
        // a mistake after the block is reported on its own line
        const temp_file after("threshold: 0.5\nidf:\n  df: |\n    said 4\n    zulu 2\nbias: high\n");
        try {
            (void)match::calibration::load(after.path());
            FAIL("no error thrown");
        } catch (const error& e) {
            CHECK(std::string(e.what()).find(after.path() + ":6:") != std::string::npos);
        }
    }
    struct bad_case {
        const char* name;
        const char* yaml;
        const char* id;
    };
    const bad_case cases[] = {
        {"syntax", "threshold: [0.5\n", "calibration.syntax"},
        {"not a mapping", "- 1\n- 2\n", "calibration.type"},
        {"not a number", "threshold: high\n", "calibration.type"},
        {"out of range", "threshold: 1.5\n", "calibration.type"},
        {"unknown feature", "threshold: 0.5\nweights: {cosine: 1}\n", "calibration.type"},
        {"bad df block", "idf: {documents: 3, df: \"said x\"}\n", "calibration.type"},
        {"bad df lines", "threshold: 0.5\nidf:\n  df: |\n    said x\n", "calibration.type"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const temp_file f(c.yaml);
        try {
            (void)match::calibration::load(f.path());
            FAIL("no error thrown");
        } catch (const error& e) {
            CHECK(e.id() == c.id);
            CHECK(std::string(e.what()).find(f.path()) != std::string::npos);
        }
    }
    try {
        (void)match::calibration::load("/nonexistent/similarity.yaml");
        FAIL("no error thrown");
    } catch (const error& e) {
        CHECK(e.id() == "calibration.missing");
    }
}

TEST_CASE("the MSRP reader keeps one entry per pair position") {
    const temp_file f(
        "\xEF\xBB\xBFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\r\n"
        "1\t11\t12\tWhat happens in Europe is important in Asia\tWhat happens in Europe matters for Asia\r\n"
        "a line without tabs\n"
        "\n"
        "0\t31\t32\tThe cat sat.\tStocks fell.\n"
        "x\t41\t42\tUnlabelled one.\tUnlabelled two.\n");
    std::vector<match::msrp_pair> got;
    std::vector<diagnostic> diags;
    match::read_msrp(f.path(), [&](const match::msrp_pair& p) { got.push_back(p); },
                     [&](const diagnostic& d) { diags.push_back(d); });
    REQUIRE(got.size() == 4);  // the blank line is no pair
    CHECK(got[0].ok);
    CHECK(got[0].quality == 1);
    CHECK(got[0].id1 == "11");
    CHECK(got[0].text2 == "What happens in Europe matters for Asia");  // no \r
    CHECK_FALSE(got[1].ok);
    CHECK(got[1].line == 3);
    CHECK(got[2].quality == 0);
    CHECK(got[2].line == 5);
    CHECK(got[3].ok);
    CHECK(got[3].quality == -1);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "msrp.malformed");
    CHECK(diags[0].line == 3);
    CHECK(diags[0].input == f.path());
    CHECK(format(diags[0]).find(f.path() + ":3:") == 0);

    try {
        match::read_msrp("/nonexistent/pairs.tsv", [](const match::msrp_pair&) {}, [](const diagnostic&) {});
        FAIL("no error thrown");
    } catch (const error& e) {
        CHECK(e.id() == "input.unreadable");
    }
}
