// Fusion adaptation so the parser fills the AST structs directly.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(quotetrace::grammar::ast::frame, who, cue)
BOOST_FUSION_ADAPT_STRUCT(quotetrace::grammar::ast::cue_frame, cue, who)
