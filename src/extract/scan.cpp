// A byte-level scan for cue words: lower-cases each ASCII word in a small
// buffer, hashes it, and probes an open-addressed table of cue first words.
#include "scan.hpp"

#include <array>

namespace quotetrace::extract {
namespace {

constexpr bool ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Each byte's value in the hash (c | 0x20) when it is an ASCII letter, else 0:
// one load decides and lower-cases.
constexpr auto letter_value = [] {
    std::array<unsigned char, 256> v{};
    for (unsigned c = 0; c < 256; ++c)
        if (ascii_letter(static_cast<unsigned char>(c))) v[c] = static_cast<unsigned char>(c | 0x20u);
    return v;
}();

}  // namespace

std::uint64_t cue_scanner::hash(const char* p, std::size_t n) {
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(p[i]) | 0x20u;
        h *= 1099511628211ull;
    }
    return h | 1;  // never 0, the empty slot
}

bool cue_scanner::contains(std::uint64_t h) const {
    for (std::uint64_t i = h & mask_;; i = (i + 1) & mask_) {
        if (slots_[i] == h) return true;
        if (slots_[i] == 0) return false;
    }
}

cue_scanner::cue_scanner(const lexicon& lex) {
    std::vector<std::string_view> words;
    auto first_word = [&](const std::string& phrase) {
        std::size_t n = 0;
        while (n < phrase.size() && ascii_letter(static_cast<unsigned char>(phrase[n]))) ++n;
        if (n) words.push_back(std::string_view(phrase).substr(0, n));
    };
    for (const auto& v : lex.speech_verbs) first_word(v);
    for (const auto& v : lex.clause_verbs) first_word(v);
    static const std::string according = "according";
    words.push_back(according);
    std::size_t cap = 16;
    while (cap < words.size() * 4) cap <<= 1;
    slots_.assign(cap, 0);
    mask_ = cap - 1;
    for (auto w : words) {
        min_len_ = std::min(min_len_, w.size());
        max_len_ = std::max(max_len_, w.size());
        const auto h = hash(w.data(), w.size());
        std::uint64_t i = h & mask_;
        while (slots_[i] != 0 && slots_[i] != h) i = (i + 1) & mask_;
        slots_[i] = h;
    }
}

bool cue_scanner::is_candidate(std::string_view w) const {
    return w.size() >= min_len_ && w.size() <= max_len_ && contains(hash(w.data(), w.size()));
}

void cue_scanner::scan(std::string_view t, span where, std::vector<std::size_t>& out) const {
    const auto* base = reinterpret_cast<const unsigned char*>(t.data());
    std::size_t i = where.begin;
    const std::size_t end = std::min(where.end, t.size());
    while (i < end) {
        // skip to a word start: an ASCII letter after a non-letter
        while (i < end && !letter_value[base[i]]) ++i;
        const std::size_t start = i;
        // hash while reading the word, so each byte is touched once
        std::uint64_t h = 1469598103934665603ull;
        for (unsigned v; i < end && (v = letter_value[base[i]]); ++i) {
            h ^= v;
            h *= 1099511628211ull;
        }
        const std::size_t n = i - start;
        if (n >= min_len_ && n <= max_len_ && contains(h | 1)) out.push_back(start);
    }
}

}  // namespace quotetrace::extract
