// Statements: online clustering of quotes. MinHash bands over each quote's
// content stems propose candidates from an append-only hash table; every
// candidate is verified with the calibrated similarity (or the containment
// of a short quote in a longer one) before the new quote joins its
// statements. Nothing compares all pairs.
#include <algorithm>
#include <limits>
#include <cstdlib>
#include <stdexcept>
#include <type_traits>

#include "quotetrace/match.hpp"
#include "huge_pages.hpp"
#include "sorted.hpp"
#include "string_ids.hpp"

namespace quotetrace::match {
namespace {

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// An append-only multimap from 64-bit keys to 32-bit values. The values of
// a key sit together in blocks that double in size up to a bound, the
// newest block first, so reading a key's newest values touches a few cache
// lines rather than one per value (a chain through one array of all entries
// did, and that walk was a fifth of the clustering time). A key with one
// value keeps it in its slot.
class band_table {
public:
    void insert(std::uint64_t key, std::uint32_t value) {
        if (keys_ + 1 > slots_.size() / 2) grow();
        slot& s = slots_[position(key)];
        if (s.count == 0) {
            s = {key, value, 1};
            ++keys_;
            return;
        }
        if (s.count == 1) {
            s.head = new_block(none, first_block, s.head);
        } else if (blocks_[s.head + 2] == blocks_[s.head + 1]) {
            s.head = new_block(s.head, std::min(blocks_[s.head + 1] * 2, last_block), none);
        }
        const std::uint32_t used = blocks_[s.head + 2]++;
        blocks_[s.head + 3 + used] = value;
        ++s.count;
    }
    // Asks the memory for the slots of `keys` at once, so that their misses
    // overlap rather than come one after another when the keys are read or
    // added next (a quote has some thirty band keys, each in a random slot).
    void prefetch(const std::vector<std::uint64_t>& keys) const {
        if (slots_.empty()) return;
        for (const auto key : keys) __builtin_prefetch(&slots_[static_cast<std::size_t>(key) & (slots_.size() - 1)]);
    }
    // for_each over every key of `keys`, with the slots and then the newest
    // blocks of all of them asked for first
    template <class F>
    void for_each_of(const std::vector<std::uint64_t>& keys, std::size_t limit, F&& f) const {
        prefetch(keys);
        if (slots_.empty()) return;
        for (const auto key : keys)
            if (const slot& s = slots_[position(key)]; s.count > 1) __builtin_prefetch(&blocks_[s.head]);
        for (const auto key : keys) for_each(key, limit, f);
    }
    // Calls f(value) for the newest `limit` entries with this key, newest first.
    template <class F>
    void for_each(std::uint64_t key, std::size_t limit, F&& f) const {
        if (slots_.empty() || limit == 0) return;
        const slot& s = slots_[position(key)];
        if (s.count == 0) return;
        if (s.count == 1) return f(s.head);
        std::size_t seen = 0;
        for (std::uint32_t b = s.head; b != none; b = blocks_[b])
            for (std::uint32_t k = blocks_[b + 2]; k-- > 0;) {
                f(blocks_[b + 3 + k]);
                if (++seen == limit) return;
            }
    }
private:
    // a slot: a key, and its value (one) or its newest block (several)
    struct slot {
        std::uint64_t key;
        std::uint32_t head;
        std::uint32_t count;  // values of the key; 0: the slot is free
    };
    // A block in `blocks_`: the next (older) block, its capacity, the values
    // it holds, then the values, oldest first.
    static constexpr std::uint32_t first_block = 4, last_block = 64;

    std::uint32_t new_block(std::uint32_t next, std::uint32_t capacity, std::uint32_t first) {
        const auto at = static_cast<std::uint32_t>(blocks_.size());
        blocks_.resize(blocks_.size() + 3 + capacity);
        blocks_[at] = next;
        blocks_[at + 1] = capacity;
        blocks_[at + 2] = 0;
        if (first != none) blocks_[at + 3] = first, blocks_[at + 2] = 1;
        return at;
    }
    // the slot of `key`, or the free slot where it would go
    std::size_t position(std::uint64_t key) const {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t s = static_cast<std::size_t>(key) & mask;; s = (s + 1) & mask)
            if (slots_[s].count == 0 || slots_[s].key == key) return s;
    }
    void grow() {
        detail::huge_vector<slot> old(std::max<std::size_t>(1024, slots_.size() * 2), slot{0, 0, 0});
        old.swap(slots_);
        for (const auto& s : old)
            if (s.count) slots_[position(s.key)] = s;
    }

    detail::huge_vector<slot> slots_;
    detail::huge_vector<std::uint32_t> blocks_;
    std::size_t keys_ = 0;
};

}  // namespace

struct statement_index::impl {
    const similarity* sim;
    cluster_options opt;
    std::vector<std::uint64_t> seeds;  // one per MinHash function

    // quotes kept for verification (a near-copy of a kept quote is not kept)
    struct kept {
        prepared words;
        std::vector<std::uint32_t> stems;  // sorted distinct content stems
        std::uint32_t statements_begin, statements_end;
        std::uint32_t document;
        std::uint32_t content;  // content words
        // A quote restored from its stored keys is prepared when first
        // verified: until then `words` and `stems` are empty and its text
        // waits in `waiting` at this offset.
        bool ready = true;
        std::uint32_t text_size = 0;
        std::uint64_t text_at = 0;
    };
    detail::huge_vector<kept> quotes;
    std::string waiting;  // texts of restored quotes, one after another
    // the statements of a kept quote, each with the sentence it reports
    // (-1: the whole quote), so a later quote that matches one sentence of a
    // spliced quote joins that sentence's statement only
    struct membership {
        std::uint32_t statement;
        int sentence;
    };
    detail::huge_vector<membership> memberships;  // ranges per kept quote
    band_table table;  // band key -> kept quote
    // the very same words (every stem, in order): sequence key -> entry of
    // exact_statements, the statements a quote with those words joined
    band_table exact;
    detail::huge_vector<std::pair<std::uint32_t, std::uint32_t>> exact_statements;  // ranges of exact_members
    detail::huge_vector<std::uint32_t> exact_members;
    std::vector<std::string> speakers;  // per statement (meaningful at roots)
    std::vector<std::uint32_t> parent;  // union-find over statements
    std::size_t merges = 0;
    std::uint32_t last_begin = 0, last_end = 0;  // memberships of the quote added last, when kept
    std::uint64_t last_sequence = 0;             // of the quote added last (sequence_key), when indexed
    std::uint32_t last_content = 0;
    statement_index::indexing last_indexing = statement_index::indexing::none;
    std::function<bool(std::string_view, std::string_view)> speaks_for;
    std::string last_document;
    std::uint32_t document = 0;         // number of the current document
    std::size_t added = 0, verified = 0;

    // What the exact-words step needs of each text added before: a feed
    // reprints most quotes word for word (over half of the generator's
    // million), and such a text needs no canonical form to find the
    // statements of its first printing. Keyed by the bytes; forgotten
    // whenever the texts pass `text_memory_bytes`.
    struct text_facts {
        std::uint64_t sequence;  // sequence_key
        std::uint32_t content;   // content words
        bool empty;              // no words at all
    };
    static constexpr std::size_t text_memory_bytes = std::size_t{128} << 20;
    detail::string_ids texts;
    detail::huge_vector<text_facts> facts;  // per id of `texts`

    // per-call scratch
    detail::huge_vector<std::uint32_t> votes;
    std::vector<std::uint32_t> touched;
    std::vector<std::uint32_t> entries;  // candidates(): the kept quotes of each band key, in turn
    std::vector<std::uint64_t> ranked;  // candidates()

    // MinHash band keys of a set of stems (their stem_hash), appended to `keys`.
    void band_keys(const std::vector<std::uint64_t>& stems, std::vector<std::uint64_t>& keys) const {
        const auto rows = opt.lsh.rows, bands = opt.lsh.bands;
        for (std::uint32_t b = 0; b < bands; ++b) {
            std::uint64_t key = mix(b + opt.lsh.seed);
            for (std::uint32_t r = 0; r < rows; ++r) {
                std::uint64_t least = std::numeric_limits<std::uint64_t>::max();
                const std::uint64_t s = seeds[b * rows + r];
                for (const auto st : stems) least = std::min(least, mix(st ^ s));
                key = mix(key ^ least);
            }
            keys.push_back(key);
        }
    }

    // Sorted distinct content stems of words [begin, end): their ids, or
    // with `Hash` their stem_hash (what band keys are made of, so that they
    // do not depend on the order words were first seen in).
    template <bool Hash = false>
    auto content_stems(const prepared& p, std::size_t begin, std::size_t end) const {
        std::vector<std::conditional_t<Hash, std::uint64_t, std::uint32_t>> out;
        for (std::size_t k = begin; k < end; ++k)
            if (p.words[k].is(prepared::content)) {
                const auto& lx = sim->lexeme_at(p.words[k].lexeme);
                if constexpr (Hash) out.push_back(lx.stem_hash);
                else out.push_back(lx.stem_id);
            }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    // The stem sets a quote is found by: its whole stem set first, and for a
    // quote of several sentences each sentence that says enough, so a quote
    // that splices two statements meets each of them (stem_hash values).
    std::vector<std::vector<std::uint64_t>> key_sets(const prepared& p) const {
        std::vector<std::vector<std::uint64_t>> sets{content_stems<true>(p, 0, p.words.size())};
        const std::size_t n = p.words.size();
        if (n == 0 || p.words.back().sentence == p.words.front().sentence) return sets;
        for (std::size_t b = 0; b < n;) {
            const std::size_t e = p.sentence_end(b);
            if (p.content_words(b, e) >= opt.min_content_words) sets.push_back(content_stems<true>(p, b, e));
            b = e;
        }
        return sets;
    }

    // The band keys of those sets, each once.
    std::vector<std::uint64_t> keys_of(const std::vector<std::vector<std::uint64_t>>& sets) const {
        std::vector<std::uint64_t> keys;
        for (const auto& set : sets) band_keys(set, keys);
        if (sets.size() > 1) {
            std::sort(keys.begin(), keys.end());
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        }
        return keys;
    }

    std::vector<std::uint64_t> lookup_keys(const prepared& p) const { return keys_of(key_sets(p)); }

    // A hash of every stem in order, reporting frames left out.
    std::uint64_t sequence_key(const prepared& p) const {
        std::uint64_t key = mix(opt.lsh.seed ^ 0x5EC0);
        for (const auto& w : p.words)
            if (!w.is(prepared::frame)) key = mix(key ^ sim->lexeme_at(w.lexeme).stem_hash);
        return key;
    }


    // Whether statement `st` may take a quote of `speaker`: the same speaker,
    // or (when `unattributed_ok`) no speaker on one side.
    bool compatible(std::uint32_t st, std::string_view speaker, bool unattributed_ok) const {
        const auto& who = speakers[root(st)];
        if (!speaker.empty() && !who.empty())
            return who == speaker || (speaks_for && (speaks_for(who, speaker) || speaks_for(speaker, who)));
        return unattributed_ok;
    }

    // The statements a quote with the very same words already joined, when
    // their speakers allow; empty otherwise.
    std::vector<std::uint32_t> exact_match(std::uint64_t key, std::string_view speaker, bool unattributed_ok) const {
        std::vector<std::uint32_t> found;
        exact.for_each(key, opt.lsh.bucket_limit, [&](std::uint32_t e) {
            if (!found.empty()) return;
            const auto [begin, end] = exact_statements[e];
            for (auto m = begin; m < end; ++m)
                if (!compatible(exact_members[m], speaker, unattributed_ok)) return;
            found.assign(exact_members.begin() + begin, exact_members.begin() + end);
        });
        for (auto& st : found) st = root(st);
        return found;
    }

    // How surely the new quote `q` says what kept quote `c` says: the
    // similarity when it passes the threshold that applies, the containment
    // when a short quote sits inside a longer one, else 0.
    double same(const prepared& q, const std::vector<std::uint32_t>& q_stems, std::size_t q_content, kept& c,
                bool attributed, bool same_document, bool& copy, similarity::aligned_parts& where) {
        where = {};
        make_ready(c);
        const std::size_t common = detail::shared_count(q_stems, c.stems);
        const std::size_t smaller = std::min(q_stems.size(), c.stems.size());
        // fewer than a quarter of the smaller side's stems in common: no
        // paraphrase gets there on synonyms alone
        if (common == 0 || common * 4 < smaller) return 0;
        ++verified;
        const double calibrated = sim->calib().threshold;
        const double speaker_prior = opt.same_speaker_threshold < 0 ? calibrated : opt.same_speaker_threshold;
        const double needed = !attributed     ? opt.unattributed_threshold
                              : same_document ? std::max(speaker_prior, opt.same_document_threshold)
                                              : speaker_prior;
        const double s = sim->score(q, c.words, needed, &where);
        copy = common == q_stems.size() && common == c.stems.size() && s >= 0.95;
        if (s >= needed) return s;
        const bool q_shorter = q_stems.size() <= c.stems.size();
        const prepared& part = q_shorter ? q : c.words;
        const prepared& whole = q_shorter ? c.words : q;
        const std::size_t part_content = q_shorter ? q_content : c.content;
        const std::size_t min_words = attributed ? opt.containment_words : opt.unattributed_containment_words;
        const double coverage = attributed ? opt.containment_coverage : opt.unattributed_containment_coverage;
        where = {};
        if (part_content >= min_words) {
            const double inside = sim->contained(part, whole);
            if (inside >= coverage) return inside;
        }
        // one sentence of a quote of several held in the other quote: "We are
        // concerned about the possibility of .... We are watching ..." and a
        // lead's "emphasized his concern over the possibility of ..."
        int sentence = -1;
        if (const double inside = sim->contained_sentence(q, c.words, min_words, sentence); inside >= coverage) {
            where.a = sentence;
            return inside;
        }
        if (const double inside = sim->contained_sentence(c.words, q, min_words, sentence); inside >= coverage) {
            where.b = sentence;
            return inside;
        }
        return 0;
    }

    static std::size_t sentence_count(const prepared& p) {
        return p.words.empty() ? 0 : static_cast<std::size_t>(p.words.back().sentence) + 1;
    }

    // Candidates (kept quotes) that share bands with `keys`, most shared
    // first (then the earliest): their indexes in the low halves of `ranked`.
    void candidates(const std::vector<std::uint64_t>& keys) {
        if (votes.size() < quotes.size()) votes.resize(quotes.size(), 0);
        // every entry first, then the votes: a vote is a cache miss, and
        // counting them without a branch on the count lets the misses of
        // many entries overlap (a branch on a first vote, unpredictable,
        // waited for each miss in turn)
        entries.clear();
        table.for_each_of(keys, opt.lsh.bucket_limit, [&](std::uint32_t k) { entries.push_back(k); });
        touched.resize(entries.size());
        std::size_t distinct = 0;
        for (const auto k : entries) {
            touched[distinct] = k;
            distinct += votes[k]++ == 0;
        }
        touched.resize(distinct);
        // one integer per candidate, in that order when sorted: the
        // complement of its votes, then its index (comparing pairs through a
        // lambda was a sixth of this function's time on a million quotes)
        ranked.clear();
        for (const auto k : touched) {
            ranked.push_back(std::uint64_t{~votes[k]} << 32 | k);
            votes[k] = 0;
        }
        const std::size_t wanted = std::min(ranked.size(), opt.max_verified * 4);
        if (wanted == ranked.size()) std::sort(ranked.begin(), ranked.end());
        else std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(wanted), ranked.end());
        ranked.resize(wanted);
    }

    // Asks the memory for what the candidate loop reads of the candidates
    // ranked a few places after `at`: the kept quote a few places on, and
    // the stems, words and memberships of the one after next (its kept
    // quote asked for two places before), so that their misses overlap the
    // verification of the ones before.
    void prefetch_candidate(std::size_t at) const {
        constexpr std::size_t ahead = 4, near = 2;
        if (at + ahead < ranked.size()) __builtin_prefetch(&quotes[static_cast<std::uint32_t>(ranked[at + ahead])]);
        if (at + near < ranked.size()) {
            const kept& c = quotes[static_cast<std::uint32_t>(ranked[at + near])];
            __builtin_prefetch(c.stems.data());
            __builtin_prefetch(c.words.words.data());
            __builtin_prefetch(memberships.data() + c.statements_begin);
        }
    }

    std::vector<std::uint32_t> add(std::string_view text, std::string_view speaker, std::string_view doc) {
        last_begin = last_end = 0;
        last_indexing = statement_index::indexing::none;
        ++added;
        if (added == 1 || doc != last_document) {
            if (added > 1) ++document;
            last_document = doc;
        }
        prepared p;
        const std::uint64_t hash = detail::string_ids::hash(text);
        text_facts seen;
        if (const auto id = texts.find(text, hash); id != detail::string_ids::missing) {
            seen = facts[id];
        } else {
            p = sim->prepare(text);
            seen = {sequence_key(p), static_cast<std::uint32_t>(p.content_words()), p.words.empty()};
            if (texts.bytes() + text.size() > text_memory_bytes) texts.clear(), facts.clear();
            bool added = false;
            texts.insert(text, hash, added);
            facts.push_back(seen);
        }
        const std::size_t content = seen.content;
        last_content = static_cast<std::uint32_t>(content);
        std::vector<std::uint32_t> linked;
        if (seen.empty || content < opt.min_exact_content_words) return found_statement(speaker);

        // the very same words as a quote seen before: its statements
        const std::uint64_t sequence = seen.sequence;
        const bool long_enough = content >= opt.min_content_words;
        linked = exact_match(sequence, speaker, long_enough);
        if (!linked.empty()) return joined(std::move(linked), speaker);
        if (!long_enough) {
            linked = found_statement(speaker);
            remember_exact(sequence, linked);
            return linked;
        }

        if (p.words.empty()) p = sim->prepare(text);  // a text seen before, its exact match gone
        auto stems = content_stems(p, 0, p.words.size());
        const auto keys = lookup_keys(p);
        bool copy_of_kept = false;
        struct match {
            double strength;
            std::uint32_t statement;
            int sentence;    // of the new quote; -1 the whole
            bool mergeable;  // not the whole of a quote of several sentences
            std::uint32_t kept;  // the quote that matched
        };
        std::vector<match> matches;
        const bool single = sentence_count(p) < 2;
        std::size_t tried = 0, limit = opt.max_verified;
        candidates(keys);
        for (std::size_t at = 0; at < ranked.size(); ++at) {
            if (tried >= limit) break;
            prefetch_candidate(at);
            const auto k = static_cast<std::uint32_t>(ranked[at]);
            kept& c = quotes[k];
            // the statements of c this quote could join
            std::vector<membership> open;
            bool attributed = !speaker.empty();
            for (std::uint32_t m = c.statements_begin; m < c.statements_end; ++m) {
                const auto st = root(memberships[m].statement);
                if (std::any_of(matches.begin(), matches.end(), [st](const match& x) { return x.statement == st; }))
                    continue;
                if (!compatible(st, speaker, true)) continue;
                if (speakers[st].empty()) attributed = false;
                open.push_back({st, memberships[m].sentence});
            }
            if (open.empty()) continue;
            ++tried;
            bool copy = false;
            similarity::aligned_parts where;
            const double strength = same(p, stems, content, c, attributed, c.document == document, copy, where);
            if (strength <= 0) continue;
            copy_of_kept = copy_of_kept || copy;
            // the whole of each against the whole of the other, both of the
            // same number of sentences: sentence k reports what sentence k did
            const std::size_t c_sentences = sentence_count(c.words);
            const bool parallel = where.a < 0 && where.b < 0 && !single && c_sentences == sentence_count(p);
            for (const auto& m : open)
                if (where.b < 0 || m.sentence < 0 || m.sentence == where.b)
                    matches.push_back({strength, m.statement, parallel ? m.sentence : where.a,
                                       where.b >= 0 || c_sentences < 2, k});
            // after a sure match a one-sentence quote looks at a few more
            // candidates of other statements (to merge them), then stops
            if (single && strength >= opt.sure && limit > tried + opt.merge_probes)
                limit = speaker.empty() ? tried : tried + opt.merge_probes;
        }
        // A quote of one sentence reports one utterance: it joins the
        // statement it matches best. One of several sentences may hold
        // several: it joins each statement it matches, and each of its
        // sentences that says enough and matched nothing founds one.
        std::vector<membership> mine;
        const auto gone = merge_matched(matches, speaker, single);
        if (single && matches.size() > 1) {
            // of equal strengths (the sentences of one kept quote matched as
            // a whole) the statement founded first
            const auto best = *std::max_element(matches.begin(), matches.end(), [](const match& x, const match& y) {
                return x.strength != y.strength ? x.strength < y.strength : x.statement > y.statement;
            });
            matches.assign(1, best);
        }
        for (const auto& m : matches) mine.push_back({m.statement, m.sentence});
        if (matches.empty() && single) {
            mine.push_back({found_statement(speaker).front(), -1});
        } else if (!single && std::none_of(matches.begin(), matches.end(), [](const match& m) { return m.sentence < 0; })) {
            const std::size_t n = p.words.size();
            for (std::size_t b = 0; b < n;) {
                const int sentence = p.words[b].sentence;
                const std::size_t e = p.sentence_end(b);
                const bool covered = std::any_of(matches.begin(), matches.end(), [&](const match& m) { return m.sentence == sentence; });
                if (!covered && p.content_words(b, e) >= opt.min_content_words)
                    mine.push_back({found_statement(speaker).front(), sentence});
                b = e;
            }
            // no sentence says enough on its own: the quote is one statement
            if (mine.empty()) mine.push_back({found_statement(speaker).front(), -1});
        }
        for (const auto& m : mine) linked.push_back(m.statement);
        linked = joined(std::move(linked), speaker);
        // the ids this quote merged away, so output written before the merge
        // still links to this quote
        linked.insert(linked.end(), gone.begin(), gone.end());
        std::sort(linked.begin(), linked.end());
        remember_exact(sequence, linked);
        // a copy of a kept quote is found through that one
        if (!copy_of_kept) {
            const auto begin = static_cast<std::uint32_t>(memberships.size());
            memberships.insert(memberships.end(), mine.begin(), mine.end());
            last_begin = begin;
            last_end = static_cast<std::uint32_t>(memberships.size());
            keep(std::move(p), std::move(stems), keys, begin, content);
        }
        return linked;
    }

    std::vector<std::uint32_t> found_statement(std::string_view speaker) {
        speakers.emplace_back(speaker);
        parent.push_back(static_cast<std::uint32_t>(parent.size()));
        return {static_cast<std::uint32_t>(speakers.size() - 1)};
    }

    // Whether two kept quotes say one thing: the similarity at the
    // same-speaker threshold, or one held in the other.
    bool related(kept& x, kept& y) {
        ++verified;
        make_ready(x);
        make_ready(y);
        const double needed = opt.same_speaker_threshold < 0 ? sim->calib().threshold : opt.same_speaker_threshold;
        if (sim->score(x.words, y.words, needed) >= needed) return true;
        const bool x_shorter = x.stems.size() <= y.stems.size();
        const kept& part = x_shorter ? x : y;
        if (part.content < opt.containment_words) return false;
        return sim->contained(part.words, (x_shorter ? y : x).words) >= opt.containment_coverage;
    }

    std::uint32_t root(std::uint32_t st) const {
        while (parent[st] != st) st = parent[st];
        return st;
    }

    // Statements that one attributed quote matches surely on the same part
    // of itself, and whose matching quotes match each other, are one
    // statement: the later ids merge into the earliest. (A quote that glues
    // two utterances into one sentence matches both surely, but the two
    // halves do not match each other.)
    template <class Match>
    std::vector<std::uint32_t> merge_matched(std::vector<Match>& matches, std::string_view speaker, bool single) {
        std::vector<std::uint32_t> gone;  // statements merged into another
        if (speaker.empty() || matches.size() < 2) return gone;
        for (std::size_t i = 0; i < matches.size(); ++i) {
            const auto& x = matches[i];
            if (x.strength < opt.merge_threshold || !x.mergeable || (!single && x.sentence < 0)) continue;
            for (std::size_t j = i + 1; j < matches.size(); ++j) {
                auto& y = matches[j];
                if (y.strength < opt.merge_threshold || !y.mergeable || y.sentence != x.sentence) continue;
                const auto a = root(x.statement), b = root(y.statement);
                if (a == b || speakers[a] != speaker || speakers[b] != speaker) continue;
                if (!related(quotes[x.kept], quotes[y.kept])) continue;
                parent[std::max(a, b)] = std::min(a, b);
                gone.push_back(std::max(a, b));
                ++merges;
            }
        }
        for (auto& m : matches) m.statement = root(m.statement);
        // one entry per statement, the strongest
        std::sort(matches.begin(), matches.end(), [](const Match& x, const Match& y) {
            return x.statement != y.statement ? x.statement < y.statement : x.strength > y.strength;
        });
        matches.erase(std::unique(matches.begin(), matches.end(),
                                  [](const Match& x, const Match& y) { return x.statement == y.statement; }),
                      matches.end());
        return gone;
    }

    std::vector<std::uint32_t> joined(std::vector<std::uint32_t> linked, std::string_view speaker) {
        for (auto& st : linked) st = root(st);
        std::sort(linked.begin(), linked.end());
        linked.erase(std::unique(linked.begin(), linked.end()), linked.end());
        for (const auto st : linked)
            if (!speaker.empty() && (speakers[st].empty() || (speakers[st] != speaker && speaks_for &&
                                                              speaks_for(speakers[st], speaker))))
                speakers[st] = std::string(speaker);
        return linked;
    }

    // Makes a quote a candidate for later ones; its memberships are those
    // from `begin` to the end.
    void keep(prepared&& p, std::vector<std::uint32_t>&& stems, const std::vector<std::uint64_t>& keys,
              std::uint32_t begin, std::size_t content) {
        const auto index = static_cast<std::uint32_t>(quotes.size());
        quotes.push_back({std::move(p), std::move(stems), begin, static_cast<std::uint32_t>(memberships.size()), document,
                          static_cast<std::uint32_t>(content)});
        table.prefetch(keys);
        for (const auto key : keys) table.insert(key, index);
        last_indexing = statement_index::indexing::kept;
    }

    void remember_exact(std::uint64_t sequence, const std::vector<std::uint32_t>& linked) {
        last_indexing = statement_index::indexing::words;
        last_sequence = sequence;
        exact.insert(sequence, static_cast<std::uint32_t>(exact_statements.size()));
        const auto begin = static_cast<std::uint32_t>(exact_members.size());
        exact_members.insert(exact_members.end(), linked.begin(), linked.end());
        exact_statements.emplace_back(begin, static_cast<std::uint32_t>(exact_members.size()));
    }

    // A statement id issued before exists (without a speaker, merged into
    // nothing) once this returns.
    void issued(std::uint32_t st) {
        while (speakers.size() <= st) found_statement({});
    }

    void restore_statement(std::uint32_t st, std::string_view speaker, std::uint32_t merged_into) {
        issued(std::max(st, merged_into));
        speakers[st] = std::string(speaker);
        if (merged_into != st && parent[st] == st) {
            parent[st] = merged_into;
            ++merges;
        }
    }

    // What restore() needs of the quote added last to index it again
    // without its canonical form: its sequence key and content words, and
    // when kept the stem hashes its lookup keys are made of (the whole
    // quote's, then each sentence's that says enough, as positions in the
    // whole set). Little-endian: the key in 8 bytes, then varints, each
    // stem hash in 8 bytes.
    std::string restore_keys() const {
        std::string out;
        if (last_indexing == statement_index::indexing::none) return out;
        put_fixed(out, last_sequence);
        put_varint(out, last_content);
        if (last_indexing != statement_index::indexing::kept) return out;
        const auto sets = key_sets(quotes.back().words);
        const auto& whole = sets.front();
        put_varint(out, whole.size());
        for (const auto h : whole) put_fixed(out, h);
        put_varint(out, sets.size() - 1);
        for (std::size_t k = 1; k < sets.size(); ++k) {
            put_varint(out, sets[k].size());
            for (const auto h : sets[k])
                put_varint(out, static_cast<std::size_t>(std::lower_bound(whole.begin(), whole.end(), h) - whole.begin()));
        }
        return out;
    }

    static void put_fixed(std::string& out, std::uint64_t v) {
        for (int k = 0; k < 8; ++k) out.push_back(static_cast<char>(v >> (8 * k) & 0xFF));
    }
    static void put_varint(std::string& out, std::uint64_t v) {
        for (; v >= 0x80; v >>= 7) out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        out.push_back(static_cast<char>(v));
    }
    static bool get_fixed(std::string_view& in, std::uint64_t& v) {
        if (in.size() < 8) return false;
        v = 0;
        for (int k = 0; k < 8; ++k) v |= std::uint64_t{static_cast<unsigned char>(in[k])} << (8 * k);
        in.remove_prefix(8);
        return true;
    }
    static bool get_varint(std::string_view& in, std::uint64_t& v) {
        v = 0;
        for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
            const auto byte = static_cast<unsigned char>(in.front());
            in.remove_prefix(1);
            v |= std::uint64_t{byte & 0x7Fu} << shift;
            if (!(byte & 0x80)) return true;
        }
        return false;
    }

    // restore_keys() read back: the sequence key, the content words and (for
    // a kept quote) its lookup keys. False when the bytes do not parse (a
    // damaged store): the caller prepares the text instead.
    bool read_keys(std::string_view in, bool kept_quote, std::uint64_t& sequence, std::uint64_t& content,
                   std::vector<std::uint64_t>& keys) const {
        if (!get_fixed(in, sequence) || !get_varint(in, content)) return false;
        if (!kept_quote) return in.empty();
        std::uint64_t n = 0, parts = 0;
        if (!get_varint(in, n) || n > in.size() / 8) return false;
        std::vector<std::vector<std::uint64_t>> sets(1, std::vector<std::uint64_t>(n));
        for (auto& h : sets.front()) get_fixed(in, h);
        if (!get_varint(in, parts) || parts > in.size()) return false;
        for (std::uint64_t k = 0; k < parts; ++k) {
            std::uint64_t size = 0, at = 0;
            if (!get_varint(in, size) || size > in.size()) return false;
            std::vector<std::uint64_t> part;
            for (std::uint64_t j = 0; j < size; ++j) {
                if (!get_varint(in, at) || at >= n) return false;
                part.push_back(sets.front()[at]);
            }
            sets.push_back(std::move(part));
        }
        if (!in.empty()) return false;
        keys = keys_of(sets);
        return true;
    }

    // Prepares a quote restored from its keys, the first time it is verified.
    void make_ready(kept& c) const {
        if (c.ready) return;
        c.words = sim->prepare(std::string_view(waiting).substr(c.text_at, c.text_size));
        c.stems = content_stems(c.words, 0, c.words.words.size());
        c.ready = true;
    }

    void restore(std::string_view text, std::string_view speaker, std::string_view doc,
                 const std::vector<std::uint32_t>& ids, const std::vector<int>& sentences, int how,
                 std::string_view stored_keys) {
        ++added;
        if (added == 1 || doc != last_document) {
            if (added > 1) ++document;
            last_document = doc;
        }
        if (ids.empty()) return;
        std::vector<std::uint32_t> linked;
        std::vector<membership> mine;
        for (std::size_t k = 0; k < ids.size(); ++k) {
            issued(ids[k]);
            const auto st = root(ids[k]);
            linked.push_back(st);
            mine.push_back({st, k < sentences.size() ? sentences[k] : -1});
            if (speakers[st].empty() && !speaker.empty()) speakers[st] = std::string(speaker);
        }
        if (how == static_cast<int>(statement_index::indexing::none)) return;
        std::sort(linked.begin(), linked.end());
        linked.erase(std::unique(linked.begin(), linked.end()), linked.end());
        const bool kept_quote = how == static_cast<int>(statement_index::indexing::kept);
        if (how > 0 && !stored_keys.empty()) {
            // stored keys: the quote is indexed now and prepared when first verified
            std::uint64_t sequence = 0, content = 0;
            std::vector<std::uint64_t> keys;
            if (read_keys(stored_keys, kept_quote, sequence, content, keys)) {
                remember_exact(sequence, linked);
                if (!kept_quote) return;
                const auto begin = static_cast<std::uint32_t>(memberships.size());
                memberships.insert(memberships.end(), mine.begin(), mine.end());
                keep(prepared{}, {}, keys, begin, static_cast<std::size_t>(content));
                auto& c = quotes.back();
                c.ready = false;
                c.text_at = waiting.size();
                c.text_size = static_cast<std::uint32_t>(text.size());
                waiting.append(text);
                return;
            }
        }
        prepared p = sim->prepare(text);
        const std::size_t content = p.content_words();
        if (p.words.empty() || content < opt.min_exact_content_words) return;
        const std::uint64_t sequence = sequence_key(p);
        if (how < 0) {
            // Unknown (a store written before it was recorded): judged from
            // the words. The very same words as a quote before it were not
            // kept when added; a near-copy of a kept quote was not either,
            // which this cannot tell.
            if (!exact_match(sequence, speaker, content >= opt.min_content_words).empty()) return;
            how = static_cast<int>(content < opt.min_content_words ? statement_index::indexing::words
                                                                   : statement_index::indexing::kept);
        }
        remember_exact(sequence, linked);
        if (how != static_cast<int>(statement_index::indexing::kept)) return;
        auto stems = content_stems(p, 0, p.words.size());
        const auto keys = lookup_keys(p);
        const auto begin = static_cast<std::uint32_t>(memberships.size());
        memberships.insert(memberships.end(), mine.begin(), mine.end());
        keep(std::move(p), std::move(stems), keys, begin, content);
    }
};

statement_index::statement_index(const similarity& sim, cluster_options opt) : impl_(std::make_unique<impl>()) {
    impl_->sim = &sim;
    if (opt.lsh.bands == 0) opt.lsh.bands = 1;
    if (opt.lsh.rows == 0) opt.lsh.rows = 1;
    impl_->opt = opt;
    for (std::uint32_t k = 0; k < opt.lsh.bands * opt.lsh.rows; ++k) impl_->seeds.push_back(mix(opt.lsh.seed + 1 + k));
}

statement_index::~statement_index() = default;
statement_index::statement_index(statement_index&&) noexcept = default;
statement_index& statement_index::operator=(statement_index&&) noexcept = default;

std::vector<std::uint32_t> statement_index::add(std::string_view text, std::string_view speaker,
                                                 std::string_view document) {
    return impl_->add(text, speaker, document);
}

void statement_index::restore(std::string_view text, std::string_view speaker, std::string_view document,
                              const std::vector<std::uint32_t>& statements, const std::vector<int>& sentences,
                              int indexed, std::string_view keys) {
    impl_->restore(text, speaker, document, statements, sentences, indexed, keys);
}

std::string statement_index::restore_keys() const { return impl_->restore_keys(); }

statement_index::indexing statement_index::indexed() const noexcept { return impl_->last_indexing; }

std::vector<std::pair<std::uint32_t, int>> statement_index::kept_statements() const {
    std::vector<std::pair<std::uint32_t, int>> out;
    for (auto m = impl_->last_begin; m < impl_->last_end; ++m)
        out.emplace_back(impl_->memberships[m].statement, impl_->memberships[m].sentence);
    return out;
}

int statement_index::sentence(std::uint32_t statement) const {
    const auto& s = *impl_;
    for (auto m = s.last_begin; m < s.last_end; ++m)
        if (s.root(s.memberships[m].statement) == s.root(statement)) return s.memberships[m].sentence;
    return -1;
}

void statement_index::restore_statement(std::uint32_t statement, std::string_view speaker, std::uint32_t merged_into) {
    impl_->restore_statement(statement, speaker, merged_into);
}

std::size_t statement_index::quotes() const noexcept { return impl_->added; }
std::size_t statement_index::statements() const noexcept { return impl_->speakers.size(); }
std::size_t statement_index::verified() const noexcept { return impl_->verified; }
std::size_t statement_index::merged() const noexcept { return impl_->merges; }
void statement_index::set_affiliation(std::function<bool(std::string_view, std::string_view)> speaks_for) {
    impl_->speaks_for = std::move(speaks_for);
}
std::uint32_t statement_index::resolve(std::uint32_t statement) const {
    if (statement >= impl_->parent.size()) throw std::out_of_range("statement_index::resolve: no such statement");
    return impl_->root(statement);
}
const std::string& statement_index::speaker(std::uint32_t statement) const {
    return impl_->speakers.at(resolve(statement));
}

}  // namespace quotetrace::match
