// The SQLite store: schema, prepared statements with bound parameters, one
// transaction per document, and the integrity check. SQLite's result codes
// become quotetrace::error here and nowhere else.
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <utility>
#include <unordered_map>

#include "quotetrace/error.hpp"
#include "quotetrace/store.hpp"

namespace quotetrace::store {
namespace {

constexpr int schema_version = 1;

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  outlet TEXT NOT NULL,
  outlet_rule TEXT NOT NULL,
  published TEXT NOT NULL,
  published_rule TEXT NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  quote_count INTEGER NOT NULL,
  digest TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS speakers(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS statements(
  id INTEGER PRIMARY KEY,
  speaker INTEGER REFERENCES speakers(id),
  merged_into INTEGER REFERENCES statements(id));
CREATE TABLE IF NOT EXISTS quotes(
  id INTEGER PRIMARY KEY,
  document INTEGER NOT NULL REFERENCES documents(id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect')),
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  speaker INTEGER REFERENCES speakers(id),
  mention TEXT NOT NULL,
  cue TEXT NOT NULL,
  rule TEXT NOT NULL,
  confidence REAL NOT NULL,
  stems TEXT NOT NULL,
  said TEXT NOT NULL,
  said_words TEXT NOT NULL,
  indexed INTEGER NOT NULL DEFAULT -1,
  kept TEXT NOT NULL DEFAULT '',
  restore_keys BLOB NOT NULL DEFAULT x'',
  UNIQUE (document, seq));
CREATE TABLE IF NOT EXISTS quote_statements(
  quote INTEGER NOT NULL REFERENCES quotes(id),
  statement INTEGER NOT NULL REFERENCES statements(id),
  sentence INTEGER NOT NULL DEFAULT -1,
  PRIMARY KEY (quote, statement)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quote_statements_by_statement ON quote_statements(statement);
CREATE TABLE IF NOT EXISTS citations(
  id INTEGER PRIMARY KEY,
  document INTEGER NOT NULL REFERENCES documents(id),
  source TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  rule TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS quote_terms USING fts5(stems, content='quotes', content_rowid='id', detail='none');
CREATE VIRTUAL TABLE IF NOT EXISTS quote_terms_vocab USING fts5vocab(quote_terms, 'row');
CREATE TABLE IF NOT EXISTS credits(
  document INTEGER NOT NULL REFERENCES documents(id),
  name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS learned(
  id INTEGER PRIMARY KEY,
  document INTEGER NOT NULL REFERENCES documents(id),
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '');
)sql";

// SQLite's result code `rc` as an error naming the store: damage, a full
// disk and a lock each get their own id and words; `id` for the rest.
error store_error(sqlite3* db, int rc, const std::string& path, const char* id, const std::string& detail) {
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return error("store.corrupt", path + ": the store is damaged (" + detail +
                                          "); `quotetrace check` says what it can still read");
    case SQLITE_FULL:
        return error("store.full", path + ": out of space: the disk or the file size limit is full (" + detail + ")");
    case SQLITE_IOERR: {
        const int e = sqlite3_system_errno(db);
        if (e == ENOSPC || e == EDQUOT)
            return error("store.full", path + ": out of space: " + std::strerror(e) + " (" + detail + ")");
        // SQLite reports a write past the file size limit as a plain write
        // error, and its errno may be gone by then
        rlimit limit{};
        const bool grows = rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_SHMSIZE || rc == SQLITE_IOERR_TRUNCATE;
        if ((e == EFBIG || grows) && ::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
            return error("store.full", path + ": out of space: the file size limit (" + std::to_string(limit.rlim_cur) +
                                           " bytes, ulimit -f) is reached (" + detail + ")");
        return error("store.io", path + ": cannot read or write the file" +
                                     (e ? std::string(": ") + std::strerror(e) : std::string()) + " (" + detail + ")");
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return error("store.busy", path + ": the store stayed locked by another process (" + detail + ")");
    case SQLITE_READONLY:
        return error("store.open", path + ": the store cannot be written (" + detail + ")");
    default:
        return error(id, path + ": " + detail);
    }
}

// One prepared statement, reset and cleared after each use. Errors name the
// store (`path` outlives the statement).
class query {
public:
    query() = default;
    query(sqlite3* db, std::string sql, const std::string& path) : db_(db), path_(&path), sql_(std::move(sql)) {
        const int rc = sqlite3_prepare_v3(db, sql_.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
        if (rc != SQLITE_OK)
            throw store_error(db, rc, path, "store.schema",
                              std::string(sqlite3_errmsg(db)) + ", preparing \"" + first_line() + "\"");
    }
    query(query&& o) noexcept
        : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)), path_(o.path_), sql_(std::move(o.sql_)) {}
    query& operator=(query&& o) noexcept {
        std::swap(db_, o.db_);
        std::swap(stmt_, o.stmt_);
        std::swap(path_, o.path_);
        std::swap(sql_, o.sql_);
        return *this;
    }
    ~query() { sqlite3_finalize(stmt_); }

    query& bind(int i, std::string_view s) {
        check(sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT));
        return *this;
    }
    query& bind_blob(int i, std::string_view s) {
        check(sqlite3_bind_blob(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT));
        return *this;
    }
    query& bind(int i, std::int64_t v) {
        check(sqlite3_bind_int64(stmt_, i, v));
        return *this;
    }
    query& bind(int i, double v) {
        check(sqlite3_bind_double(stmt_, i, v));
        return *this;
    }
    query& bind_null(int i) {
        check(sqlite3_bind_null(stmt_, i));
        return *this;
    }
    // Steps once: true when a row is ready.
    bool step(const char* id = "store.write") {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        const std::string what = sqlite3_errmsg(db_);
        auto e = store_error(db_, rc, *path_, id, what + ", in \"" + first_line() + "\"");
        reset();
        throw e;
    }
    // Steps to the end of a statement that returns no rows, then resets.
    void run() {
        while (step()) {
        }
        reset();
    }
    void reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
    double real(int col) const { return sqlite3_column_double(stmt_, col); }
    std::string text(int col) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }
    std::string blob(int col) const {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }
    bool null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

private:
    void check(int rc) const {
        if (rc != SQLITE_OK)
            throw error("store.write", *path_ + ": cannot bind a parameter of \"" + first_line() + "\"");
    }
    std::string first_line() const {
        std::string s = sql_;
        s.erase(std::remove(s.begin(), s.end(), '\n'), s.end());
        return s.size() > 60 ? s.substr(0, 60) + "..." : s;
    }

    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    const std::string* path_ = nullptr;
    std::string sql_;
};

constexpr const char* document_columns =
    "id, hash, name, path, outlet, outlet_rule, published, published_rule, url, title";
constexpr const char* quote_columns =
    "q.seq, q.kind, q.text, q.start, q.end, s.name, q.mention, q.cue, q.rule, q.confidence, q.stems, q.said, "
    "q.said_words FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker";

quote_kind kind_of(const std::string& s);

// A row of document_columns.
void read_document(const query& q, document_row& d) {
    d.id = q.integer(0);
    d.hash = q.text(1);
    d.name = q.text(2);
    d.path = q.text(3);
    d.outlet = q.text(4);
    d.outlet_rule = q.text(5);
    d.published = q.text(6);
    d.published_rule = q.text(7);
    d.url = q.text(8);
    d.title = q.text(9);
}

// quote_columns from column `at` on; statements are left alone.
void read_quote(const query& q, int at, quote_row& r) {
    r.seq = static_cast<std::uint32_t>(q.integer(at));
    r.kind = kind_of(q.text(at + 1));
    r.text = q.text(at + 2);
    r.where = {static_cast<std::size_t>(q.integer(at + 3)), static_cast<std::size_t>(q.integer(at + 4))};
    r.speaker = q.text(at + 5);
    r.mention = q.text(at + 6);
    r.cue = q.text(at + 7);
    r.rule = q.text(at + 8);
    r.confidence = q.real(at + 9);
    r.stems = q.text(at + 10);
    r.said = q.text(at + 11);
    r.said_words = q.text(at + 12);
}

// source, start, end, rule from column `at` on.
void read_citation(const query& q, int at, citation_row& c) {
    c.source = q.text(at);
    c.where = {static_cast<std::size_t>(q.integer(at + 1)), static_cast<std::size_t>(q.integer(at + 2))};
    c.rule = q.text(at + 3);
}

const char* kind_name(quote_kind k) { return to_string(k); }

// A hash of what a document's rows say (its quotes without their statements,
// which later merges change, its citations and credits): written with the
// document, recomputed by check, so a value changed on disk is found.
std::string rows_digest(const document_row& d) {
    std::string s;
    char number[32];
    auto field = [&](std::string_view v) {
        s += v;
        s += '\x1f';
    };
    auto integer = [&](std::uint64_t v) { field(std::to_string(v)); };
    for (const auto& q : d.quotes) {
        integer(q.seq);
        field(kind_name(q.kind));
        field(q.text);
        integer(q.where.begin);
        integer(q.where.end);
        field(q.speaker);
        field(q.mention);
        field(q.cue);
        field(q.rule);
        std::snprintf(number, sizeof number, "%.17g", q.confidence);
        field(number);
        field(q.stems);
        field(q.said);
        field(q.said_words);
        s += '\x1e';
    }
    for (const auto& c : d.citations) {
        field(c.source);
        integer(c.where.begin);
        integer(c.where.end);
        field(c.rule);
        s += '\x1e';
    }
    for (const auto& c : d.credits) field(c);
    return content_hash(s);
}

// A quote's kept statements as stored: "number:sentence" pairs, space-separated.
std::string kept_text(const std::vector<std::pair<std::uint32_t, int>>& kept) {
    std::string s;
    for (const auto& [number, sentence] : kept) {
        if (!s.empty()) s += ' ';
        s += std::to_string(number) + ':' + std::to_string(sentence);
    }
    return s;
}

// kept_text() read back; what does not parse is left out (check finds
// damage through the digest, and restoring then judges from the words).
std::vector<std::pair<std::uint32_t, int>> kept_pairs(std::string_view s) {
    std::vector<std::pair<std::uint32_t, int>> out;
    while (!s.empty()) {
        const auto sp = std::min(s.find(' '), s.size());
        const auto item = s.substr(0, sp);
        s.remove_prefix(std::min(sp + 1, s.size()));
        const auto colon = item.find(':');
        if (colon == std::string_view::npos) continue;
        std::uint32_t number = 0;
        int sentence = 0;
        const auto a = item.substr(0, colon), b = item.substr(colon + 1);
        if (std::from_chars(a.data(), a.data() + a.size(), number).ptr != a.data() + a.size() ||
            std::from_chars(b.data(), b.data() + b.size(), sentence).ptr != b.data() + b.size())
            continue;
        out.emplace_back(number, sentence);
    }
    return out;
}

quote_kind kind_of(const std::string& s) {
    if (s == "partial") return quote_kind::partial;
    if (s == "indirect") return quote_kind::indirect;
    return quote_kind::direct;
}

constexpr int busy_timeout_ms = 5000;

void run_sql(sqlite3* db, const char* sql, const std::string& path, const char* id) {
    char* message = nullptr;
    if (const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message); rc != SQLITE_OK) {
        const std::string what = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw store_error(db, rc, path, id, what);
    }
}

// A file shorter than its header says (a copy cut short) is damaged; only
// without a write-ahead log, which may hold the missing pages.
void truncated(const std::string& path, const std::string& head) {
    auto be = [&](std::size_t at, std::size_t n) {
        std::uint64_t v = 0;
        for (std::size_t k = 0; k < n; ++k) v = v << 8 | static_cast<unsigned char>(head[at + k]);
        return v;
    };
    std::uint64_t page = be(16, 2);
    if (page == 1) page = 65536;
    const std::uint64_t pages = be(28, 4);
    // the page count is valid when the change counter matches its copy
    if (pages == 0 || be(24, 4) != be(92, 4)) return;
    std::error_code ec;
    const auto wal = std::filesystem::file_size(path + "-wal", ec);
    if (!ec && wal > 0) return;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size < pages * page)
        throw error("store.corrupt", path + ": the store is damaged: " + std::to_string(size) +
                                         " bytes, its header says " + std::to_string(pages) + " pages of " +
                                         std::to_string(page) + " (the file was cut short)");
}

// What the file at `path` is before SQLite reads it: a directory, an empty
// file or a file that is not SQLite is refused by name, and a damaged
// quotetrace store (its header gone, its schema still legible) is told apart
// from another file.
void preflight(const std::string& path, bool must_exist) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto st = fs::status(path, ec);
    if (fs::is_directory(st)) throw error("store.open", path + ": a directory, not a store file");
    if (!fs::exists(st)) {
        if (must_exist) throw error("store.missing", path + ": no such store");
        return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return;  // SQLite says why
    std::string head(64 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.empty())
        throw error("store.foreign", path + ": not a quotetrace store (an empty file; remove it to start a new store)");
    constexpr std::string_view magic("SQLite format 3\0", 16);
    if (head.compare(0, magic.size(), magic) == 0) {
        if (head.size() >= 100) truncated(path, head);
        return;
    }
    if (head.find("quote_statements") != std::string::npos)
        throw error("store.corrupt", path + ": the store is damaged: its first bytes are not an SQLite header, "
                                            "though its tables are still there");
    throw error("store.foreign", path + ": not a quotetrace store (not an SQLite database)");
}

// A new store appears whole: built under a temporary name beside `path`,
// then linked into place, so a run killed while creating it leaves no file
// that is half a store (at worst the temporary one).
void create_whole(const std::string& path) {
    const std::string tmp = path + ".new-" + std::to_string(::getpid());
    std::error_code gone;
    std::filesystem::remove(tmp, gone);
    sqlite3* db = nullptr;
    try {
        if (const int rc = sqlite3_open_v2(tmp.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
            rc != SQLITE_OK)
            throw error("store.open", path + ": cannot create the store: " + (db ? sqlite3_errmsg(db) : "out of memory"));
        sqlite3_extended_result_codes(db, 1);
        run_sql(db, "PRAGMA journal_mode=WAL", path, "store.open");
        run_sql(db, "BEGIN IMMEDIATE", path, "store.open");
        run_sql(db, schema, path, "store.schema");
        const std::string version =
            "INSERT INTO meta(key, value) VALUES ('schema', '" + std::to_string(schema_version) + "'); COMMIT";
        run_sql(db, version.c_str(), path, "store.open");
    } catch (...) {
        sqlite3_close(db);
        std::filesystem::remove(tmp, gone);
        throw;
    }
    sqlite3_close(db);  // the last connection: the WAL is folded in and removed
    if (::link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST) {
        // a file system without hard links
        std::error_code ec;
        std::filesystem::rename(tmp, path, ec);
        if (ec) throw error("store.open", path + ": cannot create the store: " + ec.message());
    }
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
}

bool ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The terms FTS5's default tokenizer makes of a quote's stems, each once, as
// far as ASCII goes: runs of letters and digits, lower-cased. Terms with
// other bytes are left out (the tokenizer folds their diacritics).
void index_tokens(std::string_view stems, std::vector<std::string>& out) {
    out.clear();
    std::string t;
    auto flush = [&] {
        if (!t.empty() && ascii(t) && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
        t.clear();
    };
    for (const char c : stems) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || std::isalnum(u)) t += static_cast<char>(std::tolower(u));
        else flush();
    }
    flush();
}

}  // namespace

struct database::impl {
    std::string path;
    options opt;
    sqlite3* db = nullptr;
    query begin, commit, rollback;
    query find_hash, insert_document, find_speaker, insert_speaker, insert_statement, adopt_statement, put_statement,
        move_members, drop_members,
        insert_quote, insert_membership, insert_citation, insert_credit, insert_learned, insert_terms;
    std::size_t rows = 0;  // rows written in the current transaction

    query prepare(std::string sql) const { return query(db, std::move(sql), path); }

    void exec(const char* sql, const char* id) { run_sql(db, sql, path, id); }

    // The schema's version, read under the snapshot: "" when the file holds
    // no quotetrace tables. Refuses another program's database by name.
    std::string version() {
        const std::size_t objects = scalar("SELECT count(*) FROM sqlite_master");
        if (!has_table("meta")) {
            if (objects == 0) return "";
            throw error("store.foreign", path + ": not a quotetrace store (an SQLite database of " +
                                             std::to_string(objects) + " objects without quotetrace's tables)");
        }
        auto q = prepare("SELECT value FROM meta WHERE key = 'schema'");
        if (!q.step("store.read"))
            throw error("store.foreign", path + ": not a quotetrace store (no schema version in its meta table)");
        return q.text(0);
    }

    void open() {
        const bool memory = path == ":memory:";
        if (!memory) {
            preflight(path, opt.read_only);
            std::error_code ec;
            if (!opt.read_only && !std::filesystem::exists(path, ec)) create_whole(path);
        }
        const int flags = SQLITE_OPEN_READWRITE | (memory ? SQLITE_OPEN_CREATE : 0);
        if (const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr); rc != SQLITE_OK) {
            const std::string what = db ? sqlite3_errmsg(db) : "out of memory";
            throw error("store.open", path + ": cannot open the store: " + what);
        }
        sqlite3_busy_timeout(db, busy_timeout_ms);
        sqlite3_extended_result_codes(db, 1);
        if (opt.read_only) {
            // one snapshot for the whole run: the first read below starts it
            exec("PRAGMA query_only=1", "store.open");
            exec("BEGIN", "store.open");
        }
        const std::string v = version();
        if (!v.empty() && v != std::to_string(schema_version))
            throw error("store.schema", path + ": a store of schema " + v +
                                            ", written by a newer quotetrace; this one reads schema " +
                                            std::to_string(schema_version));
        if (opt.read_only) {
            if (v.empty()) throw error("store.foreign", path + ": not a quotetrace store (an empty SQLite database)");
        } else {
            // writing into a damaged b-tree spreads the damage: a writer
            // looks at every page first (a fraction of what restoring the
            // statements costs)
            if (!v.empty()) {
                auto q = prepare("PRAGMA quick_check(1)");
                if (q.step("store.read") && q.text(0) != "ok")
                    throw error("store.corrupt", path + ": the store is damaged (" + q.text(0) +
                                                     "); nothing was written; `quotetrace check` says more");
            }
            if (!memory) exec("PRAGMA journal_mode=WAL", "store.open");
            exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", "store.open");
            exec("BEGIN IMMEDIATE", "store.open");
            try {
                // tables a store of this schema may lack are added
                exec(schema, "store.schema");
                if (v.empty()) {
                    auto set = prepare("INSERT INTO meta(key, value) VALUES ('schema', ?1)");
                    set.bind(1, std::to_string(schema_version)).run();
                }
                if (!has_column("documents", "digest"))
                    exec("ALTER TABLE documents ADD COLUMN digest TEXT NOT NULL DEFAULT ''", "store.schema");
                if (!has_column("quotes", "indexed"))
                    exec("ALTER TABLE quotes ADD COLUMN indexed INTEGER NOT NULL DEFAULT -1; "
                         "ALTER TABLE quotes ADD COLUMN kept TEXT NOT NULL DEFAULT ''",
                         "store.schema");
                if (!has_column("quotes", "restore_keys"))
                    exec("ALTER TABLE quotes ADD COLUMN restore_keys BLOB NOT NULL DEFAULT x''", "store.schema");
            } catch (...) {
                sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
                throw;
            }
            exec("COMMIT", "store.open");
        }
        find_hash = prepare("SELECT 1 FROM documents WHERE hash = ?1");
        if (opt.read_only) return;  // a store older than some column still reads
        begin = prepare("BEGIN IMMEDIATE");
        commit = prepare("COMMIT");
        rollback = prepare("ROLLBACK");
        insert_document = prepare("INSERT INTO documents(hash, name, path, outlet, outlet_rule, published, published_rule, "
                                "url, title, quote_count, digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        find_speaker = prepare("SELECT id FROM speakers WHERE name = ?1");
        insert_speaker = prepare("INSERT INTO speakers(name) VALUES (?1)");
        insert_statement = prepare("INSERT OR IGNORE INTO statements(id, speaker) VALUES (?1, ?2)");
        adopt_statement = prepare("UPDATE statements SET speaker = ?2 WHERE id = ?1 AND speaker IS NULL");
        put_statement = prepare("INSERT INTO statements(id, speaker, merged_into) VALUES (?1, ?2, ?3) ON CONFLICT(id) DO "
                              "UPDATE SET speaker = excluded.speaker, merged_into = excluded.merged_into");
        move_members = prepare("UPDATE OR IGNORE quote_statements SET statement = ?2 WHERE statement = ?1");
        drop_members = prepare("DELETE FROM quote_statements WHERE statement = ?1");
        insert_quote = prepare("INSERT INTO quotes(document, seq, kind, text, start, end, speaker, mention, cue, rule, "
                             "confidence, stems, said, said_words, indexed, kept, restore_keys) VALUES (?1, ?2, ?3, ?4, "
                             "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
        insert_membership =
            prepare("INSERT OR IGNORE INTO quote_statements(quote, statement, sentence) VALUES (?1, ?2, ?3)");
        insert_citation =
            prepare("INSERT INTO citations(document, source, start, end, rule) VALUES (?1, ?2, ?3, ?4, ?5)");
        insert_credit = prepare("INSERT INTO credits(document, name) VALUES (?1, ?2)");
        insert_learned = prepare("INSERT INTO learned(document, name, title) VALUES (?1, ?2, ?3)");
        insert_terms = prepare("INSERT INTO quote_terms(rowid, stems) VALUES (?1, ?2)");
    }

    void wrote() {
        ++rows;
        if (opt.after_row) opt.after_row(rows);
    }

    // The speaker's key, created when new; 0 for no speaker.
    std::int64_t speaker_id(const std::string& name, std::unordered_map<std::string, std::int64_t>& cache) {
        if (name.empty()) return 0;
        if (const auto it = cache.find(name); it != cache.end()) return it->second;
        find_speaker.bind(1, name);
        std::int64_t id = 0;
        if (find_speaker.step("store.read")) id = find_speaker.integer(0);
        find_speaker.reset();
        if (id == 0) {
            insert_speaker.bind(1, name).run();
            id = sqlite3_last_insert_rowid(db);
            wrote();
        }
        cache.emplace(name, id);
        return id;
    }

    void write(document_row& doc) {
        std::unordered_map<std::string, std::int64_t> speakers;
        insert_document.bind(1, doc.hash)
            .bind(2, doc.name)
            .bind(3, doc.path)
            .bind(4, doc.outlet)
            .bind(5, doc.outlet_rule)
            .bind(6, doc.published)
            .bind(7, doc.published_rule)
            .bind(8, doc.url)
            .bind(9, doc.title)
            .bind(10, static_cast<std::int64_t>(doc.quotes.size()))
            .bind(11, rows_digest(doc))
            .run();
        doc.id = sqlite3_last_insert_rowid(db);
        wrote();
        for (const auto& c : doc.credits) {
            insert_credit.bind(1, doc.id).bind(2, c).run();
            wrote();
        }
        auto learned = [&](const std::string& name, const std::string& title) {
            insert_learned.bind(1, doc.id).bind(2, name).bind(3, title).run();
            wrote();
        };
        for (const auto& name : doc.learned_names) learned(name, {});
        for (const auto& [person, title] : doc.learned_titles) learned(person, title);
        for (const auto& c : doc.citations) {
            insert_citation.bind(1, doc.id)
                .bind(2, c.source)
                .bind(3, static_cast<std::int64_t>(c.where.begin))
                .bind(4, static_cast<std::int64_t>(c.where.end))
                .bind(5, c.rule)
                .run();
            wrote();
        }
        // statements first: merges move the stored quotes of the merged
        // statement to the one it joined
        for (const auto& st : doc.statements) {
            const std::int64_t who = speaker_id(st.speaker, speakers);
            put_statement.bind(1, static_cast<std::int64_t>(st.number));
            if (who) put_statement.bind(2, who);
            else put_statement.bind_null(2);
            if (st.merged_into) put_statement.bind(3, static_cast<std::int64_t>(st.merged_into));
            else put_statement.bind_null(3);
            put_statement.run();
            if (st.merged_into) {
                move_members.bind(1, static_cast<std::int64_t>(st.number))
                    .bind(2, static_cast<std::int64_t>(st.merged_into))
                    .run();
                drop_members.bind(1, static_cast<std::int64_t>(st.number)).run();
            }
            wrote();
        }
        for (const auto& q : doc.quotes) {
            const std::int64_t who = speaker_id(q.speaker, speakers);
            insert_quote.bind(1, doc.id)
                .bind(2, static_cast<std::int64_t>(q.seq))
                .bind(3, kind_name(q.kind))
                .bind(4, q.text)
                .bind(5, static_cast<std::int64_t>(q.where.begin))
                .bind(6, static_cast<std::int64_t>(q.where.end));
            if (who) insert_quote.bind(7, who);
            else insert_quote.bind_null(7);
            insert_quote.bind(8, q.mention)
                .bind(9, q.cue)
                .bind(10, q.rule)
                .bind(11, q.confidence)
                .bind(12, q.stems)
                .bind(13, q.said)
                .bind(14, q.said_words)
                .bind(15, static_cast<std::int64_t>(q.indexed))
                .bind(16, kept_text(q.kept_statements))
                .bind_blob(17, q.restore_keys)
                .run();
            const std::int64_t quote_id = sqlite3_last_insert_rowid(db);
            wrote();
            if (!q.stems.empty()) insert_terms.bind(1, quote_id).bind(2, q.stems).run();
            for (std::size_t k = 0; k < q.statements.size(); ++k) {
                const auto st = q.statements[k];
                insert_statement.bind(1, static_cast<std::int64_t>(st));
                if (who) insert_statement.bind(2, who);
                else insert_statement.bind_null(2);
                insert_statement.run();
                if (who) adopt_statement.bind(1, static_cast<std::int64_t>(st)).bind(2, who).run();
                insert_membership.bind(1, quote_id)
                    .bind(2, static_cast<std::int64_t>(st))
                    .bind(3, static_cast<std::int64_t>(k < q.sentences.size() ? q.sentences[k] : -1))
                    .run();
                wrote();
            }
        }
    }

    // Stores written by earlier versions lack some columns (a document's
    // digest, a quote's indexing).
    bool has_column(const char* table, const char* column) const {
        auto q = prepare("SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2");
        q.bind(1, table).bind(2, column);
        return q.step("store.read") && q.integer(0) > 0;
    }

    bool has_table(const char* table) const {
        auto q = prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
        q.bind(1, table);
        return q.step("store.read") && q.integer(0) > 0;
    }

    std::size_t scalar(const std::string& sql) const {
        auto q = prepare(sql);
        const std::size_t n = q.step("store.read") ? static_cast<std::size_t>(q.integer(0)) : 0;
        q.reset();
        return n;
    }
};

database::database(const std::string& path, options opt) : impl_(std::make_unique<impl>()) {
    impl_->path = path;
    impl_->opt = std::move(opt);
    try {
        impl_->open();
    } catch (...) {
        // the statements are finalised before the connection closes
        sqlite3* db = impl_->db;
        impl_.reset();
        sqlite3_close(db);
        throw;
    }
}

database::~database() {
    if (!impl_) return;
    sqlite3* db = impl_->db;
    impl_.reset();  // finalises every prepared statement first
    sqlite3_close(db);
}

database::database(database&&) noexcept = default;
database& database::operator=(database&&) noexcept = default;

const std::string& database::path() const noexcept { return impl_->path; }

bool database::has(std::string_view hash) const {
    auto& q = impl_->find_hash;
    q.bind(1, hash);
    const bool found = q.step("store.read");
    q.reset();
    return found;
}

void database::add(document_row& doc, std::optional<std::size_t> known_statements) {
    auto& s = *impl_;
    s.rows = 0;
    s.begin.run();
    try {
        if (known_statements) {
            const std::size_t stored = s.scalar("SELECT coalesce(max(id), 0) FROM statements");
            if (stored != *known_statements)
                throw error("store.concurrent", s.path + ": another ingest added statements since this one started (" +
                                                    std::to_string(stored) + " stored, " +
                                                    std::to_string(*known_statements) +
                                                    " known); run it again when the other has finished");
        }
        s.write(doc);
        s.commit.run();
    } catch (...) {
        try {
            s.rollback.run();
        } catch (const error&) {
            // SQLite may already have rolled back (a full disk, an I/O error)
        }
        doc.id = 0;
        try {
            throw;
        } catch (const error& e) {
            if (e.id() == "store.concurrent") throw;
            // the store's own words, then the document that was not written
            std::string what = e.what();
            if (what.compare(0, s.path.size() + 2, s.path + ": ") == 0) what.erase(0, s.path.size() + 2);
            throw error(e.id(), s.path + ": cannot write " + doc.name + ": " + what + "; " + doc.name +
                                    " was not stored, every document stored before it is intact");
        }
    }
}

void database::each_document(const std::function<void(const document_row&)>& f) const {
    auto q = impl_->prepare(std::string("SELECT ") + document_columns + " FROM documents ORDER BY id");
    document_row d;
    while (q.step("store.read")) {
        read_document(q, d);
        f(d);
    }
    q.reset();
}

void database::each_quote(const std::function<void(std::int64_t, const quote_row&)>& f) const {
    // memberships come sorted by quote, so one merge pass pairs them
    auto members = impl_->prepare("SELECT quote, statement, sentence FROM quote_statements ORDER BY quote, statement");
    // columns a store written before they were kept lacks read as unknown
    const std::string indexed = std::string(impl_->has_column("quotes", "indexed") ? "q.indexed, q.kept, " : "-1, '', ") +
                                (impl_->has_column("quotes", "restore_keys") ? "q.restore_keys, " : "x'', ");
    auto q = impl_->prepare("SELECT q.id, q.document, " + indexed + quote_columns + " ORDER BY q.id");
    bool member = members.step("store.read");
    quote_row r;
    while (q.step("store.read")) {
        const std::int64_t id = q.integer(0);
        r.indexed = static_cast<int>(q.integer(2));
        r.kept_statements = kept_pairs(q.text(3));
        r.restore_keys = q.blob(4);
        read_quote(q, 5, r);
        r.statements.clear();
        r.sentences.clear();
        while (member && members.integer(0) < id) member = members.step("store.read");
        while (member && members.integer(0) == id) {
            r.statements.push_back(static_cast<std::uint32_t>(members.integer(1)));
            r.sentences.push_back(static_cast<int>(members.integer(2)));
            member = members.step("store.read");
        }
        f(q.integer(1), r);
    }
    q.reset();
    members.reset();
}

void database::each_citation(const std::function<void(std::int64_t, const citation_row&)>& f) const {
    auto q = impl_->prepare("SELECT document, source, start, end, rule FROM citations ORDER BY id");
    citation_row c;
    while (q.step("store.read")) {
        read_citation(q, 1, c);
        f(q.integer(0), c);
    }
    q.reset();
}

void database::each_learned(const std::function<void(const std::string&, const std::string&)>& f) const {
    if (!impl_->has_table("learned")) return;  // a store written before names were kept
    auto q = impl_->prepare("SELECT name, title FROM learned ORDER BY id");
    while (q.step("store.read")) f(q.text(0), q.text(1));
    q.reset();
}

void database::each_statement(const std::function<void(std::uint32_t, const std::string&, std::uint32_t)>& f) const {
    auto q = impl_->prepare("SELECT st.id, sp.name, coalesce(st.merged_into, 0) FROM statements st LEFT JOIN speakers sp ON sp.id = "
            "st.speaker ORDER BY st.id");
    while (q.step("store.read"))
        f(static_cast<std::uint32_t>(q.integer(0)), q.text(1), static_cast<std::uint32_t>(q.integer(2)));
    q.reset();
}

counts database::count() const {
    counts n;
    n.documents = impl_->scalar("SELECT count(*) FROM documents");
    n.quotes = impl_->scalar("SELECT count(*) FROM quotes");
    n.speakers = impl_->scalar("SELECT count(*) FROM speakers");
    n.statements = impl_->scalar("SELECT count(*) FROM statements");
    n.outlets = impl_->scalar("SELECT count(DISTINCT outlet) FROM documents WHERE outlet != ''");
    n.citations = impl_->scalar("SELECT count(*) FROM citations");
    return n;
}

namespace {

// One stem as an FTS5 query: a string, its quote marks doubled.
std::string fts_term(std::string_view stem) {
    std::string q = "\"";
    for (const char c : stem) {
        if (c == '"') q += '"';
        q += c;
    }
    q += '"';
    return q;
}

}  // namespace

std::vector<std::int64_t> database::quotes_sharing(const std::vector<std::string>& stems, std::size_t common,
                                                   std::size_t limit) const {
    auto df = impl_->prepare("SELECT doc FROM quote_terms_vocab WHERE term = ?1");
    auto rows = impl_->prepare("SELECT rowid FROM quote_terms WHERE quote_terms MATCH ?1 ORDER BY rowid");
    const double n = static_cast<double>(impl_->scalar("SELECT max(id) FROM quotes")) + 1;
    std::vector<std::pair<std::int64_t, std::string>> terms;  // (quotes holding it, stem), rarest first
    for (const auto& s : stems) {
        df.bind(1, s);
        if (df.step("store.read")) terms.emplace_back(df.integer(0), s);
        df.reset();
    }
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    // the quotes found, by id, with the weight of the stems each holds: each
    // query returns ids in order, so a rare stem's rows merge into them and
    // a common stem's rows (all among them) are met walking forward
    std::vector<std::pair<std::int64_t, double>> found, merged;
    std::vector<std::int64_t> ids;
    // the rare stems, as the FTS5 expression "any of them"
    std::string any_rare = "(";
    for (std::size_t k = 0; k < terms.size(); ++k) {
        const double w = std::log(n / (static_cast<double>(terms[k].first) + 0.5));
        const bool rare = k == 0 || terms[k].first <= static_cast<std::int64_t>(common);
        if (rare) {
            if (k > 0) any_rare += " OR ";
            any_rare += fts_term(terms[k].second);
            rows.bind(1, fts_term(terms[k].second));
        } else {
            // only the quotes the rare stems found: FTS5 skips through the
            // common stem's long list to them instead of returning all of it
            rows.bind(1, any_rare + ") AND " + fts_term(terms[k].second));
        }
        ids.clear();
        while (rows.step("store.read")) ids.push_back(rows.integer(0));
        rows.reset();
        if (rare) {
            merged.clear();
            merged.reserve(found.size() + ids.size());
            auto f = found.begin();
            for (const auto id : ids) {
                for (; f != found.end() && f->first < id; ++f) merged.push_back(*f);
                if (f != found.end() && f->first == id) merged.emplace_back(id, (f++)->second + w);
                else merged.emplace_back(id, 0.0 + w);
            }
            merged.insert(merged.end(), f, found.end());
            found.swap(merged);
        } else {
            auto f = found.begin();
            for (const auto id : ids) {
                f = std::lower_bound(f, found.end(), id, [](const auto& x, std::int64_t v) { return x.first < v; });
                if (f != found.end() && f->first == id) f->second += w;
            }
        }
    }
    const std::size_t keep = std::min(limit, found.size());
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                      [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    std::vector<std::int64_t> best;
    best.reserve(keep);
    for (std::size_t i = 0; i < keep; ++i) best.push_back(found[i].first);
    return best;
}

std::vector<std::uint32_t> database::statements_of(const std::vector<std::int64_t>& quotes) const {
    auto q = impl_->prepare("SELECT statement FROM quote_statements WHERE quote = ?1");
    std::vector<std::uint32_t> out;
    for (const auto id : quotes) {
        q.bind(1, id);
        while (q.step("store.read")) out.push_back(static_cast<std::uint32_t>(q.integer(0)));
        q.reset();
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void database::each_part_of(const std::vector<std::uint32_t>& statements,
                            const std::function<void(const document_row&)>& on_document,
                            const std::function<void(std::int64_t, const citation_row&)>& on_citation,
                            const std::function<void(std::uint32_t, const std::string&)>& on_statement,
                            const std::function<void(std::int64_t, const quote_row&)>& on_quote) const {
    auto speaker = impl_->prepare("SELECT sp.name FROM statements st LEFT JOIN speakers sp ON sp.id = st.speaker WHERE st.id = ?1");
    auto members = impl_->prepare("SELECT quote FROM quote_statements WHERE statement = ?1");
    std::vector<std::int64_t> quote_ids;
    for (const auto n : statements) {
        speaker.bind(1, static_cast<std::int64_t>(n));
        if (speaker.step("store.read")) on_statement(n, speaker.text(0));
        speaker.reset();
        members.bind(1, static_cast<std::int64_t>(n));
        while (members.step("store.read")) quote_ids.push_back(members.integer(0));
        members.reset();
    }
    std::sort(quote_ids.begin(), quote_ids.end());
    quote_ids.erase(std::unique(quote_ids.begin(), quote_ids.end()), quote_ids.end());
    auto quote = impl_->prepare(std::string("SELECT q.document, ") + quote_columns + " WHERE q.id = ?1");
    auto memberships = impl_->prepare("SELECT statement, sentence FROM quote_statements WHERE quote = ?1 ORDER BY statement");
    auto document = impl_->prepare(std::string("SELECT ") + document_columns + " FROM documents WHERE id = ?1");
    auto citations = impl_->prepare("SELECT source, start, end, rule FROM citations WHERE document = ?1 ORDER BY id");
    std::vector<std::int64_t> seen_documents;
    quote_row r;
    document_row d;
    citation_row c;
    for (const auto id : quote_ids) {
        quote.bind(1, id);
        if (!quote.step("store.read")) {
            quote.reset();
            continue;
        }
        const std::int64_t doc = quote.integer(0);
        read_quote(quote, 1, r);
        quote.reset();
        r.statements.clear();
        r.sentences.clear();
        memberships.bind(1, id);
        while (memberships.step("store.read")) {
            r.statements.push_back(static_cast<std::uint32_t>(memberships.integer(0)));
            r.sentences.push_back(static_cast<int>(memberships.integer(1)));
        }
        memberships.reset();
        if (std::find(seen_documents.begin(), seen_documents.end(), doc) == seen_documents.end()) {
            seen_documents.push_back(doc);
            document.bind(1, doc);
            if (document.step("store.read")) {
                read_document(document, d);
                on_document(d);
            }
            document.reset();
            citations.bind(1, doc);
            while (citations.step("store.read")) {
                read_citation(citations, 0, c);
                on_citation(doc, c);
            }
            citations.reset();
        }
        on_quote(doc, r);
    }
}

database::sizes database::quote_sizes() const {
    sizes n;
    auto q = impl_->prepare("SELECT count(*), coalesce(sum(length(CAST(text AS BLOB))), 0), "
                       "coalesce(sum(length(CAST(stems AS BLOB))), 0) FROM quotes");
    if (q.step("store.read")) {
        n.quotes = static_cast<std::size_t>(q.integer(0));
        n.text_bytes = static_cast<std::size_t>(q.integer(1));
        n.stem_bytes = static_cast<std::size_t>(q.integer(2));
    }
    q.reset();
    return n;
}

check_report database::check() const {
    check_report r;
    auto& s = *impl_;
    // a read that fails on damage is a finding; each stage goes on without it
    auto guarded = [&](const char* stage, const std::function<void()>& f) {
        try {
            f();
        } catch (const error& e) {
            if (e.id() == "store.corrupt") r.corrupted = true;
            r.problems.push_back(std::string(stage) + ": " + e.what());
        }
    };
    guarded("integrity_check", [&] {
        const std::size_t pages = s.scalar("PRAGMA page_count");
        auto q = s.prepare("PRAGMA integrity_check(100)");
        while (q.step("store.read"))
            if (const auto line = q.text(0); line != "ok") {
                r.corrupted = true;
                r.problems.push_back("integrity_check: " + line);
            }
        r.checked.push_back("SQLite integrity_check: " + std::to_string(pages) + " pages, every table and index");
    });
    guarded("foreign_key_check", [&] {
        auto q = s.prepare("PRAGMA foreign_key_check");
        std::size_t found = 0;
        while (q.step("store.read"))
            if (++found <= 20)
                r.problems.push_back("foreign_key_check: a row of " + q.text(0) + " (rowid " + q.text(1) +
                                     ") refers to a missing row of " + q.text(2));
        r.checked.push_back("foreign keys: every quote's document, speaker and statements exist");
    });
    guarded("counts", [&] { r.totals = count(); });
    // Each invariant: a query listing offenders (up to 20), and what it means.
    struct invariant {
        const char* sql;
        const char* what;
    };
    static const invariant invariants[] = {
        {"SELECT d.name FROM documents d WHERE d.quote_count != (SELECT count(*) FROM quotes q WHERE q.document = d.id) "
         "LIMIT 20",
         "document holds fewer or more quotes than it was written with"},
        {"SELECT d.name || ' #' || q.seq FROM quotes q JOIN documents d ON d.id = q.document WHERE q.seq < 0 OR "
         "q.seq >= d.quote_count LIMIT 20",
         "quote numbered outside its document's 0..n-1"},
        {"SELECT name FROM documents WHERE length(hash) != 32 OR hash GLOB '*[^0-9a-f]*' LIMIT 20",
         "document's content hash is not 32 hex digits"},
        {"SELECT a.name FROM documents a JOIN documents b ON a.hash = b.hash AND a.id < b.id LIMIT 20",
         "document stored twice"},
        {"SELECT q.id FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM quote_statements m WHERE m.quote = q.id) LIMIT 20",
         "quote reports no statement"},
        {"SELECT s.id FROM statements s WHERE s.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM quote_statements m "
         "WHERE m.statement = s.id) LIMIT 20",
         "statement has no quote"},
        {"SELECT DISTINCT m.statement FROM quote_statements m JOIN statements s ON s.id = m.statement WHERE "
         "s.merged_into IS NOT NULL LIMIT 20",
         "merged statement still holds quotes"},
        {"SELECT id FROM statements WHERE merged_into IS NOT NULL AND merged_into >= id LIMIT 20",
         "statement merged into a later one (merges go to the earlier)"},
        {"SELECT max(id) FROM statements HAVING max(id) != count(*) OR min(id) != 1",
         "statement numbers are not 1..N"},
        {"SELECT s.id FROM statements s WHERE s.speaker IS NOT NULL AND s.merged_into IS NULL AND NOT EXISTS (SELECT 1 "
         "FROM quote_statements m JOIN quotes q ON q.id = m.quote WHERE m.statement = s.id AND q.speaker = s.speaker) "
         "LIMIT 20",
         "statement's speaker said none of its quotes"},
        {"SELECT quote || ' in ' || statement FROM quote_statements WHERE sentence < -1 LIMIT 20",
         "quote's sentence number is negative"},
        {"SELECT id FROM quotes WHERE start > end OR start < 0 LIMIT 20", "quote span ends before it begins"},
        {"SELECT id FROM citations WHERE start > end OR start < 0 LIMIT 20", "citation span ends before it begins"},
    };
    for (const auto& inv : invariants)
        guarded(inv.what, [&] {
            auto q = s.prepare(inv.sql);
            while (q.step("store.read")) r.problems.push_back(std::string(inv.what) + ": " + q.text(0));
        });
    r.checked.push_back(std::to_string(std::size(invariants)) +
                        " invariants: whole documents, statement membership and numbering, merges, speakers, spans");
    guarded("row digests", [&] {
        if (!s.has_column("documents", "digest")) return;
        auto docs = s.prepare("SELECT id, name, digest FROM documents WHERE digest != '' ORDER BY id");
        auto quotes = s.prepare(std::string("SELECT ") + quote_columns + " WHERE q.document = ?1 ORDER BY q.seq");
        auto citations = s.prepare("SELECT source, start, end, rule FROM citations WHERE document = ?1 ORDER BY id");
        auto credits = s.prepare("SELECT name FROM credits WHERE document = ?1 ORDER BY rowid");
        std::size_t checked = 0, wrong = 0;
        document_row d;
        while (docs.step("store.read")) {
            const std::int64_t id = docs.integer(0);
            d.quotes.clear();
            d.citations.clear();
            d.credits.clear();
            quotes.bind(1, id);
            while (quotes.step("store.read")) read_quote(quotes, 0, d.quotes.emplace_back());
            quotes.reset();
            citations.bind(1, id);
            while (citations.step("store.read")) read_citation(citations, 0, d.citations.emplace_back());
            citations.reset();
            credits.bind(1, id);
            while (credits.step("store.read")) d.credits.push_back(credits.text(0));
            credits.reset();
            ++checked;
            if (rows_digest(d) != docs.text(2) && ++wrong <= 20)
                r.problems.push_back("document's rows differ from what was written (digest): " + docs.text(1));
        }
        r.checked.push_back("row digests: " + std::to_string(checked) +
                            " documents' quotes, citations and credits as they were written");
    });
    guarded("who-said index", [&] {
        // the index against the quotes' stems: how many quotes hold each stem
        std::unordered_map<std::string, std::size_t> holders;
        auto q = s.prepare("SELECT stems FROM quotes WHERE stems != ''");
        std::vector<std::string> tokens;
        while (q.step("store.read")) {
            index_tokens(q.text(0), tokens);
            for (const auto& t : tokens) ++holders[t];
        }
        auto vocab = s.prepare("SELECT term, doc FROM quote_terms_vocab");
        std::size_t wrong = 0;
        auto differs = [&](const std::string& term, std::size_t indexed, std::size_t held) {
            if (++wrong <= 20)
                r.problems.push_back("who-said index: stem \"" + term + "\" indexed for " + std::to_string(indexed) +
                                     " quotes, held by " + std::to_string(held));
        };
        const std::size_t stems = holders.size();
        while (vocab.step("store.read")) {
            const auto term = vocab.text(0);
            if (!ascii(term)) continue;
            const auto indexed = static_cast<std::size_t>(vocab.integer(1));
            const auto it = holders.find(term);
            const std::size_t held = it == holders.end() ? 0 : it->second;
            if (indexed != held) differs(term, indexed, held);
            if (it != holders.end()) holders.erase(it);
        }
        for (const auto& [term, held] : holders) differs(term, 0, held);
        r.checked.push_back("who-said index: " + std::to_string(stems) + " stems, each in the quotes that hold it");
    });
    return r;
}

}  // namespace quotetrace::store
