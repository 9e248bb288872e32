// A document: the bytes as read, the text the extractor analyses, and the map
// between the two, with metadata that says where each field came from.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/span.hpp"

namespace quotetrace {

// Where a metadata value came from, in order of trust.
enum class origin { none, jsonl, sidecar, manifest, text };

struct field {
    std::string value;
    origin from = origin::none;
    bool known() const noexcept { return from != origin::none && !value.empty(); }
};

struct metadata {
    field outlet, url, date, title, language;
};

enum class region_kind { headline, byline, body, caption, boilerplate };

struct region {
    region_kind kind = region_kind::body;
    span where;  // in document::text
};

// One anchor of the offset map: text offset `text` corresponds to source byte
// `source`. Between anchors the map is linear (same length on both sides).
struct anchor {
    std::size_t text = 0;
    std::size_t source = 0;
};

enum class input_format { text, html, jsonl };

// The analysed text is valid UTF-8 with '\n' line ends. For plain text it is
// the file itself (invalid bytes repaired to U+FFFD, CRLF kept as bytes); for
// HTML the visible text of the page; for JSONL the record's text field.
// Offsets reported to users are source offsets: bytes of the file, or for
// JSONL bytes of the record's decoded text field.
struct document {
    std::string id;        // file name, or the JSONL record's id
    std::string path;      // where it was read from ("-" for stdin)
    input_format kind = input_format::text;
    std::string text;
    std::vector<anchor> anchors;  // sorted by text offset; empty means identity
    metadata meta;
    std::vector<region> regions;  // filled by the clean stage

    // Maps an offset in `text` to an offset in the source bytes.
    std::size_t source_offset(std::size_t text_offset) const noexcept;
    span source_span(span s) const noexcept {
        return {source_offset(s.begin), source_offset(s.end)};
    }
};

}  // namespace quotetrace
