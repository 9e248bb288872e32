// Unit tests of the ingest stage: UTF-8 repair, the offset map, HTML text,
// JSONL records and folder reading, against tables and tests/data/ingest/.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "quotetrace/ingest.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace quotetrace;

namespace {

const std::string fffd = "\xEF\xBF\xBD";

struct collected {
    std::vector<document> docs;
    std::vector<diagnostic> diags;
    ingest::tally counts;

    ingest::document_sink sink()
    {
        return [this](document&& d) { docs.push_back(std::move(d)); };
    }
    diagnostic_sink diag()
    {
        return [this](const diagnostic& d) { diags.push_back(d); };
    }
    std::vector<const diagnostic*> with_code(std::string_view code) const
    {
        std::vector<const diagnostic*> out;
        for (const diagnostic& d : diags)
            if (d.code == code) out.push_back(&d);
        return out;
    }
    const document* by_id(std::string_view id) const
    {
        for (const document& d : docs)
            if (d.id == id) return &d;
        return nullptr;
    }
};

collected read(const std::vector<std::string>& paths, ingest::options opt = {})
{
    collected c;
    c.counts = ingest::read_paths(paths, opt, c.sink(), c.diag());
    return c;
}

collected read_buf(std::string_view name, std::string bytes, ingest::options opt = {})
{
    collected c;
    c.counts = ingest::read_buffer(name, std::move(bytes), opt, c.sink(), c.diag());
    return c;
}

std::string slurp(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& p, std::string_view bytes)
{
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// tests/data/ingest wherever the test runs from: a build define, the
// environment, beside this source file, or above the working directory.
fs::path data_dir()
{
    std::vector<fs::path> candidates;
#ifdef QUOTETRACE_INGEST_DATA
    candidates.emplace_back(QUOTETRACE_INGEST_DATA);
#endif
    if (const char* env = std::getenv("QUOTETRACE_TEST_DATA")) candidates.push_back(fs::path(env) / "ingest");
    candidates.push_back(fs::path(__FILE__).parent_path().parent_path() / "data" / "ingest");
    for (fs::path up = fs::current_path(); !up.empty(); up = up.parent_path()) {
        candidates.push_back(up / "tests" / "data" / "ingest");
        if (up == up.parent_path()) break;
    }
    for (const fs::path& c : candidates)
        if (fs::exists(c / "page.html")) return c;
    FAIL("tests/data/ingest not found; set QUOTETRACE_TEST_DATA to the tests/data folder");
    return {};
}

// A fresh folder under the system temp dir, removed at the end of the test.
struct temp_dir {
    fs::path path;
    temp_dir()
    {
        std::random_device rd;
        path = fs::temp_directory_path() / ("quotetrace_ingest_" + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~temp_dir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

// Every map must be sorted and stay inside the source.
void check_anchors(const document& d, std::size_t source_size)
{
    for (std::size_t k = 0; k < d.anchors.size(); ++k) {
        CHECK(d.anchors[k].source <= source_size);
        CHECK(d.anchors[k].text <= d.text.size());
        if (k > 0) CHECK(d.anchors[k - 1].text < d.anchors[k].text);
    }
}

std::vector<std::string> lines_of(std::string_view text)
{
    std::vector<std::string> out;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        out.emplace_back(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return out;
}

}  // namespace

TEST_CASE("document::source_offset follows the anchors")
{
    struct row {
        const char* name;
        std::vector<anchor> anchors;
        std::size_t text;
        std::size_t source;
    };
    const row rows[] = {
        {"no anchors is the identity", {}, 17, 17},
        {"BOM removed: everything shifts by 3", {{0, 3}}, 5, 8},
        {"after a jump", {{0, 0}, {10, 40}}, 12, 42},
        {"exactly on an anchor", {{0, 0}, {10, 40}}, 10, 40},
        {"before the first anchor is the identity", {{4, 10}}, 2, 2},
        {"identity prefix never passes the first anchor", {{4, 2}}, 3, 2},
        // "ab" U+FFFD "cd" from "ab\xFF" "cd": text 2..4 is the replacement of byte 2.
        {"start of a replacement", {{5, 3}}, 2, 2},
        {"inside a replacement stays on the bad byte", {{5, 3}}, 4, 3},
        {"after a replacement", {{5, 3}}, 6, 4},
        {"a backward jump is not a bound", {{0, 100}, {5, 10}}, 4, 104},
        {"past the last anchor runs on", {{0, 100}, {5, 10}}, 9, 14},
    };
    for (const row& r : rows) {
        INFO(r.name);
        document d;
        d.anchors = r.anchors;
        CHECK(d.source_offset(r.text) == r.source);
    }
    document d;
    d.anchors = {{0, 3}};
    CHECK(d.source_span(span{1, 4}) == span{4, 7});
}

TEST_CASE("format(diagnostic) names the input and the place")
{
    struct row {
        diagnostic d;
        const char* expected;
    };
    const row rows[] = {
        {{severity::warning, "utf8.invalid", "a.txt", 17, 0, "invalid UTF-8"},
         "a.txt@17: warning [utf8.invalid] invalid UTF-8"},
        {{severity::error, "jsonl.malformed", "feed.jsonl", 0, 3, "not valid JSON"},
         "feed.jsonl:3: error [jsonl.malformed] not valid JSON"},
        {{severity::note, "x.y", "-", 0, 0, "m"}, "-@0: note [x.y] m"},
    };
    for (const row& r : rows) CHECK(format(r.d) == r.expected);
}

TEST_CASE("repair_utf8 replaces each maximal invalid subpart with one U+FFFD")
{
    struct row {
        const char* name;
        std::string in;
        std::string out;
        std::size_t bad;
    };
    const row rows[] = {
        {"ASCII passes through", "plain text, said she.", "plain text, said she.", 0},
        {"2-, 3- and 4-byte characters pass through", "„Zitat“ – café 😀 «ok»", "„Zitat“ – café 😀 «ok»", 0},
        {"NBSP passes through", "a\u00A0b", "a\u00A0b", 0},
        {"CR bytes are kept", "a\r\nb\rc", "a\r\nb\rc", 0},
        {"overlong C0 AF is two subparts", "a\xC0\xAF" "b", "a" + fffd + fffd + "b", 2},
        {"overlong E0 80 AF", "x\xE0\x80\xAFy", "x" + fffd + fffd + fffd + "y", 3},
        {"overlong F0 8F", "x\xF0\x8F\xBF\xBFy", "x" + fffd + fffd + fffd + fffd + "y", 4},
        {"truncated E2 80 at end", "ab\xE2\x80", "ab" + fffd, 1},
        {"truncated E2 80 before ASCII", "\xE2\x80" "c", fffd + "c", 1},
        {"truncated 4-byte", "d\xF0\x9F\x98", "d" + fffd, 1},
        {"lone continuation byte", "a\x80" "b", "a" + fffd + "b", 1},
        {"two lone continuations", "a\x80\xBF" "b", "a" + fffd + fffd + "b", 2},
        {"surrogate ED A0 80", "s\xED\xA0\x80t", "s" + fffd + fffd + fffd + "t", 3},
        {"above U+10FFFF", "u\xF4\x90\x80\x80v", "u" + fffd + fffd + fffd + fffd + "v", 4},
        {"F5 is never a lead", "\xF5w", fffd + "w", 1},
        {"FF FE", "\xFF\xFEz", fffd + fffd + "z", 2},
        {"bad byte after 8 clean ASCII bytes", "abcdefghijklmnop\xFFqrstuvwxyz", "abcdefghijklmnop" + fffd + "qrstuvwxyz", 1},
        {"BOM stripped", "\xEF\xBB\xBFhi", "hi", 0},
        {"BOM stripped, then bad byte", "\xEF\xBB\xBFh\xFFi", "h" + fffd + "i", 1},
        {"empty", "", "", 0},
    };
    for (const row& r : rows) {
        INFO(r.name);
        std::vector<anchor> anchors{{99, 99}};  // replaced, not appended to
        std::vector<diagnostic> diags;
        std::size_t bad = 12345;
        const std::string out = ingest::repair_utf8(r.in, "t.txt", anchors,
                                                    [&](const diagnostic& d) { diags.push_back(d); }, &bad);
        CHECK(out == r.out);
        CHECK(bad == r.bad);
        CHECK(diags.size() == (r.bad > 0 ? 1u : 0u));
        if (r.bad == 0 && r.in.rfind("\xEF\xBB\xBF", 0) != 0) CHECK(anchors.empty());

        // Each ASCII letter that occurs once maps back to its own byte.
        document d;
        d.text = out;
        d.anchors = anchors;
        for (std::size_t t = 0; t < out.size(); ++t) {
            const char c = out[t];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) continue;
            if (std::count(r.in.begin(), r.in.end(), c) != 1) continue;
            CAPTURE(t);
            CHECK(d.source_offset(t) == r.in.find(c));
        }
        CHECK(d.source_offset(out.size()) == r.in.size());
    }
}

TEST_CASE("repair_utf8 maps replacements to the bad bytes and reports once")
{
    const std::string in = "ab\xFF" "cd\xC0\xAF" "ef";
    std::vector<anchor> anchors;
    std::vector<diagnostic> diags;
    std::size_t bad = 0;
    const std::string out = ingest::repair_utf8(in, "news/a.txt", anchors,
                                                [&](const diagnostic& d) { diags.push_back(d); }, &bad);
    REQUIRE(out == "ab" + fffd + "cd" + fffd + fffd + "ef");
    document d;
    d.text = out;
    d.anchors = anchors;
    CHECK(d.source_span({2, 5}) == span{2, 3});    // first U+FFFD is byte 2
    CHECK(d.source_span({7, 10}) == span{5, 6});   // C0
    CHECK(d.source_span({10, 13}) == span{6, 7});  // AF
    CHECK(d.source_span({13, 15}) == span{7, 9});  // "ef"
    CHECK(bad == 3);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "utf8.invalid");
    CHECK(diags[0].input == "news/a.txt");
    CHECK(diags[0].offset == 2);
    CHECK(diags[0].message.find("3 sequences") != std::string::npos);
    CHECK(format(diags[0]).rfind("news/a.txt@2: warning [utf8.invalid] ", 0) == 0);
}

TEST_CASE("html_document keeps the visible article text of a page")
{
    const std::string page = slurp(data_dir() / "page.html");
    REQUIRE(!page.empty());
    const document d = ingest::html_document("page.html", page);
    CHECK(d.kind == input_format::html);
    check_anchors(d, page.size());
    const std::vector<std::string> lines = lines_of(d.text);

    SUBCASE("furniture is dropped")
    {
        for (const char* gone : {"script text", "color: red", "World", "Sport", "Copyright",
                                 "newsletter", "Subscribe", "Enable JavaScript", "Tags: politics",
                                 "Mayor opens bridge", "Council budget", "Related", "The Daily Planet"}) {
            CAPTURE(gone);
            CHECK(d.text.find(gone) == std::string::npos);
        }
    }
    SUBCASE("the headline comes first, each block on its own line, whitespace collapsed")
    {
        const std::vector<std::string> expected = {
            "Mayor vows to “fight on”",
            "Breaking: markets close early.",
            "By Jane Roe & John Doe",
            "2 March",
            "“We will not stop,” said the\u00A0mayor, Ana Lima, at the café on Main Street.",
            "Her rival, Tom Berg, said the plan was “reckless”.",
            "Ana Lima in 2023.",
            "Cities are built by people, not plans.",
            "— Ana Lima",
        };
        CHECK(lines == expected);
        CHECK(d.text.back() == '\n');
    }
    SUBCASE("words map back to their bytes in the page")
    {
        // text as analysed -> the bytes it starts at in the page
        const std::pair<const char*, const char*> rows[] = {
            {"Mayor vows", "Mayor vows"}, {"fight on", "fight on"},  {"John Doe", "John Doe"},
            {"stop,”", "stop,”"},       {"mayor, Ana", "mayor, Ana"}, {"café", "caf&eacute;"},
            {"on Main", "on Main"},      {"the plan", "the plan"},    {"Cities", "Cities"},
            {"— Ana", "— Ana"},          {"Breaking", "Breaking"},
        };
        for (const auto& row : rows) {
            const auto& [text, source] = row;
            CAPTURE(row.first);  // clang 14 cannot capture a structured binding
            const std::size_t t = d.text.find(text);
            REQUIRE(t != std::string::npos);
            const std::size_t s = d.source_offset(t);
            CHECK(page.substr(s, std::strlen(source)) == source);
        }
        // A span ending at a line end ends right after its last byte.
        const std::size_t t = d.text.find("early.");
        const span src = d.source_span({t, t + 6});
        CHECK(page.substr(src.begin, src.size()) == "early.");
    }
    SUBCASE("metadata comes from the head")
    {
        CHECK(d.meta.title.value == "Mayor vows to fight on | The Daily Planet");
        CHECK(d.meta.title.from == origin::text);
        CHECK(d.meta.language.value == "en-GB");
        CHECK(d.meta.url.value == "https://planet.example/news/mayor-vows");
        CHECK(d.meta.outlet.value == "The Daily Planet");
        CHECK(d.meta.date.value == "2024-03-01T09:30:00Z");
    }
}

TEST_CASE("html_document on small pages")
{
    struct row {
        const char* name;
        std::string page;
        std::string text;
    };
    const row rows[] = {
        {"paragraphs", "<p>a</p><p>b</p>", "a\nb\n"},
        {"whitespace collapses", "<p>  x \t\n  y  </p>", "x y\n"},
        {"br ends a line", "<div>a<br>b</div>", "a\nb\n"},
        {"inline elements join", "<p>a<b>b</b> <i>c</i></p>", "ab c\n"},
        {"block inside inline text", "<div>one<p>two</p>three</div>", "one\ntwo\nthree\n"},
        {"entities", "<p>1 &lt; 2 &amp;&amp; 3 &gt; 2 &#8212; &#x201C;q&#x201D;</p>", "1 < 2 && 3 > 2 — “q”\n"},
        {"bare ampersand", "<p>AT&T and R&D</p>", "AT&T and R&D\n"},
        {"script, style, template, svg", "<script>s</script><style>t</style><template>u</template><svg><text>v</text></svg><p>w</p>", "w\n"},
        {"hidden elements", "<p hidden>h</p><div style=\"display: none\">n</div><p>v</p>", "v\n"},
        {"link list dropped", "<ul><li><a href=1>A</a></li><li><a href=2>B</a></li><li><a href=3>C</a></li></ul><p>t</p>", "t\n"},
        {"two links are not a menu", "<p><a href=1>A</a> and <a href=2>B</a></p>", "A and B\n"},
        {"table cells", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc\n"},
        {"site header dropped, article header kept", "<header>Site</header><article><header><p>By X</p></header><p>Body</p></article>", "By X\nBody\n"},
        {"blockquote footer kept", "<blockquote><p>Q</p><footer>— Z</footer></blockquote><footer>F</footer>", "Q\n— Z\n"},
        {"title is not text", "<title>T</title><p>b</p>", "b\n"},
        {"headline first", "<p>kicker</p><h1>Head</h1><p>body</p>", "Head\nkicker\nbody\n"},
        {"logo h1 in the site header loses to the article's", "<header><h1>Logo</h1></header><h1>Real</h1>", "Real\n"},
        {"CRLF in a text node", "<p>a\r\nb</p>", "a b\n"},
        {"empty page", "", ""},
    };
    for (const row& r : rows) {
        INFO(r.name);
        const document d = ingest::html_document("t.html", r.page);
        CHECK(d.text == r.text);
        check_anchors(d, r.page.size());
    }
}

TEST_CASE("html_document maps words after entities, CRLF and bad bytes exactly")
{
    const std::pair<std::string, const char*> rows[] = {
        {"<p>Tom &amp; Jerry &eacute;t&eacute; Zed</p>", "Zed"},
        {"<p>line one\r\nline two</p>", "two"},
        {"<p>caf\xE9 is ok</p>", "ok"},
        {"<p>&copy2024 Foo</p>", "Foo"},
        {"\xEF\xBB\xBF<p>after bom</p>", "bom"},
        {"<p>one &amp; </div></font>two &amp; </b>three</p>", "three"},
    };
    for (const auto& row : rows) {
        const auto& [page, word] = row;
        CAPTURE(row.first);
        const document d = ingest::html_document("t.html", page);
        check_anchors(d, page.size());
        const std::size_t t = d.text.find(word);
        REQUIRE(t != std::string::npos);
        CHECK(d.source_offset(t) == page.find(word));
        CHECK(d.source_offset(t + std::strlen(word)) == page.find(word) + std::strlen(word));
    }
    const document bad = ingest::html_document("t.html", "<p>caf\xE9 is ok</p>");
    CHECK(bad.text == "caf" + fffd + " is ok\n");
}

TEST_CASE("html_document survives pathological pages")
{
    SUBCASE("gumbo 0.10.1 asserts on CDATA in <svg> inside <table>")
    {
        const document d = ingest::html_document("t.html", "<table><svg><title><![CDATA[x]]>\xEF</title></svg></table><p>after</p>");
        CHECK(d.text.find("after") != std::string::npos);
    }
    SUBCASE("nesting 100000 deep is flattened, not a stack overflow")
    {
        std::string page = "<html><head><title>Deep</title></head><body>";
        for (int i = 0; i < 100000; ++i) {
            page += i % 2 == 0 ? "<div class=\"c\">" : "<span>";
            if (i % 10000 == 0) {
                // appended piecewise: g++ 12 warns (-Wrestrict) on "w" + std::to_string(i) (GCC bug 105329)
                page += 'w';
                page += std::to_string(i);
                page += " &amp; ";
            }
        }
        page += "last";
        const collected c = read_buf("deep.html", page);
        REQUIRE(c.docs.size() == 1);
        CHECK(c.with_code("html.too_deep").size() == 1);
        const document& d = c.docs[0];
        CHECK(d.meta.title.value == "Deep");
        for (const char* word : {"w0 &", "w50000 &", "last"}) {
            CAPTURE(word);
            const std::size_t t = d.text.find(word);
            REQUIRE(t != std::string::npos);
            const std::string_view w(word);
            CHECK(page.substr(d.source_offset(t), w.size() - 1) == w.substr(0, w.size() - 1));
        }
    }
    SUBCASE("old pages with thousands of unclosed <p><font> keep their structure")
    {
        std::string page;
        for (int i = 0; i < 5000; ++i) page += "<p><font face=x>para " + std::to_string(i) + "\n";
        const collected c = read_buf("old.html", page);
        REQUIRE(c.docs.size() == 1);
        CHECK(c.with_code("html.too_deep").empty());
        CHECK(lines_of(c.docs[0].text).size() == 5000);
    }
}

TEST_CASE("JSONL records: fields, aliases, malformed lines")
{
    const fs::path file = data_dir() / "articles.jsonl";
    const collected c = read({file.string()});

    CHECK(c.counts.documents == 3);
    CHECK(c.counts.skipped == 3);
    REQUIRE(c.docs.size() == 3);

    SUBCASE("named fields")
    {
        const document& d = c.docs[0];
        CHECK(d.id == "a1");
        CHECK(d.kind == input_format::jsonl);
        CHECK(d.path == file.string());
        CHECK(d.text == "Hello “world”, she said.");
        CHECK(d.anchors.empty());
        CHECK(d.meta.title.value == "First");
        CHECK(d.meta.url.value == "https://x.example/1");
        CHECK(d.meta.outlet.value == "X Times");
        CHECK(d.meta.date.value == "2024-01-01");
        CHECK(d.meta.language.value == "en");
        CHECK(d.meta.outlet.from == origin::jsonl);
    }
    SUBCASE("news-please aliases and the default id")
    {
        const document& d = c.docs[1];
        CHECK(d.id == "articles.jsonl:2");
        CHECK(d.text == "Main text here.");
        CHECK(d.meta.outlet.value == "y.example");
        CHECK(d.meta.date.value == "2024-02-02 10:00:00");
        CHECK(d.meta.language.known() == false);
    }
    SUBCASE("HTML in the text field")
    {
        const document& d = c.docs[2];
        CHECK(d.id == "7");
        CHECK(d.text == "Para one.\nTwo & three.\n");
        CHECK(d.meta.title.value == "From HTML");
        CHECK(d.meta.title.from == origin::jsonl);
    }
    SUBCASE("each malformed line is reported with its line number")
    {
        const auto bad = c.with_code("jsonl.malformed");
        REQUIRE(bad.size() == 3);
        const std::size_t lines[] = {3, 4, 7};
        for (std::size_t k = 0; k < 3; ++k) {
            CHECK(bad[k]->line == lines[k]);
            CHECK(bad[k]->input == file.string());
        }
        CHECK(bad[1]->message.find("text") != std::string::npos);
        CHECK(format(*bad[0]).rfind(file.string() + ":3: warning [jsonl.malformed]", 0) == 0);
    }
}

TEST_CASE("read_buffer: format by name, else sniffed")
{
    struct row {
        const char* name;
        std::string bytes;
        input_format kind;
        std::string text;
    };
    const row rows[] = {
        {"a.txt", "<b>no page marker</b>", input_format::text, "<b>no page marker</b>"},
        {"a.txt", "  <html><body><p>x</p></body></html>", input_format::html, "x\n"},
        {"a.htm", "plain words", input_format::html, "plain words\n"},
        {"feed", "\n{\"text\":\"t\"}\n", input_format::jsonl, "t"},
        {"feed.ndjson", "{\"maintext\":\"m\"}", input_format::jsonl, "m"},
        {"notes", "{ not json in a .txt? no: sniffed as JSONL }", input_format::jsonl, ""},
        {"notes.txt", "{ a text file that starts with a brace }", input_format::text,
         "{ a text file that starts with a brace }"},
    };
    for (const row& r : rows) {
        INFO(r.name);
        CAPTURE(r.bytes);
        const collected c = read_buf(r.name, r.bytes);
        if (r.text.empty()) {
            CHECK(c.docs.empty());
            CHECK(c.counts.skipped == 1);
            continue;
        }
        REQUIRE(c.docs.size() == 1);
        CHECK(c.docs[0].kind == r.kind);
        CHECK(c.docs[0].text == r.text);
    }
}

TEST_CASE("read_buffer: repair, size limit, bad JSONL bytes")
{
    SUBCASE("plain text keeps its name and counts a repair")
    {
        const collected c = read_buf("dir/x.txt", "ok \xFF bad");
        REQUIRE(c.docs.size() == 1);
        CHECK(c.docs[0].id == "x.txt");
        CHECK(c.docs[0].path == "dir/x.txt");
        CHECK(c.counts.repaired == 1);
        REQUIRE(c.with_code("utf8.invalid").size() == 1);
        CHECK(c.with_code("utf8.invalid")[0]->offset == 3);
    }
    SUBCASE("too large is cut at a character boundary")
    {
        ingest::options opt;
        opt.max_document_bytes = 5;
        const collected c = read_buf("big.txt", "abcd\u20ACf", opt);  // € is bytes 4..6
        REQUIRE(c.docs.size() == 1);
        CHECK(c.docs[0].text == "abcd");
        REQUIRE(c.with_code("input.too_large").size() == 1);
        CHECK(c.with_code("input.too_large")[0]->input == "big.txt");
        CHECK(c.with_code("utf8.invalid").empty());
    }
    SUBCASE("a JSONL line with an invalid byte still yields its article")
    {
        const collected c = read_buf("f.jsonl", "{\"text\":\"caf\xE9 ok\"}\n");
        REQUIRE(c.docs.size() == 1);
        CHECK(c.docs[0].text == "caf" + fffd + " ok");
        CHECK(c.counts.repaired == 1);
        REQUIRE(c.with_code("utf8.invalid").size() == 1);
        CHECK(c.with_code("utf8.invalid")[0]->input == "f.jsonl:1");
    }
    SUBCASE("NUL bytes inside text are repaired like invalid UTF-8, with their place")
    {
        // two NULs in 150 bytes: text (a file of NUL more than 1 byte in 64 is binary)
        const std::string tail(128, '.');
        const collected c = read_buf("n.txt", std::string("He said \0 no.\0 Twice.", 21) + tail);
        REQUIRE(c.docs.size() == 1);
        CHECK(c.docs[0].text == "He said " + fffd + " no." + fffd + " Twice." + tail);
        CHECK(c.docs[0].source_offset(c.docs[0].text.find("Twice")) == 15);
        CHECK(c.counts.repaired == 1);
        REQUIRE(c.with_code("utf8.invalid").size() == 1);
        CHECK(c.with_code("utf8.invalid")[0]->offset == 8);
        CHECK(c.with_code("utf8.invalid")[0]->message.find("NUL byte") != std::string::npos);
    }
    SUBCASE("an empty or blank input is skipped, by name")
    {
        for (const char* bytes : {"", " \n\t\n"}) {
            const collected c = read_buf("e.txt", bytes);
            CHECK(c.docs.empty());
            CHECK(c.counts.skipped == 1);
            REQUIRE(c.with_code("input.empty").size() == 1);
            CHECK(c.with_code("input.empty")[0]->input == "e.txt");
        }
    }
    SUBCASE("a cut document counts as repaired")
    {
        ingest::options opt;
        opt.max_document_bytes = 4;
        CHECK(read_buf("c.txt", "abcdef", opt).counts.repaired == 1);
    }
    SUBCASE("a page deeper than the HTML depth limit is flattened, at its place, and counts as repaired")
    {
        ingest::options opt;
        opt.max_html_depth = 10;
        std::string page = "<html><body>";
        for (int k = 0; k < 20; ++k) page += "<div>";
        page += "<p>Deep text.</p>";
        for (int k = 0; k < 20; ++k) page += "</div>";
        const collected c = read_buf("d.html", page, opt);
        REQUIRE(c.docs.size() == 1);
        CHECK(c.docs[0].text.find("Deep text.") != std::string::npos);
        CHECK(c.counts.repaired == 1);
        REQUIRE(c.with_code("html.too_deep").size() == 1);
        CHECK(c.with_code("html.too_deep")[0]->offset == std::string("<html><body>").size() + 8 * 5);
        CHECK(read_buf("d.html", page).with_code("html.too_deep").empty());
    }
    SUBCASE("binary bytes are skipped")
    {
        const collected c = read_buf("x.bin", std::string("PK\x03\x04\0\0data", 10));
        CHECK(c.docs.empty());
        CHECK(c.counts.skipped == 1);
        CHECK(c.with_code("input.binary").size() == 1);
    }
    SUBCASE("exceptions from the caller's sinks are not swallowed")
    {
        const auto throwing = [](document&&) { throw std::runtime_error("sink full"); };
        CHECK_THROWS_WITH(ingest::read_buffer("a.txt", "text", {}, throwing, [](const diagnostic&) {}),
                          "sink full");
        CHECK_THROWS_WITH(ingest::read_paths({(data_dir() / "tree").string()}, {}, throwing, [](const diagnostic&) {}),
                          "sink full");
        const auto refuse = [](const diagnostic& d) { throw std::runtime_error("diag " + d.code); };
        CHECK_THROWS_WITH(ingest::read_paths({"/no/such/quotetrace/path"}, {}, [](document&&) {}, refuse),
                          "diag input.unreadable");
    }
}

TEST_CASE("read_paths: a folder, recursive and sorted, with sidecar and manifest metadata")
{
    const fs::path tree = data_dir() / "tree";
    const collected c = read({tree.string()});

    std::vector<std::string> ids;
    for (const document& d : c.docs) ids.push_back(d.id);
    CHECK(ids == std::vector<std::string>{"a.txt", "b.txt", "c.html", "z.jsonl:1"});
    CHECK(c.counts.documents == 4);
    CHECK(c.counts.skipped == 0);
    CHECK(c.diags.empty());
    REQUIRE(c.docs.size() == 4);

    const document& a = c.docs[0];
    CHECK(a.path == (tree / "a.txt").string());
    CHECK(a.text == "First file.\n");
    CHECK(a.meta.outlet.value == "Sidecar Times");  // sidecar beats manifest
    CHECK(a.meta.outlet.from == origin::sidecar);
    CHECK(a.meta.title.value == "From the sidecar");
    CHECK(a.meta.date.value == "2024-05-01");
    CHECK(a.meta.date.from == origin::manifest);

    const document& b = c.docs[1];
    CHECK(b.text == "Second file.\r\nWith CRLF.\r\n");
    CHECK(b.meta.outlet.value == "Manifest Post");
    CHECK(b.meta.outlet.from == origin::manifest);
    CHECK(b.meta.url.value == "https://manifest.example/b");

    const document& html = c.docs[2];
    CHECK(html.kind == input_format::html);
    CHECK(html.text == "Dritter Text.\n");
    CHECK(html.meta.outlet.value == "Sub Outlet");  // NAME.meta.yaml form
    CHECK(html.meta.title.value == "Drei");
    CHECK(html.meta.title.from == origin::text);
    CHECK(html.meta.language.value == "de");

    CHECK(c.docs[3].text == "From JSONL.");
}

TEST_CASE("read_paths: binary, broken metadata, list manifests, missing paths")
{
    temp_dir tmp;
    const fs::path& root = tmp.path;
    write(root / "good.txt", "fine");
    write(root / "image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    write(root / "ctrl.txt", std::string(60, 'a') + std::string(40, '\x01'));
    write(root / "page.txt", "<!doctype html><html><body><p>Sniffed page.</p></body></html>");
    write(root / "broken.txt", "text survives");
    write(root / "broken.txt.meta.yaml", "outlet: ok\ntitle: a: b\nlanguage: en\n");
    write(root / "list" / "x.txt", "listed");
    write(root / "list" / "manifest.yaml", "- file: x.txt\n  outlet: Listed Outlet\n  language: fr\n");
    write(root / "bad_manifest" / "y.txt", "why");
    write(root / "bad_manifest" / "manifest.yaml", "documents:\n  y.txt:\n    outlet: a: b\n");
    write(root / "feed.jsonl", std::string("{\"text\":\"a\"}\n\0\0\0", 16));
    write(root / ".git" / "config", "hidden folder");

    const std::string missing = (root / "no-such-file.txt").string();
    const collected c = read({root.string(), missing});

    std::vector<std::string> ids;
    for (const document& d : c.docs) ids.push_back(d.id);
    CHECK(ids == std::vector<std::string>{"y.txt", "broken.txt", "good.txt", "x.txt", "page.txt"});
    CHECK(c.counts.skipped == 4);  // image.png, ctrl.txt, feed.jsonl, missing

    const auto binary = c.with_code("input.binary");
    REQUIRE(binary.size() == 3);
    CHECK(binary[0]->input == (root / "ctrl.txt").string());
    CHECK(binary[1]->input == (root / "feed.jsonl").string());
    CHECK(binary[2]->input == (root / "image.png").string());

    const auto unreadable = c.with_code("input.unreadable");
    REQUIRE(unreadable.size() == 1);
    CHECK(unreadable[0]->input == missing);

    const auto invalid = c.with_code("meta.invalid");
    REQUIRE(invalid.size() == 2);
    CHECK(invalid[0]->input == (root / "bad_manifest" / "manifest.yaml").string());
    CHECK(invalid[0]->line == 3);
    CHECK(invalid[1]->input == (root / "broken.txt.meta.yaml").string());
    CHECK(invalid[1]->line == 2);

    const document* broken = c.by_id("broken.txt");
    REQUIRE(broken != nullptr);
    CHECK(broken->text == "text survives");
    CHECK(!broken->meta.outlet.known());

    const document* y = c.by_id("y.txt");
    REQUIRE(y != nullptr);
    CHECK(y->text == "why");

    const document* listed = c.by_id("x.txt");
    REQUIRE(listed != nullptr);
    CHECK(listed->meta.outlet.value == "Listed Outlet");
    CHECK(listed->meta.language.value == "fr");

    const document* page = c.by_id("page.txt");
    REQUIRE(page != nullptr);
    CHECK(page->kind == input_format::html);
    CHECK(page->text == "Sniffed page.\n");
}

TEST_CASE("read_paths: too large files are cut with a warning")
{
    temp_dir tmp;
    write(tmp.path / "long.txt", "0123456789\u00E9xyz");  // é is bytes 10..11
    ingest::options opt;
    opt.max_document_bytes = 11;
    const collected c = read({(tmp.path / "long.txt").string()}, opt);
    REQUIRE(c.docs.size() == 1);
    CHECK(c.docs[0].text == "0123456789");
    REQUIRE(c.with_code("input.too_large").size() == 1);
    CHECK(c.with_code("input.too_large")[0]->input == (tmp.path / "long.txt").string());
}

TEST_CASE("read_paths: a JSONL line over twice the limit is read up to it, and its record kept")
{
    temp_dir tmp;
    const std::string text(5000, 'w');
    const std::string line = "{\"id\":\"big\",\"text\":\"" + text + "\"}";
    write(tmp.path / "long.jsonl", line + "\n{\"id\":\"next\",\"text\":\"Next.\"}\n");
    ingest::options opt;
    opt.max_document_bytes = 1000;
    const collected c = read({(tmp.path / "long.jsonl").string()}, opt);
    REQUIRE(c.docs.size() == 2);
    CHECK(c.docs[0].id == "big");
    CHECK(c.docs[0].text == text.substr(0, 1000));
    CHECK(c.docs[1].text == "Next.");
    CHECK(c.counts.repaired == 1);
    const auto cut = c.with_code("input.too_large");
    REQUIRE(cut.size() == 2);  // the line, then the text
    CHECK(cut[0]->line == 1);
    CHECK(cut[0]->message.find("line of " + std::to_string(line.size()) + " bytes") != std::string::npos);
}

TEST_CASE("garbage in never throws and keeps maps in bounds")
{
    std::mt19937 rng(12345);
    const char* names[] = {"g.txt", "g.html", "g.jsonl", "g"};
    const std::string pieces[] = {"<p>", "</p>", "<a href=x>", "</a>", "&amp;", "&#", "&", ";", "\xFF",
                                  "\xE2\x80", "{\"text\":\"", "\"}", "\n", "\r\n", " ", "word", "<script>",
                                  "<h1>", "\xC3\xA9", "<br>", "<!--", "-->", "<table><td>"};
    for (int round = 0; round < 300; ++round) {
        std::string bytes;
        const int n = static_cast<int>(rng() % 40);
        for (int k = 0; k < n; ++k) bytes += pieces[rng() % std::size(pieces)];
        CAPTURE(bytes);
        collected c;
        CHECK_NOTHROW(c.counts = ingest::read_buffer(names[round % 4], bytes, {}, c.sink(), c.diag()));
        const document page = ingest::html_document("g.html", bytes);
        check_anchors(page, bytes.size());
        for (std::size_t t = 0; t <= page.text.size(); ++t) CHECK(page.source_offset(t) <= bytes.size());
    }
}
