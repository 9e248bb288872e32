// Sentence boundaries inside one paragraph. Quote spans are opaque: a period
// inside a quote ends the quoted sentence, not the one that frames it.
#pragma once

#include <string_view>
#include <vector>

#include "marks.hpp"
#include "quotetrace/span.hpp"

namespace quotetrace::extract {

// Sentences of `para`, in order, covering it. `quotes` are the outermost
// quote spans (any order); abbreviations ("Mr", "U.S") never end a sentence.
std::vector<span> split_sentences(std::string_view text, span para, const std::vector<const quoted*>& quotes);
// The same, into `out` (cleared first), for a caller that reuses one buffer.
void split_sentences(std::string_view text, span para, const std::vector<const quoted*>& quotes, std::vector<span>& out);

}  // namespace quotetrace::extract
