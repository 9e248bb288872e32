// The speaker sieve: canonical names across documents, names inside noun
// phrases, and resolution of pronouns, descriptions and continuations.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "src/attribute/speakers.hpp"
#include "test_support.hpp"

using namespace quotetrace;

namespace {

const attribute::speaker_lexicon& words() {
    static const attribute::speaker_lexicon w(test::english());
    return w;
}

span at(const std::string& t, std::string_view needle, std::size_t from = 0) {
    const auto b = t.find(needle, from);
    REQUIRE_MESSAGE(b != std::string::npos, needle);
    return {b, b + needle.size()};
}

// A quote over `content`, its speaker named by `mention` (searched after the
// content; empty for none), as the extractor's frame rule `rule` left it.
struct q_row {
    std::string_view content, mention;
    std::string rule = "quote-np-cue";
    quote_kind kind = quote_kind::direct;
};

std::vector<quote> quotes(const std::string& t, const std::vector<q_row>& rows) {
    std::vector<quote> out;
    std::size_t from = 0;
    for (const auto& r : rows) {
        quote q;
        q.kind = r.kind;
        q.content = at(t, r.content, from);
        q.rule = r.rule;
        from = q.content.end;
        if (!r.mention.empty()) {
            q.speaker_mention.where = at(t, r.mention, from);
            from = q.speaker_mention.where.end;
        }
        out.push_back(q);
    }
    return out;
}

std::vector<std::string> speakers_of(const std::vector<quote>& qs) {
    std::vector<std::string> out;
    for (const auto& q : qs) out.push_back(q.speaker);
    return out;
}

using list = std::vector<std::string>;

}  // namespace

TEST_CASE("registry: gazetteer aliases map to the canonical name") {
    const speaker_registry reg(test::english());
    struct row { std::string in, want; };
    const std::vector<row> rows = {
        {"Stoltenberg", "Jens Stoltenberg"},
        {"stoltenberg", "Jens Stoltenberg"},
        {"Jens Stoltenberg", "Jens Stoltenberg"},
        {"NATO chief", "Jens Stoltenberg"},
        {"Tony Blinken", "Antony Blinken"},
        {"U.S. Secretary of State", "Antony Blinken"},
        {"Peskov", "Dmitry Peskov"},
        {"Donald J. Trump", "Donald Trump"},
        {"Kim Jong-un", "Kim Jong Un"},
        {"Yonhap News Agency", "Yonhap"},
        // a surname of a gazetteer name without an alias of its own
        {"Clinton", "Hillary Clinton"},
        // unknown names come back as given
        {"Lang", "Lang"},
        {"Ursula von der Leyen", "Ursula von der Leyen"},
        {"Madonna", "Madonna"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(reg.canonical(r.in) == r.want);
    }
    CHECK(reg.describe("NATO chief") == "Jens Stoltenberg");
    CHECK(reg.describe("Kremlin spokesman") == "Dmitry Peskov");
    CHECK(reg.describe("North Atlantic Treaty Organization chief") == "Jens Stoltenberg");
    CHECK(reg.describe("the plumber") == "");
    CHECK(reg.describe("Jens") == "");
}

TEST_CASE("registry: learned full names resolve their surnames unless ambiguous") {
    speaker_registry reg(test::english());
    CHECK(reg.canonical("Lang") == "Lang");
    reg.learn("Sofia Lang");
    CHECK(reg.canonical("Lang") == "Sofia Lang");
    CHECK(reg.canonical("lang") == "Sofia Lang");
    reg.learn("Sofia Lang");  // the same person twice is still one person
    CHECK(reg.canonical("Lang") == "Sofia Lang");
    reg.learn("Matthias Lang");
    CHECK(reg.canonical("Lang") == "Lang");  // two Langs: no guess
    CHECK(reg.canonical("Matthias Lang") == "Matthias Lang");

    reg.learn("Bill Clinton");
    CHECK(reg.canonical("Clinton") == "Clinton");
    reg.learn("Madonna");  // one word is not a full name
    CHECK(reg.canonical("Madonna") == "Madonna");
    reg.learn("Tony Blinken");  // an alias keeps its canonical form
    CHECK(reg.canonical("Blinken") == "Antony Blinken");
    CHECK(reg.canonical("Tony Blinken") == "Antony Blinken");

    // a moved registry keeps what it learned
    speaker_registry moved(std::move(reg));
    CHECK(moved.canonical("Sofia") == "Sofia");
    CHECK(moved.canonical("Matthias Lang") == "Matthias Lang");
    CHECK(moved.canonical("Stoltenberg") == "Jens Stoltenberg");
}

TEST_CASE("speaker_lexicon: titles, roles and pronouns") {
    using words_t = std::vector<std::string>;
    const words_t jens = {"NATO", "Secretary", "General", "Jens", "Stoltenberg"};
    CHECK(words().title_at(jens, 0) == 0);
    CHECK(words().title_at(jens, 1) == 2);  // the longest title wins over "Secretary"
    CHECK(words().title_at(jens, 3) == 0);
    CHECK(words().title_at(words_t{"Mr.", "Trump"}, 0) == 1);
    CHECK(words().title_at(words_t{"mr", "Trump"}, 0) == 1);
    CHECK(words().title_at(words_t{"Secretary", "of", "State", "Antony", "Blinken"}, 0) == 3);
    CHECK(words().title_at(words_t{"White", "House", "Press", "Secretary", "Karine"}, 0) == 4);
    CHECK(words().title_at(words_t{"Kremlin", "spokesman", "Dmitry"}, 0) == 2);
    CHECK(words().title_at(words_t{"spokesman"}, 0) == 1);
    CHECK(words().title_at(words_t{"Secretary"}, 0) == 1);  // a longer title that runs past the end is skipped

    struct row { std::string_view in, want; };
    for (const row& r : {row{"he", "m"}, row{"she", "f"}, row{"they", "p"}, row{"we", "p"}, row{"it", "o"},
                         row{"i", "s"}, row{"stoltenberg", ""}, row{"the", ""}}) {
        CAPTURE(r.in);
        CHECK(words().pronoun_kind(r.in) == r.want);
    }
}

TEST_CASE("name_of: the name inside a noun phrase") {
    speaker_registry reg(test::english());
    const attribute::document_speakers ds(words(), reg);
    struct row { std::string np, want; };
    const std::vector<row> rows = {
        {"NATO Secretary General Jens Stoltenberg", "Jens Stoltenberg"},
        {"Kremlin spokesman Dmitry Peskov, however,", "Dmitry Peskov"},
        {"Mr. Trump", "Trump"},
        {"U.S. Secretary of State, Antony Blinken,", "Antony Blinken"},
        {"engineer Sofia Lang", "Sofia Lang"},
        {"Stoltenberg", "Stoltenberg"},
        {"German Chancellor Olaf Scholz", "Olaf Scholz"},
        {"Russia’s Foreign Minister Sergei Lavrov", "Sergei Lavrov"},
        {"White House Press Secretary Karine Jean-Pierre", "Karine Jean-Pierre"},
        {"WHO Director-General Tedros Adhanom Ghebreyesus", "Tedros Adhanom Ghebreyesus"},
        {"Sen. Elizabeth Warren", "Elizabeth Warren"},
        {"House Speaker Mike Johnson", "Mike Johnson"},
        {"Hugh Hill, a doctor,", "Hugh Hill"},
        {"Ian Crosby, a lawyer for the newspaper,", "Ian Crosby"},
        {"Russian news agency Interfax", "Interfax"},
        {"Dr.\xC2\xA0Tedros", "Tedros"},
        // a full name after a possessive
        {"the Zionist Union Party’s Nachman Shai", "Nachman Shai"},
        {"American Action Forum's Douglas Holtz-Eakin", "Douglas Holtz-Eakin"},
        // descriptions and pronouns name nobody
        {"the NATO chief", ""},
        {"The NATO boss", ""},
        {"he", ""},
        {"a spokesperson for the ministry", ""},
        {"Putin's foreign policy adviser", ""},
        {"The chief of the North Atlantic Treaty Organization (NATO)", ""},
        {"the German chancellor", ""},
        {"Most", ""},
        {"Another", ""},
        {"Trump’s Putin", ""},
    };
    for (const auto& r : rows) {
        CAPTURE(r.np);
        CHECK(ds.name_of(r.np) == r.want);
    }
    // outside a frame the words after a possessive may be a place
    CHECK(ds.name_of("Univision’s Los Angeles", nullptr, false).empty());

    std::vector<std::string> desc;
    CHECK(ds.name_of("NATO Secretary General Jens Stoltenberg", &desc) == "Jens Stoltenberg");
    for (const char* d : {"nato", "secretary", "general"}) {
        CAPTURE(d);
        CHECK(std::find(desc.begin(), desc.end(), d) != desc.end());
    }
    CHECK(std::find(desc.begin(), desc.end(), "jens") == desc.end());
    desc.clear();
    CHECK(ds.name_of("WHO Director-General Tedros Adhanom Ghebreyesus", &desc) == "Tedros Adhanom Ghebreyesus");
    for (const char* d : {"who", "director-general", "director", "general"}) {
        CAPTURE(d);
        CHECK(std::find(desc.begin(), desc.end(), d) != desc.end());
    }
}

TEST_CASE("resolve: names, pronouns, descriptions and continuations") {
    const std::string t =
        "NATO Secretary General Jens Stoltenberg spoke at a forum in Washington on Monday. "
        "“China cannot have it both ways,” he said. "
        "“Beijing is fuelling the war,” the NATO chief added. "
        "“We will keep supporting Ukraine.” "
        "“There is no alternative,” said U.S. Secretary of State, Antony Blinken, who spoke next. "
        "“We agree,” he added. "
        "“The talks are over,” Peskov told reporters.";
    speaker_registry reg(test::english());
    attribute::document_speakers ds(words(), reg);
    ds.observe_name(t, at(t, "NATO Secretary General Jens Stoltenberg"));
    REQUIRE(ds.entities().size() == 1);
    CHECK(ds.entities()[0].name == "Jens Stoltenberg");

    auto qs = quotes(t, {
        {"China cannot have it both ways", "he"},
        {"Beijing is fuelling the war", "the NATO chief"},
        {"We will keep supporting Ukraine.", "", "continuation"},
        {"There is no alternative", "U.S. Secretary of State, Antony Blinken,", "quote-cue-np"},
        {"We agree", "he"},
        {"The talks are over", "Peskov"},
    });
    ds.resolve(t, qs);
    CHECK(speakers_of(qs) == list{"Jens Stoltenberg", "Jens Stoltenberg", "Jens Stoltenberg", "Antony Blinken",
                                  "Antony Blinken", "Dmitry Peskov"});
    struct want { mention_kind kind; std::string rule; double conf; };
    const std::vector<want> wants = {
        {mention_kind::pronoun, "quote-np-cue/pronoun", 0.8},
        {mention_kind::description, "quote-np-cue/description", 0.85},
        // a continuation carries the previous attribution's words ("the NATO chief")
        {mention_kind::description, "continuation/previous-speaker", 0.7},
        {mention_kind::name, "quote-cue-np/name", 0.95},
        {mention_kind::pronoun, "quote-np-cue/pronoun", 0.8},
        {mention_kind::name, "quote-np-cue/name", 0.95},
    };
    REQUIRE(qs.size() == wants.size());
    for (std::size_t i = 0; i < qs.size(); ++i) {
        CAPTURE(i);
        CHECK(qs[i].speaker_mention.kind == wants[i].kind);
        CHECK(qs[i].rule == wants[i].rule);
        CHECK(qs[i].confidence == doctest::Approx(wants[i].conf));
    }
}

TEST_CASE("resolve: a transcript's label in capitals names its speaker") {
    const std::string t = "JAKE O'NEILL-TAPPER: Do you have the votes?\n\nREP. MIRA HALE: Not yet.\n\n"
                          "O'NEILL-TAPPER: When?\n\nHALE: Next week.\n\nNATO: No comment.";
    speaker_registry reg(test::english());
    attribute::document_speakers ds(words(), reg);
    auto qs = quotes(t, {
        {"Do you have the votes?", "", "transcript-turn"},
        {"Not yet.", "", "transcript-turn"},
        {"When?", "", "transcript-turn"},
        {"Next week.", "", "transcript-turn"},
        {"No comment.", "", "transcript-turn"},
    });
    // each label is the mention: the words before its colon
    const std::vector<std::string_view> labels = {"JAKE O'NEILL-TAPPER", "REP. MIRA HALE", "O'NEILL-TAPPER", "HALE",
                                                  "NATO"};
    std::size_t from = 0;
    for (std::size_t i = 0; i < qs.size(); ++i) {
        qs[i].speaker_mention.where = at(t, labels[i], from);
        from = qs[i].content.end;
    }
    ds.resolve(t, qs);
    // a name in capitals is read in title case (not as an acronym and a
    // surname), its title dropped, and a surname label finds the full name
    CHECK(speakers_of(qs) == list{"Jake O'Neill-Tapper", "Mira Hale", "Jake O'Neill-Tapper", "Mira Hale", "NATO"});
    CHECK(qs[0].rule == "transcript-turn/name");
}

TEST_CASE("resolve: a description through the document's titled names") {
    const std::string t =
        "German Chancellor Olaf Scholz met Foreign Minister Annalena Baerbock in Berlin. "
        "“Europe must stand together,” the German chancellor said. "
        "“We will not be divided,” the foreign minister added. "
        "“Nobody wants this,” the German foreign minister said.";
    speaker_registry reg(test::english());
    {
        // before the names are seen, the descriptions name nobody
        attribute::document_speakers ds(words(), reg);
        auto qs = quotes(t, {{"Europe must stand together", "the German chancellor"},
                             {"We will not be divided", "the foreign minister"}});
        ds.resolve(t, qs);
        CHECK(speakers_of(qs) == list{"", ""});
        CHECK(qs[0].confidence == doctest::Approx(0.4));
        CHECK(qs[0].rule == "quote-np-cue/description");
    }
    attribute::document_speakers ds(words(), reg);
    ds.observe_name(t, at(t, "German Chancellor Olaf Scholz"));
    ds.observe_name(t, at(t, "Foreign Minister Annalena Baerbock"));
    auto qs = quotes(t, {{"Europe must stand together", "the German chancellor"},
                         {"We will not be divided", "the foreign minister"},
                         {"Nobody wants this", "the German foreign minister"}});
    ds.resolve(t, qs);
    // the last one fits neither entity as a whole: no guess
    CHECK(speakers_of(qs) == list{"Olaf Scholz", "Annalena Baerbock", ""});
}

TEST_CASE("resolve: two entities that fit a description give no speaker") {
    const std::string t =
        "Foreign Minister Sergei Lavrov met Foreign Minister Wang Yi in Vientiane. "
        "“Our positions are close,” the foreign minister said.";
    speaker_registry reg(test::english());
    attribute::document_speakers ds(words(), reg);
    ds.observe_name(t, at(t, "Foreign Minister Sergei Lavrov"));
    ds.observe_name(t, at(t, "Foreign Minister Wang Yi"));
    auto qs = quotes(t, {{"Our positions are close", "the foreign minister"}});
    ds.resolve(t, qs);
    CHECK(qs[0].speaker == "");
}

TEST_CASE("resolve: unknown speakers stay empty, never a guess") {
    const std::string t =
        "“The talks are going nowhere,” a source close to the negotiations said. "
        "“Nobody is ready to move.” "
        "“It is a disgrace,” she said. "
        "“We reject this,” it said in a statement. "
        "“No comment.”";
    speaker_registry reg(test::english());
    attribute::document_speakers ds(words(), reg);
    auto qs = quotes(t, {
        {"The talks are going nowhere", "a source close to the negotiations"},
        {"Nobody is ready to move.", "", "continuation"},
        {"It is a disgrace", "she"},
        {"We reject this", "it"},
        {"No comment.", "", "unattributed"},
    });
    ds.resolve(t, qs);
    CHECK(speakers_of(qs) == list{"", "", "", "", ""});
    CHECK(qs[0].rule == "quote-np-cue/description");
    CHECK(qs[1].rule == "continuation/previous-speaker");
    CHECK(qs[2].rule == "quote-np-cue/pronoun");
    CHECK(qs[4].rule == "unattributed/unknown");
    for (const auto& q : qs) CHECK(q.confidence <= 0.4);
}

TEST_CASE("resolve: continuation and split quotes take the previous speaker; an unknown one breaks the chain") {
    const std::string t =
        "“We will respond,” Jens Stoltenberg said, “and we will be ready.” "
        "“Every ally agrees.” "
        "“It is over,” someone in the crowd shouted. "
        "“Nobody listened.”";
    speaker_registry reg(test::english());
    attribute::document_speakers ds(words(), reg);
    auto qs = quotes(t, {
        {"We will respond", "Jens Stoltenberg"},
        {"and we will be ready.", "", "split"},
        {"Every ally agrees.", "", "continuation"},
        {"It is over", "someone in the crowd"},
        {"Nobody listened.", "", "continuation"},
    });
    ds.resolve(t, qs);
    CHECK(speakers_of(qs) == list{"Jens Stoltenberg", "Jens Stoltenberg", "Jens Stoltenberg", "", ""});
}

TEST_CASE("resolve: surnames use the document's full names first, and an ambiguous one stays as given") {
    const std::string t =
        "Former President Bill Clinton and Hillary Clinton arrived together. "
        "“It is good to be back,” Clinton said. "
        "The tour was led by engineer Sofia Lang. “The walls held,” Lang said.";
    speaker_registry reg(test::english());
    attribute::document_speakers ds(words(), reg);
    ds.observe_name(t, at(t, "Former President Bill Clinton"));
    ds.observe_name(t, at(t, "Hillary Clinton"));
    ds.observe_name(t, at(t, "Sofia Lang"));
    CHECK(reg.canonical("Lang") == "Sofia Lang");  // learned for the rest of the run
    auto qs = quotes(t, {{"It is good to be back", "Clinton"}, {"The walls held", "Lang"}});
    ds.resolve(t, qs);
    CHECK(speakers_of(qs) == list{"Clinton", "Sofia Lang"});
}

// `resolve` counts a speaker as a person only when the document itself named
// them in full; a gazetteer surname ("Stoltenberg", "Trump") resolves to a full
// name that is not among the document's entities, so it is filed as the last
// *organisation*, and a later "he" falls back to the most recently seen
// capitalised phrase, whatever it is.
TEST_CASE("issue: a pronoun after a gazetteer surname takes that speaker") {
    const std::string t =
        "“China cannot have it both ways,” Stoltenberg said at the Wilson Center. "
        "“Beijing is fuelling the war,” he added. "
        "“We are going to win so big,” Trump said on Saturday. "
        "“It will not stand,” it added.";
    speaker_registry reg(test::english());
    attribute::document_speakers ds(words(), reg);
    ds.observe_name(t, at(t, "Wilson Center"));  // as the extractor does for every capitalised run
    auto qs = quotes(t, {{"China cannot have it both ways", "Stoltenberg"},
                         {"Beijing is fuelling the war", "he"},
                         {"We are going to win so big", "Trump"},
                         {"It will not stand", "it"}});
    ds.resolve(t, qs);
    CHECK(qs[0].speaker == "Jens Stoltenberg");
    CHECK(qs[1].speaker == "Jens Stoltenberg");  // got "Wilson Center"
    CHECK(qs[2].speaker == "Donald Trump");
    CHECK(qs[3].speaker == "");  // no organisation was named; got "Donald Trump"
}

TEST_CASE("issue: a pronoun with no speaker yet never takes a place name") {
    const std::string t =
        "NATO Secretary General Jens Stoltenberg spoke at the Wilson Center in Washington on Monday. "
        "“China cannot have it both ways,” he said.";
    speaker_registry reg(test::english());
    attribute::document_speakers ds(words(), reg);
    ds.observe_name(t, at(t, "NATO Secretary General Jens Stoltenberg"));
    ds.observe_name(t, at(t, "Wilson Center"));
    auto qs = quotes(t, {{"China cannot have it both ways", "he"}});
    ds.resolve(t, qs);
    CHECK(qs[0].speaker == "Jens Stoltenberg");  // got "Wilson Center"
}

TEST_CASE("resolve: he and she take a speaker of their gender") {
    const std::string t =
        "Hillary Clinton met Donald Trump and Mrs. Ada Quill on Monday. "
        "“We disagree,” Clinton said. “He is wrong about trade,” he said. "
        "“Nobody asked me,” she said. “I will vote no,” Senator Lee Vance said. "
        "“It is a mistake,” she added.";
    speaker_registry reg(test::english());
    attribute::document_speakers ds(words(), reg);
    for (const char* n : {"Hillary Clinton", "Donald Trump", "Mrs. Ada Quill", "Senator Lee Vance"})
        ds.observe_name(t, at(t, n));
    auto qs = quotes(t, {
        {"We disagree", "Clinton"},
        {"He is wrong about trade", "he"},           // not Clinton: the last man named
        {"Nobody asked me", "she"},                  // Clinton again, a woman by her given name
        {"I will vote no", "Senator Lee Vance"},     // a given name that tells no gender
        {"It is a mistake", "she"},                  // Vance fits either; the last who spoke
    });
    ds.resolve(t, qs);
    CHECK(speakers_of(qs) == list{"Hillary Clinton", "Donald Trump", "Hillary Clinton", "Lee Vance", "Lee Vance"});
    // an honorific tells what the given name does not
    const std::string u = "Mrs. Ada Quill and Mr. Ben Ort spoke. “No,” she said.";
    attribute::document_speakers du(words(), reg);
    du.observe_name(u, at(u, "Mrs. Ada Quill"));
    du.observe_name(u, at(u, "Mr. Ben Ort"));
    auto qu = quotes(u, {{"No", "she"}});
    du.resolve(u, qu);
    CHECK(qu[0].speaker == "Ada Quill");
}

TEST_CASE("resolve: a person named before a quote is found there, however often named after it") {
    // Ben Ort is named again after the quote: "he" is still the man named before it
    const std::string t = "Ben Ort and Lee Vance spoke. “We will win,” he said. Later Ben Ort left.";
    speaker_registry reg(test::english());
    attribute::document_speakers ds(words(), reg);
    ds.observe_name(t, at(t, "Ben Ort"));
    ds.observe_name(t, at(t, "Lee Vance"));
    ds.observe_name(t, {t.rfind("Ben Ort"), t.rfind("Ben Ort") + 7});
    auto qs = quotes(t, {{"We will win", "he"}});
    ds.resolve(t, qs);
    CHECK(qs[0].speaker == "Ben Ort");
    // a name cased by a sentence's start is the person the document already knows
    const std::string u = "De Blasio spoke first. “No,” de Blasio said.";
    attribute::document_speakers du(words(), reg);
    du.observe_name(u, at(u, "De Blasio"));
    auto qu = quotes(u, {{"No", "de Blasio"}});
    du.resolve(u, qu);
    CHECK(qu[0].speaker == "De Blasio");
}

TEST_CASE("registry: a person speaks for the body their titles name") {
    speaker_registry reg(test::english());
    reg.note_titles("Maria Keller", {"u.s.", "secretary", "of", "state"});
    reg.note_titles("Ole Hansen", {"nato", "deputy", "secretary", "general"});
    CHECK(reg.affiliated("US State Department", "Maria Keller"));
    CHECK(reg.affiliated("U.S. State Department", "Maria Keller"));
    CHECK(reg.affiliated("NATO", "Ole Hansen"));
    CHECK_FALSE(reg.affiliated("NATO", "Maria Keller"));
    CHECK_FALSE(reg.affiliated("French Foreign Ministry", "Maria Keller"));
    // generic words alone name no body
    CHECK_FALSE(reg.affiliated("The Department", "Maria Keller"));
    CHECK_FALSE(reg.affiliated("NATO", "Nobody Known"));
    // the gazetteer's descriptive aliases count as titles
    CHECK(reg.affiliated("NATO", "Jens Stoltenberg"));
}
