// Reads the match stage's YAML: the canonical form's word lists and the
// similarity calibration. The only file of the stage that sees yaml-cpp.
#include "data.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "quotetrace/error.hpp"
#include "quotetrace/match.hpp"
#include "../config/yaml_read.hpp"

namespace quotetrace::match {
namespace {

namespace fs = std::filesystem;

using config::fail;
using config::scalar;
using config::strings;

detail::string_pairs mapping(const YAML::Node& n, const fs::path& file, const char* what) {
    detail::string_pairs out;
    if (!n) return out;
    if (!n.IsMap()) fail("lexicon.type", file, n.Mark().line, std::string("expected a mapping for ") + what);
    for (const auto& kv : n) out.emplace_back(scalar(kv.first, file, what), scalar(kv.second, file, what));
    return out;
}

double number(const YAML::Node& n, const fs::path& file, const std::string& what) {
    if (!n.IsScalar()) fail("calibration.type", file, n.Mark().line, "expected a number for " + what);
    try {
        return n.as<double>();
    } catch (const YAML::Exception&) {
        fail("calibration.type", file, n.Mark().line, "expected a number for " + what);
    }
}

}  // namespace

detail::word_lists detail::load_word_lists(const std::string& grammar_dir) {
    const fs::path root(grammar_dir);
    if (!fs::is_directory(root)) throw error("lexicon.missing", grammar_dir + ": grammar directory not found");
    word_lists w;

    const auto sp_file = root / "spelling.yaml";
    const auto sp = config::load_map(sp_file, "lexicon");
    w.spelling_pairs = mapping(sp["pairs"], sp_file, "pairs");
    w.our_or = strings(sp["our_or"], sp_file, "our_or");
    w.ise_ize = strings(sp["ise_ize"], sp_file, "ise_ize");
    w.yse_yze = strings(sp["yse_yze"], sp_file, "yse_yze");
    w.re_er = strings(sp["re_er"], sp_file, "re_er");
    w.ence_ense = strings(sp["ence_ense"], sp_file, "ence_ense");
    w.doubled_l = strings(sp["doubled_l"], sp_file, "doubled_l");
    w.numbers = mapping(sp["numbers"], sp_file, "numbers");
    w.names = mapping(sp["names"], sp_file, "names");

    const auto st_file = root / "stopwords.yaml";
    const auto st = config::load_map(st_file, "lexicon");
    w.stop = strings(st["stop"], st_file, "stop");
    w.fold = mapping(st["fold"], st_file, "fold");
    w.negations = strings(st["negations"], st_file, "negations");
    w.abbreviations = strings(st["abbreviations"], st_file, "abbreviations");
    if (w.stop.empty()) fail("lexicon.empty", st_file, -1, "no stop words");

    const auto sv_file = root / "speech_verbs.yaml";
    const auto sv = config::load_map(sv_file, "lexicon");
    w.speech_verbs = strings(sv["speech"], sv_file, "speech");
    w.also_nouns = strings(sv["also_nouns"], sv_file, "also_nouns");
    return w;
}

calibration calibration::load(const std::string& path) {
    const fs::path file(path);
    const auto root = config::load_map(file, "calibration");
    calibration c;
    c.source = path;
    const auto& names = feature_names();
    for (const auto& kv : root) {
        const auto key = kv.first.as<std::string>();
        const auto& v = kv.second;
        if (key == "threshold") c.threshold = number(v, file, key);
        else if (key == "bias") c.bias = number(v, file, key);
        else if (key == "synonym_credit") c.synonym_credit = number(v, file, key);
        else if (key == "related_credit") c.related_credit = number(v, file, key);
        else if (key == "weights") {
            if (v.IsNull()) continue;
            if (!v.IsMap()) fail("calibration.type", file, v.Mark().line, "expected feature: weight entries");
            for (const auto& w : v) {
                const auto name = w.first.as<std::string>();
                if (std::find(names.begin(), names.end(), name) == names.end())
                    fail("calibration.type", file, w.first.Mark().line, "unknown feature '" + name + "'");
                c.weights[name] = number(w.second, file, name);
            }
        } else if (key == "idf") {
            if (!v.IsMap()) fail("calibration.type", file, v.Mark().line, "expected documents and df");
            if (v["documents"]) c.documents = number(v["documents"], file, "documents");
            // df is a block of "stem count" lines (fast to read) or a stem: count mapping
            if (const auto df = v["df"]; df && !df.IsNull()) {
                if (df.IsScalar()) {
                    std::istringstream in(df.as<std::string>());
                    std::string stem;
                    double n = 0;
                    while (in >> stem >> n) c.df.emplace(stem, n);
                    if (!in.eof()) fail("calibration.type", file, df.Mark().line, "expected \"stem count\" lines in df");
                } else if (df.IsMap()) {
                    for (const auto& e : df) c.df.emplace(e.first.as<std::string>(), number(e.second, file, "df"));
                } else {
                    fail("calibration.type", file, df.Mark().line, "expected stem: count entries");
                }
            }
        }
        // other keys (provenance, figures) are for people
    }
    if (c.threshold < 0 || c.threshold > 1)
        fail("calibration.type", file, root["threshold"].Mark().line, "threshold must be within [0, 1]");
    return c;
}

std::string calibration::default_path() {
    if (const char* env = std::getenv("QUOTETRACE_CALIBRATION"); env && *env) return env;
    const fs::path source = fs::path(QUOTETRACE_SOURCE_GRAMMARS).parent_path() / "data" / "similarity.yaml";
    if (fs::exists(source)) return source.string();
    return "/usr/local/share/quotetrace/data/similarity.yaml";
}

}  // namespace quotetrace::match
