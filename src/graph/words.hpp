// Compact text for the graph's occurrences: each string is cut at single
// spaces into words, and each word is coded as the varint number of its
// entry in a vocabulary kept in first-seen order, so frequent words take one
// byte and the string comes back byte for byte. The vocabulary holds each
// distinct word once; no string is ever shared between occurrences.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quotetrace::graph::detail {

// Unsigned LEB128: seven bits a byte, low bits first.
inline void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

inline std::uint64_t get_varint(const char*& p) noexcept {
    std::uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        const auto b = static_cast<unsigned char>(*p++);
        v |= std::uint64_t{b & 0x7Fu} << shift;
        if (b < 0x80) return v;
    }
}

class word_codec {
public:
    // Appends the code of s to out: each word's number + 1, then a 0.
    void encode(std::string_view s, std::string& out);
    // Appends the string coded at p to out; returns the byte after its code.
    const char* decode(const char* p, std::string& out) const;
    // The byte after the code that starts at p.
    static const char* skip(const char* p) noexcept;
    // Forgets the table that finds a word's number (encode() may not be
    // called after): the graph is read-only once built.
    void seal();
    std::size_t words() const noexcept { return ends_.size(); }
    std::size_t bytes() const noexcept;

private:
    // A word about to be numbered: where it is, its first and (past 8
    // bytes) last 8 bytes, and its hash.
    struct pending {
        const char* p;
        std::size_t n;
        std::uint64_t head, tail, hash;
    };
    // The word's number, numbering it if new (the table has room).
    std::uint32_t number(const pending& w);
    // Numbers the words and appends them as varints.
    void put(const pending* words, std::size_t count, std::string& out);
    std::string_view word(std::uint32_t n) const noexcept {
        const std::uint32_t b = n ? ends_[n - 1] : 0;
        return std::string_view(chars_).substr(b, ends_[n] - b);
    }
    void grow();

    std::string chars_;                // the words back to back
    std::vector<std::uint32_t> ends_;  // word n is [ends_[n-1], ends_[n])
    // open addressing, a word's slot holding its first and last 8 bytes
    // (so words of up to 16 bytes are compared without reading the
    // vocabulary), its hash's high bits with its length, and its number + 1
    // (0: an empty slot)
    struct slot {
        std::uint64_t head, tail;
        std::uint32_t tag;
        std::uint32_t number;
    };
    std::vector<slot> table_;
};

}  // namespace quotetrace::graph::detail
