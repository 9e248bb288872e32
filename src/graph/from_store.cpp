// The graph of everything a store holds, read in one pass per table.
#include <unordered_map>

#include "quotetrace/graph.hpp"
#include "quotetrace/store.hpp"

namespace quotetrace::graph {

provenance_graph provenance_graph::from_store(const store::database& db) {
    builder b;
    const auto size = db.quote_sizes();
    b.reserve(size.quotes, size.text_bytes, size.stem_bytes);
    std::unordered_map<std::int64_t, std::uint32_t> article_of;
    db.each_document([&](const store::document_row& d) {
        const auto outlet = d.outlet.empty() ? no_vertex : b.outlet(d.outlet);
        article_of.emplace(d.id, b.article(d.name, outlet, d.published, d.url, d.title));
    });
    db.each_citation([&](std::int64_t doc, const store::citation_row& c) {
        if (const auto it = article_of.find(doc); it != article_of.end()) b.cites(it->second, b.outlet(c.source));
    });
    db.each_statement([&](std::uint32_t number, const std::string& speaker) {
        b.statement(number, speaker.empty() ? no_vertex : b.speaker(speaker));
    });
    db.each_quote([&](std::int64_t doc, const store::quote_row& q) {
        const auto it = article_of.find(doc);
        if (it == article_of.end()) return;
        b.occurrence(it->second, {q.kind, q.text, q.where, q.said, q.said_words, q.stems}, q.statements);
    });
    return provenance_graph(std::move(b));
}

}  // namespace quotetrace::graph
