// Reads MSRP-format pair files: a header line, then
// Quality<TAB>id1<TAB>id2<TAB>string1<TAB>string2 per line.
#include <fstream>
#include <iostream>

#include "quotetrace/match.hpp"

namespace quotetrace::match {

void read_msrp(const std::string& path, const std::function<void(const msrp_pair&)>& on_pair,
               const diagnostic_sink& sink) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) throw error("input.unreadable", path + ": cannot open the pairs file");
        in = &file;
    }
    const std::string name = path == "-" ? "-" : path;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(*in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line_no == 1) continue;  // the header (with or without a BOM)
        if (line.empty()) continue;
        msrp_pair p;
        p.line = line_no;
        std::vector<std::string_view> cols;
        std::string_view rest(line);
        for (;;) {
            const auto tab = rest.find('\t');
            cols.push_back(rest.substr(0, tab));
            if (tab == std::string_view::npos) break;
            rest.remove_prefix(tab + 1);
        }
        if (cols.size() < 5) {
            sink({severity::warning, "msrp.malformed", name, 0, line_no,
                  "expected 5 tab-separated fields (Quality, id1, id2, string1, string2), found " +
                      std::to_string(cols.size())});
            on_pair(p);
            continue;
        }
        if (cols.size() > 5)
            sink({severity::warning, "msrp.extra_fields", name, 0, line_no,
                  "more than 5 fields: the extra ones are ignored"});
        p.ok = true;
        p.quality = cols[0] == "1" ? 1 : cols[0] == "0" ? 0 : -1;
        p.id1 = cols[1];
        p.id2 = cols[2];
        p.text1 = cols[3];
        p.text2 = cols[4];
        on_pair(p);
    }
}

}  // namespace quotetrace::match
