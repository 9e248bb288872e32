// A byte-level scan for cue words: finds the ASCII words eight bytes at a
// time, and hashes (lower-cased) and probes an open-addressed table of cue
// first words only for those whose length and first two letters fit.
#include "scan.hpp"

#include <bit>

#include "text.hpp"

namespace quotetrace::extract {
namespace {

constexpr bool ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Index of a word of n ASCII letters at p in shapes_: its length and its
// first two letters (one for a one-letter word).
std::size_t shape(const char* p, std::size_t n) {
    const std::size_t second = n >= 2 ? static_cast<std::size_t>((p[1] | 0x20) - 'a') : 26;
    return (n * 26 + static_cast<std::size_t>((p[0] | 0x20) - 'a')) * 27 + second;
}

// The ASCII letters among eight bytes, as the high bit of each.
std::uint64_t letters(std::uint64_t v) {
    using namespace text::swar;
    // lower-cased, high bit cleared: adding keeps each byte within its own
    const std::uint64_t x = (v & low7) | (ones * 0x20u);
    const std::uint64_t at_least_a = x + ones * (0x80u - 'a');
    const std::uint64_t past_z = x + ones * (0x80u - 'z' - 1);
    return at_least_a & ~past_z & ~v & high;
}

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
    for (auto w : words) max_len_ = std::max(max_len_, w.size());
    shapes_.assign((max_len_ + 1) * 26 * 27 / 64 + 1, 0);
    for (auto w : words) {
        shapes_[shape(w.data(), w.size()) / 64] |= 1ull << (shape(w.data(), w.size()) % 64);
        min_len_ = std::min(min_len_, w.size());
        const auto h = hash(w.data(), w.size());
        std::uint64_t i = h & mask_;
        while (slots_[i] != 0 && slots_[i] != h) i = (i + 1) & mask_;
        slots_[i] = h;
    }
}

inline bool cue_scanner::may_be_cue(const char* p, std::size_t n) const {
    if (n < min_len_ || n > max_len_) return false;
    const std::size_t k = shape(p, n);
    return (shapes_[k / 64] >> (k % 64)) & 1 && contains(hash(p, n));
}

bool cue_scanner::is_candidate(std::string_view w) const {
    return w.size() >= min_len_ && w.size() <= max_len_ && contains(hash(w.data(), w.size()));
}

void cue_scanner::scan(std::string_view t, span where, std::vector<std::size_t>& out) const {
    const char* base = t.data();
    const std::size_t end = std::min(where.end, t.size());
    // A word starts at a letter after a non-letter and ends at the next
    // non-letter; `word` is where the word being read began.
    std::size_t i = where.begin, word = 0;
    bool in_word = false;
    if constexpr (std::endian::native == std::endian::little) {
        for (; i + 8 <= end; i += 8) {
            const std::uint64_t m = letters(text::swar::load(base + i));
            const std::uint64_t before = (m << 8) | (in_word ? 0x80u : 0u);
            for (std::uint64_t edges = (m ^ before) & text::swar::high; edges; edges &= edges - 1) {
                const std::size_t at = i + text::swar::first(edges);
                if (!in_word) word = at;
                else if (may_be_cue(base + word, at - word)) out.push_back(word);
                in_word = !in_word;
            }
        }
    }
    for (; i < end; ++i) {
        const bool letter = ascii_letter(static_cast<unsigned char>(base[i]));
        if (letter == in_word) continue;
        if (letter) word = i;
        else if (may_be_cue(base + word, i - word)) out.push_back(word);
        in_word = letter;
    }
    if (in_word && may_be_cue(base + word, end - word)) out.push_back(word);
}

}  // namespace quotetrace::extract
