// The store's reader on a hostile file: the input is an SQLite file opened
// by the store and read as `check`, `report` and `dot` read it. A file that
// is not a sound store must give a quotetrace::error ("store.*"), never a
// crash or another exception.
#include <fstream>
#include <sstream>

#include "fuzz.hpp"
#include "quotetrace/graph.hpp"
#include "quotetrace/report.hpp"
#include "quotetrace/store.hpp"
#include "tests/unit/test_support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quotetrace;
    static const test::temp_dir dir("qt_fuzz_store");
    const auto file = dir.path() / "fuzz.db";
    for (const char* tail : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(file.string() + tail);
    {
        std::ofstream out(file, std::ios::binary);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const store::database db(file.string());
        const auto r = db.check();
        const auto n = db.count();
        QT_FUZZ_REQUIRE(r.problems.empty() || !r.problems.front().empty());
        (void)n;
        const auto g = graph::provenance_graph::from_store(db);
        const auto rep = report::build(g, 1);
        std::ostringstream md, json, html, dot;
        report::write_markdown(md, rep);
        report::write_json(json, rep);
        report::write_html(html, rep);
        graph::write_dot(dot, g, {});
        QT_FUZZ_REQUIRE(fuzz::valid_json(json.str()));
    } catch (const quotetrace::error&) {
        // a clear error naming the file
    }
    return 0;
}
