#include "written_words.hpp"

#include "tavolo/cluster/text_analysis.hpp"

#include "glossary.hpp"

#include <algorithm>
#include <cctype>

namespace tavolo::cluster::detail {
namespace {

// The usual spellings of acronyms of Italian public administration, for
// texts that write them lower-case ("spid", "pagopa"): the glossary's.
bool known_spelling(std::string const& folded) {
    return glossary_acronym(folded) != nullptr;
}

bool is_upper_ascii(char c) {
    return c >= 'A' && c <= 'Z';
}

enum class mark_kind { apostrophe, space, pause, stop };
struct mark {
    mark_kind kind = mark_kind::space;
    std::size_t length = 0; // 0: not a mark
};

// The typographic mark `rest` starts with, if any.
mark mark_at(std::string_view rest) {
    static std::pair<std::string_view, mark_kind> const marks[] = {
        {"\u2019", mark_kind::apostrophe}, {"\u2018", mark_kind::apostrophe},
        {"\u00a0", mark_kind::space},      {"\u2026", mark_kind::stop},
        {"\u201c", mark_kind::pause},      {"\u201d", mark_kind::pause},
        {"\u2013", mark_kind::pause},      {"\u2014", mark_kind::pause},
        {"\u00ab", mark_kind::pause},      {"\u00bb", mark_kind::pause}};
    for (auto const& [text, kind] : marks)
        if (rest.starts_with(text))
            return {kind, text.size()};
    return {};
}

// fold_case of one word, without decoding an ASCII one.
std::string folded_word(std::string const& w) {
    if (std::any_of(w.begin(), w.end(), [](char c) { return (c & 0x80) != 0; }))
        return fold_case(w);
    std::string out = w;
    for (auto& c : out)
        if (is_upper_ascii(c))
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace

std::vector<segment> segments_of(std::string_view text) {
    std::vector<segment> out(1);
    std::string current;
    bool sentence = true;
    auto close_word = [&](bool elided) {
        if (current.empty())
            return;
        auto folded = folded_word(current);
        // A name some write in two words ("pago PA", "app IO") is one.
        if (auto& s = out.back();
            !s.empty() && !s.back().elided &&
            s.back().folded.size() + folded.size() <= glossary_longest_acronym() &&
            known_spelling(s.back().folded + folded)) {
            s.back().surface += current;
            s.back().folded += folded;
            s.back().elided = elided;
            current.clear();
            return;
        }
        out.back().push_back({.surface = current,
                              .folded = std::move(folded),
                              .elided = elided,
                              .starts_sentence = sentence,
                              .kind = role::other,
                              .stem = 0});
        sentence = false;
        current.clear();
    };
    auto close_segment = [&](bool ends_sentence) {
        close_word(false);
        if (!out.back().empty())
            out.emplace_back();
        sentence = sentence || ends_sentence;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto const c = static_cast<unsigned char>(text[i]);
        if (c == 0xC2 || c == 0xE2) { // the typographic marks people paste
            auto const mark = mark_at(text.substr(i));
            if (mark.length > 0) {
                if (mark.kind == mark_kind::apostrophe)
                    close_word(true);
                else if (mark.kind == mark_kind::space)
                    close_word(false);
                else
                    close_segment(mark.kind == mark_kind::stop);
                i += mark.length - 1;
                continue;
            }
        }
        if (c == '\'') {
            close_word(true);
        } else if (c >= 0x80 || std::isalnum(c)) {
            current += static_cast<char>(c);
        } else if (c == '-' && !current.empty() && i + 1 < text.size() &&
                   (static_cast<unsigned char>(text[i + 1]) >= 0x80 ||
                    std::isalnum(static_cast<unsigned char>(text[i + 1])))) {
            current += '-';
        } else if (c == ' ' || c == '\t' || c == '\r') {
            close_word(false);
        } else {
            close_segment(c == '.' || c == '!' || c == '?' || c == '\n');
        }
    }
    close_segment(true);
    out.pop_back();
    return out;
}

bool shouted(std::string_view text) {
    std::size_t upper = 0, lower = 0;
    for (char c : text) {
        upper += is_upper_ascii(c) ? 1 : 0;
        lower += c >= 'a' && c <= 'z' ? 1 : 0;
    }
    return upper >= 12 && upper > 2 * lower;
}

bool in_capitals(std::string_view surface) {
    return surface.size() >= 2 && std::all_of(surface.begin(), surface.end(), [](char c) {
               return is_upper_ascii(c) || (c >= '0' && c <= '9');
           });
}

void surface_forms::add(std::string_view text) {
    if (shouted(text))
        return;
    for (auto const& s : segments_of(text))
        for (auto const& w : s)
            add_word(w.surface, w.folded, w.starts_sentence);
}

void surface_forms::add_word(std::string const& surface, std::string const& folded,
                             bool starts_sentence) {
    auto& seen = words_[folded];
    if (std::any_of(surface.begin() + 1, surface.end(), is_upper_ascii))
        ++seen.inner_capitals[surface];
    else if (is_upper_ascii(surface[0]) && !starts_sentence)
        ++seen.capitalised[surface];
    else if (surface == folded)
        ++seen.lower;
}

std::string surface_forms::of(std::string const& folded, language lang) const {
    if (lang == language::it)
        if (auto const* known = glossary_acronym(folded))
            return known->spelling;
    auto const it = words_.find(folded);
    if (it == words_.end())
        return folded;
    // The most frequent spelling; std::map's order breaks ties alphabetically.
    auto most = [](std::map<std::string, int> const& forms) {
        return std::max_element(forms.begin(), forms.end(),
                                [](auto& a, auto& b) { return a.second < b.second; });
    };
    auto const& seen = it->second;
    auto total = [](std::map<std::string, int> const& forms) {
        int n = 0;
        for (auto const& [form, count] : forms)
            n += count;
        return n;
    };
    auto const capitalised = total(seen.capitalised);
    if (!seen.inner_capitals.empty()) {
        // "PagoPA" always; "SPID" unless the texts more often write "Spid"
        // mid-sentence (then "ORACLE" was emphasis, and "Oracle" the name).
        auto const best = most(seen.inner_capitals);
        bool const all_capitals = std::none_of(best->first.begin(), best->first.end(),
                                               [](char c) { return c >= 'a' && c <= 'z'; });
        if (!all_capitals || total(seen.inner_capitals) >= capitalised)
            return best->first;
    }
    if (capitalised > seen.lower)
        return most(seen.capitalised)->first;
    return folded;
}

} // namespace tavolo::cluster::detail
