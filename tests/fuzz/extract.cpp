// Raw text in, quotes out: the candidate scan, the attribution grammar, the
// speaker sieve, the provenance facts and the JSON record of each quote.
#include <string>

#include "fuzz.hpp"
#include "quotetrace/extract.hpp"
#include "quotetrace/ingest.hpp"
#include "quotetrace/output.hpp"
#include "quotetrace/provenance.hpp"
#include "tests/unit/test_support.hpp"

namespace {

using namespace quotetrace;

struct pipeline {
    const lexicon& lex = test::english();
    extractor ex{lex};
    provenance::reader facts{lex, provenance::load_outlets(default_grammar_dir())};
};

const pipeline& loaded() {
    static const pipeline p;
    return p;
}

bool within(span s, const document& doc) { return s.begin <= s.end && s.end <= doc.text.size(); }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    loaded();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& p = loaded();
    ingest::options opt;
    opt.max_document_bytes = 1u << 20;
    ingest::read_buffer("fuzz.txt", std::string(fuzz::bytes(data, size)), opt, [&](document&& doc) {
        QT_FUZZ_REQUIRE(fuzz::valid_utf8(doc.text));
        QT_FUZZ_REQUIRE(fuzz::anchors_sound(doc, size));
        speaker_registry names(p.lex);
        const auto quotes = p.ex.extract(doc, names);
        for (const auto& r : doc.regions) QT_FUZZ_REQUIRE(within(r.where, doc));
        for (const auto& q : quotes) {
            QT_FUZZ_REQUIRE(within(q.content, doc) && within(q.cue, doc) && within(q.speaker_mention.where, doc));
            // no span cuts a character (the store keeps the bytes as they are)
            QT_FUZZ_REQUIRE(fuzz::valid_utf8(q.content.in(doc.text)) && fuzz::valid_utf8(q.cue.in(doc.text)) &&
                            fuzz::valid_utf8(q.speaker_mention.where.in(doc.text)));
            QT_FUZZ_REQUIRE(q.confidence >= 0 && q.confidence <= 1);
            QT_FUZZ_REQUIRE(doc.source_span(q.content).end <= size);
        }
        const auto f = p.facts.read(doc);
        // the words each fact points at are whole characters too
        auto whole = [&](span s) { return within(s, doc) && fuzz::valid_utf8(s.in(doc.text)); };
        for (const auto& c : f.citations) QT_FUZZ_REQUIRE(whole(c.where));
        for (const auto& c : f.credits) QT_FUZZ_REQUIRE(whole(c.where));
        if (f.outlet) QT_FUZZ_REQUIRE(whole(f.outlet->where));
        if (f.published) QT_FUZZ_REQUIRE(whole(f.published->where));
        const auto said = p.facts.said(doc, f, quotes);
        QT_FUZZ_REQUIRE(said.size() == quotes.size());
        for (const auto& w : said)
            if (w) QT_FUZZ_REQUIRE(whole(w->from.where));
        for (std::size_t k = 0; k < quotes.size(); ++k)
            QT_FUZZ_REQUIRE(fuzz::valid_json(output::quote_record(doc, quotes[k], f, said[k])));
    }, fuzz::ignore);
    return 0;
}
