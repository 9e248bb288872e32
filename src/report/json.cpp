// The report as one JSON document, fields in a fixed order.
#include <nlohmann/json.hpp>
#include <ostream>

#include "quotetrace/output.hpp"
#include "quotetrace/report.hpp"

namespace quotetrace::report {
namespace {

using json = nlohmann::ordered_json;

json nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

const char* op_name(word_change::op o) {
    switch (o) {
        case word_change::op::same: return "same";
        case word_change::op::added: return "added";
        case word_change::op::removed: return "removed";
    }
    return "same";
}

}  // namespace

void write_json(std::ostream& out, const document& r) {
    json doc;
    doc["articles"] = r.articles;
    doc["outlets"] = r.outlets;
    doc["speakers"] = r.speakers;
    doc["statements_in_store"] = r.all_statements;
    doc["min_reports"] = r.min_reports;
    doc["articles_without_outlet"] = r.unnamed;
    json statements = json::array();
    for (const auto& s : r.statements) {
        json st;
        st["id"] = s.id;
        st["speaker"] = nullable(s.speaker);
        st["said"] = s.said;
        st["said_disagree"] = s.said.size() > 1;
        st["said_by"] = s.said_by;
        st["first_published"] = nullable(s.first_published);
        st["first_reports"] = s.first_reports;
        st["cited"] = s.cited;
        json tellings = json::array();
        for (const auto& t : s.tellings) {
            json x;
            x["article"] = t.article;
            x["outlet"] = nullable(t.outlet);
            x["published"] = nullable(t.published);
            x["said"] = nullable(t.said);
            x["said_words"] = nullable(t.said_words);
            x["kind"] = to_string(t.kind);
            x["text"] = t.text;
            x["start"] = t.where.begin;
            x["end"] = t.where.end;
            x["cites"] = t.cites;
            x["base"] = t.base;
            json diff = json::array();
            for (const auto& c : t.diff) diff.push_back({{"op", op_name(c.what)}, {"words", c.words}});
            x["diff"] = std::move(diff);
            tellings.push_back(std::move(x));
        }
        st["tellings"] = std::move(tellings);
        statements.push_back(std::move(st));
    }
    doc["statements"] = std::move(statements);
    out << output::escape_line_separators(doc.dump(2, ' ', false, json::error_handler_t::replace)) << '\n';
}

}  // namespace quotetrace::report
