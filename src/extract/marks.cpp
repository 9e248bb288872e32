// Pairs quotation marks into quote spans with a small state machine per
// paragraph: apostrophes, nesting, multi-paragraph quotes, recovery.
#include "marks.hpp"

#include <algorithm>
#include <bit>

#include "text.hpp"

namespace quotetrace::extract {

mark_table::mark_table(const std::vector<std::pair<std::string, std::string>>& pairs,
                       std::size_t single_from) {
    auto id_of = [&](const std::string& m, bool single) {
        for (std::size_t i = 0; i < marks_.size(); ++i)
            if (marks_[i] == m) return static_cast<int>(i);
        marks_.push_back(m);
        mark info;
        info.len = m.size();
        info.id = static_cast<int>(marks_.size() - 1);
        info.single = single;
        info_.push_back(info);
        const auto b = static_cast<unsigned char>(m[0]);
        if (!first_byte_[b]) {
            if (b < 0x80) ascii_first_.push_back(text::swar::ones * b);
            else non_ascii_first_ = true;
        }
        first_byte_[b] = true;
        by_first_[b].push_back(marks_.size() - 1);
        return info.id;
    };
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (pairs[i].first.empty() || pairs[i].second.empty()) continue;
        const bool single = i >= single_from;
        const int o = id_of(pairs[i].first, single);
        const int c = id_of(pairs[i].second, single);
        info_[static_cast<std::size_t>(o)].opens = true;
        info_[static_cast<std::size_t>(c)].closes = true;
        pairs_.emplace_back(o, c);
    }
}

mark_table::mark mark_table::at(std::string_view text, std::size_t i) const { return at(text, i, text.size()); }

mark_table::mark mark_table::at(std::string_view text, std::size_t i, std::size_t longest) const {
    if (i >= text.size() || !first_byte_[static_cast<unsigned char>(text[i])]) return {};
    mark best;
    const std::size_t room = std::min(text.size() - i, longest);
    for (const std::size_t k : by_first_[static_cast<unsigned char>(text[i])]) {
        const auto& m = marks_[k];
        if (m.size() > best.len && m.size() <= room && std::equal(m.begin(), m.end(), text.begin() + static_cast<std::ptrdiff_t>(i)))
            best = info_[k];
    }
    return best;
}

std::size_t mark_table::next_start(std::string_view t, std::size_t i, std::size_t end) const {
    // Eight bytes at a time while none of them can start a mark (one or two
    // ASCII bytes, and any byte >= 0x80 when a mark is not ASCII), then byte
    // by byte. A byte flagged in passing that starts no mark is stepped over.
    const std::size_t ascii = ascii_first_.size();
    if (std::endian::native == std::endian::little && ascii <= 2) {
        using text::swar::ones, text::swar::high;
        const std::uint64_t a = ascii ? ascii_first_[0] : ones * 0x80, b = ascii > 1 ? ascii_first_[1] : a;
        const std::uint64_t wide = non_ascii_first_ ? high : 0;
        while (i + 8 <= end) {
            const std::uint64_t v = text::swar::load(t.data() + i);
            const std::uint64_t stop = (v & wide) | text::swar::zero_first(v ^ a) | text::swar::zero_first(v ^ b);
            if (!stop) {
                i += 8;
                continue;
            }
            i += text::swar::first(stop);
            if (first_byte_[static_cast<unsigned char>(t[i])]) return i;
            ++i;
        }
    }
    for (; i < end; ++i)
        if (first_byte_[static_cast<unsigned char>(t[i])]) return i;
    return end;
}

bool mark_table::pairs_with(int open_id, int close_id) const {
    return std::find(pairs_.begin(), pairs_.end(), std::make_pair(open_id, close_id)) != pairs_.end();
}

namespace {

struct open_mark {
    span where;
    int id;
    bool single;
    std::size_t paragraph;
};

bool opening_context(std::string_view t, std::size_t before_end, std::size_t after, std::size_t para_begin) {
    // A straight mark opens at the start, after a space, dash, bracket or another mark.
    const bool start = before_end <= para_begin;
    bool after_space = start;
    if (!start) {
        const auto c = static_cast<unsigned char>(t[before_end - 1]);
        after_space = text::is_space(c) || c == '(' || c == '[' || c == '{' || c == '-' || c == '/' ||
                      c == 0xA0 || c == 0x94 /* end of an em dash */ || c == 0x80 || c == 0x9C || c == ':';
    }
    const bool before_word = after < t.size() && !text::is_space(static_cast<unsigned char>(t[after]));
    return after_space && before_word;
}

// Whether a mark that closes what mark `id` opens comes in [from, end).
bool closes_later(std::string_view t, std::size_t from, std::size_t end, const mark_table& marks, int id) {
    for (std::size_t i = from; (i = marks.next_start(t, i, end)) < end;) {
        const auto m = marks.at(t, i);
        if (m.len && m.closes && marks.pairs_with(id, m.id)) return true;
        i += m.len ? m.len : 1;
    }
    return false;
}

}  // namespace

std::vector<quoted> find_quotes(std::string_view t, const std::vector<span>& paragraphs,
                                const mark_table& marks, std::size_t max_bytes, std::size_t max_depth,
                                limit_hits* hits, std::size_t max_quotes) {
    limit_hits local;
    limit_hits& hit = hits ? *hits : local;
    auto note = [](std::size_t& count, std::size_t& first, std::size_t at) {
        if (count++ == 0) first = at;
    };
    std::vector<quoted> out;
    std::vector<open_mark> stack;
    auto emit = [&](const open_mark& o, span close, bool recovered, bool continued) {
        quoted q;
        q.open = o.where;
        q.close = close;
        q.single = o.single;
        q.recovered = recovered;
        q.continued = continued;
        q.depth = static_cast<int>(std::count_if(stack.begin(), stack.end(),
                                                 [&](const open_mark& m) { return m.where.begin < o.where.begin; }));
        q.content = text::trim(t, {o.where.end, recovered ? close.begin : close.begin});
        while (q.content.end > q.content.begin && t[q.content.end - 1] == ',') --q.content.end;
        q.content = text::trim(t, q.content);
        if (!q.content.empty()) out.push_back(q);
    };

    for (std::size_t p = 0; p < paragraphs.size(); ++p) {
        const span para = paragraphs[p];

        // A quote left open at the end of the previous paragraph carries on
        // only if this paragraph opens with a mark (the news convention).
        bool carried = false;
        if (!stack.empty()) {
            const std::size_t first = text::skip_spaces(t, para.begin, para.end);
            const auto m = marks.at(t, first);
            const bool continues = m.len && m.opens && !m.single && !stack.back().single;
            if (continues) {
                carried = true;
            } else {
                // Recover locally: close every open mark at the previous paragraph's end.
                const span prev = paragraphs[p - 1];
                while (!stack.empty()) {
                    const auto o = stack.back();
                    stack.pop_back();
                    if (!o.single && prev.end - o.where.end <= max_bytes)
                        emit(o, {text::trim_end(t, o.where.end, prev.end), text::trim_end(t, o.where.end, prev.end)}, true, o.paragraph != p - 1);
                }
            }
        }
        std::size_t i = para.begin;
        if (carried) {
            // skip the continuation mark
            i = text::skip_spaces(t, para.begin, para.end);
            i += marks.at(t, i).len;
        }
        while ((i = marks.next_start(t, i, para.end)) < para.end && out.size() < max_quotes) {
            // Three apostrophes after a quote within a quote close the inner
            // one first, then the outer: ''I said, 'No,''' he said.
            const bool inner_first = !stack.empty() && stack.back().single && t.compare(i, 3, "'''") == 0;
            const auto m = inner_first ? marks.at(t, i, 1) : marks.at(t, i);
            if (!m.len) { ++i; continue; }
            const span here{i, i + m.len};
            const std::size_t after = i + m.len;
            const bool letter_before = i > para.begin && text::is_letter_at(t, text::prev_char(t, i));
            const bool letter_after = text::is_letter_at(t, after);
            i = after;
            const bool open_context = opening_context(t, here.begin, after, para.begin);
            const bool kind_open = std::any_of(stack.begin(), stack.end(),
                                               [&](const open_mark& o) { return o.single == m.single; });
            if (m.single) {
                // Apostrophes: Russia’s, don't, the Joneses' house, ’90s.
                if (letter_before && letter_after) continue;
                if (m.opens && after < t.size() && t[after] >= '0' && t[after] <= '9' && !letter_before) continue;
            }
            bool closes;
            bool closes_itself = false;  // a mark that only opens, standing where its closer belongs
            if (m.opens && m.closes && marks.pairs_with(m.id, m.id)) {
                // A straight mark: close what is open, else open.
                closes = kind_open && !(open_context && !m.single && stack.back().single);
                // "the Joneses' house", inch marks; but a double mark that
                // starts its paragraph opens even before a space when another
                // closes later in it ("” … what I learned ...,” he said")
                if (!kind_open && !open_context &&
                    (m.single || here.begin != text::skip_spaces(t, para.begin, para.end) ||
                     !closes_later(t, after, para.end, marks, m.id)))
                    continue;
            } else if (m.opens && m.closes) {
                // “ opens in English and closes in German („…“); « and » swap in
                // Danish: close the open quote it pairs with, unless it clearly opens.
                // An opening mark typed where the closing one belongs ("“It's
                // unusual,“ said ...": after the words, before a space) closes
                // the quote the same mark opened.
                auto top = std::find_if(stack.rbegin(), stack.rend(), [&](const open_mark& o) { return o.single == m.single; });
                const bool closing_context = !open_context && !letter_after &&
                                             (after >= para.end || text::is_space(static_cast<unsigned char>(t[after])));
                closes = top != stack.rend() && !open_context && marks.pairs_with(top->id, m.id);
                if (!closes && top != stack.rend() && !m.single && top->id == m.id && closing_context)
                    closes = closes_itself = true;
            } else if (m.closes) {
                closes = true;
                if (m.single && !kind_open) continue;       // an apostrophe: "the Joneses’ house"
            } else {
                closes = false;
                if (m.single && !open_context) continue;
            }
            if (!closes) {
                if (stack.size() >= max_depth) {
                    note(hit.too_deep, hit.first_too_deep, here.begin);
                    continue;
                }
                stack.push_back({here, m.id, m.single, p});
                continue;
            }
            // Close the innermost compatible open mark; opens above it were stray.
            auto it = std::find_if(stack.rbegin(), stack.rend(), [&](const open_mark& o) {
                return o.single == m.single && (marks.pairs_with(o.id, m.id) || (closes_itself && o.id == m.id));
            });
            if (it == stack.rend()) continue;  // a stray closing mark
            const auto o = *it;
            stack.erase(std::next(it).base(), stack.end());
            if (here.begin - o.where.end > max_bytes) {
                note(hit.too_long, hit.first_too_long, o.where.begin);
                continue;
            }
            emit(o, here, false, o.paragraph != p);
        }
        if (out.size() >= max_quotes) {
            if (i < para.end || p + 1 < paragraphs.size()) {
                hit.too_many = 1;  // one place: where the search stopped
                hit.first_too_many = std::min(i, para.end);
            }
            stack.clear();
            break;
        }
        // Single marks never carry over a paragraph.
        while (!stack.empty() && stack.back().single) stack.pop_back();
        if (!stack.empty() && para.end - stack.front().where.end > max_bytes) {
            note(hit.too_long, hit.first_too_long, stack.front().where.begin);
            stack.clear();
        }
    }
    if (!stack.empty() && !paragraphs.empty()) {
        const span last = paragraphs.back();
        while (!stack.empty()) {
            const auto o = stack.back();
            stack.pop_back();
            if (!o.single && last.end - o.where.end <= max_bytes)
                emit(o, {text::trim_end(t, o.where.end, last.end), text::trim_end(t, o.where.end, last.end)}, true,
                     o.paragraph != paragraphs.size() - 1);
        }
    }
    std::sort(out.begin(), out.end(), [](const quoted& a, const quoted& b) { return a.open.begin < b.open.begin; });
    return out;
}

}  // namespace quotetrace::extract
