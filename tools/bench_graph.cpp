// Benchmark of the provenance graph and the who-said index at scale: reads
// generated quote JSONL (tools/gen_variants.py: text, speaker, truth), repeats
// it with fresh statement numbers until it holds the statements asked for,
// builds the graph and the index (time, bytes, resident memory), then asks
// who-said questions in process (p50 / p99). With --db it also writes the
// store (rows a second) and times reading the graph back from it.
// --distinct-stems adds a stem of its own to each repetition of the sample,
// so that no two quotes of different repetitions hold the same stems (as in
// a corpus without repeated quotes); no question holds that stem.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "quotetrace/graph.hpp"
#include "quotetrace/lexicon.hpp"
#include "quotetrace/match.hpp"
#include "quotetrace/pipeline.hpp"
#include "quotetrace/store.hpp"
#include "quotetrace/who_said.hpp"

namespace {

using clock_type = std::chrono::steady_clock;
using namespace quotetrace;

double seconds_since(clock_type::time_point t) { return std::chrono::duration<double>(clock_type::now() - t).count(); }

// This thread's CPU time in microseconds: a question's own work, without the
// time a busy machine gives other processes meanwhile.
double thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// The process's CPU time in seconds: a build's own work on a shared machine.
double process_cpu_s() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// VmRSS or VmHWM of this process, in MB.
double memory_mb(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field, 0) == 0) return std::stod(line.substr(std::string(field).size() + 1)) / 1024.0;
    return 0;
}

struct quote_in {
    std::uint32_t text, speaker;
    std::vector<std::uint32_t> truth;
};

// "a12", "Outlet 7": built by appending, which GCC 12 does not misread as
// an overlapping copy.
std::string numbered(const char* prefix, std::size_t n) {
    std::string s(prefix);
    s += std::to_string(n);
    return s;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
    std::string input, db_path, answers_path;
    std::size_t want_statements = 1000000, per_article = 10, queries = 2000, max_per_statement = 0;
    unsigned threads = 0;
    bool distinct_stems = false;
    for (int k = 1; k < argc; ++k) {
        const std::string a = argv[k];
        auto next = [&]() -> std::string {
            if (k + 1 >= argc) {
                std::cerr << "bench_graph: " << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++k];
        };
        if (a == "--statements") want_statements = std::stoull(next());
        else if (a == "--per-article") per_article = std::max<std::size_t>(1, std::stoull(next()));
        else if (a == "--queries") queries = std::stoull(next());
        else if (a == "--max-per-statement") max_per_statement = std::stoull(next());
        else if (a == "--db") db_path = next();
        else if (a == "--answers") answers_path = next();
        else if (a == "--distinct-stems") distinct_stems = true;
        else if (a == "--threads") threads = static_cast<unsigned>(std::stoul(next()));
        else input = a;
    }
    if (input.empty()) {
        std::cerr << "usage: bench_graph QUOTES.jsonl [--statements N] [--per-article N] [--queries N]\n"
                     "                   [--max-per-statement N] [--db PATH] [--answers FILE] [--distinct-stems]\n"
                     "                   [--threads N]\n";
        return 2;
    }
    // the quotes, texts and speakers interned
    std::vector<std::string> texts, speakers;
    std::unordered_map<std::string, std::uint32_t> text_ids, speaker_ids;
    std::vector<quote_in> quotes;
    std::uint32_t max_truth = 0;
    std::unordered_map<std::uint32_t, std::size_t> per_statement;
    {
        std::ifstream in(input);
        if (!in) {
            std::cerr << "bench_graph: " << input << ": cannot open\n";
            return 2;
        }
        std::string line;
        for (std::size_t number = 1; std::getline(in, line); ++number) {
            const auto r = nlohmann::json::parse(line, nullptr, false);
            if (r.is_discarded() || !r.is_object() || !r.contains("text") || !r["text"].is_string() ||
                !r.contains("truth") || !r["truth"].is_array()) {
                std::cerr << "bench_graph: " << input << ':' << number << ": not a generated quote; skipped\n";
                continue;
            }
            auto intern = [](auto& ids, auto& list, const std::string& s) {
                const auto [it, fresh] = ids.try_emplace(s, static_cast<std::uint32_t>(list.size()));
                if (fresh) list.push_back(s);
                return it->second;
            };
            quote_in q{intern(text_ids, texts, r["text"].get<std::string>()),
                       intern(speaker_ids, speakers, r["speaker"].is_string() ? r["speaker"].get<std::string>() : std::string()),
                       {}};
            for (const auto& t : r["truth"]) {
                if (!t.is_number_unsigned()) continue;
                q.truth.push_back(t.get<std::uint32_t>());
                max_truth = std::max(max_truth, q.truth.back());
            }
            // at most max_per_statement quotes of one statement (by its first true statement)
            if (max_per_statement && !q.truth.empty() && ++per_statement[q.truth.front()] > max_per_statement) continue;
            quotes.push_back(std::move(q));
        }
    }
    std::unordered_map<std::uint32_t, std::uint32_t> statement_speaker;
    for (const auto& q : quotes)
        for (const auto t : q.truth) statement_speaker.emplace(t, q.speaker);
    const std::size_t base_statements = statement_speaker.size();
    if (base_statements == 0) {
        std::cerr << "bench_graph: no quotes in " << input << '\n';
        return 2;
    }
    const std::size_t replicas = (want_statements + base_statements - 1) / base_statements;

    // content stems, as ingest stores them (once per distinct text)
    const auto grammar = default_grammar_dir();
    match::canonicalizer canon(grammar);
    match::wordnet wn;
    try {
        wn = match::wordnet::load(match::wordnet::default_dir());
    } catch (const error&) {
    }
    match::similarity sim(canon, wn, match::calibration::load(match::calibration::default_path()));
    auto t0 = clock_type::now();
    std::vector<std::string> stems(texts.size());
    for (std::size_t k = 0; k < texts.size(); ++k) stems[k] = pipeline::content_stems(sim, texts[k]);
    const double stem_s = seconds_since(t0);

    // the graph, from rows in memory
    const double rss_before = memory_mb("VmRSS:");
    t0 = clock_type::now();
    double cpu0 = process_cpu_s();
    graph::builder b(threads);
    {
        std::size_t text_bytes = 0, stem_bytes = 0;
        for (const auto& q : quotes) {
            text_bytes += texts[q.text].size();
            stem_bytes += stems[q.text].size();
        }
        b.reserve(quotes.size() * replicas, text_bytes * replicas, stem_bytes * replicas);
    }
    std::vector<std::uint32_t> outlets;
    for (int k = 0; k < 60; ++k) outlets.push_back(b.outlet(numbered("Outlet ", static_cast<std::size_t>(k))));
    std::vector<std::uint32_t> speaker_handles;
    for (const auto& s : speakers) speaker_handles.push_back(b.speaker(s));
    std::vector<std::uint32_t> numbers;
    std::size_t articles = 0, occurrences = 0;
    char date[16];
    std::string tagged;
    for (std::size_t r = 0; r < replicas; ++r) {
        const auto offset = static_cast<std::uint32_t>(r * (std::size_t{max_truth} + 1));
        for (const auto& [t, s] : statement_speaker) b.statement(offset + t + 1, speaker_handles[s]);
        std::uint32_t article = 0;
        for (std::size_t i = 0; i < quotes.size(); ++i) {
            if (i % per_article == 0) {
                const std::size_t n = articles++;
                std::snprintf(date, sizeof date, "2024-%02zu-%02zu", n % 12 + 1, n % 28 + 1);
                article = b.article(numbered("a", n), outlets[n % outlets.size()], date);
            }
            const auto& q = quotes[i];
            numbers.clear();
            for (const auto t : q.truth) numbers.push_back(offset + t + 1);
            const auto& text = texts[q.text];
            std::string_view quote_stems = stems[q.text];
            if (distinct_stems) {
                tagged = stems[q.text];
                tagged += " #";
                tagged += std::to_string(r);
                quote_stems = tagged;
            }
            b.occurrence(article, {quote_kind::direct, text, {0, text.size()}, "", "", quote_stems}, numbers);
            ++occurrences;
        }
    }
    const double rows_cpu_s = process_cpu_s() - cpu0;
    const graph::provenance_graph g(std::move(b));
    const double build_s = seconds_since(t0), build_cpu_s = process_cpu_s() - cpu0;
    const double rss_graph = memory_mb("VmRSS:") - rss_before;

    t0 = clock_type::now();
    cpu0 = process_cpu_s();
    const query::who_said_index index(g, sim);
    const double index_s = seconds_since(t0), index_cpu_s = process_cpu_s() - cpu0;
    const double rss_index = memory_mb("VmRSS:") - rss_before - rss_graph;

    // questions: a window of 5 to 10 words from a stored quote, and the same
    // number of words drawn from different quotes (which nobody said)
    std::mt19937_64 rng(7);
    auto words_of = [](const std::string& s) {
        std::vector<std::string> w;
        std::size_t i = 0;
        while (i < s.size()) {
            const auto j = std::min(s.find(' ', i), s.size());
            if (j > i) w.push_back(s.substr(i, j - i));
            i = j + 1;
        }
        return w;
    };
    // with --answers, every question's answers, one line each, to compare builds
    std::ofstream answers;
    if (!answers_path.empty()) answers.open(answers_path);
    auto record = [&](const std::string& question, const std::vector<query::speaker_answer>& a) {
        if (!answers) return;
        answers << question;
        for (const auto& s : a) {
            answers << " | " << s.speaker << ' ' << s.confidence;
            for (const auto& st : s.statements) {
                answers << " [" << st.id << ' ' << st.confidence << ' ' << st.answering << ' ' << st.text;
                for (const auto& p : st.reports) answers << " (" << p.article << ' ' << p.outlet << ' ' << p.published << ')';
                answers << ']';
            }
        }
        answers << '\n';
    };
    std::vector<double> said_us, nobody_us, said_cpu_us, nobody_cpu_us;
    std::size_t said_found = 0, nobody_found = 0;
    for (std::size_t k = 0; k < queries; ++k) {
        const auto& q = quotes[rng() % quotes.size()];
        const auto w = words_of(texts[q.text]);
        if (w.size() < 5) continue;
        const std::size_t len = std::min<std::size_t>(w.size(), 5 + rng() % 6);
        const std::size_t at = rng() % (w.size() - len + 1);
        std::string phrase, mixed;
        for (std::size_t i = 0; i < len; ++i) {
            phrase += (i ? " " : "") + w[at + i];
            const auto other = words_of(texts[quotes[rng() % quotes.size()].text]);
            mixed += (i ? " " : "") + other[rng() % other.size()];
        }
        auto t = clock_type::now();
        double cpu = thread_cpu_us();
        const auto a = index.ask(phrase);
        said_us.push_back(seconds_since(t) * 1e6);
        said_cpu_us.push_back(thread_cpu_us() - cpu);
        record(phrase, a);
        bool right = false;
        for (const auto& s : a)
            right = right || s.speaker == speakers[q.speaker];
        said_found += right;
        t = clock_type::now();
        cpu = thread_cpu_us();
        const auto none = index.ask(mixed);
        nobody_us.push_back(seconds_since(t) * 1e6);
        nobody_cpu_us.push_back(thread_cpu_us() - cpu);
        nobody_found += !none.empty();
        record(mixed, none);
    }

    nlohmann::ordered_json out;
    out["input_quotes"] = quotes.size();
    out["replicas"] = replicas;
    out["statements"] = g.count(graph::vertex_kind::statement);
    out["occurrences"] = occurrences;
    out["articles"] = articles;
    out["vertices"] = g.vertex_count();
    out["edges"] = g.edge_count();
    out["stems_s"] = stem_s;
    out["graph_threads"] = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    out["graph_build_s"] = build_s;
    out["graph_build_cpu_s"] = build_cpu_s;
    out["graph_rows_cpu_s"] = rows_cpu_s;  // of which the rows, before the edges are laid out
    out["graph_bytes_mb"] = static_cast<double>(g.memory_bytes()) / 1e6;
    out["graph_rss_mb"] = rss_graph;
    out["index_build_s"] = index_s;
    out["index_build_cpu_s"] = index_cpu_s;
    out["index_bytes_mb"] = static_cast<double>(index.memory_bytes()) / 1e6;
    out["index_rss_mb"] = rss_index;
    out["who_said_p50_us"] = percentile(said_us, 0.50);
    out["who_said_p99_us"] = percentile(said_us, 0.99);
    out["who_said_right_speaker_rate"] = said_us.empty() ? 0.0 : static_cast<double>(said_found) / static_cast<double>(said_us.size());
    out["nobody_p50_us"] = percentile(nobody_us, 0.50);
    out["nobody_p99_us"] = percentile(nobody_us, 0.99);
    out["who_said_cpu_p50_us"] = percentile(said_cpu_us, 0.50);
    out["who_said_cpu_p99_us"] = percentile(said_cpu_us, 0.99);
    out["nobody_cpu_p50_us"] = percentile(nobody_cpu_us, 0.50);
    out["nobody_cpu_p99_us"] = percentile(nobody_cpu_us, 0.99);
    out["nobody_answered_rate"] = nobody_us.empty() ? 0.0 : static_cast<double>(nobody_found) / static_cast<double>(nobody_us.size());

    if (!db_path.empty()) {
        // the store, one transaction per article, then the graph read back
        std::remove(db_path.c_str());
        store::database db(db_path);
        t0 = clock_type::now();
        std::size_t rows = 0, n = 0;
        for (std::size_t r = 0; r < replicas; ++r) {
            const auto offset = static_cast<std::uint32_t>(r * (std::size_t{max_truth} + 1));
            for (std::size_t i = 0; i < quotes.size(); i += per_article, ++n) {
                store::document_row d;
                d.name = numbered("a", n);
                d.path = d.name;
                d.hash = store::content_hash(d.name);
                d.outlet = numbered("Outlet ", n % 60);
                std::snprintf(date, sizeof date, "2024-%02zu-%02zu", n % 12 + 1, n % 28 + 1);
                d.published = date;
                for (std::size_t j = i; j < std::min(quotes.size(), i + per_article); ++j) {
                    const auto& q = quotes[j];
                    store::quote_row row;
                    row.seq = static_cast<std::uint32_t>(j - i);
                    row.text = texts[q.text];
                    row.where = {0, row.text.size()};
                    row.speaker = speakers[q.speaker];
                    for (const auto t : q.truth) row.statements.push_back(offset + t + 1);
                    row.stems = stems[q.text];
                    rows += 1 + row.statements.size();
                    d.quotes.push_back(std::move(row));
                }
                db.add(d);
            }
        }
        const double write_s = seconds_since(t0);
        out["store_write_s"] = write_s;
        out["store_rows_per_s"] = static_cast<double>(rows) / write_s;
        t0 = clock_type::now();
        const auto again = graph::provenance_graph::from_store(db);
        out["graph_from_store_s"] = seconds_since(t0);
        out["graph_from_store_vertices"] = again.vertex_count();
    }
    out["peak_rss_mb"] = memory_mb("VmHWM:");
    std::cout << out.dump(2) << '\n';
    return 0;
}
