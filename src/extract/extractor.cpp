// Orchestrates extraction for one document: regions, quote spans, frames
// around each span, indirect speech at each cue, then the speaker sieve.
#include "quotetrace/extract.hpp"

#include <algorithm>
#include <bit>
#include <unordered_map>
#include <unordered_set>

#include "../attribute/speakers.hpp"
#include "../clean/regions.hpp"
#include "grammars/attribution/attribution.hpp"
#include "marks.hpp"
#include "offset_map.hpp"
#include "scan.hpp"
#include "sentences.hpp"
#include "text.hpp"

namespace quotetrace {

const char* to_string(quote_kind k) noexcept {
    switch (k) {
    case quote_kind::direct: return "direct";
    case quote_kind::partial: return "partial";
    case quote_kind::indirect: return "indirect";
    }
    return "direct";
}

namespace {

using extract::quoted;

std::size_t single_from(const lexicon& lex) {
    // quote_marks.yaml lists double pairs first, then single ones; the loader
    // keeps that order, and single marks are the ones made of ' ‘ ’ ‚ ‹ ›.
    for (std::size_t i = 0; i < lex.quote_marks.size(); ++i) {
        const auto& o = lex.quote_marks[i].first;
        if (o == "'" || o == "\xE2\x80\x98" || o == "\xE2\x80\x9A" || o == "\xE2\x80\xB9") return i;
    }
    return lex.quote_marks.size();
}

struct sentence {
    span where;
    std::size_t paragraph = 0;
    region_kind kind = region_kind::body;
};

// A quote found by the frame search, before the speaker sieve.
struct found {
    quote q;
    std::size_t order = 0;
};

// The paragraph that holds `pos`, or the last one before it.
std::size_t paragraph_index(const std::vector<span>& paragraphs, std::size_t pos) {
    auto it = std::upper_bound(paragraphs.begin(), paragraphs.end(), pos,
                               [](std::size_t v, const span& s) { return v < s.begin; });
    return it == paragraphs.begin() ? 0 : static_cast<std::size_t>(it - paragraphs.begin() - 1);
}

// The word (a run of non-space bytes) that ends where [floor, end) ends,
// spaces trimmed; empty when there is none.
span word_before(std::string_view t, std::size_t floor, std::size_t end) {
    const std::size_t e = text::trim_end(t, floor, end);
    std::size_t b = e;
    while (b > floor && !text::is_space(static_cast<unsigned char>(t[b - 1]))) --b;
    return {b, e};
}

// Where "and" or "but" stands when the verb at `verb` is the second of a
// pair that shares a subject ("... and has repeatedly accused", "but
// later said"): up to three auxiliaries and adverbs may come between.
std::optional<std::size_t> second_verb_of(std::string_view t, std::size_t from, std::size_t verb) {
    std::size_t i = verb;
    for (int words = 0; words < 4; ++words) {
        const span at = word_before(t, from, i);
        if (at.empty() || t[at.end - 1] == ',') return std::nullopt;
        const std::size_t w = at.begin;
        const std::string_view word = at.in(t);
        if (word == "and" || word == "but") return w;
        const bool adverb = word.size() >= 5 && word.ends_with("ly") && word.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string_view::npos;
        static const std::unordered_set<std::string_view> between = {
            "has", "have", "had", "also", "then", "later", "again", "since", "now", "still", "even", "never",
            "once", "would", "will", "did", "does", "often"};
        if (!adverb && !between.count(word)) return std::nullopt;
        i = w;
    }
    return std::nullopt;
}

// The length of the lower-case "-ing" word of five letters or more that
// opens `v` and ends at a space or at v's end ("citing data ..."), or 0.
std::size_t opening_ing_word(std::string_view v) {
    std::size_t w = 0;
    while (w < v.size() && v[w] >= 'a' && v[w] <= 'z') ++w;
    if (w < 5 || (w < v.size() && v[w] != ' ') || v.compare(w - 3, 3, "ing") != 0) return 0;
    return w;
}

// Whether [np_end, verb) is ", <participle> ...," and nothing else: a
// participle's phrase of at most twelve words, with no quote in it.
bool participle_aside(std::string_view t, std::size_t np_end, std::size_t verb) {
    std::size_t i = text::skip_spaces(t, np_end, verb);
    if (i >= verb || t[i] != ',') return false;
    const span aside = text::trim(t, {i + 1, verb});
    if (aside.empty() || t[aside.end - 1] != ',' || text::word_count(t, aside) > 12) return false;
    const std::string_view inside = aside.in(t);
    const std::size_t w = opening_ing_word(inside);
    if (w == 0 || w >= inside.size()) return false;
    return inside.find('"') == std::string_view::npos && inside.find("\xE2\x80\x9C") == std::string_view::npos &&
           inside.find(';') == std::string_view::npos;
}

// A turn of an interview transcript: a paragraph that opens with its
// speaker's name in capitals and a colon ("TAPPER: Do you think ...",
// "\"PENCE: Well, look, ..."), the rest of the paragraph being the words.
struct turn {
    span zone;     // the paragraph
    span label;    // "JAKE TAPPER", "SEN. TED CRUZ" (without a bracket after it)
    span colon;
    span content;  // the words, without any quote marks around them
    std::string key;  // the label's last word, for telling speakers apart
    std::size_t paragraph = 0;
};

// The label at `i`: one to four words of capitals (with . ' - inside), an
// optional short bracket ("(R-TX)"), then ": " or ":" at the paragraph end.
std::optional<turn> turn_at(std::string_view t, std::size_t i, std::size_t end) {
    turn out;
    out.label.begin = i;
    std::size_t words = 0, letters = 0;
    while (i < end && words < 4) {
        const std::size_t w = i;
        std::size_t caps = 0;
        while (i < end) {
            const char c = t[i];
            if (c >= 'A' && c <= 'Z') ++caps, ++i;
            else if ((c == '.' || c == '\'' || c == '-') && i > w) ++i;
            else break;
        }
        if (caps == 0 || (i < end && t[i] >= 'a' && t[i] <= 'z')) return std::nullopt;
        ++words, letters += caps;
        out.key.assign(t.substr(w, i - w));
        if (i < end && t[i] == ' ' && i + 1 < end && t[i + 1] >= 'A' && t[i + 1] <= 'Z') { ++i; continue; }
        break;
    }
    out.label.end = i;
    if (i + 1 < end && t[i] == ' ' && t[i + 1] == '(') {
        const std::size_t close = t.find(')', i + 2);
        if (close == std::string_view::npos || close >= end || close - i > 16) return std::nullopt;
        i = close + 1;
    }
    if (i >= end || t[i] != ':' || letters < 2) return std::nullopt;
    if (i + 1 < end && t[i + 1] != ' ') return std::nullopt;
    // the page's own labels, not a speaker
    static const std::unordered_set<std::string_view> editorial = {
        "UPDATE", "UPDATED", "CORRECTION", "CLARIFICATION", "NOTE", "EDITOR'S NOTE", "EDITORS NOTE", "BYLINE",
        "EXCLUSIVE", "BREAKING", "DEVELOPING", "WATCH", "VIDEO", "PHOTO", "PHOTOS", "READ", "READ MORE", "RELATED",
        "LISTEN", "SOURCE", "SOURCES", "CREDIT", "ADVERTISEMENT", "TRANSCRIPT", "EXCERPT", "WARNING", "ALERT",
        "DATELINE", "SECTION", "LENGTH", "LOAD-DATE", "GRAPHIC", "SPOILER", "SPOILERS", "SUBSCRIBE", "ADDENDUM"};
    if (editorial.count(t.substr(out.label.begin, out.label.end - out.label.begin))) return std::nullopt;
    out.colon = {i, i + 1};
    return out;
}

// The turns of a transcript. A document is read as one only when at least
// three paragraphs open with a label and one speaker comes back (the host
// asks again), so a lone "UPDATE:" or "BYLINE:" is no speaker.
std::vector<turn> transcript_turns(std::string_view t, const std::vector<span>& paragraphs,
                                   const std::vector<region_kind>& kinds, const extract::mark_table& marks) {
    std::vector<turn> out;
    for (std::size_t p = 0; p < paragraphs.size(); ++p) {
        if (kinds[p] != region_kind::body) continue;
        const span para = paragraphs[p];
        std::size_t i = text::skip_spaces(t, para.begin, para.end);
        const auto open = marks.at(t, i);
        const bool marked = open.len && open.opens && !open.single;
        if (marked) i += open.len;
        auto u = turn_at(t, i, para.end);
        if (!u) continue;
        u->zone = para;
        u->paragraph = p;
        span words = text::trim(t, {u->colon.end, para.end});
        if (marked) {
            // the mark that closes the last paragraph of the quote
            for (std::size_t k = words.end > 3 ? words.end - 3 : words.begin; k < words.end; ++k) {
                const auto m = marks.at(t, k);
                if (m.len && k + m.len == words.end && m.closes && !m.single) {
                    words.end = k;
                    break;
                }
            }
            words = text::trim(t, words);
        }
        if (words.empty()) continue;
        u->content = words;
        out.push_back(std::move(*u));
    }
    std::unordered_map<std::string, std::size_t> seen;
    for (const auto& u : out) ++seen[u.key];
    const bool again = std::any_of(seen.begin(), seen.end(), [](const auto& kv) { return kv.second > 1; });
    if (out.size() < 3 || seen.size() < 2 || !again) out.clear();
    return out;
}

// A title rather than speech: every word capitalised but the small ones
// ("Face the Nation", "The Steve Harvey Morning Show", "Contract with America").
bool looks_like_title(std::string_view t, span s) {
    static const std::unordered_set<std::string_view> small = {
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "vs", "de"};
    // a question or an exclamation is speech, not a title
    const char last = s.end > s.begin ? t[s.end - 1] : ' ';
    if (last == '?' || last == '!') return false;
    std::size_t words = 0;
    std::size_t i = s.begin;
    while (i < s.end) {
        i = text::skip_spaces(t, i, s.end);
        std::size_t j = i;
        while (j < s.end && !text::space_len(t, j)) ++j;
        if (j == i) break;
        std::string_view w = t.substr(i, j - i);
        i = j;
        while (!w.empty() && (w.back() == '.' || w.back() == ',' || w.back() == '!' || w.back() == '?')) w.remove_suffix(1);
        const bool has_letter = std::any_of(w.begin(), w.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
        });
        if (w.empty() || !has_letter) continue;
        // every word but the small ones capitalised, at most eight of them:
        // the first word that is neither ends the question
        if (text::starts_upper(w, 0) || (w[0] >= '0' && w[0] <= '9')) {
            if (++words > 8) return false;
        } else if (!small.count(w)) {
            return false;
        }
    }
    return words >= 1;
}

// Whether the words before a quote mark make what follows the name of a
// show, a paper or an event: "on “Face the Nation”", "MSNBC’s “Morning Joe”".
bool names_a_work(std::string_view t, std::size_t open) {
    const std::string_view w = word_before(t, 0, open).in(t);
    static const std::unordered_set<std::string_view> preps = {"on", "in", "to", "at", "of", "from", "On", "In"};
    return preps.count(w) > 0 || w.ends_with("'s") || w.ends_with("\xE2\x80\x99s") || w.ends_with("s'");
}

// Whether the noun of a work stands right before the mark at `open`
// ("book, “...”", "the film “...”"): what follows is its title.
bool after_work_noun(std::string_view t, std::size_t open) {
    span w = word_before(t, 0, open);
    if (!w.empty() && t[w.end - 1] == ',') --w.end;
    static const std::unordered_set<std::string_view> works = {
        "book", "books", "novel", "memoir", "film", "movie", "documentary", "song", "album", "show", "series",
        "play", "musical", "poem", "column", "essay", "op-ed", "article", "headline", "podcast", "episode"};
    return works.count(w.in(t)) > 0;
}

// Length of a dash at `p` (- – — ―), or 0.
std::size_t dash_len(std::string_view t, std::size_t p) {
    if (p >= t.size()) return 0;
    if (t[p] == '-') return 1;
    if (p + 2 < t.size() && static_cast<unsigned char>(t[p]) == 0xE2 && static_cast<unsigned char>(t[p + 1]) == 0x80) {
        const auto c = static_cast<unsigned char>(t[p + 2]);
        if (c >= 0x93 && c <= 0x95) return 3;
    }
    return 0;
}

// Where the dash (or "--") that ends [.., end) begins, or `end`.
std::size_t dash_start(std::string_view t, std::size_t end) {
    std::size_t p = end;
    while (p > 0) {
        if (t[p - 1] == '-') --p;
        else if (p >= 3 && dash_len(t, p - 3) == 3) p -= 3;
        else break;
        if (end - p >= 3) break;
    }
    return p;
}

// A preposition that opens a gerund's phrase of the sentence's subject:
// "by saying", "after warning", "upon saying".
bool opens_gerund(std::string_view w) {
    return w == "by" || w == "after" || w == "upon" || w == "before" || w == "while" || w == "when";
}

// Whether a lower-case word (its verb) follows a subject that ends at
// `end`, before `limit`.
bool subject_then_verb(std::string_view t, std::size_t end, std::size_t limit) {
    const std::size_t v = text::skip_spaces(t, end, limit);
    return v < limit && t[v] >= 'a' && t[v] <= 'z';
}

// Whether `s` ends in a dash that sets off what follows.
bool ends_in_dash(std::string_view t, span s) {
    const std::size_t d = dash_start(t, s.end);
    return d < s.end && d > s.begin && t[d - 1] == ' ';
}

// A verb at `at` that, right after a quote, comes before its subject
// whatever that is ("“...,” said the 46-year-old"): not one that takes an
// object ("described the emotional impact") or a participle.
bool inverts(std::string_view t, std::size_t at) {
    static const std::unordered_set<std::string_view> verbs = {
        "said", "says", "added", "adds", "wrote", "writes", "asked", "asks", "replied", "replies",
        "explained", "recalled", "continued", "insisted", "argued", "warned", "noted", "observed"};
    std::size_t e = at;
    while (e < t.size() && text::is_letter_at(t, e)) ++e;
    return verbs.count(t.substr(at, e - at)) > 0;
}

// Verbs that take the reported clause directly ("said the talks failed").
bool plain_say(std::string_view w) {
    static const std::unordered_set<std::string_view> verbs = {
        "said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "stated", "warned", "warns",
        "argued", "argues", "insisted", "insists", "explained", "contended", "maintained", "asserted",
        "believes", "believed", "thinks", "thought"};
    return verbs.count(w) > 0;
}

// Verbs that take a clause or an object ("announced his candidacy", "claimed
// a victory"): without "that", only a clause opened by a subject pronoun.
bool object_or_clause(std::string_view w) {
    static const std::unordered_set<std::string_view> verbs = {
        "noted", "claimed", "announced", "predicted", "suggested", "declared", "reported", "acknowledged",
        "admitted", "conceded", "confirmed", "denied", "revealed", "promised"};
    return verbs.count(w) > 0;
}

// A subject pronoun, alone or contracted with its verb ("he'd", "they’re"),
// then a space.
bool opens_with_subject_pronoun(std::string_view next) {
    const std::size_t space = next.find(' ');
    if (space == std::string_view::npos) return false;
    std::string_view w = next.substr(0, space);
    for (std::string_view apostrophe : {"'", "\xE2\x80\x99"}) {
        const std::size_t a = w.find(apostrophe);
        if (a == std::string_view::npos) continue;
        const std::string_view rest = w.substr(a + apostrophe.size());
        if (rest != "d" && rest != "ll" && rest != "s" && rest != "re" && rest != "ve" && rest != "m") return false;
        w = w.substr(0, a);
    }
    for (std::string_view p : {"he", "she", "they", "it", "we", "I", "there", "He", "She", "They", "It", "We", "There"})
        if (w == p) return true;
    return false;
}

// A short subject opened by a possessive or "this", then an auxiliary or
// a modal within three words: "his firm was", "this was", "their plan
// would" (the clause after a hearer: "told the AP his firm was ...").
bool opens_with_determined_subject(std::string_view next) {
    static const std::unordered_set<std::string_view> openers = {"his", "her", "their", "its", "our", "my", "this"};
    static const std::unordered_set<std::string_view> auxiliaries = {
        "is", "was", "are", "were", "would", "will", "had", "has", "have", "could", "should", "can", "may",
        "might", "must", "did", "does", "do"};
    std::size_t at = 0;
    for (int k = 0; k < 4; ++k) {
        const std::size_t space = next.find(' ', at);
        if (space == std::string_view::npos) return false;
        const std::string_view w = next.substr(at, space - at);
        // (or a past tense: "his firm worked", "her group never worked")
        if (k == 0 ? !openers.count(w)
                   : auxiliaries.count(w) > 0 || w == "never" || (k > 1 && w.size() >= 5 && w.ends_with("ed")))
            return k > 0;
        // (a pronoun there is the subject: "this weekend he would ...")
        if (k > 0 && (w.empty() || !text::is_letter_at(next, at) || w.back() == ',' ||
                      opens_with_subject_pronoun(next.substr(at))))
            return false;
        at = space + 1;
    }
    return false;
}

// A clause that opens with a preposition, a subordinator or a participle is
// an adverbial ("At a rally in Ohio, Trump said"), not what was said.
bool adverbial_opening(std::string_view t, span clause) {
    std::size_t j = clause.begin;
    while (j < clause.end && !text::space_len(t, j) && t[j] != ',') ++j;
    const std::string w = text::lower(t.substr(clause.begin, j - clause.begin));
    // a degree word before a subordinator: "Even after ...", "Just before ..."
    static const std::unordered_set<std::string_view> degree = {"even", "just", "only", "right", "shortly", "long", "soon"};
    if (degree.count(w) && j < clause.end && t[j] != ',') {
        const std::size_t next = text::skip_spaces(t, j, clause.end);
        if (next > j && next < clause.end) return adverbial_opening(t, {next, clause.end});
    }
    static const std::unordered_set<std::string_view> openers = {
        "at", "in", "on", "after", "before", "during", "while", "when", "as", "since", "if", "although", "though",
        "because", "unlike", "like", "despite", "from", "with", "without", "by", "for", "of", "to", "under", "over",
        "speaking", "asked", "addressing", "writing", "meanwhile", "later", "earlier", "separately", "but", "and"};
    if (openers.count(w)) return true;
    // "Hours later, ...", "Two days earlier, ...", "A year ago, ..."
    const span last = word_before(t, clause.begin, clause.end);
    if (last.begin > clause.begin && text::word_count(t, clause) <= 4)
        for (std::string_view when : {"later", "earlier", "ago", "afterward", "afterwards"})
            if (text::equals_lower(last.in(t), when)) return true;
    return w.size() > 4 && w.ends_with("ing");
}

// Past the connectives that open a sentence without a comma ("And then
// Trump went on the attack, saying ...", "So Sanders ..."): where its
// subject may begin when it does not begin at the sentence's start. At
// most two are passed.
std::size_t past_connectives(std::string_view t, span s) {
    static constexpr std::string_view connectives[] = {"and",     "but",  "so",        "yet",     "then",
                                                       "still",   "now",  "later",     "instead", "also",
                                                       "meanwhile", "finally", "thus"};
    std::size_t at = s.begin;
    for (int k = 0; k < 2; ++k) {
        std::size_t j = at;
        while (j < s.end && !text::space_len(t, j) && t[j] != ',') ++j;
        if (j >= s.end || t[j] == ',') break;
        const std::string_view w = t.substr(at, j - at);
        if (std::none_of(std::begin(connectives), std::end(connectives),
                         [&](std::string_view c) { return text::equals_lower(w, c); }))
            break;
        at = text::skip_spaces(t, j, s.end);
    }
    return at;
}

// Past a conjunction that opens a clause ("But the plan ..."), where the
// clause itself begins.
std::size_t past_conjunction(std::string_view t, span clause) {
    for (std::string_view c : {"But ", "And ", "Yet ", "So "})
        if (t.compare(clause.begin, c.size(), c) == 0) return text::skip_spaces(t, clause.begin + c.size(), clause.end);
    return clause.begin;
}

// "WASHINGTON (AP) — " or "LOS ANGELES, Sept. 28 (UPI) — ": a dateline
// that opens a wire story is not part of what was said.
span strip_dateline(std::string_view t, span s) {
    const std::string_view v = s.in(t);
    const std::size_t limit = std::min<std::size_t>(v.size(), 60);
    for (std::string_view dash : {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- ", " - "}) {
        const std::size_t d = v.substr(0, limit).find(dash);
        if (d == std::string_view::npos) continue;
        const std::string_view head = v.substr(0, d);
        const bool wire = head.find(')') != std::string_view::npos ||
                          std::none_of(head.begin(), head.begin() + std::min<std::size_t>(head.size(), 6),
                                       [](char c) { return c >= 'a' && c <= 'z'; });
        if (wire) return text::trim(t, {s.begin + d + dash.size(), s.end});
    }
    return s;
}

// A clause that cannot stand on its own: "which tracks ...", "but he has ...".
bool opens_fragment(std::string_view v) {
    for (std::string_view w : {"which ", "who ", "whom ", "whose ", "but ", "and ", "or ", "while ", "although "})
        if (v.starts_with(w)) return true;
    return false;
}

// "citing data from the State Department": a participle's phrase, no clause
// (unless a finite verb follows: "replacing Clinton would be ..." is one).
bool opens_participle(std::string_view v) {
    if (opening_ing_word(v) == 0) return false;
    for (std::string_view finite : {" would ", " will ", " is ", " was ", " are ", " were ", " could ", " can ",
                                    " should ", " might ", " may ", " has ", " have ", " had ", " must "})
        if (v.find(finite) != std::string_view::npos) return false;
    return true;
}

// "added a note of caution": an article right after the verb opens its object.
bool opens_object(std::string_view next) { return next.starts_with("a ") || next.starts_with("an "); }

// A lower-case word that can open a long noun phrase: a determiner or a
// pronoun, then a space. The word before the first space is compared whole.
bool opens_noun_phrase(std::string_view w) {
    const std::size_t space = w.find(' ');
    if (space == std::string_view::npos) return false;
    const std::string_view first = w.substr(0, space);
    for (std::string_view d : {"the", "a", "an", "his", "her", "its", "their", "he", "she", "they", "it", "we"})
        if (first == d) return true;
    return false;
}

// Trims a reported clause: spaces, and punctuation that closes the sentence.
span trim_clause(std::string_view t, span clause) {
    clause = text::trim(t, clause);
    for (;;) {
        if (!clause.empty() && (t[clause.end - 1] == '.' || t[clause.end - 1] == ',' || t[clause.end - 1] == ':')) {
            --clause.end;
        } else if (const std::size_t d = dash_start(t, clause.end); d < clause.end && d > clause.begin && t[d - 1] == ' ') {
            clause.end = d;  // "... would be more intense —" before the next clause
        } else {
            break;
        }
        clause = text::trim(t, clause);
    }
    return clause;
}

// Words after a verb of saying that open an adjunct, not a clause: "said in a
// statement", "said Friday", "said nothing".
bool opens_adjunct(std::string_view next) {
    static constexpr std::string_view words[] = {"in ", "on ", "at ", "to ", "during ", "after ", "before ", "with ", "of ",
                                  "from ", "about ", "for ", "as ", "by ", "while ", "and ",
                                  "but ", "or ", "so ", "than ", "this ", "last ", "earlier ", "later ",
                                  "yesterday", "today", "Monday", "Tuesday", "Wednesday", "Thursday",
                                  "Friday", "Saturday", "Sunday", "nothing", "little", "much "};
    for (const std::string_view w : words)
        if (next.starts_with(w)) return true;
    return false;
}

// "stressing in a statement ...": a preposition after a participle opens an
// adjunct, not the reported words.
bool opens_preposition(std::string_view next) {
    for (std::string_view w : {"in ", "on ", "at ", "to ", "with ", "for ", "from ", "by ", "about ", "during ",
                               "after ", "before ", "as "})
        if (next.starts_with(w)) return true;
    return false;
}

// Verbs whose hearer may stand before the clause: "told reporters that".
bool tells_someone(std::string_view w) {
    static const std::unordered_set<std::string_view> verbs = {
        "told", "tells", "tell", "telling", "informed", "informs", "assured", "assures", "reminded", "reminds",
        "warned", "warns", "convinced", "promised", "promises", "advised", "notified", "persuaded", "urged",
        "urges", "asked", "asks", "encouraged", "pressed", "begged", "implored"};
    return verbs.count(w) > 0;
}

// After the hearer, what opens the reported clause: "if", "whether", "how",
// "why", "what", or (after a short hearer) an infinitive. Returns where the
// clause starts within `next` (the complementiser kept), or npos.
std::size_t opens_reported_question(std::string_view next, int hearer_words) {
    for (std::string_view w : {"if ", "whether ", "how ", "why ", "what ", "who "})
        if (next.starts_with(w)) return 0;
    if (hearer_words <= 4 && (next.starts_with("to ") || next.starts_with("not to "))) return 0;
    return std::string_view::npos;
}

// A word that opens an adjunct between a cue and its clause: "on Monday",
// "in a statement", "Friday", "this week", "repeatedly".
bool starts_adjunct(std::string_view w) {
    static const std::unordered_set<std::string_view> words = {
        "on", "in", "at", "during", "after", "before", "last", "this", "earlier", "later", "today", "yesterday",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "previously", "repeatedly",
        "recently", "again", "publicly", "privately", "separately", "also", "once", "twice", "often", "then",
        "late", "early", "over", "via", "through", "to", "when", "while", "for", "since", "throughout", "long",
        "still", "now", "flatly", "openly", "explicitly", "consistently", "frequently", "initially", "first"};
    return words.count(w) > 0;
}

// Whether the word after `at` names a stretch of time, as "this" opens an
// adjunct only before one ("said this week", not "maintained this faith").
bool is_time_noun(std::string_view t, std::size_t at, std::size_t end) {
    static const std::unordered_set<std::string_view> nouns = {
        "week",   "month",  "year",  "morning", "afternoon", "evening", "weekend", "spring",
        "summer", "fall",   "autumn", "winter", "time",      "season",  "past",    "term"};
    const std::size_t b = text::skip_spaces(t, at, end);
    std::size_t e = b;
    while (e < end && text::is_letter_at(t, e)) ++e;
    return nouns.count(t.substr(b, e - b)) > 0;
}

// A day named by itself: "Tuesday", "yesterday".
bool is_day(std::string_view w) {
    for (std::string_view d : {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "today",
                               "yesterday", "tonight"})
        if (w == d) return true;
    return false;
}

// "morning ", "night " after a day: part of the same adjunct.
bool is_part_of_day(std::string_view next) {
    for (std::string_view p : {"morning ", "afternoon ", "evening ", "night "})
        if (next.starts_with(p)) return true;
    return false;
}

// A conjunction after a comma that ends the reported clause: ", though she ...".
bool ends_clause(std::string_view next) {
    // a subordinate clause or a participle phrase after the comma belongs to
    // the sentence around the reported words: ", after half said so", ", compared with"
    for (std::string_view c : {"though ", "although ", "while ", "whereas ", "but ", "as well as ", "after ", "which ",
                               "before ", "since ", "because ", "compared ", "including ", "despite ", "amid ",
                               "following ", "unlike ", "even as ", "just as ", "as he ", "as she ", "as they "})
        if (next.starts_with(c)) return true;
    // ", and he railed against ...": a new main clause with its own subject
    for (std::string_view c : {"and ", "but ", "yet ", "so "})
        if (next.starts_with(c) && opens_with_subject_pronoun(next.substr(c.size()))) return true;
    // ", believing that ...", ", adding ...": the speaker's next thought, not these words
    for (std::string_view c : {"believing ", "saying ", "adding ", "noting ", "arguing ", "insisting ", "claiming ",
                               "explaining ", "stressing ", "warning ", "suggesting ", "pointing out "})
        if (next.starts_with(c)) return true;
    // ", he clarified that ...", ", another says ...": another frame begins
    const bool other = next.starts_with("another ") || next.starts_with("others ") || next.starts_with("one ") ||
                       next.starts_with("some ") || next.starts_with("many ");
    if (opens_with_subject_pronoun(next) || other) {
        const std::string_view rest = next.substr(next.find(' ') + 1);
        for (std::string_view v : {"said ", "says ", "added ", "clarified ", "noted ", "argued ", "insisted ",
                                   "explained ", "wrote ", "acknowledged ", "conceded "})
            if (rest.starts_with(v)) return true;
    }
    return false;
}

// Verbs whose object reports what was said ("stressed the importance of X",
// "criticized China's support"): the verb belongs to the reported words.
bool object_report(std::string_view w) {
    static const std::unordered_set<std::string_view> verbs = {
        "emphasized", "emphasised", "emphasizes", "stressed", "stresses", "criticized", "criticised", "criticizes",
        "underlined", "underscored", "highlighted", "reiterated", "reaffirmed", "expressed", "voiced"};
    return verbs.count(w) > 0;
}

bool is_participle_cue(std::string_view w) {
    return w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0;
}

// One warning per limit the document met, at its first place.
void report_limits(const document& doc, const extract::limit_hits& hits, const extract_options& opt) {
    auto warn = [&](const char* code, std::size_t count, std::size_t at, const std::string& what) {
        if (!count) return;
        diagnostic d;
        d.code = code;
        d.input = doc.kind == input_format::jsonl ? doc.path + " record " + doc.id : doc.path;
        d.offset = doc.source_offset(at);
        d.message = what + " at byte " + std::to_string(d.offset);
        if (doc.kind == input_format::text)
            d.message += " (line " + std::to_string(1 + std::count(doc.text.begin(), doc.text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + ")";
        if (count > 1) d.message += " and " + std::to_string(count - 1) + " more";
        opt.diag(d);
    };
    warn("quote.too_long", hits.too_long, hits.first_too_long,
         "quote longer than " + std::to_string(opt.max_quote_bytes) + " bytes left out");
    warn("quote.too_many", hits.too_many, hits.first_too_many,
         "more than " + std::to_string(opt.max_quotes) + " quotes; the rest of the document is not searched");
    warn("quote.too_deep", hits.too_deep, hits.first_too_deep,
         "quote marks nested deeper than " + std::to_string(opt.max_quote_depth) +
             " read as text");
}

}  // namespace

// How far from a quote its frame may stand, and how long a reported clause
// may run, in bytes.
constexpr std::size_t frame_reach = 600;
constexpr std::size_t clause_reach = 1500;

struct extractor::impl {
    lexicon lex;
    extract_options opt;
    grammar::attribution_grammar g;
    extract::mark_table marks;

    extract::cue_scanner scanner;
    clean::furniture furniture;
    attribute::speaker_lexicon speaker_words;
    std::unordered_set<std::string> nouns;     // cue words that are nouns too
    std::unordered_set<std::string> pronouns;  // lower-case subject pronouns
    std::unordered_set<std::string> roles;     // lower-case role nouns ("chief", "officials")
    std::unordered_set<std::string> no_subject;  // lower-case words that name no one alone ("once", "eight")
    std::unordered_set<std::string> function_words;  // the lexicon's not_names, in lower case ("with", "the")

    impl(const lexicon& l, extract_options o)
        : lex(l), opt(o), g(l), marks(l.quote_marks, single_from(l)), scanner(l), furniture(l), speaker_words(l) {
        for (const auto& w : l.also_nouns) nouns.insert(text::lower(w));
        for (const auto& p : l.pronouns) pronouns.insert(text::lower(p.first));
        pronouns.insert("who");
        for (const auto& r : l.roles) roles.insert(text::lower(r));
        for (const auto& w : l.not_names) {
            function_words.insert(text::lower(w));
            if (!pronouns.count(text::lower(w))) no_subject.insert(text::lower(w));
        }
        for (const auto& w : l.adverbs)
            if (w.find(' ') == std::string::npos) no_subject.insert(text::lower(w));
        for (const char* w : {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                              "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
                              "thousands", "dozens", "millions", "minutes", "hours", "days", "weeks", "months",
                              "years", "late", "early"})
            no_subject.insert(w);
    }

    // Token starts (byte offsets) inside [s.begin, s.end), into `out` (a
    // buffer the caller reuses).
    static const std::vector<std::size_t>& token_starts(std::string_view t, span s, std::vector<std::size_t>& out) {
        // at most one start in two bytes; written without a branch per byte
        out.resize(s.size() / 2 + 1);
        std::size_t* const o = out.data();
        std::size_t n = 0;
        bool prev_space = true;
        std::size_t i = s.begin;
        if constexpr (std::endian::native == std::endian::little) {
            // eight bytes at a time: a start is a non-space byte after a space
            for (; i + 8 <= s.end; i += 8) {
                const std::uint64_t sp = text::swar::space(text::swar::load(t.data() + i));
                for (std::uint64_t starts = ~sp & ((sp << 8) | (prev_space ? 0x80u : 0u)) & text::swar::high;
                     starts; starts &= starts - 1)
                    o[n++] = i + text::swar::first(starts);
                prev_space = sp >> 63;
            }
        }
        for (; i < s.end; ++i) {
            const bool sp = text::is_space(static_cast<unsigned char>(t[i]));
            o[n] = i;
            n += prev_space && !sp;
            prev_space = sp;
        }
        out.resize(n);
        return out;
    }

    // Where the subject phrase starting at each byte ends (0: none there),
    // remembered for the document: many cues look back over the same words.
    using subject_memo = extract::offset_map;

    // Where the subject phrase starting at `start` ends, or 0: parsed once per document.
    std::size_t subject_end(std::string_view t, std::size_t start, subject_memo& memo) const {
        auto [end_at, fresh] = memo.try_emplace(start);
        if (fresh) end_at = g.subject_end(t, start).value_or(0);
        return end_at;
    }

    // "Stoltenberg said" at `at`: the grammar's subject_cue, its subject
    // phrase taken from the memo (a subject, then adverbs and the verb).
    std::optional<grammar::frame> subject_cue(std::string_view t, std::size_t at, subject_memo& memo) const {
        const std::size_t np_end = subject_end(t, at, memo);
        if (np_end == 0) return std::nullopt;
        const auto verb = g.verb_after(t, np_end);
        if (!verb) return std::nullopt;
        grammar::frame f;
        f.np = {at, np_end};
        f.cue = *verb;
        f.end = verb->end;
        return f;
    }

    // The leftmost "NP (adverbs) CUE" whose cue is exactly `cue`, starting
    // after the last hard boundary before the cue (a sentence-internal stop,
    // colon, semicolon or quote mark): a subject never spans one.
    std::optional<grammar::frame> subject_of(std::string_view t, span clause, span cue, bool clause_verbs,
                                             subject_memo& memo) const {
        // Walk back from the cue over at most 16 words (10 without a comma: only
        // an apposition makes a subject long), stopping at a hard boundary.
        std::size_t starts_buf[16];
        std::size_t n = 0;
        bool comma = false;
        for (std::size_t i = cue.begin; i > clause.begin && n < 16;) {
            const char c = t[i - 1];
            const auto u = static_cast<unsigned char>(c);
            if (c == ';' || c == ':' || c == '?' || c == '!' || c == '"' ||
                ((u == 0x9C || u == 0x9D) && i >= 3 && static_cast<unsigned char>(t[i - 3]) == 0xE2))
                break;
            if (c == ',') comma = true;
            if (!text::is_space(u) && (i - 1 == clause.begin || text::is_space(static_cast<unsigned char>(t[i - 2])))) {
                if (n >= 10 && !comma) break;
                starts_buf[n++] = i - 1;
            }
            --i;
        }
        // A long apposition ("Lance Beebe, 49, a Navy veteran who now is a
        // civilian employee of the Air Force, said") may reach past the 16
        // words: then the clause's start is tried first as well.
        const std::size_t first = text::skip_spaces(t, clause.begin, cue.begin);
        const bool long_apposition = n == 16 && starts_buf[15] > first && cue.begin >= clause.begin + 2 &&
                                     t[cue.begin - 2] == ',' && text::starts_upper(t, first);
        // leftmost first
        for (std::size_t i = long_apposition ? std::size_t(-1) : 0; i != n; ++i) {
            const bool whole = i == std::size_t(-1);
            const std::size_t start = whole ? first : starts_buf[n - 1 - i];
            // Only a capital, a determiner or a pronoun opens a long noun phrase;
            // a lower-case one ("officials", "top aides") stands right before the verb.
            if (!text::is_letter_at(t, start)) continue;
            if (!text::starts_upper(t, start) && n - i > 4 && !opens_noun_phrase(t.substr(start, 6)))
                continue;
            const std::size_t np_end = subject_end(t, start, memo);
            if (np_end == 0 || np_end >= cue.begin) continue;
            auto verb = g.verb_after(t, np_end, clause_verbs);
            // "Sen. Durbin (D-Ill.), noting the size of the crowd, said": a
            // participle's phrase set off by commas between subject and verb
            if ((!verb || verb->begin != cue.begin) && participle_aside(t, np_end, cue.begin)) verb = cue;
            if (!verb || verb->begin != cue.begin) continue;
            grammar::frame f;
            f.np = {start, np_end};
            f.cue = *verb;
            f.end = verb->end;
            if (text::word_count(t, f.np) > (whole ? 24u : 14u)) continue;
            // "the report on the harbour, published on Friday, disappointed the
            // unions, calling ...": before a participle, only what can name someone
            if (is_participle_cue(f.cue.in(t)) && !names_someone(t, f.np)) continue;
            // "the terror attack": a cue that is also a noun, after a lower-case
            // word, is that noun.
            if (nouns.count(text::lower(f.cue.in(t)))) {
                const span w = word_before(t, f.np.begin, f.np.end);
                const std::string last = text::lower(w.in(t));
                // a role noun heads the subject only after a name: "NATO chief calls", not "the court term"
                const bool named_role = roles.count(last) && w.begin > f.np.begin &&
                                        text::starts_upper(t, word_before(t, f.np.begin, w.begin).begin);
                if (!text::starts_upper(t, w.begin) && !pronouns.count(last) && !named_role) continue;
            }
            return f;
        }
        return std::nullopt;
    }

    // A naming verb right after a common noun that names no speaker: "a short
    // film called", "a psychology class named" (not "he called", "the
    // senator dubbed"); with a title-case quote after it, that is a name.
    bool names_a_thing(std::string_view t, const grammar::frame& f) const {
        const std::string_view verb = f.cue.in(t);
        if (verb != "called" && verb != "named" && verb != "titled" && verb != "entitled" && verb != "dubbed")
            return false;
        // the head: the last word before any apposition
        const std::size_t comma = f.np.in(t).find(',');
        const span w = word_before(t, f.np.begin, comma == std::string_view::npos ? f.np.end : f.np.begin + comma);
        if (w.empty() || text::starts_upper(t, w.begin)) return false;
        const std::string head = text::lower(w.in(t));
        return !pronouns.count(head) && !roles.count(head);
    }

    // Whether a noun phrase can name a speaker: it opens with a name
    // ("Erin Brockovich, the activist,") or ends in a capital, a pronoun or
    // a role noun ("Sen. Sanders", "she", "the officials"), not in a verb the
    // subject parse ran into ("the neurosurgeon has provided").
    bool names_someone(std::string_view t, span np) const {
        std::size_t first = np.begin;
        while (first < np.end && !text::is_space(static_cast<unsigned char>(t[first]))) ++first;
        const std::string opening = text::lower(t.substr(np.begin, first - np.begin));
        // "Continuing to explain his view, Carson ...": a participle opens no subject
        if (is_participle_cue(opening)) return false;
        // one word that is capitalised only because it opens the sentence:
        // "Once ... and said", "Hastily ...", "Eight ..."
        if (text::trim_end(t, np.begin, np.end) <= first &&
            (no_subject.count(opening) || (opening.size() >= 5 && opening.ends_with("ly"))))
            return false;
        if (text::starts_upper(t, np.begin) && !opens_noun_phrase(opening + ' ') && !pronouns.count(opening))
            return true;
        std::size_t e = text::trim_end(t, np.begin, np.end);
        while (e > np.begin && (t[e - 1] == ',' || t[e - 1] == ';')) --e;
        const span w = word_before(t, np.begin, e);
        if (w.empty()) return false;
        if (text::starts_upper(t, w.begin)) return true;
        const std::string last = text::lower(w.in(t));
        return pronouns.count(last) > 0 || roles.count(last) > 0;
    }

    // Whether the words of a line are in title case: of its words of four
    // letters or more, all but one capitalised, and at least three of them.
    static bool title_case(std::string_view t, span line) {
        if (line.size() > 240) return false;  // a title, not a paragraph
        int long_words = 0, lower = 0;
        for (std::size_t i = line.begin; i < line.end;) {
            while (i < line.end && t[i] == ' ') ++i;
            std::size_t e = i;
            while (e < line.end && t[e] != ' ') ++e;
            if (e - i >= 4) {
                ++long_words;
                if (!text::starts_upper(t, i) && ++lower > 1) return false;
            }
            i = e;
        }
        return long_words >= 3;
    }

    // A headline in title case that reports speech: "Bernie Sanders Says
    // He's Already Started Writing His Inaugural Address." The speaker opens
    // it (a name or a description, up to eight words, no colon before), the
    // verb is capitalised like every word, and the clause runs to its end.
    struct headline_frame {
        span np, cue, clause;
    };
    std::optional<headline_frame> headline_says(std::string_view t, span line) const {
        static constexpr std::string_view verbs[] = {" Says ",   " Said ",    " Warns ",    " Claims ",
                                                     " Insists ", " Admits ", " Predicts ", " Argues ",
                                                     " Suggests ", " Believes ", " Thinks ", " Vows "};
        const std::string_view h = line.in(t);
        if (h.find(':') != std::string_view::npos) return std::nullopt;
        for (const std::string_view v : verbs) {
            const std::size_t at = h.find(v);
            if (at == std::string_view::npos) continue;
            const span np = text::trim(t, {line.begin, line.begin + at});
            span clause = text::trim(t, {line.begin + at + v.size(), line.end});
            while (clause.end > clause.begin && (t[clause.end - 1] == '.' || t[clause.end - 1] == '!')) --clause.end;
            const std::size_t words = text::word_count(t, np);
            // not a condition or a question: "If Obama Says It, It's True"
            static const std::unordered_set<std::string_view> openers = {"If", "When", "Why", "How", "What",
                                                                          "Who", "Whatever", "Whoever"};
            const std::string_view first = np.in(t).substr(0, np.in(t).find(' '));
            if (words == 0 || words > 8 || openers.count(first) || text::word_count(t, clause) < 3 ||
                !text::starts_upper(t, np.begin) || !names_someone(t, np) || np.in(t).find(',') != std::string_view::npos)
                return std::nullopt;
            // a name or a description, not a clause of its own: "Ben Carson
            // Defends Himself Against Claims He ...", "Kasich Just Revealed The 1 Thing He Says"
            static const std::unordered_set<std::string_view> no_subject_words = {
                "The", "A", "An", "Against", "After", "About", "Before", "With", "To", "For", "On", "In", "At",
                "From", "By", "Just", "Has", "Have", "Had", "Is", "Was", "Will", "Himself", "Herself", "He", "She"};
            for (std::size_t i = text::skip_spaces(t, np.begin, np.end); i < np.end;) {
                std::size_t e = i;
                while (e < np.end && !text::space_len(t, e)) ++e;
                if (i > np.begin && no_subject_words.count(t.substr(i, e - i))) return std::nullopt;
                i = text::skip_spaces(t, e, np.end);
            }
            return headline_frame{np, {line.begin + at + 1, line.begin + at + v.size() - 1}, clause};
        }
        return std::nullopt;
    }

    // The owner of a noun of speech that reports the words quoted at `open`
    // in the same sentence: "his warning that Britain would go to the “back
    // of the queue”", "Trump's controversial pledge to be “neutral”", "her
    // remark that “...”". The owner is a possessive pronoun or a name before
    // its 's, at most two words before the noun, and the noun at most twelve
    // words before the quote; returns the owner's words and the noun.
    std::optional<std::pair<span, span>> speech_noun_owner(std::string_view t, span before,
                                                           std::vector<std::size_t>& buf) const {
        const auto& toks = token_starts(t, before, buf);
        auto word_at = [&](std::size_t k) {
            std::size_t e = toks[k];
            while (e < before.end && !text::is_space(static_cast<unsigned char>(t[e]))) ++e;
            return span{toks[k], e};
        };
        for (std::size_t k = toks.size(); k-- > 0 && k + 13 >= toks.size();) {
            const span noun = word_at(k);
            // between the noun and the quote, no other clause (a comma) nor
            // another's verb of saying ("... call ended, his campaign sent a
            // release saying ..."); and not the words someone else gives the
            // noun ("played down Trump's comments as “...”")
            if (noun.in(t).find(',') != std::string_view::npos || (k + 1 < toks.size() && g.cue(t, toks[k + 1])))
                return std::nullopt;
            if (!nouns.count(text::lower(noun.in(t)))) continue;
            if (word_at(toks.size() - 1).in(t) == "as") return std::nullopt;
            for (std::size_t o = k; o-- > 0 && o + 3 >= k;) {
                const span w = word_at(o);
                const std::string_view word = w.in(t);
                if (word == "his" || word == "her" || word == "their" || word == "His" || word == "Her" ||
                    word == "Their")
                    return o > 0 && g.cue(t, toks[o - 1]) ? std::nullopt : std::optional{std::pair{w, noun}};
                std::size_t name_end = std::string_view::npos;
                if (word.ends_with("'s")) name_end = w.end - 2;
                else if (word.ends_with("\xE2\x80\x99s")) name_end = w.end - 4;
                if (name_end != std::string_view::npos && text::starts_upper(t, w.begin) && name_end > w.begin) {
                    // the name's other words before it: "Bernie Sanders's"
                    std::size_t b = o;
                    while (b > 0 && b + 3 > o && text::starts_upper(t, toks[b - 1]) &&
                           t[word_at(b - 1).end - 1] != ',')
                        --b;
                    // (not the connective that opens the sentence: "But Podliska's")
                    static const std::unordered_set<std::string_view> connectives = {
                        "But", "And", "While", "When", "If", "As", "After", "Before", "Since", "So", "Yet", "Or",
                        "Although", "Though", "Because", "Unlike", "Like", "For", "With", "Even", "Still"};
                    while (b < o && connectives.count(word_at(b).in(t))) ++b;
                    const span owner{toks[b], name_end};
                    // (nor one whose words another is reporting: "saying Trump's comments ...")
                    if (names_someone(t, owner) && !(b > 0 && g.cue(t, toks[b - 1]))) return std::pair{owner, noun};
                    return std::nullopt;
                }
                if (word.find(',') != std::string_view::npos) break;
            }
            return std::nullopt;  // only the noun nearest the quote
        }
        return std::nullopt;
    }

    // The subject that opens a sentence (past any dateline and a short
    // opening phrase), for a verb at `verb` that has none of its own
    // ("Sanders criticized the accord, saying ..."): when it ends before
    // `before` and can name someone.
    std::optional<span> sentence_subject(std::string_view t, std::size_t sentence, std::size_t verb,
                                         std::size_t before) const {
        const auto from = [&](std::size_t at) -> std::optional<span> {
            for (int tries = 0; tries < 2; ++tries) {
                if (const auto end = g.subject_end(t, at); end && *end < before && names_someone(t, {at, *end})) {
                    // a subject that runs up to the participle has taken in its
                    // verb ("Netanyahu rallied supporters by warning ..."): the
                    // name that opens it is the subject
                    if (text::trim(t, {*end, before}).empty() && text::starts_upper(t, at)) {
                        std::size_t e = at;
                        while (e < *end) {
                            std::size_t w = text::skip_spaces(t, e, *end);
                            if (w >= *end || !text::starts_upper(t, w)) break;
                            while (w < *end && !text::space_len(t, w)) ++w;
                            e = w;
                        }
                        // (when a past tense follows the name: "rallied", not "senator")
                        const std::size_t next = text::skip_spaces(t, e, *end);
                        std::size_t next_end = next;
                        while (next_end < *end && !text::space_len(t, next_end)) ++next_end;
                        if (e > at && next < *end && t.substr(next, next_end - next).ends_with("ed"))
                            return span{at, e};
                    }
                    return span{at, *end};
                }
                // past a short opening set off by a comma: "On Sunday, Sanders
                // ...", "Continuing to explain his view, Carson rejected ..."
                const std::size_t comma = t.find(", ", at);
                if (comma == std::string_view::npos || comma >= before || text::word_count(t, {at, comma}) > 8 ||
                    !adverbial_opening(t, {at, comma}))
                    break;
                at = comma + 2;
                // the state after a town belongs to the opening: "in Aspen, Colo., the ..."
                if (const std::size_t e = t.find(".,", at); e != std::string_view::npos && e > at && e - at <= 5 &&
                    e + 3 < before && text::starts_upper(t, at) && text::word_count(t, {at, e}) == 1)
                    at = e + 3;
            }
            return std::nullopt;
        };
        const std::size_t start = strip_dateline(t, {sentence, verb}).begin;
        if (auto subject = from(start)) return subject;
        const std::size_t past = past_connectives(t, {start, verb});
        return past != start ? from(past) : std::nullopt;
    }

    // A participle cue that introduces the quote at `open`: "..., telling
    // them, “...”", "..., adding: “...”".
    std::optional<span> participle_before(std::string_view t, span pre, std::size_t open,
                                          std::vector<std::size_t>& buf) const {
        const auto& toks = token_starts(t, {std::max(pre.begin, pre.end > 80 ? pre.end - 80 : 0), pre.end}, buf);
        for (std::size_t k = toks.size(); k-- > 0 && k + 4 >= toks.size();) {
            auto c = g.cue(t, toks[k]);
            if (!c || !is_participle_cue(c->in(t))) continue;
            const std::size_t words = text::word_count(t, text::trim(t, {c->end, open}));
            const bool hearer = tells_someone(c->in(t)) || c->in(t) == "telling" || c->in(t) == "asking";
            const char last = t[text::trim_end(t, pre.begin, pre.end) - 1];
            if ((last == ',' || last == ':') && words <= (hearer ? 3u : 1u)) return c;
        }
        return std::nullopt;
    }

    // Where the reported clause that starts at `clause.begin` ends: at a
    // participle or "according to" after a comma, a conjunction that opens
    // another clause (", though"), a second verb of saying ("and said"), or
    // before a direct quote that the cue introduces.
    std::size_t clause_end(std::string_view t, span clause, span sentence, const std::vector<const quoted*>& outer,
                           std::vector<std::size_t>& buf) const {
        // a reported clause is a sentence's worth of words, not a page's
        for (std::size_t k : token_starts(t, {clause.begin, std::min(clause.end, clause.begin + clause_reach)}, buf)) {
            auto q = std::lower_bound(outer.begin(), outer.end(), k,
                                      [](const quoted* o, std::size_t v) { return o->open.begin < v; });
            if (q != outer.end() && (*q)->open.begin == k) {
                // a quote right after the cue that runs to the sentence end is the
                // cue's direct quote; one followed by more words is part of the clause
                if (text::trim(t, {clause.begin, k}).empty()) {
                    const std::size_t zend = (*q)->close.empty() ? (*q)->content.end : (*q)->close.end;
                    if (text::word_count(t, {zend, sentence.end}) <= 2) return clause.begin;
                }
                continue;
            }
            // a semicolon ends the clause; so does a comma, also one that closes a quote (,” while)
            if (k >= clause.begin + 2 && t[k - 1] == ' ' && t[k - 2] == ';') return k - 2;
            const bool after_comma = k >= clause.begin + 2 && t[k - 1] == ' ' &&
                                     (t[k - 2] == ',' || (k >= clause.begin + 3 && t[k - 3] == ',' && t[k - 2] == '"') ||
                                      (k >= clause.begin + 5 && t[k - 5] == ',' &&
                                       t.compare(k - 4, 3, "\xE2\x80\x9D") == 0));
            if (after_comma) {
                // ", stating ..." or the main verb after a relative clause: "X, who said A, said B".
                // The clause ends at the comma, or after the quote mark that closes a
                // quote it holds (“peanuts,” compared): never inside the mark.
                const std::size_t cut = t[k - 2] == ',' ? k - 2 : k - 1;
                if (g.cue(t, k)) return cut;
                if (t.compare(k, 13, "according to ") == 0) return cut;
                if (ends_clause(t.substr(k, std::min<std::size_t>(16, sentence.end - k)))) return cut;
            }
            // so does a dash before a new clause: "... more intense — and he noted that ..."
            if (k >= clause.begin + 3 && t[k - 1] == ' ') {
                const std::size_t d = dash_start(t, k - 1);
                if (d < k - 1 && d > clause.begin && t[d - 1] == ' ' &&
                    ends_clause(t.substr(k, std::min<std::size_t>(16, sentence.end - k))))
                    return d - 1;
            }
            if (k > clause.begin && (t.compare(k, 4, "and ") == 0 || t.compare(k, 4, "but ") == 0)) {
                // "... and said she would": a second verb of saying (not a noun: "and state law")
                const std::size_t v = text::skip_spaces(t, k + 4, clause.end);
                if (auto c = g.cue(t, v); c && !nouns.count(text::lower(c->in(t)))) return k;
            }
        }
        return clause.end;
    }

    std::vector<quote> run(document& doc, speaker_registry& names) const;
};

extractor::extractor(const lexicon& lex, extract_options opt) : impl_(std::make_unique<impl>(lex, opt)) {}
extractor::~extractor() = default;
extractor::extractor(extractor&&) noexcept = default;

std::vector<quote> extractor::extract(document& doc, speaker_registry& names) const { return impl_->run(doc, names); }

std::vector<quote> extractor::impl::run(document& doc, speaker_registry& names) const {
    const std::string_view t = doc.text;
    doc.regions = furniture.regions(t, doc.meta.title.value);

    std::vector<span> paragraphs;
    std::vector<region_kind> para_kind;
    for (const auto& r : doc.regions) {
        if (r.kind == region_kind::boilerplate || r.kind == region_kind::byline) continue;
        paragraphs.push_back(r.where);
        para_kind.push_back(r.kind);
    }
    extract::limit_hits hits;
    const auto spans =
        extract::find_quotes(t, paragraphs, marks, opt.max_quote_bytes, opt.max_quote_depth, &hits, opt.max_quotes);
    // A transcript's turns are its quotes; marks that open a turn or sit
    // inside one are not read as quotes of their own.
    const auto turns = transcript_turns(t, paragraphs, para_kind, marks);
    std::vector<bool> turn_paragraph(paragraphs.size(), false);
    for (const auto& u : turns) turn_paragraph[u.paragraph] = true;
    std::vector<const quoted*> outer;
    for (const auto& q : spans)
        if (q.depth == 0 && (turns.empty() || !turn_paragraph[paragraph_index(paragraphs, q.open.begin)]))
            outer.push_back(&q);

    // Sentences per paragraph, with quote spans opaque.
    std::vector<sentence> sentences;
    {
        std::size_t qi = 0;
        std::vector<const quoted*> here;
        std::vector<span> split;
        for (std::size_t p = 0; p < paragraphs.size(); ++p) {
            here.clear();
            while (qi < outer.size() && outer[qi]->open.begin < paragraphs[p].begin) ++qi;
            for (std::size_t k = qi; k < outer.size() && outer[k]->open.begin < paragraphs[p].end; ++k)
                here.push_back(outer[k]);
            if (turn_paragraph[p]) continue;  // a turn is one quote, not sentences to frame
            extract::split_sentences(t, paragraphs[p], here, split);
            for (const auto& s : split) sentences.push_back({s, p, para_kind[p]});
        }
    }
    auto sentence_at = [&](std::size_t pos) -> const sentence* {
        auto it = std::upper_bound(sentences.begin(), sentences.end(), pos,
                                   [](std::size_t v, const sentence& s) { return v < s.where.begin; });
        if (it == sentences.begin()) return nullptr;
        --it;
        return pos <= it->where.end ? &*it : nullptr;
    };
    auto paragraph_of = [&](std::size_t pos) { return paragraph_index(paragraphs, pos); };

    std::vector<found> results;
    std::vector<span> framing_cues;  // cues that introduce a quote: not indirect speech by themselves
    std::vector<span> quote_zones;   // outer quote spans, marks included, in text order
    for (const quoted* o : outer) quote_zones.push_back({o->open.begin, o->close.empty() ? o->content.end : o->close.end});
    if (!turns.empty()) {
        for (const auto& u : turns) quote_zones.push_back(u.zone);
        std::sort(quote_zones.begin(), quote_zones.end(), [](span a, span b) { return a.begin < b.begin; });
    }
    auto in_quote = [&](std::size_t pos) {
        auto it = std::upper_bound(quote_zones.begin(), quote_zones.end(), pos,
                                   [](std::size_t v, const span& z) { return v < z.begin; });
        return it != quote_zones.begin() && pos < std::prev(it)->end;
    };
    auto any_zone_in = [&](span s) {
        auto it = std::lower_bound(quote_zones.begin(), quote_zones.end(), s.begin,
                                   [](const span& z, std::size_t v) { return z.end <= v; });
        return it != quote_zones.end() && it->begin < s.end;
    };

    subject_memo memo;
    std::vector<std::size_t> toks_buf;  // token starts, reused

    // The candidate scan: where a cue word may start, outside furniture.
    std::vector<std::size_t> cands;
    for (const auto& para : paragraphs) scanner.scan(t, para, cands);
    auto cands_in = [&](span s) {
        auto b = std::lower_bound(cands.begin(), cands.end(), s.begin);
        auto e = std::lower_bound(b, cands.end(), s.end);
        return std::make_pair(b, e);
    };
    // The "NP CUE" frame closest before `end` in [begin, end): the rightmost cue with a subject.
    auto frame_before = [&](span where) -> std::optional<grammar::frame> {
        auto [b, e] = cands_in(where);
        for (auto it = e; it != b;) {
            --it;
            if (in_quote(*it)) continue;
            auto cue = g.cue(t, *it);
            if (!cue || cue->end > where.end) continue;
            auto f = subject_of(t, where, *cue, false, memo);
            if (!f) continue;
            // "Jessica Mackler issued a statement saying ...", "emailed
            // supporters saying": before a participle, a noun phrase right
            // after a lower-case word is that verb's object; the sentence's
            // subject is the speaker (not after a preposition: "with the
            // Chinese Defense Minister Dong Jun stating that ...")
            // ... and so is one after a preposition of direction ("blasted out
            // an email to supporters stating")
            if (is_participle_cue(cue->in(t))) {
                const span word = word_before(t, where.begin, f->np.begin);
                const std::string_view w = word.in(t);
                const bool lower = !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
                const bool toward = w == "to" || w == "for" || w == "at" || w == "from" || w == "among";
                if (lower && (toward || !function_words.count(std::string(w))))
                    if (auto subject = sentence_subject(t, where.begin, f->np.begin, f->np.begin)) f->np = *subject;
            }
            return f;
        }
        return std::nullopt;
    };

    // The frame that closes the words `s` ("..., said RoseAnn DeMoro, the
    // union's director.", "..., Schiff said Tuesday."): after one of its last
    // three commas, with at most `words_before` words before that comma, and
    // after it an apposition or an adjunct of a few words (not an object:
    // "Hoenlein described the meeting"), none of them quoted. A relative
    // "who" frames nothing before it.
    auto closing_frame = [&](span s, std::size_t words_before) -> std::optional<grammar::frame> {
        std::size_t comma = s.size();
        for (int tries = 0; tries < 3; ++tries) {
            comma = comma == 0 ? std::string_view::npos : s.in(t).rfind(", ", comma - 1);
            if (comma == std::string_view::npos || comma == 0) break;
            const std::size_t at = s.begin + comma + 2;
            auto f = subject_cue(t, at, memo);
            if (!f) f = g.cue_subject(t, at, inverts(t, at));
            if (!f || f->np.in(t) == "who") continue;
            const span rest = text::trim(t, {f->end, s.end});
            const std::size_t rest_words = text::word_count(t, rest);
            if (text::word_count(t, {s.begin, s.begin + comma}) <= words_before &&
                (rest_words <= 4 || (t[rest.begin] == ',' && rest_words <= 14)) && !any_zone_in({f->end, s.end}) &&
                rest.in(t).find(" that ") == std::string_view::npos)
                return f;
        }
        return std::nullopt;
    };

    // ---- quotes in marks ----
    std::size_t last_attributed_para = static_cast<std::size_t>(-1);
    for (const quoted* qp : outer) {
        const quoted& q = *qp;
        const span zone{q.open.begin, q.close.empty() ? q.content.end : q.close.end};
        const sentence* s0 = sentence_at(q.open.begin);
        const sentence* s1 = sentence_at(zone.end > 0 ? zone.end - 1 : 0);
        if (!s0) continue;
        if (!s1) s1 = s0;
        const bool headline = s0->kind == region_kind::headline || s0->kind == region_kind::caption;
        // A frame stands within a few hundred bytes of its quote; bounding the
        // search keeps a run-on "sentence" of many quotes linear.
        const span pre = text::trim(t, {std::max(s0->where.begin, q.open.begin > frame_reach ? q.open.begin - frame_reach : 0),
                                        q.open.begin});
        span post = text::trim(t, {zone.end, std::min(std::max(zone.end, s1->where.end), zone.end + frame_reach)});
        // "“That is a false equivalency!” Maher replied.": a quote that ends in
        // "!" or "?" ends its sentence for the splitter, but a short frame in
        // the next sentence of the paragraph still belongs to it.
        span next_sentence;
        if (post.empty() && !q.close.empty() && q.content.end > q.content.begin &&
            (t[q.content.end - 1] == '!' || t[q.content.end - 1] == '?') && s1 + 1 < sentences.data() + sentences.size() &&
            paragraph_of(s1[1].where.begin) == paragraph_of(q.open.begin)) {
            next_sentence = s1[1].where;
            post = text::trim(t, {next_sentence.begin, std::min(next_sentence.end, next_sentence.begin + frame_reach)});
        }

        quote out;
        out.content = q.content;
        out.flags.headline = headline;
        out.flags.continued = q.continued;
        std::string rule;
        std::optional<grammar::frame> frame;

        // After the quote: ", Stoltenberg said" / ", said Stoltenberg" / " - Commissioner Starks"
        std::size_t p = post.begin;
        bool dash = false;
        while (p < post.end && (t[p] == ',' || text::space_len(t, p))) p += text::space_len(t, p) ? text::space_len(t, p) : 1;
        if (const std::size_t d = dash_len(t, p); d && p < post.end) {
            dash = true;
            p = text::skip_spaces(t, p + d, post.end);
        }
        if (p < post.end && !dash) {
            // (a participle after a noun phrase modifies it: "describing as
            // “unhinged” a Donald Trump tweet attacking ...")
            frame = subject_cue(t, p, memo);
            if (frame && is_participle_cue(frame->cue.in(t))) frame.reset();
            if (frame) rule = "quote-np-cue";
            else if ((frame = g.cue_subject(t, p, inverts(t, p)))) rule = "quote-cue-np";
            else if ((frame = g.according_to(t, p))) rule = "quote-according-to";
            // in the next sentence only a frame with little after it: not "Analysts
            // said that the market would recover."
            if (frame && !next_sentence.empty()) {
                const span rest = text::trim(t, {frame->end, next_sentence.end});
                if (text::word_count(t, rest) > 8 || rest.in(t).find("that ") != std::string_view::npos) {
                    frame.reset();
                    rule.clear();
                }
            }
        } else if (dash && p < post.end) {
            if ((frame = g.noun_phrase(t, p)) && frame->np.end >= text::trim_end(t, p, post.end) - 1) {
                frame->cue = {q.close.end, q.close.end};
                rule = "quote-dash-np";
            } else {
                frame.reset();
            }
        }
        // "“We’re extremely happy” about the decision, said RoseAnn DeMoro.":
        // a frame that closes the sentence after more of its words reports
        // them, and the quote among them
        bool closing = false;
        if (!frame && !dash && !headline && p < post.end && next_sentence.empty()) {
            if ((frame = closing_frame(post, 12))) {
                rule = "quote-clause-np-cue";
                closing = true;
            }
        }
        const bool post_frame = frame.has_value();
        bool direct = false;
        if (post_frame) {
            // direct when nothing but the frame surrounds the quote
            direct = !closing &&
                     (pre.empty() || (pre.end > pre.begin && (t[pre.end - 1] == ':' || t[pre.end - 1] == ',')));
        } else if (!pre.empty()) {
            // Before the quote: the cue closest to the quote with a subject in front of it.
            const std::optional<grammar::frame> best = frame_before(pre);
            if (best) {
                frame = best;
                const span gap = text::trim(t, {best->cue.end, q.open.begin});
                // "a short film called “Tenemos Familias”": a thing's name,
                // not words anyone said (but "what he called “...”" is)
                if (gap.empty() && names_a_thing(t, *best) && looks_like_title(t, q.content)) continue;
                const std::size_t gap_words = text::word_count(t, gap);
                const char last = gap.empty() ? ',' : t[gap.end - 1];
                // a participle cue right before the quote: "..., stating, “...”"
                bool participle = false;
                span participle_cue;
                {
                    const auto& toks = token_starts(t, {std::max(gap.begin, gap.end > 80 ? gap.end - 80 : 0), gap.end}, toks_buf);
                    for (std::size_t k = toks.size(); k-- > 0 && k + 3 >= toks.size();) {
                        if (auto c = g.cue(t, toks[k]); c && is_participle_cue(c->in(t))) {
                            // "stating, “...”", or with a hearer: "telling Reuters, “...”"
                            const span rest = text::trim(t, {c->end, q.open.begin});
                            const bool hearer = tells_someone(c->in(t)) || c->in(t) == "telling" || c->in(t) == "asking";
                            if (text::word_count(t, rest) <= (hearer ? 3u : 1u)) {
                                participle = true;
                                participle_cue = *c;
                            }
                        }
                    }
                }
                const bool filler = gap_words <= 10 && (last == ',' || last == ':' || gap.empty()) &&
                                    gap.in(t).find(" that ") == std::string_view::npos &&
                                    gap.in(t).rfind("that ", 0) != 0;
                direct = filler || participle;
                rule = direct ? (participle ? "np-cue-participle-quote" : "np-cue-quote") : "reported-speech-partial";
                // The cue that introduces the quote: the participle when there is
                // one, so "X said that ..., stating, “...”" keeps its reported clause.
                if (direct) framing_cues.push_back(participle && !filler ? participle_cue : best->cue);
                const span after = post;
                if (direct && !after.empty() && text::word_count(t, after) > 2) {
                    direct = false;  // the quote runs into more of the sentence: a fragment
                    rule = "reported-speech-partial";
                }
            } else if (auto f = pre.in(t).starts_with("According to ") || pre.in(t).starts_with("according to ")
                                    ? g.according_to(t, pre.begin)
                                    : std::nullopt;
                       f && (t[pre.end - 1] == ',' || t[pre.end - 1] == ':')) {
                // "According to the newspaper, “...”"
                frame = f;
                direct = true;
                rule = "according-to-quote";
            } else if (auto p = participle_before(t, pre, q.open.begin, toks_buf)) {
                // "..., telling Reuters, “...”" with the subject opening the sentence
                if (auto subject = sentence_subject(t, s0->where.begin, p->begin, p->begin + 1)) {
                    frame = grammar::frame{};
                    frame->np = *subject;
                    frame->cue = *p;
                    direct = true;
                    rule = "np-participle-quote";
                    framing_cues.push_back(*p);
                }
            } else if (t[pre.end - 1] == ':' || ends_in_dash(t, pre)) {
                // "US State Department on Putin's visit: “...”", "He said: “...”"
                const std::size_t mark = t[pre.end - 1] == ':' ? pre.end - 1 : dash_start(t, pre.end);
                // a digest's heading, a dash, then who is quoted: "IOWA POLLS NOT
                // NECESSARILY WRONG - Mark Blumenthal and Jon Cohen: “...”"
                std::size_t np_at = pre.begin;
                if (t[pre.end - 1] == ':') {
                    // (within the last hundred bytes: a name of up to eight words)
                    const std::size_t near = pre.end - std::min<std::size_t>(pre.size(), 100);
                    for (std::string_view d : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "})
                        if (const std::size_t at = t.substr(near, pre.end - near).rfind(d); at != std::string_view::npos &&
                            text::word_count(t, {near + at + d.size(), mark}) <= 8)
                            np_at = std::max(np_at, near + at + d.size());
                }
                if (np_at > pre.begin && t.compare(np_at, 10, "More from ") == 0) np_at += 10;  // "- More from X:"
                auto f = t[pre.end - 1] == ':' ? g.noun_phrase(t, np_at) : std::nullopt;
                // a word set off by a comma opens a clause, not a heading: "Likewise, a paper ...:"
                if (f && text::word_count(t, {f->np.begin, f->end}) == 1 &&
                    text::skip_spaces(t, f->end, pre.end) < pre.end && t[text::skip_spaces(t, f->end, pre.end)] == ',')
                    f.reset();
                if (f) {
                    frame = f;
                    frame->cue = {mark, pre.end};
                    direct = true;
                    rule = "np-colon-quote";
                } else if (auto subject = sentence_subject(t, s0->where.begin, mark, mark);
                           subject && subject_then_verb(t, subject->end, mark)) {
                    // "In a Fox interview, Trump went even further: “...”", "Trump
                    // also embraced enhanced interrogation -- “...”": the quote
                    // is what the sentence's subject said
                    frame = grammar::frame{};
                    frame->np = *subject;
                    frame->cue = {mark, pre.end};
                    direct = true;
                    rule = "np-clause-colon-quote";
                }
            } else if (headline) {
                // headline "NATO “Concerns over ...”"
                if (auto f = g.noun_phrase(t, pre.begin); f && text::trim_end(t, pre.begin, f->end) == pre.end) {
                    frame = f;
                    frame->cue = {q.open.begin, q.open.begin};
                    direct = true;
                    rule = "headline-np-quote";
                }
            }
            if (!frame && !headline) {
                // "Sanders criticized the accord, saying the agreement goes “nowhere
                // near far enough”": a participle after a comma shares the subject
                // that opens the sentence, and the quote is part of what it reports;
                // so does the second verb of a pair ("China has refused to blame
                // Russia and has repeatedly accused the US of “Cold War mentality”").
                auto [b, e] = cands_in(pre);
                for (auto it = e; it != b && !frame;) {
                    --it;
                    if (in_quote(*it) || *it < pre.begin + 2 || t[*it - 1] != ' ') continue;
                    const auto cue = g.cue(t, *it);
                    if (!cue) continue;
                    std::size_t before = 0;
                    const char* found = nullptr;
                    if (t[*it - 2] == ',' && is_participle_cue(cue->in(t))) {
                        before = *it - 1;
                        found = "np-participle-partial";
                    } else if (const span prep = word_before(t, pre.begin, *it);
                               is_participle_cue(cue->in(t)) && opens_gerund(prep.in(t)) && prep.begin > pre.begin) {
                        // "Obama punctuated his list by saying “Too many.”"
                        before = prep.begin;
                        found = "np-participle-partial";
                    } else if (const auto joint = second_verb_of(t, pre.begin, *it);
                               joint && !is_participle_cue(cue->in(t)) && !nouns.count(text::lower(cue->in(t)))) {
                        before = *joint;
                        found = "np-and-cue-partial";
                    } else {
                        continue;
                    }
                    if (auto subject = sentence_subject(t, s0->where.begin, *it, before)) {
                        frame = grammar::frame{};
                        frame->np = *subject;
                        frame->cue = *cue;
                        rule = found;
                    }
                    break;  // only the verb nearest the quote
                }
            }
        }
        if (!frame && pre.empty()) {
            // A quote that opens its sentence with no frame after it: the split
            // quote's second half, or a quote alone in its paragraph.
            const std::size_t para = paragraph_of(q.open.begin);
            const bool alone = text::trim(t, {paragraphs[para].begin, q.open.begin}).empty();
            // The previous paragraph introduces it: "Cruz called them on it:"
            const sentence* intro = nullptr;
            if (alone && para > 0) {
                const span prev = paragraphs[para - 1];
                if (prev.end > prev.begin && t[prev.end - 1] == ':') intro = sentence_at(prev.end - 1);
            }
            if (intro) {
                if ((frame = frame_before({intro->where.begin, intro->where.end - 1}))) {
                    rule = "np-cue-colon-paragraph";
                } else if ((frame = g.noun_phrase(t, intro->where.begin)) &&
                           text::trim_end(t, intro->where.begin, frame->end) == intro->where.end - 1) {
                    frame->cue = {intro->where.end - 1, intro->where.end};
                    rule = "np-colon-paragraph";
                } else {
                    frame.reset();
                }
                if (frame) direct = true;
            }
            // "..., Schiff said. “The other factor ...”": the frame that closes
            // the sentence before it in the paragraph, which quotes nothing
            // ... or that opens it: "She says people should be able to ... “It
            // is their life ...”"
            if (!frame && !alone && s0 > sentences.data() && paragraph_of(s0[-1].where.begin) == para &&
                !any_zone_in(s0[-1].where)) {
                const span prev = s0[-1].where;
                if ((frame = closing_frame(prev, std::string_view::npos))) {
                    rule = "previous-sentence-frame";
                } else if (auto f = subject_cue(t, strip_dateline(t, prev).begin, memo);
                           f && plain_say(f->cue.in(t)) && text::word_count(t, {f->end, prev.end}) >= 3) {
                    frame = f;
                    rule = "previous-sentence-frame";
                }
                direct = frame.has_value();
            }
            if (frame) {
                // framed by the paragraph or the sentence before
            } else if (!alone && last_attributed_para == para) {
                rule = "split";
                out.flags.split = true;
                direct = true;
            } else if (alone && !q.single && text::word_count(t, q.content) >= 4 && para > 0 &&
                       last_attributed_para == para - 1) {
                // the previous paragraph's quote goes on; after a paragraph
                // with none, the speaker may be anyone
                rule = "continuation";
                direct = true;
            }
        }
        if (!frame && (rule.empty() || (rule == "continuation" && next_sentence.empty())) && !post.empty()) {
            // A frame later in the sentence: "the “forces of correctness” were
            // to blame, one questioner claimed"; also for a quote that opens its
            // paragraph ("“Boots on the ground” would be needed, Carson said").
            auto [b, e] = cands_in(post);
            for (auto it = b; it != e && !frame; ++it) {
                if (in_quote(*it)) continue;
                if (auto cue = g.cue(t, *it)) frame = subject_of(t, post, *cue, false, memo);
            }
            if (frame) {
                rule = "reported-speech-partial";
                direct = false;
            }
        }
        if (!frame && rule.empty() && !q.single && s0->where.begin < q.open.begin) {
            // (the noun lies within a dozen words of the quote: read no further back)
            std::size_t from = s0->where.begin;
            if (q.open.begin - from > 240) {
                from = q.open.begin - 240;
                while (from < q.open.begin && !text::is_space(static_cast<unsigned char>(t[from]))) ++from;
            }
            if (const auto owner = speech_noun_owner(t, {from, q.open.begin}, toks_buf)) {
                frame = grammar::frame{};
                frame->np = owner->first;
                frame->cue = owner->second;
                rule = "possessive-noun-partial";
                direct = false;
            }
        }
        if (!frame && rule.empty()) {
            // No speaker in sight. Keep it when speech is reported around it (a
            // cue in the sentence) or when it is a long stretch of speech on its
            // own; a title or a scare-quoted term with no speech is not a quote.
            bool speech_around = false;
            auto [b, e] = cands_in({s0->where.begin, s1->where.end});
            for (auto it = b; it != e && !speech_around; ++it)
                speech_around = !zone.contains(*it) && (g.cue(t, *it, true) || g.according_to(t, *it));
            // a stretch of speech: a capital, and either six words or a whole
            // sentence of its own ("This is fantastic!", "Really?")
            const char last = q.content.end > q.content.begin ? t[q.content.end - 1] : ' ';
            const bool whole_sentence = last == '.' || last == '!' || last == '?';
            const bool speech_like = !q.single && text::starts_upper(t, q.content.begin) &&
                                     (text::word_count(t, q.content) >= 6 || whole_sentence);
            if (!speech_around && !speech_like) continue;
            rule = "unattributed";
            direct = pre.empty() && speech_like;
        }
        // A quoted title ("Face the Nation") is not speech unless a frame makes
        // it so; one right after the noun of a work ("his book, “Make Your Kid
        // a Millionaire,” ...") is a title whatever frame follows.
        if ((rule == "unattributed" || (!direct && rule.rfind("quote-", 0) == 0) ||
             (rule == "reported-speech-partial" && names_a_work(t, q.open.begin)) || after_work_noun(t, q.open.begin)) &&
            looks_like_title(t, q.content))
            continue;
        out.kind = direct ? quote_kind::direct : quote_kind::partial;
        // (the paragraph where the quote closes: one over several paragraphs
        // is framed in its last, where its split second half follows)
        if (frame) {
            out.cue = frame->cue;
            out.speaker_mention.where = frame->np;
            last_attributed_para = paragraph_of(zone.end - 1);
        } else if (rule == "split" || rule == "continuation") {
            last_attributed_para = paragraph_of(zone.end - 1);
        }
        if (post_frame && frame) framing_cues.push_back(frame->cue);
        out.rule = std::move(rule);
        results.push_back({std::move(out), results.size()});
    }

    // ---- the turns of a transcript ----
    for (const auto& u : turns) {
        if (results.size() >= opt.max_quotes) break;
        quote out;
        out.kind = quote_kind::direct;
        out.content = u.content;
        out.cue = u.colon;
        out.speaker_mention.where = u.label;
        out.rule = "transcript-turn";
        results.push_back({std::move(out), results.size()});
    }

    // ---- indirect speech at each cue ----
    std::sort(framing_cues.begin(), framing_cues.end(), [](span a, span b) { return a.begin < b.begin; });
    auto is_framing = [&](span cue) {
        auto it = std::lower_bound(framing_cues.begin(), framing_cues.end(), cue.begin,
                                   [](span c, std::size_t v) { return c.begin < v; });
        return it != framing_cues.end() && *it == cue;
    };
    auto emit_indirect = [&](span clause, span cue, span np, const char* rule) {
        quote out;
        out.kind = quote_kind::indirect;
        out.content = clause;
        out.cue = cue;
        out.speaker_mention.where = np;
        out.rule = rule;
        if (results.size() >= opt.max_quotes) {
            if (!hits.too_many) hits.first_too_many = cue.begin;
            hits.too_many = 1;  // one place: where the document stopped giving quotes
            return;
        }
        results.push_back({std::move(out), results.size()});
    };
    for (const auto& s : sentences) {
        // a headline, or a title in title case that ends with a period
        if (s.kind == region_kind::headline || (s.kind == region_kind::body && title_case(t, s.where))) {
            if (const auto h = headline_says(t, s.where); h && !any_zone_in(s.where))
                emit_indirect(h->clause, h->cue, h->np, "headline-np-says");
            if (s.kind == region_kind::headline) continue;
        }
        if (s.kind != region_kind::body) continue;
        auto after_comma = [&](std::size_t p) {
            return p >= s.where.begin + 3 && t[p - 2] == ',' && t[p - 1] == ' ' && !in_quote(p - 3);
        };
        std::optional<grammar::frame> last_subject;
        for (auto it = std::lower_bound(cands.begin(), cands.end(), s.where.begin);
             it != cands.end() && *it < s.where.end; ++it) {
            const std::size_t start = *it;
            if (in_quote(start)) continue;
            // "According to NP, CLAUSE", "CLAUSE, according to NP" and
            // "A, according to NP, B". The source runs to the next comma (or the
            // sentence end); the grammar's noun phrase is kept where it parses.
            if (t.compare(start, 13, "according to ") == 0 || t.compare(start, 13, "According to ") == 0) {
                const std::size_t src_begin = text::skip_spaces(t, start + 13, s.where.end);
                std::size_t comma = src_begin;
                while (comma < s.where.end && t[comma] != ',' && !in_quote(comma)) ++comma;
                span source = trim_clause(t, {src_begin, comma});
                if (auto f = g.according_to(t, start); f && f->np.end <= comma) source = f->np;
                if (source.empty() || text::word_count(t, source) > 20) continue;
                span before = trim_clause(t, {s.where.begin, start});
                span after = comma < s.where.end ? trim_clause(t, {comma + 1, s.where.end}) : span{};
                if (!after.empty() && text::word_count(t, after) < 3) after = {};
                span clause = text::word_count(t, after) > text::word_count(t, before) ? after : before;
                if (clause == before && !before.empty() && adverbial_opening(t, before) && !after.empty()) clause = after;
                clause = strip_dateline(t, clause);
                // a relative or coordinated fragment, or a clause that reports
                // someone's speech itself ("X said at a press conference, according to ...")
                bool nested = false;
                {
                    auto [b, e] = cands_in(clause);
                    for (auto it = b; it != e && !nested; ++it) {
                        if (*it == start) continue;
                        if (auto c = g.cue(t, *it)) nested = subject_of(t, clause, *c, false, memo).has_value();
                    }
                }
                if (text::word_count(t, clause) >= 3 && !in_quote(clause.begin) && !any_zone_in(clause) && !nested &&
                    !opens_fragment(clause.in(t)))
                    emit_indirect(clause, {start, start + 12}, source, "according-to");
                continue;
            }
            auto cue = g.cue(t, start, true);
            if (!cue || is_framing(*cue)) continue;
            const std::string_view cue_word = cue->in(t);
            const bool speech = g.word_of(grammar::word_class::speech_verb, t, cue->begin).has_value();
            const std::size_t c = text::skip_spaces(t, cue->end, s.where.end);
            // "that" opens the clause right after the cue, after an adjunct
            // ("said on Monday that", "said in a statement that") or after the
            // hearer of a verb of telling ("told reporters that"); any other
            // "that" is a relative pronoun ("said the demands that come ...").
            std::size_t clause_at = std::string_view::npos;  // where a "that" (or "if", "to") clause starts
            {
                // The hearer of a verb of telling may be long ("told The Post and
                // Courier newspaper of Charleston on Saturday that"); its clause
                // may also open with if/whether/how or an infinitive ("asked
                // workers if they planned", "told Megyn not to worry").
                const bool telling = tells_someone(cue_word);
                std::size_t probe = c;
                bool adjunct = false;
                bool day_first = false, part_of_day = false;
                // a hearer of capitalised words and a time may run longer:
                // "told The Star-Ledger of Newark last week she would ..."
                bool named_hearer = true;
                for (int k = 0; k < (telling ? 13 : 7) && probe < s.where.end; ++k) {
                    if (t.compare(probe, 5, "that ") == 0) {
                        if (k == 0 || adjunct || telling) clause_at = probe + 5;
                        break;
                    }
                    // "asked whether ...", "asks why ...": a question with no hearer named
                    const bool asking = k == 0 && (cue_word == "asked" || cue_word == "asks" || cue_word == "ask");
                    if ((telling && k > 0) || asking) {
                        const std::size_t skip = asking && t.compare(probe, 3, "to ") == 0
                                                     ? std::string_view::npos
                                                     : opens_reported_question(t.substr(probe, 12), k);
                        if (skip != std::string_view::npos) {
                            clause_at = probe + skip;
                            break;
                        }
                    }
                    // an aside set off by dashes: "said — on Twitter, as it happens — that"
                    if (k == 0 && t.compare(probe, 3, "\xE2\x80\x94") == 0) {
                        const std::size_t close = t.find("\xE2\x80\x94", probe + 3);
                        if (close != std::string_view::npos && close + 3 < s.where.end && close - probe <= 80) {
                            probe = text::skip_spaces(t, close + 3, s.where.end);
                            adjunct = true;
                            continue;
                        }
                    }
                    // "said in politics it takes ...", "told reporters he would ...":
                    // after an adjunct or a hearer, a subject pronoun opens the clause
                    // (a cue that holds its hearer, "told reporters", at once)
                    const bool hearer_then_clause = (telling ? k > 0 : k == 0 && cue_word.ends_with(" reporters")) &&
                                                    !adjunct && (k <= 3 || (named_hearer && k <= 7)) &&
                                                    cue_word != "telling" &&
                                                    t.compare(probe, 3, "it ") != 0 && t.compare(probe, 6, "there ") != 0;
                    // (not after a subordinator: "said when I announced ...", "agreed to ...")
                    const bool place_or_time = adjunct && t.compare(c, 5, "when ") != 0 && t.compare(c, 6, "while ") != 0 &&
                                               t.compare(c, 6, "after ") != 0 && t.compare(c, 7, "before ") != 0 &&
                                               t.compare(c, 3, "to ") != 0;
                    if ((hearer_then_clause || (k > 0 && place_or_time)) &&
                        (opens_with_subject_pronoun(t.substr(probe, 12)) ||
                         (hearer_then_clause && t.compare(probe - 3, 3, "of ") != 0 && opens_with_determined_subject(
                                                    t.substr(probe, std::min<std::size_t>(48, s.where.end - probe)))))) {
                        clause_at = probe;
                        break;
                    }
                    // "said Tuesday his actions are ...", "said Monday night the deal ...":
                    // after a day a verb of saying goes straight on to its clause
                    if (k > 0 && k <= 2 && day_first && plain_say(cue_word) && (k == 1 || part_of_day) &&
                        !opens_adjunct(t.substr(probe, std::min<std::size_t>(12, s.where.end - probe))) &&
                        !opens_fragment(t.substr(probe, std::min<std::size_t>(12, s.where.end - probe))) &&
                        !in_quote(probe) && text::is_letter_at(t, probe)) {
                        if (k == 1 && is_part_of_day(t.substr(probe, 10))) {
                            part_of_day = true;
                        } else {
                            clause_at = probe;
                            break;
                        }
                    }
                    if (in_quote(probe) || t[probe] == ',') break;
                    std::size_t e = probe;
                    while (e < s.where.end && !text::space_len(t, e)) ++e;
                    // a comma closes the search: "wrote in his book, Mr. X said that" is another clause
                    if (e > probe && t[e - 1] == ',') break;
                    {
                        const std::string_view w = t.substr(probe, e - probe);
                        named_hearer = named_hearer && (text::starts_upper(t, probe) || w == "of" || w == "the" ||
                                                        w == "last" || w == "on" || is_day(w) ||
                                                        (k > 0 && is_time_noun(t, probe, e)));
                    }
                    if (k == 0) {
                        adjunct = starts_adjunct(t.substr(probe, e - probe)) &&
                                  (t.compare(probe, 5, "this ") != 0 || is_time_noun(t, e, s.where.end));
                        day_first = is_day(t.substr(probe, e - probe));
                    }
                    probe = text::skip_spaces(t, e, s.where.end);
                }
            }
            // Which readings are possible, before the costly subject search.
            const bool clause_follows = speech && c < s.where.end && !in_quote(c) && t[c] != ',' && t[c] != '.' &&
                                        t[c] != ':' &&
                                        (plain_say(cue_word) || object_report(cue_word) ||
                                         object_or_clause(cue_word)) &&
                                        !(tells_someone(cue_word) && !object_report(cue_word)) &&
                                        !opens_adjunct(t.substr(c, std::min<std::size_t>(12, s.where.end - c)));
            const bool may_close = speech && s.where.begin + 16 < cue->begin &&
                                   t.substr(s.where.begin, cue->begin - s.where.begin).find(", ") != std::string_view::npos;
            const bool coordinated = second_verb_of(t, s.where.begin, cue->begin).has_value();
            // "..., stressing this is another reason to ...": a participle of saying
            // after a comma reports the sentence subject's words.
            auto preceded_by = [&](std::string_view what) {
                return cue->begin >= s.where.begin + what.size() &&
                       t.compare(cue->begin - what.size(), what.size(), what) == 0;
            };
            const bool trailing_participle = is_participle_cue(cue_word) &&
                                             (preceded_by(", ") || preceded_by(",\xE2\x80\x9D ") || preceded_by(",\" "));
            // "Still, he said, officials have to decide ...": a short opening, a
            // frame between commas, then the reported clause
            if (speech && !may_close && c < s.where.end && t[c] == ',' && cue->begin > s.where.begin + 4) {
                const auto inner = subject_of(t, s.where, *cue, true, memo);
                if (inner && after_comma(inner->np.begin)) {
                    const span opening = text::trim(t, {s.where.begin, inner->np.begin - 2});
                    span rest = text::trim(t, {c + 1, s.where.end});
                    rest = trim_clause(t, {rest.begin, clause_end(t, rest, s.where, outer, toks_buf)});
                    if (text::word_count(t, opening) <= 3 && text::word_count(t, rest) >= 4 &&
                        !any_zone_in({s.where.begin, s.where.end}) && !opens_fragment(rest.in(t)) &&
                        !opens_participle(rest.in(t))) {
                        emit_indirect(rest, *cue, inner->np, "np-cue-parenthetical");
                        continue;
                    }
                }
            }
            // "As the Post reported, Republicans now control ...": a frame that
            // opens the sentence with "As" reports the clause after its comma
            if (speech && c < s.where.end && t[c] == ',' && t.compare(s.where.begin, 3, "As ") == 0 &&
                !in_quote(s.where.begin)) {
                const auto np_end = g.subject_end(t, s.where.begin + 3);
                if (np_end && text::skip_spaces(t, *np_end, s.where.end) == cue->begin) {
                    span rest = text::trim(t, {c + 1, s.where.end});
                    rest = trim_clause(t, {rest.begin, clause_end(t, rest, s.where, outer, toks_buf)});
                    if (text::word_count(t, rest) >= 4 && !any_zone_in(rest) && !opens_fragment(rest.in(t))) {
                        emit_indirect(rest, *cue, {s.where.begin + 3, *np_end}, "as-np-cue");
                        continue;
                    }
                }
            }
            if (clause_at == std::string_view::npos && !clause_follows && !may_close && !coordinated &&
                !trailing_participle)
                continue;
            auto subject = subject_of(t, s.where, *cue, true, memo);
            // After a participle's phrase and its comma, where a verb of saying
            // may stand ("Salceda, citing data, said ..."), or npos.
            std::size_t after_phrase = std::string_view::npos;
            if (trailing_participle)
                if (const std::size_t comma = t.find(',', c); comma < s.where.end)
                    after_phrase = text::skip_spaces(t, comma + 1, s.where.end);
            const bool verb_after_phrase = after_phrase != std::string_view::npos && g.cue(t, after_phrase);
            // "Fiorina was upfront about her distaste for Donald Trump, the
            // front-runner, saying ...": a participle after the main clause
            // has the sentence's subject, not the noun phrase before its comma
            // (unless the phrase is an aside before the verb)
            if (trailing_participle && subject && subject->np.begin > s.where.begin && !verb_after_phrase)
                if (const auto whole = sentence_subject(t, s.where.begin, subject->np.begin, subject->np.begin))
                    subject->np = *whole;

            // "CLAUSE, sources said." / "CLAUSE, said the spokesman." closing a sentence
            if (may_close) {
                std::optional<grammar::frame> fin;
                // (a relative pronoun belongs to the noun before it: in "Graham,
                // who called for 20,000 troops" nothing before it was said)
                if (subject && after_comma(subject->np.begin) && subject->np.in(t) != "who") fin = subject;
                // (not a participle: in "CLAUSE, Salceda, citing data from the
                // State Department, said" what follows "citing" is its object)
                else if (!subject && after_comma(cue->begin) && !is_participle_cue(cue_word))
                    fin = g.cue_subject(t, cue->begin);
                if (fin) {
                    const std::size_t frame_start = std::min(fin->np.begin, fin->cue.begin);
                    // "In the end, Mr. Rosenthal said, union voters ...": a frame set
                    // off by commas after a short opening; what follows it is the
                    // reported clause
                    const std::size_t after = text::skip_spaces(t, fin->end, s.where.end);
                    if (after < s.where.end && t[after] == ',') {
                        const span opening = text::trim(t, {s.where.begin, frame_start - 2});
                        span rest = text::trim(t, {after + 1, s.where.end});
                        rest = trim_clause(t, {rest.begin, clause_end(t, rest, s.where, outer, toks_buf)});
                        // (a subordinate opening may be longer: "If the demands are not met, Mr. Taylor warned, ...")
                        const std::size_t opening_words = adverbial_opening(t, opening) ? 16 : 5;
                        if (text::word_count(t, opening) <= opening_words && text::word_count(t, rest) >= 4 &&
                            !any_zone_in({s.where.begin, s.where.end}) && !opens_fragment(rest.in(t)) &&
                            !opens_participle(rest.in(t))) {
                            emit_indirect(rest, fin->cue, fin->np, "np-cue-parenthetical");
                            continue;
                        }
                    }
                    // what follows the frame, up to a comma, is an adjunct: "said Friday afternoon, as ..."
                    span rest = text::trim(t, {fin->end, s.where.end});
                    if (const auto comma = rest.in(t).find(','); comma != std::string_view::npos)
                        rest.end = rest.begin + comma;
                    const std::string_view r = rest.in(t);
                    // after "insists the GOP" a verb ("must be ...") makes the noun
                    // phrase a clause's subject, not the speaker
                    auto opens_with_verb = [](std::string_view v) {
                        static constexpr std::string_view verbs[] = {
                            "must ", "will ", "would ", "should ", "can ", "could ", "may ", "might ", "is ",
                            "are ", "was ", "were ", "has ", "have ", "had ", "does ", "did ", "do "};
                        for (const auto w : verbs)
                            if (v.starts_with(w)) return true;
                        return false;
                    };
                    const bool inverted = fin->cue.begin < fin->np.begin;
                    // "..., Lewandowski said he had never ...": a clause after the frame is what was said
                    const bool ends = text::word_count(t, rest) <= 8 && r.find(" that ") == std::string_view::npos &&
                                      !r.starts_with("that ") && !(inverted && opens_with_verb(r)) &&
                                      !opens_with_subject_pronoun(r) &&
                                      // "..., say they felt compelled ...": a pronoun after the verb
                                      // is the reported clause's subject unless nothing but an adjunct follows
                                      !(inverted && !r.empty() && pronouns.count(text::lower(fin->np.in(t))) &&
                                        !opens_preposition(r));
                    span clause = text::trim(t, {s.where.begin, frame_start - 2});
                    // "In all, though, the justices are ..., Professor Epstein said.": a
                    // short opening adjunct set off by a comma is not what was said
                    for (int k = 0; k < 3 && adverbial_opening(t, clause); ++k) {
                        const std::size_t comma = clause.in(t).find(", ");
                        if (comma == std::string_view::npos) break;
                        const span rest_of = text::trim(t, {clause.begin + comma + 1, clause.end});
                        if (text::word_count(t, {clause.begin, clause.begin + comma}) > 5 || opens_fragment(rest_of.in(t)))
                            break;
                        clause = rest_of;
                    }
                    const bool quoted_inside = any_zone_in({clause.begin, s.where.end});
                    // (a conjunction opens no adverbial: "But the new plan is ..., the Tax Foundation said.")
                    clause.begin = past_conjunction(t, clause);
                    if (ends && !quoted_inside && text::word_count(t, clause) >= 4 && !adverbial_opening(t, clause)) {
                        emit_indirect(clause, fin->cue, fin->np, "clause-np-cue");
                        last_subject = fin;  // a participle after the frame is its speaker's
                        continue;
                    }
                }
            }
            // A verb with no subject of its own shares the sentence's: "X said A
            // and said B", "X tweeted a photo and said B", "Councillor Brun
            // questioned ..., stressing ...". Failing an earlier subject in the
            // sentence, the one that opens it.
            // "Salceda, citing data from the State Department, said ...": a
            // participle's phrase between a subject and its verb has that subject
            // (the noun phrase that ends at the comma before the participle, not
            // one that ran into it as an apposition: "... on the coast, Mayor Ben
            // Ort, citing")
            if (verb_after_phrase && after_phrase < s.where.end && !in_quote(after_phrase) &&
                participle_aside(t, cue->begin - 2, after_phrase)) {
                // the noun phrase that ends at the comma before the
                // participle, from the comma before it (or the sentence)
                const std::size_t before = cue->begin - 2;
                const std::size_t prev = t.rfind(',', before - 1);
                std::size_t from = prev == std::string_view::npos || prev < s.where.begin
                                       ? s.where.begin
                                       : text::skip_spaces(t, prev + 1, before);
                for (bool found = false; from < before && !found;) {
                    if (subject_end(t, from, memo) == before && names_someone(t, {from, before})) {
                        subject = grammar::frame{};
                        subject->np = {from, before};
                        subject->cue = *cue;
                        found = true;
                    }
                    const std::size_t space = t.find(' ', from);
                    if (space >= before) break;
                    from = text::skip_spaces(t, space, before);
                }
            }
            if (!subject && (coordinated || trailing_participle)) {
                if (!last_subject) {
                    if (auto subject = sentence_subject(t, s.where.begin, cue->begin, cue->begin)) {
                        grammar::frame f;
                        f.np = *subject;
                        last_subject = f;
                    }
                }
                if (last_subject) {
                    subject = last_subject;
                    subject->cue = *cue;
                }
            }
            if (!subject) continue;
            last_subject = subject;
            // A participle reports speech only with a clause: "with the Chinese
            // Defense Minister Dong Jun stating that ...", "..., stressing this is ...".
            const bool participle_clause = trailing_participle && c < s.where.end && !in_quote(c) &&
                                           t[c] != ',' && !opens_preposition(t.substr(c, std::min<std::size_t>(12, s.where.end - c)));
            if (is_participle_cue(cue_word) && clause_at == std::string_view::npos && !participle_clause) continue;
            span clause;
            const char* rule;
            if (clause_at != std::string_view::npos) {
                clause = {clause_at, s.where.end};
                rule = "np-cue-that";
            } else if (participle_clause) {
                clause = {c, s.where.end};
                rule = "np-participle-clause";
            } else if (clause_follows && !(cue_word == "added" && opens_object(t.substr(c, 4)))) {
                // "said the support ..." (a clause) or "criticized China's support ..."
                // (an object that reports speech): only for verbs that take them.
                clause = {c, s.where.end};
                rule = "np-cue-clause";
            } else {
                continue;
            }
            clause = trim_clause(t, {clause.begin, clause_end(t, clause, s.where, outer, toks_buf)});
            if (text::word_count(t, clause) < 3) continue;
            // A clause that is only a quote is that quote's frame, not indirect speech.
            if (in_quote(clause.begin) && in_quote(clause.end - 1)) continue;
            // An object rather than a clause ("stressed the importance of ..."):
            // the verb belongs to the reported words.
            if (rule == std::string_view("np-cue-clause") && object_report(cue_word)) clause.begin = cue->begin;
            // "he was asked if ...", "they were told that ...": the subject is
            // the hearer; who spoke goes unnamed
            const bool passive = tells_someone(cue_word) && (preceded_by("was ") || preceded_by("were ") ||
                                                             preceded_by("been ") || preceded_by("being "));
            emit_indirect(clause, *cue, passive ? span{} : subject->np, rule);
        }
    }

    // ---- quoted words inside reported speech ----
    // A partial quote with no frame of its own that lies inside a reported
    // clause is part of what that clause reports, so it has its speaker:
    // "..., saying the city embodied the “bravery, heart and soul of America.”"
    // (a participle, whose subject no frame before the quote reaches).
    {
        std::vector<const quote*> clauses;
        for (const auto& r : results)
            if (r.q.kind == quote_kind::indirect && !r.q.speaker_mention.where.empty()) clauses.push_back(&r.q);
        std::sort(clauses.begin(), clauses.end(),
                  [](const quote* a, const quote* b) { return a->content.begin < b->content.begin; });
        for (auto& r : results) {
            quote& q = r.q;
            if (q.kind != quote_kind::partial || !q.speaker_mention.where.empty() || q.flags.headline) continue;
            // the clauses that open before the quote; the nearest that holds it
            auto it = std::upper_bound(clauses.begin(), clauses.end(), q.content.begin,
                                       [](std::size_t v, const quote* c) { return v < c->content.begin; });
            while (it != clauses.begin()) {
                const quote* c = *--it;
                if (c->content.begin < q.content.begin && q.content.end <= c->content.end) {
                    q.cue = c->cue;
                    q.speaker_mention.where = c->speaker_mention.where;
                    q.rule = "indirect-partial";
                    break;
                }
                if (q.content.begin - c->content.begin > frame_reach) break;
            }
        }
    }

    // ---- speakers ----
    if (opt.diag) report_limits(doc, hits, opt);
    std::sort(results.begin(), results.end(), [](const found& a, const found& b) {
        if (a.q.content.begin != b.q.content.begin) return a.q.content.begin < b.q.content.begin;
        return a.order < b.order;
    });
    attribute::document_speakers speakers(speaker_words, names);
    // Full names with their titles ("NATO Secretary General Jens Stoltenberg"):
    // runs of capitalised words outside quotes, joined by "of" and the like.
    // in_quote for positions that mostly move forward: the count of zones
    // opening at or before the last position asked, walked on (or searched
    // again when a position steps back).
    std::size_t zone = 0;
    auto quoted_at = [&](std::size_t pos) {
        if (zone > 0 && pos < quote_zones[zone - 1].begin)
            zone = static_cast<std::size_t>(std::upper_bound(quote_zones.begin(), quote_zones.end(), pos,
                                                             [](std::size_t v, const span& z) { return v < z.begin; }) -
                                            quote_zones.begin());
        while (zone < quote_zones.size() && quote_zones[zone].begin <= pos) ++zone;
        return zone > 0 && pos < quote_zones[zone - 1].end;
    };
    for (const auto& s : sentences) {
        // a headline or heading in title case capitalises every word, so its
        // runs of capitals are no names ("... Statement About Trump Speech")
        if (looks_like_title(t, s.where)) continue;
        const auto& toks = token_starts(t, s.where, toks_buf);
        std::size_t k = 0;
        // a sentence's first word is capitalised by its place: "While", "But",
        // "Once" open no name
        if (!toks.empty() && text::starts_upper(t, toks[0])) {
            std::size_t e = toks[0];
            while (e < s.where.end && !text::space_len(t, e) && t[e] != ',') ++e;
            if (no_subject.count(text::lower(t.substr(toks[0], e - toks[0])))) k = 1;
        }
        while (k < toks.size()) {
            if (!text::starts_upper(t, toks[k]) || quoted_at(toks[k])) { ++k; continue; }
            std::size_t e = k + 1;
            while (e < toks.size() && !quoted_at(toks[e])) {
                if (text::starts_upper(t, toks[e])) { ++e; continue; }
                const bool joins = e + 1 < toks.size() && text::starts_upper(t, toks[e + 1]) &&
                                   (t.compare(toks[e], 3, "of ") == 0 || t.compare(toks[e], 3, "de ") == 0 ||
                                    t.compare(toks[e], 4, "van ") == 0 || t.compare(toks[e], 4, "von ") == 0);
                if (!joins) break;
                e += 2;
            }
            // a word that ends in punctuation closes the run
            std::size_t last = k;
            for (std::size_t j = k; j < e; ++j) {
                last = j;
                const std::size_t end = j + 1 < toks.size() ? text::trim_end(t, toks[j], toks[j + 1]) : s.where.end;
                const char c = t[end - 1];
                if (c == ',' || c == ';' || c == ':' || c == ')' || (c == '.' && end - toks[j] > 3 &&
                    t.substr(toks[j], end - toks[j]).find('.') == end - toks[j] - 1))
                    break;
            }
            if (last > k) {
                const std::size_t end = last + 1 < toks.size() ? text::trim_end(t, toks[last], toks[last + 1]) : s.where.end;
                speakers.observe_name(t, {toks[k], end});
            }
            k = last + 1;
        }
    }
    std::vector<quote> quotes;
    quotes.reserve(results.size());
    for (auto& r : results) quotes.push_back(std::move(r.q));
    speakers.resolve(t, quotes);

    // The same words quoted twice in one document (a headline repeated as a
    // caption) are one record; overlapping indirect clauses keep the first.
    std::vector<quote> out;
    std::unordered_set<std::string_view> seen[2];  // the words of direct (and partial) quotes, of indirect ones
    for (auto& q : quotes) {
        if (!seen[q.kind == quote_kind::indirect].insert(q.content.in(t)).second) continue;
        if (q.kind == quote_kind::indirect &&
            std::any_of(out.begin(), out.end(), [&](const quote& o) { return o.kind == quote_kind::indirect && o.content.overlaps(q.content); }))
            continue;
        out.push_back(std::move(q));
    }
    return out;
}

}  // namespace quotetrace
