// Statements: online clustering of quotes. MinHash bands over each quote's
// content stems propose candidates from an append-only hash table; every
// candidate is verified with the calibrated similarity (or the containment
// of a short quote in a longer one) before the new quote joins its
// statements. Nothing compares all pairs.
#include <algorithm>
#include <limits>

#include "quotetrace/match.hpp"
#include "sorted.hpp"

namespace quotetrace::match {
namespace {

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// An append-only multimap from 64-bit band keys to entry numbers: entries
// chain through `next`, slots hold the newest entry of a key's chain.
class band_table {
public:
    void insert(std::uint64_t key) {
        if (keys_.size() + 1 > slots_.size() / 2) grow();
        const auto e = static_cast<std::uint32_t>(keys_.size());
        keys_.push_back(key);
        std::size_t s = slot_of(key);
        next_.push_back(slots_[s]);
        slots_[s] = e;
    }
    // Calls f(entry) for every entry with this key, newest first.
    template <class F>
    void for_each(std::uint64_t key, F&& f) const {
        if (slots_.empty()) return;
        for (std::uint32_t e = slots_[slot_of(key)]; e != none; e = next_[e])
            if (keys_[e] == key) f(e);
    }
private:
    std::size_t slot_of(std::uint64_t key) const { return static_cast<std::size_t>(key) & (slots_.size() - 1); }
    void grow() {
        slots_.assign(std::max<std::size_t>(1024, slots_.size() * 2), none);
        for (std::uint32_t e = 0; e < keys_.size(); ++e) {
            const std::size_t s = slot_of(keys_[e]);
            next_[e] = slots_[s];
            slots_[s] = e;
        }
    }

    std::vector<std::uint64_t> keys_;
    std::vector<std::uint32_t> next_;
    std::vector<std::uint32_t> slots_;
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
    };
    std::vector<kept> quotes;
    std::vector<std::uint32_t> memberships;  // statement ids, ranges per kept quote
    band_table table;
    std::vector<std::string> speakers;  // per statement
    std::string last_document;
    std::uint32_t document = 0;         // number of the current document
    std::size_t added = 0, verified = 0;

    // per-call scratch
    std::vector<std::uint32_t> votes;
    std::vector<std::uint32_t> touched;

    std::vector<std::uint64_t> band_keys(const std::vector<std::uint32_t>& stems) const {
        const auto rows = opt.lsh.rows, bands = opt.lsh.bands;
        std::vector<std::uint64_t> keys(bands);
        for (std::uint32_t b = 0; b < bands; ++b) {
            std::uint64_t key = mix(b + opt.lsh.seed);
            for (std::uint32_t r = 0; r < rows; ++r) {
                std::uint64_t least = std::numeric_limits<std::uint64_t>::max();
                const std::uint64_t s = seeds[b * rows + r];
                for (const auto st : stems) least = std::min(least, mix(st ^ s));
                key = mix(key ^ least);
            }
            keys[b] = key;
        }
        return keys;
    }

    std::vector<std::uint32_t> content_stems(const prepared& p) const {
        std::vector<std::uint32_t> out;
        for (const auto& w : p.words)
            if (w.is(prepared::content)) out.push_back(sim->lexeme_at(w.lexeme).stem_id);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    std::size_t content_words(const prepared& p) const {
        std::size_t n = 0;
        for (const auto& w : p.words) n += w.is(prepared::content);
        return n;
    }

    // How surely the new quote `q` says what kept quote `c` says: the
    // similarity when it passes the threshold that applies, the containment
    // when a short quote sits inside a longer one, else 0.
    double same(const prepared& q, const std::vector<std::uint32_t>& q_stems, const kept& c, bool attributed,
                bool same_document, bool& copy) {
        const std::size_t common = detail::shared_count(q_stems, c.stems);
        const std::size_t smaller = std::min(q_stems.size(), c.stems.size());
        // fewer than a quarter of the smaller side's stems in common: no
        // paraphrase gets there on synonyms alone
        if (common == 0 || common * 4 < smaller) return 0;
        ++verified;
        const double s = sim->score(q, c.words);
        copy = common == q_stems.size() && common == c.stems.size() && s >= 0.95;
        const double calibrated = sim->calib().threshold;
        const double speaker_prior = opt.same_speaker_threshold < 0 ? calibrated : opt.same_speaker_threshold;
        if (s >= (attributed && !same_document ? speaker_prior : opt.unattributed_threshold)) return s;
        if (!attributed) return 0;
        const bool q_shorter = q_stems.size() <= c.stems.size();
        const prepared& part = q_shorter ? q : c.words;
        const prepared& whole = q_shorter ? c.words : q;
        if (content_words(part) < opt.containment_words) return 0;
        const double inside = sim->contained(part, whole);
        return inside >= opt.containment_coverage ? inside : 0;
    }

    static std::size_t sentence_count(const prepared& p) {
        return p.words.empty() ? 0 : static_cast<std::size_t>(p.words.back().sentence) + 1;
    }

    std::vector<std::uint32_t> add(std::string_view text, std::string_view speaker, std::string_view doc) {
        ++added;
        if (added == 1 || doc != last_document) {
            if (added > 1) ++document;
            last_document = doc;
        }
        prepared p = sim->prepare(text);
        auto stems = content_stems(p);
        std::vector<std::uint64_t> keys;
        std::vector<std::uint32_t> linked;
        bool copy_of_kept = false;
        std::vector<std::pair<double, std::uint32_t>> matches;  // (strength, statement)
        const bool single = sentence_count(p) < 2;
        if (content_words(p) >= opt.min_content_words) {
            keys = band_keys(stems);
            // candidates with the number of bands they agree on
            if (votes.size() < quotes.size()) votes.resize(quotes.size(), 0);
            touched.clear();
            for (const auto key : keys)
                table.for_each(key, [&](std::uint32_t e) {
                    const std::uint32_t k = e / opt.lsh.bands;
                    if (votes[k]++ == 0) touched.push_back(k);
                });
            std::vector<std::pair<std::uint32_t, std::uint32_t>> cands;  // (votes, kept index)
            cands.reserve(touched.size());
            for (const auto k : touched) {
                cands.emplace_back(votes[k], k);
                votes[k] = 0;
            }
            std::sort(cands.begin(), cands.end(), [](const auto& x, const auto& y) {
                return x.first != y.first ? x.first > y.first : x.second < y.second;
            });
            std::size_t tried = 0;
            for (const auto& [v, k] : cands) {
                if (tried >= opt.max_verified) break;
                const kept& c = quotes[k];
                // the statements of c this quote could join
                std::vector<std::uint32_t> open;
                bool attributed = !speaker.empty();
                for (std::uint32_t m = c.statements_begin; m < c.statements_end; ++m) {
                    const auto st = memberships[m];
                    if (std::any_of(matches.begin(), matches.end(), [st](const auto& m) { return m.second == st; }))
                        continue;
                    const auto& who = speakers[st];
                    if (!speaker.empty() && !who.empty() && who != speaker) continue;
                    if (who.empty()) attributed = false;
                    open.push_back(st);
                }
                if (open.empty()) continue;
                ++tried;
                bool copy = false;
                const double strength = same(p, stems, c, attributed, c.document == document, copy);
                if (strength <= 0) continue;
                copy_of_kept = copy_of_kept || copy;
                for (const auto st : open) matches.emplace_back(strength, st);
                // a sure match of a one-sentence quote ends the search
                if (single && strength >= opt.sure) break;
            }
        }
        // A quote of one sentence reports one utterance: it joins the
        // statement it matches best. One of several sentences may hold
        // several, and joins each statement it matches.
        if (single && matches.size() > 1) {
            const auto best = *std::max_element(matches.begin(), matches.end());
            matches.assign(1, best);
        }
        for (const auto& m : matches) linked.push_back(m.second);
        if (linked.empty()) {
            linked.push_back(static_cast<std::uint32_t>(speakers.size()));
            speakers.emplace_back(speaker);
        } else {
            std::sort(linked.begin(), linked.end());
            linked.erase(std::unique(linked.begin(), linked.end()), linked.end());
            for (const auto st : linked)
                if (speakers[st].empty() && !speaker.empty()) speakers[st] = std::string(speaker);
        }
        // a quote with no content, or a copy of one kept, is found through that one
        if (!keys.empty() && !copy_of_kept) {
            const auto begin = static_cast<std::uint32_t>(memberships.size());
            memberships.insert(memberships.end(), linked.begin(), linked.end());
            quotes.push_back(
                {std::move(p), std::move(stems), begin, static_cast<std::uint32_t>(memberships.size()), document});
            for (const auto key : keys) table.insert(key);
        }
        return linked;
    }

    void restore(std::string_view text, std::string_view speaker, std::string_view doc,
                 const std::vector<std::uint32_t>& ids) {
        ++added;
        if (added == 1 || doc != last_document) {
            if (added > 1) ++document;
            last_document = doc;
        }
        for (const auto st : ids) {
            if (st >= speakers.size()) speakers.resize(std::size_t{st} + 1);
            if (speakers[st].empty() && !speaker.empty()) speakers[st] = std::string(speaker);
        }
        if (ids.empty()) return;
        prepared p = sim->prepare(text);
        if (content_words(p) < opt.min_content_words) return;
        auto stems = content_stems(p);
        const auto keys = band_keys(stems);
        const auto begin = static_cast<std::uint32_t>(memberships.size());
        memberships.insert(memberships.end(), ids.begin(), ids.end());
        quotes.push_back({std::move(p), std::move(stems), begin, static_cast<std::uint32_t>(memberships.size()), document});
        for (const auto key : keys) table.insert(key);
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
                              const std::vector<std::uint32_t>& statements) {
    impl_->restore(text, speaker, document, statements);
}

std::size_t statement_index::quotes() const noexcept { return impl_->added; }
std::size_t statement_index::statements() const noexcept { return impl_->speakers.size(); }
std::size_t statement_index::verified() const noexcept { return impl_->verified; }
const std::string& statement_index::speaker(std::uint32_t statement) const { return impl_->speakers.at(statement); }

}  // namespace quotetrace::match
