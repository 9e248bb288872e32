// What extraction finds: quotes, the words that name their speakers, and the
// people behind those words.
#pragma once

#include <string>
#include <vector>

#include "quotetrace/span.hpp"

namespace quotetrace {

// direct: a whole span in quote marks, said by someone; partial: a few quoted
// words inside reported speech or a headline; indirect: reported speech
// without quote marks ("X said that ...", "according to X, ...").
enum class quote_kind { direct, partial, indirect };

const char* to_string(quote_kind k) noexcept;

enum class mention_kind { name, pronoun, description, organisation, none };

// Words in a document that name (or stand for) a speaker.
struct mention {
    span where;  // in document::text; empty when there is none
    mention_kind kind = mention_kind::none;
};

// Flags on a quote; several may hold.
struct quote_flags {
    bool headline = false;    // in a headline or caption
    bool continued = false;   // carries on the previous paragraph's quote
    bool split = false;       // one half of a quote split by its attribution
};

struct quote {
    quote_kind kind = quote_kind::direct;
    span content;             // the quoted words without marks, in document::text
    span cue;                 // "said", "according to", ":"; empty when none
    mention speaker_mention;  // the words that name the speaker here
    std::string speaker;      // canonical name; empty when unknown
    double confidence = 0.0;  // 0..1
    std::string rule;         // the frame or sieve step that decided
    quote_flags flags;
    std::vector<std::string> statements;  // filled by statement matching
};

}  // namespace quotetrace
