// The one error vocabulary: diagnostics for problems in the data, `error` for
// problems in the set-up. Both carry a stable id users can search for.
#pragma once

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>

namespace quotetrace {

enum class severity { note, warning, error };

// A problem found in one input. The run goes on; the caller decides how to
// report it. `offset` is a byte offset into the named input (or a line number
// when `line` is set), so the message can point at the place.
//   diagnostic{severity::warning, "utf8.invalid", "a.txt", 17, 0, "invalid UTF-8 repaired"}
struct diagnostic {
    severity level = severity::warning;
    std::string code;     // stable id, e.g. "utf8.invalid", "jsonl.malformed"
    std::string input;    // file name, "-" for stdin, or "file:line" for a JSONL record
    std::size_t offset = 0;
    std::size_t line = 0; // 1-based line number where that is the natural place, else 0
    std::string message;
};

// Receives diagnostics as they happen. Never null inside the library: callers
// that do not care pass a sink that drops them.
using diagnostic_sink = std::function<void(const diagnostic&)>;

// Formats `input:line: warning [code] message` (or `input@offset:` when no line).
std::string format(const diagnostic& d);

// A set-up problem (bad lexicon YAML, unreadable configuration). Thrown by the
// library, caught in main and mapped to an exit code; `id` is stable.
class error : public std::runtime_error {
public:
    error(std::string id, const std::string& what)
        : std::runtime_error(what), id_(std::move(id)) {}
    const std::string& id() const noexcept { return id_; }

private:
    std::string id_;
};

}  // namespace quotetrace
