// Private to the ingest stage: the offset-map primitives and the diagnosing
// form of the HTML reader that read.cpp needs but the public API does not.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "quotetrace/document.hpp"
#include "quotetrace/error.hpp"

namespace quotetrace::ingest::detail {

// Appends {text, source} unless the map is already linear through it, so a
// map stays as short as the edits that made it. `text` must not decrease; an
// anchor at the same text offset as the last one replaces it.
void push_anchor(std::vector<anchor>& anchors, std::size_t text, std::size_t source);

// The map document::source_offset() applies, for maps not yet in a document.
std::size_t map_offset(const std::vector<anchor>& anchors, std::size_t text_offset) noexcept;

// Offset of the first byte that does not start a well-formed UTF-8 sequence,
// or is NUL (bytes.size() when all of it is valid).
std::size_t first_invalid_utf8(std::string_view bytes) noexcept;

// The largest length <= max that does not split a UTF-8 sequence.
std::size_t utf8_cut(std::string_view bytes, std::size_t max) noexcept;

// html_document() with its diagnostics: invalid UTF-8 in the page is repaired
// (reported under `name`) before parsing, and anchors still reach the page.
// A page nested deeper than `depth_limit` (at most 2,000) is flattened; that
// counts as one more repair in `bad_sequences`.
document parse_html(std::string_view name, std::string_view page, const diagnostic_sink& diag,
                    std::size_t* bad_sequences, std::size_t depth_limit);

}  // namespace quotetrace::ingest::detail
