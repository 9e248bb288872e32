// Incremental ingest: the same article twice changes nothing, a later
// article joins the statements stored before, an interrupted ingest leaves
// the store whole and can be run again.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "quotetrace/ingest.hpp"
#include "quotetrace/graph.hpp"
#include "quotetrace/pipeline.hpp"
#include "quotetrace/who_said.hpp"
#include "test_support.hpp"

using namespace quotetrace;

namespace {

const std::string seeds = QUOTETRACE_SOURCE_GRAMMARS "/../seeds/";

document read_seed(const std::string& name) {
    std::vector<document> docs;
    ingest::read_paths({seeds + name}, {}, [&](document&& d) { docs.push_back(std::move(d)); }, [](const diagnostic&) {});
    REQUIRE(docs.size() == 1);
    return std::move(docs.front());
}

const extractor& the_extractor() {
    static const extractor ex(test::english());
    return ex;
}

pipeline::ingest_result ingest_seed(store::database& db, const std::string& name) {
    pipeline::ingester in(db, the_extractor(), test::english(), test::matcher().sim);
    auto doc = read_seed(name);
    return in.add(doc);
}

// statement numbers of the stored quotes whose text contains `words`, by document
std::map<std::string, std::set<std::uint32_t>> statements_with(const store::database& db, const std::string& words) {
    std::map<std::int64_t, std::string> names;
    db.each_document([&](const store::document_row& d) { names[d.id] = d.name; });
    std::map<std::string, std::set<std::uint32_t>> out;
    db.each_quote([&](std::int64_t doc, const store::quote_row& q) {
        if (q.text.find(words) != std::string::npos) out[names[doc]].insert(q.statements.begin(), q.statements.end());
    });
    return out;
}

const char* const s001 = "001_4cd515b1816362b4.txt";
const char* const s003 = "003_fc44ccf4c878b1e0.txt";

}  // namespace

TEST_CASE("ingesting the same article again changes nothing") {
    test::temp_dir dir("ingester");
    store::database db(dir.dir() + "/q.db");
    const auto first = ingest_seed(db, s001);
    CHECK(first.what == pipeline::outcome::added);
    CHECK(first.quotes > 5);
    const auto before = db.count();
    const auto again = ingest_seed(db, s001);
    CHECK(again.what == pipeline::outcome::unchanged);
    const auto after = db.count();
    CHECK(after.documents == before.documents);
    CHECK(after.quotes == before.quotes);
    CHECK(after.statements == before.statements);
    CHECK(db.check().problems.empty());
}

TEST_CASE("a new article that reports a stored statement joins it") {
    test::temp_dir dir("ingester");
    const std::string path = dir.dir() + "/q.db";
    {
        store::database db(path);
        ingest_seed(db, s001);
    }
    store::database db(path);  // a later run: the index is restored from the store
    const auto r = ingest_seed(db, s003);
    CHECK(r.what == pipeline::outcome::added);
    CHECK(r.new_statements < r.quotes);
    const auto blinken = statements_with(db, "block the support");
    REQUIRE(blinken.size() == 2);
    CHECK(blinken.at(s001) == blinken.at(s003));
    const auto europe = statements_with(db, "What happens in Europe");
    REQUIRE(europe.size() == 2);
    std::set<std::uint32_t> shared;
    for (const auto n : europe.at(s001))
        if (europe.at(s003).count(n)) shared.insert(n);
    CHECK_FALSE(shared.empty());
    CHECK(db.check().problems.empty());
}

TEST_CASE("incremental ingest groups quotes as one run over all articles does") {
    test::temp_dir dir("ingester");
    store::database once(dir.dir() + "/once.db");
    {
        pipeline::ingester in(once, the_extractor(), test::english(), test::matcher().sim);
        for (const auto* name : {s001, s003}) {
            auto doc = read_seed(name);
            in.add(doc);
        }
    }
    store::database stepwise(dir.dir() + "/step.db");
    ingest_seed(stepwise, s001);
    ingest_seed(stepwise, s003);
    auto memberships = [](const store::database& db) {
        std::vector<std::vector<std::uint32_t>> out;
        db.each_quote([&](std::int64_t, const store::quote_row& q) { out.push_back(q.statements); });
        return out;
    };
    CHECK(memberships(once) == memberships(stepwise));
}

TEST_CASE("a run per article stores and restores what one run keeps in memory") {
    const std::vector<std::string> all = {"000_4c50b77ef91d456f.txt", s001, "002_e386a2f4b144bfe4.txt", s003,
                                          "004_ec39493773d21da9.txt"};
    test::temp_dir dir("ingester");
    store::database once(dir.dir() + "/once.db");
    {
        pipeline::ingester in(once, the_extractor(), test::english(), test::matcher().sim);
        for (const auto& name : all) {
            auto doc = read_seed(name);
            in.add(doc);
        }
    }
    store::database stepwise(dir.dir() + "/step.db");
    for (const auto& name : all) ingest_seed(stepwise, name);
    auto quotes = [](const store::database& db) {
        std::vector<std::tuple<std::string, std::vector<std::uint32_t>, int, std::string>> out;
        db.each_quote([&](std::int64_t, const store::quote_row& q) {
            std::string kept;
            for (const auto& [n, sentence] : q.kept_statements) kept += std::to_string(n) + ":" + std::to_string(sentence) + " ";
            out.emplace_back(q.speaker, q.statements, q.indexed, kept);
        });
        return out;
    };
    auto learned = [](const store::database& db) {
        std::vector<std::pair<std::string, std::string>> out;
        db.each_learned([&](const std::string& name, const std::string& title) { out.emplace_back(name, title); });
        return out;
    };
    const auto q = quotes(once);
    CHECK(q == quotes(stepwise));
    CHECK(std::any_of(q.begin(), q.end(), [](const auto& x) { return std::get<2>(x) == 2 && !std::get<3>(x).empty(); }));
    // names and titles learned from the text (not only from the gazetteer),
    // each once: a later run starts knowing them instead of learning again
    const auto names = learned(once);
    CHECK(names == learned(stepwise));
    CHECK(std::any_of(names.begin(), names.end(), [](const auto& x) { return x.second.empty(); }));
    CHECK(std::any_of(names.begin(), names.end(), [](const auto& x) { return !x.second.empty(); }));
    CHECK(std::set(names.begin(), names.end()).size() == names.size());
}

TEST_CASE("an ingest interrupted between statements is rolled back and can be redone") {
    test::temp_dir dir("ingester");
    const std::string path = dir.dir() + "/q.db";
    store::counts before;
    {
        store::database db(path);
        ingest_seed(db, s001);
        before = db.count();
    }
    {
        store::options opt;
        opt.after_row = [](std::size_t rows) {
            if (rows == 9) throw std::runtime_error("power cut");
        };
        store::database db(path, opt);
        pipeline::ingester in(db, the_extractor(), test::english(), test::matcher().sim);
        auto doc = read_seed(s003);
        CHECK_THROWS_AS(in.add(doc), std::runtime_error);
        // the ingester knows its index no longer matches the store
        auto again = read_seed(s003);
        CHECK_THROWS_AS(in.add(again), error);
        const auto after = db.count();
        CHECK(after.documents == before.documents);
        CHECK(after.quotes == before.quotes);
        CHECK(after.statements == before.statements);
        CHECK(db.check().problems.empty());
    }
    store::database db(path);
    const auto r = ingest_seed(db, s003);
    CHECK(r.what == pipeline::outcome::added);
    CHECK(db.count().documents == before.documents + 1);
    CHECK(db.check().problems.empty());
    CHECK(statements_with(db, "block the support").size() == 2);
}

TEST_CASE("metadata facts: outlet and date as the metadata gives them, nothing guessed") {
    document d;
    d.id = "a.txt";
    d.meta.outlet = {"Yonhap", origin::manifest};
    d.meta.date = {"June 19, 2024", origin::sidecar};
    const auto f = pipeline::metadata_facts(d, std::vector<quote>(3));
    REQUIRE(f.facts.outlet);
    CHECK(f.facts.outlet->value == "Yonhap");
    CHECK(f.facts.outlet->rule == "metadata");
    CHECK(store::iso_date(f.facts.published_on) == "2024-06-19");
    CHECK(f.said.size() == 3);
    document none;
    none.meta.date = {"sometime", origin::jsonl};
    const auto g = pipeline::metadata_facts(none, {});
    CHECK_FALSE(g.facts.outlet);
    CHECK_FALSE(g.facts.published);
}

TEST_CASE("who-said over a store answers as over the store's whole graph") {
    test::temp_dir dir("ingester");
    store::database db(dir.dir() + "/q.db");
    for (const auto* name : {s001, s003}) ingest_seed(db, name);
    const auto whole = graph::provenance_graph::from_store(db);
    const query::who_said_index index(whole, test::matcher().sim);
    for (const char* question : {"What happens in Europe is important in Asia",
                                 "block the support Iran and North Korea provide to Russia",
                                 "The price of bananas in Lisbon doubled last winter"}) {
        CAPTURE(question);
        const auto a = index.ask(question);
        const auto b = query::ask_store(db, test::matcher().sim, question);
        REQUIRE(a.size() == b.size());
        for (std::size_t k = 0; k < a.size(); ++k) {
            CHECK(a[k].speaker == b[k].speaker);
            CHECK(a[k].confidence == doctest::Approx(b[k].confidence));
            REQUIRE(a[k].statements.size() == b[k].statements.size());
            CHECK(a[k].statements[0].id == b[k].statements[0].id);
            CHECK(a[k].statements[0].reports.size() == b[k].statements[0].reports.size());
        }
    }
    const auto sub = graph::provenance_graph::from_store(db, {1});
    CHECK(sub.count(graph::vertex_kind::statement) >= 1);
    CHECK(sub.count(graph::vertex_kind::occurrence) < whole.count(graph::vertex_kind::occurrence));
}

TEST_CASE("a second ingest that started before the first wrote is turned away, not mixed in") {
    test::temp_dir dir("ingester");
    const std::string path = dir.dir() + "/q.db";
    store::database first_db(path), second_db(path);
    pipeline::ingester first(first_db, the_extractor(), test::english(), test::matcher().sim);
    pipeline::ingester second(second_db, the_extractor(), test::english(), test::matcher().sim);
    auto a = read_seed(s001);
    first.add(a);
    const auto before = first_db.count();
    auto b = read_seed(s003);
    try {
        second.add(b);
        FAIL("two ingests numbered statements independently");
    } catch (const error& e) {
        CHECK(e.id() == "store.concurrent");
    }
    CHECK(second_db.count().documents == before.documents);
    CHECK(second_db.check().problems.empty());
}
