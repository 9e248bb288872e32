// Reading the project's YAML data files (lexicons, word lists, calibration)
// with one error vocabulary: every failure is a quotetrace::error whose id
// names the family and the kind ("lexicon.syntax") and whose text names the
// file and line. Private to the loaders; yaml-cpp stays behind them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace quotetrace::config {

[[noreturn]] void fail(const std::string& id, const std::filesystem::path& file, int line, const std::string& what);

// The file's root; `family` prefixes the ids: family.missing, family.syntax.
YAML::Node load(const std::filesystem::path& file, const std::string& family);
// The same, for a file whose root must be a mapping of sections (family.type otherwise).
YAML::Node load_map(const std::filesystem::path& file, const std::string& family);
// The same from the file's text, already read (`file` names it in messages).
YAML::Node load_map(const std::string& text, const std::filesystem::path& file, const std::string& family);

// A string, or lexicon.type naming `what`.
std::string scalar(const YAML::Node& n, const std::filesystem::path& file, const char* what);
// A list of strings (a single string counts as a list of one); nested lists,
// one line per verb's forms, are flattened.
std::vector<std::string> strings(const YAML::Node& n, const std::filesystem::path& file, const char* what);

}  // namespace quotetrace::config
