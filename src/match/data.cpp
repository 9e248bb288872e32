// Reads the match stage's YAML: the canonical form's word lists and the
// similarity calibration. The only file of the stage that sees yaml-cpp.
#include "data.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

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

// The calibration's idf.df block ("df: |" then "stem count" lines, 90 KB)
// read by hand: yaml-cpp scans a block scalar a character at a time, most of
// the start-up of a one-question command.

std::size_t indent_of(std::string_view line) { return std::min(line.find_first_not_of(' '), line.size()); }

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Calls f(line, its offset) for each line of text.
template <class F>
void each_line(std::string_view text, F&& f) {
    for (std::size_t i = 0; i <= text.size();) {
        const std::size_t j = std::min(text.find('\n', i), text.size());
        if (!f(text.substr(i, j - i), i)) return;
        i = j + 1;
    }
}

// When the file holds one such block, under the top-level `idf:`, of plain
// "stem count" pairs: reads them into df and blanks the block's lines in
// text (so every other line keeps its number), leaving "df:" (null) for
// yaml-cpp. Otherwise leaves both alone, and yaml-cpp reads the file whole.
bool cut_df(std::string& text, std::map<std::string, double>& df) {
    std::string_view section;
    std::size_t key = std::string::npos, begin = 0, end = 0, keys = 0;  // the key line, the block's bytes
    each_line(text, [&](std::string_view line, std::size_t at) {
        if (key != std::string::npos && end == 0 && !blank(line) && indent_of(line) <= indent_of(std::string_view(text).substr(key)))
            end = at;
        if (blank(line) || line[indent_of(line)] == '#') return true;
        if (indent_of(line) == 0) section = line.substr(0, line.find(':'));
        else if (section == "idf" && line.substr(indent_of(line)) == "df: |") {
            ++keys;
            key = at;
            begin = at + line.size();
        }
        return true;
    });
    if (keys != 1) return false;
    if (end == 0) end = text.size();
    std::map<std::string, double> read;
    const std::string_view block = std::string_view(text).substr(begin, end - begin);
    std::string_view stem;
    for (std::size_t i = 0;;) {
        const std::size_t from = block.find_first_not_of(" \t\r\n", i);
        if (from == std::string_view::npos) break;
        i = std::min(block.find_first_of(" \t\r\n", from), block.size());
        const auto word = block.substr(from, i - from);
        if (stem.empty()) {
            stem = word;
            continue;
        }
        double n = 0;
        const auto r = std::from_chars(word.data(), word.data() + word.size(), n);
        if (r.ec != std::errc() || r.ptr != word.data() + word.size()) return false;
        read.emplace_hint(read.end(), std::string(stem), n);
        stem = {};
    }
    if (!stem.empty()) return false;
    df = std::move(read);
    // "  df: |" becomes "  df:", each line of the block an empty one, or
    // none when nothing follows the block (yaml-cpp is slow even on blank
    // lines)
    std::size_t out = key + indent_of(std::string_view(text).substr(key));
    text.replace(out, 5, "df:  ");
    out += 3;
    if (blank(std::string_view(text).substr(end))) {
        text.resize(out);
        text.push_back('\n');
        return true;
    }
    for (std::size_t k = out; k < end; ++k)
        if (text[k] == '\n') text[out++] = '\n';
    text.erase(out, end - out);
    return true;
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
    // the idf.df block read by hand when it has the usual form
    calibration c;
    std::string text;
    bool df_read = false;
    if (std::ifstream in{file, std::ios::binary}; in && fs::is_regular_file(file)) {
        text.resize(static_cast<std::size_t>(fs::file_size(file)));
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        df_read = in && cut_df(text, c.df);
    }
    const auto root = df_read ? config::load_map(text, file, "calibration") : config::load_map(file, "calibration");
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
