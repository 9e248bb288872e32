// ingest, check, report, dot and who-said: thin commands over the store, the
// graph, the report writers and the who-said index. A read command takes a
// store (--db) or paths, which are ingested into a store in memory.
#include "provenance_commands.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "quotetrace/extract.hpp"
#include "quotetrace/graph.hpp"
#include "quotetrace/ingest.hpp"
#include "quotetrace/lexicon.hpp"
#include "quotetrace/output.hpp"
#include "quotetrace/pipeline.hpp"
#include "quotetrace/provenance.hpp"
#include "quotetrace/report.hpp"
#include "quotetrace/store.hpp"
#include "quotetrace/who_said.hpp"
#include "limits.hpp"

namespace quotetrace::cli {
namespace {

constexpr int exit_skipped = 1;
constexpr int exit_usage = 2;

// QUOTETRACE_KILL_AFTER_ROWS=N ends the process abruptly after the N-th row
// an ingest writes, inside its transaction: the durability test's kill -9
// at a known place.
store::options store_options() {
    store::options o;
    if (const char* n = std::getenv("QUOTETRACE_KILL_AFTER_ROWS")) {
        const auto limit = std::strtoull(n, nullptr, 10);
        if (limit > 0)
            o.after_row = [limit, seen = std::size_t{0}](std::size_t) mutable {
                if (++seen >= limit) _exit(137);
            };
    }
    return o;
}

void print_diagnostic(const diagnostic& d) { std::cerr << format(d) << '\n'; }

}  // namespace

struct provenance_commands::state {
    const std::string& grammar_dir;
    const matcher_setup& setup;
    CLI::App *ingest = nullptr, *check = nullptr, *report = nullptr, *dot = nullptr, *who = nullptr;
    std::string db = "quotetrace.db";
    std::vector<std::string> paths;
    limits limit_options;
    bool no_progress = false;
    std::string format = "md";
    std::size_t min_reports = 1;
    graph::dot_filter filter;
    std::string question;
    bool json = false;
    std::size_t limit = 10;

    // the analysis a command needs, loaded on first use
    std::unique_ptr<lexicon> lex;
    std::unique_ptr<extractor> ex;
    std::unique_ptr<provenance::reader> facts;
    std::unique_ptr<matcher> match;
    std::size_t skipped = 0;

    state(const std::string& g, const matcher_setup& s) : grammar_dir(g), setup(s) {}

    void load_matcher(bool open_wordnet = false) {
        if (match) return;
        auto s = setup;
        s.open_wordnet = open_wordnet;
        match = std::make_unique<matcher>(s);
    }
    void load_extractor() {
        if (lex) return;
        lex = std::make_unique<lexicon>(load_lexicon(grammar_dir));
        ex = std::make_unique<extractor>(*lex, limit_options.extraction());
        facts = std::make_unique<provenance::reader>(*lex, provenance::load_outlets(grammar_dir));
    }

    struct tally {
        std::size_t added = 0, unchanged = 0, quotes = 0, statements = 0, failed = 0;
    };

    // Reads `inputs` into `db`; counts what happened. Store errors pass on.
    tally ingest_into(store::database& db, const std::vector<std::string>& inputs, bool progress_line,
                      bool open_wordnet = false) {
        load_extractor();
        load_matcher(open_wordnet);
        // the provenance facts reader: outlet, credits, dates, citations, and
        // when each quote's statement was made
        pipeline::ingester in(db, *ex, *lex, match->sim(), [&r = *facts](const document& d, const std::vector<quote>& qs) {
            pipeline::document_facts f{r.read(d), {}};
            f.said = r.said(d, f.facts, qs);
            return f;
        });
        tally t;
        const ingest::options& opt = limit_options.read;
        const bool show = progress_line && isatty(STDERR_FILENO);
        const auto read = ingest::read_paths(
            inputs, opt,
            [&](document&& doc) {
                try {
                    const auto r = in.add(doc);
                    if (r.what == pipeline::outcome::unchanged) {
                        ++t.unchanged;
                    } else {
                        ++t.added;
                        t.quotes += r.quotes;
                        t.statements += r.new_statements;
                    }
                } catch (const error&) {
                    throw;
                } catch (const std::bad_alloc&) {
                    throw;
                } catch (const std::exception& e) {
                    std::cerr << doc.id << ": error [extract.internal] " << e.what() << "; document skipped\n";
                    ++t.failed;
                }
                if (show) std::cerr << "\r" << t.added << " added, " << t.unchanged << " unchanged" << std::flush;
            },
            print_diagnostic);
        if (show) std::cerr << '\n';
        skipped += read.skipped + read.repaired + t.failed + limit_options.met;
        limit_options.met = 0;
        return t;
    }

    // The store a read command works on.
    std::unique_ptr<store::database> open_source() {
        if (!paths.empty()) {
            auto db = std::make_unique<store::database>(":memory:");
            ingest_into(*db, paths, false, few_bytes(paths));
            return db;
        }
        if (!std::filesystem::exists(db))
            throw error("store.missing", db + ": no such store (run `quotetrace ingest PATHS --db " + db +
                                             "` first, or give the articles' paths)");
        return std::make_unique<store::database>(db);
    }

    int status() const { return skipped ? exit_skipped : 0; }

    int run_ingest() {
        store::database store(db, store_options());
        const auto before = store.count();
        const auto t = ingest_into(store, paths, !no_progress);
        const auto after = store.count();
        std::cout << "added " << t.added << " documents (" << t.quotes << " quotes, " << t.statements
                  << " new statements), " << t.unchanged << " unchanged";
        if (t.failed) std::cout << ", " << t.failed << " failed";
        std::cout << "\nstore " << db << ": " << after.documents << " documents, " << after.quotes << " quotes, "
                  << after.statements << " statements, " << after.speakers << " speakers, " << after.outlets
                  << " outlets (" << (after.documents - before.documents) << " documents new)\n";
        return status();
    }

    int run_check() {
        if (!std::filesystem::exists(db)) throw error("store.missing", db + ": no such store");
        const store::database store(db);
        const auto r = store.check();
        const auto& n = r.totals;
        std::cout << db << ": " << (r.problems.empty() ? "ok" : "PROBLEMS") << "\n"
                  << "documents " << n.documents << "\nquotes " << n.quotes << "\nstatements " << n.statements
                  << "\nspeakers " << n.speakers << "\noutlets " << n.outlets << "\ncitations " << n.citations << '\n';
        for (const auto& p : r.problems) std::cout << "problem: " << p << '\n';
        return r.problems.empty() ? 0 : exit_skipped;
    }

    int run_report() {
        if (format != "md" && format != "markdown" && format != "json" && format != "html") {
            std::cerr << "quotetrace report: --format \"" << format << "\": expected md, json or html\n";
            return exit_usage;
        }
        const auto store = open_source();
        const auto g = graph::provenance_graph::from_store(*store);
        const auto r = report::build(g, min_reports);
        if (format == "json") report::write_json(std::cout, r);
        else if (format == "html") report::write_html(std::cout, r);
        else report::write_markdown(std::cout, r);
        std::cout.flush();
        return status();
    }

    int run_dot() {
        const auto store = open_source();
        const auto g = graph::provenance_graph::from_store(*store);
        if (!filter.speaker.empty() && g.find(graph::vertex_kind::speaker, filter.speaker) == graph::no_vertex)
            std::cerr << "quotetrace dot: warning: --speaker \"" << filter.speaker << "\" names no stored speaker\n";
        if (!filter.outlet.empty() && g.find(graph::vertex_kind::outlet, filter.outlet) == graph::no_vertex)
            std::cerr << "quotetrace dot: warning: --outlet \"" << filter.outlet << "\" names no stored outlet\n";
        if (!filter.statement.empty() && g.find(graph::vertex_kind::statement, filter.statement) == graph::no_vertex)
            std::cerr << "quotetrace dot: warning: --statement \"" << filter.statement << "\" names no stored statement\n";
        try {
            graph::write_dot(std::cout, g, filter);
        } catch (const error& e) {
            std::cerr << "quotetrace dot: error [" << e.id() << "] " << e.what() << '\n';
            return exit_usage;
        }
        std::cout.flush();
        return status();
    }

    int run_who_said() {
        const auto store = open_source();
        // a stored graph needs WordNet only for the question's words
        load_matcher(true);
        auto answers = query::ask_store(*store, match->sim(), question);
        if (answers.size() > limit) answers.resize(limit);
        if (json) {
            auto out = nlohmann::ordered_json::object();
            out["question"] = question;
            auto list = nlohmann::ordered_json::array();
            for (const auto& a : answers) {
                nlohmann::ordered_json s;
                s["speaker"] = a.speaker.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(a.speaker);
                s["confidence"] = std::round(a.confidence * 1000) / 1000;
                auto sts = nlohmann::ordered_json::array();
                for (const auto& st : a.statements) {
                    nlohmann::ordered_json x;
                    x["statement"] = st.id;
                    x["confidence"] = std::round(st.confidence * 1000) / 1000;
                    x["text"] = st.text;
                    auto reps = nlohmann::ordered_json::array();
                    for (const auto& p : st.reports)
                        reps.push_back({{"article", p.article},
                                        {"outlet", p.outlet.empty() ? nlohmann::ordered_json(nullptr)
                                                                    : nlohmann::ordered_json(p.outlet)},
                                        {"published", p.published.empty() ? nlohmann::ordered_json(nullptr)
                                                                          : nlohmann::ordered_json(p.published)}});
                    x["reports"] = std::move(reps);
                    sts.push_back(std::move(x));
                }
                s["statements"] = std::move(sts);
                list.push_back(std::move(s));
            }
            out["answers"] = std::move(list);
            std::cout << output::escape_line_separators(
                             out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
                      << '\n';
        } else if (answers.empty()) {
            std::cout << "No one in the store said that (no quote reaches the similarity threshold).\n";
        } else {
            char conf[16];
            for (const auto& a : answers) {
                std::snprintf(conf, sizeof conf, "%.2f", a.confidence);
                std::cout << (a.speaker.empty() ? "(unknown speaker)" : a.speaker) << "  confidence " << conf << '\n';
                for (const auto& st : a.statements) {
                    std::snprintf(conf, sizeof conf, "%.2f", st.confidence);
                    std::cout << "  " << st.id << "  " << conf << "  “" << st.text << "”\n";
                    for (const auto& p : st.reports)
                        std::cout << "      " << p.article << "  " << (p.outlet.empty() ? "(no outlet named)" : p.outlet)
                                  << "  " << (p.published.empty() ? "date unknown" : p.published) << '\n';
                }
            }
        }
        std::cout.flush();
        return status();
    }
};

provenance_commands::provenance_commands(CLI::App& app, const std::string& grammar_dir, const matcher_setup& setup,
                                         const std::function<void(CLI::App*)>& matching_options)
    : s_(std::make_unique<state>(grammar_dir, setup)) {
    auto& s = *s_;
    auto db_option = [&](CLI::App* cmd) { cmd->add_option("--db", s.db, "the store (default quotetrace.db)"); };
    auto source = [&](CLI::App* cmd) {
        db_option(cmd);
        cmd->add_option("paths", s.paths, "articles to read into a one-off store in memory, instead of --db");
        matching_options(cmd);
        s.limit_options.add_options(cmd);
    };

    s.ingest = app.add_subcommand("ingest", "add articles to the store (a stored article is left alone)");
    s.ingest->add_option("paths", s.paths, "files, folders (recursive) or - for stdin")->required();
    db_option(s.ingest);
    s.limit_options.add_options(s.ingest);
    s.ingest->add_flag("--no-progress", s.no_progress, "no progress line on stderr");
    matching_options(s.ingest);

    s.check = app.add_subcommand("check", "verify the store's integrity and print its counts");
    db_option(s.check);

    s.report = app.add_subcommand("report", "per statement: speaker, dates, outlets, exact words, drift");
    source(s.report);
    s.report->add_option("--format", s.format, "md (default), json or html");
    s.report->add_option("--min-reports", s.min_reports, "only statements reported by at least N articles");

    s.dot = app.add_subcommand("dot", "the provenance graph as GraphViz DOT");
    source(s.dot);
    s.dot->add_option("--speaker", s.filter.speaker, "only this speaker's statements");
    s.dot->add_option("--statement", s.filter.statement, "only this statement (s12 or 12)");
    s.dot->add_option("--outlet", s.filter.outlet, "only articles of this outlet");
    s.dot->add_option("--since", s.filter.since, "only articles published on or after (YYYY[-MM[-DD]])");
    s.dot->add_option("--until", s.filter.until, "only articles published on or before (YYYY[-MM[-DD]])");

    s.who = app.add_subcommand("who-said", "rank speakers for a phrase or a paraphrase of it");
    s.who->add_option("text", s.question, "the words")->required();
    source(s.who);
    s.who->add_flag("--json", s.json, "one JSON object");
    s.who->add_option("--limit", s.limit, "at most N speakers (10)")->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
}

provenance_commands::~provenance_commands() = default;

bool provenance_commands::run(int& status) {
    auto& s = *s_;
    if (*s.ingest) status = s.run_ingest();
    else if (*s.check) status = s.run_check();
    else if (*s.report) status = s.run_report();
    else if (*s.dot) status = s.run_dot();
    else if (*s.who) status = s.run_who_said();
    else return false;
    return true;
}

}  // namespace quotetrace::cli
