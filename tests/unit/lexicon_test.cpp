// Loading the YAML lexicons: the project's grammars/en, and broken copies of it
// that must fail with a stable id naming the file.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "quotetrace/error.hpp"
#include "quotetrace/lexicon.hpp"
#include "test_support.hpp"

using namespace quotetrace;
namespace fs = std::filesystem;

namespace {

const std::string source_dir = QUOTETRACE_SOURCE_GRAMMARS "/en";

const std::vector<std::string> files = {"speech_verbs.yaml",   "titles.yaml",      "pronouns.yaml",
                                        "quote_marks.yaml",    "furniture.yaml",   "function_words.yaml",
                                        "first_names.yaml",    "gazetteer.yaml"};

// A private copy of grammars/en in a temporary folder, removed afterwards.
class grammar_copy : public test::temp_dir {
public:
    grammar_copy() : temp_dir("quotetrace_lexicon_test") {
        for (const auto& f : files) fs::copy_file(fs::path(source_dir) / f, path() / f);
    }
};

struct failure {
    std::string id, what;
};

// What loading `dir` throws: a quotetrace::error's id and message, or
// "foreign" for any other exception, or nothing.
failure load_failure(const std::string& dir) {
    try {
        (void)load_lexicon(dir);
    } catch (const error& e) {
        return {e.id(), e.what()};
    } catch (const std::exception& e) {
        return {"foreign", e.what()};
    }
    return {};
}

template <class C, class V>
bool has(const C& c, const V& v) {
    return std::find(c.begin(), c.end(), v) != c.end();
}

}  // namespace

TEST_CASE("the project's English lexicon loads with every table filled") {
    const lexicon lex = load_lexicon(source_dir);
    CHECK_FALSE(lex.speech_verbs.empty());
    CHECK_FALSE(lex.clause_verbs.empty());
    CHECK_FALSE(lex.titles.empty());
    CHECK_FALSE(lex.roles.empty());
    CHECK_FALSE(lex.pronouns.empty());
    CHECK_FALSE(lex.quote_marks.empty());
    CHECK_FALSE(lex.furniture_lines.empty());
    CHECK_FALSE(lex.furniture_sections.empty());
    CHECK_FALSE(lex.furniture_patterns.empty());
    CHECK_FALSE(lex.not_names.empty());
    CHECK_FALSE(lex.adverbs.empty());
    CHECK_FALSE(lex.gazetteer.empty());

    // nested inflection lists are flattened
    for (const char* v : {"say", "said", "says", "saying", "pointed out", "told reporters", "went on to say"}) {
        CAPTURE(v);
        CHECK(has(lex.speech_verbs, v));
    }
    CHECK(has(lex.clause_verbs, "believes"));
    CHECK_FALSE(has(lex.speech_verbs, "believes"));
    CHECK(has(lex.titles, "Secretary General"));
    CHECK(has(lex.titles, "Mr."));
    CHECK(has(lex.roles, "chief"));
    CHECK(has(lex.pronouns, std::pair<std::string, std::string>{"he", "m"}));
    CHECK(has(lex.pronouns, std::pair<std::string, std::string>{"she", "f"}));
    // double marks first, then singles; "\u201C" escapes decode to UTF-8
    REQUIRE(lex.quote_marks.size() >= 2);
    CHECK(lex.quote_marks.front() == std::pair<std::string, std::string>{"“", "”"});
    CHECK(has(lex.quote_marks, std::pair<std::string, std::string>{"«", "»"}));
    CHECK(has(lex.quote_marks, std::pair<std::string, std::string>{"„", "“"}));
    CHECK(has(lex.quote_marks, std::pair<std::string, std::string>{"\"", "\""}));
    CHECK(lex.quote_marks.back().second == "'");
    CHECK(has(lex.furniture_lines, "open in app"));
    CHECK(has(lex.furniture_sections, "related stories"));
    CHECK(has(lex.furniture_patterns, "©"));
    CHECK(has(lex.furniture_patterns, "disclaimer:"));
    CHECK(has(lex.not_names, "but"));
    CHECK(has(lex.adverbs, "in a statement"));
    CHECK(has(lex.female_names, "Hillary"));
    CHECK(has(lex.male_names, "Donald"));

    const auto jens = std::find_if(lex.gazetteer.begin(), lex.gazetteer.end(),
                                   [](const person_entry& p) { return p.name == "Jens Stoltenberg"; });
    REQUIRE(jens != lex.gazetteer.end());
    CHECK(jens->type == "person");
    CHECK(has(jens->aliases, "Stoltenberg"));
    CHECK(has(jens->aliases, "NATO chief"));
    const auto tass = std::find_if(lex.gazetteer.begin(), lex.gazetteer.end(),
                                   [](const person_entry& p) { return p.name == "TASS"; });
    REQUIRE(tass != lex.gazetteer.end());
    CHECK(tass->type == "organisation");
}

TEST_CASE("a faithful copy loads the same lexicon") {
    const grammar_copy copy;
    const lexicon a = load_lexicon(source_dir);
    const lexicon b = load_lexicon(copy.dir());
    CHECK(a.speech_verbs == b.speech_verbs);
    CHECK(a.quote_marks == b.quote_marks);
    CHECK(a.gazetteer.size() == b.gazetteer.size());
    // optional keys may be left out; a lone string counts as a one-item list
    copy.write("titles.yaml", "titles: Mr.\n");
    copy.write("function_words.yaml", "# nothing here yet\nnot_names: []\n");
    const lexicon c = load_lexicon(copy.dir());
    CHECK(c.titles == std::vector<std::string>{"Mr."});
    CHECK(c.roles.empty());
    CHECK(c.not_names.empty());
    CHECK(c.adverbs.empty());
}

TEST_CASE("broken lexicon files fail with a stable id naming the file and line") {
    struct row {
        const char* what;
        std::string file, yaml, id;
        std::string line = {};  // ":N:" after the file name, when the place is certain
    };
    const std::vector<row> rows = {
        {"an unclosed flow list", "speech_verbs.yaml", "speech:\n  - [say, says, said\n  - [add, adds]\n",
         "lexicon.syntax"},
        {"an unclosed string", "speech_verbs.yaml", "speech:\n  - [\"say, said]\n", "lexicon.syntax"},
        {"a tab used for indentation", "furniture.yaml", "lines:\n\t- open in app\n", "lexicon.syntax"},
        {"a map where a list is expected", "titles.yaml", "titles:\n  Secretary: General\nroles: [chief]\n",
         "lexicon.type", ":2:"},
        {"a map inside a list of strings", "furniture.yaml", "lines:\n  - open in app\n  - {text: size}\n",
         "lexicon.type", ":3:"},
        {"a map of not-names", "function_words.yaml", "not_names: {but: 1}\n", "lexicon.type", ":1:"},
        {"pronouns as a list", "pronouns.yaml", "- he\n- she\n", "lexicon.type", ":1:"},
        {"a pronoun's gender as a list", "pronouns.yaml", "he: [m]\nshe: f\n", "lexicon.type"},
        {"a quote-mark pair of three", "quote_marks.yaml", "double:\n  - [\"“\", \"”\", \"x\"]\n", "lexicon.type",
         ":2:"},
        {"quote marks as one string", "quote_marks.yaml", "double: “”\n", "lexicon.type"},
        {"a gazetteer entry without a name", "gazetteer.yaml", "- aliases: [Stoltenberg]\n", "lexicon.type", ":1:"},
        {"a gazetteer name as a list", "gazetteer.yaml", "- name: [Jens, Stoltenberg]\n", "lexicon.type"},
        {"a gazetteer that is one map", "gazetteer.yaml", "name: Jens Stoltenberg\naliases: [Stoltenberg]\n",
         "lexicon.type"},
        {"aliases as a map", "gazetteer.yaml", "- name: Jens Stoltenberg\n  aliases: {NATO: chief}\n", "lexicon.type"},
        {"no speech verbs at all", "speech_verbs.yaml", "speech: []\n", "lexicon.empty"},
    };
    for (const auto& r : rows) {
        const std::string what = r.what;
        CAPTURE(what);
        const grammar_copy copy;
        copy.write(r.file, r.yaml);
        const failure f = load_failure(copy.dir());
        CHECK(f.id == r.id);
        CHECK(f.what.find(r.file) != std::string::npos);
        CHECK(f.what.find(copy.dir()) != std::string::npos);
        if (!r.line.empty()) CHECK(f.what.find(r.file + r.line) != std::string::npos);
    }
}

TEST_CASE("a missing file or folder is lexicon.missing, naming it") {
    for (const auto& file : files) {
        CAPTURE(file);
        const grammar_copy copy;
        copy.remove(file);
        const failure f = load_failure(copy.dir());
        CHECK(f.id == "lexicon.missing");
        CHECK(f.what.find(file) != std::string::npos);
    }
    const std::string nowhere = source_dir + "/no-such-language";
    const failure f = load_failure(nowhere);
    CHECK(f.id == "lexicon.missing");
    CHECK(f.what.find("no-such-language") != std::string::npos);
}

TEST_CASE("default_grammar_dir: the environment first, then the source tree") {
    const char* before = std::getenv("QUOTETRACE_GRAMMARS");
    const std::string saved = before ? before : "";
    ::setenv("QUOTETRACE_GRAMMARS", "/opt/grammars/fr", 1);
    CHECK(default_grammar_dir() == "/opt/grammars/fr");
    ::setenv("QUOTETRACE_GRAMMARS", "", 1);  // empty counts as unset
    CHECK(fs::equivalent(default_grammar_dir(), source_dir));
    ::unsetenv("QUOTETRACE_GRAMMARS");
    CHECK(fs::equivalent(default_grammar_dir(), source_dir));
    if (before) ::setenv("QUOTETRACE_GRAMMARS", saved.c_str(), 1);
}

// yaml-cpp's operator[] throws YAML::BadSubscript on a scalar node, and
// load_lexicon does not convert it: the caller sees a foreign exception.
TEST_CASE("issue: a file that is one plain string is lexicon.type, not a yaml-cpp exception") {
    struct row { std::string file, yaml; };
    const std::vector<row> rows = {
        {"speech_verbs.yaml", "say, says, said, saying\n"},
        {"titles.yaml", "Secretary General\n"},
        {"quote_marks.yaml", "“ ”\n"},
        {"furniture.yaml", "open in app\n"},
        {"function_words.yaml", "but\n"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.file);
        const grammar_copy copy;
        copy.write(r.file, r.yaml);
        const failure f = load_failure(copy.dir());
        CHECK(f.id == "lexicon.type");  // got "foreign": YAML::BadSubscript escapes
        CHECK(f.what.find(r.file) != std::string::npos);
    }
}
