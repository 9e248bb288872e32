// The embedded store: documents, quotes, speakers, statements and the sources
// documents cite, in one SQLite file. Every document is written in one
// transaction, so a store always holds whole documents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/document.hpp"
#include "quotetrace/provenance.hpp"
#include "quotetrace/quote.hpp"
#include "quotetrace/span.hpp"

namespace quotetrace::store {

// A date as the store writes it: "2024-06-19", "2024-06", "2024", or "" when
// unknown. Sorts as text in date order.
//   iso_date({2024, 6, 19}) == "2024-06-19"
std::string iso_date(const provenance::date& d);

// Reads "2024-06-19", "2024-06-19T08:00:00Z", "2024/06/19", "June 19, 2024",
// "19 June 2024", "2024-06" or "2024"; anything else gives an unknown date.
provenance::date parse_date(std::string_view text) noexcept;

// A 128-bit hash of a document's analysed text, as 32 hex digits: the key
// that makes ingesting the same article twice a no-op.
std::string content_hash(std::string_view text);

// One quote as stored. Offsets are source offsets (bytes of the original
// file, or of a JSONL record's decoded text field).
struct quote_row {
    std::uint32_t seq = 0;                    // 0-based order in its document
    quote_kind kind = quote_kind::direct;
    std::string text;                         // the exact words
    span where;                               // source byte range of `text`
    std::string speaker;                      // canonical name, "" when unknown
    std::string mention, cue, rule;
    double confidence = 0;
    std::vector<std::uint32_t> statements;    // 1-based statement numbers ("s3" is 3)
    std::vector<int> sentences;               // per statement: the sentence reporting it, -1 the whole quote
    std::string stems;                        // content stems, space-separated (the who-said index reads them)
    std::string said;                         // iso_date of the utterance, or ""
    std::string said_words;                   // the words that date it
    int indexed = -1;                         // how the statement index holds it (match::statement_index::
                                              // indexing), -1 unknown (stored before it was recorded)
    // when kept: the statements it holds in the index (1-based, as issued
    // when it was added, before later merges) with their sentences
    std::vector<std::pair<std::uint32_t, int>> kept_statements;
    // what the statement index needs to index it again without preparing
    // it (match::statement_index::restore_keys); empty when not indexed or
    // stored before it was recorded
    std::string restore_keys;
};

struct citation_row {
    std::string source;   // canonical outlet or agency
    span where;           // source byte range of the citing words (empty when from metadata)
    std::string rule;
};

// A statement as a write leaves it: new, given a speaker, or merged into
// another (whose quotes then hold the merged one's).
struct statement_row {
    std::uint32_t number = 0;       // 1-based
    std::string speaker;            // "" when unknown
    std::uint32_t merged_into = 0;  // 0 when it stands on its own
};

// One analysed document, ready to write.
struct document_row {
    std::int64_t id = 0;          // the store's key; set by the store
    std::string name, path, hash;
    std::string outlet, outlet_rule;        // "" when the document names none
    std::string published, published_rule;  // iso_date or ""
    std::string url, title;
    std::vector<std::string> credits;
    std::vector<citation_row> citations;
    std::vector<quote_row> quotes;
    // Statements this document creates, renames or merges. A statement a
    // quote reports that is neither listed nor stored is created with the
    // quote's speaker.
    std::vector<statement_row> statements;
    // What reading it taught the speaker registry: full names, and title
    // words of persons (person, word), so that a later run starts knowing them.
    std::vector<std::string> learned_names;
    std::vector<std::pair<std::string, std::string>> learned_titles;
};

struct counts {
    std::size_t documents = 0, quotes = 0, speakers = 0, statements = 0, outlets = 0, citations = 0;
};

// What `check` found: `problems` is empty when the store is sound;
// `corrupted` when SQLite itself found damage (not only the store's own
// invariants broken). `checked` says what was checked, one line each.
struct check_report {
    counts totals;
    std::vector<std::string> checked;
    std::vector<std::string> problems;
    bool corrupted = false;
};

struct options {
    // Called after each row a write puts in the current transaction, with the
    // number of rows so far; an exception thrown here rolls the document back.
    // Tests use it to interrupt an ingest between statements.
    std::function<void(std::size_t rows)> after_row;
    // Opens an existing store for reading only: never creates or changes it,
    // and reads one snapshot, so every read sees the store as it was between
    // two documents even while an ingest writes.
    bool read_only = false;
};

// A store file (created on first use, whole: it appears with its schema or
// not at all; ":memory:" for a one-off run). Not thread-safe; one writer at a
// time, readers may run during a write (WAL, and a 5 s busy timeout).
// Errors are quotetrace::error naming the path, with ids
//   "store.missing"  a read-only open of a file that does not exist
//   "store.open"     cannot open or create it (a directory, no permission)
//   "store.foreign"  not a quotetrace store: an empty file, not SQLite, or
//                    another program's SQLite database
//   "store.corrupt"  a quotetrace store SQLite finds damaged (a read of a
//                    damaged page fails with it at any time)
//   "store.schema"   a store of a newer quotetrace
//   "store.full"     out of space (disk full, or a file size limit)
//   "store.io", "store.busy", "store.write", "store.read" other failures.
//   store::database db("quotetrace.db");
class database {
public:
    explicit database(const std::string& path, options opt = {});
    ~database();
    database(database&&) noexcept;
    database& operator=(database&&) noexcept;

    const std::string& path() const noexcept;

    // Whether a document with this content hash is stored.
    bool has(std::string_view hash) const;

    // Writes the document, its quotes, their statements and speakers, and its
    // citations in one transaction. Statement numbers not yet stored are
    // created with the quote's speaker; a stored statement without a speaker
    // takes this one's. On any failure the transaction is rolled back and
    // the error passes on; the store is as it was. Sets doc.id. With
    // `known_statements`, the write first checks, under the write lock, that
    // the store holds exactly that many statements (the ones the writer's
    // clustering knows): another writer's statements would otherwise be
    // mistaken for its own. Throws quotetrace::error "store.concurrent" then.
    void add(document_row& doc, std::optional<std::size_t> known_statements = {});

    // Every stored document, quote and citation, in the order they were
    // added. Documents carry no quotes or citations here.
    void each_document(const std::function<void(const document_row&)>& f) const;
    void each_quote(const std::function<void(std::int64_t document, const quote_row&)>& f) const;
    void each_citation(const std::function<void(std::int64_t document, const citation_row&)>& f) const;
    // Every full name (title empty) and title word of a person (`name`'s
    // title) the speaker registry learnt, in the order learnt.
    void each_learned(const std::function<void(const std::string& name, const std::string& title)>& f) const;
    // Every statement: number, speaker ("" when none) and the statement it
    // was merged into (0 when none; such a statement has no quotes).
    void each_statement(
        const std::function<void(std::uint32_t number, const std::string& speaker, std::uint32_t merged_into)>& f) const;

    // The quotes that share the most rare content stems with `stems` (each
    // stem weighs the log of its rarity; a stem in more than `common` quotes
    // only counts for quotes the rarer ones found), best first, at most
    // `limit`: the candidates of a who-said question.
    std::vector<std::int64_t> quotes_sharing(const std::vector<std::string>& stems, std::size_t common,
                                             std::size_t limit) const;
    // Every statement number the given quotes report, ascending.
    std::vector<std::uint32_t> statements_of(const std::vector<std::int64_t>& quotes) const;
    // Only the rows that make up the given statements: their quotes, the
    // documents holding them and those documents' citations.
    void each_part_of(const std::vector<std::uint32_t>& statements,
                      const std::function<void(const document_row&)>& on_document,
                      const std::function<void(std::int64_t document, const citation_row&)>& on_citation,
                      const std::function<void(std::uint32_t number, const std::string& speaker)>& on_statement,
                      const std::function<void(std::int64_t document, const quote_row&)>& on_quote) const;

    counts count() const;
    // How many quotes, and the bytes of their words and of their stems.
    struct sizes {
        std::size_t quotes = 0, text_bytes = 0, stem_bytes = 0;
    };
    sizes quote_sizes() const;
    // PRAGMA integrity_check and foreign_key_check, then the store's own
    // invariants: every document holds as many quotes as it says (numbered
    // 0..n-1) and its content hash is well formed, every quote reports a
    // statement and every statement that stands on its own has a quote, a
    // merged one has none and was merged into an earlier one, statement
    // numbers are dense, spans are ordered, a statement's speaker said one of
    // its quotes, each document's rows match the digest written with them,
    // and the who-said index holds each quote's stems. A read that fails on
    // a damaged page is reported, not thrown.
    check_report check() const;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace quotetrace::store
