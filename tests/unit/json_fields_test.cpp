// The one-pass JSONL record reader: decoded fields, skipped members, and the
// lines it declines (which the general parser then reports).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "src/ingest/json_fields.hpp"

using namespace quotetrace::ingest::detail;

namespace {

struct parsed {
    bool ok = false;
    article_record rec;
    std::string error;
    std::size_t offset = 0;
};

parsed parse(const std::string& line) {
    parsed p;
    p.ok = parse_article(line, p.rec, p.error, p.offset);
    return p;
}

}  // namespace

TEST_CASE("fields are decoded, other members skipped") {
    const auto p = parse(R"({"id":"a1","title":"T","text":"He said \"yes.\"","url":"https://x.example/a",)"
                         R"("authors":["A","B"],"meta":{"deep":[1,2,{"k":null}]},"n":-1.5e3,"ok":true,)"
                         R"("source_domain":"x.example","date_publish":"2024-06-19 06:35:00","language":"en"})");
    REQUIRE(p.ok);
    auto rec = p.rec;
    CHECK(rec[article_field::id] == "a1");
    CHECK(rec[article_field::title] == "T");
    CHECK(rec[article_field::text] == "He said \"yes.\"");
    CHECK(rec[article_field::url] == "https://x.example/a");
    CHECK(rec[article_field::source_domain] == "x.example");
    CHECK(rec[article_field::date_publish] == "2024-06-19 06:35:00");
    CHECK(rec[article_field::language] == "en");
    CHECK_FALSE(rec.has(article_field::maintext));
    CHECK_FALSE(rec.has(article_field::outlet));
}

TEST_CASE("a byte order mark may open a line (files that each had one, joined)") {
    auto p = parse("\xEF\xBB\xBF{\"id\":\"b\",\"text\":\"T\"}");
    REQUIRE(p.ok);
    CHECK(p.rec[article_field::id] == "b");
    CHECK_FALSE(parse("x\xEF\xBB\xBF{\"id\":\"b\"}").ok);
}

TEST_CASE("escapes, including surrogate pairs and lone surrogates") {
    struct row { std::string json, text; };
    const std::vector<row> rows = {
        {R"({"text":"a\nb\tc\\d\/e"})", "a\nb\tc\\d/e"},
        {R"({"text":"caf\u00e9 \u201cquoted\u201d"})", "café “quoted”"},
        {R"({"text":"\ud83d\ude00"})", "\xF0\x9F\x98\x80"},
        {R"({"text":"lone \ud83d here"})", "lone \xEF\xBF\xBD here"},
        {R"({"text":"lone \ude00 low"})", "lone \xEF\xBF\xBD low"},
        {"{\"text\":\"« raw UTF-8 »\"}", "« raw UTF-8 »"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.json);
        const auto p = parse(r.json);
        REQUIRE(p.ok);
        auto rec = p.rec;
        CHECK(rec[article_field::text] == r.text);
    }
}

TEST_CASE("a numeric id is kept as written; a later duplicate field wins") {
    const auto p = parse(R"({"id": 1234, "maintext": "x", "maintext": "y"})");
    REQUIRE(p.ok);
    auto rec = p.rec;
    CHECK(rec[article_field::id] == "1234");
    CHECK(rec[article_field::maintext] == "y");
}

TEST_CASE("lines that are not one JSON object are declined with a place") {
    struct row { std::string json; std::size_t at_least; };
    const std::vector<row> rows = {
        {"not json", 0},
        {"[1,2,3]", 0},
        {R"({"text": "unterminated)", 9},
        {R"({"text" "missing colon"})", 8},
        {R"({"text": "a",})", 13},
        {R"({"text": "a"} trailing)", 14},
        {R"({"text": "a", "n": 01x})", 18},
        {"{\"text\": \"control \x01 char\"}", 18},
        {R"({"text": "a", "b": tru})", 18},
        {R"({"text": "bad \q escape"})", 14},
    };
    for (const auto& r : rows) {
        CAPTURE(r.json);
        const auto p = parse(r.json);
        CHECK_FALSE(p.ok);
        CHECK_FALSE(p.error.empty());
        CHECK(p.offset >= r.at_least);
    }
}

TEST_CASE("nesting is bounded, not a stack overflow") {
    std::string deep = R"({"text":"x","k":)";
    for (int i = 0; i < 100000; ++i) deep += '[';
    for (int i = 0; i < 100000; ++i) deep += ']';
    deep += '}';
    const auto p = parse(deep);
    CHECK_FALSE(p.ok);
    CHECK(p.error == "nested too deeply");
    std::string fine = R"({"text":"x","k":)";
    for (int i = 0; i < 100; ++i) fine += '[';
    for (int i = 0; i < 100; ++i) fine += ']';
    fine += '}';
    CHECK(parse(fine).ok);
}

TEST_CASE("a quote record: its fields, and its statements replaced or added in the line as it came") {
    quote_record r;
    std::string error;
    std::size_t offset = 0;
    const std::string with = R"({"doc":"d1","text":"A \"b\" c","speaker":null,"statements":["s9"],"x":{"y":[1,2]}})";
    REQUIRE(parse_quote_record(with, r, error, offset));
    CHECK(r.has_text);
    CHECK(r.text == "A \"b\" c");
    CHECK(r.speaker.empty());
    CHECK(r.doc == "d1");
    CHECK(with_statements(with, r, R"(["s1","s2"])") ==
          R"({"doc":"d1","text":"A \"b\" c","speaker":null,"statements":["s1","s2"],"x":{"y":[1,2]}})");

    const std::string without = R"({"text":"words", "speaker":"Ann Lee" } )";
    REQUIRE(parse_quote_record(without, r, error, offset));
    CHECK(r.speaker == "Ann Lee");
    CHECK(with_statements(without, r, R"(["s3"])") == R"({"text":"words", "speaker":"Ann Lee","statements":["s3"]} )");

    REQUIRE(parse_quote_record("{}", r, error, offset));
    CHECK_FALSE(r.has_text);
    CHECK(with_statements("{}", r, "[]") == R"({"statements":[]})");

    CHECK_FALSE(parse_quote_record(R"({"text":"unterminated)", r, error, offset));
    CHECK_FALSE(error.empty());
}

TEST_CASE("a record cut inside a string value is mended; other cuts are declined") {
    struct row {
        const char* cut;
        const char* mended;  // nullptr: declined
    };
    const row rows[] = {
        {R"({"id":"a","text":"We wi)", R"({"id":"a","text":"We wi"})"},
        {R"({"meta":{"x":[1,{"text":"deep)", R"({"meta":{"x":[1,{"text":"deep"}]}})"},
        {R"({"text":"a \)", R"({"text":"a "})"},                // a cut escape
        {R"({"text":"a \u00)", R"({"text":"a "})"},             // a cut \u escape
        {R"({"text":"a \\)", R"({"text":"a \\"})"},             // an escaped backslash is whole
        {"{\"text\":\"caf\xC3", "{\"text\":\"caf\"}"},          // a cut UTF-8 sequence
        {"{\"text\":\"\xE2\x82", "{\"text\":\"\"}"},
        {R"({"text":"a", "ti)", nullptr},                       // inside a key
        {R"({"text":"a", "n":12)", nullptr},                    // outside any string
        {R"({"text":"a")", nullptr},
    };
    for (const auto& r : rows) {
        CAPTURE(r.cut);
        std::string line = r.cut;
        const bool ok = close_cut_json(line);
        CHECK(ok == (r.mended != nullptr));
        CHECK(line == (r.mended ? r.mended : r.cut));
        if (!ok) continue;
        article_record rec;
        std::string error;
        std::size_t offset = 0;
        CHECK(parse_article(line, rec, error, offset));
    }
}
