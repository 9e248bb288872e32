// Pairs quotation marks into quote spans: apostrophes, nesting, the
// multi-paragraph convention and local recovery from unbalanced marks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quotetrace/span.hpp"

namespace quotetrace::extract {

struct quoted {
    span open;           // the opening mark
    span close;          // the closing mark; empty when recovered at a paragraph end
    span content;        // between the marks, trimmed
    bool single = false; // ‘…’ or '…'
    bool continued = false;  // spans several paragraphs
    bool recovered = false;  // no closing mark was found
    int depth = 0;       // 0 for an outermost quote
};

// The quotation marks of a language: each pair's opening and closing mark.
// A mark that both opens and closes (a straight quote) is decided by context.
class mark_table {
public:
    mark_table(const std::vector<std::pair<std::string, std::string>>& pairs,
               std::size_t single_from);  // pairs[single_from..] are single marks
    struct mark {
        std::size_t len = 0;   // bytes; 0 when no mark starts here
        int id = -1;
        bool opens = false, closes = false, single = false;
    };
    mark at(std::string_view text, std::size_t i) const;
    // The longest mark of at most `longest` bytes at text[i].
    mark at(std::string_view text, std::size_t i, std::size_t longest) const;
    bool pairs_with(int open_id, int close_id) const;
    // A byte that can start a mark, for a fast scan.
    bool may_start(unsigned char c) const { return first_byte_[c]; }
    // The first offset in [i, end) whose byte may start a mark, or `end`.
    std::size_t next_start(std::string_view t, std::size_t i, std::size_t end) const;

private:
    std::vector<std::string> marks_;
    std::vector<mark> info_;
    std::vector<std::pair<int, int>> pairs_;
    bool first_byte_[256] = {};
    std::vector<std::vector<std::size_t>> by_first_ = std::vector<std::vector<std::size_t>>(256);  // marks_ indices
    std::vector<std::uint64_t> ascii_first_;  // each ASCII byte that starts a mark, in all eight bytes
    bool non_ascii_first_ = false;  // some mark starts with a byte >= 0x80
};

// Where find_quotes() met its limits: how often, and the first place (a
// byte offset of `text`, at the opening mark).
struct limit_hits {
    std::size_t too_long = 0, first_too_long = 0;
    std::size_t too_deep = 0, first_too_deep = 0;
    std::size_t too_many = 0, first_too_many = 0;  // quotes past the count limit
};

// Quote spans of `text` restricted to the given paragraphs (sorted, disjoint
// byte ranges, one paragraph each), outermost and nested, in text order.
// `max_bytes` bounds a quote: a longer one is treated as unbalanced.
// `max_depth` bounds the marks open at once: a mark that would open deeper is
// read as text, so time stays linear in the text whatever the marks. After
// `max_quotes` quotes the rest of the text is not searched.
std::vector<quoted> find_quotes(std::string_view text, const std::vector<span>& paragraphs,
                                const mark_table& marks, std::size_t max_bytes, std::size_t max_depth = 64,
                                limit_hits* hits = nullptr, std::size_t max_quotes = SIZE_MAX);

}  // namespace quotetrace::extract
