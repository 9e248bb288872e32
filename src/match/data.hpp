// The word lists of the canonical form as read from YAML (grammars/<lang>/
// spelling.yaml, stopwords.yaml, speech_verbs.yaml): plain data, no rules.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace quotetrace::match::detail {

using string_pairs = std::vector<std::pair<std::string, std::string>>;

struct word_lists {
    // spelling.yaml
    string_pairs spelling_pairs;            // British -> American, exact forms
    std::vector<std::string> our_or;        // "colour": -our words whose -or spelling is American
    std::vector<std::string> ise_ize;       // "organise"
    std::vector<std::string> yse_yze;       // "analyse"
    std::vector<std::string> re_er;         // "centre"
    std::vector<std::string> ence_ense;     // "defence"
    std::vector<std::string> doubled_l;     // "travel": travelled -> traveled
    string_pairs numbers;                   // "three" -> "3"
    string_pairs names;                     // "Republic of Korea" -> "South Korea": one name, other words
    // stopwords.yaml
    std::vector<std::string> stop;
    string_pairs fold;                      // "i" -> "he", "has" -> "have"
    std::vector<std::string> negations;     // "not", "never"
    std::vector<std::string> abbreviations; // words a dot follows without ending the sentence ("mr", "gen")
    // speech_verbs.yaml: every form of every verb of saying, and the forms
    // that are nouns too (never frame verbs: "states", "reports")
    std::vector<std::string> speech_verbs;
    std::vector<std::string> also_nouns;
};

// Throws quotetrace::error ("lexicon.missing", "lexicon.syntax",
// "lexicon.type") naming the file and line.
// Reads the build's precompiled form of the three files instead when it was
// made from the same bytes (data.cpp).
word_lists load_word_lists(const std::string& grammar_dir);

// The precompiled forms the build writes (tools/match_cache): the word lists
// of grammar_dir, the calibration at calibration_path, each with the bytes of
// the YAML it was read from. Throw quotetrace::error as the loaders do, or
// "cache.write".
void write_word_lists_cache(const std::string& grammar_dir, const std::string& file);
void write_calibration_cache(const std::string& calibration_path, const std::string& file);

}  // namespace quotetrace::match::detail
