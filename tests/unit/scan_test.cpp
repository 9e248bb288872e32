// The candidate scan: where a cue word may start, as byte offsets.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "src/extract/scan.hpp"
#include "test_support.hpp"

using namespace quotetrace;

namespace {

const extract::cue_scanner& scanner() {
    static const extract::cue_scanner s(test::english());
    return s;
}

// The word at each candidate offset, "word@offset", so a wrong offset shows.
std::vector<std::string> candidates(std::string_view t, span where) {
    std::vector<std::size_t> at;
    scanner().scan(t, where, at);
    std::vector<std::string> out;
    for (const std::size_t p : at) {
        std::size_t e = p;
        while (e < t.size() && ((t[e] | 0x20) >= 'a' && (t[e] | 0x20) <= 'z')) ++e;
        out.push_back(std::string(t.substr(p, e - p)) + "@" + std::to_string(p));
    }
    return out;
}

std::vector<std::string> candidates(std::string_view t) { return candidates(t, {0, t.size()}); }

// The expected list for `t`: each word at its n-th occurrence as a whole word.
std::vector<std::string> expect(std::string_view t, const std::vector<std::string>& words) {
    std::vector<std::string> out;
    std::size_t from = 0;
    for (const auto& w : words) {
        std::size_t p = t.find(w, from);
        REQUIRE_MESSAGE(p != std::string_view::npos, w);
        out.push_back(w + "@" + std::to_string(p));
        from = p + w.size();
    }
    return out;
}

using list = std::vector<std::string>;

}  // namespace

TEST_CASE("cue words, first words of phrases and according") {
    struct row { std::string in; list want; };
    const std::vector<row> rows = {
        {"“China cannot have it both ways,” Stoltenberg said.", {"said"}},
        {"Kremlin spokesman Dmitry Peskov, however, said the talks were over.", {"said"}},
        {"He also told reporters that the alliance was ready.", {"told"}},
        {"She pointed out that NATO had grown to 32 members.", {"pointed"}},
        {"The NATO chief went on to say that Beijing was to blame.", {"went", "say", "blame"}},
        {"According to Russian news agency Interfax, the visit is planned.", {"According"}},
        {"according to observers", {"according"}},
        {"As Blinken put it, “the door is open.”", {"put"}},
        {"Officials believe Beijing thinks otherwise, the report found.", {"believe", "thinks", "report", "found"}},
        {"The minister warned, added, stressed and insisted.", {"warned", "added", "stressed", "insisted"}},
        {"No cue here at all: the talks ended.", {}},
        {"", {}},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(candidates(r.in) == expect(r.in, r.want));
    }
}

TEST_CASE("ASCII case does not matter") {
    struct row { std::string in; list want; };
    const std::vector<row> rows = {
        {"Said the minister: no.", {"Said"}},
        {"PESKOV SAID THE TALKS WERE OVER", {"SAID"}},
        {"sAiD, ACCORDING, Told", {"sAiD", "ACCORDING", "Told"}},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(candidates(r.in) == expect(r.in, r.want));
    }
    for (const char* w : {"said", "SAID", "Said", "according", "pointed", "went", "told", "believes"}) {
        CAPTURE(w);
        CHECK(scanner().is_candidate(w));
    }
}

TEST_CASE("only whole words: a cue inside a longer word is not a candidate") {
    struct row { std::string in; list want; };
    const std::vector<row> rows = {
        {"The saidx token and the unsaid words.", {}},
        {"Saidov, the Uzbek envoy, arrived.", {}},
        {"It was a resaid line, unsaid and retold.", {}},
        {"Reportedly, the accordingly planned visit went ahead.", {"went"}},
        {"The pointedly silent minister.", {}},
        // punctuation, digits and hyphens end a word; the cue after them counts
        {"so-called “peace”: said2 times; (said) 'said'", {"called", "said", "said", "said"}},
        {"\"said\"", {"said"}},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(candidates(r.in) == expect(r.in, r.want));
    }
    for (const char* w : {"saidx", "unsaid", "sai", "s", "", "said,", "said ", "according to", "pointed out",
                          "Stoltenberg"}) {
        CAPTURE(w);
        CHECK_FALSE(scanner().is_candidate(w));
    }
}

TEST_CASE("offsets are bytes, also after non-ASCII text") {
    struct row { std::string in; list want; };
    const std::vector<row> rows = {
        {"« Nous ne céderons pas », a dit le ministre, who later said no.", {"said"}},
        {"„Wir schaffen das“, Angela Merkel said in Berlin.", {"said"}},
        {"彼は「勝つ」と言った。 Kishida said so.", {"said"}},
        {"Mr.\xC2\xA0Stoltenberg\xC2\xA0said\xC2\xA0on Monday.", {"said"}},
        {"Zelenskyy’s aide Mykhailo Podolyak told Reuters.", {"told"}},
        {"Ms. Müller-Lüdenscheidt said: “Genug.”", {"said"}},
        {"😀😀 said 😀 according", {"said", "according"}},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(candidates(r.in) == expect(r.in, r.want));
    }
}

TEST_CASE("words across eight-byte blocks, and words cut by the span's edges") {
    const std::string t = "1234567said 12345678said.xsaid,said";
    CHECK(candidates(t) == list{"said@7", "said@20", "said@31"});
    CHECK(candidates(t, {0, 9}).empty());  // "sa": the span ends inside the word
    CHECK(candidates(t, {8, t.size()}) == list{"said@20", "said@31"});  // "aid"
    CHECK(candidates(t, {31, t.size()}) == list{"said@31"});
}

TEST_CASE("the scan stays inside its span and appends") {
    const std::string t = "Stoltenberg said it. Blinken added more. Peskov told reporters.";
    const std::size_t b = t.find("Blinken");
    const std::size_t e = t.find("Peskov");
    CHECK(candidates(t, {b, e}) == list{"added@" + std::to_string(t.find("added"))});
    CHECK(candidates(t, {0, t.size()}) == expect(t, {"said", "added", "told"}));
    CHECK(candidates(t, {e, e}).empty());
    CHECK(candidates(t, {e, t.size() + 100}) == expect(t, {"told"}));  // an end past the text is clamped

    std::vector<std::size_t> out = {7};
    scanner().scan(t, {0, b}, out);
    CHECK(out == std::vector<std::size_t>{7, t.find("said")});
}
