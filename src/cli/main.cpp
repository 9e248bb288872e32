// quotetrace's command line: thin subcommands over the library.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "quotetrace/error.hpp"
#include "quotetrace/extract.hpp"
#include "quotetrace/ingest.hpp"
#include "quotetrace/lexicon.hpp"
#include "quotetrace/match.hpp"
#include "quotetrace/output.hpp"
#include "limits.hpp"
#include "matcher.hpp"
#include "provenance_commands.hpp"
#include "quotetrace/provenance.hpp"
#include "src/ingest/json_fields.hpp"

namespace {

namespace qm = quotetrace::match;
using quotetrace::cli::matcher;
using quotetrace::cli::matcher_setup;

// Exit codes: 0 all read, 1 some input skipped or repaired, 2 usage, 3 set-up error.
constexpr int exit_skipped = 1;
constexpr int exit_usage = 2;
constexpr int exit_setup = 3;

// A one-line progress report on stderr when it is a terminal and the run is long.
class progress {
public:
    // `units` and `found` name what tick() counts: documents and quotes, or
    // quotes and statements.
    progress(bool enabled, const char* units, const char* found)
        : enabled_(enabled && isatty(STDERR_FILENO)), units_(units), found_(found) {}
    void tick(std::size_t docs, std::size_t quotes, std::size_t bytes) {
        if (!enabled_) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        const double secs = std::chrono::duration<double>(now - start_).count();
        std::fprintf(stderr, "\r%zu %s, %zu %s, %.1f MB, %.1f MB/s   ", docs, units_, quotes, found_, bytes / 1e6,
                     bytes / 1e6 / secs);
        shown_ = true;
    }
    ~progress() {
        if (shown_) std::fputc('\n', stderr);
    }

private:
    bool enabled_;
    const char* units_;
    const char* found_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

// Statement ids as users see them: "s1", "s2", ... in order of foundation.
std::vector<std::string> statement_names(const std::vector<std::uint32_t>& ids) {
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (const auto id : ids) out.push_back(std::string(1, 's').append(std::to_string(id + 1)));
    return out;
}

int run_quotes(const std::vector<std::string>& paths, const std::string& grammar_dir,
               quotetrace::cli::limits& limits, bool show_progress, const matcher_setup* matching) {
    const auto lex = quotetrace::load_lexicon(grammar_dir);
    const quotetrace::extractor ex(lex, limits.extraction());
    const quotetrace::provenance::reader provenance(lex, quotetrace::provenance::load_outlets(grammar_dir));
    quotetrace::speaker_registry names(lex);
    std::unique_ptr<matcher> match;
    std::unique_ptr<qm::statement_index> statements;
    if (matching) {
        auto setup = *matching;
        setup.open_wordnet = quotetrace::cli::few_bytes(paths);
        match = std::make_unique<matcher>(setup);
        statements = std::make_unique<qm::statement_index>(match->sim());
        statements->set_affiliation([&names](std::string_view organisation, std::string_view person) {
            return names.affiliated(organisation, person);
        });
    }
    const quotetrace::ingest::options& opt = limits.read;
    std::size_t quotes = 0, bytes = 0, docs = 0, failed = 0;
    progress bar(show_progress, "documents", "quotes");
    std::string out;  // one document's records
    auto tally = quotetrace::ingest::read_paths(
        paths, opt,
        [&](quotetrace::document&& doc) {
            // A fault in one document costs that document, never the run:
            // its records are written only once all of them are made.
            std::size_t made = 0;
            out.clear();
            try {
                auto found = ex.extract(doc, names);
                const auto facts = found.empty() ? quotetrace::provenance::facts{} : provenance.read(doc);
                const auto said = provenance.said(doc, facts, found);
                for (std::size_t k = 0; k < found.size(); ++k) {
                    auto& q = found[k];
                    if (statements)
                        q.statements = statement_names(statements->add(
                            std::string_view(doc.text).substr(q.content.begin, q.content.size()), q.speaker, doc.id));
                    out += quotetrace::output::quote_record(doc, q, facts, said[k]);
                    out.push_back('\n');
                    ++made;
                }
            } catch (const std::bad_alloc&) {
                throw;
            } catch (const std::exception& e) {
                std::cerr << doc.id << ": error [extract.internal] " << e.what() << "; document skipped\n";
                ++failed;
                out.clear();
                made = 0;
            }
            std::fwrite(out.data(), 1, out.size(), stdout);
            quotes += made;
            bytes += doc.text.size();
            bar.tick(++docs, quotes, bytes);
        },
        [](const quotetrace::diagnostic& d) { std::cerr << quotetrace::format(d) << '\n'; });
    std::fflush(stdout);
    tally.skipped += failed;
    if (tally.skipped || tally.repaired || limits.met) {
        std::cerr << "quotetrace: " << tally.documents << " documents read, " << tally.skipped << " inputs skipped, "
                  << tally.repaired << " repaired";
        if (limits.met) std::cerr << ", " << limits.met << " with quotes over a limit";
        std::cerr << '\n';
        return exit_skipped;
    }
    return 0;
}

// One JSON line per pair of an MSRP-format file, in input order; a malformed
// line keeps its position as {"score":null,"same":null,"error":...}.
int run_similar(const std::string& pairs, const matcher_setup& setup, bool with_features, bool with_stems) {
    const matcher m(setup);
    const auto& sim = m.sim();
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

// Reads quote records (JSONL: "text", optional "speaker" and "doc"; every
// other field kept as written) and writes each back with its "statements",
// in input order. Two passes: the first clusters (statements may merge as
// evidence arrives), the second writes every record with the final ids,
// numbered s1, s2, ... in order of first appearance. Standard input is kept
// in a temporary file for the second pass. A line longer than
// `max_record_bytes` is never held whole: it is read through and skipped
// with a warning, so memory stays bounded whatever the input.
int run_statements(const std::vector<std::string>& paths, const matcher_setup& setup, std::size_t max_record_bytes,
                   bool show_progress) {
    namespace ij = quotetrace::ingest::detail;
    auto wordnet_for = setup;
    wordnet_for.open_wordnet = quotetrace::cli::few_bytes(paths);
    const matcher m(wordnet_for);
    qm::statement_index index(m.sim());
    bool skipped = false;
    std::string line, error;
    std::size_t length = 0;
    ij::quote_record record;
    // per input: the stream to read again, and per good record its statements
    struct input {
        std::string name;
        std::unique_ptr<std::ifstream> file;
        std::FILE* spool = nullptr;  // standard input, kept
    };
    std::vector<input> inputs;
    std::vector<std::uint32_t> ids;          // statements of every good record, in order
    std::vector<std::uint32_t> ids_end;      // end of each good record's ids
    {
        progress bar(show_progress, "quotes", "statements");
        std::size_t bytes = 0;
        for (const auto& path : paths) {
            input in{path == "-" ? "<stdin>" : path, nullptr, nullptr};
            if (path != "-") {
                in.file = std::make_unique<std::ifstream>(path, std::ios::binary);
                if (!*in.file) {
                    std::cerr << path << ": error [input.unreadable] cannot open; skipped\n";
                    skipped = true;
                    continue;
                }
            } else if (!(in.spool = std::tmpfile())) {
                std::cerr << "<stdin>: error [input.unreadable] no temporary file to keep standard input in; skipped\n";
                skipped = true;
                continue;
            }
            std::istream& stream = in.file ? static_cast<std::istream&>(*in.file) : std::cin;
            for (std::size_t number = 1; ij::bounded_line(stream, line, max_record_bytes, length); ++number) {
                bytes += length + 1;
                if (length > max_record_bytes) {
                    std::cerr << in.name << ':' << number << ": warning [statements.too_large] record of " << length
                              << " bytes, longer than " << max_record_bytes
                              << " (--max-record-bytes); line skipped\n";
                    skipped = true;
                    continue;
                }
                // the spool keeps only the lines the second pass may write
                if (in.spool) {
                    std::fwrite(line.data(), 1, line.size(), in.spool);
                    std::fputc('\n', in.spool);
                }
                if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
                std::size_t offset = 0;
                if (!ij::parse_quote_record(line, record, error, offset) || !record.has_text) {
                    std::cerr << in.name << ':' << number << ": warning [statements.malformed] "
                              << (record.has_text || !error.empty() ? error + " at byte " + std::to_string(offset + 1)
                                                                     : std::string("no \"text\" string"))
                              << "; line skipped\n";
                    skipped = true;
                    continue;
                }
                const auto linked = index.add(record.text, record.speaker, record.doc);
                ids.insert(ids.end(), linked.begin(), linked.end());
                ids_end.push_back(static_cast<std::uint32_t>(ids.size()));
                bar.tick(index.quotes(), index.statements() - index.merged(), bytes);
            }
            if (stream.bad()) {
                std::cerr << in.name << ": warning [input.unreadable] read error; the rest is lost\n";
                skipped = true;
            }
            inputs.push_back(std::move(in));
        }
    }

    // second pass: the same lines, the good ones written with final ids
    std::vector<std::uint32_t> name(index.statements(), 0);  // 1-based final number per root
    std::uint32_t names = 0;
    std::size_t good = 0;
    std::string out, list;
    std::vector<std::uint32_t> mine;
    for (auto& in : inputs) {
        if (in.spool) {
            std::rewind(in.spool);
        } else {
            in.file->clear();
            in.file->seekg(0);
        }
        // the spool holds no line over the bound, so one read of it is bounded too
        auto next = [&](std::string& l) -> bool {
            if (!in.spool) return ij::bounded_line(*in.file, l, max_record_bytes, length);
            l.clear();
            int c;
            while ((c = std::getc(in.spool)) != EOF && c != '\n') l.push_back(static_cast<char>(c));
            length = l.size();
            return c != EOF || !l.empty();
        };
        while (next(line)) {
            if (length > max_record_bytes || line.find_first_not_of(" \t\r") == std::string::npos) continue;
            std::size_t offset = 0;
            if (!ij::parse_quote_record(line, record, error, offset) || !record.has_text) continue;
            mine.assign(ids.begin() + (good ? ids_end[good - 1] : 0), ids.begin() + ids_end[good]);
            ++good;
            for (auto& id : mine) {
                const auto root = index.resolve(id);
                if (!name[root]) name[root] = ++names;
                id = name[root];
            }
            std::sort(mine.begin(), mine.end());
            mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
            list = "[";
            for (const auto id : mine) {
                if (list.size() > 1) list.push_back(',');
                list += "\"s";
                list += std::to_string(id);
                list.push_back('"');
            }
            list.push_back(']');
            out = ij::with_statements(line, record, list);
            out.push_back('\n');
            std::fwrite(out.data(), 1, out.size(), stdout);
        }
        if (in.spool) std::fclose(in.spool);
    }
    std::fflush(stdout);
    std::cerr << "quotetrace: " << index.quotes() << " quotes, " << names << " statements ("
              << index.merged() << " merged), " << index.verified() << " candidate pairs verified\n";
    return skipped ? exit_skipped : 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"quotetrace: who said what, in which words, and who reported it first"};
    app.require_subcommand(1);
    std::string grammar_dir = quotetrace::default_grammar_dir();
    app.add_option("--grammars", grammar_dir, "folder of the lexicons (grammars/en)");

    auto* quotes = app.add_subcommand("quotes", "extract attributed quotes as JSON lines");
    std::vector<std::string> paths;
    quotetrace::cli::limits limits;
    bool no_progress = false;
    quotes->add_option("paths", paths, "files, folders (recursive) or - for stdin")->required();
    limits.add_options(quotes);
    quotes->add_flag("--no-progress", no_progress, "no progress line on stderr");

    bool no_statements = false;
    quotes->add_flag("--no-statements", no_statements, "leave statements empty (no statement matching)");
    matcher_setup setup{"", quotetrace::match::calibration::default_path(), quotetrace::match::wordnet::default_dir()};
    auto matching_options = [&](CLI::App* cmd) {
        cmd->add_option("--calibration", setup.calibration, "similarity calibration (data/similarity.yaml)");
        cmd->add_option("--wordnet", setup.wordnet_dir, "WordNet data folder (/usr/share/wordnet)");
    };
    matching_options(quotes);

    auto* similar = app.add_subcommand("similar", "score pairs of quotes (MSRP format) as JSON lines");
    std::string pairs_path;
    bool with_features = false, with_stems = false;
    similar->add_option("--pairs", pairs_path, "MSRP-format file: header, then Quality, id1, id2, string1, string2; - for stdin")
        ->required();
    matching_options(similar);
    similar->add_flag("--features", with_features, "add the alignment features to each line (for calibration)");
    similar->add_flag("--stems", with_stems, "add the content stems of both strings (for calibration)");

    auto* stmts = app.add_subcommand("statements", "group quote records (JSONL) into statements");
    std::vector<std::string> stmt_paths;
    bool stmt_no_progress = false;
    stmts->add_option("paths", stmt_paths, "JSONL files of quote records, or - for stdin")->required();
    stmts->add_flag("--no-progress", stmt_no_progress, "no progress line on stderr");
    std::size_t max_record_bytes = std::size_t{1} << 20;
    stmts->add_option("--max-record-bytes", max_record_bytes,
                      "skip, with a warning, records (lines) longer than N bytes (1 MiB)")
        ->check(CLI::PositiveNumber);
    matching_options(stmts);

    quotetrace::cli::provenance_commands store_commands(app, grammar_dir, setup, matching_options);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version exit 0; every other usage problem is exit 2
        return app.exit(e) == 0 ? 0 : exit_usage;
    }
    try {
        setup.grammar_dir = grammar_dir;
        if (*quotes) return run_quotes(paths, grammar_dir, limits, !no_progress, no_statements ? nullptr : &setup);
        if (*similar) return run_similar(pairs_path, setup, with_features, with_stems);
        if (*stmts) return run_statements(stmt_paths, setup, max_record_bytes, !stmt_no_progress);
        if (int status = 0; store_commands.run(status)) {
            // Ends here without freeing what the command loaded (the word
            // lists, the calibration, a graph): a tenth of a one-question
            // command. Its store is closed by now; exit still flushes stdio.
            std::cout.flush();
            std::exit(status);
        }
    } catch (const quotetrace::error& e) {
        std::cerr << "quotetrace: error [" << e.id() << "] " << e.what() << '\n';
        return exit_setup;
    }
    return 0;
}
