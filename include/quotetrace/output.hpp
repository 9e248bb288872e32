// Writers for what users read: one JSON record per quote (JSONL).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "quotetrace/document.hpp"
#include "quotetrace/provenance.hpp"
#include "quotetrace/quote.hpp"

namespace quotetrace::output {

// Appends `s` to `out` as a JSON string literal: quotes, backslashes,
// control characters, U+2028 and U+2029 escaped, invalid UTF-8 replaced by
// U+FFFD.
void json_string(std::string& out, std::string_view s);

// JSON text (from any writer) with U+2028 and U+2029 written as \u2028 and
// \u2029, which JavaScript before ES2019 does not take raw in a string.
std::string escape_line_separators(std::string json);

// One quote as one line of JSON (no trailing newline). Offsets are source
// offsets (bytes of the original file); fields as documented in the README:
//   {"doc":"a.txt","kind":"direct","text":"...","start":10,"end":42,
//    "speaker":"Jens Stoltenberg","speaker_mention":"he","cue":"said",...}
std::string quote_record(const document& doc, const quote& q);

// The same record with the document's provenance after every other field:
// "outlet" (canonical name or null), "published" and "said_on" (ISO 8601
// dates, reduced forms such as "--06-18" when the year is unknown, or null)
// and "citations", the document's cited sources as
// [{"source":"TASS","rule":"reported","start":3401,"end":3405}] (source offsets).
std::string quote_record(const document& doc, const quote& q, const provenance::facts& f,
                         const std::optional<provenance::said_when>& said);

}  // namespace quotetrace::output
