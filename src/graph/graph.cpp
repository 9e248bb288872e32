// Building the provenance graph from rows, and reading it: neighbours by edge
// kind, the one outlet, article or speaker of a vertex, names and columns.
#include <sys/mman.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <thread>
#include <unordered_map>

#include "model.hpp"
#include "quotetrace/error.hpp"

namespace quotetrace::graph {

namespace detail {

void huge_pages(const void* p, std::size_t bytes) noexcept {
    constexpr std::uintptr_t huge = 2u << 20;
    if (bytes < 4 * huge) return;
    const auto begin = (reinterpret_cast<std::uintptr_t>(p) + huge - 1) & ~(huge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(huge - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

std::uint32_t pack_date(std::string_view s) noexcept {
    auto num = [&](std::size_t at, std::size_t n) {
        std::uint32_t v = 0;
        if (at + n > s.size()) return 0u;
        const auto r = std::from_chars(s.data() + at, s.data() + at + n, v);
        return r.ec == std::errc() && r.ptr == s.data() + at + n ? v : 0u;
    };
    // without a year: "--06-18", "--06", "---17"
    if (s.starts_with("---")) return num(3, 2);
    if (s.starts_with("--")) return num(2, 2) * 100 + (s.size() >= 7 ? num(5, 2) : 0u);
    const std::uint32_t y = num(0, 4);
    if (y == 0) return 0;
    const std::uint32_t m = s.size() >= 7 ? num(5, 2) : 0;
    const std::uint32_t d = s.size() >= 10 ? num(8, 2) : 0;
    return y * 10000 + m * 100 + d;
}

std::string unpack_date(std::uint32_t p) {
    if (p == 0) return {};
    char buf[16];
    const unsigned y = p / 10000, m = p / 100 % 100, d = p % 100;
    if (y == 0 && m == 0) std::snprintf(buf, sizeof buf, "---%02u", d);
    else if (y == 0 && d == 0) std::snprintf(buf, sizeof buf, "--%02u", m);
    else if (y == 0) std::snprintf(buf, sizeof buf, "--%02u-%02u", m, d);
    else if (m == 0) std::snprintf(buf, sizeof buf, "%04u", y);
    else if (d == 0) std::snprintf(buf, sizeof buf, "%04u-%02u", y, m);
    else std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", y, m, d);
    return buf;
}

}  // namespace detail

const char* to_string(vertex_kind k) noexcept {
    switch (k) {
        case vertex_kind::outlet: return "outlet";
        case vertex_kind::article: return "article";
        case vertex_kind::speaker: return "speaker";
        case vertex_kind::statement: return "statement";
        case vertex_kind::occurrence: return "occurrence";
    }
    return "?";
}

const char* to_string(edge_kind k) noexcept {
    switch (k) {
        case edge_kind::publishes: return "publishes";
        case edge_kind::contains: return "contains";
        case edge_kind::said: return "said";
        case edge_kind::reports: return "reports";
        case edge_kind::cites: return "cites";
    }
    return "?";
}

// Statement numbers to handles for numbers too sparse for a vector: open
// addressing, number + 1 and handle in one word (0: an empty slot), so a
// look-up is one multiply and, mostly, one cache line.
class statement_numbers {
public:
    // The handle of `number`, giving it `next` if it has none; second: fresh.
    std::pair<std::uint32_t, bool> find_or_add(std::uint32_t number, std::uint32_t next) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        const std::uint64_t key = std::uint64_t{number} + 1;
        for (std::size_t s = slot_of(key);; s = (s + 1) & (slots_.size() - 1)) {
            if (slots_[s] == 0) {
                slots_[s] = key << 32 | next;
                ++count_;
                return {next, true};
            }
            if (slots_[s] >> 32 == key) return {static_cast<std::uint32_t>(slots_[s]), false};
        }
    }
    // The handle of `number`, or no_vertex.
    std::uint32_t find(std::uint32_t number) const noexcept {
        if (count_ == 0) return no_vertex;
        const std::uint64_t key = std::uint64_t{number} + 1;
        for (std::size_t s = slot_of(key);; s = (s + 1) & (slots_.size() - 1)) {
            if (slots_[s] == 0) return no_vertex;
            if (slots_[s] >> 32 == key) return static_cast<std::uint32_t>(slots_[s]);
        }
    }

private:
    std::size_t slot_of(std::uint64_t key) const noexcept {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
    }
    void grow() {
        std::vector<std::uint64_t> old = std::move(slots_);
        slots_.assign(std::max<std::size_t>(1024, old.size() * 2), 0);
        shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(slots_.size()));
        for (const auto e : old) {
            if (e == 0) continue;
            std::size_t s = slot_of(e >> 32);
            while (slots_[s] != 0) s = (s + 1) & (slots_.size() - 1);
            slots_[s] = e;
        }
    }

    std::vector<std::uint64_t> slots_;
    std::size_t count_ = 0;
    unsigned shift_ = 64;
};

struct builder::impl {
    provenance_graph::impl g;  // columns filled as rows come
    std::unordered_map<std::string, std::uint32_t> outlets, speakers;
    statement_numbers statement_of;                                  // number -> handle
    std::vector<std::uint32_t> statement_speaker;                    // per handle, no_vertex for none
    std::vector<std::uint32_t> publisher;                            // per article
    std::vector<std::pair<std::uint32_t, std::uint32_t>> cites;      // article, outlet
    std::vector<std::uint32_t> container;                            // per occurrence: article
    std::vector<std::pair<std::uint32_t, std::uint32_t>> reports;    // occurrence, statement handle

    std::vector<std::uint32_t> dense;  // number -> handle + 1, for numbers below dense_limit

    std::uint32_t statement(std::uint32_t number) {
        // stores number statements 1..N: a vector serves while the numbers
        // stay below 16 times the count seen so far (4 bytes a number, and
        // near numbers stay near each other, where the table scatters them
        // and each look-up misses the cache); sparse or far larger ones (the
        // few statements of a subgraph, numbered up to millions) go to the
        // table, so a small graph costs no vector of a million entries
        constexpr std::uint32_t dense_limit = 1u << 26;
        const auto next = static_cast<std::uint32_t>(g.numbers.size());
        const bool near = number < dense_limit && std::size_t{number} <= 16 * (std::size_t{next} + 1024);
        if (number < dense.size() || near) {
            if (number >= dense.size()) dense.resize(std::max<std::size_t>(std::size_t{number} + 1, dense.size() * 2), 0);
            if (dense[number]) return dense[number] - 1;
            if (const auto h = statement_of.find(number); h != no_vertex) return h;
            dense[number] = next + 1;
        } else {
            const auto [h, fresh] = statement_of.find_or_add(number, next);
            if (!fresh) return h;
        }
        g.numbers.push_back(number);
        statement_speaker.push_back(no_vertex);
        return next;
    }
};

builder::builder(unsigned threads) : impl_(std::make_unique<impl>()) {
    impl_->g.occurrences.threads(threads ? threads : std::max(1u, std::thread::hardware_concurrency()));
}
builder::~builder() = default;
builder::builder(builder&&) noexcept = default;

void builder::reserve(std::size_t occurrences, std::size_t text_bytes, std::size_t stem_bytes) {
    auto& s = *impl_;
    // coded, words and stems take about a quarter of their bytes;
    // kind, span and date about 6 bytes
    s.g.occurrences.reserve(occurrences, text_bytes / 4 + occurrences * 6, stem_bytes / 4 + occurrences);
    s.container.reserve(occurrences);
    detail::huge_pages(s.container.data(), s.container.capacity() * sizeof(std::uint32_t));
    s.reports.reserve(occurrences + occurrences / 4);
    detail::huge_pages(s.reports.data(), s.reports.capacity() * sizeof(s.reports[0]));
}

std::uint32_t builder::outlet(std::string_view name) {
    auto& s = *impl_;
    const auto [it, fresh] = s.outlets.try_emplace(std::string(name), static_cast<std::uint32_t>(s.g.outlet_names.size()));
    if (fresh) s.g.outlet_names.add(name);
    return it->second;
}

std::uint32_t builder::speaker(std::string_view name) {
    auto& s = *impl_;
    const auto [it, fresh] = s.speakers.try_emplace(std::string(name), static_cast<std::uint32_t>(s.g.speaker_names.size()));
    if (fresh) s.g.speaker_names.add(name);
    return it->second;
}

std::uint32_t builder::article(std::string_view name, std::uint32_t outlet, std::string_view published,
                               std::string_view url, std::string_view title) {
    auto& s = *impl_;
    s.g.article_names.add(name);
    s.g.urls.add(url);
    s.g.titles.add(title);
    s.g.published.push_back(detail::pack_date(published));
    s.publisher.push_back(outlet);
    return static_cast<std::uint32_t>(s.publisher.size() - 1);
}

void builder::cites(std::uint32_t article, std::uint32_t outlet) { impl_->cites.emplace_back(article, outlet); }

void builder::statement(std::uint32_t number, std::uint32_t speaker) {
    auto& s = *impl_;
    const auto h = s.statement(number);
    if (speaker != no_vertex) s.statement_speaker[h] = speaker;
}

void builder::occurrence(std::uint32_t article, const occurrence_view& o, const std::vector<std::uint32_t>& statements) {
    auto& s = *impl_;
    const auto h = static_cast<std::uint32_t>(s.container.size());
    s.container.push_back(article);
    s.g.occurrences.add(o);
    for (const auto n : statements) s.reports.emplace_back(h, s.statement(n));
}

provenance_graph::provenance_graph() : impl_(std::make_unique<impl>()) {}
provenance_graph::~provenance_graph() = default;
provenance_graph::provenance_graph(provenance_graph&&) noexcept = default;
provenance_graph& provenance_graph::operator=(provenance_graph&&) noexcept = default;

provenance_graph::provenance_graph(builder&& b) : impl_(std::make_unique<impl>()) {
    auto& s = *b.impl_;
    auto& g = *impl_;
    // the occurrences' words may still be coded on their own thread while
    // the edges are laid out: the column is sealed last
    g = std::move(s.g);
    // statements in number order
    std::vector<std::uint32_t> order(g.numbers.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    if (!std::is_sorted(g.numbers.begin(), g.numbers.end()))
        std::sort(order.begin(), order.end(), [&](auto x, auto y) { return g.numbers[x] < g.numbers[y]; });
    std::vector<std::uint32_t> rank(order.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
    std::vector<std::uint32_t> numbers(order.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) numbers[k] = g.numbers[order[k]];
    g.numbers = std::move(numbers);

    const std::size_t n_outlets = g.outlet_names.size(), n_articles = s.publisher.size(),
                      n_speakers = g.speaker_names.size(), n_statements = g.numbers.size(),
                      n_occurrences = s.container.size();
    g.bounds[0] = 0;
    g.bounds[1] = static_cast<vertex>(n_outlets);
    g.bounds[2] = static_cast<vertex>(g.bounds[1] + n_articles);
    g.bounds[3] = static_cast<vertex>(g.bounds[2] + n_speakers);
    g.bounds[4] = static_cast<vertex>(g.bounds[3] + n_statements);
    g.bounds[5] = static_cast<vertex>(g.bounds[4] + n_occurrences);
    if (std::uint64_t{g.bounds[4]} + n_occurrences >= no_vertex)
        throw error("graph.too_large", "more than 4 billion vertices");

    const vertex O = g.bounds[0], A = g.bounds[1], S = g.bounds[2], T = g.bounds[3], Q = g.bounds[4];
    auto each_edge = [&](auto&& f) {
        for (std::uint32_t a = 0; a < n_articles; ++a)
            if (s.publisher[a] != no_vertex) f(O + s.publisher[a], A + a);
        for (std::uint32_t q = 0; q < n_occurrences; ++q) f(A + s.container[q], Q + q);
        for (std::uint32_t t = 0; t < n_statements; ++t)
            if (s.statement_speaker[t] != no_vertex) f(S + s.statement_speaker[t], T + rank[t]);
        for (const auto& [q, t] : s.reports) f(Q + q, T + rank[t]);
        for (const auto& [a, o] : s.cites) f(A + a, O + o);
    };
    // The rows are sorted here, by counting, into arrays backed by large
    // pages that the graph keeps, both ways. The edges keep the order Boost's
    // unsorted constructor gives (out-edges in the order listed above,
    // in-edges in out-edge order).
    auto fresh = [](std::size_t size) {
        std::vector<std::uint32_t> c;
        c.reserve(size);
        detail::huge_pages(c.data(), size * sizeof(std::uint32_t));
        c.resize(size);
        return c;
    };
    const std::size_t n = g.bounds[5];
    std::vector<std::uint32_t> out_at = fresh(n + 1), in_at = fresh(n + 1);
    each_edge([&](vertex u, vertex v) {
        ++out_at[u + 1];
        ++in_at[v + 1];
    });
    for (std::size_t v = 0; v < n; ++v) {
        out_at[v + 1] += out_at[v];
        in_at[v + 1] += in_at[v];
    }
    const std::size_t n_edges = out_at[n];
    std::vector<std::uint32_t> targets = fresh(n_edges);
    each_edge([&](vertex u, vertex v) { targets[out_at[u]++] = v; });
    // the builder's rows are spent: they go now, not with the builder
    b.impl_ = std::make_unique<builder::impl>();
    // each row's start, now at the next row's place
    std::copy_backward(out_at.begin(), out_at.end() - 1, out_at.end());
    out_at[0] = 0;
    std::vector<std::uint32_t> in_sources = fresh(n_edges), in_edges = fresh(n_edges);
    for (std::uint32_t u = 0; u < n; ++u)
        for (std::uint32_t e = out_at[u]; e < out_at[u + 1]; ++e) {
            const auto i = in_at[targets[e]]++;
            in_sources[i] = u;
            in_edges[i] = e;
        }
    std::copy_backward(in_at.begin(), in_at.end() - 1, in_at.end());
    in_at[0] = 0;
    // Both directions' rows go into the graph's public row arrays (m_rowstart
    // and m_column of m_forward and m_backward, and the backward rows' edge
    // numbers in m_edge_properties, as Boost 1.74's
    // compressed_sparse_row_graph lays them out; its constructors would copy
    // and sort them again). graph_test checks every edge both ways, so a
    // Boost that lays them out otherwise fails there, not silently.
    g.g.m_forward.m_rowstart.swap(out_at);
    g.g.m_forward.m_column.swap(targets);
    g.g.m_backward.m_rowstart.swap(in_at);
    g.g.m_backward.m_column.swap(in_sources);
    g.g.m_backward.m_edge_properties.swap(in_edges);
    g.occurrences.seal();
}

std::size_t provenance_graph::vertex_count() const noexcept { return impl_->bounds[5]; }
std::size_t provenance_graph::edge_count() const noexcept { return boost::num_edges(impl_->g); }
std::size_t provenance_graph::count(vertex_kind k) const noexcept {
    const auto i = static_cast<std::size_t>(k);
    return impl_->bounds[i + 1] - impl_->bounds[i];
}
vertex provenance_graph::first(vertex_kind k) const noexcept { return impl_->bounds[static_cast<std::size_t>(k)]; }
vertex provenance_graph::last(vertex_kind k) const noexcept { return impl_->bounds[static_cast<std::size_t>(k) + 1]; }
vertex_kind provenance_graph::kind(vertex v) const noexcept { return impl_->kind_of(v); }

std::string provenance_graph::name(vertex v) const {
    const auto& g = *impl_;
    const auto k = g.kind_of(v);
    const auto i = g.local(v, k);
    switch (k) {
        case vertex_kind::outlet: return std::string(g.outlet_names.at(i));
        case vertex_kind::article: return std::string(g.article_names.at(i));
        case vertex_kind::speaker: return std::string(g.speaker_names.at(i));
        case vertex_kind::statement: {
            std::string s(1, 's');
            s += std::to_string(g.numbers[i]);
            return s;
        }
        case vertex_kind::occurrence: return g.occurrences.text(i);
    }
    return {};
}

vertex provenance_graph::find(vertex_kind k, std::string_view name) const {
    const auto& g = *impl_;
    const vertex b = first(k), e = last(k);
    if (k == vertex_kind::statement) {
        if (!name.empty() && (name[0] == 's' || name[0] == 'S')) name.remove_prefix(1);
        std::uint32_t n = 0;
        const auto r = std::from_chars(name.data(), name.data() + name.size(), n);
        if (r.ec != std::errc() || r.ptr != name.data() + name.size()) return no_vertex;
        const auto it = std::lower_bound(g.numbers.begin(), g.numbers.end(), n);
        return it != g.numbers.end() && *it == n ? b + static_cast<vertex>(it - g.numbers.begin()) : no_vertex;
    }
    for (vertex v = b; v < e; ++v)
        if (this->name(v) == name) return v;
    return no_vertex;
}

article_view provenance_graph::article(vertex v) const {
    const auto& g = *impl_;
    const auto i = g.local(v, vertex_kind::article);
    return {g.article_names.at(i), g.urls.at(i), g.titles.at(i), detail::unpack_date(g.published[i])};
}

occurrence_record provenance_graph::occurrence(vertex v) const {
    return impl_->occurrences.get(impl_->local(v, vertex_kind::occurrence));
}

std::string provenance_graph::stems(vertex v) const {
    return impl_->occurrences.stems(impl_->local(v, vertex_kind::occurrence));
}

std::uint32_t provenance_graph::statement_number(vertex v) const {
    return impl_->numbers[impl_->local(v, vertex_kind::statement)];
}

namespace {

// The kind of an edge from its ends' kinds.
edge_kind kind_between(vertex_kind from, vertex_kind to) {
    if (from == vertex_kind::outlet) return edge_kind::publishes;
    if (from == vertex_kind::speaker) return edge_kind::said;
    if (from == vertex_kind::occurrence) return edge_kind::reports;
    return to == vertex_kind::outlet ? edge_kind::cites : edge_kind::contains;
}

// Neighbours along edges of kind k, out of v or into it, sorted and distinct.
std::vector<vertex> neighbours(const provenance_graph::impl& g, vertex v, edge_kind k, bool outgoing) {
    std::vector<vertex> r;
    auto keep = [&](vertex from, vertex to, vertex other) {
        if (kind_between(g.kind_of(from), g.kind_of(to)) == k) r.push_back(other);
    };
    if (outgoing)
        for (const auto e : boost::make_iterator_range(boost::out_edges(v, g.g))) keep(v, boost::target(e, g.g), boost::target(e, g.g));
    else
        for (const auto e : boost::make_iterator_range(boost::in_edges(v, g.g))) keep(boost::source(e, g.g), v, boost::source(e, g.g));
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    return r;
}

}  // namespace

std::vector<vertex> provenance_graph::out(vertex v, edge_kind k) const { return neighbours(*impl_, v, k, true); }
std::vector<vertex> provenance_graph::in(vertex v, edge_kind k) const { return neighbours(*impl_, v, k, false); }

vertex provenance_graph::outlet_of(vertex article) const {
    const auto r = in(article, edge_kind::publishes);
    return r.empty() ? no_vertex : r.front();
}
vertex provenance_graph::article_of(vertex occurrence) const {
    const auto r = in(occurrence, edge_kind::contains);
    return r.empty() ? no_vertex : r.front();
}
vertex provenance_graph::speaker_of(vertex statement) const {
    const auto r = in(statement, edge_kind::said);
    return r.empty() ? no_vertex : r.front();
}

std::size_t provenance_graph::memory_bytes() const noexcept {
    const auto& g = *impl_;
    auto vec = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    std::size_t n = g.outlet_names.bytes() + g.speaker_names.bytes() + g.article_names.bytes() + g.urls.bytes() +
                    g.titles.bytes() + g.occurrences.bytes();
    n += vec(g.published) + vec(g.numbers);
    // out rows and targets, in rows, sources and edge numbers
    n += (std::size_t{g.bounds[5]} + 1) * 2 * sizeof(std::uint32_t) + edge_count() * 3 * sizeof(std::uint32_t);
    return n;
}

}  // namespace quotetrace::graph
