// The report as one self-contained HTML page: inline style and script, no
// network. A timeline of reports by publication date, then per statement its
// tellings with the words that differ from the fullest version marked.
#include <map>
#include <ostream>
#include <set>

#include "quotetrace/report.hpp"

namespace quotetrace::report {
namespace {

// Text safe in HTML content and attribute values: markup characters as
// references, control characters (which HTML does not allow raw) as U+FFFD,
// U+2028 and U+2029 as references.
std::string h(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\n': case '\r': case '\t': out += c; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    out += "\xEF\xBF\xBD";
                } else if (c == '\xE2' && s.substr(i, 3) == "\xE2\x80\xA8") {
                    out += "&#x2028;";
                    i += 2;
                } else if (c == '\xE2' && s.substr(i, 3) == "\xE2\x80\xA9") {
                    out += "&#x2029;";
                    i += 2;
                } else {
                    out += c;
                }
        }
    }
    return out;
}

std::string outlet_or_none(const std::string& o) {
    return o.empty() ? std::string("<span class=\"none\">no outlet named</span>") : h(o);
}

constexpr const char* style = R"css(
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d232b}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2.2rem;border-bottom:1px solid #ccd3db}
.summary{color:#4a5663}.none{color:#8a6d1d;font-style:italic}
.timeline{list-style:none;padding-left:0;border-left:3px solid #5b7ea6;margin-left:.6rem}
.timeline>li{position:relative;padding:.15rem 0 .6rem 1.2rem}
.timeline>li::before{content:"";position:absolute;left:-.55rem;top:.45rem;width:.7rem;height:.7rem;border-radius:50%;background:#5b7ea6}
.timeline .date{font-weight:600;margin-right:.5rem}
.chip{display:inline-block;margin:.1rem .25rem;padding:0 .45rem;border-radius:.6rem;background:#e8eef5;font-size:.85rem}
.chip a{color:inherit;text-decoration:none}
table{border-collapse:collapse;width:100%;margin:.6rem 0}
td,th{border:1px solid #d5dbe2;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#f1f4f7}tr.base td{background:#f6fbf3}
del{background:#fbd5d5;color:#7a1f1f;text-decoration:line-through}
ins{background:#cdeccf;color:#1d5a23;text-decoration:none}
.facts{margin:.3rem 0;padding-left:1.2rem}.disagree{color:#a33;font-weight:600}
)css";

// Fills the line under the title from what the page holds, so a reader (or a
// test in a browser) sees the document was laid out and scripted.
constexpr const char* script = R"js(
document.addEventListener('DOMContentLoaded',function(){
  var s=document.querySelectorAll('section.statement').length;
  var t=document.querySelectorAll('tr.telling').length;
  var d=document.querySelectorAll('del,ins').length;
  document.getElementById('shown').textContent=s+' statements, '+t+' tellings, '+d+' marked differences shown';
});
)js";

void diff_html(std::ostream& out, const std::vector<word_change>& d) {
    bool first = true;
    for (const auto& c : d) {
        if (!first) out << ' ';
        first = false;
        switch (c.what) {
            case word_change::op::same: out << h(c.words); break;
            case word_change::op::removed: out << "<del>" << h(c.words) << "</del>"; break;
            case word_change::op::added: out << "<ins>" << h(c.words) << "</ins>"; break;
        }
    }
}

}  // namespace

void write_html(std::ostream& out, const document& r) {
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>quotetrace report</title>\n<style>" << style << "</style>\n<script>" << script
        << "</script>\n</head>\n<body>\n<h1>quotetrace report</h1>\n<p class=\"summary\">" << r.articles
        << " articles from " << r.outlets << " outlets; " << r.all_statements << " statements by " << r.speakers
        << " speakers";
    if (r.min_reports > 1)
        out << "; " << r.statements.size() << " of them reported by at least " << r.min_reports << " articles";
    out << ". <span id=\"shown\"></span></p>\n";
    if (!r.unnamed.empty()) {
        out << "<p>Articles that name no outlet:";
        for (std::size_t k = 0; k < r.unnamed.size(); ++k) out << (k ? ", " : " ") << h(r.unnamed[k]);
        out << ".</p>\n";
    }
    // timeline: publication date -> (statement, outlet) chips
    std::map<std::string, std::set<std::pair<std::string, std::string>>> days;
    for (const auto& s : r.statements)
        for (const auto& t : s.tellings)
            days[t.published.empty() ? "~" : t.published].insert({s.id, t.outlet.empty() ? t.article : t.outlet});
    out << "<h2>Timeline of reports</h2>\n<ol class=\"timeline\">\n";
    for (const auto& [day, chips] : days) {
        out << "<li><span class=\"date\">" << (day == "~" ? "date unknown" : h(day)) << "</span>";
        for (const auto& [id, where] : chips)
            out << "<span class=\"chip\"><a href=\"#" << h(id) << "\">" << h(id) << "</a> · " << h(where) << "</span>";
        out << "</li>\n";
    }
    out << "</ol>\n";
    for (const auto& s : r.statements) {
        out << "<section class=\"statement\" id=\"" << h(s.id) << "\">\n<h2>" << h(s.id) << " · "
            << (s.speaker.empty() ? std::string("unknown speaker") : h(s.speaker)) << "</h2>\n<ul class=\"facts\">\n";
        out << "<li>First report: ";
        if (s.first_published.empty()) out << "unknown (no reporting article gives its date)";
        else {
            out << h(s.first_published) << ", ";
            for (std::size_t k = 0; k < s.first_reports.size(); ++k) out << (k ? ", " : "") << h(s.first_reports[k]);
        }
        out << "</li>\n<li>Said: ";
        if (s.said.empty()) out << "no date given in the articles";
        else if (s.said.size() == 1) out << h(readable_date(s.said.front()));
        else {
            out << "<span class=\"disagree\">the articles disagree:</span>";
            for (std::size_t k = 0; k < s.said.size(); ++k) {
                out << (k ? "; " : " ") << h(readable_date(s.said[k])) << " (";
                for (std::size_t a = 0; a < s.said_by[k].size(); ++a) out << (a ? ", " : "") << h(s.said_by[k][a]);
                out << ')';
            }
        }
        out << "</li>\n<li>Cited sources: ";
        if (s.cited.empty()) out << "none";
        for (std::size_t k = 0; k < s.cited.size(); ++k) out << (k ? ", " : "") << h(s.cited[k]);
        out << "</li>\n</ul>\n<table>\n<tr><th>published</th><th>outlet</th><th>article</th><th>said</th>"
            << "<th>kind</th><th>words (against the fullest version)</th></tr>\n";
        for (const auto& t : s.tellings) {
            out << "<tr class=\"telling" << (t.base ? " base" : "") << "\"><td>"
                << (t.published.empty() ? std::string("unknown") : h(t.published)) << "</td><td>"
                << outlet_or_none(t.outlet) << "</td><td>" << h(t.article) << "</td><td>" << h(readable_date(t.said)) << "</td><td>"
                << to_string(t.kind) << "</td><td>";
            if (t.base) out << "“" << h(t.text) << "” <em>(fullest version)</em>";
            else {
                out << "“";
                diff_html(out, t.diff);
                out << "”";
            }
            out << "</td></tr>\n";
        }
        out << "</table>\n</section>\n";
    }
    out << "</body>\n</html>\n";
}

}  // namespace quotetrace::report
