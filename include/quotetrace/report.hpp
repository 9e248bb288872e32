// The provenance report: per statement, who said it, when, who reported it
// first, every outlet's words and how they drifted; written as Markdown,
// JSON or one self-contained HTML page.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/graph.hpp"
#include "quotetrace/quote.hpp"
#include "quotetrace/span.hpp"

namespace quotetrace::report {

// One step of a word-level diff: words both versions share, or words only
// the variant has (added) or only the base has (removed). Words compare
// without case, surrounding punctuation or typographic apostrophes; `words`
// keeps the writing of the version they come from, joined by one space.
struct word_change {
    enum class op { same, added, removed };
    op what = op::same;
    std::string words;
};

// The changes that turn `base` into `variant` (a longest common subsequence
// of words; a pair too long for it is compared by common prefix and suffix).
//   word_diff("matters for Asia", "is important in Asia")
//     -> removed "matters for", added "is important in", same "Asia"
std::vector<word_change> word_diff(std::string_view base, std::string_view variant);

// One article's report of a statement.
struct telling {
    std::string article;
    std::string outlet;      // "" when the article names none
    std::string published;   // iso date or ""
    std::string said;        // when the article says it was said, or ""
    std::string said_words;
    quote_kind kind = quote_kind::direct;
    std::string text;        // the exact words
    span where;              // source byte range in the article
    std::vector<std::string> cites;   // sources the article cites
    bool base = false;       // the version the others are compared with
    std::vector<word_change> diff;    // against the base; empty for the base
};

struct statement_report {
    std::string id;                  // "s12"
    std::string speaker;             // "" when unknown
    std::vector<std::string> said;   // distinct dates the articles give, ascending (several: they disagree)
    std::string first_published;     // earliest publication date among its reports, or ""
    std::vector<std::string> first_reports;  // the articles published then (all, on a tie)
    std::vector<std::string> cited;  // sources cited by the reporting articles, sorted
    std::vector<telling> tellings;   // by publication date (unknown last), then article
};

struct document {
    std::size_t articles = 0, outlets = 0, speakers = 0;
    std::size_t all_statements = 0;  // in the graph; `statements` holds those reported often enough
    std::size_t min_reports = 1;
    std::vector<std::string> unnamed;    // articles that name no outlet
    std::vector<statement_report> statements;  // most-reported first, then by number
};

// Every statement of the graph (or those reported at least `min_reports` times).
document build(const graph::provenance_graph& g, std::size_t min_reports = 1);

void write_markdown(std::ostream& out, const document& r);
void write_json(std::ostream& out, const document& r);
// One page, no network: inline style, a timeline of reports, <del>/<ins>
// marking the words that differ.
void write_html(std::ostream& out, const document& r);

}  // namespace quotetrace::report
