// The graph's storage, shared by its builder, its queries and the DOT
// writer: one compressed-sparse-row Boost graph (edges both ways, no
// properties: a vertex's kind is its number range, an edge's kind follows
// from its ends) and columns per vertex kind, strings in arenas.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Boost.Graph 1.74 under g++ 12 -O2: -Wmaybe-uninitialized inside its
// property maps, a false positive it cannot silence itself.
#pragma GCC diagnostic push
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#pragma GCC diagnostic pop

#include "occurrences.hpp"
#include "pages.hpp"
#include "quotetrace/graph.hpp"

namespace quotetrace::graph::detail {

// Strings back to back; string i is [ends[i-1], ends[i]).
class arena {
public:
    std::uint32_t add(std::string_view s) {
        chars_.append(s);
        ends_.push_back(chars_.size());
        return static_cast<std::uint32_t>(ends_.size() - 1);
    }
    std::string_view at(std::uint32_t i) const {
        const std::size_t b = i ? ends_[i - 1] : 0;
        return std::string_view(chars_).substr(b, ends_[i] - b);
    }
    std::size_t size() const noexcept { return ends_.size(); }
    std::size_t bytes() const noexcept { return chars_.capacity() + ends_.capacity() * sizeof(std::uint64_t); }
    void reserve(std::size_t strings, std::size_t chars) {
        ends_.reserve(strings);
        chars_.reserve(chars);
        huge_pages(chars_.data(), chars_.capacity());
        huge_pages(ends_.data(), ends_.capacity() * sizeof(std::uint64_t));
    }

private:
    std::string chars_;
    std::vector<std::uint64_t> ends_;
};

// 2024-06-19 as 20240619; 0 unknown.
std::uint32_t pack_date(std::string_view iso) noexcept;
std::string unpack_date(std::uint32_t packed);

using csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, boost::no_property,
                                               boost::no_property, std::uint32_t, std::uint32_t>;

}  // namespace quotetrace::graph::detail

namespace quotetrace::graph {

struct provenance_graph::impl {
    std::array<vertex, 6> bounds{};  // first vertex of each kind, then the end
    detail::arena outlet_names, speaker_names, article_names, urls, titles;
    std::vector<std::uint32_t> published;   // per article, packed
    std::vector<std::uint32_t> numbers;     // per statement, ascending
    detail::occurrence_column occurrences;
    detail::csr g;

    vertex_kind kind_of(vertex v) const noexcept {
        std::size_t k = 0;
        while (k + 1 < 5 && v >= bounds[k + 1]) ++k;
        return static_cast<vertex_kind>(k);
    }
    std::uint32_t local(vertex v, vertex_kind k) const noexcept { return v - bounds[static_cast<std::size_t>(k)]; }
};

}  // namespace quotetrace::graph
