// The report as Markdown: a section per statement, a table of its tellings,
// and each telling's drift (~~removed~~, **added**) from the fullest version.
#include <algorithm>
#include <ostream>

#include "quotetrace/report.hpp"

namespace quotetrace::report {
namespace {

// Text safe inside Markdown prose and table cells: every character Markdown
// could read as markup is backslash-escaped, line breaks (U+2028 and U+2029
// too) become spaces, other control characters U+FFFD.
std::string md(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    auto word_byte = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        // an underscore inside a word ("001_4cd5") is no emphasis
        if (c == '_' && i > 0 && i + 1 < s.size() && word_byte(s[i - 1]) && word_byte(s[i + 1])) {
            out += c;
            continue;
        }
        switch (c) {
            case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '|':
            case '~': case '#': case '!':
                out += '\\';
                out += c;
                break;
            case '\n': case '\r': case '\t': out += ' '; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    out += "\xEF\xBF\xBD";
                } else if (c == '\xE2' && (s.substr(i, 3) == "\xE2\x80\xA8" || s.substr(i, 3) == "\xE2\x80\xA9")) {
                    out += ' ';
                    i += 2;
                } else {
                    out += c;
                }
        }
    }
    return out;
}

std::string or_unknown(const std::string& date) { return date.empty() ? "unknown" : date; }
std::string outlet_or_none(const std::string& o) { return o.empty() ? "*no outlet named*" : md(o); }

std::string diff_text(const std::vector<word_change>& d) {
    std::string out;
    for (const auto& c : d) {
        if (!out.empty()) out += ' ';
        switch (c.what) {
            case word_change::op::same: out += md(c.words); break;
            case word_change::op::removed: out += "~~" + md(c.words) + "~~"; break;
            case word_change::op::added: out += "**" + md(c.words) + "**"; break;
        }
    }
    return out;
}

bool unchanged(const std::vector<word_change>& d) {
    for (const auto& c : d)
        if (c.what != word_change::op::same) return false;
    return true;
}

}  // namespace

void write_markdown(std::ostream& out, const document& r) {
    out << "# quotetrace report\n\n"
        << r.articles << " articles from " << r.outlets << " outlets; " << r.all_statements << " statements by "
        << r.speakers << " speakers";
    if (r.min_reports > 1)
        out << "; " << r.statements.size() << " of them reported by at least " << r.min_reports << " articles";
    out << ".\n";
    if (!r.unnamed.empty()) {
        out << "Articles that name no outlet:";
        for (std::size_t k = 0; k < r.unnamed.size(); ++k) out << (k ? ", " : " ") << md(r.unnamed[k]);
        out << ".\n";
    }
    for (const auto& s : r.statements) {
        std::size_t articles = 0;
        {
            std::vector<std::string> seen;
            for (const auto& t : s.tellings)
                if (std::find(seen.begin(), seen.end(), t.article) == seen.end()) seen.push_back(t.article);
            articles = seen.size();
        }
        out << "\n## " << s.id << " · " << (s.speaker.empty() ? "unknown speaker" : md(s.speaker)) << "\n\n";
        out << "- Reported in " << articles << (articles == 1 ? " article" : " articles") << ".\n";
        out << "- First report: ";
        if (s.first_published.empty()) {
            out << "unknown (no reporting article gives its date)";
        } else {
            out << s.first_published << ", ";
            for (std::size_t k = 0; k < s.first_reports.size(); ++k) {
                if (k) out << ", ";
                out << md(s.first_reports[k]);
                for (const auto& t : s.tellings)
                    if (t.article == s.first_reports[k]) {
                        out << " (" << outlet_or_none(t.outlet) << ")";
                        break;
                    }
            }
        }
        out << ".\n- Said: ";
        if (s.said.empty()) out << "no date given in the articles";
        else if (s.said.size() == 1) out << readable_date(s.said.front());
        else {
            out << "the articles disagree:";
            for (std::size_t k = 0; k < s.said.size(); ++k) {
                out << (k ? "; " : " ") << readable_date(s.said[k]) << " (";
                for (std::size_t a = 0; a < s.said_by[k].size(); ++a) out << (a ? ", " : "") << md(s.said_by[k][a]);
                out << ')';
            }
        }
        out << ".\n- Cited sources: ";
        if (s.cited.empty()) out << "none";
        for (std::size_t k = 0; k < s.cited.size(); ++k) out << (k ? ", " : "") << md(s.cited[k]);
        out << ".\n\n| published | outlet | article | said | kind | words |\n| --- | --- | --- | --- | --- | --- |\n";
        for (const auto& t : s.tellings)
            out << "| " << or_unknown(t.published) << " | " << outlet_or_none(t.outlet) << " | " << md(t.article)
                << " | " << readable_date(t.said) << " | " << to_string(t.kind) << " | “" << md(t.text)
                << "” |\n";
        if (s.tellings.size() > 1) {
            const telling* base = nullptr;
            for (const auto& t : s.tellings)
                if (t.base) base = &t;
            out << "\nWording against the fullest version (" << md(base->article) << ", "
                << outlet_or_none(base->outlet) << "):\n\n";
            for (const auto& t : s.tellings) {
                if (t.base) continue;
                out << "- " << md(t.article) << " (" << outlet_or_none(t.outlet) << "): ";
                out << (unchanged(t.diff) ? "the same words" : diff_text(t.diff)) << '\n';
            }
        }
    }
}

}  // namespace quotetrace::report
