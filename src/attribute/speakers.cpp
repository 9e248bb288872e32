// The speaker sieve (after Muzny et al. 2017, adapted to news): explicit
// name, description, pronoun, continuation, else unknown. Never a guess.
#include "speakers.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "../extract/text.hpp"

namespace quotetrace {

// ---- speaker_registry ------------------------------------------------------

struct speaker_registry::impl {
    std::unordered_map<std::string, std::string> alias;                  // lower alias -> canonical
    std::unordered_map<std::string, std::vector<std::string>> surname;   // lower last word -> full names
    std::unordered_set<std::string> known;                               // canonical names
    std::unordered_set<std::string> bodies;                              // organisations and outlets
    std::unordered_map<std::string, std::unordered_set<std::string>> titles;  // person -> title words
    bool collecting = false;
    learned fresh;  // learned since the last take_learned(), when collecting

    // A lower-case word without dots ("U.S." -> us).
    static std::string plain(std::string_view w) {
        std::string out = text::lower(w);
        std::erase(out, '.');
        return out;
    }

    void add_full(const std::string& full) {
        if (!known.insert(full).second) return;
        if (collecting) fresh.names.push_back(full);
        const auto sp = full.rfind(' ');
        if (sp == std::string::npos) return;
        surname[text::lower(full.substr(sp + 1))].push_back(full);
    }
};

speaker_registry::speaker_registry(const lexicon& lex) : impl_(std::make_unique<impl>()) {
    for (const auto& e : lex.gazetteer) {
        impl_->add_full(e.name);
        impl_->alias[text::lower(e.name)] = e.name;
        if (e.type != "person") impl_->bodies.insert(e.name);
        for (const auto& a : e.aliases) impl_->alias.emplace(text::lower(a), e.name);
        // a person's descriptive aliases ("NATO chief") are titles too
        if (e.type == "person")
            for (const auto& a : e.aliases)
                if (a.find(' ') != std::string::npos) {
                    std::vector<std::string> words;
                    for (std::size_t b = 0; b < a.size();) {
                        const auto sp = std::min(a.find(' ', b), a.size());
                        if (sp > b) words.push_back(text::lower(std::string_view(a).substr(b, sp - b)));
                        b = sp + 1;
                    }
                    note_titles(e.name, words);
                }
    }
}

void speaker_registry::note_titles(const std::string& person, const std::vector<std::string>& lower_words) {
    if (lower_words.empty()) return;
    auto& set = impl_->titles[person];
    for (const auto& w : lower_words)
        if (auto [at, added] = set.insert(impl::plain(w)); added && impl_->collecting)
            impl_->fresh.titles.emplace_back(person, *at);
}

void speaker_registry::collect_learned() { impl_->collecting = true; }

speaker_registry::learned speaker_registry::take_learned() { return std::exchange(impl_->fresh, {}); }

void speaker_registry::restore(const std::string& name, const std::string& title_word) {
    const bool collecting = std::exchange(impl_->collecting, false);
    if (title_word.empty()) impl_->add_full(name);
    else impl_->titles[name].insert(title_word);
    impl_->collecting = collecting;
}

bool speaker_registry::affiliated(std::string_view organisation, std::string_view person) const {
    const auto it = impl_->titles.find(std::string(person));
    if (it == impl_->titles.end()) return false;
    // words that name a kind of body, not which one
    static const std::unordered_set<std::string_view> generic = {
        "the", "of", "for", "and", "department", "ministry", "office", "agency", "organisation", "organization",
        "council", "government", "administration", "service", "services", "committee", "commission"};
    std::size_t distinctive = 0;
    for (std::size_t b = 0; b < organisation.size();) {
        const auto sp = std::min(organisation.find(' ', b), organisation.size());
        const std::string w = impl::plain(organisation.substr(b, sp - b));
        b = sp + 1;
        if (w.empty() || generic.count(w)) continue;
        if (!it->second.count(w)) return false;
        ++distinctive;
    }
    return distinctive > 0;
}
speaker_registry::~speaker_registry() = default;
speaker_registry::speaker_registry(speaker_registry&&) noexcept = default;

void speaker_registry::learn(const std::string& full_name) {
    if (full_name.find(' ') == std::string::npos) return;
    if (impl_->alias.count(text::lower(full_name))) return;  // a known alias keeps its canonical form
    impl_->add_full(full_name);
}

std::string speaker_registry::canonical(const std::string& name) const {
    const std::string key = text::lower(name);
    if (auto it = impl_->alias.find(key); it != impl_->alias.end()) return it->second;
    if (name.find(' ') == std::string::npos) {
        if (auto it = impl_->surname.find(key); it != impl_->surname.end() && it->second.size() == 1)
            return it->second.front();
    }
    return name;
}

std::string speaker_registry::learn_canonical(const std::string& name) {
    const std::string key = text::lower(name);
    std::string canon;
    if (auto it = impl_->alias.find(key); it != impl_->alias.end()) {
        canon = it->second;
    } else if (name.find(' ') != std::string::npos) {
        impl_->add_full(name);  // learn(name): a full name that is no alias
        return name;
    } else if (auto sur = impl_->surname.find(key); sur != impl_->surname.end() && sur->second.size() == 1) {
        canon = sur->second.front();
    } else {
        return name;  // one word: nothing to learn
    }
    learn(canon);
    return canon;
}

bool speaker_registry::is_organisation(const std::string& canonical_name) const {
    return impl_->bodies.count(canonical_name) > 0;
}

std::string speaker_registry::describe(const std::string& description) const {
    if (auto it = impl_->alias.find(text::lower(description)); it != impl_->alias.end()) return it->second;
    return {};
}

namespace attribute {
namespace {

// Calls f(word) for the words of `s` (runs between whitespace, ASCII or
// NBSP), as views into it, until f returns false; with `brackets`,
// parentheses separate words too.
template <typename F>
void each_word(std::string_view s, bool brackets, F&& f) {
    auto gap = [&](std::size_t k) -> std::size_t {
        return brackets && (s[k] == '(' || s[k] == ')') ? 1 : text::space_len(s, k);
    };
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && gap(i)) i += gap(i);
        std::size_t j = i;
        while (j < s.size() && !gap(j)) ++j;
        if (j > i && !f(s.substr(i, j - i))) return;
        i = j;
    }
}

// The words of `s` into `out` (a buffer the caller reuses).
void tokens(std::string_view s, std::vector<std::string_view>& out, bool brackets = false) {
    out.clear();
    each_word(s, brackets, [&](std::string_view w) {
        out.push_back(w);
        return true;
    });
}

std::vector<std::string_view> tokens(std::string_view s) {
    std::vector<std::string_view> out;
    tokens(s, out);
    return out;
}

bool is_acronym(std::string_view w) {
    int letters = 0;
    for (char c : w) {
        if (c >= 'A' && c <= 'Z') ++letters;
        else if (c != '.') return false;
    }
    return letters >= 2;
}

bool capitalised(std::string_view w) { return !w.empty() && text::starts_upper(w, 0); }

// Two to four capitalised words, none of them one that names a place or a body
// ("Wilson Center", "Elysee Palace", "New York Times").
bool looks_like_person(std::string_view name) {
    static const text::lower_set body_words = {
        "center", "centre", "palace", "times", "post", "house", "department", "ministry", "council", "committee",
        "agency", "office", "university", "institute", "party", "bank", "company", "corporation", "inc", "group",
        "association", "foundation", "network", "news", "journal", "street", "hall", "church", "school",
        "college", "hospital", "court", "museum", "forum", "union", "organization", "organisation", "state",
        "states", "city", "county", "republic", "kingdom", "river", "square", "airport", "station", "club",
        "league", "service", "board", "commission", "senate", "congress", "administration", "army", "navy",
        "press", "media", "magazine", "review", "herald", "tribune", "daily", "weekly", "gazette", "channel",
        "tv", "radio", "campaign", "fund", "trust", "reserve", "alliance", "treaty", "parliament", "assembly",
        "convention", "conference", "caucus", "coalition", "pac", "bureau", "authority", "federation", "society",
        "movement", "summit", "institution", "industries", "holdings", "partners"};
    // a party member described by place ends so: "Wisconsin Republican" (not
    // "Democrat Hillary Clinton")
    static const text::lower_set party_words = {"democrat", "democrats", "republican", "republicans"};
    std::string_view words[5];
    std::size_t n = 0;
    each_word(name, false, [&](std::string_view w) {
        words[n++] = w;
        return n < 5;
    });
    if (n < 2 || n > 4) return false;
    static const std::unordered_set<std::string_view> particles = {"de", "da", "van", "von", "der", "bin", "al",
                                                                   "la", "le", "del", "di", "du", "ter", "ten"};
    for (std::size_t i = 0; i < n; ++i) {
        const auto w = words[i];
        if (i > 0 && i + 1 < n && particles.count(w)) continue;  // "Marta de Vries"
        if (!capitalised(w) || body_words.count(w) || (i + 1 == n && party_words.count(w))) return false;
        if (w.size() > 1 && is_acronym(w)) return false;
    }
    return true;
}

// Whether a word that ends in a period is an abbreviation rather than a
// sentence's end: a capital and at most three letters before it ("Sen.",
// "U.S.", "Mr.").
bool abbreviation(std::string_view word) { return word.size() <= 4 && text::starts_upper(word, 0); }

// Whether the name at `at` opens its sentence, after at most a few words
// of a title ("Mayor Ines Vidal", "Secretary of State Antony Blinken",
// "Texas Sen. Ted Cruz", "Obama consultant Cornell Belcher": a lower-case
// word only when it is a role, between capitalised ones).
bool opens_sentence(std::string_view text, std::size_t at, const speaker_lexicon& lexicon) {
    std::size_t b = at;
    int words = 0;
    bool lower_after = false;  // the word after this one is in lower case
    while (b > 0) {
        std::size_t e = b;
        while (e > 0 && text::is_space(static_cast<unsigned char>(text[e - 1]))) --e;
        if (e == 0) return !lower_after;
        std::size_t w = e;
        while (w > 0 && !text::is_space(static_cast<unsigned char>(text[w - 1]))) --w;
        const std::string_view word = text.substr(w, e - w);
        const char c = text[e - 1];
        // a sentence ends here, but not at an abbreviation ("Sen.", "U.S.")
        if (e < b && ((c == '.' && !abbreviation(word)) || c == '!' || c == '?' || c == '\n' || c == '"' ||
                      (e >= 3 && text.compare(e - 3, 3, "\xE2\x80\x9D") == 0)))
            return !lower_after;
        const bool upper = text::starts_upper(text, w);
        // "For Jonathan Chait, ...", "After Sanders ...", "If Trump ...":
        // no person as the subject; nor right after a determiner ("The
        // Murdoch outlets"), though one may open a title before the name
        // ("The Washington Post columnist Ruth Marcus")
        static const std::unordered_set<std::string_view> subordinating = {
            "For", "In", "On", "At", "After", "Before", "With", "By", "From", "To", "As", "When", "While",
            "Since", "Unlike", "Like", "Despite", "About", "Against", "Following", "Under", "Without", "Of",
            "If", "Whether", "Unless"};
        static const std::unordered_set<std::string_view> determiners = {
            "The", "A", "An", "His", "Her", "Their", "Its", "This", "That", "These", "Those"};
        if (upper && (subordinating.count(word) || (words == 0 && determiners.count(word)))) return false;
        if (w == e || ++words > 4 || word.find(',') != std::string_view::npos || (!upper && lower_after) ||
            (!upper && word != "of" && !lexicon.title_at(std::vector<std::string_view>{word}, 0)))
            return false;
        lower_after = !upper && word != "of";
        b = w;
    }
    return !lower_after;
}

// Where `word` last opens a sentence between two places, or npos; also as
// the owner of its subject ("Mr. Obama's bet is ... He says"), but not
// after an honorific of the other gender than `gender` ('m', 'f' or 0 for
// either: "Mrs. Clinton" is not Bill Clinton).
std::size_t last_opening(std::string_view text, std::string_view word, std::size_t from, std::size_t to,
                         const speaker_lexicon& lexicon, char gender = 0) {
    std::size_t last = std::string_view::npos;
    if (word.empty()) return last;
    for (std::size_t i = text.find(word, from); i != std::string_view::npos && i < to; i = text.find(word, i + 1)) {
        const std::size_t e = i + word.size();
        if ((i > 0 && text::is_letter_at(text, i - 1)) || (e < text.size() && text::is_letter_at(text, e))) continue;
        if (gender) {
            const std::string_view before = text.substr(i >= 5 ? i - 5 : 0, i >= 5 ? 5 : i);
            const char told = before.ends_with("Mrs. ") || before.ends_with("Ms. ") ? 'f'
                              : before.ends_with("Mr. ")                            ? 'm'
                                                                                    : 0;
            if (told && told != gender) continue;
        }
        if (opens_sentence(text, i, lexicon)) last = i;
    }
    return last;
}

// Whether `word` opens a sentence between two places.
bool opens_a_sentence(std::string_view text, std::string_view word, std::size_t from, std::size_t to,
                      const speaker_lexicon& lexicon) {
    return last_opening(text, word, from, to, lexicon) != std::string_view::npos;
}

// Whether `at` lies inside the words of a quote (quotes in text order).
bool inside_quote(const std::vector<quote>& quotes, std::size_t at) {
    auto it = std::upper_bound(quotes.begin(), quotes.end(), at,
                               [](std::size_t v, const quote& q) { return v < q.content.begin; });
    for (int back = 0; it != quotes.begin() && back < 4; ++back) {
        --it;
        if (it->kind != quote_kind::indirect && at < it->content.end) return true;
    }
    return false;
}

// Whether a sentence ends at text[i] (outside quotes): a period, a question
// or an exclamation mark before a space, not after an abbreviation ("Sen.",
// "U.S."), the word before it starting no earlier than `floor`.
bool sentence_end_at(std::string_view text, const std::vector<quote>& quotes, std::size_t i, std::size_t floor) {
    const char c = text[i];
    if ((c != '.' && c != '!' && c != '?') || i + 1 >= text.size() ||
        !text::is_space(static_cast<unsigned char>(text[i + 1])))
        return false;
    std::size_t w = i;
    while (w > floor && !text::is_space(static_cast<unsigned char>(text[w - 1]))) --w;
    if (c == '.' && abbreviation(text.substr(w, i + 1 - w))) return false;
    return !inside_quote(quotes, i);
}

// How many sentences end between two places.
std::size_t sentence_ends(std::string_view text, const std::vector<quote>& quotes, std::size_t from, std::size_t to) {
    std::size_t n = 0;
    for (std::size_t i = from; i + 1 < to; ++i) n += sentence_end_at(text, quotes, i, from);
    return n;
}

// Where the sentence before the one holding `at` begins (at most a few
// hundred bytes are read back; 0 when the text starts first).
std::size_t previous_sentence_begin(std::string_view text, const std::vector<quote>& quotes, std::size_t at) {
    int ends = 0;
    for (std::size_t i = at; i-- > 0 && at - i < 2000;)
        if (sentence_end_at(text, quotes, i, 0) && ++ends == 2) return i + 1;
    return at >= 2000 ? at - 2000 : 0;
}

// A word that may stand before a person's full name without being part of
// it: a party ("Democrat Hillary Clinton") or "Former" opening a sentence.
bool is_label_before_name(std::string_view w) {
    return w == "Democrat" || w == "Republican" || w == "Libertarian" || w == "Independent" || w == "GOP" ||
           w == "Former";
}

// "D-Ill.", "R-OK", "I-Vt.", "D", "R-Texas": a party's letter, then a state.
bool is_party(std::string_view inside) {
    if (inside.empty() || (inside[0] != 'D' && inside[0] != 'R' && inside[0] != 'I')) return false;
    if (inside.size() == 1) return true;
    if (inside[1] != '-' || inside.size() > 12) return false;
    return std::all_of(inside.begin() + 2, inside.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == ' ';
    });
}

bool is_determiner(std::string_view w) {
    if (w.empty() || w.size() > 5) return false;  // the lengths of the determiners: most words stop here
    for (std::string_view d : {"the", "a", "an", "his", "her", "its", "their"})
        if (text::equals_lower(w, d)) return true;
    return false;
}

// "Trump's", "Russia’s".
bool possessive(std::string_view w) {
    const auto n = w.size();
    return (n > 2 && w.substr(n - 2) == "'s") || (n > 4 && w.substr(n - 4) == "\xE2\x80\x99s");
}

// The gender an honorific or a gendered title tells (lower case, with or
// without the period): 'm' for "Mr.", "Sir", "Congressman"; 'f' for "Mrs.",
// "Ms.", "Congresswoman"; else 0.
char honorific_gender(std::string_view w) {
    if (!w.empty() && w.back() == '.') w.remove_suffix(1);
    static constexpr std::string_view men[] = {"mr", "sir", "lord", "king", "prince", "congressman", "spokesman",
                                               "councilman", "assemblyman"};
    static constexpr std::string_view women[] = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess",
                                                 "congresswoman", "spokeswoman", "councilwoman", "assemblywoman",
                                                 "chairwoman"};
    for (const auto m : men)
        if (w == m) return 'm';
    for (const auto f : women)
        if (w == f) return 'f';
    return 0;
}

// A quantifier standing alone for its noun ("Most believe", "Both said",
// "Another added"): never a name, though capitalised at a sentence's start.
bool is_quantifier(std::string_view w) {
    if (w.size() < 3 || w.size() > 7) return false;
    for (std::string_view q : {"some", "many", "most", "several", "few", "both", "other", "others", "these", "another",
                               "one", "each", "every"})
        if (text::equals_lower(w, q)) return true;
    return false;
}

// Roles that any head-of-organisation title satisfies ("the NATO chief" names
// the Secretary General).
const std::unordered_set<std::string>& head_roles() {
    static const std::unordered_set<std::string> r = {"chief", "boss", "head", "leader"};
    return r;
}
const std::unordered_set<std::string>& head_titles() {
    static const std::unordered_set<std::string> r = {"secretary", "general", "president", "director", "chairman",
                                                      "chairwoman", "chair", "chief", "head", "leader", "ceo",
                                                      "prime", "chancellor", "king", "queen", "commander"};
    return r;
}

std::string_view strip_punct(std::string_view w) {
    while (!w.empty() && (w.back() == ',' || w.back() == ')' || w.back() == ':' || w.back() == ';' ||
                          (w.back() == '.' && w.find('.') == w.size() - 1)))  // "S.E.C." keeps its dots
        w.remove_suffix(1);
    while (!w.empty() && w.front() == '(') w.remove_prefix(1);
    return w;
}

// The words of `s` with their punctuation stripped, empty ones dropped, into
// `out` (a buffer the caller reuses).
void bare_words(std::string_view s, std::vector<std::string_view>& out, bool brackets = false) {
    out.clear();
    each_word(s, brackets, [&](std::string_view w) {
        if (w = strip_punct(w); !w.empty()) out.push_back(w);
        return true;
    });
}

}  // namespace

speaker_lexicon::speaker_lexicon(const lexicon& lex) {
    for (const auto* list : {&lex.titles, &lex.roles}) {
        for (const auto& t : *list) {
            const std::string lower = text::lower(t);
            std::vector<std::string> words;
            for (auto w : tokens(lower)) {
                if (!w.empty() && w.back() == '.') w.remove_suffix(1);
                words.emplace_back(w);
            }
            titles_.push_back(std::move(words));
        }
    }
    // longest first, so "Secretary General" wins over "Secretary"
    std::stable_sort(titles_.begin(), titles_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (std::size_t i = 0; i < titles_.size(); ++i)
        if (!titles_[i].empty()) {
            by_first_[titles_[i][0]].push_back(i);
            first_shapes_.set(shape(titles_[i][0]));
        }
    for (const auto& [p, g] : lex.pronouns) pronouns_[text::lower(p)] = g;
    for (const auto& n : lex.female_names) given_names_[n] = 'f';
    for (const auto& n : lex.male_names) given_names_[n] = 'm';
}

char speaker_lexicon::gender_of(std::string_view name) const {
    const auto it = given_names_.find(name.substr(0, name.find(' ')));
    return it == given_names_.end() ? 0 : it->second;
}

std::size_t speaker_lexicon::shape(std::string_view w) {
    if (w.empty()) return 0;
    auto letter = [](char c) { return static_cast<std::size_t>(static_cast<unsigned char>(text::lower_ascii(c)) & 31); };
    return (std::min<std::size_t>(w.size(), 31) * 32 + letter(w.front())) * 32 + letter(w.back());
}

std::size_t speaker_lexicon::title_at(const std::vector<std::string_view>& words, std::size_t i) const {
    auto bare = [](std::string_view w) {
        if (!w.empty() && w.back() == '.') w.remove_suffix(1);
        return w;
    };
    const std::string_view first = bare(words[i]);
    if (!first_shapes_.test(shape(first))) return 0;
    const auto it = by_first_.find(first);
    if (it == by_first_.end()) return 0;
    for (const std::size_t ti : it->second) {
        const auto& tw = titles_[ti];
        if (i + tw.size() > words.size()) continue;
        bool ok = true;
        for (std::size_t k = 1; k < tw.size() && ok; ++k) ok = text::equals_lower(bare(words[i + k]), tw[k]);
        if (ok) return tw.size();
    }
    return 0;
}

std::size_t speaker_lexicon::title_at(const std::vector<std::string>& words, std::size_t i) const {
    return title_at(std::vector<std::string_view>(words.begin(), words.end()), i);
}

std::string_view speaker_lexicon::pronoun_kind(std::string_view lower_word) const {
    const auto it = pronouns_.find(lower_word);
    return it == pronouns_.end() ? std::string_view() : std::string_view(it->second);
}

document_speakers::document_speakers(const speaker_lexicon& words, speaker_registry& registry)
    : words_(words), registry_(registry) {}

std::string document_speakers::name_of(std::string_view np, std::vector<std::string>* descriptors, bool frame) const {
    // Split off appositions (at commas outside parentheses, and at spaced
    // dashes: "Kall -- co-editor of ... --"); parentheses separate words.
    std::string dashes_as_commas;
    for (std::string_view d : {" -- ", " \xE2\x80\x94 ", " \xE2\x80\x93 "}) {
        if (np.find(d) == std::string_view::npos) continue;
        std::string out;
        for (std::size_t b = 0;;) {
            const std::size_t at = np.find(d, b);
            out.append(np.substr(b, at == std::string_view::npos ? np.size() - b : at - b));
            if (at == std::string_view::npos) break;
            out.append(", ");
            b = at + d.size();
        }
        dashes_as_commas = std::move(out);
        np = dashes_as_commas;
    }
    std::string found;
    int paren = 0;
    for (std::size_t b = 0; b <= np.size();) {
        std::size_t e = b;
        for (; e < np.size(); ++e) {
            const char c = np[e];
            if (c == '(') ++paren;
            else if (c == ')') paren = std::max(0, paren - 1);
            else if (c == ',' && !paren) break;
        }
        std::string_view part = np.substr(b, e - b);
        b = e + 1;
        // a party and state after the name, "(D-Ill.)", "(R)", is no part of it
        std::string without_party;
        if (const auto open = part.find('('); open != std::string_view::npos) {
            const auto close = part.find(')', open);
            if (close != std::string_view::npos && is_party(part.substr(open + 1, close - open - 1))) {
                without_party.assign(part.substr(0, open));
                without_party.append(part.substr(close + 1));
                part = without_party;
            }
        }
        auto& words = words_buf_;
        bare_words(part, words, true);
        // "Ford itself": the intensifier is no part of the name
        if (!words.empty() && (words.back() == "itself" || words.back() == "himself" || words.back() == "herself" ||
                               words.back() == "themselves"))
            words.pop_back();
        if (words.empty()) continue;
        bool description = words.size() == 1 && is_quantifier(words[0]);
        const bool determined = is_determiner(words[0]);
        if (determined) {
            // "the State Department" names; "the chief of the North Atlantic Treaty
            // Organization" describes.
            words.erase(words.begin());
            for (const auto& w : words)
                if (!capitalised(w)) description = true;
        }
        if (words.empty()) continue;
        // A party or "Former" before a given name and a surname is no part of
        // the name: "Democrat Hillary Clinton", "Republican Christine Todd
        // Whitman" (but "Republican Governors Association" stays whole).
        if (words.size() >= 3 && is_label_before_name(words[0]) && words_.gender_of(words[1]) &&
            capitalised(words[2]))
            words.erase(words.begin());
        // The name is what follows the last title or role word ("NATO Secretary
        // General Jens Stoltenberg", "Kremlin spokesman Dmitry Peskov").
        std::size_t name_from = 0, before_last = 0;
        for (std::size_t i = 0; i < words.size(); ++i) {
            const std::size_t n = words_.title_at(words, i);
            if (n) {
                before_last = name_from;
                name_from = i + n;
                i += n - 1;
            }
        }
        // A one-word title that ends the phrase after an honorific or a given
        // name is a surname: "Mr. King", "Billie Jean King", "Erik Prince".
        if (name_from == words.size() && name_from >= 2 && words_.title_at(words, name_from - 1) == 1) {
            const std::string before = text::lower(words[name_from - 2]);
            const bool honorific = before == "dr" || before == "dr." ||
                                   (honorific_gender(before) && capitalised(words[name_from - 1]) &&
                                    (before.starts_with("m") || before == "miss"));
            if (honorific) name_from -= 1;
            else if (before_last < name_from - 1 && words_.gender_of(words[before_last])) name_from = before_last;
        }
        if (name_from == 0 && words.size() > 1 && is_acronym(words[0])) name_from = 1;
        description = description || name_from >= words.size();
        // a given name and a surname, then the place they serve: "Senator
        // John McCain of Arizona" is John McCain
        if (name_from + 3 < words.size() && words_.gender_of(words[name_from]))
            for (std::size_t i = name_from + 2; i + 1 < words.size(); ++i)
                if (words[i] == "of" && capitalised(words[i + 1])) {
                    words.resize(i);
                    break;
                }
        for (std::size_t i = name_from; i < words.size(); ++i) {
            const auto& w = words[i];
            if (possessive(w)) description = true;
            if (!capitalised(w) && w != "of" && w != "de" && w != "van" && w != "von" && w != "bin" && w != "al")
                description = true;
        }
        // A job in lower case before a name ("engineer Sofia Lang"): the name
        // is the capitalised run at the end.
        // So is a name of two words or more after a possessive in a frame
        // ("the Zionist Union Party's Nachman Shai", "Russia's Vladimir Putin").
        if (description && name_from < words.size() && capitalised(words.back())) {
            std::size_t run = words.size();
            while (run > name_from && capitalised(words[run - 1]) && !possessive(words[run - 1])) --run;
            const bool after_possessive =
                frame && run > name_from && possessive(words[run - 1]) && words.size() - run >= 2;
            bool plain = run > name_from && (possessive(words[run - 1]) ? after_possessive : !determined);
            for (std::size_t i = run; i < words.size() && plain; ++i)
                plain = words[i].find('\'') == std::string::npos && words[i].find("\xE2\x80\x99") == std::string::npos;
            if (plain) {
                name_from = run;
                description = false;
            }
        }
        if (descriptors) {
            for (std::size_t i = 0; i < name_from; ++i) {
                descriptors->push_back(text::lower(words[i]));
                // "Director-General" describes a director and a general
                if (const auto dash = words[i].find('-'); dash != std::string::npos) {
                    descriptors->push_back(text::lower(words[i].substr(0, dash)));
                    descriptors->push_back(text::lower(words[i].substr(dash + 1)));
                }
            }
        }
        if (description) {
            if (descriptors)
                for (const auto& w : words) descriptors->push_back(text::lower(w));
            continue;
        }
        if (name_from >= words.size()) continue;
        if (!found.empty()) {
            if (descriptors)
                for (const auto& w : words) descriptors->push_back(text::lower(w));
            continue;
        }
        // a generational suffix is no part of the name a person goes by
        // ("Joseph R. Biden Jr." is Joseph R Biden, whose surname is Biden)
        std::size_t name_end = words.size();
        const std::string_view last = words.back();
        if (last == "Jr" || last == "Sr" || last == "II" || last == "III" || last == "IV") {
            // a title word right before the suffix is the surname ("Martin Luther King Jr.")
            if (name_end - name_from == 1) name_from = 0;
            if (name_end - name_from >= 3) --name_end;
        }
        for (std::size_t i = name_from; i < name_end; ++i) {
            if (!found.empty()) found += ' ';
            found += words[i];
        }
    }
    return found;
}

const entity* document_speakers::find_const(const std::string& name) const {
    for (const auto& e : entities_)
        if (e.name == name) return &e;
    return nullptr;
}

entity* document_speakers::find(const std::string& name) {
    for (auto& e : entities_)
        if (e.name == name) return &e;
    return nullptr;
}

void document_speakers::observe_name(std::string_view text, span np) {
    // The same words seen again name the same entity (name_of, the registry's
    // canonical form and learning are all settled by the words): only where
    // it was last seen changes.
    const std::string_view words = np.in(text);
    auto [seen_at, fresh] = observed_.try_emplace(std::hash<std::string_view>{}(words));
    if (!fresh && observed_words_[seen_at].first == words) {
        if (const std::size_t e = observed_words_[seen_at].second; e < entities_.size()) entities_[e].seen.push_back(np.begin);
        return;
    }
    // words new here (or sharing a hash with other words, left unremembered)
    const bool remember = fresh;
    if (remember) {
        seen_at = observed_words_.size();
        observed_words_.emplace_back(words, static_cast<std::size_t>(-1));
    }
    const std::size_t slot = seen_at;
    std::vector<std::string> desc;
    std::string name = name_of(words, &desc, false);
    if (name.find(' ') == std::string::npos) return;  // only full names found in the text count
    name = registry_.learn_canonical(name);
    entity* e = find(name);
    if (!e) {
        entities_.push_back(new_entity(name, np.begin));
        e = &entities_.back();
    }
    if (e->seen.empty() || e->seen.back() != np.begin) e->seen.push_back(np.begin);
    for (auto& d : desc) {
        // an honorific tells a gender the given name did not ("Mrs. Gillibrand")
        if (!e->gender) e->gender = honorific_gender(d);
        if (std::find(e->descriptors.begin(), e->descriptors.end(), d) == e->descriptors.end())
            e->descriptors.push_back(d);
    }
    if (e->person) registry_.note_titles(e->name, desc);
    if (remember) observed_words_[slot].second = static_cast<std::size_t>(e - entities_.data());
}

std::size_t entity::seen_before(std::size_t pos) const {
    const auto it = std::lower_bound(seen.begin(), seen.end(), pos);
    return it == seen.begin() ? std::string_view::npos : *std::prev(it);
}

entity document_speakers::new_entity(const std::string& name, std::size_t at) const {
    entity e{name, {}, {at}, looks_like_person(name) && !registry_.is_organisation(name)};
    if (e.person) e.gender = words_.gender_of(name);
    return e;
}

std::string document_speakers::resolve_name(const std::string& name, std::size_t at) {
    if (name.find(' ') != std::string::npos) {
        // the document's own person, however a sentence's start cased it ("de Blasio", "De Blasio")
        for (const auto& e : entities_)
            if (e.name != name && text::equals_lower(e.name, name)) return e.name;
        std::string canon = registry_.learn_canonical(name);
        if (!find(canon)) entities_.push_back(new_entity(canon, at));
        return canon;
    }
    // A surname, or a one-word organisation: the document's own full names first.
    const std::string key = text::lower(name);
    const entity* best = nullptr;
    for (const auto& e : entities_) {
        const auto sp = e.name.rfind(' ');
        if (sp != std::string::npos && text::equals_lower(std::string_view(e.name).substr(sp + 1), key)) {
            if (best && best->name != e.name) return registry_.canonical(name);  // ambiguous here
            best = &e;
        }
    }
    if (best) return best->name;
    // Someone known by one of their names ("Tedros" for Tedros Adhanom Ghebreyesus).
    for (const auto& e : entities_) {
        bool named = false;
        each_word(e.name, false, [&](std::string_view w) { return !(named = text::equals_lower(w, key)); });
        if (named) {
            if (best && best->name != e.name) return registry_.canonical(name);
            best = &e;
        }
    }
    if (best) return best->name;
    return registry_.canonical(name);
}

std::string document_speakers::resolve_description(std::string_view np) const {
    std::vector<std::string_view> words;
    bare_words(np, words);
    if (!words.empty() && is_determiner(words[0])) words.erase(words.begin());
    if (words.empty()) return {};
    // The gazetteer first: it knows descriptions the text may never spell out.
    std::string joined;
    for (const auto w : words) {
        if (!joined.empty()) joined += ' ';
        joined += w;
    }
    if (auto g = registry_.describe(joined); !g.empty()) return g;
    // Then the document: every capitalised modifier must describe the entity,
    // and the role must be one of its titles (or a head role for a head title).
    std::vector<std::string> caps, roles;
    for (const auto& w : words) {
        if (w == "of" || w == "for" || w == "the" || w == "at" || w == "in" || w == "with") continue;
        (capitalised(w) ? caps : roles).push_back(text::lower(w));
    }
    if (caps.empty() && roles.empty()) return {};
    const entity* best = nullptr;
    for (const auto& e : entities_) {
        if (!e.person) continue;
        auto has = [&](const std::string& w) {
            return std::find(e.descriptors.begin(), e.descriptors.end(), w) != e.descriptors.end();
        };
        bool ok = !caps.empty() || !roles.empty();
        // An acronym matches the initials of the entity's descriptors: "WHO"
        // for "World Health Organization". Spelled out only when asked for.
        std::string initials;
        bool spelled = false;
        auto acronym_of = [&](const std::string& c) {
            if (c.size() < 2) return false;
            if (!spelled) {
                for (const auto& d : e.descriptors)
                    if (!d.empty()) initials.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(d[0]))));
                spelled = true;
            }
            std::string up = c;
            for (auto& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            return initials.find(up) != std::string::npos;
        };
        std::size_t cap_hits = 0;
        for (const auto& c : caps) cap_hits += has(c) || acronym_of(c);
        if (!caps.empty() && cap_hits == 0) continue;
        int head_titled = -1;  // whether a descriptor is a head title: looked up once, when asked
        for (const auto& r : roles) {
            if (has(r)) continue;
            if (head_roles().count(r)) {
                if (head_titled < 0)
                    head_titled = std::any_of(e.descriptors.begin(), e.descriptors.end(),
                                              [](const auto& d) { return head_titles().count(d) > 0; });
                if (head_titled) continue;
            }
            ok = false;
        }
        if (!ok) continue;
        if (best && best->name != e.name) return {};  // two candidates: no guess
        best = &e;
    }
    return best ? best->name : std::string();
}

// A person who opens a sentence since the salient speaker was last named
// or spoke (`since`), in the sentence of the pronoun at `pronoun` or the one
// before, for a quote at `at`: what the pronoun picks up rather than the
// last speaker ("Mayor Ines Vidal opened the hearing. She says ..."). Its
// full name or its surname alone opens the sentence (also as the owner of
// its subject: "Mr. Obama's bet is ... He says"); words someone is quoted
// saying do not count, nor does a subject followed by the salient
// speaker's own surname opening a sentence ("Dayton has been ... He says").
const entity* document_speakers::subject_since(std::string_view text, const std::vector<quote>& quotes,
                                               const entity* salient, std::size_t since, std::size_t at,
                                               std::size_t pronoun, char gender) const {
    const std::string_view surname =
        salient ? std::string_view(salient->name).substr(salient->name.rfind(' ') + 1) : std::string_view();
    const std::size_t until = std::min(at, pronoun);
    // only the pronoun's sentence and the one before can hold its subject
    // (a subject at the window's first byte is after `since`)
    if (const std::size_t window = previous_sentence_begin(text, quotes, until); window > since + 1) since = window - 1;
    const entity* subject = nullptr;
    std::size_t subject_seen = 0;
    for (const auto& e : entities_) {
        // a person: a given name or an honorific tells the gender, or it has
        // spoken or been given a title ("Mayor Ines Vidal")
        if (&e == salient || !e.person || (e.gender ? e.gender != gender : !e.spoke && e.descriptors.empty()))
            continue;
        auto opens_here = [&](std::size_t p) {
            return p != std::string_view::npos && p > since && p < until && (!subject || p > subject_seen) &&
                   opens_sentence(text, p, words_) && !inside_quote(quotes, p) &&
                   sentence_ends(text, quotes, p, until) <= 1 && !opens_a_sentence(text, surname, p, pronoun, words_);
        };
        std::size_t p = e.seen_before(at);
        if (!opens_here(p)) p = std::string_view::npos;
        const std::string_view own = std::string_view(e.name).substr(e.name.rfind(' ') + 1);
        const std::size_t from = std::max(since + 1, p == std::string_view::npos ? 0 : p + 1);
        if (const std::size_t by_surname = last_opening(text, own, from, until, words_, gender); opens_here(by_surname))
            p = by_surname;
        if (p != std::string_view::npos) {
            subject = &e;
            subject_seen = p;
        }
    }
    return subject;
}

void document_speakers::resolve(std::string_view text, std::vector<quote>& quotes) {
    std::string last_person, last_org;
    std::size_t last_person_at = 0;  // where the last person to speak was named for it
    std::string prev_speaker;
    mention prev_mention;  // the words that named the previous speaker
    span prev_cue;
    for (auto& q : quotes) {
        const std::string_view mention = q.speaker_mention.where.in(text);
        std::string key = text::lower(mention);
        // the owner of a noun of speech ("his warning") stands for its subject pronoun
        if (key == "his") key = "he";
        else if (key == "her") key = "she";
        else if (key == "their") key = "they";
        std::string who;
        const char* step = "unknown";
        double conf = 0.3;
        if (mention.empty()) {
            if (q.rule.find("continuation") != std::string::npos || q.rule.find("split") != std::string::npos) {
                // the previous quote's attribution names this one's speaker too
                who = prev_speaker;
                q.speaker_mention = prev_mention;
                if (q.rule.find("split") != std::string::npos) q.cue = prev_cue;
                step = "previous-speaker";
                conf = who.empty() ? 0.3 : 0.7;
            }
        } else if (mention == "who") {
            // "Barkley, who said ...": the name right before the relative pronoun
            std::size_t e = q.speaker_mention.where.begin;
            while (e > 0 && (text::is_space(static_cast<unsigned char>(text[e - 1])) || text[e - 1] == ',')) --e;
            std::size_t b = e;
            while (b > 0) {
                std::size_t w = b;
                while (w > 0 && !text::is_space(static_cast<unsigned char>(text[w - 1]))) --w;
                if (w == b || !text::starts_upper(text, w)) break;
                b = w;
                while (b > 0 && text::is_space(static_cast<unsigned char>(text[b - 1]))) --b;
            }
            while (b < e && text::is_space(static_cast<unsigned char>(text[b]))) ++b;
            const std::string name = b < e ? name_of(text.substr(b, e - b)) : std::string();
            if (!name.empty()) who = resolve_name(name, b);
            q.speaker_mention.kind = mention_kind::pronoun;
            step = "relative";
            conf = who.empty() ? 0.3 : 0.8;
        } else if (const std::string_view g = words_.pronoun_kind(key); !g.empty()) {
            q.speaker_mention.kind = mention_kind::pronoun;
            if (g == "m" || g == "f") {
                // of the pronoun's gender, or of none known
                auto fits = [&](const std::string& name) {
                    const entity* e = find_const(name);
                    const char known = e ? e->gender : words_.gender_of(name);
                    return !known || known == g[0];
                };
                if (!last_person.empty() && fits(last_person)) who = last_person;
                // a salient speaker of no known gender gives way to a person of
                // the pronoun's gender named since ("Ilse Brandt said ...
                // Councillor Tom Reddy attacked what he called ...")
                const std::size_t at = q.content.begin;
                if (const entity* salient = who.empty() ? nullptr : find_const(who)) {
                    // (since it was last named or spoke, whichever is later)
                    std::size_t salient_seen = salient->seen_before(at);
                    if (salient_seen == std::string_view::npos || last_person_at > salient_seen)
                        salient_seen = last_person_at;
                    const entity* since = nullptr;
                    std::size_t since_seen = 0;
                    for (const auto& e : entities_) {
                        const std::size_t p = e.seen_before(at);
                        if (!salient->gender && e.person && e.gender == g[0] && p != std::string_view::npos &&
                            p > salient_seen && (!since || p > since_seen)) {
                            since = &e;
                            since_seen = p;
                        }
                    }
                    if (since) {
                        who = since->name;
                    } else if (const entity* subject = subject_since(text, quotes, salient, salient_seen, at,
                                                                      q.speaker_mention.where.begin, g[0])) {
                        who = subject->name;
                    }
                }
                // with no salient speaker of its gender, the subject of the
                // sentence before, named since the last speaker
                if (const entity* subject = who.empty() ? subject_since(text, quotes, nullptr, last_person_at, at,
                                                                        q.speaker_mention.where.begin, g[0])
                                                        : nullptr)
                    who = subject->name;
                if (who.empty()) {
                    // the last person named before the quote (not a place or a
                    // body) known to be of that gender; failing one, the last
                    // of no known gender who has spoken already
                    const entity* best = nullptr;
                    const entity* speaker = nullptr;
                    std::size_t best_seen = 0, speaker_seen = 0;
                    for (const auto& e : entities_) {
                        const std::size_t p = e.seen_before(at);
                        if (!e.person || p == std::string_view::npos) continue;
                        if (e.gender == g[0] && (!best || p > best_seen)) best = &e, best_seen = p;
                        if (!e.gender && e.spoke && (!speaker || p > speaker_seen)) speaker = &e, speaker_seen = p;
                    }
                    if (!best) best = speaker;
                    if (best) who = best->name;
                }
            } else if (g == "o" || g == "p") {
                who = last_org;
            }
            step = "pronoun";
            conf = who.empty() ? 0.3 : 0.8;
        } else {
            // a transcript's label is in capitals ("JAKE TAPPER:"), which
            // would read as an acronym and a name
            const std::string name =
                q.rule == "transcript-turn" ? name_of(text::title_case(mention)) : name_of(mention);
            if (!name.empty()) {
                who = resolve_name(name, q.speaker_mention.where.begin);
                q.speaker_mention.kind = mention_kind::name;
                step = "name";
                conf = 0.95;
            } else {
                who = resolve_description(mention);
                q.speaker_mention.kind = mention_kind::description;
                step = "description";
                conf = who.empty() ? 0.4 : 0.85;
            }
        }
        q.speaker = who;
        q.confidence = conf;
        q.rule += '/';
        q.rule += step;
        if (!who.empty()) {
            entity* known = find(who);
            if (known) {
                // speaking is being mentioned: the entity is the latest seen of its kind
                known->spoke = true;
                const std::size_t m = q.speaker_mention.where.begin;
                if (const auto it = std::lower_bound(known->seen.begin(), known->seen.end(), m);
                    it == known->seen.end() || *it != m)
                    known->seen.insert(it, m);
            }
            const bool person = known ? known->person : looks_like_person(who) && !registry_.is_organisation(who);
            if (person) {
                last_person = who;
                last_person_at = q.speaker_mention.where.empty() ? q.content.begin : q.speaker_mention.where.begin;
            } else {
                last_org = who;
            }
        }
        // The quote that a split half or a continuation goes on from is the
        // previous quote in marks: reported speech between them ("..., after
        // de Blasio stated an interest in ...") is not it.
        if (q.kind == quote_kind::indirect) continue;
        if (!who.empty()) {
            prev_speaker = who;
            if (!q.speaker_mention.where.empty()) {
                prev_mention = q.speaker_mention;
                prev_cue = q.cue;
            }
        } else {
            // a description that names no one we know ("the campaign wrote")
            // still frames the quote's second half
            prev_speaker.clear();
            prev_mention = q.speaker_mention.where.empty() ? decltype(prev_mention){} : q.speaker_mention;
            prev_cue = q.speaker_mention.where.empty() ? span{} : q.cue;
        }
    }
}

}  // namespace attribute
}  // namespace quotetrace
