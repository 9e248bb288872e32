// Who published a document: metadata first, then what the text says of
// itself, strongest first: a byline ("By IANS"), a copyright line
// ("© The Asia Business Daily"), a source line ("Source: Xinhua"), an agency
// credit ("Washington, June 19 (IANS/DPA)", "... (Yonhap)"), and last the
// web domain of its URL (a page may carry another outlet's article).
// Photo credits ("AP-Yonhap" ending a caption, "[Photo by AP News]") name
// whose picture it is, never the outlet.
#include <algorithm>

#include "internal.hpp"

namespace quotetrace::provenance {
namespace {

struct found {
    std::size_t outlet;
    span where;
    const char* rule;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool contains_photo(std::string_view s) {
    return s.find("Photo") != std::string_view::npos || s.find("photo") != std::string_view::npos;
}

// The outlets a credit names when every part of it is one: "IANS/DPA",
// "AP-Yonhap", "Reuters, AFP". Offsets are in `t`; `b` is where `s` starts.
std::vector<found> credit_parts(const gazetteer& g, std::size_t b, std::string_view s, const char* rule) {
    std::vector<found> out;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = std::min(s.find_first_of("/-,&", i), s.size());
        std::string_view part = trim(s.substr(i, j - i));
        if (part.starts_with("and ")) part = trim(part.substr(4));
        if (part.empty()) {
            i = j + 1;
            continue;
        }
        auto k = g.named(part);
        if (!k && j < s.size() && s[j] == '-') {
            // "ITAR-TASS", "Agence France-Presse": one name across its hyphen
            const std::size_t next = std::min(s.find_first_of("/,&", j + 1), s.size());
            const std::string_view whole = trim(s.substr(i, next - i));
            if ((k = g.named(whole))) part = whole, j = next;
        }
        if (!k) return {};
        const std::size_t at = static_cast<std::size_t>(part.data() - s.data());
        out.push_back({*k, {b + at, b + at + part.size()}, rule});
        i = j + 1;
    }
    return out;
}

struct evidence_found {
    std::vector<found> byline, copyright, source, credits, photos;
};

void read_line(const gazetteer& g, std::string_view t, const line& l, evidence_found& ev) {
    const std::string_view s = l.where.in(t);
    const std::size_t b = l.where.begin;
    auto first_in = [&](std::size_t from, std::size_t to, const char* rule, std::vector<found>& into) {
        if (auto m = g.first(t, from, to)) {
            into.push_back({m->outlet, m->where, rule});
            return true;
        }
        return false;
    };
    // (IANS/DPA), (Yonhap), [Photo by AP News], (AP Photo/Evan Vucci)
    for (std::size_t o = 0; o < s.size(); ++o) {
        if (s[o] != '(' && s[o] != '[') continue;
        const char close = s[o] == '(' ? ')' : ']';
        const std::size_t e = s.find(close, o + 1);
        if (e == std::string_view::npos || e - o > 60) continue;
        const std::string_view inside = s.substr(o + 1, e - o - 1);
        if (contains_photo(inside)) {
            first_in(b + o + 1, b + e, "photo-credit", ev.photos);
            continue;
        }
        if (close == ']') continue;  // "[NYT]" after a link names its source, not this article's
        // a Korean credit names the place first: "(서울=연합뉴스)"
        const std::size_t eq = inside.rfind('=');
        const std::size_t from = eq == std::string_view::npos ? 0 : eq + 1;
        auto parts = credit_parts(g, b + o + 1 + from, inside.substr(from), "credit");
        ev.credits.insert(ev.credits.end(), parts.begin(), parts.end());
    }
    // the rest stands on lines of its own, not at the edge of a paragraph
    if (!l.whole) return;
    // a credit line closing the story: "— The Associated Press", "-- AFP"
    if (l.where.end + tail_bytes >= t.size() && l.where.begin > 0 && s.size() < 60) {
        std::string_view rest = trim(s);
        bool dashed = false;
        for (;;) {
            if (rest.starts_with("-")) rest.remove_prefix(1);
            else if (rest.starts_with("\xE2\x80\x94") || rest.starts_with("\xE2\x80\x93")) rest.remove_prefix(3);
            else break;
            dashed = true;
            rest = trim(rest);
        }
        if (const auto k = dashed ? g.named(rest) : std::nullopt) {
            const std::size_t at = static_cast<std::size_t>(rest.data() - t.data());
            ev.credits.push_back({*k, {at, at + rest.size()}, "credit"});
        }
    }
    // By IANS | Updated: ...; By Jane Doe, Reuters
    if (word_at(t, b, l.where.end, "by") && s.size() < 200) first_in(b + 2, l.where.end, "byline", ev.byline);
    // © The Asia Business Daily(www.asiae.co.kr). All rights reserved.
    std::size_t c = s.find("\xC2\xA9");
    if (c == std::string_view::npos && (word_at(t, b, l.where.end, "copyright"))) c = 0;
    if (c != std::string_view::npos) {
        std::size_t from = b + c;
        while (from < l.where.end && !text::starts_upper(t, from)) ++from;
        if (!first_in(from, l.where.end, "copyright", ev.copyright)) {
            // a web domain in the line: "© 2024 www.asiae.co.kr"
            for (std::size_t w = s.find('.', c); w != std::string_view::npos; w = s.find('.', w + 1)) {
                std::size_t a = w, e = w;
                while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '(') --a;
                while (e < s.size() && s[e] != ' ' && s[e] != ')') ++e;
                if (auto k = g.domain(s.substr(a, e - a))) {
                    ev.copyright.push_back({*k, {b + a, b + e}, "copyright"});
                    break;
                }
                w = e;
            }
        }
    }
    // Source: Xinhua; 来源：新华社
    for (std::string_view label : {"Source:", "SOURCE:", "Source :", "\xE6\x9D\xA5\xE6\xBA\x90\xEF\xBC\x9A",
                                   "\xE6\x9D\xA5\xE6\xBA\x90:"}) {
        if (s.starts_with(label)) first_in(b + label.size(), l.where.end, "source-line", ev.source);
    }
    // a caption ending in its credit: "... after meeting with President Joe Biden. AP-Yonhap"
    if (l.kind != region_kind::boilerplate) {
        const std::string_view whole = trim(s);
        const std::size_t sp = whole.find_last_of(' ');
        if (sp != std::string_view::npos && sp > 0 && whole[sp - 1] == '.') {
            const std::string_view last = whole.substr(sp + 1);
            auto parts = credit_parts(g, b + static_cast<std::size_t>(whole.data() - s.data()) + sp + 1, last, "photo-credit");
            ev.photos.insert(ev.photos.end(), parts.begin(), parts.end());
        }
    }
    // Photo by Reuters, Photo: AFP
    for (std::size_t p = s.find("Photo"); p != std::string_view::npos; p = s.find("Photo", p + 5)) {
        if (p > 0 && s[p - 1] == '[') continue;  // read with the brackets above
        const std::string_view rest = s.substr(p + 5);
        const std::size_t skip = rest.starts_with(" by ") ? 4 : rest.starts_with(": ") || rest.starts_with("/") ? 2 : 0;
        if (!skip) continue;
        if (auto m = g.at(t, b + p + 5 + (rest[0] == '/' ? 1 : skip), l.where.end))
            ev.photos.push_back({m->outlet, m->where, "photo-credit"});
    }
}

}  // namespace

void find_outlet(const gazetteer& g, const document& doc, const std::vector<line>& lines, facts& f) {
    const std::string_view t = doc.text;
    evidence_found ev;
    for (const auto& l : lines) read_line(g, t, l, ev);

    auto name = [&](std::size_t k) { return g[k].name; };
    if (doc.meta.outlet.known()) {
        const auto k = g.lookup(doc.meta.outlet.value);
        f.outlet = evidence{k ? name(*k) : doc.meta.outlet.value, {}, doc.meta.outlet.from, "metadata"};
    } else {
        for (const auto* list : {&ev.byline, &ev.copyright, &ev.source, &ev.credits}) {
            if (list->empty()) continue;
            const found& x = list->front();
            f.outlet = evidence{name(x.outlet), x.where, origin::text, x.rule};
            break;
        }
        if (!f.outlet && doc.meta.url.known()) {
            if (const auto k = g.domain(doc.meta.url.value))
                f.outlet = evidence{name(*k), {}, doc.meta.url.from, "gazetteer-domain"};
        }
    }

    auto add_credit = [&](const found& x) {
        const std::string n = name(x.outlet);
        if (std::none_of(f.credits.begin(), f.credits.end(), [&](const evidence& e) { return e.value == n; }))
            f.credits.push_back({n, x.where, origin::text, x.rule});
    };
    for (const auto& x : ev.byline)
        if (g[x.outlet].agency) add_credit(x);
    for (const auto& x : ev.credits) add_credit(x);
    for (const auto* list : {&ev.credits, &ev.photos})
        for (const auto& x : *list) f.citations.push_back({name(x.outlet), x.where, x.rule});
}

}  // namespace quotetrace::provenance
