// Provenance facts of one document: which outlet published it, when, which
// other sources it cites, and when each quoted statement was made. The
// provenance graph and the store are built from these.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/document.hpp"
#include "quotetrace/lexicon.hpp"
#include "quotetrace/quote.hpp"
#include "quotetrace/span.hpp"

namespace quotetrace::provenance {

// A calendar date. Fields the evidence leaves open are 0 ("June 2024" has
// day 0; "last year" has month and day 0; "on the 17th" with no publication
// date to place it has only the day).
struct date {
    int year = 0, month = 0, day = 0;
    bool known() const noexcept { return year != 0; }
    // "2024-06-19", "2024-06", "2024"; without a year ISO 8601's reduced
    // forms "--06-18" (June 18), "--06" (June), "---17" (the 17th); or "".
    std::string iso() const;
    friend auto operator<=>(const date&, const date&) = default;
};

// A date as metadata gives it: "2024-06-19", "2024-06-19T06:35:00Z",
// "2024-06-19 06:35", "2024.10.19", "2024/10/19", "June 19, 2024",
// "19 June 2024", "2024年6月19日", "Wed, 19 Jun 2024 06:35:00 GMT". Nothing
// when it is none of these or not a real day.
std::optional<date> parse_date(std::string_view s);

// A value and the words that support it. `where` is in document::text and
// empty when the value came from metadata; `rule` names the step that decided:
// for an outlet "metadata", "byline", "copyright", "source-line", "credit",
// "gazetteer-domain"; for a publication date "metadata", "published-line",
// "dateline", "updated-line", "timestamp", "page-date", "text-stamp"; for
// when a statement was made "weekday", "day-of-month", "month-day", "date",
// "month", "month-year", "year", "relative-day", "relative-month",
// "relative-year", "same-day", "earlier-in-article".
struct evidence {
    std::string value;
    span where;
    origin from = origin::none;
    std::string rule;
};

// "according to Russian news agency Interfax", "TASS reported", "(IANS/DPA)".
struct citation {
    std::string source;  // canonical outlet or agency name
    span where;          // the words that cite it
    std::string rule;    // "according-to", "reported", "quoted", "told", "interview", "citing",
                         // "carried-by", "cited-by", "said", "credit", "photo-credit"
};

struct facts {
    std::optional<evidence> outlet;      // empty: the document names none
    std::vector<evidence> credits;       // agencies credited for the article
    std::optional<evidence> published;   // value is date::iso()
    date published_on;
    std::vector<citation> citations;
};

// When a quote's statement was made: a date resolved from words near the
// quote ("said Monday", "on the 17th (local time)") against the publication
// date, with the words that say so; or nothing.
struct said_when {
    date on;
    evidence from;
};

// One outlet of the gazetteer (grammars/<language>/outlets.yaml).
struct outlet_entry {
    std::string name;                  // canonical: "Yonhap"
    std::vector<std::string> aliases;  // "Yonhap News Agency", "연합뉴스"
    std::vector<std::string> domains;  // "yna.co.kr"; a subdomain matches too
    std::string country;               // ISO 3166 alpha-2, or empty
    bool agency = false;               // a news agency whose copy others carry
};

// Reads <dir>/outlets.yaml. Throws quotetrace::error with id "lexicon.*"
// naming the file and line when it is missing or malformed.
std::vector<outlet_entry> load_outlets(const std::string& dir);

// Reads the provenance facts of documents. Built once, then shared: read()
// and said() are const and keep no state between documents (safe to call
// from several threads). Scans only a document's first and last bytes, its
// short lines (headline, byline, captions, furniture) and the words around a
// few cues, never a pattern over every byte.
//   provenance::reader r(default_grammar_dir());
//   auto f = r.read(doc);           // f.outlet->value == "Yonhap"
//   auto w = r.said(doc, f, q);     // w->on.iso() == "2024-06-17"
class reader {
public:
    // From a lexicon folder: its outlets.yaml, and the furniture lexicon for
    // documents whose regions are not yet filled. Throws quotetrace::error
    // ("lexicon.*") as load_lexicon() and load_outlets() do.
    explicit reader(const std::string& grammar_dir);
    reader(const lexicon& lex, std::vector<outlet_entry> outlets);
    ~reader();
    reader(reader&&) noexcept;
    reader& operator=(reader&&) noexcept;

    // The outlet, credits, publication date and citations of a document
    // (its regions are used when filled, else found here). All spans are in
    // doc.text. Never throws for bad text; what the text does not say stays
    // empty, never a guess.
    facts read(const document& doc) const;

    // When the statement a quote reports was made: the time expression of
    // the quote's sentence or frame (not of the quoted words themselves),
    // resolved against f.published_on. "said Monday" is the most recent
    // Monday on or before publication; "on the 17th" the last 17th on or
    // before it. Without a publication date the expression's own fields are
    // kept ("June 18" gives --06-18). Nothing when the sentence says nothing.
    std::optional<said_when> said(const document& doc, const facts& f, const quote& q) const;

    // The same for all the quotes of a document, in their order. A quote
    // whose own sentence gives no time takes the date an earlier quote's
    // sentence gave, when it follows within a few paragraphs: news reports
    // one occasion ("On June 18, Stoltenberg said ... Blinken responded,
    // ...") and dates it once. Its evidence rule is "earlier-in-article" and
    // its words are those of the earlier date. What a news outlet reports
    // ("according to Interfax") neither takes nor gives such a date.
    std::vector<std::optional<said_when>> said(const document& doc, const facts& f,
                                               const std::vector<quote>& qs) const;

    // The canonical outlet for a name, an alias or a web domain (a URL works
    // too); empty when the gazetteer does not know it.
    std::string canonical(std::string_view name_or_domain) const;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace quotetrace::provenance
