// What statement matching needs, loaded once per command: the canonical
// form's word lists, WordNet (without it, a warning and no synonyms) and the
// calibration.
#pragma once

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "quotetrace/error.hpp"
#include "quotetrace/match.hpp"

namespace quotetrace::cli {

// Whether the files under `paths` come to fewer than `limit` bytes (stdin
// counts as more): then WordNet is opened rather than read whole, as looking
// up the words of a few articles costs less than reading it.
inline bool few_bytes(const std::vector<std::string>& paths, std::uintmax_t limit = 2'000'000) {
    namespace fs = std::filesystem;
    std::uintmax_t total = 0;
    std::error_code ec;
    for (const auto& p : paths) {
        if (p == "-") return false;
        if (fs::is_directory(p, ec)) {
            for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                if (it->is_regular_file(ec)) total += it->file_size(ec);
                if (total >= limit) return false;
            }
        } else {
            total += fs::file_size(p, ec);
        }
        if (ec || total >= limit) return false;
    }
    return true;
}

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
