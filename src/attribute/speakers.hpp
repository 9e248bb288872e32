// The speaker sieve: turns the words that name a speaker ("he", "the NATO
// chief", "Stoltenberg") into one canonical name per person, per document and
// across documents.
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "quotetrace/extract.hpp"
#include "quotetrace/lexicon.hpp"
#include "quotetrace/quote.hpp"

#include "../extract/offset_map.hpp"
#include "../extract/text.hpp"

namespace quotetrace::attribute {

// A person (or organisation) named in full in the document, with the words
// of the titles and appositions around the name ("nato", "secretary").
struct entity {
    std::string name;
    std::vector<std::string> descriptors;  // lower-case
    std::vector<std::size_t> seen;  // where the document names it, in order
    // Where it was last named before `pos`, or npos if not before it.
    std::size_t seen_before(std::size_t pos) const;
    bool person = true;  // looks like a person's name and is no organisation the gazetteer knows
    char gender = 0;     // 'm', 'f', or 0 when neither the given name nor an honorific tells
    bool spoke = false;  // named as the speaker of a quote of the document
};

// Titles, roles and pronouns prepared once for many documents.
class speaker_lexicon {
public:
    explicit speaker_lexicon(const lexicon& lex);
    // Words of the longest title or role starting at words[i] (case-insensitive), or 0.
    std::size_t title_at(const std::vector<std::string_view>& words, std::size_t i) const;
    std::size_t title_at(const std::vector<std::string>& words, std::size_t i) const;
    // "m", "f", "p", "o", "s" for a pronoun, else empty.
    std::string_view pronoun_kind(std::string_view lower_word) const;
    // 'm' or 'f' for a name whose first word is a listed given name
    // ("Hillary Clinton"), else 0.
    char gender_of(std::string_view name) const;

private:
    std::vector<std::vector<std::string>> titles_;  // lower-case words, longest first
    text::lower_map<std::vector<std::size_t>> by_first_;
    // The length, first and last letter of every key of by_first_: most
    // words are turned away here, before hashing. shape() is the bit of a word.
    static std::size_t shape(std::string_view w);
    std::bitset<32 * 32 * 32> first_shapes_;
    // looked up by string_view without a copy
    struct view_hash : std::hash<std::string_view> {
        using is_transparent = void;
    };
    std::unordered_map<std::string, std::string, view_hash, std::equal_to<>> pronouns_;
    std::unordered_map<std::string, char, view_hash, std::equal_to<>> given_names_;  // as written: "Hillary"
};

// One document's entities and the sieve over its quotes.
class document_speakers {
public:
    document_speakers(const speaker_lexicon& words, speaker_registry& registry);

    // A mention of a named entity at byte `at` (a titled name anywhere in the text).
    void observe_name(std::string_view text, span np);

    // Resolves every quote's speaker in text order: explicit name, then
    // description, then pronoun (the salient speaker), then continuation of
    // the previous quote; else unknown. Fills quote::speaker, confidence and
    // appends the sieve step to quote::rule.
    void resolve(std::string_view text, std::vector<quote>& quotes);

    // Splits a noun phrase into the name it holds: titles, determiners,
    // appositions and possessives removed ("NATO Secretary General Jens
    // Stoltenberg" -> "Jens Stoltenberg"). Empty for pronouns and descriptions.
    // In the subject of a frame (`frame`), a name of two words or more after a
    // possessive is the speaker's ("the Zionist Union Party's Nachman Shai");
    // in a run of capitals anywhere it may be a place ("Univision's Los Angeles
    // affiliate").
    std::string name_of(std::string_view np, std::vector<std::string>* descriptors = nullptr,
                        bool frame = true) const;

    const std::vector<entity>& entities() const { return entities_; }

private:
    const entity* subject_since(std::string_view text, const std::vector<quote>& quotes, const entity* salient,
                                std::size_t since, std::size_t at, std::size_t pronoun, char gender) const;
    // An entity first seen at `at`: whether it is a person, and its gender.
    entity new_entity(const std::string& name, std::size_t at) const;
    std::string resolve_name(const std::string& name, std::size_t at);
    std::string resolve_description(std::string_view np) const;
    entity* find(const std::string& name);
    const entity* find_const(const std::string& name) const;

    const speaker_lexicon& words_;
    speaker_registry& registry_;
    std::vector<entity> entities_;
    // name_of's words, reused: the sieve runs on one thread per document
    mutable std::vector<std::string_view> words_buf_;
    // Words observe_name has seen (views into the document's text) and the
    // entity they name, or -1 for none; found by the words' hash.
    extract::offset_map observed_;
    std::vector<std::pair<std::string_view, std::size_t>> observed_words_;
};

}  // namespace quotetrace::attribute
