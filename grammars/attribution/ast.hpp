// The attribution grammar's AST: plain byte ranges, filled by the parser.
#pragma once

#include <boost/range/iterator_range.hpp>

namespace quotetrace::grammar::ast {

using range = boost::iterator_range<const char*>;

// "Stoltenberg said": who, then the cue.
struct frame {
    range who;
    range cue;
};

// "said Stoltenberg": the cue, then who.
struct cue_frame {
    range cue;
    range who;
};

}  // namespace quotetrace::grammar::ast
