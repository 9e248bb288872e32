// The SQLite store: dates and content hashes, documents written whole or not
// at all, re-opening, and the integrity check finding what it should.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "quotetrace/error.hpp"
#include "quotetrace/store.hpp"
#include "test_support.hpp"

using namespace quotetrace;

namespace {

store::document_row sample(const std::string& name, const std::string& text) {
    store::document_row d;
    d.name = name;
    d.path = "/tmp/" + name;
    d.hash = store::content_hash(text);
    d.outlet = "IANS";
    d.outlet_rule = "metadata";
    d.published = "2024-06-19";
    d.citations.push_back({"Interfax", {10, 30}, "according-to"});
    store::quote_row a;
    a.seq = 0;
    a.text = "What happens in Europe matters for Asia";
    a.where = {5, 44};
    a.speaker = "Jens Stoltenberg";
    a.statements = {1};
    a.stems = "happen europ matter asia";
    store::quote_row b = a;
    b.seq = 1;
    b.text = "We will block the support";
    b.where = {50, 75};
    b.speaker = "Antony Blinken";
    b.statements = {2};
    d.quotes = {a, b};
    return d;
}

void same_counts(const store::counts& a, const store::counts& b) {
    CHECK(a.documents == b.documents);
    CHECK(a.quotes == b.quotes);
    CHECK(a.statements == b.statements);
    CHECK(a.speakers == b.speakers);
    CHECK(a.citations == b.citations);
}

// A store at DIR/q.db holding one sample document.
std::string sample_store(const test::temp_dir& dir) {
    const std::string path = dir.dir() + "/q.db";
    store::database db(path);
    auto d = sample("002.txt", "text");
    db.add(d);
    return path;
}

void exec(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

}  // namespace

TEST_CASE("dates read from metadata and written as sortable text") {
    struct row {
        const char* text;
        const char* iso;
    };
    const row table[] = {
        {"2024-06-19", "2024-06-19"},       {"2024-06-19T08:30:00Z", "2024-06-19"}, {"2024/06/19", "2024-06-19"},
        {"June 19, 2024", "2024-06-19"},    {"19 June 2024", "2024-06-19"},         {"Jun. 19, 2024", "2024-06-19"},
        {"2024-06", "2024-06"},             {"2024", "2024"},                       {"", ""},
        {"yesterday", ""},                  {"2024-13-01", ""},                     {"19/06/2024", ""},
    };
    for (const auto& r : table) {
        CAPTURE(r.text);
        CHECK(store::iso_date(store::parse_date(r.text)) == r.iso);
    }
}

TEST_CASE("the content hash tells texts apart and is stable") {
    CHECK(store::content_hash("abc") == store::content_hash("abc"));
    CHECK(store::content_hash("abc") != store::content_hash("abd"));
    CHECK(store::content_hash("") != store::content_hash(std::string(1, '\0')));
    CHECK(store::content_hash("a longer text of more than eight bytes") !=
          store::content_hash("a longer text of more than eight byteS"));
    CHECK(store::content_hash("x").size() == 32);
}

TEST_CASE("a document is written whole and read back") {
    test::temp_dir dir("store");
    const std::string path = dir.dir() + "/q.db";
    {
        store::database db(path);
        auto d = sample("002.txt", "text one");
        db.add(d);
        CHECK(d.id > 0);
        CHECK(db.has(d.hash));
        CHECK_FALSE(db.has(store::content_hash("other")));
    }
    const store::database db(path);  // re-opened
    const auto n = db.count();
    CHECK(n.documents == 1);
    CHECK(n.quotes == 2);
    CHECK(n.statements == 2);
    CHECK(n.speakers == 2);
    CHECK(n.citations == 1);
    std::vector<store::quote_row> quotes;
    db.each_quote([&](std::int64_t, const store::quote_row& q) { quotes.push_back(q); });
    REQUIRE(quotes.size() == 2);
    CHECK(quotes[0].text == "What happens in Europe matters for Asia");
    CHECK(quotes[0].where == span{5, 44});
    CHECK(quotes[0].statements == std::vector<std::uint32_t>{1});
    CHECK(quotes[1].speaker == "Antony Blinken");
    CHECK(db.check().problems.empty());
}

TEST_CASE("how the index held each quote and what the registry learned come back; older stores still read") {
    test::temp_dir dir("store");
    const std::string path = dir.dir() + "/q.db";
    {
        store::database db(path);
        auto d = sample("002.txt", "text one");
        d.quotes[0].indexed = 2;
        d.quotes[0].kept_statements = {{1, -1}, {3, 0}};
        d.quotes[0].restore_keys = std::string("\x01\x00\xff keys", 8);
        d.quotes[1].indexed = 0;
        d.learned_names = {"Jens Stoltenberg"};
        d.learned_titles = {{"Jens Stoltenberg", "nato"}, {"Jens Stoltenberg", "chief"}};
        db.add(d);
    }
    auto read_back = [&](const store::database& db) {
        std::vector<store::quote_row> quotes;
        db.each_quote([&](std::int64_t, const store::quote_row& q) { quotes.push_back(q); });
        std::vector<std::pair<std::string, std::string>> learned;
        db.each_learned([&](const std::string& n, const std::string& t) { learned.emplace_back(n, t); });
        return std::pair(quotes, learned);
    };
    {
        const store::database db(path);
        const auto [quotes, learned] = read_back(db);
        REQUIRE(quotes.size() == 2);
        CHECK(quotes[0].indexed == 2);
        CHECK(quotes[0].kept_statements == std::vector<std::pair<std::uint32_t, int>>{{1, -1}, {3, 0}});
        CHECK(quotes[0].restore_keys == std::string("\x01\x00\xff keys", 8));
        CHECK(quotes[1].indexed == 0);
        CHECK(quotes[1].restore_keys.empty());
        CHECK(quotes[1].kept_statements.empty());
        CHECK(learned == std::vector<std::pair<std::string, std::string>>{
                             {"Jens Stoltenberg", ""}, {"Jens Stoltenberg", "nato"}, {"Jens Stoltenberg", "chief"}});
    }
    // a store written before these were kept: read as unknown, and a
    // writer adds the columns
    exec(path, "DROP TABLE learned; ALTER TABLE quotes DROP COLUMN kept; ALTER TABLE quotes DROP COLUMN indexed; "
               "ALTER TABLE quotes DROP COLUMN restore_keys");
    {
        const store::database reader(path, [] {
            store::options o;
            o.read_only = true;
            return o;
        }());
        const auto [quotes, learned] = read_back(reader);
        REQUIRE(quotes.size() == 2);
        CHECK(quotes[0].indexed == -1);
        CHECK(quotes[0].restore_keys.empty());
        CHECK(learned.empty());
    }
    store::database writer(path);
    auto d = sample("003.txt", "text two");
    d.quotes[0].indexed = 1;
    d.quotes[0].restore_keys = "keys";
    writer.add(d);
    const auto [quotes, learned] = read_back(writer);
    REQUIRE(quotes.size() == 4);
    CHECK(quotes[0].indexed == -1);
    CHECK(quotes[2].indexed == 1);
    CHECK(quotes[2].restore_keys == "keys");
    CHECK(writer.check().problems.empty());
}

TEST_CASE("an interrupted write leaves the store as it was") {
    test::temp_dir dir("store");
    const std::string path = dir.dir() + "/q.db";
    std::size_t fail_at = 0;
    store::options opt;
    opt.after_row = [&](std::size_t rows) {
        if (fail_at && rows == fail_at) throw std::runtime_error("interrupted");
    };
    store::database db(path, opt);
    auto first = sample("001.txt", "first");
    db.add(first);
    const auto before = db.count();
    // rows: document, citation, speaker, quote, membership, ... : stop between the two statements
    for (std::size_t at : {1u, 2u, 4u, 5u, 6u}) {
        CAPTURE(at);
        fail_at = at;
        auto second = sample("002.txt", "second");
        second.quotes[0].statements = {3};
        second.quotes[1].speaker = "Someone New";
        second.quotes[1].statements = {4};
        CHECK_THROWS_AS(db.add(second), std::runtime_error);
        CHECK(second.id == 0);
        same_counts(db.count(), before);
        CHECK_FALSE(db.has(second.hash));
        CHECK(db.check().problems.empty());
    }
    fail_at = 0;
    auto second = sample("002.txt", "second");
    second.quotes[0].statements = {1};
    db.add(second);
    CHECK(db.count().documents == 2);
    CHECK(db.count().statements == 2);
    CHECK(db.check().problems.empty());
}

TEST_CASE("check finds broken invariants") {
    test::temp_dir dir("store");
    const std::string path = sample_store(dir);
    {
        const auto r = store::database(path).check();
        REQUIRE(r.problems.empty());
        CHECK_FALSE(r.corrupted);
        CHECK(r.checked.size() >= 4);
    }
    SUBCASE("a document missing a quote") {
        exec(path, "DELETE FROM quote_statements WHERE quote = 2; DELETE FROM quotes WHERE id = 2");
        const auto r = store::database(path).check();
        REQUIRE(r.problems.size() >= 1);
        CHECK(r.problems[0].find("fewer or more quotes") != std::string::npos);
    }
    SUBCASE("a merged statement that still holds a quote") {
        exec(path, "UPDATE statements SET merged_into = 1 WHERE id = 2");
        const auto r = store::database(path).check();
        bool found = false;
        for (const auto& p : r.problems) found = found || p.find("merged statement still holds quotes: 2") != std::string::npos;
        CHECK(found);
    }
    SUBCASE("each other invariant, broken in a copy") {
        struct row {
            const char* sql;
            const char* found;
        };
        const row table[] = {
            {"UPDATE statements SET merged_into = 2 WHERE id = 1; DELETE FROM quote_statements WHERE statement = 1; "
             "UPDATE quote_statements SET statement = 2",
             "statement merged into a later one"},
            {"UPDATE statements SET speaker = (SELECT id FROM speakers WHERE name = 'Antony Blinken') WHERE id = 1",
             "statement's speaker said none of its quotes: 1"},
            {"UPDATE quotes SET seq = 5 WHERE seq = 1", "quote numbered outside its document's 0..n-1: 002.txt #5"},
            {"UPDATE documents SET hash = 'not hex'", "content hash is not 32 hex digits: 002.txt"},
            {"INSERT INTO quote_terms(quote_terms, rowid, stems) VALUES ('delete', 1, 'happen europ matter asia')",
             "who-said index: stem \"asia\" indexed for 1 quotes, held by 2"},
            {"UPDATE quote_statements SET sentence = -5", "sentence number is negative"},
            {"UPDATE citations SET start = 40, end = 3", "citation span ends before it begins"},
            {"UPDATE quotes SET text = 'What happens in Europa matters for Asia' WHERE seq = 0",
             "document's rows differ from what was written (digest): 002.txt"},
            {"UPDATE speakers SET name = 'Jens Stoltenburg' WHERE name = 'Jens Stoltenberg'",
             "document's rows differ from what was written (digest): 002.txt"},
        };
        for (const auto& r : table) {
            CAPTURE(r.sql);
            const std::string copy = dir.dir() + "/copy.db";
            std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing);
            exec(copy, r.sql);
            const auto report = store::database(copy).check();
            bool found = false;
            for (const auto& p : report.problems) found = found || p.find(r.found) != std::string::npos;
            CHECK_MESSAGE(found, (report.problems.empty() ? std::string("no problem") : report.problems[0]));
            CHECK_FALSE(report.corrupted);
        }
    }
    SUBCASE("a gap in statement numbers") {
        exec(path, "INSERT INTO statements(id) VALUES (7)");
        const auto r = store::database(path).check();
        bool gap = false, empty = false;
        for (const auto& p : r.problems) {
            gap = gap || p.find("not 1..N") != std::string::npos;
            empty = empty || p.find("statement has no quote: 7") != std::string::npos;
        }
        CHECK(gap);
        CHECK(empty);
    }
}

// The error id opening `path` gives (read-only or not), "" when it opens;
// the message must name the file.
std::string refusal(const std::string& path, bool read_only = false) {
    store::options o;
    o.read_only = read_only;
    try {
        store::database db(path, o);
    } catch (const error& e) {
        CHECK_MESSAGE(std::string(e.what()).find(path) != std::string::npos, e.what());
        return e.id();
    }
    return "";
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST_CASE("a file that is not a store is refused by name") {
    test::temp_dir dir("store");
    dir.write("notes.db", std::string(4096, 'x'));
    try {
        store::database db(dir.dir() + "/notes.db");
        FAIL("opened a text file as a store");
    } catch (const error& e) {
        CHECK(e.id() == "store.foreign");
        CHECK(std::string(e.what()).find("notes.db: not a quotetrace store") != std::string::npos);
    }
    try {
        store::database db(dir.dir() + "/no/such/folder/q.db");
        FAIL("opened a store in a missing folder");
    } catch (const error& e) {
        CHECK(e.id() == "store.open");
    }
}

TEST_CASE("damaged and foreign files: each refused by name, for what it is") {
    test::temp_dir dir("store");
    const std::string path = sample_store(dir);
    const std::string bytes = read_file(path);
    REQUIRE(bytes.size() >= 3 * 4096);
    std::filesystem::remove(path);
    // refused the same way by a writer and a reader
    auto refused_as = [&](const char* id) {
        CHECK(refusal(path, false) == id);
        CHECK(refusal(path, true) == id);
    };
    SUBCASE("an empty file") {
        dir.write("q.db", "");
        refused_as("store.foreign");
        CHECK(std::filesystem::file_size(path) == 0);  // left as it was
    }
    SUBCASE("a directory") {
        std::filesystem::create_directory(path);
        refused_as("store.open");
    }
    SUBCASE("cut short") {
        dir.write("q.db", bytes.substr(0, bytes.size() - 4096));
        refused_as("store.corrupt");
    }
    SUBCASE("its SQLite header gone, its tables still there") {
        std::string b = bytes;
        b[0] = 'X';
        dir.write("q.db", b);
        refused_as("store.corrupt");
    }
    SUBCASE("another program's database") {
        exec(path, "CREATE TABLE notes(body TEXT)");
        refused_as("store.foreign");
    }
    SUBCASE("a newer schema") {
        dir.write("q.db", bytes);
        exec(path, "UPDATE meta SET value = '2' WHERE key = 'schema'");
        refused_as("store.schema");
    }
    SUBCASE("read-only: a missing store is not created") {
        CHECK(refusal(path, true) == "store.missing");
        CHECK_FALSE(std::filesystem::exists(path));
    }
    SUBCASE("a writer refuses a store with a damaged page; check reports it") {
        std::string b = bytes;
        b[b.size() - 4096] = '\x7f';  // the last page's b-tree page type
        dir.write("q.db", b);
        CHECK(refusal(path) == "store.corrupt");
        CHECK(read_file(path) == b);  // nothing written
        store::options o;
        o.read_only = true;
        const auto r = store::database(path, o).check();
        CHECK(r.corrupted);
        CHECK_FALSE(r.problems.empty());
    }
}

TEST_CASE("a new store appears whole, and a reader reads one snapshot") {
    test::temp_dir dir("store");
    const std::string path = dir.dir() + "/q.db";
    store::database writer(path);
    for (const auto& f : std::filesystem::directory_iterator(dir.path()))
        CHECK_MESSAGE(f.path().filename().string().rfind("q.db", 0) == 0, f.path());
    CHECK_FALSE(std::filesystem::exists(path + ".new-" + std::to_string(::getpid())));
    auto first = sample("001.txt", "first");
    writer.add(first);
    store::options o;
    o.read_only = true;
    const store::database reader(path, o);
    CHECK(reader.count().documents == 1);
    auto second = sample("002.txt", "second");
    second.quotes[0].statements = {3};
    second.quotes[1].statements = {4};
    writer.add(second);  // a reader never holds the writer up
    CHECK(reader.count().documents == 1);
    std::size_t quotes = 0;
    reader.each_quote([&](std::int64_t, const store::quote_row&) { ++quotes; });
    CHECK(quotes == 2);
    CHECK(store::database(path, o).count().documents == 2);
    CHECK(reader.check().problems.empty());
}
