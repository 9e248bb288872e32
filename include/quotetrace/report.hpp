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

// Dates as the store keeps them: "2024-06-18", "2024-06", "2024", or without
// a year ISO 8601's reduced forms "--06-18", "--06" and "---17" (the 17th of
// a month the article does not name). Two dates agree when no field that
// both give differs ("--06-18" and "2024-06-18" agree; "---17" and
// "2024-06-18" do not).
bool dates_agree(std::string_view a, std::string_view b);
// For people: "2024-06-18" as it is, "--06-18" -> "June 18 (no year given)",
// "---17" -> "the 17th (no month given)".
std::string readable_date(std::string_view iso);

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
    // the dates the articles give, the fullest of each agreeing group,
    // ascending (several: they disagree)
    std::vector<std::string> said;
    std::vector<std::vector<std::string>> said_by;  // per date of `said`: the articles that agree with it
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
