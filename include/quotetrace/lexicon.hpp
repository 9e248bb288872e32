// The language of quoting as data: speech verbs, titles and roles, pronouns,
// quote-mark pairs, furniture lines and known people. Loaded from YAML under
// grammars/<language>/ at start-up, so adding a verb needs no rebuild.
#pragma once

#include <string>
#include <vector>

namespace quotetrace {

struct person_entry {
    std::string name;                  // canonical: "Jens Stoltenberg"
    std::vector<std::string> aliases;  // "Stoltenberg", "the NATO chief", ...
    std::string type = "person";       // person | organisation | outlet
};

struct lexicon {
    // Speech verbs in every inflection the text may use ("said", "says", "saying").
    std::vector<std::string> speech_verbs;
    // Verbs whose subject reports speech only with a clause after them
    // ("believes", "thinks"): used for indirect speech, never for quotes.
    std::vector<std::string> clause_verbs;
    // Cue words that are nouns too ("attack", "remarks"): cues only after a
    // name or a pronoun.
    std::vector<std::string> also_nouns;
    // Honorifics and titles stripped from names ("Mr.", "Secretary General").
    std::vector<std::string> titles;
    // Role nouns heading a description ("chief", "spokesman", "leader").
    std::vector<std::string> roles;
    // Subject pronouns with their gender: "he" -> "m", "she" -> "f", "they" -> "p".
    std::vector<std::pair<std::string, std::string>> pronouns;
    // Opening and closing mark of each pair, as UTF-8.
    std::vector<std::pair<std::string, std::string>> quote_marks;
    // Lines (case-insensitive, whole line) that are page furniture, and lines
    // that open a furniture section ("Related Stories").
    std::vector<std::string> furniture_lines;
    std::vector<std::string> furniture_sections;
    // Substrings that mark a whole line as furniture ("all rights reserved").
    std::vector<std::string> furniture_patterns;
    // Capitalised words that never belong to a name ("But", "Meanwhile") and
    // adverbs allowed between a speaker and the verb ("also", "on Monday").
    std::vector<std::string> not_names;
    std::vector<std::string> adverbs;
    // Given names of a man or of a woman in nearly every use ("Hillary",
    // "Donald"), so that "she" and "he" find a speaker of their gender.
    std::vector<std::string> female_names;
    std::vector<std::string> male_names;
    // Known people and organisations, with aliases and descriptions.
    std::vector<person_entry> gazetteer;
};

// Reads grammars/<language>/ (files speech_verbs.yaml, titles.yaml,
// pronouns.yaml, quote_marks.yaml, furniture.yaml, function_words.yaml,
// first_names.yaml, gazetteer.yaml).
// Throws quotetrace::error with id "lexicon.*" naming the file and line.
lexicon load_lexicon(const std::string& dir);

// The grammars directory: $QUOTETRACE_GRAMMARS, else the one beside the
// binary's source tree, else the installed one.
std::string default_grammar_dir();

}  // namespace quotetrace
