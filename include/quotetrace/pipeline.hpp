// From an article to the store: extract, attribute, match statements against
// everything stored before, read the provenance facts, write one transaction.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quotetrace/document.hpp"
#include "quotetrace/extract.hpp"
#include "quotetrace/match.hpp"
#include "quotetrace/provenance.hpp"
#include "quotetrace/quote.hpp"
#include "quotetrace/store.hpp"

namespace quotetrace::pipeline {

// What a document says about where it came from, and when each of its quotes
// was said (one entry per quote, in the order extract() gave them).
struct document_facts {
    provenance::facts facts;
    std::vector<std::optional<provenance::said_when>> said;
};

using facts_reader = std::function<document_facts(const document&, const std::vector<quote>&)>;

// Facts from metadata alone: the outlet and date the JSONL record, sidecar or
// manifest give (rule "metadata"); no credits, citations or utterance dates.
// A document whose metadata names no outlet gets none: nothing is guessed.
document_facts metadata_facts(const document& doc, const std::vector<quote>& quotes);

// The distinct content stems of a quote in text order, space-separated, as
// the store keeps them for the who-said index.
//   content_stems(sim, "We will block the support") == "block support"
std::string content_stems(const match::similarity& sim, std::string_view text);

enum class outcome { added, unchanged };

struct ingest_result {
    outcome what = outcome::added;
    std::size_t quotes = 0;
    std::size_t new_statements = 0;
};

// Adds documents to a store incrementally. On construction the statement
// index is restored from the store (every stored quote re-enters it with the
// statements it has), so a new article's quotes join stored statements and
// new ones are numbered after them. Learns stored speakers' names too.
// `db`, `ex`, and `sim` must outlive it.
class ingester {
public:
    ingester(store::database& db, const extractor& ex, const lexicon& lex, const match::similarity& sim,
             facts_reader facts = metadata_facts);
    ~ingester();

    // A document whose content hash is stored is left alone (outcome::unchanged).
    // Otherwise it is analysed and written in one transaction. Errors of the
    // store pass on (quotetrace::error "store.*"): the document is then not
    // stored, and this ingester must not be used again.
    ingest_result add(document& doc);

    std::size_t restored_quotes() const noexcept;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace quotetrace::pipeline
