// Shared by the unit tests: the project's lexicon, loaded once, and a
// temporary folder of files written by a test.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "quotetrace/lexicon.hpp"

namespace quotetrace::test {

// A fresh folder under the system's temporary directory, removed afterwards.
class temp_dir {
public:
    explicit temp_dir(const std::string& prefix) {
        static int n = 0;
        dir_ = std::filesystem::temp_directory_path() /
               (prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    void write(const std::string& file, const std::string& text) const {
        std::ofstream out(dir_ / file, std::ios::binary | std::ios::trunc);
        out << text;
    }
    void remove(const std::string& file) const { std::filesystem::remove(dir_ / file); }
    std::string dir() const { return dir_.string(); }
    const std::filesystem::path& path() const { return dir_; }

private:
    std::filesystem::path dir_;
};

inline const lexicon& english() {
    static const lexicon lex = load_lexicon(QUOTETRACE_SOURCE_GRAMMARS "/en");
    return lex;
}

}  // namespace quotetrace::test

#include "quotetrace/match.hpp"

namespace quotetrace::test {

// The similarity statement matching uses, with the project's word lists and
// calibration (and WordNet when it is installed), built once.
struct matching {
    match::canonicalizer canon{QUOTETRACE_SOURCE_GRAMMARS "/en"};
    match::wordnet wn;
    match::similarity sim;
    matching() : wn(load()), sim(canon, wn, match::calibration::load(QUOTETRACE_SOURCE_GRAMMARS "/../data/similarity.yaml")) {}
    static match::wordnet load() {
        try {
            return match::wordnet::load(match::wordnet::default_dir());
        } catch (const error&) {
            return {};
        }
    }
};

inline const matching& matcher() {
    static const matching m;
    return m;
}

}  // namespace quotetrace::test
