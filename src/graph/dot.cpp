// The graph as GraphViz DOT through Boost's writer, restricted to the
// statements a filter keeps. The one file that includes graphviz.hpp.
#include <ostream>

#include "model.hpp"
#include "quotetrace/error.hpp"

#pragma GCC diagnostic push
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/graphviz.hpp>
#pragma GCC diagnostic pop

namespace quotetrace::graph {

struct dot_writer {
    static const detail::csr& csr(const provenance_graph& g) { return g.impl_->g; }
};

namespace {

// A DOT string literal: quotes and backslashes escaped (so a "\l" in a quote
// stays two characters), line breaks as \n, other control bytes, U+2028 and
// U+2029 as spaces,
// cut after `limit` bytes at a character boundary with an ellipsis.
std::string dot_string(std::string_view s, std::size_t limit = 0) {
    std::string out = "\"";
    std::size_t used = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (limit && used >= limit && (c & 0xC0) != 0x80) {
            out += "…";
            break;
        }
        ++used;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c < 0x20 || c == 0x7F) {
            out += ' ';
        } else if (c == 0xE2 && (s.substr(i, 3) == "\xE2\x80\xA8" || s.substr(i, 3) == "\xE2\x80\xA9")) {
            out += ' ';
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
    return out;
}

struct kept {
    const std::vector<char>* keep;
    bool operator()(vertex v) const { return (*keep)[v] != 0; }
};

struct vertex_style {
    const provenance_graph* g;
    void operator()(std::ostream& out, vertex v) const {
        switch (g->kind(v)) {
            case vertex_kind::outlet:
                out << "[shape=house,style=filled,fillcolor=\"#dbe8f6\",label=" << dot_string(g->name(v)) << "]";
                break;
            case vertex_kind::article: {
                const auto a = g->article(v);
                std::string label(a.name);
                label += '\n';
                label += a.published.empty() ? std::string("date unknown") : a.published;
                out << "[shape=note,label=" << dot_string(label) << "]";
                break;
            }
            case vertex_kind::speaker:
                out << "[shape=ellipse,style=filled,fillcolor=\"#f6e7c8\",label=" << dot_string(g->name(v)) << "]";
                break;
            case vertex_kind::statement:
                out << "[shape=diamond,label=" << dot_string(g->name(v)) << "]";
                break;
            case vertex_kind::occurrence: {
                const auto o = g->occurrence(v);
                std::string label = to_string(o.kind);
                label += ": ";
                label += o.text;
                out << "[shape=box,fontsize=9,label=" << dot_string(label, 72) << ",tooltip=" << dot_string(o.text) << "]";
                break;
            }
        }
    }
};

struct edge_style {
    const provenance_graph* g;
    template <class Edge>
    void operator()(std::ostream& out, const Edge& e) const {
        const auto& c = dot_writer::csr(*g);
        const auto from = g->kind(boost::source(e, c)), to = g->kind(boost::target(e, c));
        const char* label = from == vertex_kind::outlet     ? "publishes"
                            : from == vertex_kind::speaker  ? "said"
                            : from == vertex_kind::occurrence ? "reports"
                            : to == vertex_kind::outlet     ? "cites"
                                                            : "contains";
        out << "[label=\"" << label << "\"" << (to == vertex_kind::outlet ? ",style=dashed" : "") << "]";
    }
};

struct graph_style {
    void operator()(std::ostream& out) const {
        out << "rankdir=LR;\nnode [fontsize=10];\nedge [fontsize=8];\n";
    }
};

std::uint32_t date_filter(const std::string& s, const char* option) {
    if (s.empty()) return 0;
    const auto p = detail::pack_date(s);
    if (p < 10000 || detail::unpack_date(p) != s)
        throw error("dot.filter", std::string(option) + " \"" + s + "\": not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    return p;
}

}  // namespace

void write_dot(std::ostream& out, const provenance_graph& g, const dot_filter& f) {
    const std::uint32_t since = date_filter(f.since, "--since");
    std::uint32_t until = date_filter(f.until, "--until");
    // an "until" of a month or a year takes in all of it
    if (until && until % 100 == 0) until += until % 10000 == 0 ? 1299 : 99;
    std::vector<char> keep(g.vertex_count(), 0);
    const bool filtered = !f.speaker.empty() || !f.statement.empty() || !f.outlet.empty() || since || until;
    if (!filtered) {
        std::fill(keep.begin(), keep.end(), 1);
    } else {
        const vertex wanted = f.statement.empty() ? no_vertex : g.find(vertex_kind::statement, f.statement);
        auto article_passes = [&](vertex a) {
            if (!f.outlet.empty()) {
                const auto o = g.outlet_of(a);
                if (o == no_vertex || g.name(o) != f.outlet) return false;
            }
            if (since || until) {
                const auto p = detail::pack_date(g.article(a).published);
                if (p == 0 || (since && p < since) || (until && p > until)) return false;
            }
            return true;
        };
        for (vertex t = g.first(vertex_kind::statement); t < g.last(vertex_kind::statement); ++t) {
            if (!f.statement.empty() && t != wanted) continue;
            const auto who = g.speaker_of(t);
            if (!f.speaker.empty() && (who == no_vertex || g.name(who) != f.speaker)) continue;
            bool any = false;
            for (const auto q : g.in(t, edge_kind::reports)) {
                const auto a = g.article_of(q);
                if (a == no_vertex || !article_passes(a)) continue;
                any = true;
                keep[q] = keep[a] = 1;
                if (const auto o = g.outlet_of(a); o != no_vertex) keep[o] = 1;
                for (const auto c : g.out(a, edge_kind::cites)) keep[c] = 1;
            }
            if (!any) continue;
            keep[t] = 1;
            if (who != no_vertex) keep[who] = 1;
        }
    }
    const auto& c = dot_writer::csr(g);
    boost::filtered_graph<detail::csr, boost::keep_all, kept> view(c, boost::keep_all(), kept{&keep});
    boost::write_graphviz(out, view, vertex_style{&g}, edge_style{&g}, graph_style{});
}

}  // namespace quotetrace::graph
