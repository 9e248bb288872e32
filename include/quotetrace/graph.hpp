// The provenance graph: outlets publish articles, articles contain quote
// occurrences and cite sources, speakers say statements, occurrences report
// statements. Built once from a store (or from rows given one by one) and
// read-only afterwards; Boost.Graph stays behind this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/quote.hpp"
#include "quotetrace/span.hpp"

namespace quotetrace::store {
class database;
}

namespace quotetrace::graph {

// Vertices are numbered by kind: every outlet before every article, and so
// on in this order, so a vertex's kind is its range.
enum class vertex_kind : std::uint8_t { outlet, article, speaker, statement, occurrence };
// publishes: outlet -> article; contains: article -> occurrence; said:
// speaker -> statement; reports: occurrence -> statement; cites: article ->
// outlet (a source the article names, an agency it credits).
enum class edge_kind : std::uint8_t { publishes, contains, said, reports, cites };

const char* to_string(vertex_kind k) noexcept;
const char* to_string(edge_kind k) noexcept;

using vertex = std::uint32_t;
inline constexpr vertex no_vertex = 0xFFFFFFFFu;

struct article_view {
    std::string_view name, url, title;
    std::string published;  // "2024-06-19", "2024-06", "2024" or "" (unknown)
};

// An occurrence as the builder takes it: views of the caller's strings,
// read during the call only.
struct occurrence_view {
    quote_kind kind = quote_kind::direct;
    std::string_view text;        // the exact words
    span where;                   // source byte range in its article
    std::string said;             // when the article says it was said, or ""
    std::string_view said_words;  // the words that date it
    std::string_view stems;       // content stems, space-separated
};

// An occurrence as the graph gives it back, its strings decoded from the
// graph's word coding, byte for byte as they went in.
struct occurrence_record {
    quote_kind kind = quote_kind::direct;
    std::string text;
    span where;
    std::string said;
    std::string said_words;
    std::string stems;
};

// Rows in, graph out. Names of outlets and speakers are interned; statements
// are known by their number (1-based, "s3" is 3). Handles are per kind.
class builder {
public:
    // `threads` build the graph, 0 for one a hardware core. At most two are
    // used: with two, the occurrences' words are coded on a thread of its
    // own while the calling one codes their stems and lays out the edges.
    // The graph is the same whatever the count.
    explicit builder(unsigned threads = 0);
    ~builder();
    builder(builder&&) noexcept;

    // Room for this many occurrences and bytes of their words and stems, so
    // a large graph is built without regrowing its arrays.
    void reserve(std::size_t occurrences, std::size_t text_bytes, std::size_t stem_bytes);

    std::uint32_t outlet(std::string_view name);
    std::uint32_t speaker(std::string_view name);
    // `outlet` is a handle from outlet(), or no_vertex when the article names
    // none; `published` as in article_view.
    std::uint32_t article(std::string_view name, std::uint32_t outlet, std::string_view published,
                          std::string_view url = {}, std::string_view title = {});
    void cites(std::uint32_t article, std::uint32_t outlet);
    // A statement and who said it (`speaker` a handle, or no_vertex).
    void statement(std::uint32_t number, std::uint32_t speaker);
    // An occurrence in `article` reporting the given statement numbers
    // (unknown numbers are created without a speaker).
    void occurrence(std::uint32_t article, const occurrence_view& o, const std::vector<std::uint32_t>& statements);

    struct impl;

private:
    friend class provenance_graph;
    std::unique_ptr<impl> impl_;
};

class provenance_graph {
public:
    // Consumes the builder. Edges are kept in compressed sparse rows (both
    // directions), names in arenas, occurrences in one byte stream with
    // their words coded by a vocabulary (a third to a quarter of their
    // bytes): about 8 bytes a vertex and 12 an edge beyond that.
    explicit provenance_graph(builder&& b);
    // Everything a store holds. Throws quotetrace::error "store.read".
    static provenance_graph from_store(const store::database& db);
    // Only the given statements (numbers) and what surrounds them: their
    // speakers, quotes, the articles holding those, outlets and cited sources.
    static provenance_graph from_store(const store::database& db, const std::vector<std::uint32_t>& statements);
    provenance_graph();
    ~provenance_graph();
    provenance_graph(provenance_graph&&) noexcept;
    provenance_graph& operator=(provenance_graph&&) noexcept;

    std::size_t vertex_count() const noexcept;
    std::size_t edge_count() const noexcept;
    std::size_t count(vertex_kind k) const noexcept;
    // The vertices of one kind are [first, last).
    vertex first(vertex_kind k) const noexcept;
    vertex last(vertex_kind k) const noexcept;
    vertex_kind kind(vertex v) const noexcept;

    // The name of an outlet, speaker or article; "s12" for a statement; the
    // words of an occurrence.
    std::string name(vertex v) const;
    // The vertex of that kind and name, or no_vertex.
    vertex find(vertex_kind k, std::string_view name) const;

    article_view article(vertex v) const;
    occurrence_record occurrence(vertex v) const;
    // An occurrence's content stems alone (space-separated), without
    // decoding its words.
    std::string stems(vertex occurrence) const;
    std::uint32_t statement_number(vertex v) const;

    // Neighbours along edges of one kind, in vertex order.
    std::vector<vertex> out(vertex v, edge_kind k) const;
    std::vector<vertex> in(vertex v, edge_kind k) const;
    // The one neighbour when there is one: an article's outlet, an
    // occurrence's article, a statement's speaker; else no_vertex.
    vertex outlet_of(vertex article) const;
    vertex article_of(vertex occurrence) const;
    vertex speaker_of(vertex statement) const;

    // Bytes held (arrays and text), for the benchmark.
    std::size_t memory_bytes() const noexcept;

    struct impl;

private:
    friend struct dot_writer;
    std::unique_ptr<impl> impl_;
};

// What `dot` draws: every filter given must hold. A statement is kept when
// its speaker, number, one of its outlets and one of its dates match; then
// its speaker, occurrences, their articles, outlets and cited sources.
struct dot_filter {
    std::string speaker;    // canonical name
    std::string statement;  // "s12" or "12"
    std::string outlet;
    std::string since, until;  // iso dates, inclusive; compared with the article's publication date
};

// Writes GraphViz DOT. Every label is escaped; node ids are the vertex
// numbers. Throws quotetrace::error "dot.filter" for a malformed date.
void write_dot(std::ostream& out, const provenance_graph& g, const dot_filter& filter);

}  // namespace quotetrace::graph
