// The outlet gazetteer through its real loader: the input is outlets.yaml;
// when it loads, the provenance reader is built from it and reads an
// article with a byline, a credit, a dateline and cited agencies. A set-up
// problem must be a quotetrace::error; any other exception is a finding.
#include <fstream>
#include <string>

#include "fuzz.hpp"
#include "quotetrace/ingest.hpp"
#include "quotetrace/provenance.hpp"
#include "tests/unit/test_support.hpp"

namespace {

using namespace quotetrace;

const char* const article =
    "Allies pledge support\n"
    "By Kim Soo-yeon, Yonhap News Agency\n\n"
    "SEOUL, June 18 (Yonhap) -- “We will act,” Jens Stoltenberg said on Monday, according to TASS.\n"
    "He told Reuters the talks went well, AFP reported, citing Interfax. (AP-Yonhap)\n"
    "© 2024 The Asia Business Daily. All rights reserved.\n";

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)quotetrace::test::english();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const test::temp_dir dir("qt_fuzz_outlets");
    const auto input = fuzz::bytes(data, size);
    {
        std::ofstream out(dir.path() / "outlets.yaml", std::ios::binary | std::ios::trunc);
        out.write(input.data(), static_cast<std::streamsize>(input.size()));
    }
    try {
        const provenance::reader r(test::english(), provenance::load_outlets(dir.dir()));
        ingest::read_buffer("fuzz.txt", article, {}, [&](document&& doc) {
            const auto f = r.read(doc);
            for (const auto& c : f.citations) QT_FUZZ_REQUIRE(c.where.end <= doc.text.size());
        }, fuzz::ignore);
        for (const char* name : {"Yonhap", "https://www.yna.co.kr/view/1", "ap", "", ".", "..com"}) (void)r.canonical(name);
    } catch (const quotetrace::error&) {
        // a clear set-up error naming the file
    }
    return 0;
}
