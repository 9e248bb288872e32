// Occurrences coded into one byte stream, and read back one at a time.
#include "occurrences.hpp"

#include <algorithm>

#include "model.hpp"
#include "quotetrace/error.hpp"

namespace quotetrace::graph::detail {

void occurrence_column::reserve(std::size_t occurrences, std::size_t bytes) {
    at_.reserve(occurrences);
    bases_.reserve(occurrences / block + 1);
    huge_pages(at_.data(), at_.capacity() * sizeof(std::uint32_t));
    if (chunks_.empty()) open_chunk(std::min(bytes, chunk_bytes + chunk_bytes / 16));
}

void occurrence_column::open_chunk(std::size_t bytes) {
    chunks_.emplace_back();
    chunks_.back().reserve(bytes);
    huge_pages(chunks_.back().data(), chunks_.back().capacity());
}

void occurrence_column::add(const occurrence_view& o) {
    const std::size_t i = at_.size();
    if (i % block == 0) {
        // a block's records stay in one chunk; a full chunk is left as it is
        // (never copied to grow), and the next one is reserved whole
        if (chunks_.empty()) open_chunk(0);
        else if (chunks_.back().size() >= chunk_bytes) open_chunk(chunk_bytes + chunk_bytes / 16);
        bases_.push_back((chunks_.size() - 1) << 40 | chunks_.back().size());
    }
    auto& code_ = chunks_.back();
    const std::uint64_t from_base = code_.size() - (bases_.back() & offset_mask);
    if (from_base > UINT32_MAX) throw error("graph.too_large", "more than 4 GB of words in 4,096 occurrences");
    at_.push_back(static_cast<std::uint32_t>(from_base));
    code_.push_back(static_cast<char>(o.kind));
    const auto begin = static_cast<std::uint32_t>(o.where.begin), end = static_cast<std::uint32_t>(o.where.end);
    put_varint(code_, begin);
    // a span may end before it begins (a damaged store): zigzag keeps the sign
    const std::int64_t length = std::int64_t{end} - std::int64_t{begin};
    put_varint(code_, length >= 0 ? static_cast<std::uint64_t>(length) << 1 : (static_cast<std::uint64_t>(-length) << 1) - 1);
    put_varint(code_, pack_date(o.said));
    words_.encode(o.text, code_);
    words_.encode(o.said_words, code_);
    stems_.encode(o.stems, code_);
}

void occurrence_column::seal() {
    words_.seal();
    stems_.seal();
    if (!chunks_.empty() && chunks_.back().capacity() > chunks_.back().size() + chunks_.back().size() / 4)
        chunks_.back().shrink_to_fit();
}

const char* occurrence_column::record(std::size_t i) const noexcept {
    const std::uint64_t b = bases_[i / block];
    return chunks_[b >> 40].data() + (b & offset_mask) + at_[i];
}

const char* occurrence_column::words_of(std::size_t i) const noexcept {
    const char* p = record(i) + 1;
    get_varint(p);
    get_varint(p);
    get_varint(p);
    return p;
}

occurrence_record occurrence_column::get(std::size_t i) const {
    occurrence_record r;
    const char* p = record(i);
    r.kind = static_cast<quote_kind>(*p++);
    const auto begin = static_cast<std::uint32_t>(get_varint(p));
    const std::uint64_t z = get_varint(p);
    const std::int64_t length = z & 1 ? -static_cast<std::int64_t>((z + 1) >> 1) : static_cast<std::int64_t>(z >> 1);
    r.where = {begin, static_cast<std::uint32_t>(std::int64_t{begin} + length)};
    r.said = unpack_date(static_cast<std::uint32_t>(get_varint(p)));
    p = words_.decode(p, r.text);
    p = words_.decode(p, r.said_words);
    stems_.decode(p, r.stems);
    return r;
}

std::string occurrence_column::text(std::size_t i) const {
    std::string s;
    words_.decode(words_of(i), s);
    return s;
}

std::string occurrence_column::stems(std::size_t i) const {
    std::string s;
    stems_.decode(word_codec::skip(word_codec::skip(words_of(i))), s);
    return s;
}

std::size_t occurrence_column::bytes() const noexcept {
    std::size_t n = words_.bytes() + stems_.bytes() + bases_.capacity() * sizeof(std::uint64_t) +
                    at_.capacity() * sizeof(std::uint32_t);
    for (const auto& c : chunks_) n += c.capacity();
    return n;
}

}  // namespace quotetrace::graph::detail
