// Dense ids for strings: the word and text memories of the matching stage
// look up millions of short keys, and a node-based std::unordered_map spent
// most of its time on the cache misses of walking nodes. Here the bytes of
// every key sit in one arena and the slots are one flat array.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "huge_pages.hpp"

namespace quotetrace::match::detail {

// Gives each distinct string the next id (0, 1, 2, ...) and finds it again.
// A slot holds an id with a part of its key's hash, so a probe compares
// bytes only when that part agrees. Ids are never removed; clear() forgets
// every string. Not thread-safe.
//   string_ids ids; bool added; ids.insert("war", added);  // 0, added
//   ids.find("war");                                      // 0
class string_ids {
public:
    static constexpr std::uint32_t missing = 0xFFFF'FFFFu;

    static std::uint64_t hash(std::string_view s) noexcept {
        // 8 bytes at a time, each multiplied in and folded down, then a
        // final mix: keys are short, and only their own bytes decide
        std::uint64_t h = 0xCBF2'9CE4'8422'2325ULL ^ s.size();
        std::size_t k = 0;
        auto step = [&h](std::uint64_t w) {
            h = (h ^ w) * 0x9E37'79B9'7F4A'7C15ULL;
            h ^= h >> 32;
        };
        for (; k + 8 <= s.size(); k += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + k, 8);
            step(w);
        }
        if (k < s.size()) {
            std::uint64_t w = 0;
            std::memcpy(&w, s.data() + k, s.size() - k);
            step(w);
        }
        h ^= h >> 33;
        h *= 0xFF51'AFD7'ED55'8CCDULL;
        h ^= h >> 33;
        return h;
    }

    // The id of `s`, or `missing`.
    std::uint32_t find(std::string_view s) const noexcept { return find(s, hash(s)); }
    std::uint32_t find(std::string_view s, std::uint64_t h) const noexcept {
        if (slots_.empty()) return missing;
        const std::size_t mask = slots_.size() - 1;
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t k = static_cast<std::size_t>(h) & mask;; k = (k + 1) & mask) {
            const slot& x = slots_[k];
            if (x.id == missing) return missing;
            if (x.tag == tag && at(x.id) == s) return x.id;
        }
    }

    // Asks the memory for the slot a look-up of hash `h` reads first, so
    // that the cache misses of a quote's words overlap rather than come one
    // after another when they are looked up next.
    void prefetch(std::uint64_t h) const noexcept {
        if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<std::size_t>(h) & (slots_.size() - 1)]);
    }

    // The id of `s`, given the next id when it is new (`added` says so).
    std::uint32_t insert(std::string_view s, bool& added) { return insert(s, hash(s), added); }
    std::uint32_t insert(std::string_view s, std::uint64_t h, bool& added) {
        added = false;
        if (const auto id = find(s, h); id != missing) return id;
        if ((ends_.size() + 1) * 2 > slots_.size()) grow();
        const auto id = static_cast<std::uint32_t>(ends_.size());
        bytes_.insert(bytes_.end(), s.begin(), s.end());
        ends_.push_back(bytes_.size());
        hashes_.push_back(h);
        place(id, h);
        added = true;
        return id;
    }

    std::string_view at(std::uint32_t id) const noexcept {
        const std::size_t begin = id == 0 ? 0 : ends_[id - 1];
        return std::string_view(bytes_.data() + begin, ends_[id] - begin);
    }
    std::size_t size() const noexcept { return ends_.size(); }
    // bytes held by the keys, for memories that bound themselves
    std::size_t bytes() const noexcept { return bytes_.size(); }
    void clear() {
        slots_.clear();
        bytes_.clear();
        ends_.clear();
        hashes_.clear();
    }

private:
    struct slot {
        std::uint32_t id = missing;
        std::uint32_t tag = 0;  // the high half of the key's hash
    };

    void place(std::uint32_t id, std::uint64_t h) {
        const std::size_t mask = slots_.size() - 1;
        std::size_t k = static_cast<std::size_t>(h) & mask;
        while (slots_[k].id != missing) k = (k + 1) & mask;
        slots_[k] = {id, static_cast<std::uint32_t>(h >> 32)};
    }
    void grow() {
        slots_.assign(slots_.empty() ? 64 : slots_.size() * 2, slot{});
        for (std::uint32_t id = 0; id < ends_.size(); ++id) place(id, hashes_[id]);
    }

    huge_vector<slot> slots_;
    huge_vector<char> bytes_;            // every key, end to end
    huge_vector<std::size_t> ends_;      // where key `id` ends in bytes_
    huge_vector<std::uint64_t> hashes_;  // per id, to grow without hashing again
};

}  // namespace quotetrace::match::detail
