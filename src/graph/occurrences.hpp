// The graph's occurrences in one byte stream: per occurrence its kind, span,
// date and, coded by words, its exact words, the words that date it and its
// content stems. About a third of the bytes of the strings themselves, and
// everything comes back as it went in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quotetrace/graph.hpp"
#include "words.hpp"

namespace quotetrace::graph::detail {

class occurrence_column {
public:
    // Room for this many occurrences and bytes of code.
    void reserve(std::size_t occurrences, std::size_t bytes);
    void add(const occurrence_view& o);
    // Drops what only adding needs.
    void seal();

    std::size_t size() const noexcept { return at_.size(); }
    occurrence_record get(std::size_t i) const;
    std::string text(std::size_t i) const;
    std::string stems(std::size_t i) const;
    std::size_t bytes() const noexcept;

private:
    void open_chunk(std::size_t bytes);
    const char* record(std::size_t i) const noexcept;
    // i's record, past its kind, span and date
    const char* words_of(std::size_t i) const noexcept;

    word_codec words_, stems_;  // exact words and the dating words; stems
    // the records in chunks of about 32 MB, so the stream grows without
    // copying what it holds
    static constexpr std::size_t chunk_bytes = std::size_t{32} << 20;
    std::vector<std::string> chunks_;
    // occurrence i starts at at_[i] past its block's base, the block's
    // chunk in the base's bits from 40 up: 4 bytes an occurrence, not 8
    static constexpr std::size_t block = 4096;
    static constexpr std::uint64_t offset_mask = (std::uint64_t{1} << 40) - 1;
    std::vector<std::uint64_t> bases_;
    std::vector<std::uint32_t> at_;
};

}  // namespace quotetrace::graph::detail
