// Reading articles as people collect them: plain text, HTML pages and
// crawler JSONL, from files, folders (recursive) or stdin ("-").
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/document.hpp"
#include "quotetrace/error.hpp"

namespace quotetrace::ingest {

struct options {
    std::size_t max_document_bytes = 64u << 20;  // larger inputs are cut with a warning
};

// What a read did, for the exit status and the summary line.
struct tally {
    std::size_t documents = 0;
    std::size_t skipped = 0;   // inputs (files or JSONL lines) that yielded nothing
    std::size_t repaired = 0;  // documents with invalid UTF-8 replaced by U+FFFD
};

// Called once per document, in input order (files of a folder sorted by name).
using document_sink = std::function<void(document&&)>;

// Reads every path; "-" is stdin (format sniffed from the first bytes). Never
// throws for bad data: unreadable, binary or malformed input becomes a
// diagnostic naming the input and place, and the rest still comes out.
tally read_paths(const std::vector<std::string>& paths, const options& opt,
                 const document_sink& sink, const diagnostic_sink& diag);

// Builds a document from bytes already in memory. `name` names it in
// diagnostics and becomes its id; the format is taken from the name's
// extension, else sniffed. JSONL input yields one document per line.
tally read_buffer(std::string_view name, std::string bytes, const options& opt,
                  const document_sink& sink, const diagnostic_sink& diag);

// Repairs invalid UTF-8 to U+FFFD. Returns the valid text and fills `anchors`
// so offsets map back to `bytes`; reports each bad sequence to `diag`.
std::string repair_utf8(std::string_view bytes, std::string_view name,
                        std::vector<anchor>& anchors, const diagnostic_sink& diag,
                        std::size_t* bad_sequences = nullptr);

// The visible text of an HTML page (without script, style, nav, header,
// footer, aside), one block a line, with anchors back to the page's bytes.
// Fills meta.title from <title> when present.
document html_document(std::string_view name, std::string_view page);

}  // namespace quotetrace::ingest
