// The one slow translation unit: instantiates the attribution rules and
// wraps them in functions over std types.
#include "attribution_def.hpp"

#include <cctype>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "quotetrace/error.hpp"

namespace quotetrace::grammar {

std::size_t word_char_len_utf8(const char* p, const char* end) noexcept {
    int32_t i = 0;
    const auto len = static_cast<int32_t>(std::min<std::ptrdiff_t>(end - p, 4));
    UChar32 cp;
    U8_NEXT(reinterpret_cast<const uint8_t*>(p), i, len, cp);
    if (cp < 0) return 0;
    return u_isalnum(cp) ? static_cast<std::size_t>(i) : 0;
}

std::uint64_t word_set::hash(const char* p, const char* q) noexcept {
    std::uint64_t h = 1469598103934665603ull;
    for (; p != q; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        h ^= (c >= 'A' && c <= 'Z') ? c + 32u : c;
        h *= 1099511628211ull;
    }
    return h | 1;
}

void word_set::insert(std::string_view word) {
    if (word.empty() || contains(word.data(), word.data() + word.size())) return;
    if ((used_ + 1) * 2 > slots_.size()) {
        auto old = std::move(slots_);
        slots_.assign(old.size() * 2, {});
        used_ = 0;
        for (auto& [h, w] : old)
            if (h) insert(w);
    }
    std::string lower(word);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto h = hash(lower.data(), lower.data() + lower.size());
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].first) i = (i + 1) & mask;
    if (lower.size() == 1) single_letters_.set(static_cast<unsigned char>(lower[0]));
    else openings_.set(static_cast<unsigned char>(lower[0]) * 256u + static_cast<unsigned char>(lower[1]));
    slots_[i] = {h, std::move(lower)};
    ++used_;
}

bool word_set::contains(const char* p, const char* q) const noexcept {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : static_cast<unsigned char>(c); };
    if (q - p == 1 ? !single_letters_[lower(*p)] : q - p < 1 || !openings_[lower(p[0]) * 256u + lower(p[1])])
        return false;
    const auto h = hash(p, q);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask; slots_[i].first; i = (i + 1) & mask) {
        if (slots_[i].first != h) continue;
        const std::string& w = slots_[i].second;
        if (w.size() != static_cast<std::size_t>(q - p)) continue;
        bool same = true;
        for (std::size_t k = 0; k < w.size() && same; ++k) {
            const auto c = static_cast<unsigned char>(p[k]);
            same = w[k] == static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
        }
        if (same) return true;
    }
    return false;
}

namespace {

// The first two bytes of a form or of the text, as one number.
std::uint32_t opening_of(const char* p) {
    return static_cast<unsigned char>(p[0]) * 256u + static_cast<unsigned char>(p[1]);
}

// Where the word that opens [p, last) ends: its letters and digits.
const char* first_word_end(const char* p, const char* last) {
    while (std::size_t n = word_char_len(p, last)) p += n;
    return p;
}

}  // namespace

std::uint64_t phrase_table::hash(const char* p, const char* q) noexcept {
    std::uint64_t h = 1469598103934665603ull;
    for (; p != q; ++p) {
        h ^= static_cast<unsigned char>(*p);
        h *= 1099511628211ull;
    }
    return h | 1;
}

void phrase_table::add(const std::string& phrase) {
    if (phrase.empty()) return;
    std::string lower = phrase, capital = phrase;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    capital = lower;
    capital[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capital[0])));
    for (const std::string* s : {&phrase, static_cast<const std::string*>(&lower), static_cast<const std::string*>(&capital)}) {
        forms_.push_back(*s);
        const auto b0 = static_cast<unsigned char>((*s)[0]);
        if (s->size() == 1) single_bytes_.set(b0);
        else openings_.set(opening_of(s->data()));
    }
}

void phrase_table::seal() {
    // by opening word, then longest first
    auto word_of = [](const std::string& f) {
        return std::string_view(f.data(), static_cast<std::size_t>(first_word_end(f.data(), f.data() + f.size()) - f.data()));
    };
    std::sort(forms_.begin(), forms_.end(), [&](const std::string& a, const std::string& b) {
        const auto wa = word_of(a), wb = word_of(b);
        if (wa != wb) return wa < wb;
        if (a.size() != b.size()) return a.size() > b.size();
        return a < b;
    });
    forms_.erase(std::unique(forms_.begin(), forms_.end()), forms_.end());
    bytes_.clear();
    spans_.clear();
    std::vector<group> found;
    for (const auto& f : forms_) {
        const auto w = word_of(f);
        if (found.empty() || std::string_view(bytes_).substr(found.back().word_at, found.back().word_size) != w) {
            group g;
            g.hash = hash(w.data(), w.data() + w.size());
            g.word_at = static_cast<std::uint32_t>(bytes_.size());
            g.word_size = static_cast<std::uint32_t>(w.size());
            g.from = static_cast<std::uint32_t>(spans_.size());
            found.push_back(g);
        }
        spans_.emplace_back(static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(f.size()));
        bytes_ += f;
        found.back().to = static_cast<std::uint32_t>(spans_.size());
    }
    std::size_t cap = 16;
    while (cap < found.size() * 2) cap <<= 1;
    groups_.assign(cap, group{});
    for (const auto& g : found) {
        std::size_t i = g.hash & (cap - 1);
        while (groups_[i].hash) i = (i + 1) & (cap - 1);
        groups_[i] = g;
    }
}

bool phrase_table::match(const char*& first, const char* last) const {
    if (first == last) return false;
    const auto b0 = static_cast<unsigned char>(*first);
    if (!single_bytes_[b0] && (last - first < 2 || !openings_[opening_of(first)])) return false;
    // The group of the text's first word. A form that opens with a shorter
    // word ends inside the text's word, so never at a boundary; one that
    // opens with a longer word is no prefix of the text.
    const char* const word_end = first_word_end(first, last);
    const auto word_size = static_cast<std::size_t>(word_end - first);
    const std::uint64_t h = hash(first, word_end);
    const group* g = nullptr;
    for (std::size_t i = h & (groups_.size() - 1); groups_[i].hash; i = (i + 1) & (groups_.size() - 1)) {
        const group& c = groups_[i];
        if (c.hash == h && c.word_size == word_size && std::equal(first, word_end, bytes_.data() + c.word_at)) {
            g = &c;
            break;
        }
    }
    if (!g) return false;
    // The longest form that opens [first, end) is tried first; a shorter one
    // that ends at a word boundary is tried by shortening the range to the
    // previous space.
    const char* end = last;
    for (int tries = 0; tries < 4; ++tries) {
        const auto room = static_cast<std::size_t>(end - first);
        std::size_t n = 0;
        for (std::size_t k = g->from; k < g->to && !n; ++k) {
            const auto [at, size] = spans_[k];
            if (size > room) continue;
            // past the opening word, which is the text's own
            const char* f = bytes_.data() + at;
            std::size_t i = word_size;
            while (i < size && f[i] == first[i]) ++i;
            if (i == size) n = size;
        }
        if (!n) return false;
        const char* p = first + n;
        const bool boundary = p == last || !word_char_len(p, last);
        if (boundary) {
            first = p;
            return true;
        }
        // shorten: retry with the range ending before the last matched word
        const char* cut = p;
        while (cut > first && *(cut - 1) != ' ') --cut;
        if (cut <= first) return false;
        end = cut - 1;
    }
    return false;
}

const phrase_table& attribution_grammar::tables::of(word_class c) const {
    switch (c) {
    case word_class::speech_verb: return speech;
    case word_class::clause_verb: return clause;
    case word_class::pronoun: return pronoun;
    case word_class::title: return title;
    case word_class::role: return role;
    case word_class::adverb: return adverb;
    }
    return speech;
}

attribution_grammar::attribution_grammar(const lexicon& lex) : tables_(std::make_unique<tables>()) {
    if (lex.speech_verbs.empty()) throw error("lexicon.empty", "the lexicon has no speech verbs");
    for (const auto& v : lex.speech_verbs) tables_->speech.add(v);
    for (const auto& v : lex.clause_verbs) tables_->clause.add(v);
    for (const auto& p : lex.pronouns) tables_->pronoun.add(p.first);
    for (const auto& t : lex.titles) tables_->title.add(t);
    for (const auto& r : lex.roles) tables_->role.add(r);
    for (const auto& a : lex.adverbs) tables_->adverb.add(a);
    for (const auto& w : lex.not_names) tables_->not_names.insert(w);
    for (phrase_table* t : {&tables_->speech, &tables_->clause, &tables_->pronoun, &tables_->title, &tables_->role,
                            &tables_->adverb})
        t->seal();
}

attribution_grammar::~attribution_grammar() = default;
attribution_grammar::attribution_grammar(attribution_grammar&&) noexcept = default;
attribution_grammar& attribution_grammar::operator=(attribution_grammar&&) noexcept = default;

namespace {

span to_span(std::string_view text, const ast::range& r) {
    return {static_cast<std::size_t>(r.begin() - text.data()), static_cast<std::size_t>(r.end() - text.data())};
}

template <typename Rule, typename Attr>
bool run(const attribution_grammar::tables& t, std::string_view text, std::size_t at, const Rule& rule,
         Attr& attr, std::size_t& stop) {
    if (at >= text.size()) return false;
    const char* first = text.data() + at;
    const char* last = text.data() + text.size();
    auto const parser = x3::with<tables_tag>(std::cref(t))[rule];
    if (!x3::parse(first, last, parser, attr)) return false;
    stop = static_cast<std::size_t>(first - text.data());
    return true;
}

}  // namespace

std::optional<frame> attribution_grammar::subject_cue(std::string_view text, std::size_t at,
                                                      bool clause_verbs) const {
    ast::frame f;
    std::size_t stop = 0;
    const bool ok = clause_verbs ? run(*tables_, text, at, rules::subject_clause, f, stop)
                                 : run(*tables_, text, at, rules::subject_cue, f, stop);
    if (!ok) return std::nullopt;
    frame out;
    out.np = to_span(text, f.who);
    out.cue = to_span(text, f.cue);
    out.end = stop;
    return out;
}

std::optional<std::size_t> attribution_grammar::subject_end(std::string_view text, std::size_t at) const {
    ast::range r;
    std::size_t stop = 0;
    if (!run(*tables_, text, at, rules::subject_phrase, r, stop)) return std::nullopt;
    return stop;
}

std::optional<span> attribution_grammar::verb_after(std::string_view text, std::size_t at, bool clause_verbs) const {
    ast::range r;
    std::size_t stop = 0;
    const bool ok = clause_verbs ? run(*tables_, text, at, rules::verb_or_clause_after, r, stop)
                                 : run(*tables_, text, at, rules::verb_after, r, stop);
    if (!ok) return std::nullopt;
    return to_span(text, r);
}

std::optional<frame> attribution_grammar::cue_subject(std::string_view text, std::size_t at, bool any_phrase) const {
    ast::cue_frame f;
    std::size_t stop = 0;
    const bool ok = any_phrase ? run(*tables_, text, at, rules::cue_any_subject, f, stop)
                               : run(*tables_, text, at, rules::cue_subject, f, stop);
    if (!ok) return std::nullopt;
    frame out;
    out.np = to_span(text, f.who);
    out.cue = to_span(text, f.cue);
    out.end = stop;
    return out;
}

std::optional<frame> attribution_grammar::according_to(std::string_view text, std::size_t at) const {
    ast::range r;
    std::size_t stop = 0;
    if (!run(*tables_, text, at, rules::according, r, stop)) return std::nullopt;
    frame out;
    out.np = to_span(text, r);
    out.cue = {at, at + 12};  // "according to"
    out.end = stop;
    return out;
}

std::optional<frame> attribution_grammar::noun_phrase(std::string_view text, std::size_t at) const {
    ast::range r;
    std::size_t stop = 0;
    if (!run(*tables_, text, at, rules::noun_phrase, r, stop)) return std::nullopt;
    frame out;
    out.np = to_span(text, r);
    out.end = stop;
    return out;
}

std::optional<span> attribution_grammar::word_of(word_class c, std::string_view text, std::size_t at) const {
    if (at >= text.size()) return std::nullopt;
    const char* first = text.data() + at;
    if (!tables_->of(c).match(first, text.data() + text.size())) return std::nullopt;
    return span{at, static_cast<std::size_t>(first - text.data())};
}

std::optional<span> attribution_grammar::cue(std::string_view text, std::size_t at, bool clause_verbs) const {
    if (auto s = word_of(word_class::speech_verb, text, at)) {
        // "Rubio will continue to be ...": going on with something, not
        // speaking ("he continued to say" reads "continued to" as an adverb)
        const std::string_view w = s->in(text);
        if (w.starts_with("continu") && text.compare(s->end, 4, " to ") == 0) return std::nullopt;
        return s;
    }
    if (clause_verbs) return word_of(word_class::clause_verb, text, at);
    return std::nullopt;
}

}  // namespace quotetrace::grammar
