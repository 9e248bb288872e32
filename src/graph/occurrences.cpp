// Occurrences coded into two byte streams, and read back one at a time.
#include "occurrences.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

#include "model.hpp"
#include "quotetrace/error.hpp"

namespace quotetrace::graph::detail {

void code_stream::reserve(std::size_t records, std::size_t bytes) {
    at_.reserve(records);
    bases_.reserve(records / block + 1);
    huge_pages(at_.data(), at_.capacity() * sizeof(std::uint32_t));
    if (chunks_.empty()) open_chunk(std::min(bytes, chunk_bytes + chunk_bytes / 16));
}

void code_stream::open_chunk(std::size_t bytes) {
    // a chunk left behind keeps little room unused: a first chunk reserved
    // short of the bytes estimated grows by doubling
    seal();
    chunks_.emplace_back();
    chunks_.back().reserve(bytes);
    huge_pages(chunks_.back().data(), chunks_.back().capacity());
}

std::string& code_stream::open() {
    const std::size_t i = at_.size();
    if (i % block == 0) {
        // a block's records stay in one chunk; a full chunk is left as it is
        // (never copied to grow), and the next one is reserved whole
        if (chunks_.empty()) open_chunk(0);
        else if (chunks_.back().size() >= chunk_bytes) open_chunk(chunk_bytes + chunk_bytes / 16);
        bases_.push_back((chunks_.size() - 1) << 40 | chunks_.back().size());
    }
    auto& code = chunks_.back();
    const std::uint64_t from_base = code.size() - (bases_.back() & offset_mask);
    if (from_base > UINT32_MAX) throw error("graph.too_large", "more than 4 GB of words in 4,096 occurrences");
    at_.push_back(static_cast<std::uint32_t>(from_base));
    return code;
}

void code_stream::seal() {
    if (!chunks_.empty() && chunks_.back().capacity() > chunks_.back().size() + chunks_.back().size() / 16)
        chunks_.back().shrink_to_fit();
}

std::size_t code_stream::bytes() const noexcept {
    std::size_t n = bases_.capacity() * sizeof(std::uint64_t) + at_.capacity() * sizeof(std::uint32_t);
    for (const auto& c : chunks_) n += c.capacity();
    return n;
}

namespace {

// An occurrence's kind, span and date, as its record starts.
void put_head(std::string& out, const occurrence_view& o) {
    out.push_back(static_cast<char>(o.kind));
    const auto begin = static_cast<std::uint32_t>(o.where.begin), end = static_cast<std::uint32_t>(o.where.end);
    put_varint(out, begin);
    // a span may end before it begins (a damaged store): zigzag keeps the sign
    const std::int64_t length = std::int64_t{end} - std::int64_t{begin};
    put_varint(out, length >= 0 ? static_cast<std::uint64_t>(length) << 1 : (static_cast<std::uint64_t>(-length) << 1) - 1);
    put_varint(out, pack_date(o.said));
}

// The next record of the words' stream: the head as it is, then the words
// coded.
void put_words(coded_stream& s, std::string_view head, std::string_view text, std::string_view said_words) {
    std::string& out = s.code.open();
    out.append(head);
    s.words.encode(text, out);
    s.words.encode(said_words, out);
}

}  // namespace

// Codes the words on a thread of its own, in the order they came: add()
// copies an occurrence's head and words into a batch, and full batches wait
// in a queue for the thread. A few batches, reserved once, go round, so the
// caller runs ahead by a few at most and nothing is allocated meanwhile.
class occurrence_column::coder {
public:
    explicit coder(coded_stream& s) : s_(s), thread_([this] { run(); }) {
        spare_.resize(batches - 1);
        for (auto& b : spare_) b.reserve(batch_bytes + batch_bytes / 4);
        batch_.reserve(batch_bytes + batch_bytes / 4);
    }
    ~coder() {
        if (thread_.joinable()) stop();
    }

    void add(const occurrence_view& o) {
        const std::size_t at = batch_.size();
        batch_.push_back(0);
        put_head(batch_, o);
        batch_[at] = static_cast<char>(batch_.size() - at - 1);
        put_varint(batch_, o.text.size());
        batch_.append(o.text);
        put_varint(batch_, o.said_words.size());
        batch_.append(o.said_words);
        if (batch_.size() >= batch_bytes) hand();
    }
    // Codes what is left; rethrows what the thread threw.
    void finish() {
        if (!batch_.empty()) hand();
        stop();
        if (failed_) std::rethrow_exception(failed_);
    }

private:
    static constexpr std::size_t batch_bytes = std::size_t{256} << 10, batches = 8;

    void hand() {
        std::unique_lock lock(m_);
        full_.push_back(std::move(batch_));
        ready_.notify_all();
        ready_.wait(lock, [&] { return !spare_.empty(); });
        batch_ = std::move(spare_.back());
        spare_.pop_back();
    }
    void stop() {
        {
            const std::lock_guard lock(m_);
            done_ = true;
        }
        ready_.notify_all();
        thread_.join();
    }
    void run() {
        for (;;) {
            std::string b;
            {
                std::unique_lock lock(m_);
                ready_.wait(lock, [&] { return done_ || !full_.empty(); });
                if (full_.empty()) return;
                b = std::move(full_.front());
                full_.pop_front();
            }
            // after a failure the batches are drained, not coded
            if (!failed_) {
                try {
                    code(b);
                } catch (...) {
                    failed_ = std::current_exception();
                }
            }
            b.clear();
            {
                const std::lock_guard lock(m_);
                spare_.push_back(std::move(b));
            }
            ready_.notify_all();
        }
    }
    void code(const std::string& b) {
        const char* p = b.data();
        const char* const end = p + b.size();
        while (p < end) {
            const std::string_view head(p + 1, static_cast<unsigned char>(*p));
            p += 1 + head.size();
            // (each length read before its view is made: the order in which
            // a call's arguments are evaluated is unspecified)
            const std::size_t text_size = get_varint(p);
            const std::string_view text(p, text_size);
            p += text.size();
            const std::size_t said_size = get_varint(p);
            const std::string_view said_words(p, said_size);
            p += said_words.size();
            put_words(s_, head, text, said_words);
        }
    }

    coded_stream& s_;
    std::string batch_;  // being filled by add()
    std::mutex m_;
    std::condition_variable ready_;
    std::deque<std::string> full_;
    std::vector<std::string> spare_;
    bool done_ = false;
    std::exception_ptr failed_;  // the thread's, read once it has ended
    std::thread thread_;         // last: starts once the rest is ready
};

occurrence_column::occurrence_column()
    : words_(std::make_unique<coded_stream>()), stems_(std::make_unique<coded_stream>()) {}
occurrence_column::~occurrence_column() = default;
occurrence_column::occurrence_column(occurrence_column&&) noexcept = default;
occurrence_column& occurrence_column::operator=(occurrence_column&&) noexcept = default;

void occurrence_column::reserve(std::size_t occurrences, std::size_t word_bytes, std::size_t stem_bytes) {
    words_->code.reserve(occurrences, word_bytes);
    stems_->code.reserve(occurrences, stem_bytes);
}

void occurrence_column::add(const occurrence_view& o) {
    if (threads_ >= 2 && !coder_) {
        try {
            coder_ = std::make_unique<coder>(*words_);
        } catch (const std::system_error&) {
            threads_ = 1;  // no thread to be had: the words are coded here
        }
    }
    if (coder_) {
        coder_->add(o);
    } else {
        std::string head;
        put_head(head, o);
        put_words(*words_, head, o.text, o.said_words);
    }
    std::string& out = stems_->code.open();
    stems_->words.encode(o.stems, out);
}

void occurrence_column::seal() {
    if (coder_) {
        coder_->finish();
        coder_.reset();
    }
    for (auto* s : {words_.get(), stems_.get()}) {
        s->words.seal();
        s->code.seal();
    }
}

occurrence_record occurrence_column::get(std::size_t i) const {
    occurrence_record r;
    const char* p = words_->code.record(i);
    r.kind = static_cast<quote_kind>(*p++);
    const auto begin = static_cast<std::uint32_t>(get_varint(p));
    const std::uint64_t z = get_varint(p);
    const std::int64_t length = z & 1 ? -static_cast<std::int64_t>((z + 1) >> 1) : static_cast<std::int64_t>(z >> 1);
    r.where = {begin, static_cast<std::uint32_t>(std::int64_t{begin} + length)};
    r.said = unpack_date(static_cast<std::uint32_t>(get_varint(p)));
    p = words_->words.decode(p, r.text);
    words_->words.decode(p, r.said_words);
    stems_->words.decode(stems_->code.record(i), r.stems);
    return r;
}

std::string occurrence_column::text(std::size_t i) const {
    const char* p = words_->code.record(i) + 1;
    get_varint(p);
    get_varint(p);
    get_varint(p);
    std::string s;
    words_->words.decode(p, s);
    return s;
}

std::string occurrence_column::stems(std::size_t i) const {
    std::string s;
    stems_->words.decode(stems_->code.record(i), s);
    return s;
}

std::size_t occurrence_column::bytes() const noexcept {
    return words_->words.bytes() + stems_->words.bytes() + words_->code.bytes() + stems_->code.bytes();
}

}  // namespace quotetrace::graph::detail
