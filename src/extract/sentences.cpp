// A rule-based sentence splitter for news text: enough for attribution
// frames, and linear in the paragraph's length (no ICU over whole texts).
#include "sentences.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <string>

#include "text.hpp"

namespace quotetrace::extract {
namespace {

bool is_abbreviation(std::string_view word) {
    static constexpr std::array<std::string_view, 47> known = {
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "cmdr",
        "prof", "rev", "hon", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "vol",
        "vs", "etc", "inc", "corp", "co", "ltd", "mt", "ft", "adm", "maj", "u.s", "u.k", "d.c", "u.n", "e.g", "i.e", "a.m"};
    std::string w = text::lower(word);
    if (w.size() == 1 && word[0] >= 'A' && word[0] <= 'Z') return true;  // an initial: "Donald J. Trump"
    if (std::find(known.begin(), known.end(), w) != known.end()) return true;
    // dotted acronyms: U.S., D.C., p.m.
    return w.size() >= 3 && w[1] == '.';
}

// The first '.', '!' or '?' in [i, end), or `end`: eight bytes at a time.
std::size_t next_stop(std::string_view t, std::size_t i, std::size_t end) {
    if constexpr (std::endian::native == std::endian::little) {
        for (; i + 8 <= end; i += 8) {
            const std::uint64_t v = text::swar::load(t.data() + i);
            if (const std::uint64_t stop = text::swar::equal_first(v, '.') | text::swar::equal_first(v, '!') |
                                           text::swar::equal_first(v, '?'))
                return i + text::swar::first(stop);
        }
    }
    while (i < end && t[i] != '.' && t[i] != '!' && t[i] != '?') ++i;
    return i;
}

bool starts_sentence(std::string_view next) {
    for (std::string_view w : {"The ", "He ", "She ", "It ", "They ", "We ", "I ", "But ", "In ", "This ", "That ",
                               "A ", "An ", "His ", "Her ", "Their ", "There ", "And ", "So ", "Yet ", "After "})
        if (next.starts_with(w)) return true;
    return false;
}

}  // namespace

std::vector<span> split_sentences(std::string_view t, span para, const std::vector<const quoted*>& quotes) {
    std::vector<span> out;
    split_sentences(t, para, quotes, out);
    return out;
}

void split_sentences(std::string_view t, span para, const std::vector<const quoted*>& quotes, std::vector<span>& out) {
    out.clear();
    std::size_t start = para.begin;
    // The outermost quotes do not overlap: the one that may hold `i` is the
    // last that opens before it. They usually come in text order already.
    auto by_open = [](const quoted* a, const quoted* b) { return a->open.begin < b->open.begin; };
    std::vector<const quoted*> copy;
    if (!std::is_sorted(quotes.begin(), quotes.end(), by_open)) {
        copy.assign(quotes.begin(), quotes.end());
        std::sort(copy.begin(), copy.end(), by_open);
    }
    const std::vector<const quoted*>& sorted = copy.empty() ? quotes : copy;
    auto inside_quote = [&](std::size_t i) -> const quoted* {
        auto it = std::upper_bound(sorted.begin(), sorted.end(), i,
                                   [](std::size_t v, const quoted* q) { return v < q->open.end; });
        if (it == sorted.begin()) return nullptr;
        const quoted* q = *std::prev(it);
        const std::size_t end = q->close.empty() ? q->content.end : q->close.begin;
        return i >= q->open.end && i < end ? q : nullptr;
    };
    std::size_t i = para.begin;
    while (i < para.end) {
        const char c = t[i];
        if (const quoted* q = (c == '.' || c == '!' || c == '?') ? inside_quote(i) : nullptr) {
            i = q->close.empty() ? q->content.end : q->close.begin;
            // A quote that ends its own sentence ends the framing one when a
            // capital follows: “… to Russia.” Blinken stated, …
            const std::size_t before = text::trim_end(t, q->content.begin, q->close.begin);
            const char last = before > q->content.begin ? t[before - 1] : ' ';
            const std::size_t after = q->close.empty() ? i : q->close.end;
            const std::size_t next = text::skip_spaces(t, after, para.end);
            if ((last == '.' || last == '!' || last == '?') && !q->close.empty() && next > after && next < para.end &&
                text::starts_upper(t, next)) {
                out.push_back(text::trim(t, {start, after}));
                start = next;
            }
            i = after;
            continue;
        }
        if (c != '.' && c != '!' && c != '?') {
            i = next_stop(t, i + 1, para.end);
            continue;
        }
        std::size_t end = i + 1;
        while (end < para.end && (t[end] == '.' || t[end] == '!' || t[end] == '?' || t[end] == ')' )) ++end;
        const std::size_t next = text::skip_spaces(t, end, para.end);
        if (next == end || next >= para.end) { i = end; continue; }
        // A new sentence starts with anything but a lower-case letter: a capital,
        // a digit, a quote mark of any kind, a bracket.
        bool boundary = !(t[next] >= 'a' && t[next] <= 'z');
        if (boundary && c == '.' && end == i + 1) {
            std::size_t w = i;
            while (w > para.begin && !text::is_space(static_cast<unsigned char>(t[w - 1])) && t[w - 1] != '(') --w;
            const std::string_view word = t.substr(w, i - w);
            // "the U.S. The proposal": a dotted acronym ends a sentence when a
            // word that only starts sentences follows it.
            if (is_abbreviation(word) && !(word.find('.') != std::string_view::npos && starts_sentence(t.substr(next, 8))))
                boundary = false;
            if (word == "No" && t[next] >= '0' && t[next] <= '9') boundary = false;  // "No. 10"
        }
        if (boundary) {
            out.push_back(text::trim(t, {start, end}));
            start = next;
        }
        i = end;
    }
    if (start < para.end) {
        const span last = text::trim(t, {start, para.end});
        if (!last.empty()) out.push_back(last);
    }
}

}  // namespace quotetrace::extract
