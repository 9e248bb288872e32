// The store and provenance subcommands: ingest, check, report, dot, who-said.
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "matcher.hpp"

namespace quotetrace::cli {

class provenance_commands {
public:
    // Adds the subcommands to `app`; `setup` is read when one runs, after
    // parsing; `matching_options` adds --calibration and --wordnet.
    provenance_commands(CLI::App& app, const std::string& grammar_dir, const matcher_setup& setup,
                        const std::function<void(CLI::App*)>& matching_options);
    ~provenance_commands();

    // Runs the subcommand that was parsed and sets its exit status; false
    // when none of these was parsed.
    bool run(int& status);

    struct state;

private:
    std::unique_ptr<state> s_;
};

}  // namespace quotetrace::cli
