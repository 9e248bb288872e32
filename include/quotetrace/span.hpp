// Byte ranges: the one way every stage refers to text.
#pragma once

#include <cstddef>
#include <string_view>

namespace quotetrace {

// A half-open byte range [begin, end). Unless a declaration says otherwise the
// offsets index the analysed text of a document (document::text), which
// document::source_span() maps back to the bytes of the original file.
//   span s{4, 9};  text.substr(s.begin, s.size())
struct span {
    std::size_t begin = 0;
    std::size_t end = 0;

    constexpr std::size_t size() const noexcept { return end > begin ? end - begin : 0; }
    constexpr bool empty() const noexcept { return end <= begin; }
    constexpr bool contains(std::size_t pos) const noexcept { return pos >= begin && pos < end; }
    constexpr bool contains(span other) const noexcept {
        return other.begin >= begin && other.end <= end;
    }
    constexpr bool overlaps(span other) const noexcept {
        return other.begin < end && begin < other.end;
    }
    std::string_view in(std::string_view text) const noexcept {
        if (begin >= text.size()) return {};
        return text.substr(begin, size());
    }
    friend constexpr bool operator==(span, span) = default;
};

}  // namespace quotetrace
