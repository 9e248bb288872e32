// Turns paths, folders, stdin and buffers into documents: picks each input's
// format, skips what is not text, and attaches sidecar and manifest metadata.
// yaml-cpp is used here, outside the config loader, because metadata files
// are data: a broken one is a diagnostic, not a set-up error.
#include "quotetrace/ingest.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <new>
#include <set>
#include <string>
#include <utility>

#include "internal.hpp"
#include "json_fields.hpp"

namespace quotetrace::ingest {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t sniff_size = 8192;

enum class hint { unknown, text, html, jsonl };

char ascii_lower(char c) noexcept
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

bool ends_with(std::string_view s, std::string_view tail) noexcept
{
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string base_name(std::string_view name)
{
    const std::size_t slash = name.find_last_of('/');
    return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

hint by_extension(std::string_view name)
{
    const std::string base = lower(base_name(name));
    const std::size_t dot = base.find_last_of('.');
    if (dot == std::string::npos || dot == 0) return hint::unknown;
    const std::string_view ext = std::string_view(base).substr(dot + 1);
    if (ext == "html" || ext == "htm" || ext == "xhtml") return hint::html;
    if (ext == "jsonl" || ext == "ndjson" || ext == "json") return hint::jsonl;
    if (ext == "txt" || ext == "text") return hint::text;
    return hint::unknown;
}

bool metadata_file(std::string_view file_name)
{
    const std::string n = lower(file_name);
    return ends_with(n, ".meta.yaml") || ends_with(n, ".meta.yml") || n == "manifest.yaml" ||
           n == "manifest.yml";
}

// Past a UTF-8 BOM and whitespace.
std::size_t first_non_space(std::string_view s) noexcept
{
    std::size_t i = s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f'))
        ++i;
    return i;
}

bool icontains(std::string_view hay, std::string_view needle)
{
    const auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                                [](char a, char b) { return ascii_lower(a) == ascii_lower(b); });
    return it != hay.end();
}

// A page saved as .txt, or piped in.
bool looks_html(std::string_view s)
{
    const std::size_t i = first_non_space(s);
    if (i >= s.size() || s[i] != '<') return false;
    const std::string_view head = s.substr(i, 1u << 16);
    return icontains(head, "<html") || icontains(head, "<body") || icontains(head, "<p");
}

// A crawler's text field that holds the article's markup.
bool looks_markup(std::string_view s)
{
    const std::size_t i = first_non_space(s);
    if (i + 1 >= s.size() || s[i] != '<') return false;
    const char c = s[i + 1];
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '!') return false;
    return s.find("</") != std::string_view::npos || s.find("/>") != std::string_view::npos ||
           icontains(s, "<br") || icontains(s, "<p");
}

// Binary when NUL is more than one byte in 64 (UTF-16, executables), or
// when control bytes and invalid UTF-8 together are more than 30% (images,
// archives). A text with a stray NUL or a few bad bytes is read and repaired.
bool looks_binary(std::string_view head)
{
    std::size_t nul = 0, control = 0;
    for (const char ch : head) {
        const auto c = static_cast<unsigned char>(ch);
        nul += c == 0;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F)
            ++control;
    }
    if (nul * 64 > head.size()) return true;
    std::size_t invalid = 0;
    for (std::size_t i = 0; (i += detail::first_invalid_utf8(head.substr(i))) < head.size(); ++i)
        invalid += head[i] != 0;
    return (control + invalid) * 10 > head.size() * 3;
}

int trust(origin o) noexcept
{
    switch (o) {
    case origin::jsonl: return 4;
    case origin::sidecar: return 3;
    case origin::manifest: return 2;
    case origin::text: return 1;
    case origin::none: break;
    }
    return 0;
}

void offer(field& f, std::string value, origin from)
{
    if (value.empty()) return;
    if (!f.known() || trust(from) > trust(f.from)) f = field{std::move(value), from};
}

void merge(metadata& into, const metadata& from)
{
    offer(into.outlet, from.outlet.value, from.outlet.from);
    offer(into.url, from.url.value, from.url.from);
    offer(into.date, from.date.value, from.date.from);
    offer(into.title, from.title.value, from.title.from);
    offer(into.language, from.language.value, from.language.from);
}

// Carries an exception from the caller's sinks through our own handlers.
struct sink_failure {
    std::exception_ptr error;
};

class reader {
public:
    reader(const options& opt, const document_sink& sink, const diagnostic_sink& diag)
        : opt_(opt), sink_(sink), diag_(diag), relay_([this](const diagnostic& d) { report(d); }) {}

    void read_path(const std::string& path)
    {
        if (path == "-") {
            guarded("-", [&] { read_stdin(); });
            return;
        }
        guarded(path, [&] {
            const fs::path p(path);
            std::error_code ec;
            if (fs::is_directory(p, ec)) {
                walk(p);
            } else if (!fs::exists(p, ec)) {
                skip("input.unreadable", path, "no such file or folder");
            } else {
                read_file(p);
            }
        });
    }

    void read_memory(std::string_view name, std::string bytes)
    {
        const std::string shown(name);
        guarded(shown, [&] {
            hint h = by_extension(name);
            if (h == hint::unknown && first_non_space(bytes) < bytes.size() &&
                bytes[first_non_space(bytes)] == '{')
                h = hint::jsonl;
            if (looks_binary(std::string_view(bytes).substr(0, sniff_size))) {
                skip("input.binary", shown, "binary data, not text");
                return;
            }
            const source src{shown, base_name(name), {}};
            if (h == hint::jsonl) {
                read_jsonl_buffer(bytes, src);
                return;
            }
            const bool html = h == hint::html || looks_html(bytes);
            single(std::move(bytes), html, src);
        });
    }

    tally result;

private:
    // Where documents come from: the name diagnostics use, the id stem, and
    // metadata found beside the file.
    struct source {
        std::string shown;
        std::string base;
        metadata beside;
    };

    // One input's failure skips that input only; the caller's own exceptions
    // (from the sinks) and bad_alloc go on up.
    template <class F>
    void guarded(const std::string& input, F&& work)
    {
        try {
            work();
        } catch (const sink_failure&) {
            throw;
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const std::exception& e) {
            skip("input.unreadable", input, e.what());
        }
    }

    void report(const diagnostic& d)
    {
        if (!diag_) return;
        try {
            diag_(d);
        } catch (...) {
            throw sink_failure{std::current_exception()};
        }
    }

    void warn(std::string code, std::string input, std::size_t line, std::size_t offset,
              std::string message)
    {
        diagnostic d;
        d.level = severity::warning;
        d.code = std::move(code);
        d.input = std::move(input);
        d.line = line;
        d.offset = offset;
        d.message = std::move(message);
        report(d);
    }

    void skip(std::string code, std::string input, std::string message, std::size_t line = 0)
    {
        ++result.skipped;
        warn(std::move(code), std::move(input), line, 0, std::move(message) + "; skipped");
    }

    void deliver(document&& doc)
    {
        ++result.documents;
        try {
            sink_(std::move(doc));
        } catch (...) {
            throw sink_failure{std::current_exception()};
        }
    }

    // Whether `bytes` was cut to the limit.
    bool cut_to_limit(std::string& bytes, const std::string& input)
    {
        if (bytes.size() <= opt_.max_document_bytes) return false;
        bytes.resize(detail::utf8_cut(bytes, opt_.max_document_bytes));
        warn("input.too_large", input, 0, bytes.size(),
             "larger than " + std::to_string(opt_.max_document_bytes) + " bytes; cut at byte " +
                 std::to_string(bytes.size()) + " (--max-document-bytes)");
        return true;
    }

    // Reads at most one byte past the limit: enough to know a file is too
    // large without holding all of it.
    bool slurp(std::istream& in, std::string& out, std::size_t size_hint)
    {
        const std::size_t limit = opt_.max_document_bytes == std::numeric_limits<std::size_t>::max()
                                      ? opt_.max_document_bytes
                                      : opt_.max_document_bytes + 1;
        out.clear();
        out.reserve(std::min(size_hint, limit));
        char buffer[1 << 16];
        while (out.size() < limit && in) {
            in.read(buffer, static_cast<std::streamsize>(std::min(sizeof buffer, limit - out.size())));
            out.append(buffer, static_cast<std::size_t>(in.gcount()));
        }
        return !in.bad();
    }

    void single(std::string bytes, bool html, const source& src)
    {
        if (first_non_space(bytes) >= bytes.size()) {
            skip("input.empty", src.shown, bytes.empty() ? "empty" : "no text, only white space");
            return;
        }
        std::size_t bad = cut_to_limit(bytes, src.shown) ? 1 : 0;
        document doc;
        if (html) {
            std::size_t bad_html = 0;
            doc = detail::parse_html(src.shown, bytes, relay_, &bad_html, opt_.max_html_depth);
            bad += bad_html;
        } else {
            doc.kind = input_format::text;
            std::size_t bad_text = 0;
            doc.text = repair_utf8(bytes, src.shown, doc.anchors, relay_, &bad_text);
            bad += bad_text;
        }
        doc.id = src.base;
        doc.path = src.shown;
        merge(doc.meta, src.beside);
        if (bad > 0) ++result.repaired;
        deliver(std::move(doc));
    }

    void read_stdin()
    {
        std::istream& in = std::cin;
        // Sniff without consuming the first line, so JSONL can stream.
        std::string prefix;
        for (int c = in.peek(); c != std::char_traits<char>::eof(); c = in.peek()) {
            const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
            const bool bom = prefix.empty() && c == 0xEF;
            if (!space && !bom) break;
            prefix += static_cast<char>(in.get());
            if (bom) {
                prefix += static_cast<char>(in.get());
                prefix += static_cast<char>(in.get());
                if (prefix != "\xEF\xBB\xBF") break;
            }
        }
        if (in.peek() == '{') {
            const source src{"-", "-", {}};
            const auto lines_before = static_cast<std::size_t>(std::count(prefix.begin(), prefix.end(), '\n'));
            read_jsonl_stream(in, src, lines_before + 1);
            return;
        }
        std::string rest;
        if (!slurp(in, rest, 0)) {
            skip("input.unreadable", "-", "cannot read standard input");
            return;
        }
        prefix += rest;
        if (looks_binary(std::string_view(prefix).substr(0, sniff_size))) {
            skip("input.binary", "-", "binary data, not text");
            return;
        }
        const bool html = looks_html(prefix);
        single(std::move(prefix), html, source{"-", "-", {}});
        in.ignore(std::numeric_limits<std::streamsize>::max());  // what lies past the limit
    }

    void walk(const fs::path& dir)
    {
        std::error_code ec;
        const fs::path real = fs::canonical(dir, ec);
        // A symlinked folder may lead back up the tree.
        if (!ec && !visiting_.insert(real.string()).second) return;

        std::vector<fs::path> entries;
        fs::directory_iterator it(dir, ec);
        for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
        if (ec) skip("input.unreadable", dir.string(), "cannot list folder: " + ec.message());
        std::sort(entries.begin(), entries.end(),
                  [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });

        for (const fs::path& p : entries) {
            const std::string name = p.filename().string();
            if (name.empty() || name.front() == '.' || metadata_file(name)) continue;
            std::error_code e;
            const fs::file_status st = fs::status(p, e);
            if (fs::is_directory(st)) {
                walk(p);
            } else if (fs::is_regular_file(st) || fs::is_symlink(fs::symlink_status(p, e))) {
                // A dangling link lands here too, and is reported as unreadable.
                guarded(p.string(), [&] { read_file(p); });
            }
        }
        if (!ec) visiting_.erase(real.string());
    }

    void read_file(const fs::path& p)
    {
        const std::string shown = p.string();
        const hint h = by_extension(shown);
        std::ifstream in(p, std::ios::binary);
        if (!in) {
            skip("input.unreadable", shown, "cannot open");
            return;
        }
        const source src{shown, p.filename().string(), beside(p)};
        if (h == hint::jsonl) {
            std::string head(sniff_size, '\0');
            in.read(head.data(), static_cast<std::streamsize>(head.size()));
            head.resize(static_cast<std::size_t>(in.gcount()));
            if (in.bad()) {
                skip("input.unreadable", shown, "read error");
                return;
            }
            if (looks_binary(head)) {
                skip("input.binary", shown, "binary data, not text");
                return;
            }
            in.clear();
            in.seekg(0);
            read_jsonl_stream(in, src, 1);
            return;
        }
        std::error_code ec;
        const std::uintmax_t size = fs::file_size(p, ec);
        std::string bytes;
        if (!slurp(in, bytes, ec ? 0 : static_cast<std::size_t>(std::min<std::uintmax_t>(size, SIZE_MAX)))) {
            skip("input.unreadable", shown, "read error");
            return;
        }
        if (looks_binary(std::string_view(bytes).substr(0, sniff_size))) {
            skip("input.binary", shown, "binary data, not text");
            return;
        }
        const bool html = h == hint::html || looks_html(bytes);
        single(std::move(bytes), html, src);
    }

    void read_jsonl_stream(std::istream& in, const source& src, std::size_t line_no)
    {
        // A line is held up to twice the document limit (escapes and other
        // fields), never whole: the rest of a longer one is read and dropped.
        const std::size_t cap = opt_.max_document_bytes > SIZE_MAX / 2 ? SIZE_MAX : 2 * opt_.max_document_bytes;
        std::string line;
        std::size_t length = 0;
        for (; detail::bounded_line(in, line, cap, length); ++line_no) {
            if (length <= cap) {
                jsonl_line(line, line_no, src);
                continue;
            }
            const std::string where = src.shown + ":" + std::to_string(line_no);
            warn("input.too_large", src.shown, line_no, cap,
                 "line of " + std::to_string(length) + " bytes, longer than " + std::to_string(cap) +
                     " (twice --max-document-bytes); read up to byte " + std::to_string(cap));
            if (!detail::close_cut_json(line)) {
                skip("jsonl.malformed", src.shown, "the cut falls outside a string value", line_no);
                continue;
            }
            line_cut_ = true;
            jsonl_line(line, line_no, src);
            line_cut_ = false;
        }
        if (in.bad()) warn("input.unreadable", src.shown, line_no, 0, "read error; the rest is lost");
    }

    void read_jsonl_buffer(std::string_view bytes, const source& src)
    {
        std::size_t line_no = 1;
        while (!bytes.empty()) {
            const std::size_t end = bytes.find('\n');
            jsonl_line(bytes.substr(0, end), line_no++, src);
            if (end == std::string_view::npos) break;
            bytes.remove_prefix(end + 1);
        }
    }

    static std::string member(const nlohmann::json& j, const char* key, bool numbers = false)
    {
        const auto it = j.find(key);
        if (it == j.end()) return {};
        if (it->is_string()) return it->get<std::string>();
        if (numbers && it->is_number()) return it->dump();
        return {};
    }

    void jsonl_line(std::string_view line, std::size_t line_no, const source& src)
    {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (first_non_space(line) >= line.size()) return;
        const std::string where = src.shown + ":" + std::to_string(line_no);

        // The fast path decodes only the fields ingest uses in one pass; a line
        // it declines goes through nlohmann, which also keeps an article whose
        // record has invalid UTF-8 and words the error.
        detail::article_record rec;
        std::size_t bad = 0;
        if (!detail::parse_article(line, rec, fast_error_, fast_offset_)) {
            nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
            if (j.is_discarded() && detail::first_invalid_utf8(line) < line.size()) {
                std::vector<anchor> unused;
                const std::string fixed = repair_utf8(line, where, unused, relay_, &bad);
                j = nlohmann::json::parse(fixed, nullptr, false);
            }
            if (j.is_discarded() || !j.is_object()) {
                skip("jsonl.malformed", src.shown, j.is_discarded() ? "not valid JSON" : "not a JSON object",
                     line_no);
                return;
            }
            using detail::article_field;
            for (auto [f, key] : {std::pair{article_field::text, "text"}, {article_field::maintext, "maintext"},
                                  {article_field::title, "title"}, {article_field::url, "url"},
                                  {article_field::outlet, "outlet"}, {article_field::source_domain, "source_domain"},
                                  {article_field::date, "date"}, {article_field::date_publish, "date_publish"},
                                  {article_field::language, "language"}}) {
                if (const auto it = j.find(key); it != j.end() && it->is_string()) {
                    rec[f] = it->get<std::string>();
                    rec.present[static_cast<std::size_t>(f)] = true;
                }
            }
            rec[article_field::id] = member(j, "id", true);
        }
        deliver_record(rec, bad, where, line_no, src);
    }

    // One JSONL article, whichever reader decoded it.
    void deliver_record(detail::article_record& rec, std::size_t bad, const std::string& where, std::size_t line_no,
                        const source& src)
    {
        using detail::article_field;
        if (!rec.has(article_field::text) && !rec.has(article_field::maintext)) {
            skip("jsonl.malformed", src.shown, "no \"text\" or \"maintext\" string", line_no);
            return;
        }
        std::string raw = std::move(rec[rec.has(article_field::text) ? article_field::text : article_field::maintext]);
        std::vector<anchor> unused;
        std::string text = detail::first_invalid_utf8(raw) < raw.size() ? repair_utf8(raw, where, unused, relay_, &bad)
                                                                         : std::move(raw);
        if (cut_to_limit(text, where)) ++bad;
        document doc;
        if (looks_markup(text)) {
            std::size_t bad_html = 0;
            doc = detail::parse_html(where, text, relay_, &bad_html, opt_.max_html_depth);
            bad += bad_html;
        } else {
            doc.text = std::move(text);
        }
        doc.kind = input_format::jsonl;
        doc.id = std::move(rec[article_field::id]);
        if (doc.id.empty()) doc.id = src.base + ":" + std::to_string(line_no);
        doc.path = src.shown;
        auto first_of = [&](article_field a, article_field b) { return std::move(rec[!rec[a].empty() ? a : b]); };
        offer(doc.meta.title, std::move(rec[article_field::title]), origin::jsonl);
        offer(doc.meta.url, std::move(rec[article_field::url]), origin::jsonl);
        offer(doc.meta.outlet, first_of(article_field::outlet, article_field::source_domain), origin::jsonl);
        offer(doc.meta.date, first_of(article_field::date, article_field::date_publish), origin::jsonl);
        offer(doc.meta.language, std::move(rec[article_field::language]), origin::jsonl);
        merge(doc.meta, src.beside);
        if (line_cut_) ++bad;
        if (bad > 0) ++result.repaired;
        deliver(std::move(doc));
    }

    // Sidecar first: it is about this one file, the manifest about a folder.
    metadata beside(const fs::path& p)
    {
        metadata m;
        const fs::path dir = p.parent_path();
        const std::string name = p.filename().string();
        const std::string stem = p.stem().string();
        for (const std::string& candidate : {name + ".meta.yaml", stem + ".meta.yaml", name + ".meta.yml",
                                             stem + ".meta.yml"}) {
            const fs::path sidecar = dir / candidate;
            std::error_code ec;
            if (!fs::is_regular_file(sidecar, ec)) continue;
            YAML::Node root;
            if (load_yaml(sidecar, root)) {
                if (root.IsMap())
                    fields(root, origin::sidecar, sidecar.string(), m);
                else if (!root.IsNull())
                    warn("meta.invalid", sidecar.string(), static_cast<std::size_t>(root.Mark().line) + 1, 0,
                         "expected a mapping of outlet, url, date, title, language");
            }
            break;
        }
        const auto& entries = manifest(dir);
        if (const auto it = entries.find(name); it != entries.end()) merge(m, it->second);
        return m;
    }

    bool load_yaml(const fs::path& file, YAML::Node& out)
    {
        try {
            out = YAML::LoadFile(file.string());
            return true;
        } catch (const YAML::Exception& e) {
            const std::size_t line = e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.line) + 1;
            warn("meta.invalid", file.string(), line, 0, e.msg.empty() ? std::string(e.what()) : e.msg);
            return false;
        }
    }

    void fields(const YAML::Node& node, origin from, const std::string& file, metadata& m)
    {
        const std::pair<const char*, field metadata::*> keys[] = {
            {"outlet", &metadata::outlet}, {"url", &metadata::url}, {"date", &metadata::date},
            {"title", &metadata::title},   {"language", &metadata::language}};
        try {
            for (const auto& [key, member_ptr] : keys) {
                const YAML::Node v = node[key];
                if (!v || v.IsNull()) continue;
                if (!v.IsScalar()) {
                    warn("meta.invalid", file, static_cast<std::size_t>(v.Mark().line) + 1, 0, std::string("'") + key + "' is not a scalar");
                    continue;
                }
                offer(m.*member_ptr, v.Scalar(), from);
            }
        } catch (const YAML::Exception& e) {
            warn("meta.invalid", file, e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.line) + 1, 0, e.msg);
        }
    }

    // file name -> metadata for one folder, read once per run.
    const std::map<std::string, metadata>& manifest(const fs::path& dir)
    {
        const auto [it, fresh] = manifests_.try_emplace(dir.string());
        if (!fresh) return it->second;
        std::map<std::string, metadata>& entries = it->second;
        for (const char* name : {"manifest.yaml", "manifest.yml"}) {
            const fs::path file = dir / name;
            std::error_code ec;
            if (!fs::is_regular_file(file, ec)) continue;
            YAML::Node root;
            if (!load_yaml(file, root)) break;
            const std::string shown = file.string();
            try {
                const YAML::Node& const_root = root;
                const YAML::Node docs = const_root.IsMap() && const_root["documents"] ? const_root["documents"] : root;
                if (docs.IsMap()) {
                    for (const auto& kv : docs) {
                        if (!kv.first.IsScalar() || !kv.second.IsMap()) continue;
                        fields(kv.second, origin::manifest, shown, entries[kv.first.Scalar()]);
                    }
                } else if (docs.IsSequence()) {
                    for (const auto& entry : docs) {
                        const YAML::Node file_key = entry.IsMap() ? entry["file"] : YAML::Node();
                        if (!file_key || !file_key.IsScalar()) {
                            warn("meta.invalid", shown, static_cast<std::size_t>(entry.Mark().line) + 1, 0, "entry without a 'file' key");
                            continue;
                        }
                        fields(entry, origin::manifest, shown, entries[file_key.Scalar()]);
                    }
                } else if (!docs.IsNull()) {
                    warn("meta.invalid", shown, static_cast<std::size_t>(docs.Mark().line) + 1, 0,
                         "expected 'documents:' mapping file names to metadata, or a list of entries");
                }
            } catch (const YAML::Exception& e) {
                warn("meta.invalid", shown, e.mark.is_null() ? 0 : static_cast<std::size_t>(e.mark.line) + 1, 0, e.msg);
            }
            break;
        }
        return entries;
    }

    const options& opt_;
    const document_sink& sink_;
    const diagnostic_sink& diag_;
    const diagnostic_sink relay_;
    std::map<std::string, std::map<std::string, metadata>> manifests_;
    std::set<std::string> visiting_;
    std::string fast_error_;   // why the fast JSONL path declined a line (the slow path reports)
    std::size_t fast_offset_ = 0;
    bool line_cut_ = false;  // the record being read was cut from a longer line
};

}  // namespace

tally read_paths(const std::vector<std::string>& paths, const options& opt, const document_sink& sink,
                 const diagnostic_sink& diag)
{
    reader r(opt, sink, diag);
    try {
        for (const std::string& path : paths) r.read_path(path);
    } catch (const sink_failure& f) {
        std::rethrow_exception(f.error);
    }
    return r.result;
}

tally read_buffer(std::string_view name, std::string bytes, const options& opt, const document_sink& sink,
                  const diagnostic_sink& diag)
{
    reader r(opt, sink, diag);
    try {
        r.read_memory(name, std::move(bytes));
    } catch (const sink_failure& f) {
        std::rethrow_exception(f.error);
    }
    return r.result;
}

}  // namespace quotetrace::ingest
