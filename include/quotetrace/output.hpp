// Writers for what users read: one JSON record per quote (JSONL).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "quotetrace/document.hpp"
#include "quotetrace/quote.hpp"

namespace quotetrace::output {

// Appends `s` to `out` as a JSON string literal: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD.
void json_string(std::string& out, std::string_view s);

// One quote as one line of JSON (no trailing newline). Offsets are source
// offsets (bytes of the original file); fields as documented in the README:
//   {"doc":"a.txt","kind":"direct","text":"...","start":10,"end":42,
//    "speaker":"Jens Stoltenberg","speaker_mention":"he","cue":"said",...}
std::string quote_record(const document& doc, const quote& q);

}  // namespace quotetrace::output
