// The rules of the attribution grammar (Spirit X3). Lexicon tables come from
// the context (x3::with<tables_tag>), so the rules hold no mutable state.
#pragma once

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/spirit/home/x3.hpp>

#include "ast.hpp"
#include "ast_adapted.hpp"
#include "attribution.hpp"
#include "config.hpp"

namespace quotetrace::grammar {

namespace x3 = boost::spirit::x3;

// One lexicon table: each phrase as written, lower-cased and capitalised, so
// sentence-initial forms match too.
class phrase_table {
public:
    void add(const std::string& phrase);
    // Lays the forms out for match(); called once all are added.
    void seal();
    // Longest phrase at `first` that ends at a word boundary; advances `first`.
    bool match(const char*& first, const char* last) const;

private:
    // A form that matches opens with the text's first word (its letters and
    // digits up to the first other character) and nothing longer: the forms
    // are grouped by that word, and a lookup hashes the text's first word
    // and tries its group, longest form first.
    struct group {
        std::uint64_t hash = 0;  // 0: an empty slot
        std::uint32_t word_at = 0, word_size = 0;  // the opening word, in bytes_
        std::uint32_t from = 0, to = 0;            // its forms, in spans_
    };
    static std::uint64_t hash(const char* p, const char* q) noexcept;
    std::vector<std::string> forms_;
    std::string bytes_;                                           // the forms, one after another
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans_;  // (offset in bytes_, size) per form
    std::vector<group> groups_;                                   // open addressing on the hash
    // The first two bytes of the stored forms (one byte for a one-byte form):
    // a text that opens with no such pair is turned away before the search.
    std::bitset<256 * 256> openings_;
    std::bitset<256> single_bytes_;
};

// A set of lower-case words looked up without allocating: the text's bytes
// are hashed case-insensitively and compared to the stored word.
class word_set {
public:
    void insert(std::string_view word);
    // Whether [p, q), lower-cased (ASCII), is in the set.
    bool contains(const char* p, const char* q) const noexcept;

private:
    static std::uint64_t hash(const char* p, const char* q) noexcept;
    std::vector<std::pair<std::uint64_t, std::string>> slots_ = std::vector<std::pair<std::uint64_t, std::string>>(64);
    std::size_t used_ = 0;
    // The first two letters of the stored words (one for a one-letter word):
    // most words are turned away before hashing.
    std::bitset<256 * 256> openings_;
    std::bitset<256> single_letters_;
};

struct attribution_grammar::tables {
    phrase_table speech, clause, pronoun, title, role, adverb;
    word_set not_names;  // lower-case
    const phrase_table& of(word_class c) const;
};

namespace parsers {

enum class word_shape { any, capitalised, lower, possessive };

// Titles, suffixes and US states written short with a period inside a noun
// phrase ("Mr. Yanukovych", "Gov. Scott", "Joseph Biden Jr.", "Brianne
// Stone, 29, of Huntsville, Ala.,").
inline bool abbreviated_title(std::string_view w) {
    static constexpr std::string_view short_forms[] = {
        "Mr",  "Mrs",  "Ms",   "Dr",   "Jr",   "Sr",  "St",   "Gen",   "Gov",  "Sen",  "Rep",  "Lt",  "Col",
        "Sgt", "Prof", "Rev",  "Capt", "Ala",  "Ariz", "Ark", "Calif", "Colo", "Conn", "Del",  "Fla", "Ga",
        "Ill", "Ind",  "Kan",  "Ky",   "La",   "Md",  "Mass", "Mich",  "Minn", "Miss", "Mo",   "Mont", "Neb",
        "Nev", "Okla", "Ore",  "Pa",   "Tenn", "Tex", "Va",   "Vt",    "Wash", "Wis",  "Wyo"};
    for (const auto f : short_forms)
        if (w == f) return true;
    return false;
}

const attribution_grammar::tables& tables_of(const auto& ctx) {
    return x3::get<tables_tag>(ctx).get();
}

// Two or more capitals and nothing in lower case: "WHO", "U.S.", "NATO".
inline bool is_acronym(const char* p, const char* q) {
    int caps = 0;
    for (; p != q; ++p) {
        if (*p >= 'A' && *p <= 'Z') ++caps;
        else if (*p != '.' && *p != '-') return false;
    }
    return caps >= 2;
}

// Whether [p, q) ends in 's or ’s.
inline bool ends_possessive(const char* p, const char* q) {
    if (q - p < 2 || q[-1] != 's') return false;
    return q[-2] == '\'' || (q - p >= 4 && q[-4] == '\xE2' && q[-3] == '\x80' && q[-2] == '\x99');
}

// One word: letters and digits with inner hyphens, apostrophes and (for
// abbreviations like U.S.) periods. The shape constrains its first letter.
template <word_shape Shape>
struct word_parser : x3::parser<word_parser<Shape>> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        const char* p = first;
        std::size_t n = word_char_len(p, last);
        if (n == 0) return false;
        const unsigned char c0 = static_cast<unsigned char>(*p);
        if constexpr (Shape == word_shape::capitalised || Shape == word_shape::possessive) {
            if (!(c0 >= 'A' && c0 <= 'Z') && c0 < 0x80) return false;
            if (c0 >= 0x80 && !is_upper_at(p, last)) return false;
        } else if constexpr (Shape == word_shape::lower) {
            if (!(c0 >= 'a' && c0 <= 'z')) return false;
        }
        const char* q = p + n;
        for (;;) {
            if (std::size_t m = word_char_len(q, last)) { q += m; continue; }
            std::size_t sep = separator_len(q, last);
            if (sep && word_char_len(q + sep, last)) { q += sep; continue; }
            break;
        }
        // An initial, an abbreviation, a title or a name's suffix keeps its
        // final period: "J.", "U.S.", "Mr.", "Gov.", "Jr."
        if (q != last && *q == '.' && (Shape == word_shape::capitalised || (Shape == word_shape::any && c0 >= 'A' && c0 <= 'Z')) &&
            (q - p == 1 || (q - p >= 3 && q[-2] == '.') || abbreviated_title(std::string_view(p, q - p))))
            ++q;
        if constexpr (Shape == word_shape::possessive) {
            // "Trump's", "Russia’s", "the Joneses'"
            const bool poss = ends_possessive(p, q) || (q != last && *q == '\'' && q[-1] == 's');
            if (!poss) return false;
            if (q != last && *q == '\'') ++q;
        }
        if constexpr (Shape == word_shape::capitalised) {
            // a possessive is no name of a subject: "Mr. Obama's remarks"
            if (ends_possessive(p, q)) return false;
            // "But", "Meanwhile" never belong to a name; an acronym ("WHO") does.
            if (!is_acronym(p, q)) {
                const char* e = q;
                while (e > p && e[-1] == '.') --e;
                if (tables_of(ctx).not_names.contains(p, e)) return false;
            }
        }
        first = q;
        return true;
    }

    static std::size_t separator_len(const char* q, const char* last) {
        if (q == last) return 0;
        if (*q == '-' || *q == '\'' || *q == '.') return 1;
        if (last - q >= 3 && static_cast<unsigned char>(q[0]) == 0xE2 &&
            static_cast<unsigned char>(q[1]) == 0x80 && static_cast<unsigned char>(q[2]) == 0x99)
            return 3;  // ’ inside a word
        return 0;
    }
    static bool is_upper_at(const char* p, const char* last);
};

// A phrase from one of the lexicon's tables, ending at a word boundary;
// with `LowerOnly`, only one that opens in lower case ("state", not "State").
template <word_class Class, bool LowerOnly = false>
struct table_parser : x3::parser<table_parser<Class, LowerOnly>> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        if constexpr (LowerOnly)
            if (first == last || *first < 'a' || *first > 'z') return false;
        return tables_of(ctx).of(Class).match(first, last);
    }
};

// The period of an abbreviation inside an apposition, right after its
// word: before a comma ("R-Ky.,"), before a number ("the No. 2"), or after a
// short capitalised word ("Ft. Worth"); never a sentence's end ("ends. Guy").
struct abbreviation_period_parser : x3::parser<abbreviation_period_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (first == last || *first != '.') return false;
        const char* next = first + 1;
        bool ok = next != last && *next == ',';
        if (!ok && next != last && *next == ' ' && next + 1 != last) ok = next[1] >= '0' && next[1] <= '9';
        if (!ok) {
            const char* b = first;
            while (b[-1] != ' ' && b[-1] != '\n' && b[-1] != ',' && first - b < 4) --b;  // the word's start
            ok = first - b <= 3 && b[-1] == ' ' && *b >= 'A' && *b <= 'Z';
        }
        if (!ok) return false;
        ++first;
        return true;
    }
};

// A function word ("by", "while", "of"): never part of a description.
struct function_word_parser : x3::parser<function_word_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
        const char* q = first;
        while (std::size_t n = word_char_len(q, last)) q += n;
        if (q == first || is_acronym(first, q)) return false;
        if (!tables_of(ctx).not_names.contains(first, q)) return false;
        first = q;
        return true;
    }
};

// A manner adverb by its form, beside the listed ones: a lower-case word of
// five letters or more that ends in "ly" ("Cruz gingerly said", "she tersely
// replied"), but not the few nouns of that form that follow a name ("the
// Trump rally", "the Clinton family").
inline constexpr std::string_view ly_nouns[] = {"rally", "family", "assembly", "supply", "reply", "belly", "bully",
                                                "jelly", "anomaly", "monopoly", "folly", "ally"};
struct ly_adverb_parser : x3::parser<ly_adverb_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        const char* q = first;
        while (q != last && *q >= 'a' && *q <= 'z') ++q;
        const auto n = static_cast<std::size_t>(q - first);
        if (n < 5 || q[-2] != 'l' || q[-1] != 'y' || word_char_len(q, last) || (q != last && (*q == '-' || *q == '\'')))
            return false;
        const std::string_view w(first, n);
        for (const std::string_view noun : ly_nouns)
            if (w == noun) return false;
        first = q;
        return true;
    }
};

// A whole word spelled exactly so ("the", "of"), case-sensitive.
struct keyword_parser : x3::parser<keyword_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    const char* word;

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        const char* p = first;
        for (const char* w = word; *w; ++w, ++p)
            if (p == last || *p != *w) return false;
        if (word_char_len(p, last)) return false;
        first = p;
        return true;
    }
};

inline keyword_parser kw(const char* w) { return keyword_parser{{}, w}; }

// The first of a few whole words spelled exactly so that stands at `first`:
// the same as kw(w1) | kw(w2) | ..., in one pass over the list.
struct one_of_parser : x3::parser<one_of_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    const std::string_view* words;
    std::size_t count;
    std::uint64_t initials[4];  // bit c for each word's first byte c

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (first == last) return false;
        const auto c = static_cast<unsigned char>(*first);
        if (!((initials[c >> 6] >> (c & 63)) & 1)) return false;
        const auto avail = static_cast<std::size_t>(last - first);
        for (std::size_t k = 0; k < count; ++k) {
            const std::string_view w = words[k];
            if (w[0] != *first || w.size() > avail || !std::equal(w.begin() + 1, w.end(), first + 1)) continue;
            if (word_char_len(first + w.size(), last)) continue;
            first += w.size();
            return true;
        }
        return false;
    }
};

template <std::size_t N>
one_of_parser one_of(const std::string_view (&words)[N]) {
    one_of_parser p{{}, words, N, {0, 0, 0, 0}};
    for (const std::string_view w : words) {
        const auto c = static_cast<unsigned char>(w[0]);
        p.initials[c >> 6] |= 1ull << (c & 63);
    }
    return p;
}

// One word from a small closed class ("the", "a", "his" ...), in lower case or
// capitalised, read once and compared by length first: cheaper than trying a
// keyword parser per member.
struct closed_class_parser : x3::parser<closed_class_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    const std::string_view* words;
    std::size_t count;
    std::uint32_t initials;  // bit c - 'a' for each word's first letter

    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        // most words open with a letter none of the class does
        if (first == last) return false;
        const unsigned c = static_cast<unsigned char>(*first) | 0x20u;
        if (c < 'a' || c > 'z' || !((initials >> (c - 'a')) & 1)) return false;
        const char* q = first;
        while (q != last && ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z')) ++q;
        const auto n = static_cast<std::size_t>(q - first);
        if (n == 0 || n > 16 || word_char_len(q, last)) return false;
        for (std::size_t k = 0; k < count; ++k) {
            const std::string_view w = words[k];
            if (w.size() != n) continue;
            if ((first[0] | 0x20) != w[0]) continue;
            if (std::equal(first + 1, q, w.begin() + 1)) {
                first = q;
                return true;
            }
        }
        return false;
    }
};

template <std::size_t N>
closed_class_parser closed_class(const std::string_view (&words)[N]) {
    std::uint32_t initials = 0;
    for (const std::string_view w : words) initials |= 1u << (w[0] - 'a');
    return closed_class_parser{{}, words, N, initials};
}

inline constexpr std::string_view determiners[] = {"the", "a", "an", "his", "her", "its", "their"};
inline constexpr std::string_view the_word[] = {"the"};
// Words that open a common noun phrase as a determiner does ("Another
// commenter said", "One man wrote", "Each delegate said").
inline constexpr std::string_view quantifiers[] = {"some", "many",  "most", "several", "few", "both", "other",
                                                   "these", "another", "one", "each", "every", "our",
                                                   "my",   "your"};
inline constexpr std::string_view approximations[] = {"almost", "nearly", "about", "only", "just", "more", "fewer", "roughly"};
inline constexpr std::string_view connectors[] = {"de", "da", "van", "von", "der", "bin", "al", "la", "le", "del", "di", "du"};
inline constexpr std::string_view linking_prepositions[] = {"of", "for", "at", "with", "in", "from"};
inline constexpr std::string_view shares[] = {"half", "Half", "most", "Most", "many", "Many", "some", "Some"};
inline constexpr std::string_view comparatives[] = {"more", "More", "fewer", "Fewer", "less", "Less"};
inline constexpr std::string_view ratio_bases[] = {"10", "ten", "five", "4", "5", "3", "three", "four"};
inline constexpr std::string_view those_words[] = {"those", "Those"};
inline constexpr std::string_view polled_words[] = {"surveyed", "polled", "asked", "questioned"};

template <word_shape S>
bool word_parser<S>::is_upper_at(const char* p, const char* last) {
    // Latin-1 supplement and Latin Extended-A capitals cover names like
    // Ángel, Łukasz, Øystein; other scripts have no case and count as capital.
    const auto b0 = static_cast<unsigned char>(p[0]);
    if (last - p < 2) return false;
    const auto b1 = static_cast<unsigned char>(p[1]);
    if (b0 == 0xC3) return b1 >= 0x80 && b1 <= 0x9E && b1 != 0x97;
    if (b0 == 0xC4 || b0 == 0xC5) return (b1 & 1) == 0;
    return b0 >= 0xC6;
}

}  // namespace parsers

namespace rules {

using parsers::kw;
using parsers::word_shape;

parsers::word_parser<word_shape::capitalised> const cap{};
parsers::word_parser<word_shape::lower> const low{};
parsers::word_parser<word_shape::any> const word{};
parsers::word_parser<word_shape::possessive> const possessive_word{};
parsers::function_word_parser const function_word{};
parsers::table_parser<word_class::speech_verb> const speech_verb{};
parsers::table_parser<word_class::clause_verb> const clause_verb{};
parsers::table_parser<word_class::pronoun> const pronoun{};
parsers::table_parser<word_class::title> const title{};
parsers::table_parser<word_class::role> const role{};
parsers::table_parser<word_class::adverb> const adverb{};

auto const sp = x3::omit[+(x3::lit(' ') | x3::lit('\t') | x3::lit("\xC2\xA0"))];
auto const det = parsers::closed_class(parsers::determiners);
auto const the = parsers::closed_class(parsers::the_word);
auto const connector = parsers::one_of(parsers::connectors);
auto const parenthetical = x3::lit('(') >> *(x3::char_ - x3::char_("()\n")) >> x3::lit(')');

// A capitalised name, possibly after titles: "NATO Secretary General Jens Stoltenberg".
auto const name = cap >> *(sp >> (cap | (connector >> sp >> cap)));
// A title only before a name: alone, a word such as "King" is the name.
auto const titled_name = *(title >> sp >> &(title | name)) >> name;
// A word that may modify a role noun: not a verb of saying, not a role itself.
// (a capitalised verb form is a name's word: "Ohio State University professor")
auto const modifier = (word - parsers::table_parser<word_class::speech_verb, true>{} - role - function_word);
// "the NATO chief", "a spokesperson for the ministry", "the chief of the North
// Atlantic Treaty Organization (NATO)".
auto const simple_description = det >> sp >> x3::repeat(0, 3)[modifier >> sp] >> role;
// (not an adjunct of the verb: "said Director Anthony Romero in a statement")
auto const role_tail =
    role >> -(sp >> name) >>
    -(sp >> !adverb >> parsers::one_of(parsers::linking_prepositions) >> sp >>
      (simple_description | (-(the >> sp) >> titled_name))) >>
    -(sp >> parenthetical);
auto const description = det >> sp >> x3::repeat(0, 4)[modifier >> sp] >> role_tail;
// Without a determiner: "NATO chief" in a headline, "officials", "Kremlin
// spokesman Dmitry Peskov", "President Obama".
auto const bare_description = x3::repeat(0, 3)[modifier >> sp] >> role_tail;
// "Trump's campaign manager", "Russia's foreign ministry".
// "Trump's campaign manager", "Connecticut's tax commissioner": a possessive
// and the words it owns, up to the verb.
// "the Zionist Union Party's Nachman Shai": a name of several words before it.
// (no manner adverb among the words it owns: in "Obama's highly criticized
// press conference" the verb form is an adjective)
auto const possessive_role = -(the >> sp) >> *(cap >> sp >> &(cap | possessive_word)) >> possessive_word >> sp >>
                             ((word - speech_verb - function_word - parsers::ly_adverb_parser{}) % sp);
// "the State Department", "the Kremlin".
auto const the_name = the >> sp >> titled_name >> -(sp >> parenthetical);
// "Hugh Hill, a doctor," / "Jens Stoltenberg, Secretary General of NATO (NATO),"
// One or more appositions: "Marley Anderson, 21, a junior from Las Vegas,"
// An apposition never opens with a verb of saying (in "Hugh Hill, a doctor,
// said, “...”" it ends before ", said,") or a conjunction, and holds no
// "that" ("..., and Iran for Russia shows that security is ..., stating" is
// a clause, not a description of its subject).
// (a party and state, "R-Ky.", and a plural possessive, "veterans'", end
// in their mark)
auto const apposition_word =
    ((word - kw("that")) >> -(parsers::abbreviation_period_parser{} | x3::lit('\'') | x3::lit("\xE2\x80\x99"))) |
    parenthetical | x3::lit('-');
auto const comma_apposition =
    +(x3::lit(',') >> sp >> !(speech_verb | kw("and") | kw("but") | kw("or")) >> +(apposition_word >> -sp) >>
      &x3::lit(',')) >>
    x3::lit(',');
// Set off by dashes, commas and all: "Kall -- co-editor of Debating The
// Donald, a book analyzing ... -- said".
auto const apposition_dash = x3::lit("--") | x3::lit("\xE2\x80\x94") | x3::lit("\xE2\x80\x93");
auto const dash_apposition =
    sp >> apposition_dash >> sp >> !(speech_verb | kw("not") | kw("and") | kw("but") | kw("or") | pronoun) >>
    +(!apposition_dash >> (apposition_word | x3::lit(',')) >> -sp) >> apposition_dash;
auto const apposition = comma_apposition | dash_apposition;

// Any determiner phrase ("the bank", "the new report"): only ever tried as the
// subject right before a speech verb, where it is what the verb's subject is.
auto const quantifier = parsers::closed_class(parsers::quantifiers);
auto const common_noun_phrase = (det | quantifier) >> sp >> (modifier % sp);
// A job or role in lower case right before a name: "engineer Sofia Lang".
// ... and before a titled name: "former Sen. Evan Bayh".
// (or a date's digits: "9/11 widow Terry Strada")
auto const digits_word = x3::char_("0-9") >> *x3::char_("0-9/-");
auto const noun_then_name =
    x3::repeat(1, 2)[((low - function_word - speech_verb) | digits_word) >> sp] >> titled_name;
auto const np_core = pronoun | description | possessive_role | the_name | bare_description | titled_name | noun_then_name;
// Poll and survey subjects: "Sixty-six percent", "27 percent of those who
// named a candidate", "Almost half of respondents", "those surveyed".
auto const approx = parsers::closed_class(parsers::approximations);
auto const number = +x3::char_("0-9") >> *(x3::char_(".,") >> +x3::char_("0-9")) >> -x3::lit('%');
auto const percent = kw("percent") | (kw("per") >> sp >> kw("cent"));
auto const share_of = -(approx >> sp) >> (parsers::one_of(parsers::shares) | (kw("a") >> sp >> kw("majority")) |
                                          (kw("A") >> sp >> kw("majority")) | (kw("a") >> sp >> kw("third")) |
                                          kw("two-thirds") | kw("Two-thirds"));
auto const of_group = sp >> kw("of") >> sp >> ((kw("those") >> sp >> kw("who") >> sp >> (modifier % sp)) |
                                              (-(det >> sp) >> (modifier % sp)));
// "more than 4 in 10", "six in 10 voters"
auto const ratio = -(parsers::one_of(parsers::comparatives) >> sp >> kw("than") >> sp) >> -(approx >> sp) >>
                   (number | word) >> sp >> kw("in") >> sp >> parsers::one_of(parsers::ratio_bases) >>
                   -(sp >> (modifier % sp));
auto const poll_subject = (share_of >> of_group) | ratio |
                          (-(approx >> sp) >> (number | word) >> sp >> percent >> -of_group) |
                          (parsers::one_of(parsers::those_words) >> sp >> parsers::one_of(parsers::polled_words));
// The relative pronoun of "Barkley, who said he votes Democratic".
auto const relative = kw("who");
// A quantifier, capitalised at a sentence's start, would otherwise be read as
// a one-word name ("Another" of "Another commenter said"): it is tried first.
// Its nouns stop before an auxiliary or adverb ("Some have said", "Both
// sides have argued").
// A verb right after the quantifier leaves it alone as the subject ("Most
// believe that ...").
// "one of those advisers", "some of his aides": a quantifier of a group.
inline constexpr std::string_view group_determiners[] = {"the", "those", "these", "his", "her", "their", "our", "its"};
auto const quantified =
    quantifier >> sp >>
    ((kw("of") >> sp >> parsers::one_of(group_determiners) >> sp >> (bare_description | (modifier % sp))) |
     (!(speech_verb | clause_verb) >> (bare_description | ((modifier - adverb) % sp))));
auto const subject_core = poll_subject | quantified | np_core | common_noun_phrase | relative;
auto const np = np_core >> -apposition;
// Coordinated subjects speak together: "Edwards and others", "Khizr and
// Ghazala Khan", "Mr. Trump, Mr. Cruz and Mr. Kasich".
inline constexpr std::string_view others_words[] = {"others"};
inline constexpr std::string_view other_words[] = {"other"};
inline constexpr std::string_view and_or[] = {"and", "or"};
auto const others = parsers::one_of(others_words) | (parsers::one_of(other_words) >> sp >> (modifier % sp));
auto const coordination = x3::repeat(0, 3)[x3::lit(',') >> sp >> np_core] >> -x3::lit(',') >> sp >>
                          parsers::one_of(and_or) >> sp >> (np_core | others | common_noun_phrase);
// "Ford itself said": an intensifying pronoun after the subject.
inline constexpr std::string_view intensifiers[] = {"itself", "himself", "herself", "themselves"};
// A party and state after a name: "Sen. Richard J. Durbin (D-Ill.)".
auto const subject = subject_core >> -(sp >> parenthetical) >> -(sp >> parsers::one_of(intensifiers)) >>
                     -apposition >> -coordination >> -apposition;
auto const adverbs = *(sp >> (adverb | parsers::ly_adverb_parser{}));
// An auxiliary written into its subject: "He’s saying", "they've said",
// "she'd told".
auto const contraction = -((x3::lit("\xE2\x80\x99") | x3::lit('\'')) >>
                           (kw("s") | kw("ve") | kw("d") | kw("re") | kw("ll")));

x3::rule<class subject_cue_r, ast::frame> const subject_cue = "subject_cue";
x3::rule<class subject_clause_r, ast::frame> const subject_clause = "subject_clause";
x3::rule<class cue_subject_r, ast::cue_frame> const cue_subject = "cue_subject";
x3::rule<class cue_any_subject_r, ast::cue_frame> const cue_any_subject = "cue_any_subject";
x3::rule<class according_r, ast::range> const according = "according";
x3::rule<class noun_phrase_r, ast::range> const noun_phrase = "noun_phrase";
x3::rule<class subject_r, ast::range> const subject_phrase = "subject_phrase";
x3::rule<class verb_after_r, ast::range> const verb_after = "verb_after";
x3::rule<class verb_or_clause_after_r, ast::range> const verb_or_clause_after = "verb_or_clause_after";

auto const subject_cue_def = x3::raw[subject] >> contraction >> adverbs >> sp >> x3::raw[speech_verb];
auto const subject_clause_def = x3::raw[subject] >> contraction >> adverbs >> sp >> x3::raw[speech_verb | clause_verb];
auto const cue_subject_def = x3::raw[speech_verb] >> sp >> x3::raw[np_core];
// Right after a quote the verb of an inverted frame has any noun phrase
// that ends there as its subject: "“...,” said the 46-year-old.", "said the
// designer, who ...", "says a narrator."
auto const phrase_end = &(x3::lit(',') | x3::lit('.') | x3::lit(';') | x3::lit('\n') | x3::eoi |
                          (sp >> function_word));
auto const cue_any_subject_def =
    x3::raw[speech_verb] >> sp >> x3::raw[np_core | ((quantified | common_noun_phrase) >> phrase_end)];
auto const according_def = (kw("according") | kw("According")) >> sp >> kw("to") >> sp >> x3::raw[np_core];
auto const noun_phrase_def = x3::raw[np_core];
auto const subject_phrase_def = x3::raw[subject];
auto const verb_after_def = contraction >> adverbs >> sp >> x3::raw[speech_verb];
auto const verb_or_clause_after_def = contraction >> adverbs >> sp >> x3::raw[speech_verb | clause_verb];

BOOST_SPIRIT_DEFINE(subject_cue, subject_clause, cue_subject, cue_any_subject, according, noun_phrase, subject_phrase, verb_after,
                    verb_or_clause_after)

}  // namespace rules
}  // namespace quotetrace::grammar
