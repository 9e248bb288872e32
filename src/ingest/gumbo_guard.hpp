// Defences against gumbo 0.10.1's failure modes, run on a page before and
// around parsing: an assertion on CDATA, and deep nesting (quadratic time,
// recursive free). Private to html.cpp; the tag classes are shared with it.
#pragma once

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace quotetrace::ingest::detail {

inline char ascii_lower(char c) noexcept
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool block_tag(GumboTag t) noexcept
{
    switch (t) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_P: case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HGROUP: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_TR: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND: case GUMBO_TAG_HR:
        return true;
    default:
        return false;
    }
}

// gumbo 0.10.1 aborts on an assertion for CDATA in foreign content inside a
// table ("<table><svg><title><![CDATA[x]]>"). Outside <svg> and <math>, which
// are dropped anyway, "<![CDATA[" already parses as a bogus comment; "<!-CDATA["
// parses as one everywhere and keeps every offset.
inline void defuse_cdata(std::string& buffer) noexcept
{
    for (std::size_t at = buffer.find("<![CDATA["); at != std::string::npos; at = buffer.find("<![CDATA[", at + 3))
        buffer[at + 2] = '-';
}

// gumbo's tree building walks the stack of open elements for every tag and
// frees the tree recursively: a page nested tens of thousands deep (a broken
// generator, or hostile input) takes minutes and can overflow the stack. Such
// a page is flattened before parsing. Tags are rewritten in place to tags of
// the same length, so text and offsets survive: containers become <br> (or
// spaces when too short), inline tags spaces; tags that cannot nest are kept.
constexpr std::size_t max_depth = 2000;

class tag_scanner {
public:
    struct tag {
        std::size_t begin = 0;  // '<'
        std::size_t end = 0;    // past '>', or past the raw text element's end tag
        std::string name;       // lower case; empty for comments and declarations
        bool closing = false;
        bool self_closing = false;
        bool raw = false;       // script, style, ...: content included in the tag
    };

    explicit tag_scanner(std::string_view s) : s_(s) {}

    bool next(tag& t)
    {
        while (true) {
            const std::size_t lt = s_.find('<', at_);
            if (lt == std::string_view::npos || lt + 1 >= s_.size()) return false;
            t = tag{};
            t.begin = lt;
            if (s_.substr(lt, 4) == "<!--") {
                const std::size_t close = s_.find("-->", lt + 4);
                t.end = at_ = close == std::string_view::npos ? s_.size() : close + 3;
                return true;
            }
            if (s_[lt + 1] == '!' || s_[lt + 1] == '?') {
                const std::size_t close = s_.find('>', lt);
                t.end = at_ = close == std::string_view::npos ? s_.size() : close + 1;
                return true;
            }
            std::size_t k = lt + 1;
            t.closing = s_[k] == '/';
            if (t.closing) ++k;
            while (k < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[k])) || s_[k] == '-' || s_[k] == ':'))
                t.name += ascii_lower(s_[k++]);
            if (t.name.empty() || !std::isalpha(static_cast<unsigned char>(t.name[0]))) {
                at_ = lt + 1;
                continue;
            }
            char quote = 0;
            for (; k < s_.size(); ++k) {
                const char c = s_[k];
                if (quote != 0) {
                    if (c == quote) quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    break;
                }
            }
            t.end = at_ = k < s_.size() ? k + 1 : s_.size();
            t.self_closing = t.end >= 2 && s_[t.end - 2] == '/';
            const GumboTag g = gumbo_tagn_enum(t.name.c_str(), static_cast<unsigned>(t.name.size()));
            if (!t.closing && (g == GUMBO_TAG_SCRIPT || g == GUMBO_TAG_STYLE || g == GUMBO_TAG_TEXTAREA ||
                               g == GUMBO_TAG_XMP || g == GUMBO_TAG_IFRAME || g == GUMBO_TAG_NOEMBED ||
                               g == GUMBO_TAG_NOFRAMES || g == GUMBO_TAG_TITLE)) {
                t.raw = true;
                const std::size_t close = find_end_tag(t.name, t.end);
                t.end = at_ = close;
            }
            return true;
        }
    }

private:
    // Past the end tag `</name ...>`, or the end of input.
    std::size_t find_end_tag(const std::string& name, std::size_t from) const
    {
        for (std::size_t k = s_.find("</", from); k != std::string_view::npos; k = s_.find("</", k + 2)) {
            std::size_t m = 0;
            while (m < name.size() && k + 2 + m < s_.size() && ascii_lower(s_[k + 2 + m]) == name[m]) ++m;
            if (m < name.size()) continue;
            const std::size_t close = s_.find('>', k);
            return close == std::string_view::npos ? s_.size() : close + 1;
        }
        return s_.size();
    }

    std::string_view s_;
    std::size_t at_ = 0;
};

inline bool void_tag(GumboTag t) noexcept
{
    switch (t) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR: case GUMBO_TAG_COL: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR:
    case GUMBO_TAG_KEYGEN: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND:
        return true;
    default:
        return false;
    }
}

// A start tag that closes an open one of the same name instead of nesting.
inline bool sibling_tag(GumboTag t) noexcept
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_RT: case GUMBO_TAG_RP:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY:
        return true;
    default:
        return false;
    }
}

inline bool heading(GumboTag t) noexcept
{
    return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

// Elements a search of the stack of open elements stops at (the parser's
// "scope"); the p-closing search also stops at <button>.
inline bool scope_boundary(GumboTag t) noexcept
{
    switch (t) {
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HTML: case GUMBO_TAG_APPLET: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
        return true;
    default:
        return false;
    }
}

// Phrasing elements the parser does not count as "special".
inline bool inline_tag(GumboTag t) noexcept
{
    switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA: case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN: case GUMBO_TAG_EM: case GUMBO_TAG_FONT: case GUMBO_TAG_I: case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD: case GUMBO_TAG_LABEL: case GUMBO_TAG_MARK: case GUMBO_TAG_NOBR: case GUMBO_TAG_Q:
    case GUMBO_TAG_RUBY: case GUMBO_TAG_S: case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT: case GUMBO_TAG_U: case GUMBO_TAG_VAR: case GUMBO_TAG_UNKNOWN:
        return true;
    default:
        return false;
    }
}

// Start tags that close an open <p> first (so <div><p><div> nests divs only).
inline bool closes_p(GumboTag t) noexcept
{
    switch (t) {
    case GUMBO_TAG_DIR: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_LI:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD:
        return true;
    case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_TR: case GUMBO_TAG_CAPTION:
        return false;
    default:
        return block_tag(t);
    }
}

// The deepest stack of open elements the page's tags ask for, modelled on the
// parser's rules closely enough to err only upwards in common markup; stops
// counting once past `limit`. Searches reach 64 elements down, so stray end
// tags cannot make this quadratic; a missed match only overestimates.
inline std::size_t nesting_depth(std::string_view s, std::size_t limit, std::size_t* where = nullptr)
{
    std::vector<GumboTag> open;
    enum class scope { plain, button, list_item };
    const auto close_through = [&open](GumboTag target, scope kind) {
        const std::size_t reach = std::min<std::size_t>(open.size(), 64);
        for (std::size_t k = 1; k <= reach; ++k) {
            const GumboTag o = open[open.size() - k];
            if (o == target) {
                open.resize(open.size() - k);
                return;
            }
            if (scope_boundary(o) || (kind == scope::button && o == GUMBO_TAG_BUTTON)) return;
            // <li> closes its twin through inline elements, <div>, <p> and <address> only.
            if (kind == scope::list_item && o != GUMBO_TAG_DIV && o != GUMBO_TAG_P && o != GUMBO_TAG_ADDRESS &&
                (block_tag(o) || !inline_tag(o)))
                return;
        }
    };
    std::size_t deepest = 0;
    tag_scanner scan(s);
    tag_scanner::tag t;
    while (scan.next(t) && deepest <= limit) {
        if (t.name.empty() || t.raw || t.self_closing) continue;
        const GumboTag g = gumbo_tagn_enum(t.name.c_str(), static_cast<unsigned>(t.name.size()));
        if (void_tag(g)) continue;
        if (t.closing) {
            close_through(g, scope::plain);
            continue;
        }
        if (closes_p(g)) close_through(GUMBO_TAG_P, scope::button);
        if (!open.empty() && (open.back() == g || (heading(g) && heading(open.back()))) &&
            (sibling_tag(g) || heading(g)))
            open.pop_back();
        else if (g == GUMBO_TAG_LI || g == GUMBO_TAG_DT || g == GUMBO_TAG_DD)
            close_through(g, scope::list_item);
        open.push_back(g);
        if (open.size() > deepest && where != nullptr) *where = t.begin;
        deepest = std::max(deepest, open.size());
    }
    return deepest;
}

inline void flatten(std::string& buffer)
{
    tag_scanner scan(buffer);
    tag_scanner::tag t;
    while (scan.next(t)) {
        const GumboTag g = t.name.empty() ? GUMBO_TAG_UNKNOWN
                                          : gumbo_tagn_enum(t.name.c_str(), static_cast<unsigned>(t.name.size()));
        const std::size_t len = t.end - t.begin;
        if (t.raw && g == GUMBO_TAG_TITLE) continue;  // metadata, and it cannot nest
        if (!t.raw && !t.name.empty() && (void_tag(g) || sibling_tag(g))) continue;
        // Blank with the line ends kept, so line numbers in the page hold.
        for (std::size_t k = t.begin; k < t.end; ++k)
            if (buffer[k] != '\n') buffer[k] = ' ';
        if (!t.raw && block_tag(g) && len >= 4) {
            buffer[t.begin] = '<';
            buffer[t.begin + 1] = 'b';
            buffer[t.begin + 2] = 'r';
            buffer[t.end - 1] = '>';
        }
    }
}

// gumbo_destroy_output() recurses once per level of the tree, so a deep tree
// overflows the stack. gumbo allocates through these hooks instead; what is
// still live when the reader is done is freed in one flat pass.
class gumbo_heap {
public:
    gumbo_heap() = default;
    gumbo_heap(const gumbo_heap&) = delete;
    gumbo_heap& operator=(const gumbo_heap&) = delete;
    ~gumbo_heap()
    {
        for (void* p : live_) std::free(p);
    }

    void install(GumboOptions& options) noexcept
    {
        options.allocator = &allocate;
        options.deallocator = &deallocate;
        options.userdata = this;
    }

private:
    // noexcept: gumbo cannot unwind, so running out of memory in it ends the program.
    static void* allocate(void* self, std::size_t size) noexcept
    {
        void* p = std::malloc(size == 0 ? 1 : size);
        if (p == nullptr) std::terminate();
        static_cast<gumbo_heap*>(self)->live_.insert(p);
        return p;
    }
    static void deallocate(void* self, void* p) noexcept
    {
        if (p == nullptr) return;
        static_cast<gumbo_heap*>(self)->live_.erase(p);
        std::free(p);
    }

    std::unordered_set<void*> live_;
};

}  // namespace quotetrace::ingest::detail
