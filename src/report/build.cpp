// The report's content, read off the graph: per statement its speaker, its
// tellings in date order, the first report, the cited sources and each
// telling's drift from the fullest direct version.
#include <algorithm>
#include <set>

#include "quotetrace/report.hpp"

namespace quotetrace::report {
namespace {

using graph::edge_kind;
using graph::vertex;
using graph::vertex_kind;

// Unknown dates sort after every known one.
bool earlier(const telling& a, const telling& b) {
    if (a.published.empty() != b.published.empty()) return b.published.empty();
    if (a.published != b.published) return a.published < b.published;
    if (a.article != b.article) return a.article < b.article;
    return a.where.begin < b.where.begin;
}

std::size_t word_count(std::string_view s) {
    std::size_t n = 0;
    bool in = false;
    for (const char c : s) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        n += !space && !in;
        in = !space;
    }
    return n;
}

// The fullest direct version (most words; the earliest on a tie), or the
// fullest of any kind when none is direct.
std::size_t base_of(const std::vector<telling>& t) {
    std::size_t best = 0;
    auto rank = [](const telling& x) { return std::make_pair(x.kind == quote_kind::direct, word_count(x.text)); };
    for (std::size_t k = 1; k < t.size(); ++k)
        if (rank(t[k]) > rank(t[best])) best = k;
    return best;
}

struct day_parts {
    int year = 0, month = 0, day = 0;
    int known() const { return (year != 0) + (month != 0) + (day != 0); }
};

int number_at(std::string_view s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return 0;
    int v = 0;
    for (std::size_t k = at; k < at + n; ++k) {
        if (s[k] < '0' || s[k] > '9') return 0;
        v = v * 10 + (s[k] - '0');
    }
    return v;
}

day_parts parts_of(std::string_view iso) {
    day_parts p;
    if (iso.starts_with("---")) {
        p.day = number_at(iso, 3, 2);
    } else if (iso.starts_with("--")) {
        p.month = number_at(iso, 2, 2);
        if (iso.size() > 5) p.day = number_at(iso, 5, 2);
    } else {
        p.year = number_at(iso, 0, 4);
        if (iso.size() > 5) p.month = number_at(iso, 5, 2);
        if (iso.size() > 8) p.day = number_at(iso, 8, 2);
    }
    return p;
}

// The fullest date of each group of dates that agree, ascending.
std::vector<std::string> fullest_dates(const std::set<std::string>& given) {
    std::vector<std::string> by_detail(given.begin(), given.end());
    std::stable_sort(by_detail.begin(), by_detail.end(), [](const std::string& a, const std::string& b) {
        return parts_of(a).known() > parts_of(b).known();
    });
    std::vector<std::string> kept;
    for (const auto& d : by_detail)
        if (std::none_of(kept.begin(), kept.end(), [&](const std::string& k) { return dates_agree(k, d); }))
            kept.push_back(d);
    std::sort(kept.begin(), kept.end());
    return kept;
}

}  // namespace

bool dates_agree(std::string_view a, std::string_view b) {
    const auto x = parts_of(a), y = parts_of(b);
    auto same = [](int u, int v) { return u == 0 || v == 0 || u == v; };
    return x.known() && y.known() && same(x.year, y.year) && same(x.month, y.month) && same(x.day, y.day);
}

std::string readable_date(std::string_view iso) {
    const auto p = parts_of(iso);
    if (p.year || !p.known()) return std::string(iso);
    static constexpr const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                             "July",    "August",   "September", "October", "November", "December"};
    std::string out;
    if (p.month >= 1 && p.month <= 12) {
        out = months[p.month - 1];
        if (p.day) out += ' ' + std::to_string(p.day);
        return out + " (no year given)";
    }
    const int d = p.day;
    const char* suffix = (d % 100 >= 11 && d % 100 <= 13) ? "th" : d % 10 == 1 ? "st" : d % 10 == 2 ? "nd" : d % 10 == 3 ? "rd" : "th";
    return "the " + std::to_string(d) + suffix + " (no month given)";
}

document build(const graph::provenance_graph& g, std::size_t min_reports) {
    document r;
    r.articles = g.count(vertex_kind::article);
    r.speakers = g.count(vertex_kind::speaker);
    r.all_statements = g.count(vertex_kind::statement);
    r.min_reports = min_reports;
    for (vertex o = g.first(vertex_kind::outlet); o < g.last(vertex_kind::outlet); ++o)
        r.outlets += !g.out(o, edge_kind::publishes).empty();
    for (vertex a = g.first(vertex_kind::article); a < g.last(vertex_kind::article); ++a)
        if (g.outlet_of(a) == graph::no_vertex) r.unnamed.push_back(g.name(a));
    std::sort(r.unnamed.begin(), r.unnamed.end());

    std::vector<std::pair<std::size_t, statement_report>> ranked;  // (articles reporting it, report)
    for (vertex t = g.first(vertex_kind::statement); t < g.last(vertex_kind::statement); ++t) {
        const auto occurrences = g.in(t, edge_kind::reports);
        statement_report s;
        s.id = g.name(t);
        if (const auto who = g.speaker_of(t); who != graph::no_vertex) s.speaker = g.name(who);
        std::set<std::string> articles, cited, said;
        for (const auto q : occurrences) {
            const auto occ = g.occurrence(q);
            const auto a = g.article_of(q);
            telling x;
            if (a != graph::no_vertex) {
                const auto view = g.article(a);
                x.article = std::string(view.name);
                x.published = view.published;
                if (const auto o = g.outlet_of(a); o != graph::no_vertex) x.outlet = g.name(o);
                for (const auto c : g.out(a, edge_kind::cites)) x.cites.push_back(g.name(c));
                std::sort(x.cites.begin(), x.cites.end());
            }
            x.said = occ.said;
            x.said_words = std::string(occ.said_words);
            x.kind = occ.kind;
            x.text = std::string(occ.text);
            x.where = occ.where;
            articles.insert(x.article);
            cited.insert(x.cites.begin(), x.cites.end());
            if (!x.said.empty()) said.insert(x.said);
            s.tellings.push_back(std::move(x));
        }
        if (articles.size() < min_reports) continue;
        std::sort(s.tellings.begin(), s.tellings.end(), earlier);
        s.said = fullest_dates(said);
        for (const auto& d : s.said) {
            std::set<std::string> by;
            for (const auto& x : s.tellings)
                if (dates_agree(x.said, d)) by.insert(x.article);
            s.said_by.emplace_back(by.begin(), by.end());
        }
        s.cited.assign(cited.begin(), cited.end());
        if (!s.tellings.empty()) {
            s.first_published = s.tellings.front().published;
            if (!s.first_published.empty()) {
                std::set<std::string> first;
                for (const auto& x : s.tellings)
                    if (x.published == s.first_published) first.insert(x.article);
                s.first_reports.assign(first.begin(), first.end());
            }
            const std::size_t b = base_of(s.tellings);
            s.tellings[b].base = true;
            for (auto& x : s.tellings)
                if (!x.base) x.diff = word_diff(s.tellings[b].text, x.text);
        }
        ranked.emplace_back(articles.size(), std::move(s));
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    r.statements.reserve(ranked.size());
    for (auto& [n, s] : ranked) r.statements.push_back(std::move(s));
    return r;
}

}  // namespace quotetrace::report
