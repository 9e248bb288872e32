// A reader of WordNet 3.0's data.{noun,verb,adj,adv} and *.exc files into
// compact sorted arrays: one string arena of lemmas, and for each lemma its
// synsets and the synsets one pointer away, as ranges of flat vectors. Or,
// opened rather than loaded, the same answers looked up on demand in the
// memory-mapped files: index.* and *.exc are sorted, so a word is a binary
// search away, and its synsets' pointers are read at their byte offsets.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quotetrace/match.hpp"
#include "mapped_file.hpp"
#include "sorted.hpp"

namespace quotetrace::match {
namespace {

constexpr std::uint32_t pos_shift = 30;
constexpr const char* pos_names[4] = {"noun", "verb", "adj", "adv"};

int pos_code(char ss_type) {
    switch (ss_type) {
        case 'n': return 0;
        case 'v': return 1;
        case 'a':
        case 's': return 2;
        case 'r': return 3;
        default: return -1;
    }
}

// Pointers whose target counts as "one hop": similar to, derivationally
// related, pertainym, participle, also see, verb group, attribute, hypernym.
bool hop_pointer(std::string_view sym) {
    return sym == "&" || sym == "+" || sym == "\\" || sym == "<" || sym == "^" || sym == "$" || sym == "=" ||
           sym == "@";
}

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) return false;
    out.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(out.data(), size);
    return static_cast<bool>(in);
}

// Splits a line into space-separated fields without allocating.
class fields {
public:
    explicit fields(std::string_view line) : s_(line) {}
    bool next(std::string_view& f) {
        while (i_ < s_.size() && s_[i_] == ' ') ++i_;
        if (i_ >= s_.size()) return false;
        const std::size_t b = i_;
        while (i_ < s_.size() && s_[i_] != ' ') ++i_;
        f = s_.substr(b, i_ - b);
        return true;
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;
};

bool parse_uint(std::string_view f, int base, std::uint32_t& v) {
    if (f.empty() || f.size() > 9) return false;
    v = 0;
    for (const char c : f) {
        int d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return false;
        v = v * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(d);
    }
    return true;
}

// WordNet's spelling of a lemma to ours: lower case, spaces for underscores,
// no adjective position marker ("important(a)").
void append_lemma(std::string& arena, std::string_view w) {
    if (const auto p = w.find('('); p != std::string_view::npos && w.ends_with(")")) w = w.substr(0, p);
    for (const char c : w) {
        if (c == '_') arena.push_back(' ');
        else if (c >= 'A' && c <= 'Z') arena.push_back(static_cast<char>(c - 'A' + 'a'));
        else arena.push_back(c);
    }
}

std::vector<std::uint32_t> merge_unique(std::vector<std::uint32_t> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

using detail::intersects;

// The line of a file sorted by first field (index.*, *.exc) whose first
// field is `key`, or empty. Lines that open with a space (the licence
// header) sort before every word.
std::string_view find_line(std::string_view file, std::string_view key) {
    std::size_t lo = 0, hi = file.size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        std::size_t b = mid;
        while (b > lo && file[b - 1] != '\n') --b;
        std::size_t e = file.find('\n', b);
        if (e == std::string_view::npos) e = file.size();
        const std::string_view line = file.substr(b, e - b);
        const std::string_view first = line.substr(0, line.find(' '));
        const int c = line.empty() || line[0] == ' ' ? -1 : first.compare(key);
        if (c == 0) return line;
        if (c < 0) lo = e + 1;
        else hi = b;
    }
    return {};
}

// Our spelling of a lemma to WordNet's file key: underscores for spaces.
std::string file_key(std::string_view lemma) {
    std::string k(lemma);
    std::replace(k.begin(), k.end(), ' ', '_');
    return k;
}

}  // namespace

struct wordnet::impl {
    // opened, not loaded: the files themselves, per part of speech
    struct files {
        std::unique_ptr<detail::mapped_file> index[4], data[4], exc[4];
    };
    std::unique_ptr<files> lazy;

    std::string arena;                      // every lemma, back to back
    std::vector<std::uint32_t> lemma_off;   // per lemma (sorted by text): offset in arena; one extra at the end
    std::vector<std::uint8_t> lemma_pos;    // per lemma: bit p set when it has a sense of part of speech p
    std::vector<std::uint32_t> sense_begin; // per lemma: range in senses; one extra at the end
    std::vector<std::uint32_t> senses;
    std::vector<std::uint32_t> hop_begin;   // per lemma: range in hops; one extra at the end
    std::vector<std::uint32_t> hops;
    std::size_t synsets = 0;
    // exception lists: inflected form -> base, per part of speech, sorted
    std::vector<std::pair<std::string, std::string>> exceptions[4];

    std::string_view lemma(std::size_t i) const {
        return std::string_view(arena).substr(lemma_off[i], lemma_off[i + 1] - lemma_off[i]);
    }
    // whether WordNet lists the lemma (of part of speech `pos`, or of any)
    bool known(std::string_view w) const {
        if (lazy) {
            const auto k = file_key(w);
            for (int pos = 0; pos < 4; ++pos)
                if (!find_line(lazy->index[pos]->text(), k).empty()) return true;
            return false;
        }
        return find(w) >= 0;
    }
    bool has(std::string_view w, int pos) const {
        if (lazy) return !find_line(lazy->index[pos]->text(), file_key(w)).empty();
        const long i = find(w);
        return i >= 0 && (lemma_pos[static_cast<std::size_t>(i)] & (1u << pos));
    }
    // the bases the exception list of `pos` gives for an inflected form
    template <typename F>
    void each_exception(int pos, const std::string& w, F&& f) const {
        if (lazy) {
            fields fs(find_line(lazy->exc[pos]->text(), file_key(w)));
            std::string_view form, base;
            if (!fs.next(form)) return;
            while (fs.next(base)) {
                std::string b;
                append_lemma(b, base);
                f(b);
            }
            return;
        }
        const auto& exc = exceptions[pos];
        auto it = std::lower_bound(exc.begin(), exc.end(), w,
                                   [](const auto& e, const std::string& k) { return e.first < k; });
        for (; it != exc.end() && it->first == w; ++it) f(it->second);
    }
    void senses_of(std::string_view lemma, std::vector<std::uint32_t>& out) const;
    void hops_of(std::string_view lemma, std::vector<std::uint32_t>& out) const;

    // index of the lemma, or -1
    long find(std::string_view w) const {
        std::size_t lo = 0, hi = lemma_off.empty() ? 0 : lemma_off.size() - 1;
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            if (lemma(mid) < w) lo = mid + 1;
            else hi = mid;
        }
        return lo < lemma_off.size() - 1 && lemma(lo) == w ? static_cast<long>(lo) : -1;
    }
    std::vector<std::string> bases(std::string_view word) const;
};

void wordnet::impl::senses_of(std::string_view lemma, std::vector<std::uint32_t>& out) const {
    if (!lazy) {
        const auto i = static_cast<std::size_t>(find(lemma));
        out.insert(out.end(), senses.begin() + sense_begin[i], senses.begin() + sense_begin[i + 1]);
        return;
    }
    const auto k = file_key(lemma);
    for (int pos = 0; pos < 4; ++pos) {
        // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
        fields f(find_line(lazy->index[pos]->text(), k));
        std::string_view w, p, n, pc, v;
        std::uint32_t count = 0, pointers = 0, offset = 0;
        if (!f.next(w) || !f.next(p) || !f.next(n) || !f.next(pc) || !parse_uint(n, 10, count) ||
            !parse_uint(pc, 10, pointers))
            continue;
        for (std::uint32_t j = 0; j < pointers + 2; ++j) f.next(v);
        for (std::uint32_t j = 0; j < count && f.next(v); ++j)
            if (parse_uint(v, 10, offset)) out.push_back((static_cast<std::uint32_t>(pos) << pos_shift) | offset);
    }
}

void wordnet::impl::hops_of(std::string_view lemma, std::vector<std::uint32_t>& out) const {
    if (!lazy) {
        const auto i = static_cast<std::size_t>(find(lemma));
        out.insert(out.end(), hops.begin() + hop_begin[i], hops.begin() + hop_begin[i + 1]);
        return;
    }
    std::vector<std::uint32_t> own;
    senses_of(lemma, own);
    std::string spelled;
    for (const std::uint32_t id : own) {
        const std::string_view data = lazy->data[id >> pos_shift]->text();
        const std::size_t at = id & ((1u << pos_shift) - 1);
        if (at >= data.size()) continue;
        const std::size_t end = data.find('\n', at);
        const std::string_view line = data.substr(at, (end == std::string_view::npos ? data.size() : end) - at);
        fields f(line.substr(0, line.find(" | ")));
        std::string_view fo, lex, type, cnt, pc;
        std::uint32_t w_cnt = 0, p_cnt = 0;
        if (!f.next(fo) || !f.next(lex) || !f.next(type) || !f.next(cnt) || !parse_uint(cnt, 16, w_cnt)) continue;
        std::uint64_t mine = 0;  // bit k: the synset's word k + 1 is this lemma
        for (std::uint32_t k = 0; k < w_cnt; ++k) {
            std::string_view w, lex_id;
            if (!f.next(w) || !f.next(lex_id)) break;
            spelled.clear();
            append_lemma(spelled, w);
            if (spelled == lemma && k < 63) mine |= std::uint64_t{1} << (k + 1);
        }
        if (!f.next(pc) || !parse_uint(pc, 10, p_cnt)) continue;
        for (std::uint32_t k = 0; k < p_cnt; ++k) {
            std::string_view sym, to, tpos, st;
            std::uint32_t target = 0, source_target = 0;
            if (!f.next(sym) || !f.next(to) || !f.next(tpos) || !f.next(st) || !parse_uint(to, 10, target) ||
                tpos.size() != 1 || pos_code(tpos[0]) < 0 || !parse_uint(st, 16, source_target))
                break;
            if (!hop_pointer(sym)) continue;
            const std::uint32_t source = source_target >> 8;
            if (source == 0 || (source < 64 && (mine >> source) & 1))
                out.push_back((static_cast<std::uint32_t>(pos_code(tpos[0])) << pos_shift) | target);
        }
    }
}

// Morphy: the word itself, its exception-list bases, then the detachment
// rules of each part of speech, kept when the result is a lemma of that part.
std::vector<std::string> wordnet::impl::bases(std::string_view raw) const {
    std::string w(raw);
    for (auto& c : w) {
        if (c == '_') c = ' ';
        else if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    std::vector<std::string> out;
    auto add = [&](std::string s) {
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    };
    if (known(w)) add(w);
    static const std::pair<const char*, const char*> rules[4][8] = {
        {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
         {"ies", "y"}},
        {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
        {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}, {nullptr, nullptr}, {nullptr, nullptr},
         {nullptr, nullptr}, {nullptr, nullptr}},
        {{nullptr, nullptr}},
    };
    for (int pos = 0; pos < 4; ++pos) {
        each_exception(pos, w, [&](const std::string& base) {
            if (known(base)) add(base);
        });
        for (const auto& [suf, rep] : rules[pos]) {
            if (!suf) break;
            const std::size_t n = std::strlen(suf);
            if (w.size() <= n + 1 || w.compare(w.size() - n, n, suf) != 0) continue;
            std::string cand = w.substr(0, w.size() - n) + rep;
            if (has(cand, pos)) add(std::move(cand));
        }
        // doubled final consonant: "stopped" -> "stop", "planning" -> "plan"
        if (pos == 1) {
            for (const char* suf : {"ed", "ing"}) {
                const std::size_t n = std::strlen(suf);
                if (w.size() > n + 2 && w.compare(w.size() - n, n, suf) == 0 &&
                    w[w.size() - n - 1] == w[w.size() - n - 2]) {
                    std::string cand = w.substr(0, w.size() - n - 1);
                    if (has(cand, pos)) add(std::move(cand));
                }
            }
        }
    }
    return out;
}

wordnet::wordnet() : impl_(std::make_shared<impl>()) {}
wordnet::~wordnet() = default;
wordnet::wordnet(wordnet&&) noexcept = default;
wordnet& wordnet::operator=(wordnet&&) noexcept = default;

std::string wordnet::default_dir() {
    if (const char* env = std::getenv("QUOTETRACE_WORDNET"); env && *env) return env;
    return "/usr/share/wordnet";
}

wordnet wordnet::load(const std::string& dir) {
    auto m = std::make_shared<impl>();
    // one record per (word, synset); hops refer to the record of their source word
    struct word_rec {
        std::uint32_t off, len, synset;
    };
    struct hop_rec {
        std::uint32_t word;  // index into words
        std::uint32_t target;
    };
    std::vector<word_rec> words;
    std::vector<hop_rec> hops;
    words.reserve(220000);
    hops.reserve(700000);
    m->arena.reserve(2'400'000);

    std::string text;
    for (int pos = 0; pos < 4; ++pos) {
        const std::string path = dir + "/data." + pos_names[pos];
        if (!read_file(path, text))
            throw error("wordnet.missing",
                        path + ": WordNet data file not found or unreadable (apt-get install wordnet-base, "
                               "or set QUOTETRACE_WORDNET)");
        std::size_t line_no = 0;
        for (std::size_t b = 0; b < text.size();) {
            std::size_t e = text.find('\n', b);
            if (e == std::string::npos) e = text.size();
            const std::string_view line(text.data() + b, e - b);
            b = e + 1;
            ++line_no;
            if (line.empty() || line[0] == ' ') continue;  // licence header
            auto bad = [&](const char* what) {
                return error("wordnet.syntax", path + ":" + std::to_string(line_no) + ": " + what);
            };
            fields f(line.substr(0, line.find(" | ")));
            std::string_view fo, lex, type, cnt;
            std::uint32_t offset = 0, w_cnt = 0, p_cnt = 0;
            if (!f.next(fo) || !f.next(lex) || !f.next(type) || !f.next(cnt) || !parse_uint(fo, 10, offset) ||
                type.size() != 1 || pos_code(type[0]) < 0 || !parse_uint(cnt, 16, w_cnt))
                throw bad("malformed synset header");
            const std::uint32_t id = (static_cast<std::uint32_t>(pos) << pos_shift) | offset;
            const auto first_word = static_cast<std::uint32_t>(words.size());
            for (std::uint32_t k = 0; k < w_cnt; ++k) {
                std::string_view w, lex_id;
                if (!f.next(w) || !f.next(lex_id)) throw bad("fewer words than the count says");
                const auto off = static_cast<std::uint32_t>(m->arena.size());
                append_lemma(m->arena, w);
                words.push_back({off, static_cast<std::uint32_t>(m->arena.size()) - off, id});
            }
            std::string_view pc;
            if (!f.next(pc) || !parse_uint(pc, 10, p_cnt)) throw bad("missing pointer count");
            for (std::uint32_t k = 0; k < p_cnt; ++k) {
                std::string_view sym, to, tpos, st;
                std::uint32_t target = 0, source_target = 0;
                if (!f.next(sym) || !f.next(to) || !f.next(tpos) || !f.next(st) || !parse_uint(to, 10, target) ||
                    tpos.size() != 1 || pos_code(tpos[0]) < 0 || !parse_uint(st, 16, source_target))
                    throw bad("malformed pointer");
                if (!hop_pointer(sym)) continue;
                const std::uint32_t tid = (static_cast<std::uint32_t>(pos_code(tpos[0])) << pos_shift) | target;
                const std::uint32_t source = source_target >> 8;
                if (source == 0) {  // semantic pointer: from every word of the synset
                    for (std::uint32_t wi = first_word; wi < words.size(); ++wi) hops.push_back({wi, tid});
                } else if (source <= w_cnt) {  // lexical pointer: from one word
                    hops.push_back({first_word + source - 1, tid});
                }
            }
            ++m->synsets;
        }
    }

    // lemmas sorted by text, each with its senses and hops
    const std::string_view arena(m->arena);
    auto text_of = [&](const word_rec& r) { return arena.substr(r.off, r.len); };
    // the first eight bytes as a big-endian number decide most comparisons
    std::vector<std::uint64_t> prefix(words.size());
    for (std::size_t k = 0; k < words.size(); ++k) {
        const auto t = text_of(words[k]);
        std::uint64_t key = 0;
        for (std::size_t c = 0; c < 8; ++c) key = (key << 8) | (c < t.size() ? static_cast<unsigned char>(t[c]) : 0u);
        prefix[k] = key;
    }
    std::vector<std::uint32_t> order(words.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (prefix[a] != prefix[b]) return prefix[a] < prefix[b];
        const auto ta = text_of(words[a]), tb = text_of(words[b]);
        return ta != tb ? ta < tb : words[a].synset < words[b].synset;
    });
    std::vector<std::uint32_t> lemma_of(words.size());
    std::string packed;
    packed.reserve(m->arena.size() / 2);
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto& r = words[order[k]];
        if (k == 0 || text_of(r) != text_of(words[order[k - 1]])) {
            m->lemma_off.push_back(static_cast<std::uint32_t>(packed.size()));
            packed.append(text_of(r));
            m->lemma_pos.push_back(0);
            m->sense_begin.push_back(static_cast<std::uint32_t>(m->senses.size()));
        }
        const auto li = static_cast<std::uint32_t>(m->lemma_off.size() - 1);
        lemma_of[order[k]] = li;
        if (m->senses.size() == m->sense_begin.back() || m->senses.back() != r.synset) m->senses.push_back(r.synset);
        m->lemma_pos[li] = static_cast<std::uint8_t>(m->lemma_pos[li] | (1u << (r.synset >> pos_shift)));
    }
    m->lemma_off.push_back(static_cast<std::uint32_t>(packed.size()));
    m->sense_begin.push_back(static_cast<std::uint32_t>(m->senses.size()));
    m->arena = std::move(packed);

    std::vector<std::pair<std::uint32_t, std::uint32_t>> lh;
    lh.reserve(hops.size());
    for (const auto& h : hops) lh.emplace_back(lemma_of[h.word], h.target);
    std::sort(lh.begin(), lh.end());
    lh.erase(std::unique(lh.begin(), lh.end()), lh.end());
    const std::size_t n = m->lemma_off.size() - 1;
    m->hop_begin.assign(n + 1, 0);
    m->hops.reserve(lh.size());
    std::size_t k = 0;
    for (std::size_t li = 0; li < n; ++li) {
        m->hop_begin[li] = static_cast<std::uint32_t>(m->hops.size());
        for (; k < lh.size() && lh[k].first == li; ++k) m->hops.push_back(lh[k].second);
    }
    m->hop_begin[n] = static_cast<std::uint32_t>(m->hops.size());

    // exception lists are optional: without them only the rules apply
    for (int pos = 0; pos < 4; ++pos) {
        if (!read_file(dir + "/" + pos_names[pos] + ".exc", text)) continue;
        auto& exc = m->exceptions[pos];
        std::istringstream in(text);
        std::string line;
        while (std::getline(in, line)) {
            fields f(line);
            std::string_view form, base;
            if (!f.next(form)) continue;
            std::string key;
            append_lemma(key, form);
            while (f.next(base)) {
                std::string value;
                append_lemma(value, base);
                exc.emplace_back(key, std::move(value));
            }
        }
        std::sort(exc.begin(), exc.end());
    }
    wordnet out;
    out.impl_ = std::move(m);
    return out;
}

wordnet wordnet::open(const std::string& dir) {
    auto m = std::make_shared<impl>();
    m->lazy = std::make_unique<impl::files>();
    for (int pos = 0; pos < 4; ++pos) {
        for (const auto& [slot, name] : {std::pair{&m->lazy->index[pos], std::string("/index.")},
                                         std::pair{&m->lazy->data[pos], std::string("/data.")}}) {
            const std::string path = dir + name + pos_names[pos];
            *slot = std::make_unique<detail::mapped_file>(path);
            if (!(*slot)->ok())
                throw error("wordnet.missing",
                            path + ": WordNet file not found or unreadable (apt-get install wordnet-base, "
                                   "or set QUOTETRACE_WORDNET)");
        }
        // exception lists are optional: without them only the rules apply
        m->lazy->exc[pos] = std::make_unique<detail::mapped_file>(dir + "/" + pos_names[pos] + ".exc");
    }
    wordnet out;
    out.impl_ = std::move(m);
    return out;
}

bool wordnet::empty() const noexcept { return !impl_->lazy && impl_->lemma_off.size() < 2; }
std::size_t wordnet::lemma_count() const noexcept {
    return impl_->lemma_off.empty() ? 0 : impl_->lemma_off.size() - 1;
}
std::size_t wordnet::synset_count() const noexcept { return impl_->synsets; }

std::vector<std::string> wordnet::lemmas(std::string_view word) const {
    if (empty()) return {};
    return impl_->bases(word);
}

std::vector<std::uint32_t> wordnet::synsets(std::string_view word) const {
    std::vector<std::uint32_t> out;
    if (empty()) return out;
    for (const auto& l : impl_->bases(word)) impl_->senses_of(l, out);
    return merge_unique(std::move(out));
}

std::vector<std::uint32_t> wordnet::neighbours(std::string_view word) const {
    std::vector<std::uint32_t> out;
    if (empty()) return out;
    for (const auto& l : impl_->bases(word)) impl_->hops_of(l, out);
    return merge_unique(std::move(out));
}

bool wordnet::synonyms(std::string_view a, std::string_view b) const { return intersects(synsets(a), synsets(b)); }

bool wordnet::related(std::string_view a, std::string_view b) const {
    const auto sa = synsets(a), sb = synsets(b);
    return intersects(sa, sb) || intersects(sa, neighbours(b)) || intersects(neighbours(a), sb);
}

}  // namespace quotetrace::match
