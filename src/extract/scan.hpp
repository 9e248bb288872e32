// The candidate scan: one pass over the bytes that finds where a speech cue
// may start, so the grammar runs only there.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "quotetrace/lexicon.hpp"
#include "quotetrace/span.hpp"

namespace quotetrace::extract {

class cue_scanner {
public:
    // The first word of every speech verb and clause verb phrase, and "according".
    explicit cue_scanner(const lexicon& lex);

    // Appends the byte offsets in `where` at which a candidate cue word starts.
    // Case-insensitive for ASCII; a word is a run of ASCII letters.
    void scan(std::string_view text, span where, std::vector<std::size_t>& out) const;

    bool is_candidate(std::string_view word) const;

private:
    static std::uint64_t hash(const char* p, std::size_t n);
    bool contains(std::uint64_t h) const;
    // Whether the word at [p, p + n) (ASCII letters) may be a cue word: its
    // length and first two letters, then its hash.
    bool may_be_cue(const char* p, std::size_t n) const;

    // One bit per length and first two letters (lower-cased) of the cue
    // words: most words are turned away by it before they are hashed.
    std::vector<std::uint64_t> shapes_;

    std::vector<std::uint64_t> slots_;  // open addressing; 0 is empty
    std::uint64_t mask_ = 0;
    std::size_t min_len_ = 64, max_len_ = 0;
};

}  // namespace quotetrace::extract
