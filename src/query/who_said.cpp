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

bool earlier(const report_place& a, const report_place& b) {
    if (a.published.empty() != b.published.empty()) return b.published.empty();
    return a.published != b.published ? a.published < b.published : a.article < b.article;
}

}  // namespace

struct who_said_index::impl {
    const graph::provenance_graph* g;
    const match::similarity* sim;
    who_said_options opt;
    // open-addressed stem table: key 0 is an empty slot
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> ids;
    std::vector<std::uint32_t> offsets;   // per term, into postings; one more than terms
    std::vector<std::uint32_t> postings;  // occurrence numbers (local), ascending per term
    // per occurrence, one bit of 64 for each of its terms (term_bit): a
    // candidate whose signature lacks a stem's bit does not hold it, which
    // bounds its weight with one read instead of a search per stem
    std::vector<std::uint64_t> signatures;
    std::size_t term_count = 0;
    // scratch for ask()
    struct candidate {
        float shared;        // weight of the question's stems it holds, so far
        std::uint32_t q;     // occurrence
        std::uint64_t maybe; // bit k: it may hold terms[k] (k < 64; later ones always may)
    };
    mutable std::vector<candidate> pool, next_pool;
    mutable std::vector<float> so_far;

    std::size_t slot(std::uint64_t key) const {
        const std::size_t mask = keys.size() - 1;
        std::size_t s = static_cast<std::size_t>(key) & mask;
        while (keys[s] != 0 && keys[s] != key) s = (s + 1) & mask;
        return s;
    }
    std::uint32_t find(std::uint64_t key) const {
        if (keys.empty()) return UINT32_MAX;
        const std::size_t s = slot(key);
        return keys[s] == key ? ids[s] : UINT32_MAX;
    }
    static std::uint64_t term_bit(std::uint32_t t) noexcept { return std::uint64_t{1} << ((t * 0x9E3779B97F4A7C15ULL) >> 58); }
    std::uint32_t intern(std::uint64_t key) {
        if ((term_count + 1) * 2 > keys.size()) grow();
        const std::size_t s = slot(key);
        if (keys[s] != key) {
            keys[s] = key;
            ids[s] = static_cast<std::uint32_t>(term_count++);
        }
        return ids[s];
    }
    void grow() {
        std::vector<std::uint64_t> old_keys = std::move(keys);
        std::vector<std::uint32_t> old_ids = std::move(ids);
        keys.assign(std::max<std::size_t>(1024, old_keys.size() * 2), 0);
        ids.assign(keys.size(), 0);
        for (std::size_t k = 0; k < old_keys.size(); ++k)
            if (old_keys[k]) {
                const std::size_t s = slot(old_keys[k]);
                keys[s] = old_keys[k];
                ids[s] = old_ids[k];
            }
    }

    void build() {
        const auto first = g->first(graph::vertex_kind::occurrence);
        const std::size_t n = g->count(graph::vertex_kind::occurrence);
        std::vector<std::uint32_t> terms_of;  // term ids, occurrence after occurrence
        std::vector<std::uint32_t> ends(n);
        std::vector<std::uint32_t> df;
        signatures.assign(n, 0);
        terms_of.reserve(n * 8);
        graph::detail::huge_pages(terms_of.data(), terms_of.capacity() * sizeof(std::uint32_t));
        std::uint32_t begin = 0;
        for (std::size_t q = 0; q < n; ++q) {
            each_stem(g->stems(first + static_cast<graph::vertex>(q)), [&](std::string_view s) {
                const auto t = intern(match::stem_hash(s));
                // a stem counts once per quote, however often it is listed
                if (std::find(terms_of.begin() + begin, terms_of.end(), t) != terms_of.end()) return;
                if (t >= df.size()) df.resize(t + 1, 0);
                ++df[t];
                terms_of.push_back(t);
                signatures[q] |= term_bit(t);
            });
            begin = ends[q] = static_cast<std::uint32_t>(terms_of.size());
        }
        offsets.assign(term_count + 1, 0);
        for (std::size_t t = 0; t < term_count; ++t) offsets[t + 1] = offsets[t] + df[t];
        postings.reserve(terms_of.size());
        graph::detail::huge_pages(postings.data(), postings.capacity() * sizeof(std::uint32_t));
        postings.resize(terms_of.size());
        std::vector<std::uint32_t> cursor(offsets.begin(), offsets.end() - 1);
        std::uint32_t b = 0;
        for (std::uint32_t q = 0; q < n; ++q) {
            for (std::uint32_t k = b; k < ends[q]; ++k) postings[cursor[terms_of[k]]++] = q;
            b = ends[q];
        }
    }

    std::vector<speaker_answer> ask(std::string_view text) const {
        const auto question = sim->prepare(text);
        // the question's distinct known stems, rarest first
        std::vector<std::pair<std::uint32_t, std::uint32_t>> terms;  // (document frequency, term)
        std::size_t content = 0;
        for (const auto& w : question.words) {
            if (!w.is(match::prepared::content)) continue;
            ++content;
            const auto t = find(match::stem_hash(sim->lexeme_at(w.lexeme).stem));
            if (t == UINT32_MAX) continue;
            const std::uint32_t df = offsets[t + 1] - offsets[t];
            if (std::find(terms.begin(), terms.end(), std::make_pair(df, t)) == terms.end()) terms.emplace_back(df, t);
        }
        if (terms.empty()) return {};
        std::sort(terms.begin(), terms.end());
        const double n = static_cast<double>(signatures.size()) + 1;
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
        // the candidates with the weight of the stems that proposed them
        // (terms[0, proposing)), ascending by occurrence
        pool.clear();
        std::size_t proposing = 1;
        const auto [b0, e0] = postings_of(terms[0].second);
        if (terms.size() > 1 && terms[0].first > opt.common_stem) {
            // a question of common words only: the candidates are the quotes
            // that hold its rarest stems together (two, or more while too many)
            std::vector<std::uint32_t> all(b0, e0), next;
            float shared = w[0];
            for (; proposing < terms.size() && all.size() > enough; ++proposing) {
                const auto [b, e] = postings_of(terms[proposing].second);
                next.clear();
                gallop(all, [](std::uint32_t q) { return q; }, b, e, [&](std::uint32_t q) { next.push_back(q); });
                if (next.empty()) break;
                all.swap(next);
                shared += w[proposing];
            }
            for (const auto q : all) pool.push_back({shared, q, 0});
        } else {
            // new candidates come from the rarest stems, until there are
            // enough of them to choose the best from; a common stem only adds
            // to the weight of the candidates rarer ones found
            for (auto p = b0; p != e0; ++p) pool.push_back({w[0], *p, 0});
            for (; proposing < terms.size(); ++proposing) {
                const std::size_t k = proposing;
                if (terms[k].first > opt.common_stem || pool.size() >= enough || rest[k] * (1 + 1e-4) < needed) break;
                auto [p, e] = postings_of(terms[k].second);
                next_pool.clear();
                auto f = pool.begin();
                while (f != pool.end() || p != e) {
                    if (p == e || (f != pool.end() && f->q < *p)) next_pool.push_back(*f++);
                    else if (f == pool.end() || *p < f->q) next_pool.push_back({w[k], *p++, 0});
                    else next_pool.push_back({(f++)->shared + w[k], *p++, 0});
                }
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
            if (i + 48 < pool.size()) __builtin_prefetch(&signatures[pool[i + 48].q]);
            auto& c = pool[i];
            const std::uint64_t sig = signatures[c.q] & later;
            for (std::size_t k = proposing; k < terms.size() && k < 64; ++k)
                if (sig & term_bit(terms[k].second)) c.maybe |= std::uint64_t{1} << k;
        }
        // A common stem's weight is added to the candidates that hold it (a
        // gallop through its postings), stem after stem. Before each, a
        // candidate that cannot reach `needed`, or the weight that
        // `opt.candidates` others already have (each of the best has at
        // least that), is dropped: it would never be verified.
        for (std::size_t k = proposing;; ++k) {
            float floor = 0;
            if (pool.size() > opt.candidates && opt.candidates > 0) {
                so_far.resize(pool.size());
                std::transform(pool.begin(), pool.end(), so_far.begin(), [](const candidate& c) { return c.shared; });
                const auto at = so_far.begin() + static_cast<std::ptrdiff_t>(opt.candidates - 1);
                std::nth_element(so_far.begin(), at, so_far.end(), std::greater<>());
                floor = *at;
            }
            std::erase_if(pool, [&](const candidate& c) {
                const float at_most = most(c, k);
                return at_most < floor || at_most < needed;
            });
            if (k == terms.size() || pool.empty()) break;
            const auto [b, e] = postings_of(terms[k].second);
            gallop(pool, [](const candidate& c) { return c.q; }, b, e, [&](candidate& c) { c.shared += w[k]; });
        }
        const std::size_t keep = std::min(opt.candidates, pool.size());
        std::partial_sort(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(keep), pool.end(),
                          [](const candidate& a, const candidate& b) { return a.shared != b.shared ? a.shared > b.shared : a.q < b.q; });
        const auto& ranked = pool;

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
std::size_t who_said_index::terms() const noexcept { return impl_->term_count; }
std::size_t who_said_index::memory_bytes() const noexcept {
    const auto& s = *impl_;
    return (s.keys.capacity() + s.signatures.capacity()) * 8 + (s.ids.capacity() + s.offsets.capacity() + s.postings.capacity()) * 4;
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
