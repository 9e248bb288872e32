// A map from std::size_t keys (byte offsets, hashes) to std::size_t values,
// open-addressed over one vector: the few thousand entries a document makes
// cost no allocation each, as a node map's would.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace quotetrace::extract {

class offset_map {
public:
    // The value for `key`, and whether it was just made (its value then 0).
    // The reference holds until the next try_emplace.
    std::pair<std::size_t&, bool> try_emplace(std::size_t key) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        for (std::size_t i = (key * 0x9E3779B97F4A7C15ull) >> shift_;; i = (i + 1) & (slots_.size() - 1)) {
            slot& s = slots_[i];
            if (s.used && s.key == key) return {s.value, false};
            if (!s.used) {
                s = {key, 0, true};
                ++used_;
                return {s.value, true};
            }
        }
    }

private:
    struct slot {
        std::size_t key = 0, value = 0;
        bool used = false;
    };
    void grow() {
        std::vector<slot> old(slots_.empty() ? 256 : slots_.size() * 2);
        old.swap(slots_);
        shift_ = 64 - static_cast<unsigned>(std::countr_zero(slots_.size()));
        used_ = 0;
        for (const slot& s : old)
            if (s.used) try_emplace(s.key).first = s.value;
    }
    std::vector<slot> slots_;
    std::size_t used_ = 0;
    unsigned shift_ = 64;
};

}  // namespace quotetrace::extract
