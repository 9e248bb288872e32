// A single-pass JSON object reader for article records. General JSON
// libraries build a tree of every member; this decodes the few strings
// ingest needs and validates the rest without allocating.
#include "json_fields.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

namespace quotetrace::ingest::detail {
namespace {

constexpr int max_depth = 256;

// Where the plain run of string bytes starting at `j` ends: at a quote, a
// backslash or a control byte. Eight bytes at a time, each tested exactly
// (no carry crosses a byte): a text field is most of a record.
std::size_t plain_run_end(std::string_view s, std::size_t j) {
    constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7Full, high = 0x8080808080808080ull;
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    auto zero_bytes = [&](std::uint64_t v) { return ~(((v & low7) + low7) | v | low7); };
    for (; j + 8 <= s.size(); j += 8) {
        std::uint64_t v;
        std::memcpy(&v, s.data() + j, 8);
        const std::uint64_t stop = zero_bytes(v ^ (ones * '"')) | zero_bytes(v ^ (ones * '\\')) |
                                   (~(((v & low7) + ones * 0x60) | v) & high);  // bytes below 0x20
        if (stop) {
            if constexpr (std::endian::native == std::endian::little)
                return j + static_cast<std::size_t>(std::countr_zero(stop)) / 8;
            break;
        }
    }
    while (j < s.size() && s[j] != '"' && s[j] != '\\' && static_cast<unsigned char>(s[j]) >= 0x20) ++j;
    return j;
}

struct reader {
    std::string_view s;
    std::size_t i = 0;
    std::string error;

    bool fail(const char* what) {
        if (error.empty()) error = what;
        return false;
    }
    void ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    }
    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    bool hex4(unsigned& v) {
        if (i + 4 > s.size()) return fail("truncated \\u escape");
        v = 0;
        for (int k = 0; k < 4; ++k) {
            const int h = hex(s[i + k]);
            if (h < 0) return fail("bad \\u escape");
            v = v * 16 + static_cast<unsigned>(h);
        }
        i += 4;
        return true;
    }
    static void put_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    // A string starting at the opening quote; decoded into `out` when given.
    bool string(std::string* out) {
        ++i;  // the opening quote
        for (;;) {
            // copy the run up to the next quote, backslash or control byte
            const std::size_t j = plain_run_end(s, i);
            if (out) out->append(s.data() + i, j - i);
            i = j;
            if (i >= s.size()) return fail("unterminated string");
            const char c = s[i];
            if (c == '"') {
                ++i;
                return true;
            }
            if (c != '\\') return fail("control character in string");
            if (++i >= s.size()) return fail("unterminated escape");
            const char e = s[i++];
            char plain = 0;
            switch (e) {
            case '"': plain = '"'; break;
            case '\\': plain = '\\'; break;
            case '/': plain = '/'; break;
            case 'b': plain = '\b'; break;
            case 'f': plain = '\f'; break;
            case 'n': plain = '\n'; break;
            case 'r': plain = '\r'; break;
            case 't': plain = '\t'; break;
            case 'u': {
                unsigned cp;
                if (!hex4(cp)) return false;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned lo = 0;
                    if (i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
                        i += 2;
                        if (!hex4(lo)) return false;
                    }
                    cp = (lo >= 0xDC00 && lo <= 0xDFFF) ? 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00) : 0xFFFD;
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    cp = 0xFFFD;  // a lone low surrogate
                }
                if (out) put_utf8(*out, cp);
                continue;
            }
            default: return fail("bad escape");
            }
            if (out) out->push_back(plain);
        }
    }
    bool literal(const char* word) {
        const std::size_t n = std::strlen(word);
        if (s.compare(i, n, word) != 0) return fail("bad literal");
        i += n;
        return true;
    }
    bool number() {
        if (i < s.size() && s[i] == '-') ++i;
        auto digits = [&] {
            const std::size_t d = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
            return i > d;
        };
        if (!digits()) return fail("bad number");
        if (i < s.size() && s[i] == '.') {
            ++i;
            if (!digits()) return fail("bad number");
        }
        if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
            ++i;
            if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
            if (!digits()) return fail("bad number");
        }
        return true;
    }
    // Any value, validated and skipped.
    bool value(int depth) {
        if (depth > max_depth) return fail("nested too deeply");
        ws();
        if (i >= s.size()) return fail("missing value");
        switch (s[i]) {
        case '"': return string(nullptr);
        case '{': {
            ++i;
            ws();
            if (i < s.size() && s[i] == '}') { ++i; return true; }
            for (;;) {
                ws();
                if (i >= s.size() || s[i] != '"') return fail("expected a member name");
                if (!string(nullptr)) return false;
                ws();
                if (i >= s.size() || s[i] != ':') return fail("expected ':'");
                ++i;
                if (!value(depth + 1)) return false;
                ws();
                if (i < s.size() && s[i] == ',') { ++i; continue; }
                if (i < s.size() && s[i] == '}') { ++i; return true; }
                return fail("expected ',' or '}'");
            }
        }
        case '[': {
            ++i;
            ws();
            if (i < s.size() && s[i] == ']') { ++i; return true; }
            for (;;) {
                if (!value(depth + 1)) return false;
                ws();
                if (i < s.size() && s[i] == ',') { ++i; continue; }
                if (i < s.size() && s[i] == ']') { ++i; return true; }
                return fail("expected ',' or ']'");
            }
        }
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return number();
        }
    }
};

int field_of(std::string_view key) {
    static constexpr std::string_view names[] = {"id", "title", "text", "maintext", "url", "outlet",
                                                 "source_domain", "date", "date_publish", "language"};
    for (int k = 0; k < static_cast<int>(std::size(names)); ++k)
        if (key == names[k]) return k;
    return -1;
}

// Walks the members of the JSON object that is all of `line`. For each member
// `on_member(key, r)` is called with the reader at the value; it consumes the
// value (r.string, r.value, ...) and returns false on a problem.
template <class OnMember>
bool walk_object(std::string_view line, std::string& error, std::size_t& offset, OnMember&& on_member) {
    reader r;
    r.s = line;
    auto done = [&](bool ok) {
        if (!ok) {
            error = r.error.empty() ? "not valid JSON" : r.error;
            offset = r.i;
        }
        return ok;
    };
    // a byte order mark opens the line when files that each had one were
    // joined ("cat a.jsonl b.jsonl"); JSON readers skip it
    if (line.starts_with("\xEF\xBB\xBF")) r.i = 3;
    r.ws();
    if (r.i >= line.size() || line[r.i] != '{') return done(r.fail("not a JSON object"));
    ++r.i;
    r.ws();
    if (r.i < line.size() && line[r.i] == '}') {
        ++r.i;
    } else {
        std::string key;
        for (;;) {
            r.ws();
            if (r.i >= line.size() || line[r.i] != '"') return done(r.fail("expected a member name"));
            key.clear();
            if (!r.string(&key)) return done(false);
            r.ws();
            if (r.i >= line.size() || line[r.i] != ':') return done(r.fail("expected ':'"));
            ++r.i;
            r.ws();
            if (!on_member(std::string_view(key), r)) return done(false);
            r.ws();
            if (r.i < line.size() && line[r.i] == ',') { ++r.i; continue; }
            if (r.i < line.size() && line[r.i] == '}') { ++r.i; break; }
            return done(r.fail("expected ',' or '}'"));
        }
    }
    r.ws();
    if (r.i != line.size()) return done(r.fail("text after the object"));
    return done(true);
}

}  // namespace

bool close_cut_json(std::string& line) {
    std::string open;  // '{' or '[' per level
    bool in_string = false, key = false, expect_key = false;
    std::size_t escape = std::string::npos;  // the last backslash that opened an escape
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (in_string) {
            if (c == '\\') escape = i++;
            else if (c == '"') in_string = false;
            continue;
        }
        switch (c) {
        case '"': in_string = true; key = expect_key; expect_key = false; break;
        case '{': open.push_back('{'); expect_key = true; break;
        case '[': open.push_back('['); expect_key = false; break;
        case '}': case ']': if (!open.empty()) open.pop_back(); break;
        case ',': expect_key = !open.empty() && open.back() == '{'; break;
        case ':': expect_key = false; break;
        default: break;
        }
    }
    if (!in_string || key) return false;
    std::size_t end = line.size();
    if (escape != std::string::npos && (escape + 1 >= end || (line[escape + 1] == 'u' && escape + 6 > end))) end = escape;
    std::size_t k = end;
    while (k > 0 && end - k < 3 && (static_cast<unsigned char>(line[k - 1]) & 0xC0) == 0x80) --k;
    if (k > 0) {
        const auto lead = static_cast<unsigned char>(line[k - 1]);
        const std::size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (end - (k - 1) < need) end = k - 1;
    }
    line.resize(end);
    line.push_back('"');
    for (auto it = open.rbegin(); it != open.rend(); ++it) line.push_back(*it == '{' ? '}' : ']');
    return true;
}

bool parse_article(std::string_view line, article_record& out, std::string& error, std::size_t& offset) {
    return walk_object(line, error, offset, [&](std::string_view key, reader& r) {
        const int f = field_of(key);
        if (f >= 0 && r.i < line.size() && line[r.i] == '"') {
            auto& v = out.value[static_cast<std::size_t>(f)];
            v.clear();
            // the article's text is most of the line: one allocation, not a doubling series
            if (f == static_cast<int>(article_field::text) || f == static_cast<int>(article_field::maintext))
                v.reserve(line.size() - r.i);
            if (!r.string(&v)) return false;
            out.present[static_cast<std::size_t>(f)] = true;
            return true;
        }
        if (f == static_cast<int>(article_field::id) && r.i < line.size() &&
            (line[r.i] == '-' || (line[r.i] >= '0' && line[r.i] <= '9'))) {
            const std::size_t start = r.i;
            if (!r.number()) return false;
            out.value[0] = std::string(line.substr(start, r.i - start));
            out.present[0] = true;
            return true;
        }
        return r.value(1);
    });
}

bool parse_quote_record(std::string_view line, quote_record& out, std::string& error, std::size_t& offset) {
    out = quote_record{};
    const bool ok = walk_object(line, error, offset, [&](std::string_view key, reader& r) {
        const bool is_string = r.i < line.size() && line[r.i] == '"';
        if (key == "statements") {
            out.statements_begin = r.i;
            if (!r.value(1)) return false;
            out.statements_end = r.i;
            return true;
        }
        std::string* field = key == "text" ? &out.text : key == "speaker" ? &out.speaker : key == "doc" ? &out.doc : nullptr;
        if (!field || !is_string) return r.value(1);
        field->clear();
        if (!r.string(field)) return false;
        if (field == &out.text) out.has_text = true;
        return true;
    });
    if (ok) out.object_end = line.find_last_of('}');
    return ok;
}

std::string with_statements(std::string_view line, const quote_record& record, std::string_view statements) {
    std::string out;
    out.reserve(line.size() + statements.size() + 16);
    if (record.statements_begin != std::string_view::npos) {
        out.append(line.substr(0, record.statements_begin));
        out.append(statements);
        out.append(line.substr(record.statements_end));
        return out;
    }
    // a new last member, after a comma unless the object is empty
    const std::size_t close = record.object_end;
    std::size_t before = close;
    while (before > 0 && (line[before - 1] == ' ' || line[before - 1] == '\t' || line[before - 1] == '\r' ||
                          line[before - 1] == '\n'))
        --before;
    out.append(line.substr(0, before));
    if (before > 0 && line[before - 1] != '{') out.push_back(',');
    out.append("\"statements\":");
    out.append(statements);
    out.append(line.substr(close));
    return out;
}

bool bounded_line(std::istream& in, std::string& line, std::size_t cap, std::size_t& length) {
    line.clear();
    length = 0;
    char buffer[1 << 16];
    for (;;) {
        in.getline(buffer, sizeof buffer);
        auto got = static_cast<std::size_t>(in.gcount());
        const bool newline = !in.fail() && !in.eof();  // read and counted in gcount()
        if (newline) --got;
        if (line.size() < cap) line.append(buffer, std::min(got, cap - line.size()));
        length += got;
        if (newline) return true;
        if (in.bad()) return false;
        if (in.eof()) return length > 0;
        in.clear();  // the buffer filled up: the line goes on
    }
}

}  // namespace quotetrace::ingest::detail
