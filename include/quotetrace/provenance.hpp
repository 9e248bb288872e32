// Provenance facts of one document: which outlet published it, when, which
// other sources it cites, and when each quoted statement was made. The
// provenance graph and the store are built from these.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/document.hpp"
#include "quotetrace/quote.hpp"
#include "quotetrace/span.hpp"

namespace quotetrace::provenance {

// A calendar date. Fields the evidence leaves open are 0 ("June 2024" has
// day 0; "last year" has month and day 0).
struct date {
    int year = 0, month = 0, day = 0;
    bool known() const noexcept { return year != 0; }
    std::string iso() const;  // "2024-06-19", "2024-06", "2024", or ""
    friend auto operator<=>(const date&, const date&) = default;
};

// A value and the words that support it. `where` is in document::text and
// empty when the value came from metadata; `rule` names the step that decided
// ("metadata", "byline", "credit", "dateline", "gazetteer-domain", ...).
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
    std::string rule;    // "according-to", "reported", "interview", "credit"
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

}  // namespace quotetrace::provenance
