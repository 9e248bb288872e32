// Iterator and context types shared by the grammar's definition and its callers.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace quotetrace::grammar {

using iterator_type = const char*;

// The lexicon tables reach the parsers through the context, not globals, so
// two grammars with different lexicons can live in one process.
struct tables_tag;

}  // namespace quotetrace::grammar
