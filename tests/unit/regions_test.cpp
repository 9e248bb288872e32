// Line regions: furniture, headlines, bylines, captions and body, table-driven.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "src/clean/regions.hpp"
#include "test_support.hpp"

using namespace quotetrace;

namespace {

const char* name(region_kind k) {
    switch (k) {
    case region_kind::headline: return "headline";
    case region_kind::byline: return "byline";
    case region_kind::body: return "body";
    case region_kind::caption: return "caption";
    case region_kind::boilerplate: return "boilerplate";
    }
    return "?";
}

// One "kind | line" per region, so a failure shows the whole page.
std::string classify(std::string_view t, std::string_view title = {}) {
    std::string out;
    for (const auto& r : clean::find_regions(t, test::english(), title)) {
        out += name(r.kind);
        out += " | ";
        out += r.where.in(t);
        out += '\n';
    }
    return out;
}

struct line {
    const char* kind;
    std::string text;
};

// The page as text (one line each) and the listing classify() should give.
void page(const std::vector<line>& lines, std::string& text, std::string& want) {
    for (const auto& l : lines) {
        text += l.text + "\n";
        const auto b = l.text.find_first_not_of(' ');
        const auto e = l.text.find_last_not_of(' ');
        want += std::string(l.kind) + " | " + (b == std::string::npos ? "" : l.text.substr(b, e - b + 1)) + "\n";
    }
}

struct row {
    const char* what;
    std::vector<line> lines;
    std::string title = {};
};

void run(const std::vector<row>& rows) {
    for (const auto& r : rows) {
        std::string text, want;
        page(r.lines, text, want);
        const std::string what = r.what;
        CAPTURE(what);
        CHECK(classify(text, r.title) == want);
    }
}

}  // namespace

TEST_CASE("furniture lines, sections, copyright and disclaimers") {
    run({
        {"an agency story with app banner, related stories and footer",
         {{"boilerplate", "Open in App"},
          {"headline", "NATO chief warns China over support for Russia"},
          {"byline", "By IANS | Updated: Jun 18, 2024 07:31 IST"},
          {"body", "Washington [US], June 18 (ANI): NATO Secretary General Jens Stoltenberg on Monday warned China "
                   "that it cannot keep normal trade ties with Europe while fuelling the war in Ukraine."},
          {"body", "“China cannot have it both ways,” Stoltenberg said at the Wilson Center."},
          {"boilerplate", "Related Stories"},
          {"boilerplate", "Putin to visit North Korea this week"},
          {"boilerplate", "Kim hails ‘invincible’ ties with Moscow"},
          {"boilerplate", "© 2024 Example News. All rights reserved."},
          {"boilerplate", "Disclaimer: This story is auto-generated from a syndicated feed."}}},
        {"furniture lines match case-insensitively after trimming",
         {{"headline", "Flood defences hold as river peaks"},
          {"boilerplate", "SHARE THIS ARTICLE"},
          {"boilerplate", "  Text   Size "},
          {"body", "The river Elbe peaked at 7.2 metres on Sunday, but the new walls held, officials in Dresden said."},
          {"boilerplate", "Advertisement"},
          {"body", "Water levels are expected to fall slowly over the coming days, the city said."}}},
        {"copyright and disclaimer lines after the body",
         {{"headline", "Flood defences hold as river peaks"},
          {"body", "The river Elbe peaked at 7.2 metres on Sunday, but the new walls held, officials in Dresden said."},
          {"boilerplate", "Copyright 2024 The Associated Press. All rights reserved. This material may not be "
                          "published, broadcast, rewritten or redistributed."},
          {"boilerplate", "Disclaimer: This story has not been edited by Example News staff and is "
                          "auto-published from a syndicated feed."}}},
        {"a long paragraph ends a related-stories section",
         {{"headline", "Putin heads to Pyongyang"},
          {"body", "Russian President Vladimir Putin will visit North Korea this week for the first time in 24 "
                   "years, the Kremlin said."},
          {"boilerplate", "More Stories"},
          {"boilerplate", "Kremlin says visit ‘not directed against anyone’"},
          {"boilerplate", "Seoul summons Russian ambassador"},
          {"body", "Kremlin spokesman Dmitry Peskov told reporters on Monday that the two countries would sign a "
                   "number of documents during the visit, including agreements on security, trade and transport, "
                   "and that Putin would hold talks with Kim Jong Un over two days in Pyongyang before flying on to "
                   "Vietnam for a second state visit."},
          {"body", "“The visit is not directed against anyone,” Peskov said."}}},
    });
}

TEST_CASE("related-story shapes: time stamps and lines that repeat themselves") {
    run({
        {"a stamped link and a doubled link between paragraphs",
         {{"headline", "Putin heads to Pyongyang"},
          {"body", "Russian President Vladimir Putin will visit North Korea this week for the first time in 24 "
                   "years, the Kremlin said."},
          {"boilerplate", "Putin arrives in Pyongyang for rare visit 2024-06-18 07:31"},
          {"boilerplate", "US calls ties trend of 'great concern' US calls ties trend of 'great concern' 2024-06-18 | World"},
          {"body", "“We are watching this very closely,” a State Department spokesperson told reporters in Washington."}}},
        {"a stamp before the body starts",
         {{"boilerplate", "Seoul summons Russian envoy over Pyongyang pact 2024-06-20 14:05"},
          {"headline", "Putin heads to Pyongyang"},
          {"body", "Russian President Vladimir Putin will visit North Korea this week for the first time in 24 "
                   "years, the Kremlin said."}}},
        {"a date without a time is not a stamp",
         {{"headline", "Putin heads to Pyongyang"},
          {"body", "The visit was announced on 2024-06-17 by the Kremlin, which gave no further details."}}},
    });
    // A long paragraph that mentions a time stamp is still article text.
    const std::string longer =
        "The ministry’s statement, posted at 2024-06-18 07:31 local time on its Telegram channel, said that Russian "
        "and North Korean officials had agreed the text of a new treaty on comprehensive strategic partnership, "
        "which Putin and Kim Jong Un were expected to sign on Wednesday during the first visit of a Russian leader "
        "to Pyongyang in 24 years.";
    REQUIRE(longer.size() >= 300);
    run({{"a long paragraph with a stamp",
          {{"headline", "Putin heads to Pyongyang"}, {"body", longer}}}});
}

TEST_CASE("headlines and bylines") {
    run({
        {"the first short unpunctuated lines are headlines",
         {{"headline", "Flood defences hold as river peaks"},
          {"headline", "Elbe floods"},
          {"body", "“The walls did exactly what they were built to do,” engineer Sofia Lang said on Sunday."},
          {"boilerplate", "Weather"},
          {"body", "Water levels are expected to fall slowly over the coming days, the city said."},
          {"body", "Asked about the cost, she said: “Every euro was worth it.”"}}},
        {"bylines in several shapes",
         {{"headline", "NATO chief warns China over support for Russia"},
          {"byline", "By IANS | Updated: Jun 18, 2024 07:31 IST"},
          {"byline", "BY MATTHEW LEE and AAMER MADHANI, Associated Press"},
          {"body", "NATO Secretary General Jens Stoltenberg on Monday warned China that it cannot keep normal "
                   "trade ties with Europe."}}},
        {"a sentence that opens with “By” is not a byline",
         {{"headline", "Kremlin rejects talks"},
          {"body", "Kremlin spokesman Dmitry Peskov said on Monday that Moscow saw no basis for negotiations."},
          {"body", "By then, “it will be too late,” Peskov warned."},
          {"body", "By Monday, Moscow had recalled its ambassador."}}},
        {"a punctuated first line is body, not a headline",
         {{"body", "NATO Secretary General Jens Stoltenberg warned China on Monday."},
          {"body", "“China cannot have it both ways,” he said."}}},
    });
}

TEST_CASE("repeated lines become captions") {
    run({
        {"a photo caption printed twice, and the headline reused as a caption",
         {{"headline", "Stoltenberg visits Washington"},
          {"body", "Jens Stoltenberg speaks during a news conference at the Wilson Center in Washington on Monday."},
          {"body", "The NATO chief urged allies to keep sending air defence systems to Ukraine before winter."},
          {"caption", "Jens Stoltenberg speaks during a news conference at the Wilson Center in Washington on Monday."},
          {"caption", "Stoltenberg visits Washington: what the alliance wants next"}}},
        {"the metadata title repeated after the body has started",
         {{"headline", "NATO summit 2024"},
          {"body", "NATO Secretary General Jens Stoltenberg on Monday warned China over its support for Russia."},
          {"caption", "Stoltenberg warns China over Russia ties - Reuters video"}},
         "Stoltenberg warns China over Russia ties"},
        {"without that title the same line is body",
         {{"headline", "NATO summit 2024"},
          {"body", "NATO Secretary General Jens Stoltenberg on Monday warned China over its support for Russia."},
          {"body", "Stoltenberg warns China over Russia ties - Reuters video"}}},
    });
}

TEST_CASE("a teaser cut with an ellipsis and repeated in full is a caption") {
    const std::string full =
        "Stoltenberg said China is fuelling the biggest conflict in Europe since World War II and wants good "
        "relations with the West at the same time.";
    run({
        {"three dots",
         {{"headline", "NATO chief warns China"},
          {"caption", "Stoltenberg said China is fuelling the biggest conflict in Europe since World War II..."},
          {"body", "Washington, June 18: NATO Secretary General Jens Stoltenberg spoke at the Wilson Center on Monday."},
          {"body", full}}},
        {"a typographic ellipsis, once the body has started",
         {{"headline", "NATO chief warns China"},
          {"body", "Washington, June 18: NATO Secretary General Jens Stoltenberg spoke at the Wilson Center on Monday."},
          {"caption", "Stoltenberg said China is fuelling the biggest conflict in Europe…"},
          {"body", full}}},
        {"a trailing ellipsis that nothing repeats stays body",
         {{"headline", "NATO chief warns China"},
          {"body", "The talks dragged on into the night and nobody in the room was sure what would come next..."},
          {"body", full}}},
    });
}

TEST_CASE("region spans point at the trimmed bytes of each line") {
    const std::string t =
        "  Open in App\r\n"
        "\xC2\xA0NATO chief warns China\xC2\xA0\r\n"
        "\n"
        "   \n"
        "\t“China cannot have it both ways,” Stoltenberg said at the Wilson Center.  \n"
        "Water levels are expected to fall slowly, the city said.";
    const auto regions = clean::find_regions(t, test::english());
    struct want {
        region_kind kind;
        std::string_view text;
    };
    const std::vector<want> wants = {
        {region_kind::boilerplate, "Open in App"},
        {region_kind::headline, "NATO chief warns China"},
        {region_kind::body, "“China cannot have it both ways,” Stoltenberg said at the Wilson Center."},
        {region_kind::body, "Water levels are expected to fall slowly, the city said."},
    };
    REQUIRE(regions.size() == wants.size());
    std::size_t prev_end = 0;
    for (std::size_t i = 0; i < wants.size(); ++i) {
        CAPTURE(i);
        CHECK(regions[i].kind == wants[i].kind);
        CHECK(regions[i].where.begin == t.find(wants[i].text));
        CHECK(regions[i].where.end == t.find(wants[i].text) + wants[i].text.size());
        CHECK(regions[i].where.begin >= prev_end);
        prev_end = regions[i].where.end;
    }
    CHECK(clean::find_regions("", test::english()).empty());
    CHECK(clean::find_regions("\n \n\xC2\xA0\n", test::english()).empty());
}

TEST_CASE("a prepared furniture object gives the same regions for many documents") {
    const clean::furniture f(test::english());
    const std::string a = "Open in App\nNATO chief warns China\nStoltenberg warned China on Monday over its support for Russia.\n";
    const std::string b = "Related Stories\nPutin to visit North Korea\n";
    for (int round = 0; round < 2; ++round) {
        CAPTURE(round);
        const auto ra = f.regions(a);
        REQUIRE(ra.size() == 3);
        CHECK(ra[0].kind == region_kind::boilerplate);
        CHECK(ra[1].kind == region_kind::headline);
        CHECK(ra[2].kind == region_kind::body);
        // no state leaks from one document into the next
        const auto rb = f.regions(b);
        REQUIRE(rb.size() == 2);
        CHECK(rb[0].kind == region_kind::boilerplate);
        CHECK(rb[1].kind == region_kind::boilerplate);
    }
}

// Paragraphs of article text that the furniture rules misfile: the first is
// flagged as a headline, the second is dropped with its quote.
TEST_CASE("body paragraphs that look like furniture stay body") {
    run({
        {"a British-style quote closing with .’ ends a sentence (ends_sentence's comment lists .’)",
         {{"headline", "NATO chief warns China"},
          {"body", "Stoltenberg told the summit: ‘China cannot have it both ways.’"},
          {"body", "Allies nodded as he spoke in Washington on Monday afternoon before the summit dinner."}}},
        {"a story about copyright quotes the word in its body",
         {{"headline", "Times sues OpenAI over chatbots"},
          {"body", "The New York Times sued OpenAI and Microsoft on Wednesday, accusing them of using millions of "
                   "its articles to train chatbots."},
          {"body", "“This is a clear case of copyright infringement,” Ian Crosby, a lawyer for the newspaper, said "
                   "in a statement."}}},
    });
}
