// Dense string ids: each distinct string gets the next id, is found again by
// its bytes only (UTF-8, empty, long, colliding buckets), and survives the
// table's growth.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>

#include "src/match/string_ids.hpp"

using quotetrace::match::detail::string_ids;

TEST_CASE("ids are dense, in order of first insertion") {
    string_ids ids;
    bool added = false;
    const struct {
        const char* key;
        std::uint32_t id;
        bool added;
    } cases[] = {
        {"war", 0, true},     {"peace", 1, true},   {"war", 0, false},        {"", 2, true},
        {"“war”", 3, true},   {"War", 4, true},     {"peace", 1, false},      {"", 2, false},
        {"a longer key than eight bytes", 5, true}, {"a longer key than eight bytez", 6, true},
    };
    for (const auto& c : cases) {
        CAPTURE(c.key);
        CHECK(ids.insert(c.key, added) == c.id);
        CHECK(added == c.added);
        CHECK(ids.at(c.id) == c.key);
    }
    CHECK(ids.size() == 7);
    CHECK(ids.find("wa") == string_ids::missing);
    CHECK(ids.find(std::string_view("war\0", 4)) == string_ids::missing);
}

TEST_CASE("growth keeps every id, and clear forgets them") {
    string_ids ids;
    bool added = false;
    for (int k = 0; k < 5000; ++k) CHECK(ids.insert(std::to_string(k) + "w", added) == static_cast<std::uint32_t>(k));
    for (int k = 0; k < 5000; ++k) CHECK(ids.find(std::to_string(k) + "w") == static_cast<std::uint32_t>(k));
    CHECK(ids.bytes() > 5000);
    ids.clear();
    CHECK(ids.size() == 0);
    CHECK(ids.find("1w") == string_ids::missing);
    CHECK(ids.insert("1w", added) == 0);
    CHECK(added);
}

TEST_CASE("the hash depends on every byte") {
    CHECK(string_ids::hash("abcdefgh1") != string_ids::hash("abcdefgh2"));
    CHECK(string_ids::hash("a") != string_ids::hash(std::string_view("a\0", 2)));
    CHECK(string_ids::hash("") == string_ids::hash(""));
}
