// Shared by the fuzz harnesses: the entry point libFuzzer (or the replay
// driver) calls, the project's data as the harnesses load it, and checks
// that end the run as a crash the fuzzer records when an invariant breaks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "quotetrace/document.hpp"
#include "quotetrace/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
// Loads what a harness needs once (WordNet, the lexicon) before the first
// input, so set-up time never counts against an input's timeout.
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace quotetrace::fuzz {

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void broken(const char* what, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    std::abort();
}

// Diagnostics are part of the behaviour under test, not of the output.
inline void ignore(const diagnostic&) {}

// Whether `s` is valid UTF-8 and parses as one JSON value. nlohmann's lexer
// takes a NUL byte for the end of its input; in JSON text it is an error.
inline bool valid_json(std::string_view s) {
    return s.find('\0') == std::string_view::npos && nlohmann::json::accept(s);
}

// Every anchor of a document maps into the source it came from, in order.
bool anchors_sound(const document& doc, std::size_t source_size);

// Whether `s` is well-formed UTF-8.
bool valid_utf8(std::string_view s);

}  // namespace quotetrace::fuzz

#define QT_FUZZ_REQUIRE(cond) ((cond) ? void(0) : ::quotetrace::fuzz::broken(#cond, __FILE__, __LINE__))
