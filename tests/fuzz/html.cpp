// HTML ingest: gumbo's tree walked to visible text, the page's own
// metadata, and the offset map back to the page's bytes.
#include <string>

#include "fuzz.hpp"
#include "quotetrace/ingest.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quotetrace;
    const auto page = fuzz::bytes(data, size);
    std::size_t documents = 0;
    ingest::read_buffer("fuzz.html", std::string(page), {}, [&](document&& doc) {
        ++documents;
        QT_FUZZ_REQUIRE(doc.kind == input_format::html);
        QT_FUZZ_REQUIRE(fuzz::valid_utf8(doc.text));
        QT_FUZZ_REQUIRE(fuzz::anchors_sound(doc, size));
        for (const field* f : {&doc.meta.title, &doc.meta.url, &doc.meta.date, &doc.meta.outlet, &doc.meta.language})
            QT_FUZZ_REQUIRE(fuzz::valid_utf8(f->value));
    }, fuzz::ignore);
    QT_FUZZ_REQUIRE(documents <= 1);
    const auto direct = ingest::html_document("fuzz.html", page);
    QT_FUZZ_REQUIRE(fuzz::valid_utf8(direct.text));
    QT_FUZZ_REQUIRE(fuzz::anchors_sound(direct, size));
    return 0;
}
