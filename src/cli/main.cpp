// quotetrace's command line: thin subcommands over the library.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "quotetrace/error.hpp"
#include "quotetrace/extract.hpp"
#include "quotetrace/ingest.hpp"
#include "quotetrace/lexicon.hpp"
#include "quotetrace/match.hpp"
#include "quotetrace/output.hpp"

namespace {

// Exit codes: 0 all read, 1 some input skipped or repaired, 2 usage, 3 set-up error.
constexpr int exit_skipped = 1;
constexpr int exit_usage = 2;
constexpr int exit_setup = 3;

// A one-line progress report on stderr when it is a terminal and the run is long.
class progress {
public:
    explicit progress(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)) {}
    void tick(std::size_t docs, std::size_t quotes, std::size_t bytes) {
        if (!enabled_) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        const double secs = std::chrono::duration<double>(now - start_).count();
        std::fprintf(stderr, "\r%zu documents, %zu quotes, %.1f MB, %.1f MB/s   ", docs, quotes, bytes / 1e6,
                     bytes / 1e6 / secs);
        shown_ = true;
    }
    ~progress() {
        if (shown_) std::fputc('\n', stderr);
    }

private:
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

int run_quotes(const std::vector<std::string>& paths, const std::string& grammar_dir, std::size_t max_doc,
               bool show_progress) {
    const auto lex = quotetrace::load_lexicon(grammar_dir);
    const quotetrace::extractor ex(lex);
    quotetrace::speaker_registry names(lex);
    quotetrace::ingest::options opt;
    opt.max_document_bytes = max_doc;
    std::size_t quotes = 0, bytes = 0, docs = 0, failed = 0;
    progress bar(show_progress);
    std::string line;
    auto tally = quotetrace::ingest::read_paths(
        paths, opt,
        [&](quotetrace::document&& doc) {
            // A fault in one document costs that document, never the run.
            std::vector<quotetrace::quote> found;
            try {
                found = ex.extract(doc, names);
            } catch (const std::bad_alloc&) {
                throw;
            } catch (const std::exception& e) {
                std::cerr << doc.id << ": error [extract.internal] " << e.what() << "; document skipped\n";
                ++failed;
            }
            for (const auto& q : found) {
                line = quotetrace::output::quote_record(doc, q);
                line.push_back('\n');
                std::fwrite(line.data(), 1, line.size(), stdout);
                ++quotes;
            }
            bytes += doc.text.size();
            bar.tick(++docs, quotes, bytes);
        },
        [](const quotetrace::diagnostic& d) { std::cerr << quotetrace::format(d) << '\n'; });
    std::fflush(stdout);
    tally.skipped += failed;
    if (tally.skipped || tally.repaired) {
        std::cerr << "quotetrace: " << tally.documents << " documents read, " << tally.skipped << " inputs skipped, "
                  << tally.repaired << " repaired\n";
        return exit_skipped;
    }
    return 0;
}

// One JSON line per pair of an MSRP-format file, in input order; a malformed
// line keeps its position as {"score":null,"same":null,"error":...}.
int run_similar(const std::string& pairs, const std::string& grammar_dir, const std::string& calibration_path,
                const std::string& wordnet_dir, bool with_features, bool with_stems) {
    namespace qm = quotetrace::match;
    const qm::canonicalizer canon(grammar_dir);
    qm::wordnet wn;
    try {
        wn = qm::wordnet::load(wordnet_dir);
    } catch (const quotetrace::error& e) {
        std::cerr << "quotetrace: warning [" << e.id() << "] " << e.what() << " (similarity without synonyms)\n";
    }
    const qm::similarity sim(canon, wn, qm::calibration::load(calibration_path));
    const auto& names = qm::feature_names();
    bool malformed = false;
    std::string out;
    char num[32];
    auto add_stems = [&](const qm::prepared& p) {
        out += '[';
        bool first = true;
        for (const auto& w : p.words) {
            if (!w.is(qm::prepared::content)) continue;
            if (!first) out += ',';
            first = false;
            quotetrace::output::json_string(out, sim.lexeme_at(w.lexeme).stem);
        }
        out += ']';
    };
    qm::read_msrp(
        pairs,
        [&](const qm::msrp_pair& p) {
            out.clear();
            if (!p.ok) {
                malformed = true;
                out = "{\"score\":null,\"same\":null,\"error\":\"msrp.malformed\",\"line\":" + std::to_string(p.line) + "}\n";
                std::fwrite(out.data(), 1, out.size(), stdout);
                return;
            }
            const auto a = sim.prepare(p.text1), b = sim.prepare(p.text2);
            const double score = sim.score(a, b);
            std::snprintf(num, sizeof num, "%.4f", score);
            out += "{\"score\":";
            out += num;
            out += sim.same(score) ? ",\"same\":true" : ",\"same\":false";
            if (with_features) {
                const auto f = sim.features(a, b);
                out += ",\"features\":{";
                for (std::size_t k = 0; k < f.size(); ++k) {
                    std::snprintf(num, sizeof num, "%.6g", f[k]);
                    out += (k ? ",\"" : "\"") + names[k] + "\":" + num;
                }
                out += '}';
            }
            if (with_stems) {
                out += ",\"stems\":[";
                add_stems(a);
                out += ',';
                add_stems(b);
                out += ']';
            }
            out += "}\n";
            std::fwrite(out.data(), 1, out.size(), stdout);
        },
        [](const quotetrace::diagnostic& d) { std::cerr << quotetrace::format(d) << '\n'; });
    std::fflush(stdout);
    return malformed ? exit_skipped : 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"quotetrace: who said what, in which words, and who reported it first"};
    app.require_subcommand(1);
    std::string grammar_dir = quotetrace::default_grammar_dir();
    app.add_option("--grammars", grammar_dir, "folder of the lexicons (grammars/en)");

    auto* quotes = app.add_subcommand("quotes", "extract attributed quotes as JSON lines");
    std::vector<std::string> paths;
    std::size_t max_doc = 64u << 20;
    bool no_progress = false;
    quotes->add_option("paths", paths, "files, folders (recursive) or - for stdin")->required();
    quotes->add_option("--max-document-bytes", max_doc, "cut longer documents (with a warning)");
    quotes->add_flag("--no-progress", no_progress, "no progress line on stderr");

    auto* similar = app.add_subcommand("similar", "score pairs of quotes (MSRP format) as JSON lines");
    std::string pairs_path;
    std::string calibration_path = quotetrace::match::calibration::default_path();
    std::string wordnet_dir = quotetrace::match::wordnet::default_dir();
    bool with_features = false, with_stems = false;
    similar->add_option("--pairs", pairs_path, "MSRP-format file: header, then Quality, id1, id2, string1, string2; - for stdin")
        ->required();
    similar->add_option("--calibration", calibration_path, "similarity calibration (data/similarity.yaml)");
    similar->add_option("--wordnet", wordnet_dir, "WordNet data folder (/usr/share/wordnet)");
    similar->add_flag("--features", with_features, "add the alignment features to each line (for calibration)");
    similar->add_flag("--stems", with_stems, "add the content stems of both strings (for calibration)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version exit 0; every other usage problem is exit 2
        return app.exit(e) == 0 ? 0 : exit_usage;
    }
    try {
        if (*quotes) return run_quotes(paths, grammar_dir, max_doc, !no_progress);
        if (*similar)
            return run_similar(pairs_path, grammar_dir, calibration_path, wordnet_dir, with_features, with_stems);
    } catch (const quotetrace::error& e) {
        std::cerr << "quotetrace: error [" << e.id() << "] " << e.what() << '\n';
        return exit_setup;
    }
    return 0;
}
