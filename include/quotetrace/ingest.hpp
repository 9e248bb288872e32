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

// Limits on what one input may cost. A document larger than
// max_document_bytes is read up to the limit only (never all of it) and cut,
// with "input.too_large"; a JSONL line is read up to twice the limit (room
// for escapes and other fields), and a record cut inside its text keeps the
// text up to the cut. A page nested deeper than max_html_depth (at most
// 2,000: the HTML parser recurses) is flattened, with "html.too_deep". Both
// count as repaired.
struct options {
    std::size_t max_document_bytes = 64u << 20;
    std::size_t max_html_depth = 2000;
};

// What a read did, for the exit status and the summary line.
struct tally {
    std::size_t documents = 0;
    std::size_t skipped = 0;   // inputs (files or JSONL lines) that yielded nothing
    std::size_t repaired = 0;  // documents with invalid UTF-8 or NUL replaced by U+FFFD, cut or flattened
};

// Called once per document, in input order (files of a folder sorted by name).
using document_sink = std::function<void(document&&)>;

// Reads every path; "-" is stdin (format sniffed from the first bytes). Never
// throws for bad data: unreadable, binary or malformed input becomes a
// diagnostic naming the input and place, and the rest still comes out.
// Folders are read recursively, sorted by name, skipping hidden entries,
// *.meta.yaml and manifest.yaml, which supply metadata: NAME.meta.yaml or
// STEM.meta.yaml beside a file (origin::sidecar) beats the folder's
// manifest.yaml (origin::manifest). Diagnostic codes: input.unreadable,
// input.binary, input.empty, input.too_large, utf8.invalid, jsonl.malformed,
// meta.invalid, html.too_deep. An input of no text (empty, or only spaces)
// is skipped with input.empty. Exceptions thrown by `sink` or `diag` pass through.
tally read_paths(const std::vector<std::string>& paths, const options& opt,
                 const document_sink& sink, const diagnostic_sink& diag);

// Builds a document from bytes already in memory. `name` names it in
// diagnostics and becomes its id; the format is taken from the name's
// extension, else sniffed. JSONL input yields one document per line.
tally read_buffer(std::string_view name, std::string bytes, const options& opt,
                  const document_sink& sink, const diagnostic_sink& diag);

// Repairs invalid UTF-8 and NUL bytes to U+FFFD (one per maximal invalid
// subpart; a leading BOM is dropped). Returns the valid text and replaces `anchors` so offsets map
// back to `bytes` (left empty when `bytes` is valid and is returned as is).
// Reports one "utf8.invalid" diagnostic per call, at the first bad byte, with
// the count; `bad_sequences` receives the count.
//   repair_utf8("a\xFFb", "a.txt", anchors, diag) == "a\uFFFDb", one anchor
std::string repair_utf8(std::string_view bytes, std::string_view name,
                        std::vector<anchor>& anchors, const diagnostic_sink& diag,
                        std::size_t* bad_sequences = nullptr);

// The visible text of an HTML page (without script, style, nav, header,
// footer, aside, forms or link-dense blocks such as menus), one block a line,
// the first <h1> first, with anchors back to the page's bytes. A <header>
// inside <article> or <main> is kept (headline, byline), as is a <footer>
// inside <blockquote> (who is quoted). Fills meta from the page itself
// (origin::text): title from <title>, language from <html lang>, url from
// the canonical link or og:url, date from article:published_time or <time>,
// outlet from og:site_name. Diagnostics are dropped: read_buffer() reports them.
document html_document(std::string_view name, std::string_view page);

}  // namespace quotetrace::ingest
