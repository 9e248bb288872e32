// The publication date. Evidence in order of trust:
//   1. metadata (JSONL field, sidecar, manifest, the page's own meta tags);
//   2. a "Published:" / "Posted:" / "입력" line;
//   3. the dateline ("Washington, June 19 (IANS/DPA)"), the date the agency
//      filed the story, its year taken from the metadata or another full date
//      of the page ("Updated: June 19, 2024");
//   4. an "Updated:" line (an update may come later than publication);
//   5. a date stamp near the top ("2024-06-18 09:00" under the headline);
//   6. a portal's page stamp ("发布时间:2024-10-19"). A portal that re-posts
//      an article stamps the day it put the page up, so its stamp is trusted
//      only when the text does not say otherwise: a date stamp or a dated
//      mention in the page ("June 17" in a caption) more than a week before
//      it shows the article is older. Then the latest such stamp no later
//      than the page stamp is the best evidence of the article's own date
//      (an article carries only stamps of its own time or earlier), and
//      without one the date stays unknown.
#include <algorithm>
#include <array>

#include "dates.hpp"
#include "internal.hpp"

namespace quotetrace::provenance {
namespace {

enum class label { published, updated, page };

struct labelled {
    dates::hit h;
    label kind;
};

struct label_word {
    std::string_view word;  // lower-case ASCII, or UTF-8 as written
    label kind;
};

constexpr std::array<label_word, 13> labels = {{
    {"first published", label::published},
    {"published", label::published},
    {"posted", label::published},
    {"last updated", label::updated},
    {"updated", label::updated},
    {"modified", label::updated},
    {"\xEA\xB8\xB0\xEC\x82\xAC\xEC\x9E\x85\xEB\xA0\xA5", label::published},  // 기사입력
    {"\xEC\x9E\x85\xEB\xA0\xA5", label::published},                          // 입력
    {"\xEC\x88\x98\xEC\xA0\x95", label::updated},                            // 수정
    {"\xE6\x9B\xB4\xE6\x96\xB0\xE6\x97\xB6\xE9\x97\xB4", label::updated},    // 更新时间
    {"\xE5\x8F\x91\xE5\xB8\x83\xE6\x97\xB6\xE9\x97\xB4", label::page},       // 发布时间
    {"\xE5\x8F\x91\xE5\xB8\x83\xE6\x97\xA5\xE6\x9C\x9F", label::page},       // 发布日期
    {"\xE5\x8F\x91\xE8\xA1\xA8\xE6\x97\xB6\xE9\x97\xB4", label::page},       // 发表时间
}};

// The full date right after a label: "Updated: June 19, 2024 06:35 IST",
// "发布时间:2024-10-19", "Published on 2024.10.19".
std::optional<dates::hit> date_after(std::string_view t, std::size_t i, std::size_t end) {
    const std::size_t stop = std::min(end, i + 24);
    while (i < stop) {
        if (t[i] == ' ' || t[i] == ':' || t[i] == '-' || t[i] == '|') { ++i; continue; }
        if (t.compare(i, 3, "\xEF\xBC\x9A") == 0) { i += 3; continue; }  // full-width colon
        if (word_at(t, i, end, "on") || word_at(t, i, end, "at")) { i += 2; continue; }
        break;
    }
    auto h = dates::absolute_at(t, i, end);
    if (h && h->kind == dates::form::full) return h;
    return std::nullopt;
}

}  // namespace

// "Washington, June 19 (IANS/DPA) ...", "SEOUL, June 18 (Yonhap) --": a
// place of up to five capitalised words, a comma, a date, then a credit or a dash.
std::optional<dates::hit> dateline(std::string_view t, span l) {
    std::size_t i = l.begin;
    const std::size_t end = std::min(l.end, l.begin + 80);
    for (int words = 0; words < 5; ++words) {
        if (!text::starts_upper(t, i)) return std::nullopt;
        while (i < end && t[i] != ' ' && t[i] != ',') ++i;
        if (i < end && t[i] == ',') break;
        if (i >= end) return std::nullopt;
        ++i;
    }
    if (i >= end || t[i] != ',') return std::nullopt;
    std::size_t d = text::skip_spaces(t, i + 1, end);
    auto h = dates::absolute_at(t, d, end);
    if (!h && text::starts_upper(t, d)) {
        // the place's state or country after it: "FLINT, Mich., Oct. 4 (UPI)"
        const std::size_t comma = t.find(',', d);
        if (comma < end && comma - d <= 16) {
            d = text::skip_spaces(t, comma + 1, end);
            h = dates::absolute_at(t, d, end);
        }
    }
    if (!h || (h->kind != dates::form::full && h->kind != dates::form::month_day)) return std::nullopt;
    const std::size_t after = text::skip_spaces(t, h->where.end, end);
    if (after < end && t[after] != '(' && t[after] != '-' && t[after] != ':' &&
        t.compare(after, 3, "\xE2\x80\x94") != 0 && t.compare(after, 3, "\xE2\x80\x93") != 0)
        return std::nullopt;
    h->where.begin = l.begin;
    return h;
}

namespace {

evidence make(const date& d, span where, const char* rule) { return {d.iso(), where, origin::text, rule}; }

}  // namespace

void find_published(const document& doc, const std::vector<line>& lines, facts& f) {
    const std::string_view t = doc.text;
    if (doc.meta.date.known()) {
        if (auto d = parse_date(doc.meta.date.value)) {
            f.published_on = *d;
            f.published = evidence{d->iso(), {}, doc.meta.date.from, "metadata"};
            return;
        }
    }

    std::vector<labelled> tagged;
    std::vector<dates::hit> stamps, mentions, datelines;
    std::vector<span> label_spans;
    for (const auto& l : lines) {
        if (l.head && l.kind != region_kind::boilerplate)
            if (auto h = dateline(t, l.where)) datelines.push_back(*h);
        // labels and stamps stand on lines of their own, not at the edge of a paragraph
        if (!l.whole) continue;
        const std::string_view s = l.where.in(t);
        // one pass: a label can only start at the first byte of a word
        // whose letter opens an English label, or at a CJK lead byte
        for (std::size_t p = 0; p < s.size(); ++p) {
            const auto c = static_cast<unsigned char>(text::lower_ascii(s[p]));
            const bool ascii_lead = c == 'f' || c == 'p' || c == 'l' || c == 'u' || c == 'm';
            if (!(ascii_lead || c == 0xEA || c == 0xEC || c == 0xE6 || c == 0xE5)) continue;
            const std::size_t at = l.where.begin + p;
            if (ascii_lead && !word_start(t, at)) continue;
            for (const auto& lw : labels) {
                const bool ascii = static_cast<unsigned char>(lw.word[0]) < 0x80;
                if (ascii != ascii_lead) continue;
                if (ascii ? !word_at(t, at, l.where.end, lw.word) : s.compare(p, lw.word.size(), lw.word) != 0) continue;
                if (auto h = date_after(t, at + lw.word.size(), l.where.end)) {
                    tagged.push_back({*h, lw.kind});
                    label_spans.push_back(h->where);
                }
                p += lw.word.size() - 1;
                break;
            }
        }
        dates::each(t, l.where, false, [&](const dates::hit& h) {
            const bool labelled_here = std::any_of(label_spans.begin(), label_spans.end(),
                                                   [&](span s) { return s.overlaps(h.where); });
            if (labelled_here) return;
            // a stamp stands on a line of its own or in the page's furniture,
            // never in the prose ("since September 11, 2001")
            const bool stamp_line = l.kind != region_kind::body || l.where.size() < 80 || h.with_time;
            if (h.kind == dates::form::full && stamp_line) stamps.push_back(h);
            if (h.kind == dates::form::month_day) mentions.push_back(h);
        });
    }
    auto with = [&](label k) -> const labelled* {
        for (const auto& x : tagged)
            if (x.kind == k) return &x;
        return nullptr;
    };
    auto take = [&](const date& d, span where, const char* rule) {
        f.published_on = d;
        f.published = make(d, where, rule);
    };

    if (const auto* p = with(label::published)) return take(p->h.on, p->h.where, "published-line");
    if (!datelines.empty()) {
        // the dateline's year: its own, else that of the first Published or
        // Updated line, else of a stamp near the top
        const auto& h = datelines.front();
        date ref = h.on;
        if (!ref.known()) {
            const dates::hit* near = nullptr;
            for (const auto& x : tagged)
                if (x.kind != label::page && (!near || x.h.where.begin < near->where.begin)) near = &x.h;
            for (const auto& s : stamps)
                if (!near && s.where.begin < head_bytes) near = &s;
            if (near) ref = dates::resolve(h, near->on).value_or(date{});
        }
        if (dates::valid(ref)) return take(ref, h.where, "dateline");
    }
    if (const auto* u = with(label::updated)) return take(u->h.on, u->h.where, "updated-line");
    // a stamp above the story (the first paragraph of some length) is its own
    std::size_t story = t.size();
    for (const auto& l : lines)
        if (l.kind == region_kind::body && l.where.size() >= 80) {
            story = l.where.begin;
            break;
        }
    for (const auto& s : stamps)
        if (s.where.begin < std::min(story, head_bytes)) return take(s.on, s.where, "timestamp");
    if (const auto* p = with(label::page)) {
        const long page = dates::days(p->h.on);
        bool older = false;
        for (const auto& s : stamps) older = older || dates::days(s.on) < page - 7;
        for (const auto& m : mentions) {
            const auto d = dates::resolve(m, p->h.on);
            older = older || (d && dates::valid(*d) && dates::days(*d) < page - 7);
        }
        if (!older) return take(p->h.on, p->h.where, "page-date");
        const dates::hit* best = nullptr;
        for (const auto& s : stamps)
            if (dates::days(s.on) <= page && (!best || s.on > best->on)) best = &s;
        if (best) return take(best->on, best->where, "text-stamp");
    }
}

}  // namespace quotetrace::provenance
