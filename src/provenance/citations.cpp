// Sources an article cites: a cue ("according to", "reported", "told",
// "interview", "quoted", "citing", "carried by", an outlet that "said"),
// found in one pass over the body's word starts, then an outlet in the words
// after it or in its clause before it. Outlets come canonical from the
// gazetteer; an unknown name counts only after a clear cue of its own ("news
// agency X", "X news agency").
#include <algorithm>
#include <array>
#include <bit>

#include "internal.hpp"

namespace quotetrace::provenance {
namespace {

// Where the source stands: in the words after the cue, in the clause before
// it, or right before it as its subject ("Yonhap said").
enum class side { after, before, subject };

struct cue {
    std::string_view needle;
    side where;
    const char* rule;
};

// Indexed by position below. Between two cues that find one name ("citing
// AFP reports") the first in the text wins.
constexpr std::array<cue, 11> cues = {{
    {"ccording to ", side::after, "according-to"},
    {" told ", side::after, "told"},
    {"nterview ", side::after, "interview"},
    {" citing ", side::after, "citing"},
    {" carried by ", side::after, "carried-by"},
    {" cited by ", side::after, "cited-by"},
    {" quoted", side::before, "quoted"},
    {" reported", side::before, "reported"},
    {" reports ", side::before, "reported"},
    {" said", side::subject, "said"},
    {" says", side::subject, "said"},
}};

// For each first byte of a word, the second letters ('a' = bit 0) with
// which a cue of the scan below opens.
constexpr auto cue_openings = [] {
    std::array<std::uint32_t, 256> m{};
    auto bit = [](char c) { return 1u << (c - 'a'); };
    m['a'] = m['A'] = bit('c');  // according to
    m['i'] = m['I'] = bit('n');  // interview
    m['t'] = bit('o');           // told
    m['c'] = bit('i') | bit('a');  // citing, cited by, carried by
    m['q'] = bit('u');           // quoted
    m['r'] = bit('e');           // reported, reports
    m['s'] = bit('a');           // said, says
    return m;
}();

bool upper(std::string_view t, std::size_t i) { return i < t.size() && t[i] >= 'A' && t[i] <= 'Z'; }

// The end of a run of capitalised words starting at i ("Korean Central News Agency").
std::size_t capitalised_run(std::string_view t, std::size_t i, std::size_t end) {
    std::size_t e = i;
    while (i < end && text::starts_upper(t, i)) {
        std::size_t j = i;
        while (j < end && t[j] != ' ' && t[j] != ',' && t[j] != '.' && t[j] != ';' && t[j] != ')' && t[j] != '(') ++j;
        e = j;
        if (j >= end || t[j] != ' ') break;
        i = j + 1;
    }
    return e;
}

// A source in [b, end): a gazetteer outlet, else the name a "news agency"
// phrase gives ("news agency Foo", "Foo news agency").
std::optional<citation> source_in(const gazetteer& g, std::string_view t, std::size_t b, std::size_t end,
                                  const char* rule) {
    if (auto m = g.first(t, b, end)) return citation{g[m->outlet].name, m->where, rule};
    const std::string_view s = t.substr(b, end - b);
    for (std::string_view phrase : {"news agency ", "newspaper ", "broadcaster ", "state media "}) {
        const std::size_t p = s.find(phrase);
        if (p == std::string_view::npos) continue;
        const std::size_t n = b + p + phrase.size();
        if (!upper(t, n)) continue;
        const std::size_t e = capitalised_run(t, n, end);
        return citation{std::string(t.substr(n, e - n)), {n, e}, rule};
    }
    if (const std::size_t p = s.find(" news agency"); p != std::string_view::npos) {
        // back over the capitalised words before it
        std::size_t pos = b + p, name = pos;
        while (pos > b) {
            std::size_t w = pos;
            while (w > b && t[w - 1] != ' ') --w;
            if (w == pos || !upper(t, w)) break;
            name = w;
            if (w == b) break;
            pos = w - 1;
        }
        if (word_at(t, name, b + p, "the")) name = text::skip_spaces(t, name + 3, b + p);
        if (name < b + p) return citation{std::string(t.substr(name, b + p - name)), {name, b + p}, rule};
    }
    return std::nullopt;
}

// The outlet that ends right before a cue at p ("Yonhap said", "the AP also
// says", "KCNA has said"), with nothing else between them.
std::optional<gazetteer::match> subject_before(const gazetteer& g, std::string_view t, std::size_t p) {
    // the starts of the last few words, nearest first, back to a line break
    std::optional<gazetteer::match> last;
    const std::size_t floor = p > 60 ? p - 60 : 0;
    std::size_t w = p;
    for (std::size_t words = 0; w > floor && words < 6 && !last; --w) {
        if (t[w - 1] == '\n') break;
        if (t[w - 1] != ' ') continue;
        ++words;
        if (auto m = g.at(t, w, p)) last = m;
    }
    if (!last && (w == 0 || t[w - 1] == '\n')) last = g.at(t, w, p);
    if (!last) return std::nullopt;
    std::size_t i = last->where.end;
    if (t.compare(i, 2, "'s") == 0) return std::nullopt;  // "NBC's Meet the Press ... said"
    // a one-word name that could be a person's ("Guardian said") needs its
    // article, unless it is in capitals or an agency's
    const std::string_view name = last->where.in(t);
    const bool capitals = std::none_of(name.begin(), name.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
    if (name.find(' ') == std::string_view::npos && !capitals && !g[last->outlet].agency) {
        const std::size_t before = last->where.begin;
        if (before < 4 || !word_at(t, before - 4, before, "the")) return std::nullopt;
    }
    i = text::skip_spaces(t, i, p);
    for (std::string_view adverb : {"also ", "has ", "had ", "have ", "then ", "later ", "earlier ", "itself "})
        if (t.compare(i, adverb.size(), adverb) == 0) i += adverb.size();
    return i >= p ? last : std::nullopt;
}

// The words after a cue, up to the end of their phrase.
std::size_t phrase_end(std::string_view t, std::size_t i, std::size_t most) {
    std::size_t end = std::min(t.size(), i + most);
    while (end > i && end < t.size() && text::continuation_byte(t[end])) --end;  // never inside a character
    for (std::size_t j = i; j < end; ++j) {
        const char c = t[j];
        if (c == ',' || c == ';' || c == ':' || c == '\n' || c == '(' || c == ')' || c == '"') return j;
        if (c == '.' && (j + 1 >= t.size() || t[j + 1] == ' ' || t[j + 1] == '\n')) return j;
        if (t.compare(j, 3, "\xE2\x80\x9C") == 0 || t.compare(j, 3, "\xE2\x80\x9D") == 0) return j;
    }
    return end;
}

// The start of the clause that ends at i: after a line break or a full stop
// that ends a sentence (one followed by a capital), at most `most` bytes back.
std::size_t clause_start(std::string_view t, std::size_t i, std::size_t most) {
    std::size_t floor = i > most ? i - most : 0;
    while (floor < i && text::continuation_byte(t[floor])) ++floor;  // never inside a character
    for (std::size_t j = i; j > floor; --j) {
        const char c = t[j - 1];
        if (c == '\n') return j;
        if ((c == '.' || c == '?' || c == '!') && j + 1 < t.size() && t[j] == ' ' && upper(t, j + 1)) return j + 1;
        if (c == '"' || (j >= 3 && t.compare(j - 3, 3, "\xE2\x80\x9D") == 0)) return j;  // a closing quote mark
    }
    return floor;
}

}  // namespace

void find_citations(const gazetteer& g, std::string_view t, const std::vector<region>& regions, facts& f) {
    const std::size_t before = f.citations.size();
    auto add = [&](citation&& c) {
        for (std::size_t k = before; k < f.citations.size(); ++k)
            if (f.citations[k].where.overlaps(c.where)) return;  // an earlier cue found this name
        f.citations.push_back(std::move(c));
    };
    // The cue whose needle matches at `p` (the needle's first byte), if any.
    // Needles that open with a space are read from the byte before a word,
    // which a word at the start of the text does not have (p wraps round).
    auto read_cue = [&](const cue& c, std::size_t p) {
        if (p >= t.size() || t.compare(p, c.needle.size(), c.needle) != 0) return;
        std::size_t after = p + c.needle.size();
        if (c.where == side::after) {
            if (c.rule == std::string_view("interview")) {
                // "in an interview on BBC's ...", "in an interview with CNN"
                bool ok = false;
                for (std::string_view prep : {"on ", "with ", "to ", "for ", "by "})
                    if (!ok && t.compare(after, prep.size(), prep) == 0) after += prep.size(), ok = true;
                if (!ok) return;
            }
            const std::size_t e = phrase_end(t, after, 80);
            if (auto s = source_in(g, t, after, e, c.rule)) add(std::move(*s));
            return;
        }
        // "reported by X", "quoted by X"
        const std::size_t word_end = std::min(t.size(), t.find_first_of(" ,.;\n", p + 1));
        if (c.where == side::before && t.compare(word_end, 4, " by ") == 0) {
            const std::size_t e = phrase_end(t, word_end + 4, 80);
            if (auto s = source_in(g, t, word_end + 4, e, c.rule)) add(std::move(*s));
            return;
        }
        if (c.needle[c.needle.size() - 1] != ' ' && word_end != p + c.needle.size()) return;  // "reportedly"
        if (c.where == side::subject) {
            // "said" is everywhere: its source must be its subject, right before it
            if (auto m = subject_before(g, t, p)) add(citation{g[m->outlet].name, m->where, c.rule});
            return;
        }
        const std::size_t b = clause_start(t, p, 120);
        if (auto s = source_in(g, t, b, p, c.rule)) add(std::move(*s));
    };
    // A word starts at w (after a space at w - 1, or opening the line): its
    // first letter says which cues may start there.
    auto at_word = [&](std::size_t w) {
        if (w >= t.size()) return;
        if (w + 2 >= t.size()) return;
        const char second = t[w + 1];
        // most words open with no cue's first two letters: one table look-up turns them away
        const auto s = static_cast<unsigned>(static_cast<unsigned char>(second) - 'a');
        if (s >= 26 || !((cue_openings[static_cast<unsigned char>(t[w])] >> s) & 1)) return;
        switch (t[w]) {
        case 'a': case 'A': if (second == 'c') read_cue(cues[0], w + 1); break;  // (a|A)ccording to
        case 'i': case 'I': if (second == 'n') read_cue(cues[2], w + 1); break;  // (i|I)nterview
        case 't': if (second == 'o') read_cue(cues[1], w - 1); break;
        case 'c':
            if (second == 'i' || second == 'a')
                for (std::size_t k : {3, 4, 5}) read_cue(cues[k], w - 1);
            break;
        case 'q': if (second == 'u') read_cue(cues[6], w - 1); break;
        case 'r': if (second == 'e') read_cue(cues[7], w - 1), read_cue(cues[8], w - 1); break;
        case 's': if (second == 'a') read_cue(cues[9], w - 1), read_cue(cues[10], w - 1); break;
        default: break;
        }
    };
    for (const auto& r : regions) {
        if (r.kind != region_kind::body) continue;
        const std::size_t b = r.where.begin, e = std::min(r.where.end, t.size());
        at_word(b);
        // the spaces, eight bytes at a time
        std::size_t i = b;
        if constexpr (std::endian::native == std::endian::little) {
            for (; i + 8 <= e; i += 8) {
                for (std::uint64_t m = text::swar::equal(text::swar::load(t.data() + i), ' '); m; m &= m - 1)
                    at_word(i + text::swar::first(m) + 1);
            }
        }
        for (; i < e; ++i)
            if (t[i] == ' ') at_word(i + 1);
    }
}

}  // namespace quotetrace::provenance
