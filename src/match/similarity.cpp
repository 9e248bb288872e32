// The similarity of two quotes: a greedy one-to-one alignment of their
// content words (stems, then WordNet synonyms and neighbours), weighted by
// rarity, summarised as a few features that a calibrated logistic function
// turns into a score; the best over whole quotes and single sentences.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "quotetrace/match.hpp"
#include "sorted.hpp"

namespace quotetrace::match {
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

// Dice coefficient of the n-grams of stems (frames left out) of two ranges.
double ngram_dice(const prepared& a, range ra, const prepared& b, range rb, std::size_t n) {
    auto grams = [n](const prepared& p, range r) {
        std::vector<std::string> g;
        std::vector<const std::string*> words;
        for (std::size_t k = r.begin; k < r.end; ++k)
            if (!p.tokens[k].frame) words.push_back(&p.tokens[k].stem);
        if (words.size() < n) return g;
        for (std::size_t k = 0; k + n <= words.size(); ++k) {
            std::string s;
            for (std::size_t m = 0; m < n; ++m) {
                if (m) s.push_back(' ');
                s += *words[k + m];
            }
            g.push_back(std::move(s));
        }
        std::sort(g.begin(), g.end());
        return g;
    };
    const auto ga = grams(a, ra), gb = grams(b, rb);
    if (ga.empty() && gb.empty()) return 0;
    std::size_t common = 0, i = 0, j = 0;
    while (i < ga.size() && j < gb.size()) {
        if (ga[i] == gb[j]) ++common, ++i, ++j;
        else if (ga[i] < gb[j]) ++i;
        else ++j;
    }
    return 2.0 * static_cast<double>(common) / static_cast<double>(ga.size() + gb.size());
}

// Longest common subsequence of the stems (frames left out), over the mean length.
double lcs_ratio(const prepared& a, range ra, const prepared& b, range rb) {
    std::vector<const std::string*> x, y;
    for (std::size_t k = ra.begin; k < ra.end; ++k)
        if (!a.tokens[k].frame) x.push_back(&a.tokens[k].stem);
    for (std::size_t k = rb.begin; k < rb.end; ++k)
        if (!b.tokens[k].frame) y.push_back(&b.tokens[k].stem);
    if (x.empty() || y.empty()) return 0;
    std::vector<std::size_t> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
    for (std::size_t i = 1; i <= x.size(); ++i) {
        for (std::size_t j = 1; j <= y.size(); ++j)
            cur[j] = *x[i - 1] == *y[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
        std::swap(prev, cur);
    }
    return 2.0 * static_cast<double>(prev[y.size()]) / static_cast<double>(x.size() + y.size());
}

// Word edit distance between the stem sequences (frames left out), over the longer length.
double edit_ratio(const prepared& a, range ra, const prepared& b, range rb) {
    std::vector<const std::string*> x, y;
    for (std::size_t k = ra.begin; k < ra.end; ++k)
        if (!a.tokens[k].frame) x.push_back(&a.tokens[k].stem);
    for (std::size_t k = rb.begin; k < rb.end; ++k)
        if (!b.tokens[k].frame) y.push_back(&b.tokens[k].stem);
    if (x.empty() && y.empty()) return 0;
    std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (*x[i - 1] == *y[j - 1] ? 0u : 1u)});
        std::swap(prev, cur);
    }
    return static_cast<double>(prev[y.size()]) / static_cast<double>(std::max(x.size(), y.size()));
}

std::size_t longest_increasing(const std::vector<std::size_t>& v) {
    std::vector<std::size_t> tails;
    for (const auto x : v) {
        auto it = std::lower_bound(tails.begin(), tails.end(), x);
        if (it == tails.end()) tails.push_back(x);
        else *it = x;
    }
    return tails.size();
}

}  // namespace

const std::vector<std::string>& feature_names() { return names; }

similarity::similarity(const canonicalizer& canon, const wordnet& wn, calibration cal)
    : canon_(&canon), wn_(&wn), cal_(std::move(cal)), w_(f_count, 0.0) {
    for (std::size_t k = 0; k < f_count; ++k)
        if (const auto it = cal_.weights.find(names[k]); it != cal_.weights.end()) w_[k] = it->second;
}

prepared similarity::prepare(std::string_view text) const {
    prepared p;
    p.tokens = canon_->tokens(text);
    const std::size_t n = p.tokens.size();
    p.weight.assign(n, 0.0);
    p.senses.resize(n);
    p.neighbours.resize(n);
    const double docs = cal_.documents;
    for (std::size_t k = 0; k < n; ++k) {
        const auto& t = p.tokens[k];
        if (!t.content) continue;
        if (docs > 0) {
            const auto it = cal_.df.find(t.stem);
            const double df = it == cal_.df.end() ? 0.0 : it->second;
            p.weight[k] = std::max(0.05, std::log((docs + 1.0) / (df + 0.5)));
        } else {
            p.weight[k] = 1.0;
        }
        if (!t.number) {
            p.senses[k] = wn_->synsets(t.surface);
            p.neighbours[k] = wn_->neighbours(t.surface);
        }
    }
    for (std::size_t b = 0; b < n;) {
        std::size_t e = b + 1;
        while (e < n && p.tokens[e].sentence == p.tokens[b].sentence) ++e;
        p.sentences.emplace_back(b, e);
        b = e;
    }
    return p;
}

namespace {

struct aligner {
    const prepared& a;
    const prepared& b;
    double syn, rel;

    // How much token j of b stands for token i of a: 1 for the same stem or
    // number, the synonym or neighbour credit through WordNet, else 0.
    double credit(std::size_t i, std::size_t j, bool& exact) const {
        const auto& ta = a.tokens[i];
        const auto& tb = b.tokens[j];
        exact = false;
        if (ta.number || tb.number) {
            exact = ta.number && tb.number && ta.surface == tb.surface;
            return exact ? 1.0 : 0.0;
        }
        if (ta.stem == tb.stem || ta.surface == tb.surface) {
            exact = true;
            return 1.0;
        }
        const auto& sa = a.senses[i];
        const auto& sb = b.senses[j];
        if (sa.empty() || sb.empty()) return 0.0;
        if (intersects(sa, sb)) return syn;
        if (rel > 0 && (intersects(sa, b.neighbours[j]) || intersects(a.neighbours[i], sb))) return rel;
        return 0.0;
    }

    std::vector<double> features(range ra, range rb) const {
        std::vector<double> f(f_count, 0.0);
        std::vector<std::size_t> ca, cb;
        for (std::size_t k = ra.begin; k < ra.end; ++k)
            if (a.tokens[k].content) ca.push_back(k);
        for (std::size_t k = rb.begin; k < rb.end; ++k)
            if (b.tokens[k].content) cb.push_back(k);

        struct cand {
            double value;
            double credit;
            double distance;
            std::uint32_t i, j;
            bool exact;
        };
        std::vector<cand> cands;
        for (std::uint32_t x = 0; x < ca.size(); ++x)
            for (std::uint32_t y = 0; y < cb.size(); ++y) {
                bool exact;
                const double c = credit(ca[x], cb[y], exact);
                if (c <= 0) continue;
                const double pa = ca.size() > 1 ? static_cast<double>(x) / static_cast<double>(ca.size() - 1) : 0;
                const double pb = cb.size() > 1 ? static_cast<double>(y) / static_cast<double>(cb.size() - 1) : 0;
                cands.push_back({c * 0.5 * (a.weight[ca[x]] + b.weight[cb[y]]), c, std::abs(pa - pb), x, y, exact});
            }
        std::sort(cands.begin(), cands.end(), [](const cand& p, const cand& q) {
            if (p.value != q.value) return p.value > q.value;
            if (p.distance != q.distance) return p.distance < q.distance;
            return p.i != q.i ? p.i < q.i : p.j < q.j;
        });
        std::vector<int> match_a(ca.size(), -1), match_b(cb.size(), -1);
        std::vector<double> got_a(ca.size(), 0), got_b(cb.size(), 0);
        std::vector<bool> exact_a(ca.size(), false), exact_b(cb.size(), false);
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
                const double w = p.weight[content[x]];
                w_all += w;
                w_got += w * got[x];
                n_got += got[x];
                if (exact[x]) w_exact += w;
                if (match[x] < 0 && p.tokens[content[x]].number) ++numbers_unmatched;
                if (match[x] < 0 && p.tokens[content[x]].capital) ++capitals_unmatched;
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

        std::vector<std::size_t> seq;
        for (std::size_t x = 0; x < ca.size(); ++x)
            if (match_a[x] >= 0) seq.push_back(static_cast<std::size_t>(match_a[x]));
        // share of the aligned words out of order (0 when fewer than two align)
        f[f_disorder] = seq.size() > 1 ? 1.0 - static_cast<double>(longest_increasing(seq)) /
                                                   static_cast<double>(seq.size())
                                       : 0.0;

        f[f_unigram] = ngram_dice(a, ra, b, rb, 1);
        f[f_bigram] = ngram_dice(a, ra, b, rb, 2);
        f[f_trigram] = ngram_dice(a, ra, b, rb, 3);
        f[f_number_mismatch] = numbers_unmatched > 0 ? 1.0 : 0.0;
        const auto na = static_cast<double>(ca.size()), nb = static_cast<double>(cb.size());
        f[f_length_ratio] = std::max(na, nb) > 0 ? std::min(na, nb) / std::max(na, nb) : 0;
        f[f_unmatched] = std::log1p((wa - ma) + (wb - mb));
        f[f_capital_mismatch] = std::min(capitals_unmatched, 3) / 3.0;
        int neg_a = 0, neg_b = 0;
        for (std::size_t k = ra.begin; k < ra.end; ++k) neg_a += a.tokens[k].negation;
        for (std::size_t k = rb.begin; k < rb.end; ++k) neg_b += b.tokens[k].negation;
        f[f_negation_mismatch] = (neg_a > 0) != (neg_b > 0) ? 1.0 : 0.0;
        f[f_coverage_uniform] = 0.5 * ((na > 0 ? ua / na : 0) + (nb > 0 ? ub / nb : 0));
        f[f_unmatched_max] = std::log1p(std::max(wa - ma, wb - mb));
        f[f_lcs] = lcs_ratio(a, ra, b, rb);
        f[f_length_log] = std::log1p(na + nb);
        f[f_edit] = edit_ratio(a, ra, b, rb);
        return f;
    }
};

std::size_t content_count(const prepared& p, std::pair<std::size_t, std::size_t> r) {
    std::size_t n = 0;
    for (std::size_t k = r.first; k < r.second; ++k) n += p.tokens[k].content;
    return n;
}

}  // namespace

std::vector<double> similarity::features(const prepared& a, const prepared& b) const {
    const aligner al{a, b, cal_.synonym_credit, cal_.related_credit};
    return al.features({0, a.tokens.size()}, {0, b.tokens.size()});
}

double similarity::score(const prepared& a, const prepared& b) const {
    const aligner al{a, b, cal_.synonym_credit, cal_.related_credit};
    auto logistic = [&](const std::vector<double>& f) {
        double z = cal_.bias;
        for (std::size_t k = 0; k < f_count; ++k) z += w_[k] * f[k];
        return 1.0 / (1.0 + std::exp(-z));
    };
    double best = logistic(al.features({0, a.tokens.size()}, {0, b.tokens.size()}));
    if (a.sentences.size() < 2 && b.sentences.size() < 2) return best;
    // a sentence of one against a sentence of the other, when both say enough
    constexpr std::size_t min_content = 3;
    for (const auto& sa : a.sentences) {
        if (content_count(a, sa) < min_content) continue;
        for (const auto& sb : b.sentences) {
            if (content_count(b, sb) < min_content) continue;
            best = std::max(best, logistic(al.features({sa.first, sa.second}, {sb.first, sb.second})));
        }
    }
    return best;
}

}  // namespace quotetrace::match
