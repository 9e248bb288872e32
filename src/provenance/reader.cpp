// The provenance reader: which parts of a document are read, and the order
// in which the facts are found (the outlet first: citations of the outlet
// itself are no citations).
#include <algorithm>

#include "internal.hpp"

namespace quotetrace::provenance {

bool word_at(std::string_view t, std::size_t i, std::size_t end, std::string_view word) {
    if (i + word.size() > end || i + word.size() > t.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (text::lower_ascii(t[i + k]) != word[k]) return false;
    const std::size_t e = i + word.size();
    return e >= end || !text::is_letter_at(t, e);
}

std::vector<line> lines_to_read(std::string_view t, const std::vector<region>& regions) {
    std::vector<line> out;
    const std::size_t n = t.size();
    const std::size_t tail = n > tail_bytes ? n - tail_bytes : 0;
    for (const auto& r : regions) {
        const span w = r.where;
        const bool head = w.begin < head_bytes, in_tail = w.end > tail;
        const bool whole = r.kind == region_kind::body ? (head || in_tail) && w.size() <= 2 * paragraph_edge
                                                       : w.size() < short_line;
        if (whole) {
            out.push_back({w, r.kind, head});
            continue;
        }
        if (head) out.push_back({{w.begin, w.begin + paragraph_edge}, r.kind, true, false});
        if (in_tail) out.push_back({{w.end - paragraph_edge, w.end}, r.kind, false, false});
    }
    return out;
}

reader::reader(const std::string& grammar_dir) : reader(load_lexicon(grammar_dir), load_outlets(grammar_dir)) {}

reader::reader(const lexicon& lex, std::vector<outlet_entry> outlets)
    : impl_(new impl{clean::furniture(lex), gazetteer(std::move(outlets))}) {}

reader::~reader() = default;
reader::reader(reader&&) noexcept = default;
reader& reader::operator=(reader&&) noexcept = default;

facts reader::read(const document& doc) const {
    facts f;
    std::vector<region> own;
    if (doc.regions.empty()) own = impl_->furniture.regions(doc.text, doc.meta.title.value);
    const auto& regions = doc.regions.empty() ? own : doc.regions;
    const auto lines = lines_to_read(doc.text, regions);
    find_outlet(impl_->outlets, doc, lines, f);
    find_published(doc, lines, f);
    find_citations(impl_->outlets, doc.text, regions, f);
    // a document does not cite its own outlet, and names each source once
    // for each way it cites it
    std::vector<citation> kept;
    for (auto& c : f.citations) {
        if (f.outlet && c.source == f.outlet->value) continue;
        const bool seen = std::any_of(kept.begin(), kept.end(),
                                      [&](const citation& k) { return k.source == c.source && k.rule == c.rule; });
        if (!seen) kept.push_back(std::move(c));
    }
    std::stable_sort(kept.begin(), kept.end(),
                     [](const citation& a, const citation& b) { return a.where.begin < b.where.begin; });
    f.citations = std::move(kept);
    return f;
}

std::string reader::canonical(std::string_view name_or_domain) const {
    const auto k = impl_->outlets.lookup(name_or_domain);
    return k ? impl_->outlets[*k].name : std::string();
}

}  // namespace quotetrace::provenance
