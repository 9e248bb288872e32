// The outlet gazetteer prepared for look-ups: names and aliases by their
// lower-cased words, web domains by their labels.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../extract/text.hpp"
#include "quotetrace/provenance.hpp"

namespace quotetrace::provenance {

class gazetteer {
public:
    explicit gazetteer(std::vector<outlet_entry> outlets);

    struct match {
        std::size_t outlet = 0;  // index into entries()
        span where;              // the name in the text, without a possessive 's
    };

    // The longest outlet name that starts at byte i (a word start) and ends
    // before `end` at a word end: "Russian news agency Interfax", "BBC's",
    // "The Asia Business Daily(www.asiae.co.kr)" gives its name.
    std::optional<match> at(std::string_view t, std::size_t i, std::size_t end) const;
    // The first name in [b, end), tried at each word start.
    std::optional<match> first(std::string_view t, std::size_t b, std::size_t end) const;
    // The outlet a whole string names (a name, an alias, a domain or a URL).
    std::optional<std::size_t> lookup(std::string_view name_or_domain) const;
    // The outlet a whole string names by a name or alias only.
    std::optional<std::size_t> named(std::string_view name) const;
    // The outlet of a host or URL ("https://www.yna.co.kr/view/...").
    std::optional<std::size_t> domain(std::string_view host_or_url) const;

    const outlet_entry& operator[](std::size_t k) const { return entries_[k]; }
    const std::vector<outlet_entry>& entries() const { return entries_; }

private:
    struct name {
        std::size_t outlet;
        bool exact_case;  // short capitalised names: "AP" is not "ap"
        std::string spelled;
    };
    std::vector<outlet_entry> entries_;
    text::lower_map<std::vector<name>> names_;
    text::lower_map<std::size_t> domains_;
    text::lower_set first_words_;  // of every name, up to a space, hyphen or slash
    std::size_t most_words_ = 1;
    bool opens_name_[256] = {};  // the bytes a name can start with, as written
};

// Whether byte i of t starts a word (the byte before is no letter or digit).
bool word_start(std::string_view t, std::size_t i);

}  // namespace quotetrace::provenance
