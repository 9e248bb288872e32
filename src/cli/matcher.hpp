// What statement matching needs, loaded once per command: the canonical
// form's word lists, WordNet (without it, a warning and no synonyms) and the
// calibration.
#pragma once

#include <iostream>
#include <memory>
#include <string>

#include "quotetrace/error.hpp"
#include "quotetrace/match.hpp"

namespace quotetrace::cli {

struct matcher_setup {
    std::string grammar_dir, calibration, wordnet_dir;
    // look words up in WordNet's files on demand instead of loading them
    // whole: for a few comparisons (one who-said question), not a corpus
    bool open_wordnet = false;
};

class matcher {
public:
    explicit matcher(const matcher_setup& s) : canon_(s.grammar_dir) {
        try {
            wn_ = s.open_wordnet ? match::wordnet::open(s.wordnet_dir) : match::wordnet::load(s.wordnet_dir);
        } catch (const quotetrace::error& e) {
            std::cerr << "quotetrace: warning [" << e.id() << "] " << e.what() << " (similarity without synonyms)\n";
        }
        sim_ = std::make_unique<match::similarity>(canon_, wn_, match::calibration::load(s.calibration));
    }
    const match::similarity& sim() const { return *sim_; }

private:
    match::canonicalizer canon_;
    match::wordnet wn_;
    std::unique_ptr<match::similarity> sim_;
};

}  // namespace quotetrace::cli
