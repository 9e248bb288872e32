// The attribution grammar's interface: recognises noun phrases, speech cues
// and attribution frames at a byte position. It recognises; it does not
// decide. Only std types cross this boundary; Spirit stays in this folder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "quotetrace/lexicon.hpp"
#include "quotetrace/span.hpp"

namespace quotetrace::grammar {

// What a frame parse found. Spans are byte ranges of the parsed text.
struct frame {
    span np;    // the speaker's noun phrase ("NATO Secretary General Jens Stoltenberg")
    span cue;   // the speech verb ("said", "went on to say")
    std::size_t end = 0;  // where the parse stopped
};

// Word classes a token can belong to, for the code that decides.
enum class word_class { speech_verb, clause_verb, pronoun, title, role, adverb };

class attribution_grammar {
public:
    // Fills the symbol tables from the lexicon. Throws quotetrace::error if
    // the lexicon has no speech verbs.
    explicit attribution_grammar(const lexicon& lex);
    ~attribution_grammar();
    attribution_grammar(attribution_grammar&&) noexcept;
    attribution_grammar& operator=(attribution_grammar&&) noexcept;

    // "Stoltenberg said", "the NATO chief went on to say", "He also told reporters":
    // a noun phrase, optional adverbs, a speech verb, starting exactly at `at`.
    //   subject_cue("Mr. Trump said on Monday", 0) -> np [0,9) cue [10,14)
    std::optional<frame> subject_cue(std::string_view text, std::size_t at, bool clause_verbs = false) const;

    // The two halves of subject_cue, for callers that try many verbs after
    // one subject: where the subject starting at `at` ends (or nullopt), and
    // the verb after it, past any adverbs ("also", "on Monday").
    //   subject_cue(t, at) == verb_after(t, *subject_end(t, at)) with the np in between
    std::optional<std::size_t> subject_end(std::string_view text, std::size_t at) const;
    std::optional<span> verb_after(std::string_view text, std::size_t at, bool clause_verbs = false) const;

    // "said Stoltenberg", "added the spokesman": a speech verb then a noun phrase.
    // With `any_phrase`, right after a quote, also a plain noun phrase that
    // ends there: "“...,” said the 46-year-old."
    std::optional<frame> cue_subject(std::string_view text, std::size_t at, bool any_phrase = false) const;

    // "according to Russian news agency Interfax": np is the source.
    std::optional<frame> according_to(std::string_view text, std::size_t at) const;

    // A noun phrase starting exactly at `at` (name, pronoun or description).
    std::optional<frame> noun_phrase(std::string_view text, std::size_t at) const;

    // A speech verb (or, with clause_verbs, a verb of belief) starting at `at`.
    std::optional<span> cue(std::string_view text, std::size_t at, bool clause_verbs = false) const;

    // Whether the words at `at` belong to the class (longest phrase match).
    std::optional<span> word_of(word_class c, std::string_view text, std::size_t at) const;

    struct tables;

private:
    std::unique_ptr<tables> tables_;
};

// Length in bytes of the word character at `p` (a letter or digit, ASCII or
// any Unicode letter), or 0 when `p` does not start one. ASCII is decided
// here, inline: the parsers ask this of nearly every byte they read.
std::size_t word_char_len_utf8(const char* p, const char* end) noexcept;
// The ASCII letters and digits, one bit per code, 64 codes to a word.
inline constexpr std::uint64_t ascii_alnum_bits[2] = {0x03FF000000000000ull, 0x07FFFFFE07FFFFFEull};
// Always inlined: GCC otherwise calls an outlined copy from every parser.
[[gnu::always_inline]] inline std::size_t word_char_len(const char* p, const char* end) noexcept {
    if (p >= end) return 0;
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) return word_char_len_utf8(p, end);
    return (ascii_alnum_bits[c >> 6] >> (c & 63)) & 1;
}

}  // namespace quotetrace::grammar
