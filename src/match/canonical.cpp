// The canonical form of a quote: words are found on the original bytes (so
// every token keeps its span), then each is normalised (NFKC_Casefold, marks,
// spelling, numbers, person and auxiliary folding), stemmed with Snowball, and
// reporting frames are marked. The only file of the stage that sees ICU and
// libstemmer.
#include <libstemmer.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <string>
#include <array>
#include <atomic>
#include <unordered_map>
#include <unordered_set>

#include "data.hpp"
#include "huge_pages.hpp"
#include "sorted.hpp"
#include "string_ids.hpp"
#include "quotetrace/match.hpp"

namespace quotetrace::match {
namespace {

using detail::sv_hash;
using word_map = std::unordered_map<std::string, std::string, sv_hash, std::equal_to<>>;
using word_set = std::unordered_set<std::string, sv_hash, std::equal_to<>>;

// sb_stemmer keeps its output buffer inside, so each thread has its own.
class snowball {
public:
    snowball() : s_(sb_stemmer_new("english", nullptr)) {}
    ~snowball() {
        if (s_) sb_stemmer_delete(s_);
    }
    snowball(const snowball&) = delete;
    snowball& operator=(const snowball&) = delete;

    // Stems are remembered: a corpus repeats few words many times.
    std::string stem(std::string_view w) {
        if (const auto it = cache_.find(w); it != cache_.end()) return it->second;
        if (cache_.size() >= cache_limit) cache_.clear();
        std::string s = compute(w);
        cache_.emplace(std::string(w), s);
        return s;
    }

private:
    static constexpr std::size_t cache_limit = 1u << 18;

    std::string compute(std::string_view w) {
        if (!s_ || w.empty()) return std::string(w);
        const sb_symbol* out =
            sb_stemmer_stem(s_, reinterpret_cast<const sb_symbol*>(w.data()), static_cast<int>(w.size()));
        if (!out) return std::string(w);  // out of memory: the word is its own stem
        return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(s_)));
    }

    sb_stemmer* s_;
    word_map cache_;
};

snowball& thread_stemmer() {
    thread_local snowball s;
    return s;
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032; }
bool is_word_char(UChar32 c) {
    if (c < 0) return false;
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == 0x00AD) return true;  // soft hyphen: NFKC_Casefold removes it
    const auto t = u_charType(c);
    return u_isalnum(c) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}
bool is_digit(UChar32 c) { return c >= 0 && u_isdigit(c); }
bool is_letter(UChar32 c) { return c >= 0 && u_isalpha(c); }
bool is_terminator(UChar32 c) { return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0xFF01 || c == 0xFF1F; }
// Marks that cut a clause: they bound reporting frames.
bool is_clause_mark(UChar32 c) {
    return c == ',' || c == ':' || c == ';' || c == 0x2013 || c == 0x2014 || c == 0xFF0C || c == 0xFF1A || c == '(' ||
           c == ')';
}
bool opens_sentence(UChar32 c) {
    return (c >= 0 && (u_isupper(c) || u_istitle(c) || u_isdigit(c))) || c == '"' || c == 0x201C || c == 0x2018 ||
           c == '\'' || c == 0x00AB || c == 0x201E || c == '(' || c == '[';
}
bool closes_after_terminator(UChar32 c) {
    return c == '"' || c == 0x201D || c == 0x2019 || c == '\'' || c == 0x00BB || c == ')' || c == ']' ||
           is_terminator(c);
}

struct cursor {
    std::string_view t;
    std::size_t i = 0;
    UChar32 peek(std::size_t at) const {
        if (at >= t.size()) return U_SENTINEL;
        auto k = static_cast<int32_t>(at);
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(t.data()), k, static_cast<int32_t>(t.size()), c);
        return c;
    }
    std::size_t next_index(std::size_t at) const {
        if (at >= t.size()) return t.size();
        auto k = static_cast<int32_t>(at);
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(t.data()), k, static_cast<int32_t>(t.size()), c);
        (void)c;
        return static_cast<std::size_t>(k);
    }
};

// A word as found in the text, before normalisation.
struct raw_word {
    std::size_t begin, end;
    std::uint32_t sentence;
    bool sentence_start;
    bool clause_mark_before;  // a comma, colon or dash stands between it and the previous word
    const char* synthetic;    // "percent" for "%", "and" for "&"; else null
};

bool all_ascii(std::string_view s) {
    for (const unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

}  // namespace

struct canonicalizer::impl {
    word_map spelling;
    word_map fold;
    word_set stop;
    word_set negations;
    word_set abbreviations;
    word_set frame_verbs;
    const icu::Normalizer2* nfkc_cf = nullptr;
    // names written in other words: canonical words of the name, and the
    // tokens it becomes; by first word, longest first
    struct phrase {
        std::vector<std::string> from;
        std::vector<token> to;
    };
    detail::string_ids phrase_starts;           // first words
    std::vector<std::vector<phrase>> phrases;  // per id of phrase_starts
    void fold_phrases(std::vector<token>& out, std::vector<bool>& mark_before) const;

    void add_spelling(const std::string& british, const std::string& american) {
        if (british != american) spelling.emplace(british, american);
    }
    void expand(const detail::word_lists& w);

    // one number per canonicalizer ever made: the per-thread word memory
    // belongs to one of them at a time
    inline static std::atomic<std::uint64_t> made{0};
    const std::uint64_t serial = ++made;

    // What a word written one way becomes, whatever its place: one or two
    // canonical words ("doesn't" -> does, not), each a token but for its
    // place (begin, end, sentence) and its capital, which depends on the
    // place too.
    struct analysis {
        bool capital = false;  // written with a capital first letter
        std::uint8_t count = 0;
        std::array<token, 2> words;
    };
    // `h` is the string_ids hash of `raw`
    const analysis& analyse(std::string_view raw, std::uint64_t h) const;
    struct word_memory;
    word_memory& memory() const;
    analysis analyse_uncached(std::string_view raw) const;

    std::vector<raw_word> split(std::string_view text) const;
    std::string normalise(std::string_view raw, bool& capital, bool& acronym) const;
    token make(std::string word, bool acronym) const;
    void emit(std::vector<token>& out, const token& word, const raw_word& r, bool capital) const;
    void mark_frames(std::vector<token>& t, const std::vector<bool>& mark_before, std::size_t b,
                     std::size_t e) const;
};

// Regular British forms from the word classes of spelling.yaml: "colour"
// gives colours, coloured, colouring, colourful, ... with their -or forms.
void canonicalizer::impl::expand(const detail::word_lists& w) {
    auto drop_e = [](const std::string& s) { return s.empty() || s.back() != 'e' ? s : s.substr(0, s.size() - 1); };
    for (const auto& b : w.our_or) {
        if (b.size() < 4 || b.compare(b.size() - 3, 3, "our") != 0) continue;
        const std::string a = b.substr(0, b.size() - 3) + "or";
        for (const char* suf : {"", "s", "ed", "ing", "ful", "fully", "less", "able", "ably", "er", "ers", "ite",
                                "ites", "itism", "al", "ally", "ism", "ist", "ists", "ize", "ized", "izes"})
            add_spelling(b + suf, a + suf);
    }
    for (const auto& b : w.ise_ize) {
        if (b.size() < 4 || b.compare(b.size() - 3, 3, "ise") != 0) continue;
        const std::string a = b.substr(0, b.size() - 3) + "ize";
        for (const char* suf : {"", "s", "d", "r", "rs"}) add_spelling(b + suf, a + suf);
        for (const char* suf : {"ing", "ation", "ations", "ational", "able"})
            add_spelling(drop_e(b) + suf, drop_e(a) + suf);
    }
    for (const auto& b : w.yse_yze) {
        if (b.size() < 4 || b.compare(b.size() - 3, 3, "yse") != 0) continue;
        const std::string a = b.substr(0, b.size() - 3) + "yze";
        for (const char* suf : {"", "s", "d", "r", "rs"}) add_spelling(b + suf, a + suf);
        add_spelling(drop_e(b) + "ing", drop_e(a) + "ing");
    }
    for (const auto& b : w.re_er) {
        if (b.size() < 3 || b.compare(b.size() - 2, 2, "re") != 0) continue;
        const std::string a = b.substr(0, b.size() - 2) + "er";
        add_spelling(b, a);
        add_spelling(b + "s", a + "s");
        add_spelling(b + "d", a + "ed");
        add_spelling(drop_e(b) + "ing", a + "ing");
    }
    for (const auto& b : w.ence_ense) {
        if (b.size() < 5 || b.compare(b.size() - 4, 4, "ence") != 0) continue;
        const std::string a = b.substr(0, b.size() - 4) + "ense";
        for (const char* suf : {"", "s", "less"}) add_spelling(b + suf, a + suf);
    }
    for (const auto& b : w.doubled_l) {
        for (const char* suf : {"ed", "ing", "er", "ers"}) add_spelling(b + "l" + suf, b + suf);
    }
    // explicit pairs win over generated forms
    for (const auto& [b, a] : w.spelling_pairs) spelling[b] = a;
    for (const auto& [word, digits] : w.numbers) spelling[word] = digits;
}

std::vector<raw_word> canonicalizer::impl::split(std::string_view text) const {
    std::vector<raw_word> words;
    cursor cur{text};
    std::uint32_t sentence = 0;
    bool at_sentence_start = true, mark_before = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const UChar32 c = cur.peek(i);
        const std::size_t next = cur.next_index(i);
        if (is_word_char(c)) {
            const std::size_t begin = i;
            std::size_t j = i;
            UChar32 prev = U_SENTINEL;
            while (j < text.size()) {
                const UChar32 d = cur.peek(j);
                const std::size_t after = cur.next_index(j);
                if (is_word_char(d)) {
                    prev = d;
                    j = after;
                    continue;
                }
                const UChar32 e = cur.peek(after);
                // inside a word: apostrophes between letters ("don't"), dots and
                // commas between digits ("1,000.5"), dots in acronyms ("U.S")
                const bool keep = (is_apostrophe(d) && is_letter(prev) && is_letter(e)) ||
                                  ((d == '.' || d == ',') && is_digit(prev) && is_digit(e)) ||
                                  (d == '.' && is_letter(prev) && is_letter(e) && u_isupper(e));
                if (!keep) break;
                prev = d;
                j = after;
            }
            words.push_back({begin, j, sentence, at_sentence_start, mark_before, nullptr});
            at_sentence_start = false;
            mark_before = false;
            i = j;
            continue;
        }
        if (c == '%' || c == 0xFF05 || c == '&') {
            words.push_back({i, next, sentence, at_sentence_start, mark_before, c == '&' ? "and" : "percent"});
            at_sentence_start = mark_before = false;
            i = next;
            continue;
        }
        if (is_clause_mark(c)) mark_before = true;
        if (is_terminator(c) && !words.empty() && !at_sentence_start) {
            // a sentence ends when what follows the run of closing marks opens
            // a sentence (or the text ends), unless the dot ends an abbreviation
            std::size_t j = next;
            while (j < text.size() && closes_after_terminator(cur.peek(j))) j = cur.next_index(j);
            bool space = false;
            while (j < text.size() && (u_isspace(cur.peek(j)) || cur.peek(j) == 0x00A0)) {
                j = cur.next_index(j);
                space = true;
            }
            bool ends = j >= text.size() || (space && opens_sentence(cur.peek(j)));
            if (ends && c == '.' && words.back().end == i && !words.back().synthetic) {
                const auto last = text.substr(words.back().begin, words.back().end - words.back().begin);
                std::string low(last);
                for (auto& ch : low)
                    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
                const bool single_letter = last.size() == 1 && is_letter(static_cast<unsigned char>(last[0]));
                const bool dotted = low.find('.') != std::string::npos && j < text.size();
                if (single_letter || dotted || abbreviations.count(low)) ends = false;
            }
            if (ends) {
                ++sentence;
                at_sentence_start = true;
                mark_before = false;
                i = j;
                continue;
            }
        }
        i = next;
    }
    return words;
}

// Case, compatibility forms and marks folded; acronym dots dropped. `capital`
// says whether the word starts with a capital, `acronym` whether it is
// written all in capitals ("US", "U.S.", "WHO"), which keeps it from being
// read as a function word.
std::string canonicalizer::impl::normalise(std::string_view raw, bool& capital, bool& acronym) const {
    std::string out;
    std::size_t letters = 0, upper = 0;
    if (all_ascii(raw)) {
        out.reserve(raw.size());
        for (const char ch : raw) {
            if (ch >= 'A' && ch <= 'Z') {
                ++letters;
                ++upper;
                out.push_back(static_cast<char>(ch - 'A' + 'a'));
            } else {
                if (ch >= 'a' && ch <= 'z') ++letters;
                out.push_back(ch);
            }
        }
        capital = !raw.empty() && raw[0] >= 'A' && raw[0] <= 'Z';
    } else {
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
        for (int32_t k = 0; k < u.length(); ++k)
            if (is_apostrophe(u.charAt(k))) u.setCharAt(k, u'\'');
        capital = u.length() > 0 && (u_isupper(u.char32At(0)) || u_istitle(u.char32At(0)));
        for (int32_t k = 0; k < u.length(); k = u.moveIndex32(k, 1)) {
            const UChar32 c = u.char32At(k);
            if (u_isalpha(c)) {
                ++letters;
                if (u_isupper(c) || u_istitle(c)) ++upper;
            }
        }
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString n = nfkc_cf ? nfkc_cf->normalize(u, status) : u.foldCase();
        if (U_FAILURE(status)) n = u.foldCase();
        n.toUTF8String(out);
    }
    acronym = letters >= 2 && upper == letters;
    if (out.empty() || out[0] < '0' || out[0] > '9') std::erase(out, '.');  // "U.S." -> us; "2.5" stays
    return out;
}

token canonicalizer::impl::make(std::string w, bool acronym) const {
    token t;
    const bool numeric = !w.empty() && w[0] >= '0' && w[0] <= '9';
    if (numeric) {
        std::erase(w, ',');
        if (w.size() > 2 && w.ends_with("s") && w[w.size() - 2] >= '0' && w[w.size() - 2] <= '9') w.pop_back();  // 1990s
        if (const auto dot = w.find('.'); dot != std::string::npos) {
            while (w.back() == '0') w.pop_back();
            if (w.back() == '.') w.pop_back();
        }
        t.number = w.find_first_not_of("0123456789.") == std::string::npos;
    }
    if (!t.number) {
        if (const auto it = spelling.find(w); it != spelling.end()) {
            w = it->second;
            t.number = !w.empty() && w.find_first_not_of("0123456789.") == std::string::npos;
        }
    }
    if (!acronym && !t.number) {
        if (const auto it = fold.find(w); it != fold.end()) w = it->second;
    }
    t.content = t.number || acronym || !stop.count(w);
    t.negation = !acronym && negations.count(w) > 0;
    t.stem = t.number ? w : thread_stemmer().stem(w);
    t.surface = std::move(w);
    return t;
}

void canonicalizer::impl::emit(std::vector<token>& out, const token& word, const raw_word& r, bool capital) const {
    out.push_back(word);
    token& t = out.back();
    t.begin = r.begin;
    t.end = r.end;
    t.sentence = r.sentence;
    t.capital = capital && !r.sentence_start;
}

canonicalizer::impl::analysis canonicalizer::impl::analyse_uncached(std::string_view raw) const {
    analysis a;
    bool acronym = false;
    std::string w = normalise(raw, a.capital, acronym);
    // contractions and possessives: "doesn't" -> does not, "Russia's" -> russia
    std::string tail;
    if (const auto ap = w.rfind('\''); ap != std::string::npos && ap > 0) {
        const std::string suf = w.substr(ap);
        if (suf == "'t" && w[ap - 1] == 'n') {
            w.resize(ap - 1);
            if (w == "ca") w = "can";
            else if (w == "wo") w = "will";
            else if (w == "sha") w = "shall";
            tail = "not";
        } else if (suf == "'s") {
            w.resize(ap);
        } else if (suf == "'re") {
            w.resize(ap), tail = "are";
        } else if (suf == "'ve") {
            w.resize(ap), tail = "have";
        } else if (suf == "'ll") {
            w.resize(ap), tail = "will";
        } else if (suf == "'d") {
            w.resize(ap), tail = "would";
        } else if (suf == "'m") {
            w.resize(ap), tail = "am";
        }
    }
    if (!w.empty()) a.words[a.count++] = make(std::move(w), acronym);
    if (!tail.empty()) a.words[a.count++] = make(std::move(tail), false);
    return a;
}

// Most words recur: each thread remembers what the words it met became (up
// to a bound, then it starts again), keyed by their bytes as written.
struct canonicalizer::impl::word_memory {
    std::uint64_t owner = 0;
    detail::string_ids words;
    detail::huge_vector<analysis> of;  // per id of `words`
};

canonicalizer::impl::word_memory& canonicalizer::impl::memory() const {
    thread_local word_memory m;
    constexpr std::size_t limit = 1u << 18;
    if (m.owner != serial || m.words.size() >= limit) {
        m.words.clear();
        m.of.clear();
        m.owner = serial;
    }
    return m;
}

const canonicalizer::impl::analysis& canonicalizer::impl::analyse(std::string_view raw, std::uint64_t h) const {
    auto& m = memory();
    if (const auto id = m.words.find(raw, h); id != detail::string_ids::missing) return m.of[id];
    analysis a = analyse_uncached(raw);
    bool added = false;
    m.words.insert(raw, h, added);
    m.of.push_back(std::move(a));
    return m.of.back();
}

// Reporting frames inside one sentence [b, e): "X said (that) ...", "...,
// X said", "according to X, ...". Their words stop counting as content, so
// direct and indirect versions of a statement compare on what was said.
void canonicalizer::impl::mark_frames(std::vector<token>& t, const std::vector<bool>& mark_before, std::size_t b,
                                      std::size_t e) const {
    if (e - b < 4) return;
    auto verb = [&](std::size_t k) { return frame_verbs.count(t[k].surface) > 0; };
    auto frame = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k) {
            t[k].frame = true;
            t[k].content = false;
        }
    };
    auto clause_end = [&](std::size_t k) {
        std::size_t q = k + 1;
        while (q < e && !mark_before[q]) ++q;
        return q;
    };
    // "according to X, ..." and "..., according to X"
    for (std::size_t k = b; k + 1 < e; ++k) {
        if (t[k].surface != "according" || t[k + 1].surface != "to" || (k > b && !mark_before[k])) continue;
        const std::size_t q = clause_end(k + 1);
        if (q - k <= 8 && (e - q >= 3 || k - b >= 3)) frame(k, q);
    }
    // "X said that ..." and "X said: ..." with a short subject and no clause
    // mark before the verb (without "that" the subject may be the statement's:
    // "officials said the plant closed")
    for (std::size_t k = b + 1; k < e && k - b <= 5; ++k) {
        if (mark_before[k]) break;
        if (!verb(k)) continue;
        std::size_t end = 0;
        for (std::size_t q = k + 1; q < e && q <= k + 3 && !mark_before[q]; ++q)
            if (t[q].surface == "that") {
                end = q + 1;
                break;
            }
        if (!end && k + 1 < e && mark_before[k + 1]) end = k + 1;
        if (end && e - end >= 3) frame(b, end);
        break;
    }
    // ", he said," and ", said the minister." after at least three words
    for (std::size_t k = b + 3; k < e; ++k) {
        if (!mark_before[k]) continue;
        const std::size_t q = clause_end(k);
        if (q - k > 6) continue;
        bool has_verb = false, has_that = false;
        for (std::size_t m = k; m < q; ++m) {
            has_verb = has_verb || verb(m);
            has_that = has_that || t[m].surface == "that";
        }
        if (has_verb && !has_that) frame(k, q);
    }
}

canonicalizer::canonicalizer(const std::string& grammar_dir) : impl_(std::make_unique<impl>()) {
    const auto w = detail::load_word_lists(grammar_dir);
    impl_->expand(w);
    for (const auto& [from, to] : w.fold) impl_->fold[from] = to;
    impl_->stop.insert(w.stop.begin(), w.stop.end());
    impl_->negations.insert(w.negations.begin(), w.negations.end());
    impl_->abbreviations.insert(w.abbreviations.begin(), w.abbreviations.end());
    const word_set nouns(w.also_nouns.begin(), w.also_nouns.end());
    for (const auto& v : w.speech_verbs)
        if (!v.ends_with("ing") && !nouns.count(v)) impl_->frame_verbs.insert(v);
    UErrorCode status = U_ZERO_ERROR;
    impl_->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) impl_->nfkc_cf = nullptr;  // fall back to plain case folding
    // names in the canonical form's own words, so they match what tokens() makes
    for (const auto& [name, canonical] : w.names) {
        impl::phrase ph;
        for (const auto& t : tokens(name)) ph.from.push_back(t.surface);
        ph.to = tokens(canonical);
        if (ph.from.size() < 1 || ph.to.empty() || (ph.from.size() == 1 && ph.to.size() == 1 && ph.from[0] == ph.to[0].surface))
            continue;
        bool added = false;
        const auto first = impl_->phrase_starts.insert(ph.from.front(), added);
        if (added) impl_->phrases.emplace_back();
        impl_->phrases[first].push_back(std::move(ph));
    }
    for (auto& list : impl_->phrases)
        std::stable_sort(list.begin(), list.end(),
                         [](const impl::phrase& a, const impl::phrase& b) { return a.from.size() > b.from.size(); });
}

// Replaces each name written in other words ("the Republic of Korea") by
// its canonical words ("south korea"), which keep the span of the whole.
void canonicalizer::impl::fold_phrases(std::vector<token>& out, std::vector<bool>& mark_before) const {
    for (std::size_t k = 0; k < out.size(); ++k) {
        const auto first = phrase_starts.find(out[k].surface);
        if (first == detail::string_ids::missing) continue;
        for (const auto& ph : phrases[first]) {
            const std::size_t n = ph.from.size();
            if (k + n > out.size()) continue;
            bool same = true;
            for (std::size_t m = 1; m < n && same; ++m)
                same = out[k + m].surface == ph.from[m] && out[k + m].sentence == out[k].sentence;
            if (!same) continue;
            std::vector<token> to = ph.to;
            for (auto& t : to) {
                t.begin = out[k].begin;
                t.end = out[k + n - 1].end;
                t.sentence = out[k].sentence;
                t.capital = out[k].capital;
            }
            const bool mark = mark_before[k];
            const auto at = static_cast<std::ptrdiff_t>(k);
            out.erase(out.begin() + at, out.begin() + at + static_cast<std::ptrdiff_t>(n));
            out.insert(out.begin() + at, to.begin(), to.end());
            mark_before.erase(mark_before.begin() + at, mark_before.begin() + at + static_cast<std::ptrdiff_t>(n));
            mark_before.insert(mark_before.begin() + at, to.size(), false);
            mark_before[k] = mark;
            k += to.size() - 1;
            break;
        }
    }
}

canonicalizer::~canonicalizer() = default;
canonicalizer::canonicalizer(canonicalizer&&) noexcept = default;
canonicalizer& canonicalizer::operator=(canonicalizer&&) noexcept = default;

std::vector<token> canonicalizer::tokens(std::string_view text) const {
    const auto words = impl_->split(text);
    // every word's slot in the word memory asked for first, so that their
    // cache misses overlap
    std::vector<std::uint64_t> hashes(words.size());
    const auto& memory = impl_->memory();
    for (std::size_t k = 0; k < words.size(); ++k)
        if (!words[k].synthetic) {
            hashes[k] = detail::string_ids::hash(text.substr(words[k].begin, words[k].end - words[k].begin));
            memory.words.prefetch(hashes[k]);
        }
    std::vector<token> out;
    out.reserve(words.size() + 4);
    std::vector<bool> mark_before;
    mark_before.reserve(words.size() + 4);
    for (std::size_t w = 0; w < words.size(); ++w) {
        const auto& r = words[w];
        const std::size_t first = out.size();
        if (r.synthetic) {
            impl_->emit(out, impl_->make(r.synthetic, false), r, false);
        } else {
            const auto& a = impl_->analyse(text.substr(r.begin, r.end - r.begin), hashes[w]);
            for (std::uint8_t k = 0; k < a.count; ++k) impl_->emit(out, a.words[k], r, k == 0 && a.capital);
        }
        for (std::size_t k = first; k < out.size(); ++k) mark_before.push_back(k == first && r.clause_mark_before);
    }
    // "per cent" is "percent"
    for (std::size_t k = 0; k + 1 < out.size(); ++k) {
        if (out[k].surface == "per" && out[k + 1].surface == "cent" && out[k].sentence == out[k + 1].sentence) {
            out[k].surface = out[k].stem = "percent";
            out[k].content = true;
            out[k].end = out[k + 1].end;
            out.erase(out.begin() + static_cast<std::ptrdiff_t>(k) + 1);
            mark_before.erase(mark_before.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        }
    }
    if (!impl_->phrases.empty()) impl_->fold_phrases(out, mark_before);
    for (std::size_t b = 0; b < out.size();) {
        std::size_t e = b + 1;
        while (e < out.size() && out[e].sentence == out[b].sentence) ++e;
        impl_->mark_frames(out, mark_before, b, e);
        b = e;
    }
    return out;
}

std::string canonicalizer::fold_word(std::string_view lower_word) const {
    std::string w(lower_word);
    if (const auto it = impl_->spelling.find(w); it != impl_->spelling.end()) w = it->second;
    if (const auto it = impl_->fold.find(w); it != impl_->fold.end()) w = it->second;
    return w;
}

std::string canonicalizer::stem(std::string_view word) { return thread_stemmer().stem(word); }

}  // namespace quotetrace::match
