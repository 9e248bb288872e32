// Provenance facts: the outlet gazetteer, dates as news text writes them,
// outlets, credits, publication dates, citations and when a statement was
// made, rule by rule on realistic snippets, then on the seed articles.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/error.hpp"
#include "quotetrace/extract.hpp"
#include "quotetrace/ingest.hpp"
#include "quotetrace/provenance.hpp"
#include "test_support.hpp"

using namespace quotetrace;
using provenance::date;

namespace {

namespace fs = std::filesystem;

const provenance::reader& reader() {
    static const provenance::reader r(test::english(), provenance::load_outlets(QUOTETRACE_SOURCE_GRAMMARS "/en"));
    return r;
}

document doc_of(std::string text) {
    document d;
    d.id = "t.txt";
    d.text = std::move(text);
    return d;
}

span at(const std::string& t, std::string_view needle, std::size_t from = 0) {
    const auto b = t.find(needle, from);
    REQUIRE_MESSAGE(b != std::string::npos, needle);
    return {b, b + needle.size()};
}

std::string outlet_of(const provenance::facts& f) { return f.outlet ? f.outlet->value : "none"; }
std::string rule_of(const provenance::facts& f) { return f.outlet ? f.outlet->rule : "none"; }
std::string published_of(const provenance::facts& f) { return f.published ? f.published->value : "none"; }

// "SOURCE/rule" for each citation, in text order.
std::vector<std::string> cited(const provenance::facts& f) {
    std::vector<std::string> out;
    for (const auto& c : f.citations) out.push_back(c.source + "/" + c.rule);
    return out;
}

std::vector<std::string> credited(const provenance::facts& f) {
    std::vector<std::string> out;
    for (const auto& c : f.credits) out.push_back(c.value);
    return out;
}

using list = std::vector<std::string>;

// A quote of `content` whose frame has the cue `cue` (searched from the
// start of the text; empty for none).
quote quote_of(const std::string& t, std::string_view content, std::string_view cue = {},
               quote_kind kind = quote_kind::direct) {
    quote q;
    q.kind = kind;
    q.content = at(t, content);
    if (!cue.empty()) q.cue = at(t, cue);
    return q;
}

std::string said_on(const std::string& text, std::string_view pub, std::string_view content, std::string_view cue,
                    quote_kind kind = quote_kind::direct) {
    auto d = doc_of(text);
    if (!pub.empty()) d.meta.date = field{std::string(pub), origin::jsonl};
    const auto f = reader().read(d);
    const auto w = reader().said(d, f, quote_of(d.text, content, cue, kind));
    return w ? w->on.iso() : "none";
}

}  // namespace

TEST_CASE("date::iso writes the fields the evidence gives") {
    CHECK(date{2024, 6, 19}.iso() == "2024-06-19");
    CHECK(date{2024, 6, 0}.iso() == "2024-06");
    CHECK(date{2023, 0, 0}.iso() == "2023");
    CHECK(date{0, 6, 18}.iso() == "--06-18");
    CHECK(date{0, 2, 0}.iso() == "--02");
    CHECK(date{0, 0, 17}.iso() == "---17");
    CHECK(date{}.iso() == "");
    CHECK_FALSE(date{0, 6, 18}.known());
}

TEST_CASE("parse_date reads the forms metadata and stamps use") {
    struct row { std::string in, want; };
    const std::vector<row> rows = {
        {"2024-06-19", "2024-06-19"},
        {"2024-06-19T06:35:00Z", "2024-06-19"},
        {"2024-06-19 06:35:00", "2024-06-19"},
        {"  2024.10.19", "2024-10-19"},
        {"2024/10/19", "2024-10-19"},
        {"2024. 6. 18.", "2024-06-18"},
        {"19.06.2024", "2024-06-19"},
        {"June 19, 2024", "2024-06-19"},
        {"Jun. 19, 2024", "2024-06-19"},
        {"Sept 3, 2024", "2024-09-03"},
        {"19 June 2024", "2024-06-19"},
        {"2024年6月18日", "2024-06-18"},
        {"Wed, 19 Jun 2024 06:35:00 GMT", "2024-06-19"},
        {"Wednesday, June 19, 2024", "2024-06-19"},
        {"2024년 6월 18일", "2024-06-18"},
        // not a full date, or not a real day
        {"June 19", "none"},
        {"June, 2024", "none"},
        {"June 2024", "none"},
        {"2024-02-30", "none"},
        {"2024-13-01", "none"},
        {"20240619", "none"},
        {"yesterday", "none"},
        {"", "none"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        const auto d = provenance::parse_date(r.in);
        CHECK((d ? d->iso() : "none") == r.want);
    }
}

TEST_CASE("the outlet gazetteer: names, aliases and web domains") {
    const auto& r = reader();
    struct row { std::string in, want; };
    const std::vector<row> rows = {
        {"Yonhap", "Yonhap"},
        {"Yonhap News Agency", "Yonhap"},
        {"yonhap news agency", "Yonhap"},
        {"Russian news agency Interfax", "Interfax"},
        {"Associated Press", "AP"},
        {"AP", "AP"},
        {"ap", ""},  // a short name in capitals keeps them
        {"dpa", "DPA"},
        {"ITAR-TASS", "TASS"},
        {"asiae.co.kr", "The Asia Business Daily"},
        {"www.asiae.co.kr", "The Asia Business Daily"},
        {"https://en.yna.co.kr/view/AEN20240618000300315", "Yonhap"},
        {"http://www.bbc.co.uk/news/world", "BBC"},
        {"example.com", ""},
        {"co.kr", ""},
        {"The Daily Planet", ""},
        {"", ""},
    };
    for (const auto& x : rows) {
        CAPTURE(x.in);
        CHECK(r.canonical(x.in) == x.want);
    }
}

TEST_CASE("load_outlets: the project's gazetteer, and set-up errors with their ids") {
    const auto outlets = provenance::load_outlets(QUOTETRACE_SOURCE_GRAMMARS "/en");
    const auto yonhap = std::find_if(outlets.begin(), outlets.end(), [](const auto& o) { return o.name == "Yonhap"; });
    REQUIRE(yonhap != outlets.end());
    CHECK(yonhap->agency);
    CHECK(yonhap->country == "KR");
    CHECK(std::find(yonhap->domains.begin(), yonhap->domains.end(), "yna.co.kr") != yonhap->domains.end());

    test::temp_dir dir("qt_outlets");
    auto id_of = [&] {
        try {
            provenance::load_outlets(dir.dir());
        } catch (const error& e) {
            return e.id();
        }
        return std::string("no error");
    };
    CHECK(id_of() == "lexicon.missing");
    dir.write("outlets.yaml", "- name: [unclosed\n");
    CHECK(id_of() == "lexicon.syntax");
    dir.write("outlets.yaml", "name: Yonhap\n");
    CHECK(id_of() == "lexicon.type");
    dir.write("outlets.yaml", "- aliases: [X]\n");
    CHECK(id_of() == "lexicon.type");
    dir.write("outlets.yaml", "- name: X\n  agency: perhaps\n");
    CHECK(id_of() == "lexicon.type");
    dir.write("outlets.yaml", "[]\n");
    CHECK(id_of() == "lexicon.empty");
    dir.write("outlets.yaml", "- name: Daily Planet\n  domains: [dailyplanet.example]\n");
    CHECK(provenance::load_outlets(dir.dir()).at(0).domains.at(0) == "dailyplanet.example");

    // a reader from a lexicon folder, and one moved
    provenance::reader from_dir(QUOTETRACE_SOURCE_GRAMMARS "/en");
    CHECK(from_dir.canonical("Yonhap News Agency") == "Yonhap");
    provenance::reader moved(std::move(from_dir));
    CHECK(moved.canonical("dailyplanet.example") == "");
    CHECK(moved.read(doc_of("The story goes on for a while. (Yonhap)\n")).outlet->value == "Yonhap");
    CHECK_THROWS_AS(provenance::reader(dir.dir() + "/nowhere"), error);
}

TEST_CASE("outlet: metadata first, then the text's byline, copyright, source line and credits, then the URL") {
    struct row {
        std::string name, text, meta_outlet, url, want, rule;
    };
    const std::vector<row> rows = {
        {"metadata, canonicalised", "Seoul, June 18 (Yonhap) -- Text.\n", "Yonhap News Agency", "", "Yonhap", "metadata"},
        {"metadata the gazetteer does not know", "(AP) Text of the story.\n", "The Daily Planet", "", "The Daily Planet",
         "metadata"},
        {"byline", "Headline of the story\n\nBy IANS | Updated: June 19, 2024 06:35 IST\n\nThe story itself begins here and goes on.\n",
         "", "", "IANS", "byline"},
        {"byline with a reporter", "Headline\n\nBy Jane Doe, Reuters\n\nThe story itself begins here and goes on.\n", "", "",
         "Reuters", "byline"},
        {"a reporter's byline names no outlet", "Headline\n\nBy Jane Doe\n\nThe story itself begins here and goes on.\n", "",
         "", "none", "none"},
        {"copyright", "Story text that runs long enough to be a paragraph of the body.\n\n© The Asia Business Daily(www.asiae.co.kr). All rights reserved.\n",
         "", "", "The Asia Business Daily", "copyright"},
        {"copyright by domain", "Story text that runs long enough to be a paragraph of the body.\n\n© 2024 www.koreaherald.com\n", "", "",
         "The Korea Herald", "copyright"},
        {"source line", "Story text that runs long enough to be a paragraph of the body.\n\nSource: Xinhua\n", "", "", "Xinhua",
         "source-line"},
        {"dateline credit", "Washington, June 19 (IANS/DPA) NATO Secretary General Jens Stoltenberg stressed the importance of cooperation.\n",
         "", "", "IANS", "credit"},
        {"closing credit", "The visit may yield a treaty on a comprehensive strategic partnership. (Yonhap)\n", "", "", "Yonhap",
         "credit"},
        {"Korean credit", "(서울=연합뉴스) 김철수 기자 = 정부는 18일 대책을 발표했다.\n", "", "", "Yonhap", "credit"},
        {"a credit line closing the story", "The story itself begins here and goes on for a while.\n\n— The Associated Press\n", "", "",
         "AP", "credit"},
        {"a dashed line that names nobody", "The story itself begins here and goes on for a while.\n\n-- The End\n", "", "", "none",
         "none"},
        {"Reuters style", "WASHINGTON (Reuters) - The Senate passed the bill on Tuesday after a long debate.\n", "", "", "Reuters",
         "credit"},
        {"the URL's domain when the text names none", "The story itself begins here and goes on for a while.\n", "",
         "https://www.yna.co.kr/view/AKR2024", "Yonhap", "gazetteer-domain"},
        {"the text before the URL", "The story itself begins here and goes on for a while. (AFP)\n", "",
         "https://www.yna.co.kr/view/AKR2024", "AFP", "credit"},
        {"a photo credit is not the outlet",
         "NATO chief Jens Stoltenberg speaks to reporters outside the White House, June 17. AP-Yonhap\n\nThe story itself begins here and goes on.\n",
         "", "", "none", "none"},
        {"a bracketed link source is not the outlet",
         "The story itself begins here and goes on for a while.\n\n-Lynn Vavreck finds that gender hurts. [NYT]\n", "", "", "none",
         "none"},
        {"parentheses that name no outlet", "Blinken said on the 17th (local time) that he would act (NATO).\n", "", "", "none",
         "none"},
        {"an outlet cited, not publishing", "In an interview on BBC's Sunday with Laura Kuenssberg, Stoltenberg argued that it matters.\n",
         "", "", "none", "none"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.name);
        auto d = doc_of(r.text);
        if (!r.meta_outlet.empty()) d.meta.outlet = field{r.meta_outlet, origin::sidecar};
        if (!r.url.empty()) d.meta.url = field{r.url, origin::jsonl};
        const auto f = reader().read(d);
        CHECK(outlet_of(f) == r.want);
        CHECK(rule_of(f) == r.rule);
        if (f.outlet && f.outlet->rule != "metadata" && f.outlet->rule != "gazetteer-domain") {
            CHECK(f.outlet->from == origin::text);
            CHECK_FALSE(f.outlet->where.empty());
        }
    }
}

TEST_CASE("credits: the agencies credited, and the co-credited ones cited") {
    auto d = doc_of("Headline of the story\n\nBy IANS | Updated: June 19, 2024 06:35 IST\n\n"
                    "Washington, June 19 (IANS/DPA) NATO Secretary General Jens Stoltenberg stressed the importance.\n");
    const auto f = reader().read(d);
    CHECK(outlet_of(f) == "IANS");
    CHECK(credited(f) == list{"IANS", "DPA"});
    CHECK(cited(f) == list{"DPA/credit"});
    REQUIRE(f.citations.size() == 1);
    CHECK(f.citations[0].where.in(d.text) == "DPA");

    auto photo = doc_of("Caption of a picture of the meeting in Washington. AP-Yonhap\n\n"
                        "Putin's visit may yield a treaty on a comprehensive strategic partnership between them. (Yonhap)\n\n"
                        "Blinken at the State Department [Photo by AP News]\n");
    const auto g = reader().read(photo);
    CHECK(outlet_of(g) == "Yonhap");
    CHECK(credited(g) == list{"Yonhap"});
    CHECK(cited(g) == list{"AP/photo-credit"});  // once, though credited twice; never Yonhap itself
}

TEST_CASE("publication date: evidence in order of trust") {
    struct row {
        std::string name, text, meta_date, want, rule;
    };
    const std::vector<row> rows = {
        {"metadata", "Washington, June 19 (IANS/DPA) Text of the story.\n", "2024-06-20T01:00:00Z", "2024-06-20", "metadata"},
        {"published line", "Headline\nPublished: 2024.10.19 09:00 | Updated: 2024.10.20 10:00\n\nText.\n", "", "2024-10-19",
         "published-line"},
        {"Korean published stamp", "Headline\n입력 2024.06.18 09:12 수정 2024.06.18 10:02\n\nText.\n", "", "2024-06-18",
         "published-line"},
        {"dateline, its year from the Updated line",
         "Headline of the story\n\nBy IANS | Updated: June 20, 2024 06:35 IST\n\nWashington, June 19 (IANS/DPA) NATO Secretary General Jens Stoltenberg stressed the importance.\n",
         "", "2024-06-19", "dateline"},
        {"dateline with its year", "SEOUL, June 18, 2024 (Yonhap) -- South Korea said on Tuesday that it would respond.\n", "",
         "2024-06-18", "dateline"},
        {"dateline with a state", "FLINT, Mich., Oct. 4, 2016 (UPI) — Former President Bill Clinton criticized the law.\n", "",
         "2016-10-04", "dateline"},
        {"dateline over New Year", "Headline\nUpdated: January 1, 2025\n\nTokyo, Dec. 31 (Kyodo) -- The government said it would act.\n",
         "", "2024-12-31", "dateline"},
        {"a dateline without a year anywhere", "Washington, June 19 (IANS/DPA) NATO Secretary General Jens Stoltenberg stressed the importance.\n",
         "", "none", "none"},
        {"updated line", "Headline\n\nUpdated: June 19, 2024 06:35 IST\n\nThe story itself begins here and goes on.\n", "",
         "2024-06-19", "updated-line"},
        {"a stamp under the headline", "Headline of the story\n2024-06-18 07:31\n\nThe story itself begins here and goes on.\n",
         "", "2024-06-18", "timestamp"},
        {"a portal's page stamp, nothing against it", "Headline\n\n发布时间:2024-10-19 观看次数:26746\n\nThe story itself begins here and goes on.\n",
         "", "2024-10-19", "page-date"},
        {"prose dates are not stamps",
         "The attacks of September 11, 2001 changed how visas are screened, the report from the inspector general says in detail.\n",
         "", "none", "none"},
        {"no date at all", "The story itself begins here and goes on.\n", "", "none", "none"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.name);
        auto d = doc_of(r.text);
        if (!r.meta_date.empty()) d.meta.date = field{r.meta_date, origin::jsonl};
        const auto f = reader().read(d);
        CHECK(published_of(f) == r.want);
        CHECK((f.published ? f.published->rule : "none") == r.rule);
        CHECK(f.published_on.iso() == (r.want == "none" ? "" : r.want));
    }
}

TEST_CASE("a portal's re-post date gives way to the text's own dates") {
    const std::string page =
        "NATO chief calls for close ties\n\n发布时间:2024-10-19 观看次数:26746\n\n"
        "NATO Secretary General Jens Stoltenberg speaks to reporters outside the West Wing, June 17, in Washington. AP-Yonhap\n\n"
        "The chief of NATO said Monday that it is even more important for the alliance to work with its partners.\n\n"
        "US calls deepening NK-Russia ties trend of 'great concern' 2024-06-18 07:31  |  North Korea\n\n"
        "He said more about the alliance and its partners and what it means for the region.\n";
    const auto f = reader().read(doc_of(page));
    CHECK(published_of(f) == "2024-06-18");
    CHECK(f.published->rule == "text-stamp");

    SUBCASE("a dated mention alone shows the stamp is a re-post, and no date is known") {
        std::string no_stamp = page;
        no_stamp.replace(no_stamp.find("2024-06-18 07:31"), 16, "");
        const auto g = reader().read(doc_of(no_stamp));
        CHECK(published_of(g) == "none");
    }
    SUBCASE("dates close to the page stamp leave it standing") {
        std::string recent = page;
        recent.replace(recent.find("2024-06-18"), 10, "2024-10-18");
        recent.replace(recent.find("June 17"), 7, "Oct. 18");
        const auto g = reader().read(doc_of(recent));
        CHECK(published_of(g) == "2024-10-19");
        CHECK(g.published->rule == "page-date");
    }
}

TEST_CASE("citations: cues and the sources after or before them") {
    struct row {
        std::string name, text;
        list want;
    };
    const std::vector<row> rows = {
        {"according to", "The Kremlin leader was received at the airport by Kim Jong Un, according to Russian news agency Interfax.\n",
         {"Interfax/according-to"}},
        {"According to, opening the sentence", "According to Yonhap, the talks will resume next week in Seoul.\n",
         {"Yonhap/according-to"}},
        {"reported", "Putin's trip has drawn attention. TASS, Russia's news agency. reported that the visit may yield a treaty.\n",
         {"TASS/reported"}},
        {"reports", "Xinhua reports that the talks went well for both sides.\n", {"Xinhua/reported"}},
        {"reported by", "The meeting was cancelled, as reported by Kyodo News on Friday.\n", {"Kyodo/reported"}},
        {"quoted ... as saying", "Interfax quoted Kremlin spokesman Dmitry Peskov as saying the visit was a success.\n",
         {"Interfax/quoted"}},
        {"interview on", "In an interview on BBC's Sunday with Laura Kuenssberg, Stoltenberg argued that China is propping up Russia.\n",
         {"BBC/interview"}},
        {"interview with", "He said so in an interview with The Wall Street Journal published on Monday.\n",
         {"The Wall Street Journal/interview"}},
        {"told", "A senior official told Reuters that the plan was on hold.\n", {"Reuters/told"}},
        {"told, a possessive with its apostrophe alone", "The candidate told CBS' Face the Nation on Sunday that he was right.\n",
         {"CBS News/told"}},
        {"told the", "The minister told the Financial Times that talks would go on.\n", {"Financial Times/told"}},
        {"citing", "The ministry denied it, citing AFP reports from the border.\n", {"AFP/citing"}},
        {"an unknown agency after its cue", "The plane landed safely, according to news agency Nordpress.\n",
         {"Nordpress/according-to"}},
        {"an unknown agency before its cue", "The Zeta news agency reported that the border was closed.\n",
         {"Zeta/reported"}},
        {"an agency that said", "North Korea's state news agency KCNA said the launch was a success.\n", {"KCNA/said"}},
        {"an outlet that says", "Yonhap says the talks will resume next week.\n", {"Yonhap/said"}},
        {"said, far from the outlet", "The BBC has covered the summit for days while the minister, back from Brussels, said little.\n", {}},
        {"a name that may be a person's", "Guardian said he understood why the campaign went on.\n", {}},
        {"with its article", "The Guardian said it would appeal the ruling.\n", {"The Guardian/said"}},
        {"said by telephone on a programme", "\"It is nonsense,\" he said by telephone on NBC's Meet the Press.\n", {}},
        {"a person who said", "Stoltenberg said that the alliance would respond.\n", {}},
        {"according to a person", "According to observers, the leaders will discuss arms deliveries.\n", {}},
        {"told reporters", "Stoltenberg told reporters that the alliance would respond.\n", {}},
        {"reportedly", "Reuters staff reportedly left the city before the attack.\n", {}},
        {"an interview with no outlet", "In an interview, Stoltenberg argued that China is propping up Russia.\n", {}},
        {"an unknown name without a cue of its own", "According to Nordpress, the plane landed safely.\n", {}},
    };
    for (const auto& r : rows) {
        CAPTURE(r.name);
        const auto f = reader().read(doc_of(r.text));
        CHECK(cited(f) == r.want);
    }
}

TEST_CASE("citations: spans, the outlet itself, furniture") {
    auto d = doc_of("The Kremlin leader was received at the airport, according to Russian news agency Interfax.\n");
    auto f = reader().read(d);
    REQUIRE(f.citations.size() == 1);
    CHECK(f.citations[0].where.in(d.text) == "Russian news agency Interfax");
    CHECK(f.citations[0].rule == "according-to");

    // a Yonhap article citing Yonhap cites nobody
    d = doc_of("According to Yonhap, the talks will resume next week in Seoul with officials.\n");
    d.meta.outlet = field{"Yonhap", origin::manifest};
    CHECK(reader().read(d).citations.empty());

    // a related-story list is not the article
    d = doc_of("The story itself begins here and goes on for a while longer.\n\nRelated Stories\n\n"
               "Xinhua reports that the talks went well\n");
    CHECK(reader().read(d).citations.empty());
}

TEST_CASE("citations: a text that opens with a word a cue starts with") {
    // cues such as " told" and " said" are read from the byte before a
    // word; the first word of a text has none
    for (const std::string first : {"to", "tor", "cited", "says", "quoted", "reported", "according"}) {
        CAPTURE(first);
        auto d = doc_of(first + " the talks, Yonhap said, will resume next week in Seoul.\n");
        const auto f = reader().read(d);
        REQUIRE(f.citations.size() == 1);
        CHECK(f.citations[0].source == "Yonhap");
    }
}

TEST_CASE("said: the frame's time expression resolved against the publication date") {
    // 2024-06-19 is a Wednesday
    const std::string pub = "2024-06-19";
    struct row {
        std::string name, text, pub, content, cue, want;
        quote_kind kind = quote_kind::direct;
    };
    const std::vector<row> rows = {
        {"weekday: the most recent one", "\"We act,\" Stoltenberg said on Tuesday.\n", pub, "We act,", "said", "2024-06-18"},
        {"weekday: the publication day itself", "\"We act,\" Stoltenberg said Wednesday.\n", pub, "We act,", "said", "2024-06-19"},
        {"last Wednesday: a week back", "\"We act,\" Stoltenberg said last Wednesday.\n", pub, "We act,", "said", "2024-06-12"},
        {"weekday before the verb", "On Monday, Stoltenberg said that allies act.\n", pub, "allies act", "said", "2024-06-17",
         quote_kind::indirect},
        {"the 17th (local time)", "Blinken said on the 17th (local time) that he would act.\n", pub, "he would act", "said",
         "2024-06-17", quote_kind::indirect},
        {"the 17th, in Korean", "블링컨 장관은 17일(현지시간) 기자회견에서 \"지원을 막겠다\"고 말했다.\n", pub, "지원을 막겠다",
         "말했다", "2024-06-17"},
        {"month and day, in Korean", "스톨텐베르그 총장은 6월 18일 \"우려한다\"고 말했다.\n", "", "우려한다", "말했다", "--06-18"},
        {"month and day, in Chinese", "斯托尔滕贝格6月18日说：\"我们担心\"。\n", pub, "我们担心", "说", "2024-06-18"},
        {"a day after the publication day: last month", "Blinken said on the 28th that he would act.\n", pub,
         "he would act", "said", "2024-05-28", quote_kind::indirect},
        {"yesterday", "\"We act,\" he said yesterday.\n", pub, "We act,", "said", "2024-06-18"},
        {"today", "\"We act,\" he said today.\n", pub, "We act,", "said", "2024-06-19"},
        {"last year", "Shoigu warned last year that \"the West is looking\" at the region.\n", pub, "the West is looking",
         "warned", "2023"},
        {"in a month", "Putin said in February that the West has its habits.\n", pub, "the West has its habits", "said",
         "2024-02", quote_kind::indirect},
        {"a later month is last year's", "Putin said in October that the West has its habits.\n", pub,
         "the West has its habits", "said", "2023-10", quote_kind::indirect},
        {"in a year", "They declared in 2022 that their partnership has \"no limits.\"\n", pub, "no limits.", "declared", "2022"},
        {"month and day", "On June 18, Stoltenberg emphasized his concern over the alliance.\n", pub,
         "emphasized his concern over the alliance", "emphasized", "2024-06-18", quote_kind::indirect},
        {"a full date", "On June 18, 2023, Stoltenberg said that allies act.\n", pub, "allies act", "said", "2023-06-18",
         quote_kind::indirect},
        {"without a publication date: the fields written", "On June 18, Stoltenberg said that allies act.\n", "", "allies act",
         "said", "--06-18", quote_kind::indirect},
        {"without a publication date: the day written", "Blinken said on the 17th (local time) that he would act.\n", "",
         "he would act", "said", "---17", quote_kind::indirect},
        {"a weekday needs a publication date", "\"We act,\" Stoltenberg said on Tuesday.\n", "", "We act,", "said", "none"},
        {"dates inside the quote are not when it was said", "\"On Monday we act,\" Stoltenberg said.\n", pub,
         "On Monday we act,", "said", "none"},
        {"a weekday's event is not when it was said", "\"It was small,\" he said of Monday’s debate.\n", pub, "It was small,",
         "said", "none"},
        {"the nearest expression to the cue", "On Monday the plan leaked, and on Tuesday Stoltenberg said that allies act.\n",
         pub, "allies act", "said", "2024-06-18", quote_kind::indirect},
        {"another sentence says nothing of this one", "Putin arrived on Tuesday. \"We act,\" Stoltenberg said.\n", pub,
         "We act,", "said", "none"},
        {"a dateline dates the story, not the words",
         "Washington, June 19 (IANS/DPA) NATO Secretary General Jens Stoltenberg stressed the importance of partners.\n", pub,
         "stressed the importance of partners", "stressed", "none", quote_kind::indirect},
        {"the same day", "Blinken said on the 17th (local time) that he would act.\n\nAfter meeting Stoltenberg in Washington D.C. on the same day, Blinken stated, \"We will continue.\"\n",
         pub, "We will continue.", "stated", "2024-06-17"},
        {"an anniversary is no day of the month", "On the 20th anniversary, he said that allies act.\n", pub, "allies act",
         "said", "none", quote_kind::indirect},
        {"days ago", "\"We act,\" he said three days ago.\n", pub, "We act,", "said", "2024-06-16"},
        {"a digit count", "\"We act,\" he said 10 days ago.\n", pub, "We act,", "said", "2024-06-09"},
        {"months ago, over a year's turn", "\"We act,\" he said seven months ago.\n", pub, "We act,", "said", "2023-11"},
        {"a year ago", "\"We act,\" he said a year ago.\n", pub, "We act,", "said", "2023"},
        {"last month", "\"We act,\" he said last month.\n", pub, "We act,", "said", "2024-05"},
        {"a count that is no time", "\"We act,\" he said to two days of talks.\n", pub, "We act,", "said", "none"},
        {"May the verb is no month", "\"We act,\" he said, adding that it may help in time.\n", pub, "We act,", "said", "none"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.name);
        CHECK(said_on(r.text, r.pub, r.content, r.cue, r.kind) == r.want);
    }

    // the evidence: the words that say so
    auto d = doc_of("\"We act,\" Stoltenberg said on Tuesday.\n");
    d.meta.date = field{pub, origin::jsonl};
    const auto f = reader().read(d);
    const auto w = reader().said(d, f, quote_of(d.text, "We act,", "said"));
    REQUIRE(w);
    CHECK(w->from.where.in(d.text) == "Tuesday");
    CHECK(w->from.rule == "weekday");
    CHECK(w->from.value == "2024-06-18");
    CHECK(w->from.from == origin::text);
}

TEST_CASE("said for a whole document: one occasion dates the quotes that follow it") {
    const std::string text =
        "On June 18, Stoltenberg said the alliance would stand together.\n"
        "Blinken responded, \"We will continue to do everything possible.\"\n"
        "Putin arrived in Pyongyang, according to Interfax.\n"
        "Stoltenberg added on Friday that the summit would follow.\n"
        "\"We are ready,\" he said.\n";
    auto d = doc_of(text);
    const auto f = reader().read(d);
    std::vector<quote> qs = {quote_of(d.text, "the alliance would stand together", "said", quote_kind::indirect),
                             quote_of(d.text, "We will continue to do everything possible.", "responded"),
                             quote_of(d.text, "Putin arrived in Pyongyang", "according to", quote_kind::indirect),
                             quote_of(d.text, "the summit would follow", "added", quote_kind::indirect),
                             quote_of(d.text, "We are ready,", "he said")};
    qs[2].speaker = "Interfax";
    const auto w = reader().said(d, f, qs);
    REQUIRE(w.size() == 5);
    REQUIRE(w[0]);
    CHECK(w[0]->on.iso() == "--06-18");
    CHECK(w[0]->from.rule == "month-day");
    // the answer to it: the same occasion, with the words that dated it
    REQUIRE(w[1]);
    CHECK(w[1]->on.iso() == "--06-18");
    CHECK(w[1]->from.rule == "earlier-in-article");
    CHECK(w[1]->from.where.in(d.text) == "June 18");
    // a news agency's report is another occasion
    CHECK_FALSE(w[2]);
    // a quote with its own day starts a new occasion ("Friday" without a
    // publication date has no calendar day)
    CHECK_FALSE(w[3]);
    // and the quote after it belongs to that occasion, not to June 18
    CHECK_FALSE(w[4]);
    // one quote alone (no earlier date) stays undated
    const auto lone = reader().said(d, f, std::vector<quote>{qs[1]});
    REQUIRE(lone.size() == 1);
    CHECK_FALSE(lone[0]);
}

TEST_CASE("the seed articles: outlets, credits, citations and dates as their text gives them") {
    const fs::path seeds = fs::path(QUOTETRACE_SOURCE_GRAMMARS).parent_path() / "seeds";
    const extractor ex(test::english());
    speaker_registry names(test::english());
    struct seen {
        document doc;
        provenance::facts facts;
        std::vector<quote> quotes;
    };
    std::vector<seen> docs;
    ingest::read_paths(
        {seeds.string()}, {},
        [&](document&& d) {
            auto qs = ex.extract(d, names);
            auto f = reader().read(d);
            docs.push_back({std::move(d), std::move(f), std::move(qs)});
        },
        [](const diagnostic& d) { FAIL(format(d)); });
    REQUIRE(docs.size() == 5);

    // the manifest gives no outlet and no date: the text does
    for (const auto& s : docs) {
        CAPTURE(s.doc.id);
        CHECK_FALSE(s.doc.meta.outlet.known());
        CHECK_FALSE(s.doc.meta.date.known());
    }

    // When the quote that starts with `content` was said, or "none".
    auto said = [&](const seen& s, std::string_view content) {
        const auto q = std::find_if(s.quotes.begin(), s.quotes.end(), [&](const quote& x) {
            return x.content.in(s.doc.text).starts_with(content);
        });
        REQUIRE_MESSAGE(q != s.quotes.end(), content);
        const auto w = reader().said(s.doc, s.facts, *q);
        return w ? w->on.iso() + " (" + std::string(w->from.where.in(s.doc.text)) + ")" : std::string("none");
    };

    SUBCASE("000: Yonhap's, citing TASS; the portal's 2024-10-19 is a re-post date") {
        const auto& s = docs[0];
        CHECK(outlet_of(s.facts) == "Yonhap");
        CHECK(s.facts.outlet->where.in(s.doc.text) == "Yonhap");
        CHECK(credited(s.facts) == list{"Yonhap"});
        CHECK(cited(s.facts) == list{"AP/photo-credit", "TASS/reported"});
        CHECK(published_of(s.facts) == "2024-06-18");
        CHECK(s.facts.published->rule == "text-stamp");
        CHECK(said(s, "Russia's growing alignment") == "2024-06-17 (Monday)");
        CHECK(said(s, "The growing alignment") == "none");
    }
    SUBCASE("001: no outlet, no publication date; said on June 18") {
        const auto& s = docs[1];
        CHECK(outlet_of(s.facts) == "none");
        CHECK(s.facts.credits.empty());
        CHECK(s.facts.citations.empty());
        CHECK(published_of(s.facts) == "none");
        CHECK(said(s, "emphasized his concern") == "--06-18 (June 18)");
    }
    SUBCASE("002: IANS's with DPA, citing Interfax; June 19, 2024; said on Tuesday") {
        const auto& s = docs[2];
        CHECK(outlet_of(s.facts) == "IANS");
        CHECK(rule_of(s.facts) == "byline");
        CHECK(credited(s.facts) == list{"IANS", "DPA"});
        CHECK(cited(s.facts) == list{"DPA/credit", "Interfax/according-to"});
        CHECK(published_of(s.facts) == "2024-06-19");
        CHECK(s.facts.published->rule == "dateline");
        CHECK(said(s, "Putin's visit to North Korea demonstrates") == "2024-06-18 (Tuesday)");
        CHECK(said(s, "stressed the importance") == "none");
    }
    SUBCASE("003: The Asia Business Daily's; said on the 17th, month unknown") {
        const auto& s = docs[3];
        CHECK(outlet_of(s.facts) == "The Asia Business Daily");
        CHECK(rule_of(s.facts) == "copyright");
        CHECK(s.facts.credits.empty());
        CHECK(cited(s.facts) == list{"AP/photo-credit"});
        CHECK(published_of(s.facts) == "none");
        CHECK(said(s, "he would do his utmost") == "---17 (the 17th)");
        CHECK(said(s, "We will continue to do everything") == "---17 (the same day)");
    }
    SUBCASE("004: no outlet, citing the BBC; February and 2022 as written") {
        const auto& s = docs[4];
        CHECK(outlet_of(s.facts) == "none");
        CHECK(s.facts.credits.empty());
        CHECK(cited(s.facts) == list{"BBC/interview"});
        CHECK(published_of(s.facts) == "none");
        CHECK(said(s, "the West has retained") == "--02 (in February)");
        CHECK(said(s, "the West is now looking") == "none");  // "last year", and no publication date
    }
}

TEST_CASE("odd text: every span stays inside the text, nothing throws") {
    // pieces of the forms above, cut and joined at random (a fixed seed)
    const std::vector<std::string> pieces = {
        "By ", "IANS", " | ", "Updated: ", "June 19, 2024", "2024-06-18 07:31", "发布时间:", "2024.10.19", "(", ")",
        "[", "]", "Photo by ", "AP-Yonhap", "©", " according to ", "Russian news agency ", " reported", " said ",
        "Monday", " on the ", "17th", " (local time)", "\"", "“", "”", ".", ". ", "\n", "\n\n", "Washington, ",
        " (IANS/DPA) ", "the same day", " days ago", "3", "월", "일", "年", "\xC2\xA0", "\xE2\x80\x99s", " told ",
        "in an interview on ", "BBC", "'s", " news agency", "Zeta", "Source:", "www.asiae.co.kr", "-", "/", ","};
    std::uint32_t state = 12345;
    auto next = [&] { return state = state * 1664525u + 1013904223u; };
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const int n = static_cast<int>(next() % 40);
        for (int k = 0; k < n; ++k) text += pieces[next() % pieces.size()];
        auto d = doc_of(text);
        if (next() % 3 == 0) d.meta.date = field{"2024-06-19", origin::jsonl};
        provenance::facts f;
        REQUIRE_NOTHROW(f = reader().read(d));
        auto inside = [&](span s) { return s.begin <= s.end && s.end <= d.text.size(); };
        if (f.outlet) CHECK(inside(f.outlet->where));
        if (f.published) CHECK(inside(f.published->where));
        for (const auto& c : f.citations) CHECK(inside(c.where));
        for (const auto& c : f.credits) CHECK(inside(c.where));
        // a quote over some stretch of the text, with a cue somewhere after it
        if (d.text.empty()) continue;
        quote q;
        const std::size_t a = next() % d.text.size(), b = a + next() % (d.text.size() - a + 1);
        q.content = {a, b};
        if (next() % 2) q.cue = {b, std::min(d.text.size(), b + 4)};
        std::optional<provenance::said_when> w;
        REQUIRE_NOTHROW(w = reader().said(d, f, q));
        if (w) CHECK(inside(w->from.where));
    }
}
