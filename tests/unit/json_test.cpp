// The JSONL writer: string escaping, UTF-8 repair and the quote record.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/output.hpp"

using namespace quotetrace;
using namespace std::string_literals;

namespace {

std::string js(std::string_view s) {
    std::string out = "prefix:";
    output::json_string(out, s);
    REQUIRE(out.rfind("prefix:", 0) == 0);  // appends, keeps what was there
    return out.substr(7);
}

// Whether `s` is well-formed UTF-8 (no overlongs, surrogates or stray bytes).
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                                 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        const auto d = static_cast<unsigned char>(s[i + 1 < s.size() ? i + 1 : i]);
        if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d > 0x9F) || (c == 0xF0 && d < 0x90) || (c == 0xF4 && d > 0x8F))
            return false;
        i += n;
    }
    return true;
}

std::size_t count(std::string_view s, std::string_view what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string_view::npos; p = s.find(what, p + what.size())) ++n;
    return n;
}

const std::string fffd = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("json_string escapes what JSON requires") {
    struct row { std::string in, want; };
    const std::vector<row> rows = {
        {"", R"("")"},
        {"China cannot have it both ways", R"("China cannot have it both ways")"},
        {R"(He called it "a disgrace")", R"("He called it \"a disgrace\"")"},
        {R"(C:\Users\news\a.txt)", R"("C:\\Users\\news\\a.txt")"},
        {R"(\")", R"("\\\"")"},
        {"line one\nline two", R"("line one\nline two")"},
        {"col\tcol\r\n", R"("col\tcol\r\n")"},
        {"bell\x01here", R"("bell\u0001here")"},
        {"\x1f\x0b\x0c\x08", R"("\u001f\u000b\u000c\u0008")"},
        {"nul\0byte"s, R"("nul\u0000byte")"},
        {"del\x7f", R"("del\u007f")"},
        {"slash / stays", R"("slash / stays")"},
        {"line\u2028sep\u2029para", R"("line\u2028sep\u2029para")"},  // JavaScript ends a string at them raw
        {"\u2027\u202A", "\"\u2027\u202A\""},                            // their neighbours stay raw
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(js(r.in) == r.want);
    }
}

TEST_CASE("escape_line_separators: U+2028 and U+2029 in any writer's JSON text") {
    CHECK(output::escape_line_separators("{\"a\":\"x\u2028y\u2029\"}") == R"({"a":"x\u2028y\u2029"})");
    CHECK(output::escape_line_separators("{\"a\":\"\u2026\"}") == "{\"a\":\"\u2026\"}");
    CHECK(output::escape_line_separators("\xE2\x80") == "\xE2\x80");
}

TEST_CASE("json_string keeps valid UTF-8 and repairs invalid bytes to U+FFFD") {
    struct row { std::string in, want; };
    const std::vector<row> rows = {
        // literal typography and scripts pass through untouched
        {"“China cannot have it both ways,” he said.", "\"“China cannot have it both ways,” he said.\""},
        {"« Nous ne céderons pas », a dit le ministre", "\"« Nous ne céderons pas », a dit le ministre\""},
        {"„Wir schaffen das“ – Merkel", "\"„Wir schaffen das“ – Merkel\""},
        {"Russia’s ‘war machine’", "\"Russia’s ‘war machine’\""},
        {"Mr.\xC2\xA0Stoltenberg", "\"Mr.\xC2\xA0Stoltenberg\""},
        {"彼は「勝つ」と言った", "\"彼は「勝つ」と言った\""},
        {"emoji 😀 and €5", "\"emoji 😀 and €5\""},
        {"\xF4\x8F\xBF\xBF", "\"\xF4\x8F\xBF\xBF\""},  // U+10FFFF, the last code point
        // invalid bytes become U+FFFD
        {"caf\xE9 au lait", "\"caf" + fffd + " au lait\""},       // Latin-1 é
        {"\xFF\xFE", "\"" + fffd + fffd + "\""},
        {"end\xC3", "\"end" + fffd + "\""},                       // truncated at the end
        {"\x80start", "\"" + fffd + "start\""},                   // a lone continuation byte
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(js(r.in) == r.want);
    }
    // Sequences that are never valid: overlongs, surrogates, beyond U+10FFFF,
    // truncated in the middle. The count of U+FFFD may vary; the bytes around
    // survive and the output is valid UTF-8.
    for (const std::string bad : {"a\xC0\xAF" "b", "a\xE0\x80\xAF" "b", "a\xED\xA0\x80" "b", "a\xF4\x90\x80\x80" "b",
                                  "a\xE2\x80" "b", "a\xF0\x9F\x98" "b", "a\xF8\x88\x80\x80\x80" "b"}) {
        CAPTURE(bad);
        const std::string out = js(bad);
        CHECK(valid_utf8(out));
        CHECK(count(out, fffd) >= 1);
        CHECK(out.front() == '"');
        CHECK(out.substr(0, 2) == "\"a");
        CHECK(out.substr(out.size() - 2) == "b\"");
    }
}

namespace {

// An HTML page's visible text: the headline came from <h1> at byte 200 and the
// paragraph from a <p> at byte 512 of the page.
document page() {
    document d;
    d.id = "page.html";
    d.path = "/data/page.html";
    d.kind = input_format::html;
    d.text = "NATO chief warns China\n“China cannot have it both ways,” he said.\n";
    d.anchors = {{0, 200}, {23, 512}};
    return d;
}

span at(const std::string& t, std::string_view needle) {
    const auto b = t.find(needle);
    REQUIRE(b != std::string::npos);
    return {b, b + needle.size()};
}

}  // namespace

TEST_CASE("quote_record: field names, source offsets through the anchors") {
    const document d = page();
    REQUIRE(d.source_offset(23) == 512);
    quote q;
    q.kind = quote_kind::direct;
    q.content = at(d.text, "China cannot have it both ways");
    q.speaker_mention = {at(d.text, "he"), mention_kind::pronoun};
    q.cue = at(d.text, "said");
    q.speaker = "Jens Stoltenberg";
    q.confidence = 0.8;
    q.rule = "quote-np-cue/pronoun";
    // text offsets 26..56, 61..63, 64..68 land at 515..545, 550..552, 553..557
    CHECK(output::quote_record(d, q) ==
          R"({"doc":"page.html","kind":"direct","text":"China cannot have it both ways","start":515,"end":545,)"
          R"("speaker":"Jens Stoltenberg","speaker_mention":"he","cue":"said","statements":[],"confidence":0.80,)"
          R"("rule":"quote-np-cue/pronoun","mention_start":550,"mention_end":552,"cue_start":553,"cue_end":557})");
}

TEST_CASE("quote_record: null for an unknown speaker, no mention or cue offsets, flags") {
    const document d = page();
    quote q;
    q.kind = quote_kind::partial;
    q.content = at(d.text, "both ways");
    q.confidence = 0.3;
    q.rule = "unattributed";
    q.flags.headline = true;
    q.flags.continued = true;
    q.flags.split = true;
    q.statements = {"s-17", "s-\"2\""};
    CHECK(output::quote_record(d, q) ==
          R"({"doc":"page.html","kind":"partial","text":"both ways","start":536,"end":545,"speaker":null,)"
          R"("speaker_mention":null,"cue":null,"statements":["s-17","s-\"2\""],"confidence":0.30,)"
          R"("rule":"unattributed","headline":true,"continued":true,"split":true})");

    // a headline quote maps through the first anchor
    quote h;
    h.kind = quote_kind::indirect;
    h.content = at(d.text, "NATO chief warns China");
    const std::string r = output::quote_record(d, h);
    CHECK(r.find(R"("kind":"indirect")") != std::string::npos);
    CHECK(r.find(R"("start":200,"end":222,)") != std::string::npos);
    CHECK(r.find(R"("rule":null)") != std::string::npos);
    CHECK(r.find(R"("confidence":0.00)") != std::string::npos);
    CHECK(r.find("mention_start") == std::string::npos);
    CHECK(r.find("cue_start") == std::string::npos);
    CHECK(r.find("headline") == std::string::npos);
    CHECK(r.find('\n') == std::string::npos);
}

TEST_CASE("quote_record: a plain-text document maps offsets one to one, and escapes every field") {
    document d;
    d.id = "dir\\a \"b\".txt";
    d.text = "He said: \"We\tare\nready\".\n";
    quote q;
    q.content = {10, 22};  // We\tare\nready
    q.speaker_mention = {{0, 2}, mention_kind::pronoun};
    q.cue = {3, 7};
    q.speaker = "Jean-Yves Le Drian";
    q.confidence = 0.951;
    q.rule = "np-colon-quote/pronoun";
    const std::string r = output::quote_record(d, q);
    CHECK(r.rfind(R"({"doc":"dir\\a \"b\".txt","kind":"direct","text":"We\tare\nready","start":10,"end":22,)", 0) == 0);
    CHECK(r.find(R"("speaker_mention":"He","cue":"said")") != std::string::npos);
    CHECK(r.find(R"("confidence":0.95,)") != std::string::npos);
    CHECK(r.find(R"("mention_start":0,"mention_end":2,"cue_start":3,"cue_end":7})") != std::string::npos);
    CHECK(r.find('\n') == std::string::npos);
    CHECK(r.find('\t') == std::string::npos);
}

TEST_CASE("quote_record: invalid UTF-8 in a field never reaches the output") {
    document d;
    d.id = "latin1-\xE9t\xE9.txt";
    d.text = "Il a dit: caf\xE9.";
    quote q;
    q.content = {10, 14};
    q.speaker = "Fran\xE7ois";
    const std::string r = output::quote_record(d, q);
    CHECK(valid_utf8(r));
    CHECK(r.find(R"("doc":"latin1-)" + fffd + "t" + fffd + R"(.txt")") != std::string::npos);
    CHECK(r.find(R"("text":"caf)" + fffd + "\"") != std::string::npos);
    CHECK(r.find(R"("speaker":"Fran)" + fffd + "ois\"") != std::string::npos);
}
