// Writes the precompiled word lists and calibration a one-question command
// reads instead of their YAML (src/match/data.cpp): match_cache GRAMMAR_DIR
// CALIBRATION WORD_LISTS_OUT CALIBRATION_OUT.
#include <iostream>

#include "quotetrace/error.hpp"
#include "src/match/data.hpp"

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: match_cache GRAMMAR_DIR CALIBRATION WORD_LISTS_OUT CALIBRATION_OUT\n";
        return 2;
    }
    try {
        quotetrace::match::detail::write_word_lists_cache(argv[1], argv[3]);
        quotetrace::match::detail::write_calibration_cache(argv[2], argv[4]);
    } catch (const quotetrace::error& e) {
        std::cerr << "match_cache: error [" << e.id() << "] " << e.what() << '\n';
        return 3;
    }
    return 0;
}
