// Incremental ingest: a document is analysed, its quotes matched against the
// statements restored from the store, and written in one transaction.
#include <algorithm>
#include <string>
#include <utility>

#include "quotetrace/error.hpp"
#include "quotetrace/pipeline.hpp"

namespace quotetrace::pipeline {
std::string content_stems(const match::similarity& sim, std::string_view text) {
    const auto p = sim.prepare(text);
    std::string out;
    std::vector<std::uint32_t> seen;
    for (const auto& w : p.words) {
        if (!w.is(match::prepared::content)) continue;
        const auto& lx = sim.lexeme_at(w.lexeme);
        if (std::find(seen.begin(), seen.end(), lx.stem_id) != seen.end()) continue;
        seen.push_back(lx.stem_id);
        if (!out.empty()) out += ' ';
        out += lx.stem;
    }
    return out;
}

document_facts metadata_facts(const document& doc, const std::vector<quote>& quotes) {
    document_facts f;
    if (doc.meta.outlet.known()) f.facts.outlet = provenance::evidence{doc.meta.outlet.value, {}, doc.meta.outlet.from, "metadata"};
    if (doc.meta.date.known()) {
        const auto on = store::parse_date(doc.meta.date.value);
        if (on.known()) {
            f.facts.published_on = on;
            f.facts.published = provenance::evidence{store::iso_date(on), {}, doc.meta.date.from, "metadata"};
        }
    }
    f.said.resize(quotes.size());
    return f;
}

struct ingester::impl {
    store::database& db;
    const extractor& ex;
    const match::similarity& sim;
    speaker_registry names;
    match::statement_index index;
    facts_reader facts;
    std::size_t restored = 0;
    bool broken = false;

    impl(store::database& d, const extractor& e, const lexicon& lex, const match::similarity& s, facts_reader f)
        : db(d), ex(e), sim(s), names(lex), index(s), facts(std::move(f)) {}
};

ingester::ingester(store::database& db, const extractor& ex, const lexicon& lex, const match::similarity& sim,
                   facts_reader facts)
    : impl_(std::make_unique<impl>(db, ex, lex, sim, facts ? std::move(facts) : facts_reader(metadata_facts))) {
    auto& s = *impl_;
    s.index.set_affiliation([&names = s.names](std::string_view organisation, std::string_view person) {
        return names.affiliated(organisation, person);
    });
    // numbers outside 1..N come only from a damaged store; restoring them
    // would size the index by them
    const std::size_t stored = s.db.count().statements;
    auto refuse = [&](std::uint32_t number) {
        throw error("store.corrupt", s.db.path() + ": statement number " + std::to_string(number) + " outside 1.." +
                                         std::to_string(stored) + "; `quotetrace check` says more");
    };
    s.db.each_statement([&](std::uint32_t number, const std::string& speaker, std::uint32_t merged_into) {
        if (number == 0 || number > stored || merged_into > stored) refuse(std::max(number, merged_into));
        s.index.restore_statement(number - 1, speaker, merged_into ? merged_into - 1 : number - 1);
    });
    // the names and titles the registry had learned from the stored documents
    s.db.each_learned([&](const std::string& name, const std::string& title) { s.names.restore(name, title); });
    std::vector<std::uint32_t> ids;
    std::vector<int> sentences;
    std::string last_speaker, key;
    s.db.each_quote([&](std::int64_t document, const store::quote_row& q) {
        ids.clear();
        sentences.clear();
        auto take = [&](std::uint32_t n, int sentence) {
            if (n == 0 || n > stored) refuse(n);
            ids.push_back(n - 1);
            sentences.push_back(sentence);
        };
        // a kept quote holds the statements (and sentences) it was added
        // with, which merges since may have folded into fewer
        if (q.indexed == static_cast<int>(match::statement_index::indexing::kept) && !q.kept_statements.empty())
            for (const auto& [n, sentence] : q.kept_statements) take(n, sentence);
        else
            for (std::size_t k = 0; k < q.statements.size(); ++k)
                take(q.statements[k], k < q.sentences.size() ? q.sentences[k] : -1);
        key.assign(1, '#');
        key += std::to_string(document);
        s.index.restore(q.text, q.speaker, key, ids, sentences, q.indexed, q.restore_keys);
        // full names a surname may later stand for (a store written before
        // the registry's names were kept)
        if (q.speaker != last_speaker && q.speaker.find(' ') != std::string::npos) s.names.learn(q.speaker);
        last_speaker = q.speaker;
        ++s.restored;
    });
    s.names.collect_learned();
}

ingester::~ingester() = default;

std::size_t ingester::restored_quotes() const noexcept { return impl_->restored; }

ingest_result ingester::add(document& doc) {
    auto& s = *impl_;
    if (s.broken) throw error("store.write", "an earlier write failed; open the store again before adding more");
    ingest_result result;
    store::document_row row;
    row.hash = store::content_hash(doc.text);
    if (s.db.has(row.hash)) {
        result.what = outcome::unchanged;
        return result;
    }
    const auto found = s.ex.extract(doc, s.names);
    auto f = s.facts(doc, found);
    row.name = doc.id;
    row.path = doc.path;
    row.url = doc.meta.url.value;
    row.title = doc.meta.title.value;
    if (f.facts.outlet) {
        row.outlet = f.facts.outlet->value;
        row.outlet_rule = f.facts.outlet->rule;
    }
    if (f.facts.published) {
        row.published = store::iso_date(f.facts.published_on);
        row.published_rule = f.facts.published->rule;
    }
    for (const auto& c : f.facts.credits) row.credits.push_back(c.value);
    for (const auto& c : f.facts.citations)
        row.citations.push_back({c.source, c.where.empty() ? span{} : doc.source_span(c.where), c.rule});
    const std::size_t before = s.index.statements();
    const std::string key = "#new:" + row.hash;
    std::vector<std::uint32_t> touched;  // statement ids the quotes joined, merged or founded
    row.quotes.reserve(found.size());
    for (std::size_t k = 0; k < found.size(); ++k) {
        const auto& q = found[k];
        store::quote_row r;
        r.seq = static_cast<std::uint32_t>(k);
        r.kind = q.kind;
        r.text = std::string(q.content.in(doc.text));
        r.where = doc.source_span(q.content);
        r.speaker = q.speaker;
        r.mention = std::string(q.speaker_mention.where.in(doc.text));
        r.cue = std::string(q.cue.in(doc.text));
        r.rule = q.rule;
        r.confidence = q.confidence;
        for (const auto id : s.index.add(r.text, r.speaker, key)) {
            r.statements.push_back(id);
            r.sentences.push_back(s.index.sentence(id));
            touched.push_back(id);
        }
        r.indexed = static_cast<int>(s.index.indexed());
        for (const auto& [id, sentence] : s.index.kept_statements()) r.kept_statements.emplace_back(id + 1, sentence);
        r.restore_keys = s.index.restore_keys();
        r.stems = content_stems(s.sim, r.text);
        if (k < f.said.size() && f.said[k]) {
            r.said = f.said[k]->on.iso();
            const auto& ev = f.said[k]->from;
            r.said_words = ev.where.empty() ? ev.value : std::string(ev.where.in(doc.text));
        }
        row.quotes.push_back(std::move(r));
    }
    // final ids once the whole document is in: a later quote may have merged
    // a statement an earlier one joined
    for (auto& r : row.quotes) {
        std::vector<std::pair<std::uint32_t, int>> final_ids;  // (number, sentence), the first sentence of each
        for (std::size_t k = 0; k < r.statements.size(); ++k)
            final_ids.emplace_back(s.index.resolve(r.statements[k]) + 1, r.sentences[k]);
        std::stable_sort(final_ids.begin(), final_ids.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        r.statements.clear();
        r.sentences.clear();
        for (const auto& [number, sentence] : final_ids)
            if (r.statements.empty() || r.statements.back() != number) {
                r.statements.push_back(number);
                r.sentences.push_back(sentence);
            }
    }
    auto learned = s.names.take_learned();
    row.learned_names = std::move(learned.names);
    row.learned_titles = std::move(learned.titles);
    for (auto id = static_cast<std::uint32_t>(before); id < s.index.statements(); ++id) touched.push_back(id);
    for (std::size_t k = 0, n = touched.size(); k < n; ++k) touched.push_back(s.index.resolve(touched[k]));
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (const auto id : touched) {
        const auto root = s.index.resolve(id);
        row.statements.push_back({id + 1, s.index.speaker(root), root == id ? 0 : root + 1});
    }
    try {
        s.db.add(row, before);
    } catch (...) {
        // the index now holds quotes the store does not
        s.broken = true;
        throw;
    }
    result.quotes = found.size();
    result.new_statements = s.index.statements() - before;
    return result;
}

}  // namespace quotetrace::pipeline
