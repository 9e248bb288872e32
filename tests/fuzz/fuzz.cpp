// The checks the harnesses share.
#include "fuzz.hpp"

#include "src/ingest/internal.hpp"

namespace quotetrace::fuzz {

bool anchors_sound(const document& doc, std::size_t source_size) {
    std::size_t text = 0;
    for (const auto& a : doc.anchors) {
        if (a.text < text || a.text > doc.text.size() || a.source > source_size) return false;
        text = a.text;
    }
    return doc.source_offset(doc.text.size()) <= source_size;
}

bool valid_utf8(std::string_view s) { return ingest::detail::first_invalid_utf8(s) == s.size(); }

}  // namespace quotetrace::fuzz
