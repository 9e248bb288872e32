// Reads the match stage's YAML: the canonical form's word lists and the
// similarity calibration. The only file of the stage that sees yaml-cpp.
#include "data.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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
#include "mapped_file.hpp"
#include "match_cache_dir.hpp"

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


// The precompiled form of the word lists and of the calibration, which the
// build writes (tools/match_cache) so that a one-question command skips
// yaml-cpp: the bytes of each YAML file it was made from, then the data they
// give. It is used only when those files hold the same bytes now, so the YAML
// stays the source of truth and a stale or foreign cache is never read.

constexpr std::string_view cache_magic = "quotetrace match cache 1\n";

// The whole file, or nothing when it cannot be read.
std::optional<std::string> slurp(const fs::path& file) {
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return std::nullopt;
    // one allocation of the file's size, then whatever it grew by since
    std::string text;
    std::error_code ec;
    if (const auto size = fs::file_size(file, ec); !ec) text.resize(static_cast<std::size_t>(size));
    std::size_t got = std::fread(text.data(), 1, text.size(), f);
    text.resize(got);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    const bool ok = !std::ferror(f);
    std::fclose(f);
    if (!ok) return std::nullopt;
    return text;
}

struct cache_writer {
    std::string out{cache_magic};
    void u64(std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void f64(double v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void str(std::string_view s) {
        u64(s.size());
        out.append(s);
    }
    void operator()(double v) { f64(v); }
    void operator()(const std::vector<std::string>& v) {
        u64(v.size());
        for (const auto& s : v) str(s);
    }
    void operator()(const detail::string_pairs& v) {
        u64(v.size());
        for (const auto& [a, b] : v) {
            str(a);
            str(b);
        }
    }
    void operator()(const std::map<std::string, double>& m) {
        u64(m.size());
        for (const auto& [k, v] : m) {
            str(k);
            f64(v);
        }
    }
};

// Reads what cache_writer wrote; ok_ turns false, for good, at the first
// value that runs past the end.
class cache_reader {
public:
    explicit cache_reader(std::string_view in) : in_(in) {
        ok_ = in_.substr(0, cache_magic.size()) == cache_magic;
        if (ok_) in_.remove_prefix(cache_magic.size());
    }
    bool ok() const { return ok_; }
    bool done() const { return ok_ && in_.empty(); }
    std::uint64_t u64() {
        std::uint64_t v = 0;
        take(&v, sizeof v);
        return v;
    }
    double f64() {
        double v = 0;
        take(&v, sizeof v);
        return v;
    }
    std::string_view bytes() {
        const auto n = u64();
        if (!ok_ || n > in_.size()) return fail();
        const auto s = in_.substr(0, n);
        in_.remove_prefix(n);
        return s;
    }
    std::string str() { return std::string(bytes()); }
    void operator()(double& v) { v = f64(); }
    void operator()(std::vector<std::string>& v) {
        v.resize(count());
        for (auto& s : v) s = str();
    }
    void operator()(detail::string_pairs& v) {
        v.resize(count());
        for (auto& [a, b] : v) {
            a = str();
            b = str();
        }
    }
    void operator()(std::map<std::string, double>& m) {
        for (auto n = count(); n > 0 && ok_; --n) {
            auto k = str();
            m.emplace_hint(m.end(), std::move(k), f64());
        }
    }
    // Whether the next bytes stored are `text`.
    bool same(std::string_view text) { return bytes() == text && ok_; }

private:
    std::string_view in_;
    bool ok_ = false;

    std::string_view fail() {
        ok_ = false;
        in_ = {};
        return {};
    }
    void take(void* to, std::size_t n) {
        if (!ok_ || in_.size() < n) {
            fail();
            return;
        }
        std::memcpy(to, in_.data(), n);
        in_.remove_prefix(n);
    }
    // a count of values, each taking at least 8 bytes
    std::size_t count() {
        const auto n = u64();
        if (!ok_ || n > in_.size() / 8) {
            fail();
            return 0;
        }
        return static_cast<std::size_t>(n);
    }
};

const char* const word_list_files[] = {"spelling.yaml", "stopwords.yaml", "speech_verbs.yaml"};

// The fields in the order a cache holds them, each given to io to read or write.
template <class IO, class W>
void word_list_fields(IO& io, W& w) {
    for (auto* v : {&w.spelling_pairs, &w.numbers, &w.names, &w.fold}) io(*v);
    for (auto* v : {&w.our_or, &w.ise_ize, &w.yse_yze, &w.re_er, &w.ence_ense, &w.doubled_l, &w.stop, &w.negations,
                    &w.abbreviations, &w.speech_verbs, &w.also_nouns})
        io(*v);
}

template <class IO, class C>
void calibration_fields(IO& io, C& c) {
    for (auto* v : {&c.documents, &c.synonym_credit, &c.related_credit, &c.bias, &c.threshold}) io(*v);
    io(c.df);
    io(c.weights);
}

fs::path cache_file(const char* name) { return fs::path(QUOTETRACE_MATCH_CACHE_DIR) / name; }

void write_file(const fs::path& file, const std::string& bytes) {
    const auto part = file.string() + ".part";
    std::FILE* f = std::fopen(part.c_str(), "wb");
    bool ok = f && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    if (f) ok = std::fclose(f) == 0 && ok;
    std::error_code ec;
    if (ok) fs::rename(part, file, ec);
    if (!ok || ec) throw error("cache.write", file.string() + ": cannot write");
}

detail::word_lists read_word_lists(const fs::path& root);
calibration read_calibration(const fs::path& file, std::string text, bool text_read);

}  // namespace

detail::word_lists detail::load_word_lists(const std::string& grammar_dir) {
    const fs::path root(grammar_dir);
    if (!fs::is_directory(root)) throw error("lexicon.missing", grammar_dir + ": grammar directory not found");
    if (const detail::mapped_file cached(cache_file("word_lists.bin").string()); cached.ok()) {
        cache_reader r(cached.text());
        bool fresh = r.ok();
        for (const char* name : word_list_files) {
            if (!fresh) break;
            const detail::mapped_file text((root / name).string());
            fresh = text.ok() && r.same(text.text());
        }
        if (fresh) {
            word_lists w;
            word_list_fields(r, w);
            if (r.done()) return w;
        }
    }
    return read_word_lists(root);
}

void detail::write_word_lists_cache(const std::string& grammar_dir, const std::string& file) {
    const fs::path root(grammar_dir);
    const auto w = read_word_lists(root);
    cache_writer c;
    for (const char* name : word_list_files) {
        const auto text = slurp(root / name);
        if (!text) throw error("lexicon.missing", (root / name).string() + ": cannot read");
        c.str(*text);
    }
    word_list_fields(c, w);
    write_file(file, c.out);
}

calibration calibration::load(const std::string& path) {
    const fs::path file(path);
    if (const detail::mapped_file text(path), cached(cache_file("calibration.bin").string()); text.ok() && cached.ok()) {
        cache_reader r(cached.text());
        if (r.ok() && r.same(text.text())) {
            calibration c;
            calibration_fields(r, c);
            c.source = path;
            if (r.done()) return c;
        }
    }
    std::optional<std::string> text;
    if (fs::is_regular_file(file)) text = slurp(file);
    return read_calibration(file, text ? std::move(*text) : std::string(), text.has_value());
}

void detail::write_calibration_cache(const std::string& calibration_path, const std::string& file) {
    const auto text = slurp(calibration_path);
    if (!text) throw error("calibration.missing", calibration_path + ": cannot read");
    const auto c = read_calibration(calibration_path, *text, true);
    cache_writer w;
    w.str(*text);
    calibration_fields(w, c);
    write_file(file, w.out);
}

namespace {

detail::word_lists read_word_lists(const fs::path& root) {
    detail::word_lists w;

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

// The calibration from its YAML; text is the file's bytes when they could be read.
calibration read_calibration(const fs::path& file, std::string text, bool text_read) {
    // the idf.df block read by hand when it has the usual form
    calibration c;
    const bool df_read = text_read && cut_df(text, c.df);
    const auto root = df_read ? config::load_map(text, file, "calibration") : config::load_map(file, "calibration");
    c.source = file.string();
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

}  // namespace

std::string calibration::default_path() {
    if (const char* env = std::getenv("QUOTETRACE_CALIBRATION"); env && *env) return env;
    const fs::path source = fs::path(QUOTETRACE_SOURCE_GRAMMARS).parent_path() / "data" / "similarity.yaml";
    if (fs::exists(source)) return source.string();
    return "/usr/local/share/quotetrace/data/similarity.yaml";
}

}  // namespace quotetrace::match
