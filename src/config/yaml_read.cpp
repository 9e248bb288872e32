// The shared reading of YAML data files: loading, scalars and lists, errors
// that name the file and the line.
#include "yaml_read.hpp"

#include "quotetrace/error.hpp"

namespace quotetrace::config {

namespace fs = std::filesystem;

void fail(const std::string& id, const fs::path& file, int line, const std::string& what) {
    throw error(id, file.string() + (line >= 0 ? ":" + std::to_string(line + 1) : std::string()) + ": " + what);
}

YAML::Node load(const fs::path& file, const std::string& family) {
    if (!fs::exists(file)) fail(family + ".missing", file, -1, "file not found");
    try {
        return YAML::LoadFile(file.string());
    } catch (const YAML::Exception& e) {
        fail(family + ".syntax", file, e.mark.line, e.msg);
    }
}

namespace {

YAML::Node sections(YAML::Node n, const fs::path& file, const std::string& family) {
    if (!n.IsMap()) fail(family + ".type", file, n.Mark().line, "expected a mapping of sections at the top level");
    return n;
}

}  // namespace

YAML::Node load_map(const fs::path& file, const std::string& family) { return sections(load(file, family), file, family); }

YAML::Node load_map(const std::string& text, const fs::path& file, const std::string& family) {
    try {
        return sections(YAML::Load(text), file, family);
    } catch (const YAML::Exception& e) {
        fail(family + ".syntax", file, e.mark.line, e.msg);
    }
}

std::string scalar(const YAML::Node& n, const fs::path& file, const char* what) {
    if (!n.IsScalar()) fail("lexicon.type", file, n.Mark().line, std::string("expected a string for ") + what);
    return n.as<std::string>();
}

std::vector<std::string> strings(const YAML::Node& n, const fs::path& file, const char* what) {
    std::vector<std::string> out;
    if (!n) return out;
    if (n.IsScalar()) return {n.as<std::string>()};
    if (!n.IsSequence()) fail("lexicon.type", file, n.Mark().line, std::string("expected a list for ") + what);
    for (const auto& item : n) {
        if (item.IsSequence()) {
            for (const auto& s : item) out.push_back(scalar(s, file, what));
        } else {
            out.push_back(scalar(item, file, what));
        }
    }
    return out;
}

}  // namespace quotetrace::config
