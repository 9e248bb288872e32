// When a statement was made: the time expression of the quote's own sentence
// (its frame: "said Monday", "said on the 17th (local time) that ..."),
// the one nearest the cue, never words inside the quote; "on the same day"
// takes the date said just before.
#include <algorithm>

#include "dates.hpp"
#include "internal.hpp"

namespace quotetrace::provenance {
namespace {

// How far "on the same day" looks back, and how far after a dated quote an
// undated one is taken to report the same occasion.
constexpr std::size_t sentence_most = 250, same_day_reach = 800, occasion_reach = 1500;

bool upper_or_mark(std::string_view t, std::size_t i) {
    return i < t.size() && (text::starts_upper(t, i) || t[i] == '"' || t.compare(i, 3, "\xE2\x80\x9C") == 0);
}

// A full stop that ends a sentence: followed by a line end, the end, or a
// space and a capital or an opening quote mark ("D.C. on the same day" goes on).
bool sentence_end_at(std::string_view t, std::size_t j) {
    const char c = t[j];
    if (c != '.' && c != '?' && c != '!') return false;
    if (j + 1 >= t.size() || t[j + 1] == '\n') return true;
    return t[j + 1] == ' ' && upper_or_mark(t, j + 2);
}

// Only these bytes can end a sentence; the loops below look at no other closely.
bool may_end(char c) { return c == '\n' || c == '.' || c == '?' || c == '!'; }

std::size_t sentence_begin(std::string_view t, std::size_t i) {
    const std::size_t floor = i > sentence_most ? i - sentence_most : 0;
    for (std::size_t j = i; j > floor; --j) {
        const char c = t[j - 1];
        if (c != ' ' && c != '\n') continue;
        if (c == '\n') return j;
        if (j >= 2 && may_end(t[j - 2]) && sentence_end_at(t, j - 2)) return j;
    }
    return floor;
}

std::size_t sentence_end(std::string_view t, std::size_t i) {
    const std::size_t stop = std::min(t.size(), i + sentence_most);
    for (std::size_t j = i; j < stop; ++j)
        if (may_end(t[j]) && (t[j] == '\n' || sentence_end_at(t, j))) return j;
    return stop;
}

const char* rule_of(dates::form k) {
    switch (k) {
    case dates::form::full: return "date";
    case dates::form::month_day: return "month-day";
    case dates::form::month_year: return "month-year";
    case dates::form::month: return "month";
    case dates::form::year: return "year";
    case dates::form::day: return "day-of-month";
    case dates::form::weekday: return "weekday";
    case dates::form::today: return "relative-day";
    case dates::form::last_year: return "relative-year";
    case dates::form::last_month: return "relative-month";
    case dates::form::same_day: return "same-day";
    }
    return "date";
}

bool says_something(const date& d) { return d.year || d.month || d.day; }

// The date of a quote's own sentence; `timed` tells whether the sentence
// has a time expression at all (resolved or not).
std::optional<said_when> said_in_sentence(const document& doc, const facts& f, const quote& q, bool& timed) {
    timed = false;
    const std::string_view t = doc.text;
    if (q.content.end > t.size()) return std::nullopt;
    span core = q.content;
    for (const span s : {q.cue, q.speaker_mention.where}) {
        if (s.empty() || s.end > t.size()) continue;
        core.begin = std::min(core.begin, s.begin);
        core.end = std::max(core.end, s.end);
    }
    const span anchor = !q.cue.empty() ? q.cue : !q.speaker_mention.where.empty() ? q.speaker_mention.where : q.content;
    const span sentence{sentence_begin(t, core.begin), sentence_end(t, core.end)};

    // a dateline dates the story, not the words it reports
    const auto filed = dateline(t, {sentence.begin, sentence.end});
    std::vector<dates::hit> hits;
    auto keep = [&](const dates::hit& h) {
        if (!(filed && filed->where.overlaps(h.where))) hits.push_back(h);
    };
    // the frame only: the quoted words are skipped, not read
    dates::each(t, {sentence.begin, std::max(sentence.begin, q.content.begin)}, true, keep);
    dates::each(t, {std::min(sentence.end, q.content.end), sentence.end}, true, keep);
    auto distance = [&](const dates::hit& h) {
        return h.where.end <= anchor.begin ? anchor.begin - h.where.end
             : h.where.begin >= anchor.end ? h.where.begin - anchor.end
                                           : std::size_t{0};
    };
    std::stable_sort(hits.begin(), hits.end(),
                     [&](const dates::hit& a, const dates::hit& b) { return distance(a) < distance(b); });
    timed = !hits.empty();

    for (const auto& h : hits) {
        std::optional<date> d;
        if (h.kind == dates::form::same_day) {
            // the last date said before this sentence, in the same stretch of text
            const std::size_t from = sentence.begin > same_day_reach ? sentence.begin - same_day_reach : 0;
            dates::each(t, {from, sentence.begin}, true, [&](const dates::hit& before) {
                if (before.kind == dates::form::same_day) return;
                if (auto r = dates::resolve(before, f.published_on); r && says_something(*r)) d = r;
            });
        } else {
            d = dates::resolve(h, f.published_on);
        }
        if (d && says_something(*d)) return said_when{*d, evidence{d->iso(), h.where, origin::text, rule_of(h.kind)}};
    }
    return std::nullopt;
}

}  // namespace

std::optional<said_when> reader::said(const document& doc, const facts& f, const quote& q) const {
    bool timed = false;
    return said_in_sentence(doc, f, q, timed);
}

std::vector<std::optional<said_when>> reader::said(const document& doc, const facts& f,
                                                   const std::vector<quote>& qs) const {
    std::vector<std::optional<said_when>> out;
    out.reserve(qs.size());
    std::optional<said_when> occasion;
    std::size_t occasion_at = 0;
    for (const auto& q : qs) {
        bool timed = false;
        auto w = said_in_sentence(doc, f, q, timed);
        // what a news outlet reports ("according to Interfax", "TASS
        // reported") is no part of the occasion, and dates none
        if (!q.speaker.empty() && impl_->outlets.lookup(q.speaker)) {
            out.push_back(std::move(w));
            continue;
        }
        if (w || timed) {
            // a time the text gives, even one that cannot be placed ("on
            // Friday" in an undated article), starts another occasion
            occasion = w;
            occasion_at = q.content.end;
        } else if (occasion && q.content.begin >= occasion_at && q.content.begin - occasion_at <= occasion_reach) {
            w = occasion;
            w->from.rule = "earlier-in-article";
            occasion_at = q.content.end;
        }
        out.push_back(std::move(w));
    }
    return out;
}

}  // namespace quotetrace::provenance
