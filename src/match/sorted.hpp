// Small helpers shared by the matching stage: sorted id lists (synset and
// stem ids) and string-view lookups in string-keyed hash maps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace quotetrace::match::detail {

// Whether two ascending lists share an element.
inline bool intersects(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] == b[j]) return true;
        if (a[i] < b[j]) ++i;
        else ++j;
    }
    return false;
}

// How many elements two ascending lists of distinct ids share.
inline std::size_t shared_count(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::size_t n = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] == b[j]) ++n, ++i, ++j;
        else if (a[i] < b[j]) ++i;
        else ++j;
    }
    return n;
}

// Hashes std::string keys and std::string_view probes alike (heterogeneous lookup).
struct sv_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

}  // namespace quotetrace::match::detail
