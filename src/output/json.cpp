// The JSONL quote record: the one place that decides field names and escaping.
#include "quotetrace/output.hpp"

#include <bit>
#include <charconv>
#include <cstdio>

#include "../extract/text.hpp"

namespace quotetrace::output {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_len(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    std::uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return n;
}

// `key` is the member's name with its punctuation: ,"name":
void add_field(std::string& out, std::string_view key, std::string_view value, bool null_if_empty = true) {
    out += key;
    if (value.empty() && null_if_empty) out += "null";
    else json_string(out, value);
}

void add_number(std::string& out, std::string_view key, std::size_t v) {
    out += key;
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// U+2028 or U+2029 at `i`: valid in a JSON string, but JavaScript before
// ES2019 ends a string literal there, so they are written as escapes.
bool line_separator(std::string_view s, std::size_t i) {
    return i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' && (s[i + 2] == '\xA8' || s[i + 2] == '\xA9');
}

}  // namespace

std::string escape_line_separators(std::string json) {
    for (std::size_t at = json.find("\xE2\x80"); at != std::string::npos; at = json.find("\xE2\x80", at + 1))
        if (line_separator(json, at)) json.replace(at, 3, json[at + 2] == '\xA8' ? "\\u2028" : "\\u2029");
    return json;
}

void json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    for (std::size_t i = 0; i < s.size();) {
        // copy the run of bytes that need no escaping in one go, valid
        // UTF-8 sequences included
        std::size_t j = i;
        if constexpr (std::endian::native == std::endian::little) {
            // eight ASCII bytes at a time up to one that needs a look: a control
            // byte, a quote, a backslash, DEL or a byte of a multi-byte sequence
            namespace swar = text::swar;
            for (; j + 8 <= s.size(); j += 8) {
                const std::uint64_t v = swar::load(s.data() + j);
                const std::uint64_t look = swar::below(v, 0x20) | swar::equal_first(v, '"') |
                                           swar::equal_first(v, '\\') | swar::equal_first(v, 0x7F) | (v & swar::high);
                if (look) {
                    j += swar::first(look);
                    break;
                }
            }
        }
        while (j < s.size()) {
            const auto b = static_cast<unsigned char>(s[j]);
            if (b >= 0x20 && b != '"' && b != '\\' && b < 0x7F) {
                ++j;
                continue;
            }
            const std::size_t n = b >= 0x80 ? utf8_len(s, j) : 0;
            if (n == 0 || line_separator(s, j)) break;
            j += n;
        }
        if (j > i) {
            out.append(s.data() + i, j - i);
            i = j;
            continue;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (line_separator(s, i)) {
            out += s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 3;
            continue;
        }
        if (c >= 0x80) {
            const std::size_t n = utf8_len(s, i);
            if (n == 0) { out += "\xEF\xBF\xBD"; ++i; continue; }
            out.append(s.substr(i, n));
            i += n;
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
        ++i;
    }
    out.push_back('"');
}

std::string quote_record(const document& doc, const quote& q, const provenance::facts& f,
                         const std::optional<provenance::said_when>& said) {
    std::string out = quote_record(doc, q);
    out.pop_back();  // the closing brace
    add_field(out, ",\"outlet\":", f.outlet ? std::string_view(f.outlet->value) : std::string_view());
    add_field(out, ",\"published\":", f.published ? std::string_view(f.published->value) : std::string_view());
    add_field(out, ",\"said_on\":", said ? std::string_view(said->from.value) : std::string_view());
    out += ",\"citations\":[";
    for (std::size_t i = 0; i < f.citations.size(); ++i) {
        const auto& c = f.citations[i];
        out += i ? ",{\"source\":" : "{\"source\":";
        json_string(out, c.source);
        add_field(out, ",\"rule\":", c.rule);
        const span src = doc.source_span(c.where);
        add_number(out, ",\"start\":", src.begin);
        add_number(out, ",\"end\":", src.end);
        out += '}';
    }
    out += "]}";
    return out;
}

std::string quote_record(const document& doc, const quote& q) {
    const std::string_view t = doc.text;
    std::string out;
    // the fixed fields and numbers fit in 400 bytes; the texts may need escapes
    out.reserve(400 + doc.id.size() + q.content.size() + q.speaker.size() + q.speaker_mention.where.size() +
                q.cue.size() + q.rule.size() + q.content.size() / 8);
    out += "{\"doc\":";
    json_string(out, doc.id);
    add_field(out, ",\"kind\":", to_string(q.kind));
    add_field(out, ",\"text\":", q.content.in(t), false);
    const span src = doc.source_span(q.content);
    add_number(out, ",\"start\":", src.begin);
    add_number(out, ",\"end\":", src.end);
    add_field(out, ",\"speaker\":", q.speaker);
    add_field(out, ",\"speaker_mention\":", q.speaker_mention.where.in(t));
    add_field(out, ",\"cue\":", q.cue.in(t));
    out += ",\"statements\":[";
    for (std::size_t i = 0; i < q.statements.size(); ++i) {
        if (i) out.push_back(',');
        json_string(out, q.statements[i]);
    }
    out += "]";
    // as printf's "%.2f" (both round the exact binary value), without the format parsing
    char conf[32];
    const auto c = std::to_chars(conf, conf + sizeof conf, q.confidence, std::chars_format::fixed, 2);
    out += ",\"confidence\":";
    out.append(conf, c.ptr);
    add_field(out, ",\"rule\":", q.rule);
    if (!q.speaker_mention.where.empty()) {
        const span m = doc.source_span(q.speaker_mention.where);
        add_number(out, ",\"mention_start\":", m.begin);
        add_number(out, ",\"mention_end\":", m.end);
    }
    if (!q.cue.empty()) {
        const span c = doc.source_span(q.cue);
        add_number(out, ",\"cue_start\":", c.begin);
        add_number(out, ",\"cue_end\":", c.end);
    }
    if (q.flags.headline) out += ",\"headline\":true";
    if (q.flags.continued) out += ",\"continued\":true";
    if (q.flags.split) out += ",\"split\":true";
    out += "}";
    return out;
}

}  // namespace quotetrace::output
