// A fast reader for one JSONL article record: validates the object and
// decodes only the string fields asked for, skipping everything else.
#pragma once

#include <array>
#include <cstddef>
#include <istream>
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

// Mends a JSON text cut short inside a string value (a record longer than
// the limit, read up to it): drops an escape or UTF-8 sequence broken by the
// cut, then closes the string and every open object and array. False, with
// `line` unchanged, when the cut is not inside a string value.
//   close_cut_json(R"({"id":"a","text":"We wi)") -> {"id":"a","text":"We wi"}
bool close_cut_json(std::string& line);

// Reads one line without its '\n', keeping at most `cap` bytes of it in
// `line` (the rest is read and dropped, so memory stays bounded whatever
// the input); `length` receives the whole line's length. False at the end.
bool bounded_line(std::istream& in, std::string& line, std::size_t cap, std::size_t& length);

// The members of a quote record (the JSONL that `quotes` writes) that
// statement matching reads, decoded, and where the record's "statements"
// value lies, so the line can be written back as it came with only that
// value replaced.
struct quote_record {
    std::string text, speaker, doc;  // empty when absent or not strings
    bool has_text = false;           // "text" is present and a string
    std::size_t statements_begin = std::string_view::npos, statements_end = std::string_view::npos;
    std::size_t object_end = 0;      // offset of the object's closing brace
};

// Parses `line` as one JSON object (validating all of it, as parse_article
// does) and fills `out`; false with `error` and `offset` otherwise.
bool parse_quote_record(std::string_view line, quote_record& out, std::string& error, std::size_t& offset);

// `line` with its "statements" value replaced by `statements` (JSON text),
// or with "statements" added as the last member when it had none.
std::string with_statements(std::string_view line, const quote_record& record, std::string_view statements);

}  // namespace quotetrace::ingest::detail
