// The SQLite store: dates and content hashes, documents written whole or not
// at all, re-opening, and the integrity check finding what it should.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <sqlite3.h>

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
    const std::string path = dir.dir() + "/q.db";
    {
        store::database db(path);
        auto d = sample("002.txt", "text");
        db.add(d);
        REQUIRE(db.check().problems.empty());
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

TEST_CASE("a file that is not a store is refused by name") {
    test::temp_dir dir("store");
    dir.write("notes.db", std::string(4096, 'x'));
    try {
        store::database db(dir.dir() + "/notes.db");
        FAIL("opened a text file as a store");
    } catch (const error& e) {
        CHECK(e.id() == "store.schema");
        CHECK(std::string(e.what()).find("notes.db") != std::string::npos);
    }
    try {
        store::database db(dir.dir() + "/no/such/folder/q.db");
        FAIL("opened a store in a missing folder");
    } catch (const error& e) {
        CHECK(e.id() == "store.open");
    }
}
