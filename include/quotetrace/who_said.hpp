// "Who said this?": speakers ranked for a phrase or a paraphrase of it. An
// inverted index over the content stems of every stored quote proposes
// candidates; the statement similarity verifies each one.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/graph.hpp"
#include "quotetrace/match.hpp"

namespace quotetrace::query {

struct who_said_options {
    // Quotes verified per question, best candidates first (the rarity weight
    // of the stems they share with it); a candidate with less than half the
    // best one's weight is not verified.
    std::size_t candidates = 16;
    // A stem found in more quotes than this proposes no candidates unless the
    // question has no rarer one ("said", "Russia" in a Russian war corpus); it
    // still adds its weight to the candidates the rarer stems found. Nor does
    // any stem once rarer ones have proposed 64 times `candidates`. When even
    // the rarest stem is this common, the candidates are the quotes that hold
    // the rarest stems together.
    std::size_t common_stem = 5000;
    // Nor is a candidate verified whose shared stems carry less than this
    // share of the question's rarity weight: such a quote is hardly ever a
    // paraphrase of it (on the graph benchmark no right answer was lost).
    double shared_weight = 0.5;
    // A quote answers when the similarity reaches the calibrated threshold
    // (the one statement matching uses), or when the question's words sit
    // nearly all (this share of their weight, in order) inside the quote and
    // the question has at least `containment_words` content words.
    double containment = 0.8;
    std::size_t containment_words = 4;
};

struct report_place {
    std::string article, outlet, published;  // "" when unknown
};

struct statement_answer {
    std::string id;              // "s24"
    double confidence = 0;       // the best score of its quotes against the question
    std::size_t answering = 0;   // how many of its quotes answer (ranks ties)
    std::string text;            // the quote that matched best
    std::vector<report_place> reports;  // every article reporting the statement, by date
};

struct speaker_answer {
    std::string speaker;         // "" when the statement has no known speaker
    double confidence = 0;       // its best statement's
    std::vector<statement_answer> statements;  // best first, then the one more of its quotes answer, then the most reported
};

// Built once over a graph (which, with `sim`, must outlive it). ask() is
// const but not thread-safe: it keeps scratch space between questions.
class who_said_index {
public:
    who_said_index(const graph::provenance_graph& g, const match::similarity& sim, who_said_options opt = {});
    ~who_said_index();
    who_said_index(who_said_index&&) noexcept;

    // Speakers best first; empty when nothing stored says it. Never throws
    // for odd text (an empty question has no answer).
    //   idx.ask("What happens in Europe matters for Asia")[0].speaker == "Jens Stoltenberg"
    std::vector<speaker_answer> ask(std::string_view text) const;

    std::size_t terms() const noexcept;
    std::size_t memory_bytes() const noexcept;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

// The same question asked of a store without loading all of it: the store's
// stem index proposes candidate quotes, and the graph of their statements
// alone is loaded and asked. Answers as who_said_index over the whole store
// gives them, up to the candidates' order among equals. Throws
// quotetrace::error "store.read".
std::vector<speaker_answer> ask_store(const store::database& db, const match::similarity& sim, std::string_view text,
                                      who_said_options opt = {});

}  // namespace quotetrace::query
