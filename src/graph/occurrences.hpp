// The graph's occurrences in two byte streams: per occurrence its kind, span,
// date and, coded by words, its exact words and the words that date it in
// one; its content stems, coded by their own vocabulary, in the other. About
// a third of the bytes of the strings themselves, and everything comes back
// as it went in. The two streams share nothing, so a second thread can code
// the words while the caller codes the stems.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "quotetrace/graph.hpp"
#include "words.hpp"

namespace quotetrace::graph::detail {

// Records back to back in chunks of about 32 MB, so the stream grows without
// copying what it holds.
class code_stream {
public:
    void reserve(std::size_t records, std::size_t bytes);
    // Starts the next record; its bytes go to the end of the string returned.
    std::string& open();
    // Drops the unused end of the last chunk (more than a sixteenth).
    void seal();

    std::size_t size() const noexcept { return at_.size(); }
    const char* record(std::size_t i) const noexcept {
        const std::uint64_t b = bases_[i / block];
        return chunks_[b >> 40].data() + (b & offset_mask) + at_[i];
    }
    std::size_t bytes() const noexcept;

private:
    void open_chunk(std::size_t bytes);

    static constexpr std::size_t chunk_bytes = std::size_t{32} << 20;
    std::vector<std::string> chunks_;
    // record i starts at at_[i] past its block's base, the block's chunk in
    // the base's bits from 40 up: 4 bytes a record, not 8
    static constexpr std::size_t block = 4096;
    static constexpr std::uint64_t offset_mask = (std::uint64_t{1} << 40) - 1;
    std::vector<std::uint64_t> bases_;
    std::vector<std::uint32_t> at_;
};

// A stream and the vocabulary that codes its words.
struct coded_stream {
    word_codec words;
    code_stream code;
};

class occurrence_column {
public:
    occurrence_column();
    ~occurrence_column();
    occurrence_column(occurrence_column&&) noexcept;
    occurrence_column& operator=(occurrence_column&&) noexcept;

    // Room for this many occurrences and bytes of code in each stream.
    void reserve(std::size_t occurrences, std::size_t word_bytes, std::size_t stem_bytes);
    // With threads >= 2 the words are coded by a thread of their own, which
    // add() hands copies of them to.
    void threads(unsigned n) noexcept { threads_ = n; }
    void add(const occurrence_view& o);
    // Waits for the words' thread (rethrowing what it threw) and drops what
    // only adding needs.
    void seal();

    std::size_t size() const noexcept { return stems_->code.size(); }
    occurrence_record get(std::size_t i) const;
    std::string text(std::size_t i) const;
    std::string stems(std::size_t i) const;
    std::size_t bytes() const noexcept;

private:
    class coder;
    // on the heap, so that the column moves while the words' thread writes
    std::unique_ptr<coded_stream> words_, stems_;
    std::unique_ptr<coder> coder_;
    unsigned threads_ = 1;
};

}  // namespace quotetrace::graph::detail
