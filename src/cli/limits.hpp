// The limits every command that reads articles takes: document size, quote
// length, nesting of quote marks and of HTML, with their safe defaults.
#pragma once

#include <cstddef>
#include <iostream>

#include <CLI/CLI.hpp>

#include "quotetrace/error.hpp"
#include "quotetrace/extract.hpp"
#include "quotetrace/ingest.hpp"

namespace quotetrace::cli {

struct limits {
    ingest::options read;
    extract_options extract;
    std::size_t met = 0;  // limits met by quotes in this run (warnings printed)

    void add_options(CLI::App* cmd) {
        cmd->add_option("--max-document-bytes", read.max_document_bytes,
                        "read at most N bytes of a document; the rest is cut with a warning (64 MiB)")
            ->check(CLI::PositiveNumber);
        cmd->add_option("--max-html-depth", read.max_html_depth,
                        "flatten pages nested deeper than N elements, with a warning (2000, the most)")
            ->check(CLI::Range(std::size_t{1}, read.max_html_depth));
        cmd->add_option("--max-quote-bytes", extract.max_quote_bytes,
                        "leave out quotes longer than N bytes, with a warning (16384)")
            ->check(CLI::PositiveNumber);
        cmd->add_option("--max-quotes", extract.max_quotes,
                        "stop searching a document after N quotes, with a warning (100000)")
            ->check(CLI::PositiveNumber);
        cmd->add_option("--max-quote-depth", extract.max_quote_depth,
                        "read quote marks nested deeper than N as text, with a warning (64)")
            ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
    }

    // The extraction options, printing each limit a document meets and
    // counting it.
    extract_options extraction() {
        extract_options o = extract;
        o.diag = [this](const diagnostic& d) {
            ++met;
            std::cerr << format(d) << '\n';
        };
        return o;
    }
};

}  // namespace quotetrace::cli
