// Splits a document's text into lines and says what each is: headline,
// byline, body, caption or page furniture. Furniture is never searched.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "quotetrace/document.hpp"
#include "quotetrace/lexicon.hpp"

namespace quotetrace::clean {

// The furniture lexicon, prepared once for many documents.
class furniture {
public:
    explicit furniture(const lexicon& lex);

    // One region per non-empty line, in text order. `title` (from metadata,
    // may be empty) marks lines that repeat the headline as captions.
    std::vector<region> regions(std::string_view text, std::string_view title = {}) const;

private:
    std::unordered_set<std::string> lines_, sections_;
    std::vector<std::string> patterns_;
    std::size_t longest_key_ = 0;  // of lines_ and sections_
};

// One-off form of furniture(lex).regions(text, title).
std::vector<region> find_regions(std::string_view text, const lexicon& lex, std::string_view title = {});

}  // namespace quotetrace::clean
