// Date expressions, tried only where a word starts with a digit or a letter
// that can open one; the calendar arithmetic is std::chrono's.
#include "dates.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>

namespace quotetrace::provenance {

std::string date::iso() const {
    char buf[16];
    auto two = [](char* p, int v) {
        p[0] = static_cast<char>('0' + v / 10 % 10);
        p[1] = static_cast<char>('0' + v % 10);
    };
    if (year == 0) {
        if (month && day) {
            std::memcpy(buf, "--", 2), two(buf + 2, month), buf[4] = '-', two(buf + 5, day);
            return {buf, 7};
        }
        if (month) return std::string("--") + std::string{char('0' + month / 10), char('0' + month % 10)};
        if (day) return std::string("---") + std::string{char('0' + day / 10), char('0' + day % 10)};
        return {};
    }
    const int y = year < 0 ? 0 : year % 10000;
    buf[0] = static_cast<char>('0' + y / 1000), buf[1] = static_cast<char>('0' + y / 100 % 10);
    two(buf + 2, y % 100);
    if (!month) return {buf, 4};
    buf[4] = '-', two(buf + 5, month);
    if (!day) return {buf, 7};
    buf[7] = '-', two(buf + 8, day);
    return {buf, 10};
}

std::optional<date> parse_date(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    // RSS and HTTP dates open with the day's name: "Wed, 19 Jun 2024 06:35:00 GMT"
    if (const std::size_t comma = s.find(','); comma != std::string_view::npos && comma > i && comma - i <= 9 &&
                                                 std::all_of(s.begin() + i, s.begin() + comma, [](char c) {
                                                     return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                                                 }))
        i = comma + 1;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) return std::nullopt;
    const auto h = dates::absolute_at(s, i, s.size());
    if (!h || h->kind != dates::form::full) return std::nullopt;
    return h->on;
}

namespace dates {
namespace {

bool digit(std::string_view t, std::size_t i, std::size_t end) { return i < end && t[i] >= '0' && t[i] <= '9'; }
bool alpha(std::string_view t, std::size_t i, std::size_t end) {
    return i < end && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z'));
}
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The digits at i (at most `most`), their value and count.
std::size_t number(std::string_view t, std::size_t i, std::size_t end, std::size_t most, int& value) {
    std::size_t n = 0;
    value = 0;
    while (n < most && digit(t, i + n, end)) value = value * 10 + (t[i + n] - '0'), ++n;
    if (n && digit(t, i + n, end)) return 0;  // longer than allowed
    return n;
}

// Whether t[i, end) starts with `word` (lower-case ASCII), any case, as a whole word.
bool word_at(std::string_view t, std::size_t i, std::size_t end, std::string_view word) {
    if (i + word.size() > end) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (lower(t[i + k]) != word[k]) return false;
    return !alpha(t, i + word.size(), end) && !digit(t, i + word.size(), end);
}

// Past a run of spaces (ASCII or NBSP); at most `most` bytes.
std::size_t spaces(std::string_view t, std::size_t i, std::size_t end, std::size_t most = 3) {
    std::size_t n = 0;
    while (i < end && n < most) {
        if (t[i] == ' ') { ++i, ++n; continue; }
        if (i + 1 < end && t[i] == '\xC2' && t[i + 1] == '\xA0') { i += 2, ++n; continue; }
        break;
    }
    return i;
}

bool plausible_year(int y) { return y >= 1900 && y <= 2100; }

// "st", "nd", "rd", "th" after a day number.
std::size_t ordinal_suffix(std::string_view t, std::size_t i, std::size_t end) {
    if (i + 2 <= end) {
        const char a = lower(t[i]), b = lower(t[i + 1]);
        if (((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h')) &&
            !alpha(t, i + 2, end))
            return i + 2;
    }
    return i;
}

// ", 2024" or " 2024" after a month and day: the year and where it ends.
std::size_t year_after(std::string_view t, std::size_t i, std::size_t end, int& year) {
    std::size_t j = i;
    if (j < end && t[j] == ',') ++j;
    const std::size_t k = spaces(t, j, end);
    if (k == j) return i;
    int y = 0;
    const std::size_t n = number(t, k, end, 4, y);
    if (n != 4 || !plausible_year(y) || (k + 4 < end && t[k + 4] == ':')) return i;
    year = y;
    return k + 4;
}

// " 07:31" or "T07:31" after a numeric date.
std::size_t time_after(std::string_view t, std::size_t i, std::size_t end) {
    std::size_t j = i < end && t[i] == 'T' ? i + 1 : spaces(t, i, end, 2);
    if (j == i) return i;
    int h = 0, m = 0;
    const std::size_t nh = number(t, j, end, 2, h);
    if (nh == 0) return i;
    j += nh;
    if (j >= end || t[j] != ':' || number(t, j + 1, end, 2, m) != 2 || h > 23 || m > 59) return i;
    return j + 3;
}

// A multi-byte marker ("年") at i, after optional spaces: where it ends, or npos.
std::size_t marker(std::string_view t, std::size_t i, std::size_t end, std::string_view m) {
    i = spaces(t, i, end, 1);
    return t.substr(i, end - i).starts_with(m) ? i + m.size() : std::string_view::npos;
}

hit make(form k, date d, std::size_t b, std::size_t e) {
    hit h;
    h.kind = k;
    h.on = d;
    h.where = {b, e};
    return h;
}

const std::array<std::string_view, 7> weekdays = {"sunday", "monday", "tuesday", "wednesday",
                                                  "thursday", "friday", "saturday"};

}  // namespace

bool valid(const date& d) {
    using namespace std::chrono;
    return d.year && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)}, day{static_cast<unsigned>(d.day)}}.ok();
}

long days(const date& d) {
    using namespace std::chrono;
    const sys_days s{year{d.year} / month{static_cast<unsigned>(d.month)} / day{static_cast<unsigned>(d.day)}};
    return s.time_since_epoch().count();
}

date from_days(long n) {
    using namespace std::chrono;
    const year_month_day ymd{sys_days{std::chrono::days{n}}};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int weekday_of(const date& d) {
    using namespace std::chrono;
    return static_cast<int>(weekday{sys_days{std::chrono::days{days(d)}}}.c_encoding());
}

int month_at(std::string_view t, std::size_t i, std::size_t end, std::size_t& len) {
    static constexpr std::array<std::string_view, 12> names = {"january", "february", "march",     "april",
                                                               "may",     "june",     "july",      "august",
                                                               "september", "october", "november", "december"};
    len = 0;
    if (i >= end) return 0;
    // the months a capital can open, and whether the next letter fits
    int first = 0, last = 0;
    switch (t[i]) {
    case 'J': first = 1, last = 7; break;  // January, June, July
    case 'F': first = last = 2; break;
    case 'M': first = 3, last = 5; break;  // March, May
    case 'A': first = 4, last = 8; break;  // April, August
    case 'S': first = last = 9; break;
    case 'O': first = last = 10; break;
    case 'N': first = last = 11; break;
    case 'D': first = last = 12; break;
    default: return 0;
    }
    for (int m = first; m <= last; ++m) {
        const std::string_view name = names[m - 1];
        if (name[0] != lower(t[i]) || i + 3 > end || lower(t[i + 1]) != name[1] || lower(t[i + 2]) != name[2]) continue;
        if (word_at(t, i, end, name)) {
            len = name.size();
            return m;
        }
        // abbreviations: "Sept", then the first three letters, each with an
        // optional '.'; "May" is only ever written whole
        const std::string_view a = m == 9 && word_at(t, i, end, "sept") ? "sept" : name.substr(0, 3);
        if (m == 5 || !word_at(t, i, end, a)) continue;
        len = a.size() + (i + a.size() < end && t[i + a.size()] == '.' ? 1 : 0);
        return m;
    }
    return 0;
}

std::optional<hit> absolute_at(std::string_view t, std::size_t i, std::size_t end) {
    if (digit(t, i, end)) {
        int a = 0;
        const std::size_t na = number(t, i, end, 4, a);
        std::size_t j = i + na;
        if (na == 4 && plausible_year(a)) {
            // 2024年6月18日, 2024년 6월 18일
            for (const auto& [y, m, d] : {std::array<std::string_view, 3>{"\xE5\xB9\xB4", "\xE6\x9C\x88", "\xE6\x97\xA5"},
                                          std::array<std::string_view, 3>{"\xEB\x85\x84", "\xEC\x9B\x94", "\xEC\x9D\xBC"}}) {
                std::size_t k = marker(t, j, end, y);
                if (k == std::string_view::npos) continue;
                int mo = 0, da = 0;
                k = spaces(t, k, end, 1);
                const std::size_t nm = number(t, k, end, 2, mo);
                if (!nm) return std::nullopt;
                k = marker(t, k + nm, end, m);
                if (k == std::string_view::npos) return std::nullopt;
                k = spaces(t, k, end, 1);
                const std::size_t nd = number(t, k, end, 2, da);
                std::size_t e = k + nd;
                if (nd) {
                    const std::size_t after = marker(t, e, end, d);
                    if (after != std::string_view::npos) e = after;
                    const date full{a, mo, da};
                    if (!valid(full)) return std::nullopt;
                    return make(form::full, full, i, e);
                }
                if (mo < 1 || mo > 12) return std::nullopt;
                return make(form::month_year, {a, mo, 0}, i, k);
            }
            // 2024-06-18, 2024.10.19, 2024/10/19, 2024. 6. 18., with a time after
            if (j < end && (t[j] == '-' || t[j] == '.' || t[j] == '/')) {
                const char sep = t[j];
                std::size_t k = sep == '.' ? spaces(t, j + 1, end, 1) : j + 1;
                int mo = 0, da = 0;
                const std::size_t nm = number(t, k, end, 2, mo);
                if (!nm || k + nm >= end || t[k + nm] != sep) return std::nullopt;
                k = sep == '.' ? spaces(t, k + nm + 1, end, 1) : k + nm + 1;
                const std::size_t nd = number(t, k, end, 2, da);
                if (!nd) return std::nullopt;
                std::size_t e = k + nd;
                if (sep == '.' && e < end && t[e] == '.' && !digit(t, e + 1, end)) ++e;
                const date full{a, mo, da};
                if (!valid(full)) return std::nullopt;
                hit h = make(form::full, full, i, e);
                const std::size_t te = time_after(t, e, end);
                if (te != e) h.with_time = true, h.where.end = te;
                return h;
            }
            return std::nullopt;
        }
        if (na >= 1 && na <= 2) {
            // 19.06.2024
            if (j < end && t[j] == '.') {
                int mo = 0, y = 0;
                const std::size_t nm = number(t, j + 1, end, 2, mo);
                if (nm && j + 1 + nm < end && t[j + 1 + nm] == '.' && number(t, j + 2 + nm, end, 4, y) == 4 &&
                    plausible_year(y)) {
                    const date full{y, mo, a};
                    if (!valid(full)) return std::nullopt;
                    return make(form::full, full, i, j + 6 + nm);
                }
                return std::nullopt;
            }
            // 6월 18일, 6月18日: a month and day with no year
            for (const auto& [m, d] : {std::array<std::string_view, 2>{"\xEC\x9B\x94", "\xEC\x9D\xBC"},
                                       std::array<std::string_view, 2>{"\xE6\x9C\x88", "\xE6\x97\xA5"}}) {
                std::size_t k = marker(t, j, end, m);
                if (k == std::string_view::npos) continue;
                int da = 0;
                k = spaces(t, k, end, 1);
                const std::size_t nd = number(t, k, end, 2, da);
                const std::size_t e = nd ? marker(t, k + nd, end, d) : std::string_view::npos;
                if (e == std::string_view::npos || a < 1 || a > 12 || da < 1 || da > 31) return std::nullopt;
                return make(form::month_day, {0, a, da}, i, e);
            }
            // 17일: the 17th, in Korean
            if (t.substr(j, end - j).starts_with("\xEC\x9D\xBC") && a >= 1 && a <= 31)
                return make(form::day, {0, 0, a}, i, j + 3);
            // 19 June 2024, 19th June
            j = ordinal_suffix(t, j, end);
            const std::size_t k = spaces(t, j, end, 1);
            std::size_t len = 0;
            if (k == j) return std::nullopt;
            const int mo = month_at(t, k, end, len);
            if (!mo || a < 1 || a > 31) return std::nullopt;
            int y = 0;
            const std::size_t e = year_after(t, k + len, end, y);
            const date d{y, mo, a};
            if (y && !valid(d)) return std::nullopt;
            return make(y ? form::full : form::month_day, d, i, e);
        }
        return std::nullopt;
    }
    std::size_t len = 0;
    const int mo = month_at(t, i, end, len);
    if (!mo) return std::nullopt;
    const std::size_t k = spaces(t, i + len, end, 1);
    if (k == i + len) return std::nullopt;
    int v = 0;
    const std::size_t n = number(t, k, end, 4, v);
    if (n >= 1 && n <= 2 && v >= 1 && v <= 31) {
        const std::size_t after_day = ordinal_suffix(t, k + n, end);
        if (alpha(t, after_day, end)) return std::nullopt;
        int y = 0;
        const std::size_t e = year_after(t, after_day, end, y);
        const date d{y, mo, v};
        if (y && !valid(d)) return std::nullopt;
        if (!y && mo == 2 && v > 29) return std::nullopt;
        return make(y ? form::full : form::month_day, d, i, e);
    }
    if (n == 4 && plausible_year(v)) return make(form::month_year, {v, mo, 0}, i, k + 4);
    return std::nullopt;
}

namespace {

// "three days ago", "2 years ago", "a month ago": a count of days, months or
// years before publication.
std::optional<hit> ago_at(std::string_view t, std::size_t i, std::size_t end) {
    static constexpr std::array<std::string_view, 11> counts = {"a", "one", "two", "three", "four", "five",
                                                                "six", "seven", "eight", "nine", "ten"};
    // turned away unless the next word opens a unit: "days", "months", "years"
    std::size_t w = i;
    while (alpha(t, w, end) || digit(t, w, end)) ++w;
    if (w + 1 >= end || t[w] != ' ' || (t[w + 1] != 'd' && t[w + 1] != 'm' && t[w + 1] != 'y')) return std::nullopt;
    int n = 0;
    std::size_t k = i;
    if (digit(t, i, end)) {
        const std::size_t len = number(t, i, end, 2, n);
        if (!len) return std::nullopt;
        k = i + len;
    } else {
        for (std::size_t c = 0; c < counts.size() && !n; ++c)
            if (word_at(t, i, end, counts[c])) n = c ? static_cast<int>(c) : 1, k = i + counts[c].size();
        if (!n) return std::nullopt;
    }
    const std::size_t u = spaces(t, k, end, 1);
    if (u == k) return std::nullopt;
    form unit;
    std::size_t ue = u;
    if (word_at(t, u, end, "day") || word_at(t, u, end, "days")) unit = form::today;
    else if (word_at(t, u, end, "month") || word_at(t, u, end, "months")) unit = form::last_month;
    else if (word_at(t, u, end, "year") || word_at(t, u, end, "years")) unit = form::last_year;
    else return std::nullopt;
    while (alpha(t, ue, end)) ++ue;
    const std::size_t a = spaces(t, ue, end, 1);
    if (a == ue || !word_at(t, a, end, "ago")) return std::nullopt;
    hit h = make(unit, {}, i, a + 3);
    h.shift = -n;
    return h;
}

}  // namespace

std::optional<hit> relative_at(std::string_view t, std::size_t i, std::size_t end) {
    if (i >= end) return std::nullopt;
    const char c = lower(t[i]);
    const char next = i + 1 < end ? lower(t[i + 1]) : ' ';
    // the words a letter can open: most words are turned away here
    switch (c) {
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        return ago_at(t, i, end);
    case 'a':  // "a year ago"
        return next == ' ' ? ago_at(t, i, end) : std::nullopt;
    case 'o': case 'n':  // one, nine
        return next == (c == 'o' ? 'n' : 'i') ? ago_at(t, i, end) : std::nullopt;
    case 'm': case 'w':
        if (t[i] == c) return std::nullopt;  // only a day's name, capitalised
        break;
    case 'f':
        if (t[i] == c) return next == 'o' || next == 'i' ? ago_at(t, i, end) : std::nullopt;  // four, five
        break;
    case 't': case 's':
        if (t[i] == 'T' || t[i] == 'S') break;
        if (c == 's' ? next == 'e' : (next == 'w' || next == 'e')) return ago_at(t, i, end);  // seven, two, ten
        if (c == 's' ? next != 'i' : (next != 'h' && next != 'o')) return std::nullopt;
        if (auto h = ago_at(t, i, end)) return h;  // six, three
        break;
    case 'e':
        if (auto h = ago_at(t, i, end)) return h;  // eight
        break;
    case 'y': case 'l': case 'i': break;
    default: return std::nullopt;
    }
    if (t[i] >= 'A' && t[i] <= 'Z') {
        for (int w = 0; w < 7; ++w) {
            if (weekdays[w][0] != c || !word_at(t, i, end, weekdays[w])) continue;
            // "Monday's debate" names an event, not when anything was said
            const std::size_t e = i + weekdays[w].size();
            if (t.compare(e, 2, "'s") == 0 || t.compare(e, 4, "\xE2\x80\x99s") == 0) return std::nullopt;
            hit h = make(form::weekday, {}, i, e);
            h.weekday = w;
            return h;
        }
    }
    if (word_at(t, i, end, "yesterday")) {
        hit h = make(form::today, {}, i, i + 9);
        h.shift = -1;
        return h;
    }
    if (word_at(t, i, end, "today")) return make(form::today, {}, i, i + 5);
    if (word_at(t, i, end, "tonight")) return make(form::today, {}, i, i + 7);
    const bool last = word_at(t, i, end, "last"), this_ = word_at(t, i, end, "this");
    if (last || this_) {
        const std::size_t k = spaces(t, i + 4, end, 1);
        if (word_at(t, k, end, "year") || word_at(t, k, end, "month")) {
            const bool year = word_at(t, k, end, "year");
            hit h = make(year ? form::last_year : form::last_month, {}, i, k + (year ? 4 : 5));
            h.shift = last ? -1 : 0;
            return h;
        }
        if (last) {
            if (auto w = relative_at(t, k, end); w && w->kind == form::weekday) {
                w->where.begin = i;
                w->strictly_before = true;
                return w;
            }
        }
        return std::nullopt;
    }
    if (word_at(t, i, end, "that")) {
        const std::size_t k = spaces(t, i + 4, end, 1);
        if (word_at(t, k, end, "day")) return make(form::same_day, {}, i, k + 3);
        return std::nullopt;
    }
    if (word_at(t, i, end, "the")) {
        std::size_t k = spaces(t, i + 3, end, 1);
        if (word_at(t, k, end, "same")) {
            const std::size_t d = spaces(t, k + 4, end, 1);
            if (word_at(t, d, end, "day")) return make(form::same_day, {}, i, d + 3);
            return std::nullopt;
        }
        int day = 0;
        const std::size_t n = number(t, k, end, 2, day);
        if (!n || day < 1 || day > 31) return std::nullopt;
        const std::size_t e = ordinal_suffix(t, k + n, end);
        if (e == k + n) return std::nullopt;
        // "the 17th (local time)", "on the 17th that ...", "the 17th of June";
        // never "the 20th anniversary"
        const std::size_t w = spaces(t, e, end, 1);
        if (w != e && alpha(t, w, end)) {
            if (word_at(t, w, end, "of")) {
                std::size_t len = 0;
                const std::size_t m = spaces(t, w + 2, end, 1);
                if (const int mo = month_at(t, m, end, len)) return make(form::month_day, {0, mo, day}, i, m + len);
            }
            static constexpr std::array<std::string_view, 13> next = {
                "that", "and", "at", "in", "when", "as", "after", "before", "with", "to", "while", "during", "said"};
            bool ok = false;
            for (const auto& x : next) ok = ok || word_at(t, w, end, x);
            if (!ok) return std::nullopt;
        }
        return make(form::day, {0, 0, day}, i, e);
    }
    if (word_at(t, i, end, "in") || word_at(t, i, end, "since") || word_at(t, i, end, "early") ||
        word_at(t, i, end, "late")) {
        std::size_t k = i;
        while (alpha(t, k, end)) ++k;
        k = spaces(t, k, end, 1);
        std::size_t len = 0;
        if (const int mo = month_at(t, k, end, len)) {
            if (absolute_at(t, k, end)) return std::nullopt;  // "in June 2024" is read from the month on
            if (mo == 5 && !word_at(t, i, end, "in")) return std::nullopt;
            return make(form::month, {0, mo, 0}, i, k + len);
        }
        int y = 0;
        if (number(t, k, end, 4, y) == 4 && plausible_year(y) && !alpha(t, k + 4, end))
            return make(form::year, {y, 0, 0}, i, k + 4);
    }
    return std::nullopt;
}

std::optional<date> resolve(const hit& h, const date& pub) {
    const bool full_pub = valid(pub);
    switch (h.kind) {
    case form::full:
    case form::month_year:
    case form::year:
        return h.on;
    case form::month_day: {
        if (!pub.known()) return h.on;
        date d{pub.year, h.on.month, h.on.day};
        // an event dated after publication happened the year before ("June 18" in January)
        if (!valid(d)) return std::nullopt;
        if (full_pub && days(d) > days(pub) + 1) --d.year;
        return valid(d) ? std::optional<date>(d) : std::nullopt;
    }
    case form::month:
        if (!pub.known()) return h.on;
        return date{pub.month && h.on.month > pub.month ? pub.year - 1 : pub.year, h.on.month, 0};
    case form::day: {
        if (!full_pub) return h.on;
        date d{pub.year, pub.month, h.on.day};
        if (h.on.day > pub.day) {
            if (--d.month == 0) d.month = 12, --d.year;
        }
        return valid(d) ? std::optional<date>(d) : std::nullopt;
    }
    case form::weekday: {
        if (!full_pub) return std::nullopt;
        int back = (weekday_of(pub) - h.weekday + 7) % 7;
        if (back == 0 && h.strictly_before) back = 7;
        return from_days(days(pub) - back);
    }
    case form::today:
        if (!full_pub) return std::nullopt;
        return from_days(days(pub) + h.shift);
    case form::last_year:
        if (!pub.known()) return std::nullopt;
        return date{pub.year + h.shift, 0, 0};
    case form::last_month: {
        if (!pub.known() || !pub.month) return std::nullopt;
        const int months = pub.year * 12 + pub.month - 1 + h.shift;
        return date{months / 12, months % 12 + 1, 0};
    }
    case form::same_day:
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace dates
}  // namespace quotetrace::provenance
