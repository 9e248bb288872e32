// Loads the YAML lexicons under grammars/<language>/; the only file that sees
// yaml-cpp types for them. Every failure names the file and its line.
#include "quotetrace/lexicon.hpp"

#include <cstdlib>
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "quotetrace/error.hpp"
#include "yaml_read.hpp"

namespace quotetrace {
namespace {

namespace fs = std::filesystem;

using config::fail;
using config::scalar;
using config::strings;

std::vector<std::pair<std::string, std::string>> pairs(const YAML::Node& n, const fs::path& file) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!n) return out;
    if (!n.IsSequence()) fail("lexicon.type", file, n.Mark().line, "expected a list of [open, close] pairs");
    for (const auto& p : n) {
        if (!p.IsSequence() || p.size() != 2) fail("lexicon.type", file, p.Mark().line, "expected [open, close]");
        out.emplace_back(scalar(p[0], file, "open mark"), scalar(p[1], file, "close mark"));
    }
    return out;
}

}  // namespace

lexicon load_lexicon(const std::string& dir) {
    const fs::path root(dir);
    if (!fs::is_directory(root)) throw error("lexicon.missing", dir + ": grammar directory not found");
    lexicon lex;

    const auto verbs_file = root / "speech_verbs.yaml";
    const auto verbs = config::load_map(verbs_file, "lexicon");
    lex.speech_verbs = strings(verbs["speech"], verbs_file, "speech");
    lex.clause_verbs = strings(verbs["clause_only"], verbs_file, "clause_only");
    lex.also_nouns = strings(verbs["also_nouns"], verbs_file, "also_nouns");
    if (lex.speech_verbs.empty()) fail("lexicon.empty", verbs_file, -1, "no speech verbs");

    const auto titles_file = root / "titles.yaml";
    const auto titles = config::load_map(titles_file, "lexicon");
    lex.titles = strings(titles["titles"], titles_file, "titles");
    lex.roles = strings(titles["roles"], titles_file, "roles");

    const auto pron_file = root / "pronouns.yaml";
    const auto pron = config::load(pron_file, "lexicon");
    if (!pron.IsMap()) fail("lexicon.type", pron_file, pron.Mark().line, "expected pronoun: gender entries");
    for (const auto& kv : pron)
        lex.pronouns.emplace_back(scalar(kv.first, pron_file, "pronoun"), scalar(kv.second, pron_file, "gender"));

    const auto marks_file = root / "quote_marks.yaml";
    const auto marks = config::load_map(marks_file, "lexicon");
    lex.quote_marks = pairs(marks["double"], marks_file);
    auto singles = pairs(marks["single"], marks_file);
    lex.quote_marks.insert(lex.quote_marks.end(), singles.begin(), singles.end());

    const auto furn_file = root / "furniture.yaml";
    const auto furn = config::load_map(furn_file, "lexicon");
    lex.furniture_lines = strings(furn["lines"], furn_file, "lines");
    lex.furniture_sections = strings(furn["sections"], furn_file, "sections");
    lex.furniture_patterns = strings(furn["line_patterns"], furn_file, "line_patterns");

    const auto fw_file = root / "function_words.yaml";
    const auto fw = config::load_map(fw_file, "lexicon");
    lex.not_names = strings(fw["not_names"], fw_file, "not_names");
    lex.adverbs = strings(fw["adverbs"], fw_file, "adverbs");

    const auto names_file = root / "first_names.yaml";
    const auto names = config::load_map(names_file, "lexicon");
    lex.female_names = strings(names["female"], names_file, "female");
    lex.male_names = strings(names["male"], names_file, "male");

    const auto gaz_file = root / "gazetteer.yaml";
    const auto gaz = config::load(gaz_file, "lexicon");
    if (!gaz.IsSequence()) fail("lexicon.type", gaz_file, gaz.Mark().line, "expected a list of entries");
    for (const auto& e : gaz) {
        if (!e.IsMap() || !e["name"]) fail("lexicon.type", gaz_file, e.Mark().line, "entry needs a name");
        person_entry p;
        p.name = scalar(e["name"], gaz_file, "name");
        p.aliases = strings(e["aliases"], gaz_file, "aliases");
        if (e["type"]) p.type = scalar(e["type"], gaz_file, "type");
        lex.gazetteer.push_back(std::move(p));
    }
    return lex;
}

std::string default_grammar_dir() {
    if (const char* env = std::getenv("QUOTETRACE_GRAMMARS"); env && *env) return env;
    const fs::path source = fs::path(QUOTETRACE_SOURCE_GRAMMARS) / "en";
    if (fs::is_directory(source)) return source.string();
    return "/usr/local/share/quotetrace/grammars/en";
}

}  // namespace quotetrace
