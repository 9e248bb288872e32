// JSONL ingest: the line reader, the article record parser (checked against
// nlohmann::json on every line), and the quote record reader and rewriter
// that `statements` uses.
#include <string>

#include "fuzz.hpp"
#include "quotetrace/ingest.hpp"
#include "src/ingest/json_fields.hpp"

namespace {

using namespace quotetrace;

void check_line(std::string_view line) {
    ingest::detail::article_record article;
    std::string error;
    std::size_t offset = 0;
    const bool ours = ingest::detail::parse_article(line, article, error, offset);
    if (!ours) QT_FUZZ_REQUIRE(offset <= line.size());
    // What a general JSON parser accepts as an object, the fast reader reads
    // too (within its nesting limit).
    if (!ours && error != "nested too deeply" && fuzz::valid_utf8(line) && fuzz::valid_json(line))
        QT_FUZZ_REQUIRE(!nlohmann::json::parse(line).is_object());

    ingest::detail::quote_record record;
    if (!ingest::detail::parse_quote_record(line, record, error, offset)) return;
    QT_FUZZ_REQUIRE(ours);
    QT_FUZZ_REQUIRE(record.object_end < line.size() && line[record.object_end] == '}');
    const auto rewritten = ingest::detail::with_statements(line, record, R"(["s1","s2"])");
    ingest::detail::quote_record again;
    QT_FUZZ_REQUIRE(ingest::detail::parse_quote_record(rewritten, again, error, offset));
    QT_FUZZ_REQUIRE(again.text == record.text && again.speaker == record.speaker && again.doc == record.doc);
    QT_FUZZ_REQUIRE(rewritten.substr(again.statements_begin, again.statements_end - again.statements_begin) ==
                    R"(["s1","s2"])");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = fuzz::bytes(data, size);
    ingest::read_buffer("fuzz.jsonl", std::string(input), {}, [&](document&& doc) {
        QT_FUZZ_REQUIRE(doc.kind == input_format::jsonl);
        QT_FUZZ_REQUIRE(fuzz::valid_utf8(doc.text));
    }, fuzz::ignore);
    for (std::size_t begin = 0; begin <= input.size();) {
        auto end = input.find('\n', begin);
        if (end == std::string_view::npos) end = input.size();
        check_line(input.substr(begin, end - begin));
        begin = end + 1;
    }
    return 0;
}
