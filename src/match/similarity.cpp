// The similarity of two quotes: a greedy one-to-one alignment of their
// content words (stems, then WordNet synonyms and neighbours), weighted by
// rarity, summarised as a few features that a calibrated logistic function
// turns into a score; the best over whole quotes and single sentences.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <atomic>
#include <mutex>

#include "quotetrace/error.hpp"
#include "quotetrace/match.hpp"
#include "huge_pages.hpp"
#include "sequences.hpp"
#include "sorted.hpp"
#include "string_ids.hpp"

namespace quotetrace::match {

std::uint64_t stem_hash(std::string_view stem) noexcept {
    // FNV-1a, its high bits folded into the low ones that tables index by
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (const char c : stem) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    h ^= h >> 31;
    return h ? h : 1;
}
namespace {

enum feature : std::size_t {
    f_coverage_mean,
    f_coverage_min,
    f_coverage_max,
    f_exact_mean,
    f_disorder,
    f_unigram,
    f_bigram,
    f_trigram,
    f_number_mismatch,
    f_length_ratio,
    f_unmatched,
    f_capital_mismatch,
    f_negation_mismatch,
    f_coverage_uniform,
    f_unmatched_max,
    f_lcs,
    f_length_log,
    f_edit,
    f_count
};

const std::vector<std::string> names = {
    "coverage_mean", "coverage_min",    "coverage_max",      "exact_mean",         "disorder",
    "unigram",       "bigram",          "trigram",           "number_mismatch",    "length_ratio",
    "unmatched",     "capital_mismatch", "negation_mismatch", "coverage_uniform",
    "unmatched_max", "lcs",             "length_log",        "edit",
};

struct range {
    std::size_t begin, end;
};

using detail::intersects;


// The trigram starting at one position of a stem sequence as two integers,
// each id plus one, 0 past the end of the sequence: the first two ids and
// the third. Sorted, the positions that start a full n-gram are in the
// order of their n-grams for n = 1, 2 and 3 at once (each order is a prefix
// of the next), so one sort per sequence serves the three Dice features
// (sorting per n, as arrays compared id by id, was a twentieth of the
// clustering time).
using gram = std::pair<std::uint64_t, std::uint32_t>;

// Buffers one thread reuses from one alignment to the next: an alignment
// allocates nothing once they have grown.
struct scratch {
    struct cand {
        double value;
        double credit;
        double distance;
        std::uint32_t i, j;
        bool exact;
    };
    std::vector<std::size_t> ca, cb;
    std::vector<const lexeme*> lb;
    // The synsets of one alignment's first quote, each with the content
    // words (bit k for the k-th of the quote, at most 64) that have it as a
    // sense and as a neighbour: a word of the other quote finds the words
    // it shares a synset with by looking up its own, so a quote pair costs
    // one look-up per synset of a word rather than one test per word pair,
    // and no pair of unrelated words is asked about. Open addressing, a
    // free slot's id is `free_synset`; built for the quote whose words are
    // `synsets_of` (a quote is scored against many candidates in turn).
    struct synset_words {
        std::uint32_t id;
        std::uint64_t senses, neighbours;
    };
    static constexpr std::uint32_t free_synset = ~std::uint32_t{0};
    std::vector<synset_words> synsets;
    std::vector<std::uint32_t> synset_slots;  // slots in use, to empty them
    std::vector<prepared::word> synsets_of;
    std::vector<std::uint64_t> syn_y, rel_y;  // per word of b: the words of a it is a synonym of, related to
    synset_words& synset_slot(std::uint32_t id) {
        const std::size_t mask = synsets.size() - 1;
        for (std::size_t k = (id * 0x9E3779B1u) & mask;; k = (k + 1) & mask)
            if (synsets[k].id == id || synsets[k].id == free_synset) return synsets[k];
    }
    const synset_words* find_synset(std::uint32_t id) const {
        const std::size_t mask = synsets.size() - 1;
        for (std::size_t k = (id * 0x9E3779B1u) & mask;; k = (k + 1) & mask) {
            if (synsets[k].id == id) return &synsets[k];
            if (synsets[k].id == free_synset) return nullptr;
        }
    }
    // the credit of each word pair of one score(), whose sentence pairs
    // align the same words again: 0 not asked yet, else 1 + a credit_kind
    std::vector<std::uint8_t> known;
    std::vector<cand> cands;
    std::vector<int> match_a, match_b;
    std::vector<double> got_a, got_b;
    std::vector<char> exact_a, exact_b;
    std::vector<std::size_t> seq, tails;
    std::vector<std::uint32_t> sx, sy;
    std::vector<gram> ga, gb;
    detail::position_masks positions;  // lcs_ratio() and edit_ratio()
    // A direct-mapped memory of WordNet relations between two lexemes (0
    // none, 1 related, 2 synonyms), keyed by the pair of ids; valid for the
    // lexicon numbered `owner`. A slot is (key + 1) << 2 with the relation in
    // the low bits, 0 when empty (ids stay under 2^28, so a key is the
    // smaller id shifted by 28 and the larger). It starts small (one question
    // costs no 8 MB of zeroed pages) and grows, emptied, as pairs come in.
    static constexpr unsigned first_relation_bits = 10, most_relation_bits = 20;
    using relation = std::uint64_t;
    detail::huge_vector<relation> relations;
    unsigned relation_bits = 0;
    std::size_t remembered = 0;  // pairs stored since the last growth
    std::uint64_t owner = 0;

    // In front of it, a small memory of the pairs asked about last: the
    // candidates of one quote are near-copies of each other, so one quote's
    // words meet the same words again and again, and this memory stays in
    // the nearest caches where the large one is a miss each time.
    static constexpr unsigned recent_bits = 12;
    std::array<relation, std::size_t{1} << recent_bits> recent{};

    relation& recent_slot(std::uint64_t key) {
        return recent[(key * 0x9E3779B97F4A7C15ULL) >> (64 - recent_bits)];
    }
    void prefetch_relation(std::uint64_t key) const {
        __builtin_prefetch(&relations[(key * 0x9E3779B97F4A7C15ULL) >> (64 - relation_bits)]);
    }
    relation& relation_slot(std::uint64_t key) {
        if (remembered > (relations.size() << 1) && relation_bits < most_relation_bits) {
            relation_bits = std::min(most_relation_bits, relation_bits + 4);
            relations.assign(std::size_t{1} << relation_bits, 0);
            remembered = 0;
        }
        return relations[(key * 0x9E3779B97F4A7C15ULL) >> (64 - relation_bits)];
    }
};

// This thread's buffers, with the relation memory emptied when the lexicon
// changes (lexeme ids are per lexicon).
scratch& buffers(std::uint64_t lexicon) {
    thread_local scratch s;
    if (s.owner != lexicon) {
        s.relation_bits = scratch::first_relation_bits;
        s.relations.assign(std::size_t{1} << s.relation_bits, 0);
        s.recent.fill(0);
        s.synsets_of.clear();
        s.remembered = 0;
        s.owner = lexicon;
    }
    return s;
}

// The grams of a stem sequence, sorted.
void sorted_grams(const std::vector<std::uint32_t>& w, std::vector<gram>& g) {
    g.clear();
    const std::size_t n = w.size();
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint64_t first = w[k] + 1ULL, second = k + 1 < n ? w[k + 1] + 1ULL : 0;
        g.push_back({first << 32 | second, k + 2 < n ? w[k + 2] + 1 : 0});
    }
    std::sort(g.begin(), g.end());
}

// Dice coefficient of the n-grams (n <= 3) of two stem sequences, from
// their sorted_grams(); `common` is how many n-grams they share (as
// multisets).
double ngram_dice(const std::vector<gram>& ga, const std::vector<gram>& gb, std::size_t n, std::size_t& common) {
    common = 0;
    const std::size_t na = ga.size() >= n ? ga.size() - n + 1 : 0, nb = gb.size() >= n ? gb.size() - n + 1 : 0;
    if (na + nb == 0) return 0;
    // whether a gram starts a full n-gram, and that n-gram as one value
    // (the third id compared apart)
    auto full = [n](const gram& g) { return n == 1 || (n == 2 ? (g.first & 0xFFFF'FFFFu) != 0 : g.second != 0); };
    auto head = [n](const gram& g) { return n == 1 ? g.first >> 32 : g.first; };
    auto tail = [n](const gram& g) { return n == 3 ? g.second : 0u; };
    std::size_t i = 0, j = 0;
    for (;;) {
        while (i < ga.size() && !full(ga[i])) ++i;
        while (j < gb.size() && !full(gb[j])) ++j;
        if (i == ga.size() || j == gb.size()) break;
        const auto x = std::pair(head(ga[i]), tail(ga[i])), y = std::pair(head(gb[j]), tail(gb[j]));
        if (x == y) ++common, ++i, ++j;
        else if (x < y) ++i;
        else ++j;
    }
    return 2.0 * static_cast<double>(common) / static_cast<double>(na + nb);
}

// Longest common subsequence of two stem sequences, over the mean length.
double lcs_ratio(const std::vector<std::uint32_t>& x, const std::vector<std::uint32_t>& y, scratch& s) {
    if (x.empty() || y.empty()) return 0;
    return 2.0 * static_cast<double>(detail::lcs_length(x, y, s.positions)) / static_cast<double>(x.size() + y.size());
}

// Word edit distance between two stem sequences, over the longer length.
double edit_ratio(const std::vector<std::uint32_t>& x, const std::vector<std::uint32_t>& y, scratch& s) {
    if (x.empty() && y.empty()) return 0;
    return static_cast<double>(detail::edit_distance(x, y, s.positions)) /
           static_cast<double>(std::max(x.size(), y.size()));
}

// The logistic's linear value for a score (-infinity for 0).
double best_z(double score) {
    if (score <= 0) return -std::numeric_limits<double>::infinity();
    if (score >= 1) return std::numeric_limits<double>::infinity();
    return std::log(score / (1.0 - score)) - 1e-9;
}

std::size_t longest_increasing(const std::vector<std::size_t>& v, std::vector<std::size_t>& tails) {
    tails.clear();
    for (const auto x : v) {
        auto it = std::lower_bound(tails.begin(), tails.end(), x);
        if (it == tails.end()) tails.push_back(x);
        else *it = x;
    }
    return tails.size();
}

}  // namespace

const std::vector<std::string>& feature_names() { return names; }

// Lexemes live in chunks that never move, reached through a fixed table of
// chunk pointers, so readers need no lock: an id a reader holds was
// published (under the lock, then through the prepared quote) after its
// lexeme was complete. Each chunk is twice the one before, so the few words
// of one question fill a small one, not a megabyte.
struct similarity::lexicon {
    // chunk c holds 64 << c lexemes, from id 64 * (2^c - 1) on
    static constexpr std::uint32_t first_bits = 6;
    static constexpr std::uint32_t max_chunks = 22;  // 268 million words
    static std::uint32_t chunk_of(std::uint32_t id) noexcept {
        return static_cast<std::uint32_t>(std::bit_width((id >> first_bits) + 1)) - 1;
    }
    static std::uint32_t start_of(std::uint32_t chunk) noexcept { return ((1u << chunk) - 1) << first_bits; }

    // one number per lexicon ever made, so memories keyed by lexeme ids can
    // tell lexicons apart
    inline static std::atomic<std::uint64_t> made{0};
    const std::uint64_t serial = ++made;
    std::mutex lock;
    std::array<std::unique_ptr<lexeme[]>, max_chunks> chunks;
    std::atomic<std::uint32_t> size{0};
    // surface -> lexeme id: lexemes are made one per new surface, in the
    // order the surfaces are added here, so the two ids are one
    detail::string_ids by_surface;
    detail::string_ids stem_ids;  // stem -> stem id

    lexeme& at(std::uint32_t id) const {
        const auto c = chunk_of(id);
        return chunks[c][id - start_of(c)];
    }
    // Whether a lexeme's WordNet senses were looked up (under the lock): only
    // content words are aligned, so a word gets them when it first carries
    // content. Nobody reads the senses of a word before that.
    std::vector<bool> looked_up;
    // A new lexeme's slot; the caller holds the lock.
    lexeme& grow() {
        const std::uint32_t id = size.load(std::memory_order_relaxed);
        const auto c = chunk_of(id);
        if (c >= max_chunks) throw error("match.vocabulary", "more than 268 million distinct words");
        auto& chunk = chunks[c];
        if (!chunk) chunk = std::make_unique<lexeme[]>(std::size_t{1} << (first_bits + c));
        lexeme& e = chunk[id - start_of(c)];
        e.id = id;
        return e;
    }
};

similarity::similarity(const canonicalizer& canon, const wordnet& wn, calibration cal)
    : canon_(&canon), wn_(&wn), cal_(std::move(cal)), w_(f_count, 0.0), lexicon_(std::make_unique<lexicon>()) {
    for (std::size_t k = 0; k < f_count; ++k)
        if (const auto it = cal_.weights.find(names[k]); it != cal_.weights.end()) w_[k] = it->second;
}

similarity::~similarity() = default;

std::size_t similarity::lexeme_count() const { return lexicon_->size.load(std::memory_order_acquire); }
const lexeme& similarity::lexeme_at(std::uint32_t id) const { return lexicon_->at(id); }

prepared similarity::prepare(std::string_view text) const {
    auto tokens = canon_->tokens(text);
    prepared p;
    const std::size_t n = tokens.size();
    p.words.resize(n);
    auto& lx = *lexicon_;
    const std::lock_guard<std::mutex> hold(lx.lock);
    // each word's slot asked for at once, so that their misses overlap
    std::vector<std::uint64_t> hashes(n);
    for (std::size_t k = 0; k < n; ++k) {
        hashes[k] = detail::string_ids::hash(tokens[k].surface);
        lx.by_surface.prefetch(hashes[k]);
    }
    for (std::size_t k = 0; k < n; ++k) {
        auto& t = tokens[k];
        auto& w = p.words[k];
        w.sentence = static_cast<std::uint16_t>(std::min<std::uint32_t>(t.sentence, 0xFFFF));
        w.flags = static_cast<std::uint8_t>((t.content ? prepared::content : 0) | (t.number ? prepared::number : 0) |
                                            (t.frame ? prepared::frame : 0) | (t.capital ? prepared::capital : 0) |
                                            (t.negation ? prepared::negation : 0));
        auto look_up = [&](lexeme& e) {
            lx.looked_up[e.id] = true;
            if (t.number) return;
            e.senses = wn_->synsets(t.surface);
            e.neighbours = wn_->neighbours(t.surface);
            auto fill = [](const std::vector<std::uint32_t>& ids, lexeme::mask& m) {
                for (const auto id : ids) {
                    const auto first = (static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ULL) >> 56;
                    const auto second = 256 + ((static_cast<std::uint64_t>(id) * 0xC2B2AE3D27D4EB4FULL) >> 56);
                    m[first >> 6] |= std::uint64_t{1} << (first & 63);
                    m[second >> 6] |= std::uint64_t{1} << (second & 63);
                }
            };
            fill(e.senses, e.sense_mask);
            fill(e.neighbours, e.neighbour_mask);
        };
        const std::uint64_t h = hashes[k];
        if (const auto id = lx.by_surface.find(t.surface, h); id != detail::string_ids::missing) {
            w.lexeme = id;
            if (t.content && !lx.looked_up[id]) look_up(lx.at(id));
            continue;
        }
        lexeme& e = lx.grow();
        lx.looked_up.push_back(false);
        bool added = false;
        e.stem_id = lx.stem_ids.insert(t.stem, added);
        e.stem_hash = stem_hash(t.stem);
        const double docs = cal_.documents;
        if (docs > 0) {
            const auto df_it = cal_.df.find(t.stem);
            const double df = df_it == cal_.df.end() ? 0.0 : df_it->second;
            e.weight = std::max(0.05, std::log((docs + 1.0) / (df + 0.5)));
        } else {
            e.weight = 1.0;
        }
        if (t.content) look_up(e);
        e.surface = std::move(t.surface);
        e.stem = std::move(t.stem);
        lx.by_surface.insert(e.surface, h, added);
        w.lexeme = e.id;
        lx.size.store(e.id + 1, std::memory_order_release);
    }
    return p;
}

namespace {

using feature_vector = std::array<double, f_count>;

// What an alignment computes: `cheap` stops after the features that need no
// n-grams, LCS or edit distance (enough for containment); `full` computes
// them all; `bounded` computes them all unless the cheap ones already hold
// the calibrated score under a floor.
enum class depth { cheap, full, bounded };

enum credit_kind : std::uint8_t { none, related, synonym, same };

struct aligner {
    const similarity::lexicon& lx;
    const prepared& a;
    const prepared& b;
    double syn, rel;
    scratch& s = buffers(lx.serial);
    bool remember = false;  // keep each pair's credit in s.known (see remember_pairs)
    // whether s.synsets holds a's synsets (a has at most 64 content words)
    bool by_synsets() const {
        auto same_word = [](const prepared::word& x, const prepared::word& y) {
            return x.lexeme == y.lexeme && x.flags == y.flags;
        };
        if (!a.words.empty() &&
            std::equal(a.words.begin(), a.words.end(), s.synsets_of.begin(), s.synsets_of.end(), same_word))
            return true;
        if (a.content_words() > 64) return false;
        for (const auto k : s.synset_slots) s.synsets[k] = {scratch::free_synset, 0, 0};
        s.synset_slots.clear();
        std::size_t ids = 0;
        for (const auto& w : a.words)
            if (w.is(prepared::content) && !w.is(prepared::number)) {
                const lexeme& l = lex(w);
                if (!l.senses.empty()) ids += l.senses.size() + l.neighbours.size();
            }
        std::size_t size = 64;
        while (size < 2 * ids) size *= 2;
        if (s.synsets.size() < size || s.synsets.size() > 16 * size) s.synsets.assign(size, {scratch::free_synset, 0, 0});
        std::size_t content = 0;
        for (const auto& w : a.words) {
            if (!w.is(prepared::content)) continue;
            const std::uint64_t bit = std::uint64_t{1} << content++;
            if (w.is(prepared::number)) continue;
            const lexeme& l = lex(w);
            if (l.senses.empty()) continue;
            auto add = [&](std::uint32_t id, bool sense) {
                auto& e = s.synset_slot(id);
                if (e.id == scratch::free_synset) {
                    e.id = id;
                    s.synset_slots.push_back(static_cast<std::uint32_t>(&e - s.synsets.data()));
                }
                (sense ? e.senses : e.neighbours) |= bit;
            };
            for (const auto id : l.senses) add(id, true);
            for (const auto id : l.neighbours) add(id, false);
        }
        s.synsets_of = a.words;
        return true;
    }
    // With by_synsets(): for each word y of cb, the words of ca (bit x) it
    // is a synonym of (shares a sense with) in s.syn_y, and those it is
    // otherwise related to (a sense of one is a neighbour of the other) in
    // s.rel_y, as credit() would find them; `first` is the number of a's
    // content words before ca.
    void related_words(const std::vector<std::size_t>& cb, std::size_t first, std::size_t count) const {
        s.syn_y.assign(cb.size(), 0);
        s.rel_y.assign(cb.size(), 0);
        const std::uint64_t in_range = count >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
        if (first >= 64 || count == 0) return;  // no word of a in the range
        for (std::size_t y = 0; y < cb.size(); ++y) {
            if (b.words[cb[y]].is(prepared::number)) continue;
            const lexeme& l = *s.lb[y];
            if (l.senses.empty()) continue;
            std::uint64_t syn_words = 0, rel_words = 0;
            for (const auto id : l.senses)
                if (const auto* e = s.find_synset(id)) syn_words |= e->senses, rel_words |= e->neighbours;
            for (const auto id : l.neighbours)
                if (const auto* e = s.find_synset(id)) rel_words |= e->senses;
            s.syn_y[y] = syn_words >> first & in_range;
            s.rel_y[y] = rel_words >> first & in_range & ~s.syn_y[y];
        }
    }

    // Whether the credits of the pairs of a and b are kept from one
    // alignment to the next; not for quotes so long that the table would
    // cost more than it saves.
    void remember_pairs() {
        const std::size_t cells = a.words.size() * b.words.size();
        remember = cells <= (std::size_t{1} << 16) && !by_synsets();
        if (remember) s.known.assign(cells, 0);
    }

    const lexeme& lex(const prepared::word& w) const { return lx.at(w.lexeme); }

    static constexpr std::uint64_t no_key = ~std::uint64_t{0};

    // The key of two lexemes of different stems in the pair memory, or
    // no_key when WordNet relates them surely not. Most pairs share no
    // synset bit at all: they are unrelated, and the masks (already in
    // cache) say so before the pair memory (a cache miss each) is asked.
    static std::uint64_t relation_key(const lexeme& la, const lexeme& lb, bool& may_share, bool& may_neighbour) {
        if (la.senses.empty() || lb.senses.empty()) return no_key;
        may_share = lexeme::overlap(la.sense_mask, lb.sense_mask);
        may_neighbour = lexeme::overlap(la.sense_mask, lb.neighbour_mask) ||
                        lexeme::overlap(la.neighbour_mask, lb.sense_mask);
        if (!may_share && !may_neighbour) return no_key;
        return la.id < lb.id ? (std::uint64_t{la.id} << 28 | lb.id) : (std::uint64_t{lb.id} << 28 | la.id);
    }

    // Asks the memory for the pair memory's slots of the word pairs of ca
    // and cb that credit() will look up there, so that their cache misses
    // overlap rather than come one after another.
    void prefetch_relations(const std::vector<std::size_t>& ca, const std::vector<std::size_t>& cb) const {
        for (const auto i : ca) {
            const auto& wa = a.words[i];
            if (wa.is(prepared::number)) continue;
            const lexeme& la = lex(wa);
            for (std::size_t y = 0; y < cb.size(); ++y) {
                const auto& wb = b.words[cb[y]];
                const lexeme& lb = *s.lb[y];
                if (wb.is(prepared::number) || la.stem_id == lb.stem_id || la.id == lb.id) continue;
                if (remember && s.known[i * b.words.size() + cb[y]]) continue;
                bool may_share = false, may_neighbour = false;
                const std::uint64_t key = relation_key(la, lb, may_share, may_neighbour);
                if (key == no_key || (s.recent_slot(key) & ~std::uint64_t{3}) == (key + 1) << 2) continue;
                s.prefetch_relation(key);
            }
        }
    }

    // How much word wb (lexeme lb) stands for word wa (lexeme la): 1 for the
    // same stem or number, the synonym or neighbour credit through WordNet,
    // else 0.
    double credit(const prepared::word& wa, const lexeme& la, const prepared::word& wb, const lexeme& lb,
                  bool& exact) const {
        exact = false;
        if (wa.is(prepared::number) || wb.is(prepared::number)) {
            exact = wa.is(prepared::number) && wb.is(prepared::number) && la.id == lb.id;
            return exact ? 1.0 : 0.0;
        }
        if (la.stem_id == lb.stem_id || la.id == lb.id) {
            exact = true;
            return 1.0;
        }
        bool may_share = false, may_neighbour = false;
        const std::uint64_t key = relation_key(la, lb, may_share, may_neighbour);
        if (key == no_key) return 0.0;
        const auto& sa = la.senses;
        const auto& sb = lb.senses;
        // WordNet relations of two surface forms, remembered per pair
        const std::uint64_t tag = (key + 1) << 2;
        auto& near = s.recent_slot(key);
        if ((near & ~std::uint64_t{3}) != tag) {
            auto& slot = s.relation_slot(key);
            if ((slot & ~std::uint64_t{3}) != tag) {
                ++s.remembered;
                std::uint64_t kind = 0;
                if (may_share && intersects(sa, sb)) kind = 2;
                else if (may_neighbour && (intersects(sa, lb.neighbours) || intersects(la.neighbours, sb)))
                    kind = 1;
                slot = tag | kind;
            }
            near = slot;
        }
        const auto kind = near & 3;
        return kind == 2 ? syn : kind == 1 && rel > 0 ? rel : 0.0;
    }

    // credit() of words i of a and j of b, asked once per score()
    double remembered_credit(std::size_t i, std::size_t j, const prepared::word& wa, const lexeme& la,
                             const lexeme& lb, bool& exact) const {
        auto& known = s.known[i * b.words.size() + j];
        if (known) {
            const auto kind = static_cast<credit_kind>(known - 1);
            exact = kind == same;
            return kind == same ? 1.0 : kind == synonym ? syn : kind == related ? rel : 0.0;
        }
        const double c = credit(wa, la, b.words[j], lb, exact);
        const credit_kind kind = exact ? same : c <= 0 ? none : c == syn ? synonym : related;
        known = static_cast<std::uint8_t>(kind + 1);
        return c;
    }

    // The stem ids of a range of words, reporting frames left out.
    void stem_ids(const prepared& p, range r, std::vector<std::uint32_t>& ids) const {
        ids.clear();
        for (std::size_t k = r.begin; k < r.end; ++k)
            if (!p.words[k].is(prepared::frame)) ids.push_back(lex(p.words[k]).stem_id);
    }

    // Fills `f`; returns false when `how` is bounded and the score cannot
    // reach `floor_z` (on the logistic's linear scale) with weights `w`.
    bool features(range ra, range rb, feature_vector& f, depth how = depth::full, const double* w = nullptr,
                  double bias = 0, double floor_z = 0) const {
        f.fill(0.0);
        auto& ca = s.ca;
        auto& cb = s.cb;
        ca.clear();
        cb.clear();
        for (std::size_t k = ra.begin; k < ra.end; ++k)
            if (a.words[k].is(prepared::content)) ca.push_back(k);
        for (std::size_t k = rb.begin; k < rb.end; ++k)
            if (b.words[k].is(prepared::content)) cb.push_back(k);

        auto& cands = s.cands;
        cands.clear();
        auto& lb = s.lb;  // b's lexemes, looked up once rather than once per word of a
        lb.clear();
        for (const auto k : cb) lb.push_back(&lex(b.words[k]));
        const bool fast = by_synsets();
        if (fast) {
            std::size_t first = 0;
            for (std::size_t k = 0; k < ra.begin; ++k) first += a.words[k].is(prepared::content);
            related_words(cb, first, ca.size());
        } else {
            prefetch_relations(ca, cb);
        }
        for (std::uint32_t x = 0; x < ca.size(); ++x) {
            const auto& wa = a.words[ca[x]];
            const lexeme& la = lex(wa);
            for (std::uint32_t y = 0; y < cb.size(); ++y) {
                bool exact;
                double c;
                if (fast) {
                    const auto& wb = b.words[cb[y]];
                    if (wa.is(prepared::number) || wb.is(prepared::number)) {
                        exact = wa.is(prepared::number) && wb.is(prepared::number) && la.id == lb[y]->id;
                        c = exact ? 1.0 : 0.0;
                    } else if (la.stem_id == lb[y]->stem_id || la.id == lb[y]->id) {
                        exact = true;
                        c = 1.0;
                    } else {
                        exact = false;
                        c = s.syn_y[y] >> x & 1 ? syn : s.rel_y[y] >> x & 1 && rel > 0 ? rel : 0.0;
                    }
                } else {
                    c = remember ? remembered_credit(ca[x], cb[y], wa, la, *lb[y], exact)
                                 : credit(wa, la, b.words[cb[y]], *lb[y], exact);
                }
                if (c <= 0) continue;
                const double pa = ca.size() > 1 ? static_cast<double>(x) / static_cast<double>(ca.size() - 1) : 0;
                const double pb = cb.size() > 1 ? static_cast<double>(y) / static_cast<double>(cb.size() - 1) : 0;
                cands.push_back({c * 0.5 * (la.weight + lb[y]->weight), c, std::abs(pa - pb), x, y, exact});
            }
        }
        std::sort(cands.begin(), cands.end(), [](const scratch::cand& p, const scratch::cand& q) {
            if (p.value != q.value) return p.value > q.value;
            if (p.distance != q.distance) return p.distance < q.distance;
            return p.i != q.i ? p.i < q.i : p.j < q.j;
        });
        auto& match_a = s.match_a;
        auto& match_b = s.match_b;
        auto& got_a = s.got_a;
        auto& got_b = s.got_b;
        auto& exact_a = s.exact_a;
        auto& exact_b = s.exact_b;
        match_a.assign(ca.size(), -1);
        match_b.assign(cb.size(), -1);
        got_a.assign(ca.size(), 0);
        got_b.assign(cb.size(), 0);
        exact_a.assign(ca.size(), 0);
        exact_b.assign(cb.size(), 0);
        for (const auto& c : cands) {
            if (match_a[c.i] >= 0 || match_b[c.j] >= 0) continue;
            match_a[c.i] = static_cast<int>(c.j);
            match_b[c.j] = static_cast<int>(c.i);
            got_a[c.i] = got_b[c.j] = c.credit;
            exact_a[c.i] = exact_b[c.j] = c.exact;
        }

        // Per side: weight of the content words, weight matched, words
        // matched, weight matched exactly; unmatched numbers and capitals count
        // for both sides together.
        int numbers_unmatched = 0, capitals_unmatched = 0;
        auto totals = [&](const prepared& p, const auto& content, const auto& got, const auto& exact,
                          const auto& match, double& w_all, double& w_got, double& n_got, double& w_exact) {
            w_all = w_got = n_got = w_exact = 0;
            for (std::size_t x = 0; x < content.size(); ++x) {
                const auto& word = p.words[content[x]];
                const double weight = lex(word).weight;
                w_all += weight;
                w_got += weight * got[x];
                n_got += got[x];
                if (exact[x]) w_exact += weight;
                if (match[x] < 0 && word.is(prepared::number)) ++numbers_unmatched;
                if (match[x] < 0 && word.is(prepared::capital)) ++capitals_unmatched;
            }
        };
        double wa, wb, ma, mb, ea, eb, ua, ub;
        totals(a, ca, got_a, exact_a, match_a, wa, ma, ua, ea);
        totals(b, cb, got_b, exact_b, match_b, wb, mb, ub, eb);
        const double cov_a = wa > 0 ? ma / wa : 0, cov_b = wb > 0 ? mb / wb : 0;
        f[f_coverage_mean] = 0.5 * (cov_a + cov_b);
        f[f_coverage_min] = std::min(cov_a, cov_b);
        f[f_coverage_max] = std::max(cov_a, cov_b);
        f[f_exact_mean] = 0.5 * ((wa > 0 ? ea / wa : 0) + (wb > 0 ? eb / wb : 0));

        auto& seq = s.seq;
        seq.clear();
        for (std::size_t x = 0; x < ca.size(); ++x)
            if (match_a[x] >= 0) seq.push_back(static_cast<std::size_t>(match_a[x]));
        // share of the aligned words out of order (0 when fewer than two align)
        f[f_disorder] = seq.size() > 1 ? 1.0 - static_cast<double>(longest_increasing(seq, s.tails)) /
                                                   static_cast<double>(seq.size())
                                       : 0.0;
        if (how == depth::cheap) return true;

        f[f_number_mismatch] = numbers_unmatched > 0 ? 1.0 : 0.0;
        const auto na = static_cast<double>(ca.size()), nb = static_cast<double>(cb.size());
        f[f_length_ratio] = std::max(na, nb) > 0 ? std::min(na, nb) / std::max(na, nb) : 0;
        f[f_unmatched] = std::log1p((wa - ma) + (wb - mb));
        f[f_capital_mismatch] = std::min(capitals_unmatched, 3) / 3.0;
        int neg_a = 0, neg_b = 0;
        for (std::size_t k = ra.begin; k < ra.end; ++k) neg_a += a.words[k].is(prepared::negation);
        for (std::size_t k = rb.begin; k < rb.end; ++k) neg_b += b.words[k].is(prepared::negation);
        f[f_negation_mismatch] = (neg_a > 0) != (neg_b > 0) ? 1.0 : 0.0;
        f[f_coverage_uniform] = 0.5 * ((na > 0 ? ua / na : 0) + (nb > 0 ? ub / nb : 0));
        f[f_unmatched_max] = std::log1p(std::max(wa - ma, wb - mb));
        f[f_length_log] = std::log1p(na + nb);

        auto& sx = s.sx;
        auto& sy = s.sy;
        stem_ids(a, ra, sx);
        stem_ids(b, rb, sy);
        std::size_t common = 0, unused = 0;
        sorted_grams(sx, s.ga);
        sorted_grams(sy, s.gb);
        f[f_unigram] = ngram_dice(s.ga, s.gb, 1, common);
        if (how == depth::bounded) {
            // The features still missing lie in known intervals: n-gram Dice
            // in [0, 1]; LCS at most the unigram Dice (a common subsequence
            // is a common multiset); the edit ratio at least 1 - common / longer.
            double z = bias;
            for (std::size_t k = 0; k < f_count; ++k) z += w[k] * f[k];
            auto best = [&](feature k, double lo, double hi) { return std::max(w[k] * lo, w[k] * hi); };
            const double longer = static_cast<double>(std::max(sx.size(), sy.size()));
            const double edit_lo = longer > 0 ? 1.0 - static_cast<double>(common) / longer : 0.0;
            z += best(f_bigram, 0, 1) + best(f_trigram, 0, 1) + best(f_lcs, 0, f[f_unigram]) +
                 best(f_edit, edit_lo, 1);
            if (z < floor_z) return false;
        }
        f[f_bigram] = ngram_dice(s.ga, s.gb, 2, unused);
        f[f_trigram] = ngram_dice(s.ga, s.gb, 3, unused);
        f[f_lcs] = lcs_ratio(sx, sy, s);
        f[f_edit] = edit_ratio(sx, sy, s);
        return true;
    }
};

// Word ranges [first, last) of the sentences of a quote.
std::vector<range> sentence_ranges(const prepared& p) {
    std::vector<range> out;
    const std::size_t n = p.words.size();
    for (std::size_t b = 0; b < n;) {
        const std::size_t e = p.sentence_end(b);
        out.push_back({b, e});
        b = e;
    }
    return out;
}

}  // namespace

std::vector<double> similarity::features(const prepared& a, const prepared& b) const {
    const aligner al{*lexicon_, a, b, cal_.synonym_credit, cal_.related_credit};
    feature_vector f;
    al.features({0, a.words.size()}, {0, b.words.size()}, f);
    return {f.begin(), f.end()};
}

double similarity::contained(const prepared& part, const prepared& whole) const {
    const aligner al{*lexicon_, part, whole, cal_.synonym_credit, cal_.related_credit};
    feature_vector f;
    al.features({0, part.words.size()}, {0, whole.words.size()}, f, depth::cheap);
    return f[f_coverage_max] * (1.0 - f[f_disorder]);
}

double similarity::contained_sentence(const prepared& several, const prepared& whole, std::size_t min_content,
                                      int& sentence) const {
    sentence = -1;
    const auto ranges = sentence_ranges(several);
    if (ranges.size() < 2) return 0;
    const aligner al{*lexicon_, several, whole, cal_.synonym_credit, cal_.related_credit};
    feature_vector f;
    double best = 0;
    for (const auto& r : ranges) {
        if (several.content_words(r.begin, r.end) < min_content) continue;
        al.features(r, {0, whole.words.size()}, f, depth::cheap);
        const double inside = f[f_coverage_max] * (1.0 - f[f_disorder]);
        if (inside > best) best = inside, sentence = static_cast<int>(several.words[r.begin].sentence);
    }
    return best;
}

double similarity::score(const prepared& a, const prepared& b, double floor, aligned_parts* where) const {
    aligner al{*lexicon_, a, b, cal_.synonym_credit, cal_.related_credit};
    auto sas = sentence_ranges(a), sbs = sentence_ranges(b);
    const bool several = sas.size() > 1 || sbs.size() > 1;
    if (several) al.remember_pairs();
    // below this on the linear scale, a score is under `floor` (with a margin
    // for rounding, so a score at the floor is always computed in full)
    const double floor_z =
        floor <= 0 ? -std::numeric_limits<double>::infinity() : std::log(floor / (1.0 - floor)) - 1e-9;
    feature_vector f;
    double best = 0;
    if (where) *where = {};
    auto part = [](const prepared& p, range r) {
        return r.begin == 0 && r.end == p.words.size() ? -1 : static_cast<int>(p.words[r.begin].sentence);
    };
    auto consider = [&](range ra, range rb) {
        if (!al.features(ra, rb, f, depth::bounded, w_.data(), cal_.bias, std::max(floor_z, best_z(best)))) return;
        double z = cal_.bias;
        for (std::size_t k = 0; k < f_count; ++k) z += w_[k] * f[k];
        const double s = 1.0 / (1.0 + std::exp(-z));
        if (s <= best) return;
        best = s;
        if (where) *where = {part(a, ra), part(b, rb)};
    };
    consider({0, a.words.size()}, {0, b.words.size()});
    if (!several) return best;
    // a sentence (or the whole) of one against a sentence (or the whole) of
    // the other, when both say enough: one outlet prints as one sentence
    // what another splits in two, or prints one of two sentences alone
    if (sas.size() > 1) sas.push_back({0, a.words.size()});
    if (sbs.size() > 1) sbs.push_back({0, b.words.size()});
    constexpr std::size_t min_content = 3;
    for (const auto& sa : sas) {
        if (a.content_words(sa.begin, sa.end) < min_content) continue;
        for (const auto& sb : sbs) {
            const bool whole = sa.begin == 0 && sa.end == a.words.size() && sb.begin == 0 && sb.end == b.words.size();
            if (whole || b.content_words(sb.begin, sb.end) < min_content) continue;
            consider(sa, sb);
        }
    }
    return best;
}

}  // namespace quotetrace::match
