// Small helpers over sorted id lists (synset ids), shared by the WordNet
// reader and the similarity.
#pragma once

#include <cstdint>
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

}  // namespace quotetrace::match::detail
