// Shared by the unit tests: the project's lexicon, loaded once.
#pragma once

#include "quotetrace/lexicon.hpp"

namespace quotetrace::test {

inline const lexicon& english() {
    static const lexicon lex = load_lexicon(QUOTETRACE_SOURCE_GRAMMARS "/en");
    return lex;
}

}  // namespace quotetrace::test
