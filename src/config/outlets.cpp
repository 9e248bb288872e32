// Loads the outlet gazetteer (grammars/<language>/outlets.yaml); the only file
// that sees yaml-cpp types for it.
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "quotetrace/provenance.hpp"
#include "yaml_read.hpp"

namespace quotetrace::provenance {

std::vector<outlet_entry> load_outlets(const std::string& dir) {
    namespace fs = std::filesystem;
    const fs::path file = fs::path(dir) / "outlets.yaml";
    const auto root = config::load(file, "lexicon");
    if (!root.IsSequence()) config::fail("lexicon.type", file, root.Mark().line, "expected a list of outlets");
    std::vector<outlet_entry> out;
    for (const auto& e : root) {
        if (!e.IsMap() || !e["name"]) config::fail("lexicon.type", file, e.Mark().line, "outlet needs a name");
        outlet_entry o;
        o.name = config::scalar(e["name"], file, "name");
        o.aliases = config::strings(e["aliases"], file, "aliases");
        o.domains = config::strings(e["domains"], file, "domains");
        if (e["country"]) o.country = config::scalar(e["country"], file, "country");
        if (const auto a = e["agency"]) {
            const std::string v = config::scalar(a, file, "agency");
            if (v != "true" && v != "false") config::fail("lexicon.type", file, a.Mark().line, "agency is true or false");
            o.agency = v == "true";
        }
        out.push_back(std::move(o));
    }
    if (out.empty()) config::fail("lexicon.empty", file, -1, "no outlets");
    return out;
}

}  // namespace quotetrace::provenance
