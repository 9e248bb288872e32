// The graph of what a store holds: all of it, or only the parts of some
// statements (their quotes, the articles holding them, outlets and sources).
#include <unordered_map>

#include "quotetrace/graph.hpp"
#include "quotetrace/store.hpp"

namespace quotetrace::graph {
namespace {

// Store rows into a builder; documents must come before their quotes and citations.
struct loader {
    builder b;
    std::unordered_map<std::int64_t, std::uint32_t> article_of;

    void document(const store::document_row& d) {
        const auto outlet = d.outlet.empty() ? no_vertex : b.outlet(d.outlet);
        article_of.emplace(d.id, b.article(d.name, outlet, d.published, d.url, d.title));
    }
    void citation(std::int64_t doc, const store::citation_row& c) {
        if (const auto it = article_of.find(doc); it != article_of.end()) b.cites(it->second, b.outlet(c.source));
    }
    void statement(std::uint32_t number, const std::string& speaker) {
        b.statement(number, speaker.empty() ? no_vertex : b.speaker(speaker));
    }
    void quote(std::int64_t doc, const store::quote_row& q) {
        const auto it = article_of.find(doc);
        if (it == article_of.end()) return;
        b.occurrence(it->second, {q.kind, q.text, q.where, q.said, q.said_words, q.stems}, q.statements);
    }
};

}  // namespace

provenance_graph provenance_graph::from_store(const store::database& db) {
    loader l;
    const auto size = db.quote_sizes();
    l.b.reserve(size.quotes, size.text_bytes, size.stem_bytes);
    db.each_document([&](const store::document_row& d) { l.document(d); });
    db.each_citation([&](std::int64_t doc, const store::citation_row& c) { l.citation(doc, c); });
    db.each_statement([&](std::uint32_t n, const std::string& who, std::uint32_t merged_into) {
        if (!merged_into) l.statement(n, who);
    });
    db.each_quote([&](std::int64_t doc, const store::quote_row& q) { l.quote(doc, q); });
    return provenance_graph(std::move(l.b));
}

provenance_graph provenance_graph::from_store(const store::database& db, const std::vector<std::uint32_t>& statements) {
    loader l;
    // statements first, so that another statement a quote also reports
    // appears without a speaker rather than not at all
    db.each_part_of(
        statements, [&](const store::document_row& d) { l.document(d); },
        [&](std::int64_t doc, const store::citation_row& c) { l.citation(doc, c); },
        [&](std::uint32_t n, const std::string& who) { l.statement(n, who); },
        [&](std::int64_t doc, const store::quote_row& q) { l.quote(doc, q); });
    return provenance_graph(std::move(l.b));
}

}  // namespace quotetrace::graph
