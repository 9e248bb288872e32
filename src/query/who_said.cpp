// who-said: postings of content stems over every quote of the graph, ranked
// by shared rarity, then verified with the statement similarity so that a
// phrase nobody said gets no answer rather than a weak guess.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "../graph/pages.hpp"
#include "quotetrace/match.hpp"
#include "quotetrace/store.hpp"
#include "quotetrace/who_said.hpp"

namespace quotetrace::query {
namespace {

template <class F>
void each_stem(std::string_view stems, F&& f) {
    std::size_t i = 0;
    while (i < stems.size()) {
        const std::size_t j = std::min(stems.find(' ', i), stems.size());
        if (j > i) f(stems.substr(i, j - i));
        i = j + 1;
    }
}

// Calls f(x) for each x of `sorted` whose key(x) the ascending range
// [begin, end) holds. Each is sought from where the last was found, in steps
// that double (a gallop), so the cost is about the count of `sorted`, however
// long the range.
template <class T, class Key, class It, class F>
void gallop(std::vector<T>& sorted, Key&& key, It begin, It end, F&& f) {
    auto from = begin;
    for (auto& x : sorted) {
        const std::uint32_t q = key(x);
        std::size_t step = 1;
        auto hi = from;
        while (hi != end && *hi < q) {
            from = hi + 1;
            hi = static_cast<std::size_t>(end - hi) > step ? hi + static_cast<std::ptrdiff_t>(step) : end;
            step <<= 1;
        }
        from = std::lower_bound(from, hi, q);
        if (from == end) return;
        if (*from == q) f(x);
    }
}

// n zeros in memory backed by 2 MB pages where the kernel allows: a large
// array's page faults are most of its cost on a virtual machine.
template <class T>
void zeros(std::vector<T>& v, std::size_t n) {
    v.clear();
    v.reserve(n);
    graph::detail::huge_pages(v.data(), n * sizeof(T));
    v.resize(n);
}

// Open-addressed map from a 64-bit key other than 0 (an empty slot) to the
// number it was first given.
class id_table {
public:
    std::uint32_t find(std::uint64_t key) const {
        if (keys_.empty()) return UINT32_MAX;
        const std::size_t s = slot(key);
        return keys_[s] == key ? ids_[s] : UINT32_MAX;
    }
    // The key's number, and whether it is the `fresh` one given it now.
    std::pair<std::uint32_t, bool> insert(std::uint64_t key, std::uint32_t fresh) {
        if ((count_ + 1) * 2 > keys_.size()) grow();
        const std::size_t s = slot(key);
        if (keys_[s] == key) return {ids_[s], false};
        keys_[s] = key;
        ids_[s] = fresh;
        ++count_;
        return {fresh, true};
    }
    void prefetch(std::uint64_t key) const noexcept {
        if (keys_.empty()) return;
        const std::size_t s = static_cast<std::size_t>(key) & (keys_.size() - 1);
        __builtin_prefetch(&keys_[s]);
        __builtin_prefetch(&ids_[s]);
    }
    std::size_t size() const noexcept { return count_; }
    std::size_t memory_bytes() const noexcept { return keys_.capacity() * 8 + ids_.capacity() * 4; }

private:
    std::size_t slot(std::uint64_t key) const {
        const std::size_t mask = keys_.size() - 1;
        std::size_t s = static_cast<std::size_t>(key) & mask;
        while (keys_[s] != 0 && keys_[s] != key) s = (s + 1) & mask;
        return s;
    }
    void grow() { rehash(std::max<std::size_t>(1024, keys_.size() * 2)); }
    void rehash(std::size_t slots) {
        std::vector<std::uint64_t> old_keys = std::move(keys_);
        std::vector<std::uint32_t> old_ids = std::move(ids_);
        zeros(keys_, slots);
        zeros(ids_, slots);
        for (std::size_t k = 0; k < old_keys.size(); ++k)
            if (old_keys[k]) {
                const std::size_t s = slot(old_keys[k]);
                keys_[s] = old_keys[k];
                ids_[s] = old_ids[k];
            }
    }

    std::vector<std::uint64_t> keys_;
    std::vector<std::uint32_t> ids_;
    std::size_t count_ = 0;
};

bool earlier(const report_place& a, const report_place& b) {
    if (a.published.empty() != b.published.empty()) return b.published.empty();
    return a.published != b.published ? a.published < b.published : a.article < b.article;
}

}  // namespace

struct who_said_index::impl {
    const graph::provenance_graph* g;
    const match::similarity* sim;
    who_said_options opt;
    id_table stem_ids;  // by stem_hash
    // Quotes holding the same stems (wire copies, a quote repeated) form one
    // group: the postings name groups, so a question weighs each set of
    // stems once however many articles carry it.
    std::vector<std::uint32_t> offsets;   // per term, into postings; one more than terms
    // groups, ascending per term, as entries: the group times 2, plus 1 when
    // it holds more than one quote (so that a quote repeated nowhere is
    // counted without a read)
    std::vector<std::uint32_t> postings;
    std::vector<std::uint32_t> frequency; // per term, the quotes that hold it
    std::vector<std::uint32_t> starts;    // per group, into members; one more than groups
    std::vector<std::uint32_t> members;   // occurrence numbers (local), ascending per group
    // per group, one bit of 64 for each of its terms (term_bit): a
    // candidate whose signature lacks a stem's bit does not hold it, which
    // bounds its weight with one read instead of a search per stem
    std::vector<std::uint64_t> signatures;
    // scratch for ask()
    struct candidate {
        float shared;        // weight of the question's stems it holds, so far
        std::uint32_t entry; // its group's, as in postings
        std::uint64_t maybe; // bit k: it may hold terms[k] (k < 64; later ones always may)
    };
    struct ranked_quote {
        float shared;
        std::uint32_t q;     // occurrence
    };
    mutable std::vector<candidate> pool, next_pool;
    mutable std::vector<std::pair<float, std::uint32_t>> so_far;  // (weight, quotes)
    mutable std::vector<float> weights;
    mutable std::vector<ranked_quote> ranked;

    static std::uint64_t term_bit(std::uint32_t t) noexcept { return std::uint64_t{1} << ((t * 0x9E3779B97F4A7C15ULL) >> 58); }
    std::uint32_t quotes_in(std::uint32_t group) const noexcept { return starts[group + 1] - starts[group]; }
    std::uint32_t entry_of(std::uint32_t group) const noexcept { return group << 1 | (quotes_in(group) > 1 ? 1 : 0); }
    std::uint32_t quotes_of(std::uint32_t entry) const noexcept { return entry & 1 ? quotes_in(entry >> 1) : 1; }

    void build() {
        const auto first = g->first(graph::vertex_kind::occurrence);
        const std::size_t n = g->count(graph::vertex_kind::occurrence);
        std::vector<std::uint32_t> terms_of;  // term ids, sorted, quote after quote
        std::vector<std::uint32_t> ends;      // per quote, into terms_of
        std::vector<std::uint64_t> hashes;    // per quote, of its terms (never 0)
        zeros(ends, n);
        zeros(hashes, n);
        std::vector<std::uint32_t> set;       // one quote's distinct terms
        terms_of.reserve(n * 8);
        graph::detail::huge_pages(terms_of.data(), terms_of.capacity() * sizeof(std::uint32_t));
        for (std::size_t q = 0; q < n; ++q) {
            set.clear();
            each_stem(g->stems(first + static_cast<graph::vertex>(q)), [&](std::string_view s) {
                const auto t = stem_ids.insert(match::stem_hash(s), static_cast<std::uint32_t>(stem_ids.size())).first;
                // a stem counts once per quote, however often it is listed
                if (std::find(set.begin(), set.end(), t) == set.end()) set.push_back(t);
            });
            std::sort(set.begin(), set.end());
            std::uint64_t h = 0x84222325CBF29CE4ULL;
            for (const auto t : set) {
                if (t >= frequency.size()) frequency.resize(t + 1, 0);
                ++frequency[t];
                h = (h ^ t) * 0x100000001B3ULL;
            }
            // the table's slot is the low bits: fold the high ones in
            hashes[q] = (h ^ h >> 29) | 1;
            terms_of.insert(terms_of.end(), set.begin(), set.end());
            ends[q] = static_cast<std::uint32_t>(terms_of.size());
        }
        auto terms_in = [&](std::uint32_t q) {
            return std::pair{terms_of.begin() + (q ? ends[q - 1] : 0), terms_of.begin() + ends[q]};
        };
        // a group by the hash of its terms; a set whose hash another set has
        // taken forms a group of its own
        std::vector<std::uint32_t> group_of;
        zeros(group_of, n);
        std::vector<std::uint32_t> first_quote;  // per group
        id_table groups;
        for (std::uint32_t q = 0; q < n; ++q) {
            if (q + 16 < n) groups.prefetch(hashes[q + 16]);
            const auto [same, fresh] = groups.insert(hashes[q], static_cast<std::uint32_t>(first_quote.size()));
            if (!fresh) {
                const auto [b, e] = terms_in(q);
                const auto [ob, oe] = terms_in(first_quote[same]);
                if (std::equal(b, e, ob, oe)) {
                    group_of[q] = same;
                    continue;
                }
            }
            group_of[q] = static_cast<std::uint32_t>(first_quote.size());
            first_quote.push_back(q);
        }
        const std::size_t group_count = first_quote.size();
        signatures.resize(group_count);
        for (std::size_t grp = 0; grp < group_count; ++grp) {
            const auto [b, e] = terms_in(first_quote[grp]);
            for (auto t = b; t != e; ++t) signatures[grp] |= term_bit(*t);
        }
        starts.assign(group_count + 1, 0);
        for (std::size_t q = 0; q < n; ++q) ++starts[group_of[q] + 1];
        for (std::size_t k = 0; k < group_count; ++k) starts[k + 1] += starts[k];
        zeros(members, n);
        {
            std::vector<std::uint32_t> cursor(starts.begin(), starts.end() - 1);
            for (std::uint32_t q = 0; q < n; ++q) members[cursor[group_of[q]]++] = q;
        }
        const std::size_t term_count = stem_ids.size();
        frequency.resize(term_count, 0);
        offsets.assign(term_count + 1, 0);
        for (const auto q : first_quote) {
            const auto [b, e] = terms_in(q);
            for (auto t = b; t != e; ++t) ++offsets[*t + 1];
        }
        for (std::size_t t = 0; t < term_count; ++t) offsets[t + 1] += offsets[t];
        postings.reserve(offsets.back());
        graph::detail::huge_pages(postings.data(), postings.capacity() * sizeof(std::uint32_t));
        postings.resize(offsets.back());
        std::vector<std::uint32_t> cursor(offsets.begin(), offsets.end() - 1);
        for (std::uint32_t grp = 0; grp < group_count; ++grp) {
            const auto [b, e] = terms_in(first_quote[grp]);
            for (auto t = b; t != e; ++t) postings[cursor[*t]++] = entry_of(grp);
        }
    }

    // The weight that opt.candidates quotes of the pool have at least (0
    // when it holds fewer): a candidate that cannot reach it is not among
    // the best. A group counts its quotes when the pool is short.
    float floor_of_pool() const {
        const std::size_t want = opt.candidates;
        if (want == 0) return 0;
        if (pool.size() > 4 * want) {
            weights.resize(pool.size());
            std::transform(pool.begin(), pool.end(), weights.begin(), [](const candidate& c) { return c.shared; });
            const auto at = weights.begin() + static_cast<std::ptrdiff_t>(want - 1);
            std::nth_element(weights.begin(), at, weights.end(), std::greater<>());
            return *at;
        }
        so_far.clear();
        for (const auto& c : pool) so_far.emplace_back(c.shared, quotes_of(c.entry));
        std::sort(so_far.begin(), so_far.end(), std::greater<>());
        std::size_t held = 0;
        for (const auto& [weight, quotes] : so_far)
            if ((held += quotes) >= want) return weight;
        return 0;
    }

    std::vector<speaker_answer> ask(std::string_view text) const {
        const auto question = sim->prepare(text);
        // the question's distinct known stems, rarest first
        std::vector<std::pair<std::uint32_t, std::uint32_t>> terms;  // (quotes holding it, term)
        std::size_t content = 0;
        for (const auto& w : question.words) {
            if (!w.is(match::prepared::content)) continue;
            ++content;
            const auto t = stem_ids.find(match::stem_hash(sim->lexeme_at(w.lexeme).stem));
            if (t == UINT32_MAX) continue;
            const std::uint32_t df = frequency[t];
            if (std::find(terms.begin(), terms.end(), std::make_pair(df, t)) == terms.end()) terms.emplace_back(df, t);
        }
        if (terms.empty()) return {};
        std::sort(terms.begin(), terms.end());
        const double n = static_cast<double>(members.size()) + 1;
        auto weight = [&](std::uint32_t df) { return static_cast<float>(std::log(n / (df + 0.5))); };
        auto postings_of = [&](std::uint32_t t) {
            return std::pair{postings.begin() + offsets[t], postings.begin() + offsets[t + 1]};
        };
        const std::size_t enough = opt.candidates * 64;
        std::vector<float> w(terms.size());
        float question_weight = 0;  // of all its stems the quotes know
        for (std::size_t k = 0; k < terms.size(); ++k) question_weight += w[k] = weight(terms[k].first);
        // A candidate sharing less than this weight is never verified (see
        // below), so a stem proposes none once the stems from it on weigh
        // less together (with a margin for the rounding of float sums).
        const double needed = opt.shared_weight * question_weight;
        std::vector<double> rest(terms.size() + 1, 0.0);  // weight of the stems from k on
        for (std::size_t k = terms.size(); k-- > 0;) rest[k] = rest[k + 1] + w[k];
        // the candidate groups with the weight of the stems that proposed
        // them (terms[0, proposing)), ascending by group; `pooled` counts
        // their quotes
        pool.clear();
        std::size_t proposing = 1, pooled = 0;
        const auto [b0, e0] = postings_of(terms[0].second);
        if (terms.size() > 1 && terms[0].first > opt.common_stem) {
            // a question of common words only: the candidates are the quotes
            // that hold its rarest stems together (two, or more while too many)
            std::vector<std::uint32_t> all(b0, e0), next;
            // more than `enough` quotes (a group holds one at least)
            auto too_many = [&](const std::vector<std::uint32_t>& entries) {
                if (entries.size() > enough) return true;
                std::size_t r = 0;
                for (const auto e : entries) r += quotes_of(e);
                return r > enough;
            };
            float shared = w[0];
            for (; proposing < terms.size() && too_many(all); ++proposing) {
                const auto [b, e] = postings_of(terms[proposing].second);
                next.clear();
                gallop(all, [](std::uint32_t x) { return x; }, b, e, [&](std::uint32_t x) { next.push_back(x); });
                if (next.empty()) break;
                all.swap(next);
                shared += w[proposing];
            }
            for (const auto x : all) pool.push_back({shared, x, 0});
        } else {
            // new candidates come from the rarest stems, until there are
            // enough of them to choose the best from; a common stem only adds
            // to the weight of the candidates rarer ones found
            for (auto p = b0; p != e0; ++p) {
                pool.push_back({w[0], *p, 0});
                pooled += quotes_of(*p);
            }
            for (; proposing < terms.size(); ++proposing) {
                const std::size_t k = proposing;
                if (terms[k].first > opt.common_stem || pooled >= enough || rest[k] * (1 + 1e-4) < needed) break;
                auto [p, e] = postings_of(terms[k].second);
                next_pool.resize(pool.size() + static_cast<std::size_t>(e - p));
                auto out = next_pool.begin();
                auto f = pool.begin();
                while (f != pool.end() && p != e) {
                    if (f->entry < *p) *out++ = *f++;
                    else if (*p < f->entry) {
                        pooled += quotes_of(*p);
                        *out++ = {w[k], *p++, 0};
                    } else *out++ = {(f++)->shared + w[k], *p++, 0};
                }
                out = std::copy(f, pool.end(), out);
                for (; p != e; ++p) {
                    pooled += quotes_of(*p);
                    *out++ = {w[k], *p, 0};
                }
                next_pool.erase(out, next_pool.end());
                pool.swap(next_pool);
            }
        }
        // The stems that proposed nothing add their weight in the same
        // order, so a candidate's weight grows at most by those of them its
        // signature may hold (float sums grow with each term).
        auto most = [&](const candidate& c, std::size_t from) {
            float shared = c.shared;
            for (std::size_t k = from; k < terms.size(); ++k)
                if (k >= 64 || (c.maybe >> k & 1)) shared += w[k];
            return shared;
        };
        std::uint64_t later = 0;  // bits of the stems that proposed nothing
        for (std::size_t k = proposing; k < terms.size() && k < 64; ++k) later |= term_bit(terms[k].second);
        for (std::size_t i = 0; i < pool.size(); ++i) {
            // the signatures lie far apart: each is fetched ahead
            if (i + 48 < pool.size()) __builtin_prefetch(&signatures[pool[i + 48].entry >> 1]);
            auto& c = pool[i];
            const std::uint64_t sig = signatures[c.entry >> 1] & later;
            for (std::size_t k = proposing; k < terms.size() && k < 64; ++k)
                if (sig & term_bit(terms[k].second)) c.maybe |= std::uint64_t{1} << k;
        }
        // A common stem's weight is added to the candidates that hold it (a
        // gallop through its postings), stem after stem. Before each, a
        // candidate that cannot reach `needed`, or the weight that
        // `opt.candidates` others already have (each of the best has at
        // least that), is dropped: it would never be verified.
        for (std::size_t k = proposing;; ++k) {
            const float floor = floor_of_pool();
            std::erase_if(pool, [&](const candidate& c) {
                const float at_most = most(c, k);
                return at_most < floor || at_most < needed;
            });
            if (k == terms.size() || pool.empty()) break;
            const auto [b, e] = postings_of(terms[k].second);
            gallop(pool, [](const candidate& c) { return c.entry; }, b, e, [&](candidate& c) { c.shared += w[k]; });
        }
        // The best quotes, by weight and then by occurrence. A group's
        // number grows with its first quote, so those of equal weight lie
        // among the first opt.candidates groups by number, each with its
        // first opt.candidates quotes.
        const auto groups = std::min(opt.candidates, pool.size());
        std::partial_sort(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(groups), pool.end(),
                          [](const candidate& a, const candidate& b) {
                              return a.shared != b.shared ? a.shared > b.shared : a.entry < b.entry;
                          });
        ranked.clear();
        for (std::size_t i = 0; i < groups; ++i) {
            const auto grp = pool[i].entry >> 1;
            const auto from = members.begin() + starts[grp];
            const auto to = from + std::min<std::ptrdiff_t>(quotes_in(grp), static_cast<std::ptrdiff_t>(opt.candidates));
            for (auto m = from; m != to; ++m) ranked.push_back({pool[i].shared, *m});
        }
        const std::size_t keep = std::min(opt.candidates, ranked.size());
        std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                          [](const ranked_quote& a, const ranked_quote& b) {
                              return a.shared != b.shared ? a.shared > b.shared : a.q < b.q;
                          });

        // verified statements: best confidence and the quote that gave it
        struct found {
            double confidence = 0;
            graph::vertex quote = graph::no_vertex;
            std::size_t quotes = 0;  // its quotes that answer
        };
        std::map<graph::vertex, found> best;
        const auto first = g->first(graph::vertex_kind::occurrence);
        const double threshold = sim->calib().threshold;
        std::vector<std::pair<std::string, double>> verified;  // (words, confidence)
        for (std::size_t k = 0; k < keep; ++k) {
            // a candidate sharing less than half the best one's weight of rare
            // stems is no paraphrase of the question
            if (ranked[k].shared < 0.5f * ranked[0].shared) break;
            const graph::vertex q = first + ranked[k].q;
            const auto words = g->name(q);
            // the same words in another article (a wire copy) are verified once
            double conf = 0;
            if (const auto seen = std::find_if(verified.begin(), verified.end(), [&](const auto& v) { return v.first == words; });
                seen != verified.end()) {
                conf = seen->second;
            } else {
                const auto quote = sim->prepare(words);
                if (content >= opt.containment_words)
                    if (const double c = sim->contained(question, quote); c >= opt.containment) conf = c;
                // the similarity counts only above the threshold and what
                // containment gave: the score stops early below both
                if (const double s = sim->score(question, quote, std::max(threshold, conf)); s >= threshold)
                    conf = std::max(conf, s);
                verified.emplace_back(words, conf);
            }
            if (conf <= 0) continue;
            for (const auto st : g->out(q, graph::edge_kind::reports)) {
                auto& b = best[st];
                ++b.quotes;
                if (conf > b.confidence) {
                    b.confidence = conf;
                    b.quote = q;
                }
            }
        }
        std::map<std::string, speaker_answer> by_speaker;
        for (const auto& [st, hit] : best) {
            statement_answer a;
            a.id = g->name(st);
            a.confidence = hit.confidence;
            a.answering = hit.quotes;
            a.text = g->name(hit.quote);
            for (const auto q : g->in(st, graph::edge_kind::reports)) {
                report_place p;
                if (const auto art = g->article_of(q); art != graph::no_vertex) {
                    const auto view = g->article(art);
                    p.article = std::string(view.name);
                    p.published = view.published;
                    if (const auto o = g->outlet_of(art); o != graph::no_vertex) p.outlet = g->name(o);
                }
                if (std::none_of(a.reports.begin(), a.reports.end(),
                                 [&](const report_place& x) { return x.article == p.article; }))
                    a.reports.push_back(std::move(p));
            }
            std::sort(a.reports.begin(), a.reports.end(), earlier);
            const auto who = g->speaker_of(st);
            auto& s = by_speaker[who == graph::no_vertex ? std::string() : g->name(who)];
            s.confidence = std::max(s.confidence, a.confidence);
            s.statements.push_back(std::move(a));
        }
        std::vector<speaker_answer> out;
        for (auto& [name, s] : by_speaker) {
            s.speaker = name;
            std::sort(s.statements.begin(), s.statements.end(), [](const auto& x, const auto& y) {
                if (x.confidence != y.confidence) return x.confidence > y.confidence;
                if (x.answering != y.answering) return x.answering > y.answering;
                if (x.reports.size() != y.reports.size()) return x.reports.size() > y.reports.size();
                return x.id < y.id;
            });
            out.push_back(std::move(s));
        }
        // best first; a known speaker before an unknown one on a tie, then by
        // how many articles carry the best statement
        std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
            if (x.confidence != y.confidence) return x.confidence > y.confidence;
            if (x.speaker.empty() != y.speaker.empty()) return y.speaker.empty();
            return x.speaker < y.speaker;
        });
        return out;
    }
};

who_said_index::who_said_index(const graph::provenance_graph& g, const match::similarity& sim, who_said_options opt)
    : impl_(std::make_unique<impl>()) {
    impl_->g = &g;
    impl_->sim = &sim;
    impl_->opt = opt;
    impl_->build();
}

who_said_index::~who_said_index() = default;
who_said_index::who_said_index(who_said_index&&) noexcept = default;

std::vector<speaker_answer> who_said_index::ask(std::string_view text) const { return impl_->ask(text); }
std::size_t who_said_index::terms() const noexcept { return impl_->stem_ids.size(); }
std::size_t who_said_index::memory_bytes() const noexcept {
    const auto& s = *impl_;
    return s.stem_ids.memory_bytes() + s.signatures.capacity() * 8 +
           (s.offsets.capacity() + s.postings.capacity() + s.frequency.capacity() + s.starts.capacity() + s.members.capacity()) * 4;
}

std::vector<speaker_answer> ask_store(const store::database& db, const match::similarity& sim, std::string_view text,
                                      who_said_options opt) {
    std::vector<std::string> stems;
    for (const auto& w : sim.prepare(text).words)
        if (w.is(match::prepared::content)) stems.push_back(sim.lexeme_at(w.lexeme).stem);
    if (stems.empty()) return {};
    const auto quotes = db.quotes_sharing(stems, opt.common_stem, opt.candidates);
    if (quotes.empty()) return {};
    const auto g = graph::provenance_graph::from_store(db, db.statements_of(quotes));
    const who_said_index index(g, sim, opt);
    return index.ask(text);
}

}  // namespace quotetrace::query
