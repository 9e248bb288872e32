// The visible text of an HTML page, one block a line, with anchors back to the
// page's bytes, and the metadata the page states about itself.
#include "quotetrace/ingest.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

#include "gumbo_guard.hpp"
#include "internal.hpp"

namespace quotetrace::ingest {

namespace {

bool is_space(char c) noexcept
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

using detail::ascii_lower;
using detail::block_tag;

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

// `token` is one of the space-separated words of `list` (rel="canonical nofollow").
bool has_token(std::string_view list, std::string_view token) noexcept
{
    while (!list.empty()) {
        const std::size_t gap = list.find(' ');
        if (list.substr(0, gap) == token) return true;
        if (gap == std::string_view::npos) break;
        list.remove_prefix(gap + 1);
    }
    return false;
}

std::string collapse_spaces(std::string_view s)
{
    std::string out;
    bool gap = false;
    for (const char c : s) {
        if (is_space(c)) {
            gap = !out.empty();
            continue;
        }
        if (gap) out += ' ';
        gap = false;
        out += c;
    }
    return out;
}

const char* attribute(const GumboNode* node, const char* name) noexcept
{
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a != nullptr ? a->value : nullptr;
}

bool is_element(const GumboNode* node) noexcept
{
    return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

bool is_text(const GumboNode* node) noexcept
{
    return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
           node->type == GUMBO_NODE_CDATA;
}

GumboTag tag_of(const GumboNode* node) noexcept
{
    return is_element(node) ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
}

const GumboVector& children_of(const GumboNode* node) noexcept
{
    return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

// Never visible, or page furniture rather than article text.
bool furniture_tag(GumboTag t) noexcept
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_DATALIST: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MENU: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_IMG:
        return true;
    default:
        return false;
    }
}

bool hidden(const GumboNode* node)
{
    if (attribute(node, "hidden") != nullptr) return true;
    const char* style = attribute(node, "style");
    if (style == nullptr) return false;
    std::string s;
    for (const char* p = style; *p != '\0'; ++p)
        if (!is_space(*p)) s += ascii_lower(*p);
    return s.find("display:none") != std::string::npos ||
           s.find("visibility:hidden") != std::string::npos;
}

// Where an element sits decides whether some furniture tags are furniture: a
// <header> inside <article> holds the headline and byline, and a <footer>
// inside <blockquote> names who is quoted.
struct context {
    bool in_article = false;
    bool in_blockquote = false;
    bool in_link = false;
    bool in_pre = false;
    bool in_site_header = false;

    context enter(const GumboNode* node) const noexcept
    {
        context c = *this;
        switch (tag_of(node)) {
        case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: c.in_article = true; break;
        case GUMBO_TAG_BLOCKQUOTE: c.in_blockquote = true; break;
        case GUMBO_TAG_A: c.in_link = true; break;
        case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: c.in_pre = true; break;
        case GUMBO_TAG_HEADER: c.in_site_header = !in_article; break;
        default: break;
        }
        return c;
    }
};

bool skipped(const GumboNode* node, const context& ctx)
{
    const GumboTag t = tag_of(node);
    if (node->type == GUMBO_NODE_TEMPLATE || furniture_tag(t)) return true;
    if (t == GUMBO_TAG_HEADER && !ctx.in_article) return true;
    if (t == GUMBO_TAG_FOOTER && !ctx.in_blockquote) return true;
    return hidden(node);
}

std::size_t visible_bytes(const GumboNode* node) noexcept
{
    std::size_t n = 0;
    for (const char* p = node->v.text.text; *p != '\0'; ++p)
        if (!is_space(*p)) ++n;
    return n;
}

std::size_t utf8_length(unsigned char lead) noexcept
{
    return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// True when the decoded text `d` can continue where the source `o` continues.
// A reference, CR, NUL or stray tag in the source ends the comparison: it is
// aligned on its own.
bool same_tail(std::string_view d, std::string_view o) noexcept
{
    for (std::size_t m = 0; m < 16; ++m) {
        if (m == o.size()) return m == d.size();
        const char c = o[m];
        if (c == '&' || c == '\r' || c == '\0' || (c == '<' && (m == d.size() || d[m] != '<'))) return true;
        if (m == d.size() || d[m] != c) return false;
    }
    return true;
}

// Aligns a character reference at o[i] with its decoding at d[j].
bool align_reference(std::string_view d, std::string_view o, std::size_t& i, std::size_t& j,
                     std::vector<std::size_t>& src)
{
    const std::size_t n = o.size();
    std::size_t k = i + 1;
    if (k < n && o[k] == '#') {
        ++k;
        const bool hex = k < n && (o[k] == 'x' || o[k] == 'X');
        if (hex) ++k;
        while (k < n && (hex ? std::isxdigit(static_cast<unsigned char>(o[k]))
                             : std::isdigit(static_cast<unsigned char>(o[k]))))
            ++k;
    } else {
        while (k < n && std::isalnum(static_cast<unsigned char>(o[k]))) ++k;
    }
    if (k < n && o[k] == ';') ++k;

    // Not decoded ("AT&T", "&nosuch;"): the bytes stand as written.
    if (d.substr(j, k - i) == o.substr(i, k - i)) {
        for (; i < k; ++i, ++j) src[j] = i;
        return true;
    }
    // A reference decodes to one or two code points, and the parser may have
    // taken only a prefix of the name ("&copy2024" is "©2024").
    for (std::size_t end = k; end >= i + 2; --end) {
        std::size_t len = 0;
        for (int cps = 0; cps < 2 && j + len < d.size(); ++cps) {
            len += utf8_length(static_cast<unsigned char>(d[j + len]));
            if (j + len > d.size()) break;
            if (!same_tail(d.substr(j + len), o.substr(end))) continue;
            for (std::size_t m = 0; m < len; ++m) src[j + m] = std::min(i + m, end - 1);
            i = end;
            j += len;
            return true;
        }
    }
    return false;
}

// The source offset (within `o`) of each byte of `d`, gumbo's decoding of the
// text node whose source bytes are `o`: references, CR LF, the newline a
// <pre> drops and ignored stray tags are the only differences.
void align(std::string_view d, std::string_view o, std::vector<std::size_t>& src)
{
    src.assign(d.size(), 0);
    std::size_t i = 0;
    std::size_t j = 0;
    while (j < d.size() && i < o.size()) {
        const char c = o[i];
        if (c == '&' && align_reference(d, o, i, j, src)) continue;
        if (c == d[j]) {
            src[j++] = i++;
        } else if (c == '\r' && d[j] == '\n') {
            src[j++] = i++;
            if (i < o.size() && o[i] == '\n') ++i;
        } else if (c == '\0' && d.substr(j, 3) == "\xEF\xBF\xBD") {
            for (int m = 0; m < 3; ++m) src[j++] = i;
            ++i;
        } else if (is_space(c) || c == '\0') {
            ++i;
        } else if (c == '<' && o.find('>', i) != std::string_view::npos) {
            i = o.find('>', i) + 1;  // a stray end tag the parser ignored inside the text
        } else {
            break;
        }
    }
    // Out of step (gumbo moved text around): the rest follows on linearly and
    // stays inside the node, so its start is still exact.
    std::size_t next = j > 0 ? src[j - 1] + 1 : 0;
    const std::size_t last = o.empty() ? 0 : o.size() - 1;
    for (; j < d.size(); ++j) src[j] = std::min(next++, last);
}

// Collapses whitespace into the analysed text and anchors every byte whose
// source does not follow on from the previous one. Offsets come in as
// positions in the buffer gumbo parsed and are mapped back to the page.
class text_builder {
public:
    explicit text_builder(const std::vector<anchor>& repair) : repair_(repair) {}

    // A byte at [src, end) of the buffer; `end` is past a whole reference.
    void word_byte(char c, std::size_t src, std::size_t end)
    {
        if (pending_space_ && text_.size() > line_start_) put(' ', space_src_, space_src_ + 1);
        pending_space_ = false;
        put(c, src, end);
    }
    void space(std::size_t src)
    {
        if (!pending_space_) space_src_ = src;
        pending_space_ = true;
    }
    // The inserted '\n' takes no source bytes: it sits where the line's last
    // byte ends, so a span over a whole line ends there too.
    void end_line()
    {
        pending_space_ = false;
        if (text_.size() > line_start_) {
            detail::push_anchor(anchors_, text_.size(), next_page_);
            text_ += '\n';
            line_start_ = text_.size();
        }
    }
    void finish() { detail::push_anchor(anchors_, text_.size(), next_page_); }
    std::size_t next_buffer_offset() const noexcept { return next_buffer_; }

    std::string text_;
    std::vector<anchor> anchors_;

private:
    void put(char c, std::size_t src, std::size_t end)
    {
        detail::push_anchor(anchors_, text_.size(), detail::map_offset(repair_, src));
        text_ += c;
        next_buffer_ = end;
        next_page_ = detail::map_offset(repair_, end);
    }

    const std::vector<anchor>& repair_;
    std::size_t line_start_ = 0;
    std::size_t next_buffer_ = 0;
    std::size_t next_page_ = 0;
    std::size_t space_src_ = 0;
    bool pending_space_ = false;
};

struct link_stats {
    std::size_t text = 0;       // non-space bytes
    std::size_t link_text = 0;  // of which inside <a>
    std::size_t links = 0;
};

class page_reader {
public:
    page_reader(std::string_view buffer, const std::vector<anchor>& repair)
        : buffer_(buffer), out_(repair) {}

    void read(const GumboNode* root, metadata& meta)
    {
        collect_metadata(root, meta);
        collect_stats(root);
        headline_ = find_headline(root);
        if (headline_ != nullptr) emit(headline_, context{});
        emit(root, context{});
        out_.end_line();
        out_.finish();
    }

    std::string take_text() { return std::move(out_.text_); }
    std::vector<anchor> take_anchors() { return std::move(out_.anchors_); }

private:
    struct frame {
        const GumboNode* node;
        unsigned next;
        context ctx;
        link_stats acc;
    };

    // Menus and related-story lists: mostly link text, several links, little else.
    bool link_dense(const GumboNode* node) const
    {
        const GumboTag t = tag_of(node);
        if (t == GUMBO_TAG_HTML || t == GUMBO_TAG_BODY) return false;
        const auto it = stats_.find(node);
        if (it == stats_.end()) return false;
        const link_stats& s = it->second;
        // The cap on other text keeps an article whose related links outweigh
        // its prose from going with them.
        return s.links >= 3 && s.link_text * 2 > s.text && s.text - s.link_text < 200;
    }

    void collect_stats(const GumboNode* root)
    {
        std::vector<frame> stack{{root, 0, context{}, {}}};
        while (!stack.empty()) {
            frame& top = stack.back();
            const GumboVector& kids = children_of(top.node);
            if (top.next < kids.length) {
                const auto* child = static_cast<const GumboNode*>(kids.data[top.next++]);
                if (is_text(child)) {
                    const std::size_t n = visible_bytes(child);
                    top.acc.text += n;
                    if (top.ctx.in_link) top.acc.link_text += n;
                } else if (is_element(child) && !skipped(child, top.ctx)) {
                    const context ctx = top.ctx.enter(child);
                    stack.push_back({child, 0, ctx, {}});
                }
                continue;
            }
            frame done = stack.back();
            stack.pop_back();
            const GumboTag t = tag_of(done.node);
            if (t == GUMBO_TAG_A && done.acc.text > 0) ++done.acc.links;
            if (block_tag(t)) stats_[done.node] = done.acc;
            if (!stack.empty()) {
                link_stats& up = stack.back().acc;
                up.text += done.acc.text;
                up.link_text += done.acc.link_text;
                up.links += done.acc.links;
            }
        }
    }

    // The first <h1> with text; a site header's <h1> (often the logo) only
    // when there is no other.
    const GumboNode* find_headline(const GumboNode* root) const
    {
        const GumboNode* fallback = nullptr;
        std::vector<frame> stack{{root, 0, context{}, {}}};
        while (!stack.empty()) {
            frame& top = stack.back();
            const GumboVector& kids = children_of(top.node);
            if (top.next >= kids.length) {
                stack.pop_back();
                continue;
            }
            const auto* child = static_cast<const GumboNode*>(kids.data[top.next++]);
            if (!is_element(child)) continue;
            const GumboTag t = tag_of(child);
            // A site <header> is dropped from the body text but may hold the headline.
            const bool site_header = t == GUMBO_TAG_HEADER && !top.ctx.in_article;
            if (!site_header && skipped(child, top.ctx)) continue;
            const context ctx = top.ctx.enter(child);
            if (t == GUMBO_TAG_H1) {
                const auto it = stats_.find(child);
                const bool has_text = it != stats_.end() && it->second.text > 0;
                if (has_text && !ctx.in_site_header) return child;
                if (has_text && fallback == nullptr) fallback = child;
                continue;
            }
            stack.push_back({child, 0, ctx, {}});
        }
        return fallback;
    }

    void emit(const GumboNode* root, const context& outer)
    {
        std::vector<frame> stack;
        if (!enter(root, outer, stack)) return;
        while (!stack.empty()) {
            frame& top = stack.back();
            const GumboVector& kids = children_of(top.node);
            if (top.next < kids.length) {
                const auto* child = static_cast<const GumboNode*>(kids.data[top.next++]);
                const context ctx = top.ctx;
                if (is_text(child))
                    emit_text(child, ctx.in_pre);
                else if (is_element(child))
                    enter(child, ctx, stack);
                continue;
            }
            const GumboTag t = tag_of(top.node);
            stack.pop_back();
            if (block_tag(t)) out_.end_line();
            if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) out_.space(out_.next_buffer_offset());
        }
    }

    // Starts an element: false when it contributes nothing.
    bool enter(const GumboNode* node, const context& ctx, std::vector<frame>& stack)
    {
        if (node->type == GUMBO_NODE_DOCUMENT) {
            stack.push_back({node, 0, ctx, {}});
            return true;
        }
        const GumboTag t = tag_of(node);
        const bool headline = node == headline_;
        if (!headline && skipped(node, ctx)) return false;
        if (headline && !stack.empty()) return false;  // already emitted first
        if (link_dense(node)) return false;
        if (t == GUMBO_TAG_BR) {
            out_.end_line();
            return false;
        }
        if (block_tag(t)) out_.end_line();
        stack.push_back({node, 0, ctx.enter(node), {}});
        return true;
    }

    void emit_text(const GumboNode* node, bool pre)
    {
        const GumboText& t = node->v.text;
        std::string_view decoded(t.text);
        std::string_view original;
        std::size_t base = t.start_pos.offset;
        const char* data = t.original_text.data;
        if (data != nullptr && data >= buffer_.data() &&
            data + t.original_text.length <= buffer_.data() + buffer_.size()) {
            original = std::string_view(data, t.original_text.length);
            base = static_cast<std::size_t>(data - buffer_.data());
        }
        align(decoded, original, src_);
        if (detail::first_invalid_utf8(decoded) != decoded.size()) decoded = repaired(decoded);
        for (std::size_t j = 0; j < decoded.size(); ++j) {
            const char c = decoded[j];
            const std::size_t at = base + src_[j];
            if (pre && c == '\n') {
                out_.end_line();
            } else if (is_space(c)) {
                out_.space(at);
            } else {
                // The next byte's source, so a span ending after "é" ends after "&eacute;".
                const std::size_t end = j + 1 < decoded.size() ? std::max(base + src_[j + 1], at + 1)
                                                               : base + std::max(original.size(), src_[j] + 1);
                out_.word_byte(c, at, end);
            }
        }
    }

    // gumbo decodes a numeric reference past U+10FFFF with more digits than
    // it checks ("&#82999999999999999") to bytes that are no UTF-8, in text
    // and in attribute values alike: `decoded` repaired as input is
    // (repair_utf8), src_ following it through the repair's map.
    std::string_view repaired(std::string_view decoded)
    {
        fixed_ = repair_utf8(decoded, {}, fixed_map_, {});
        fixed_src_.resize(fixed_.size());
        for (std::size_t k = 0; k < fixed_.size(); ++k)
            fixed_src_[k] = src_[std::min(detail::map_offset(fixed_map_, k), decoded.size() - 1)];
        src_.swap(fixed_src_);
        return fixed_;
    }

    static void collect_metadata(const GumboNode* root, metadata& meta)
    {
        std::string title, og_title, canonical, og_url, site_name, lang, http_lang, time;
        std::string date;
        int date_rank = 0;
        const auto offer_date = [&](std::string_view value, int rank) {
            if (rank > date_rank && !collapse_spaces(value).empty()) {
                date = collapse_spaces(value);
                date_rank = rank;
            }
        };

        std::vector<const GumboNode*> stack{root};
        while (!stack.empty()) {
            const GumboNode* node = stack.back();
            stack.pop_back();
            if (node->type != GUMBO_NODE_DOCUMENT && !is_element(node)) continue;
            if (node->type == GUMBO_NODE_DOCUMENT || node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) {
                const GumboTag t = tag_of(node);
                const auto attr = [&](const char* name) -> std::string_view {
                    const char* v = attribute(node, name);
                    return v != nullptr ? std::string_view(v) : std::string_view{};
                };
                if (t == GUMBO_TAG_HTML && lang.empty()) {
                    lang = collapse_spaces(attr("lang"));
                    if (lang.empty()) lang = collapse_spaces(attr("xml:lang"));
                } else if (t == GUMBO_TAG_TITLE && title.empty()) {
                    std::string raw;
                    const GumboVector& kids = node->v.element.children;
                    for (unsigned k = 0; k < kids.length; ++k) {
                        const auto* kid = static_cast<const GumboNode*>(kids.data[k]);
                        if (is_text(kid)) raw += kid->v.text.text;
                    }
                    title = collapse_spaces(raw);
                } else if (t == GUMBO_TAG_LINK && canonical.empty()) {
                    if (has_token(lower(attr("rel")), "canonical")) canonical = collapse_spaces(attr("href"));
                } else if (t == GUMBO_TAG_META) {
                    std::string key = lower(attr("property"));
                    if (key.empty()) key = lower(attr("name"));
                    if (key.empty()) key = lower(attr("itemprop"));
                    const std::string_view content = attr("content");
                    if (key == "og:url" && og_url.empty()) og_url = collapse_spaces(content);
                    else if (key == "og:site_name" && site_name.empty()) site_name = collapse_spaces(content);
                    else if (key == "og:title" && og_title.empty()) og_title = collapse_spaces(content);
                    else if (key == "article:published_time") offer_date(content, 4);
                    else if (key == "og:published_time" || key == "datepublished") offer_date(content, 3);
                    else if (key == "date" || key == "dc.date" || key == "dc.date.issued" ||
                             key == "pubdate" || key == "publishdate" || key == "sailthru.date" ||
                             key == "parsely-pub-date")
                        offer_date(content, 2);
                    if (lower(attr("http-equiv")) == "content-language" && http_lang.empty())
                        http_lang = collapse_spaces(content);
                } else if (t == GUMBO_TAG_TIME && time.empty()) {
                    time = collapse_spaces(attr("datetime"));
                }
            }
            const GumboVector& kids = children_of(node);
            for (unsigned k = kids.length; k-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[k]));
        }
        offer_date(time, 1);

        const auto set = [](field& f, const std::string& a, const std::string& b = {}) {
            const std::string& v = !a.empty() ? a : b;
            if (v.empty()) return;
            std::vector<anchor> unused;
            f = field{repair_utf8(v, {}, unused, {}), origin::text};
        };
        set(meta.title, title, og_title);
        set(meta.url, canonical, og_url);
        set(meta.outlet, site_name);
        set(meta.language, lang, http_lang);
        set(meta.date, date);
    }

    std::string_view buffer_;
    text_builder out_;
    std::unordered_map<const GumboNode*, link_stats> stats_;
    const GumboNode* headline_ = nullptr;
    std::vector<std::size_t> src_;
    std::string fixed_;  // repaired(): a text node's bytes made valid
    std::vector<anchor> fixed_map_;
    std::vector<std::size_t> fixed_src_;
};

}  // namespace

namespace detail {

document parse_html(std::string_view name, std::string_view page, const diagnostic_sink& diag,
                    std::size_t* bad_sequences, std::size_t depth_limit)
{
    depth_limit = std::min(depth_limit, max_depth);
    document doc;
    doc.id = std::string(name);
    doc.kind = input_format::html;

    // gumbo expects valid UTF-8; the repair map carries its offsets back.
    std::vector<anchor> repair;
    std::string buffer = repair_utf8(page, name, repair, diag, bad_sequences);
    defuse_cdata(buffer);
    std::size_t deepest_at = 0;
    if (nesting_depth(buffer, depth_limit, &deepest_at) > depth_limit) {
        flatten(buffer);
        if (bad_sequences != nullptr) ++*bad_sequences;
        if (diag) {
            diagnostic d;
            d.level = severity::warning;
            d.code = "html.too_deep";
            d.input = std::string(name);
            d.offset = map_offset(repair, deepest_at);
            d.message = "elements nested more than " + std::to_string(depth_limit) + " deep at byte " +
                        std::to_string(d.offset) + "; markup flattened, text kept";
            diag(d);
        }
    }

    gumbo_heap heap;
    GumboOptions options = kGumboDefaultOptions;
    heap.install(options);
    // Each recorded parse error copies the stack of open elements, which on
    // broken pages costs more than the tree; they are not ours to report.
    options.max_errors = 0;
    const GumboOutput* out = gumbo_parse_with_options(&options, buffer.data(), buffer.size());

    page_reader reader(buffer, repair);
    reader.read(out->document, doc.meta);
    doc.text = reader.take_text();
    doc.anchors = reader.take_anchors();
    return doc;
}

}  // namespace detail

document html_document(std::string_view name, std::string_view page)
{
    return detail::parse_html(name, page, [](const diagnostic&) {}, nullptr, detail::max_depth);
}

}  // namespace quotetrace::ingest
