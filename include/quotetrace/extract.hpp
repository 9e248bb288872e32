// Raw article in, attributed quotes out: regions, candidate scan, quote
// spans, attribution frames (the Spirit X3 grammar), indirect speech and the
// speaker sieve, per document.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quotetrace/document.hpp"
#include "quotetrace/error.hpp"
#include "quotetrace/lexicon.hpp"
#include "quotetrace/quote.hpp"

namespace quotetrace {

// Limits that keep hostile text cheap. A quote longer than max_quote_bytes is
// not reported (its marks are taken as unbalanced); a quote mark that would
// open deeper than max_quote_depth is read as text; a document gives at most
// max_quotes quotes (memory grows with them, about 1 KB each). Each document
// that meets a limit gets one warning through `diag` ("quote.too_long",
// "quote.too_deep", "quote.too_many", naming the document and the byte
// offset of the first place); the rest of it is extracted as usual.
struct extract_options {
    std::size_t max_quote_bytes = 16u << 10;
    std::size_t max_quote_depth = 64;
    std::size_t max_quotes = 100000;
    diagnostic_sink diag;  // may be empty: limits are then met silently
};

// Canonical names shared by every document of a run: "Stoltenberg" in one
// file and "Jens Stoltenberg" in another become "Jens Stoltenberg". Seeded from
// the gazetteer; learns full names as documents go by. Not thread-safe: one
// registry per worker, or guard it.
class speaker_registry {
public:
    explicit speaker_registry(const lexicon& lex);
    ~speaker_registry();
    speaker_registry(speaker_registry&&) noexcept;

    // Records a full name ("Jens Stoltenberg") seen in a document.
    void learn(const std::string& full_name);
    // The canonical form of a name or alias: a surname or alias maps to the one
    // full name it belongs to; an ambiguous or unknown one comes back as given.
    std::string canonical(const std::string& name) const;
    // canonical(name), then learn() of what it gives, with one lookup.
    std::string learn_canonical(const std::string& name);
    // The canonical entity a description ("NATO chief") names in the
    // gazetteer, or empty.
    std::string describe(const std::string& description) const;
    // Whether the gazetteer lists the name as an organisation or an outlet.
    bool is_organisation(const std::string& canonical_name) const;
    // Records the words of titles a person was given ("NATO Secretary
    // General" for Jens Stoltenberg), from documents or the gazetteer.
    void note_titles(const std::string& person, const std::vector<std::string>& lower_words);
    // Whether `person` speaks for `organisation`: every distinctive word of
    // the organisation's name ("US State Department": us, state) is among
    // the words of the person's titles ("U.S. Secretary of State").
    bool affiliated(std::string_view organisation, std::string_view person) const;

    // What the registry learned from documents: full names, and title words
    // of persons. A store keeps it, so a run that resumes knows what the
    // run before it had learned.
    struct learned {
        std::vector<std::string> names;
        std::vector<std::pair<std::string, std::string>> titles;  // (person, lower-case word)
    };
    // From now on, what is newly learned is also collected for take_learned().
    void collect_learned();
    // What was learned since collect_learned() or the last call, in order.
    learned take_learned();
    // Puts back what an earlier run learned (not collected again).
    void restore(const std::string& name, const std::string& title_word = {});

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

class extractor {
public:
    // Builds the grammar's symbol tables from the lexicon. Throws
    // quotetrace::error (id "lexicon.*") when the lexicon is unusable.
    explicit extractor(const lexicon& lex, extract_options opt = {});
    ~extractor();
    extractor(extractor&&) noexcept;

    // Every quote of the document, in text order, with speakers resolved
    // against `names` (which learns this document's full names). Fills
    // doc.regions. Never throws for bad text.
    //   auto quotes = ex.extract(doc, names);
    std::vector<quote> extract(document& doc, speaker_registry& names) const;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace quotetrace
