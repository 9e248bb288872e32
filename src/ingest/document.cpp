// The text-to-source offset map of a document, and the one-line form of a
// diagnostic.
#include "quotetrace/document.hpp"
#include "quotetrace/error.hpp"

#include <algorithm>
#include <string>

#include "internal.hpp"

namespace quotetrace {

namespace ingest::detail {

void push_anchor(std::vector<anchor>& anchors, std::size_t text, std::size_t source)
{
    if (!anchors.empty() && anchors.back().text == text) anchors.pop_back();
    // An empty map is the identity, as if anchored at {0, 0}.
    const std::size_t linear = anchors.empty()
                                   ? text
                                   : anchors.back().source + (text - anchors.back().text);
    if (linear != source) anchors.push_back({text, source});
}

std::size_t map_offset(const std::vector<anchor>& anchors, std::size_t text_offset) noexcept
{
    if (anchors.empty()) return text_offset;
    const auto next = std::upper_bound(
        anchors.begin(), anchors.end(), text_offset,
        [](std::size_t t, const anchor& a) { return t < a.text; });
    if (next == anchors.begin()) {
        // Before the first anchor the map is the identity; it may not run past
        // where that anchor lands.
        return std::min(text_offset, next->source);
    }
    const anchor& a = *std::prev(next);
    std::size_t source = a.source + (text_offset - a.text);
    // Text that replaced fewer source bytes (U+FFFD for one bad byte, an
    // inserted line end) must not map past where the following text starts.
    // A backward jump (a headline moved to the front) is not a bound.
    if (next != anchors.end() && next->source >= a.source) source = std::min(source, next->source);
    return source;
}

}  // namespace ingest::detail

std::size_t document::source_offset(std::size_t text_offset) const noexcept
{
    return ingest::detail::map_offset(anchors, text_offset);
}

std::string format(const diagnostic& d)
{
    std::string out = d.input;
    if (d.line != 0) {
        out += ':';
        out += std::to_string(d.line);
    } else {
        out += '@';
        out += std::to_string(d.offset);
    }
    out += ": ";
    switch (d.level) {
    case severity::note: out += "note"; break;
    case severity::warning: out += "warning"; break;
    case severity::error: out += "error"; break;
    }
    out += " [";
    out += d.code;
    out += "] ";
    out += d.message;
    return out;
}

}  // namespace quotetrace
