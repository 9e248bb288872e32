// What the provenance reader's parts share: the prepared gazetteer, the lines
// worth reading for bylines, credits and dates, and one function per fact.
#pragma once

#include <string_view>
#include <vector>

#include "../clean/regions.hpp"
#include "dates.hpp"
#include "gazetteer.hpp"
#include "quotetrace/provenance.hpp"

namespace quotetrace::provenance {

struct reader::impl {
    clean::furniture furniture;
    gazetteer outlets;
};

// A stretch of text read for provenance: a short line whole, or the opening
// or closing bytes of a paragraph near the top or the end of the document.
struct line {
    span where;
    region_kind kind = region_kind::body;
    bool head = false;  // in the first bytes of the document
    bool whole = true;  // the whole line, not an edge of a paragraph
};

// The first and last bytes of a document, where its lines are read, and how
// much of a paragraph there is read (a dateline opens it, a credit closes
// it). Lines of furniture, captions and bylines are read anywhere when short.
inline constexpr std::size_t head_bytes = 640, tail_bytes = 480, paragraph_edge = 100, short_line = 400;

std::vector<line> lines_to_read(std::string_view t, const std::vector<region>& regions);

// Outlet, credits, and the credits that cite another agency (photo credits too).
void find_outlet(const gazetteer& g, const document& doc, const std::vector<line>& lines, facts& f);
// The publication date, by the order of evidence explained in published.cpp.
void find_published(const document& doc, const std::vector<line>& lines, facts& f);
// Sources cited in the body: "according to", "reported", "told", "interview", ...
void find_citations(const gazetteer& g, std::string_view t, const std::vector<region>& regions, facts& f);

// The dateline opening the line or paragraph at l.begin, with its date as
// written ("Washington, June 19 (IANS/DPA)": June 19, no year); its span runs
// from the place to the end of the date.
std::optional<dates::hit> dateline(std::string_view t, span l);

// Whether `word` (lower-case ASCII) starts at t[i], any case, as a whole word.
bool word_at(std::string_view t, std::size_t i, std::size_t end, std::string_view word);

}  // namespace quotetrace::provenance
