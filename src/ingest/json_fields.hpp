// A fast reader for one JSONL article record: validates the object and
// decodes only the string fields asked for, skipping everything else.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace quotetrace::ingest::detail {

// The fields of a news-please or trafilatura record that ingest uses.
enum class article_field { id, title, text, maintext, url, outlet, source_domain, date, date_publish, language, count };

struct article_record {
    std::array<std::string, static_cast<std::size_t>(article_field::count)> value;
    std::array<bool, static_cast<std::size_t>(article_field::count)> present{};
    std::string& operator[](article_field f) { return value[static_cast<std::size_t>(f)]; }
    bool has(article_field f) const { return present[static_cast<std::size_t>(f)]; }
};

// Parses `line` as one JSON object. Returns false (with `error` and the byte
// `offset` of the problem) when it is not valid JSON or not an object. String
// fields are decoded (escapes, \u surrogate pairs); a numeric "id" is kept as
// written; other members are validated and skipped. Bytes of invalid UTF-8
// inside strings are copied as they are: the caller repairs the text.
bool parse_article(std::string_view line, article_record& out, std::string& error, std::size_t& offset);

}  // namespace quotetrace::ingest::detail
