// The YAML lexicon through its real loaders: the input replaces one file of
// a copy of grammars/en/ (named on its first line, "titles.yaml\n..."; an
// input without a known name goes to the file its length picks), then the
// lexicon is loaded and, when it loads, used: the grammar's symbol tables,
// an extraction, the canonical form. A set-up problem must be a
// quotetrace::error; any other exception escaping is a finding.
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz.hpp"
#include "quotetrace/extract.hpp"
#include "quotetrace/ingest.hpp"
#include "quotetrace/match.hpp"
#include "tests/unit/test_support.hpp"

namespace {

using namespace quotetrace;

const char* const files[] = {"speech_verbs.yaml", "titles.yaml", "pronouns.yaml",   "quote_marks.yaml",
                             "furniture.yaml",    "function_words.yaml", "gazetteer.yaml", "spelling.yaml",
                             "stopwords.yaml",    "first_names.yaml"};
constexpr std::size_t file_count = sizeof files / sizeof files[0];

const char* const article =
    "NATO chief says allies will act\n\n"
    "“We will continue to support Ukraine,” NATO Secretary General Jens Stoltenberg said on Monday.\n"
    "He said the alliance was ‘ready’. According to Blinken, the talks went well.\n";

// A copy of the project's lexicon folder, one file of which each input replaces.
struct scratch {
    test::temp_dir dir{"qt_fuzz_lexicon"};
    scratch() {
        for (const auto& e : std::filesystem::directory_iterator(default_grammar_dir()))
            std::filesystem::copy_file(e.path(), dir.path() / e.path().filename());
    }
    void restore(const char* file) const {
        std::filesystem::copy_file(std::filesystem::path(default_grammar_dir()) / file, dir.path() / file,
                                   std::filesystem::copy_options::overwrite_existing);
    }
};

const scratch& workspace() {
    static const scratch s;
    return s;
}

void use(const std::string& dir) {
    const auto lex = load_lexicon(dir);
    const extractor ex(lex);
    speaker_registry names(lex);
    ingest::read_buffer("fuzz.txt", article, {}, [&](document&& doc) {
        for (const auto& q : ex.extract(doc, names)) QT_FUZZ_REQUIRE(q.content.end <= doc.text.size());
    }, fuzz::ignore);
    const match::canonicalizer canon(dir);
    for (const auto& t : canon.tokens(article)) QT_FUZZ_REQUIRE(t.begin <= t.end && t.end <= std::string_view(article).size());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    workspace();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& s = workspace();
    auto input = fuzz::bytes(data, size);
    const char* file = files[size % file_count];
    if (const auto nl = input.find('\n'); nl != std::string_view::npos)
        for (const char* f : files)
            if (input.substr(0, nl) == f) {
                file = f;
                input.remove_prefix(nl + 1);
            }
    {
        std::ofstream out(s.dir.path() / file, std::ios::binary | std::ios::trunc);
        out.write(input.data(), static_cast<std::streamsize>(input.size()));
    }
    try {
        use(s.dir.dir());
    } catch (const quotetrace::error&) {
        // a clear set-up error naming the file: what a broken lexicon should give
    }
    s.restore(file);
    return 0;
}
