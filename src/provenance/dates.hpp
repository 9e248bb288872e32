// Dates as news text writes them, found at a candidate position: numeric
// stamps (2024-06-18 07:31, 2024.10.19, 2024年6月18日), English calendar
// forms (June 19, 2024; 19 June; June 2024) and the relative expressions of
// a reporting frame (Monday, yesterday, on the 17th, last year).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "quotetrace/provenance.hpp"

namespace quotetrace::provenance::dates {

enum class form {
    full,        // year, month and day
    month_day,   // "June 18": the year left to the context
    month_year,  // "September 2023"
    month,       // "in February"
    year,        // "in 2022"
    day,         // "on the 17th"
    weekday,     // "Monday"; `weekday` 0 (Sunday) to 6
    today,       // "today", "yesterday", "three days ago": `shift` days
    last_year,   // "last year", "this year", "two years ago": `shift` years
    last_month,  // "last month", "this month", "a month ago": `shift` months
    same_day,    // "on the same day", "that day": the date said just before
};

struct hit {
    form kind = form::full;
    date on;                 // the fields the words give
    span where;              // in the text searched
    bool with_time = false;  // "2024-06-18 07:31": a publication stamp's shape
    int weekday = -1;
    int shift = 0;
    bool strictly_before = false;  // "last Monday": not the publication day itself
};

// 1..12 for a month name or abbreviation at [i, end) ("June", "Jun.",
// "Sept"), with its length; 0 when none. Case as in text: capitalised.
int month_at(std::string_view t, std::size_t i, std::size_t end, std::size_t& len);

// An absolute date starting at byte i (a digit or a capital letter), ending
// before `end`: numeric, CJK and English calendar forms.
std::optional<hit> absolute_at(std::string_view t, std::size_t i, std::size_t end);

// Every date expression in [s.begin, s.end): absolute forms, and with
// `relative` the frame's relative ones too. Calls f(hit) in text order.
template <typename F>
void each(std::string_view t, span s, bool relative, F&& f);

// Whether y-m-d is a real day.
bool valid(const date& d);
// Days since 1970-01-01 of a full date, and back.
long days(const date& d);
date from_days(long n);
// 0 (Sunday) to 6.
int weekday_of(const date& d);

// The expression resolved against the publication date `pub` (which may be
// unknown): fields the context cannot give stay 0; nothing when the
// expression needs a publication date it does not have.
std::optional<date> resolve(const hit& h, const date& pub);

// The relative expression at byte i (a letter), or nothing.
std::optional<hit> relative_at(std::string_view t, std::size_t i, std::size_t end);

// What a byte can be to the scan below: part of a word, the opening of an
// absolute date (a digit, a month's capital), the opening of a relative one.
enum : unsigned char { word_byte = 1, opens_absolute = 2, opens_relative = 4 };
struct byte_classes {
    unsigned char of[256] = {};
    constexpr byte_classes() {
        for (int c = '0'; c <= '9'; ++c) of[c] = word_byte | opens_absolute | opens_relative;  // "3 days ago"
        for (int c = 'a'; c <= 'z'; ++c) of[c] = word_byte, of[c - 'a' + 'A'] = word_byte;
        for (char c : {'J', 'F', 'M', 'A', 'S', 'O', 'N', 'D'}) of[static_cast<unsigned char>(c)] |= opens_absolute;
        for (char c : {'t', 's', 'y', 'l', 'i', 'e', 'a', 'o', 'n', 'f', 'T', 'S', 'Y', 'L', 'I', 'E', 'M', 'W', 'F'})
            of[static_cast<unsigned char>(c)] |= opens_relative;
    }
};
inline constexpr byte_classes classes;

template <typename F>
void each(std::string_view t, span s, bool relative, F&& f) {
    const std::size_t end = s.end < t.size() ? s.end : t.size();
    const unsigned char* const cls = classes.of;
    auto at = [&](std::size_t k) { return cls[static_cast<unsigned char>(t[k])]; };
    const unsigned char wanted = opens_absolute | (relative ? opens_relative : 0);
    std::size_t i = s.begin;
    // a word that began before the span is not looked into
    if (i > 0 && i < end && (at(i - 1) & word_byte))
        while (i < end && (at(i) & word_byte)) ++i;
    while (i < end) {
        const unsigned char k = at(i);
        if (!(k & word_byte)) {
            ++i;
            continue;
        }
        if (k & wanted) {
            std::optional<hit> h;
            if (k & opens_absolute) h = absolute_at(t, i, end);
            if (!h && relative && (k & opens_relative)) h = relative_at(t, i, end);
            if (h) {
                f(*h);
                i = h->where.end;
                continue;
            }
        }
        while (i < end && (at(i) & word_byte)) ++i;  // on past this word
    }
}

}  // namespace quotetrace::provenance::dates
