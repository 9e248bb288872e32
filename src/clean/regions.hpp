// Splits a document's text into lines and says what each is: headline,
// byline, body, caption or page furniture. Furniture is never searched.
#pragma once

#include <string_view>
#include <vector>

#include "quotetrace/document.hpp"
#include "quotetrace/lexicon.hpp"

namespace quotetrace::clean {

// One region per non-empty line, in text order. `title` (from metadata, may
// be empty) marks lines that repeat the headline as captions.
std::vector<region> find_regions(std::string_view text, const lexicon& lex, std::string_view title = {});

}  // namespace quotetrace::clean
