// A text's words as people wrote them (internal to tavolo::cluster): cut at
// punctuation, with their case and elisions kept, and how a group's texts
// write each word ("SPID", "PagoPA", "Lepida"). Titles are made of them. Pure
// functions, any thread; a surface_forms belongs to one caller.
#pragma once

#include "tavolo/cluster/language.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tavolo::cluster::detail {

// What a word does in a title (titles.cpp sets it): a content word, an
// article, preposition or conjunction that may join two of them, or
// anything else, which ends a phrase.
enum class role { content, connector, other };

struct written_word {
    std::string surface;          // as written, without a trailing apostrophe
    std::string folded;           // fold_case(surface)
    bool elided = false;          // written with an apostrophe after it: "dell'"
    bool starts_sentence = false; // first of its text, or after . ! ?
    role kind = role::other;      // set by titles.cpp
    std::uint32_t stem = 0;       // content words: their stem's index (titles.cpp)
};

using segment = std::vector<written_word>; // the words between two punctuation marks

// `text` cut at punctuation into runs of words, as written. Hyphens inside a
// word keep it whole ("e-learning"); an apostrophe ends the word before it; a
// name some write in two words ("pago PA", "app IO") is one.
std::vector<segment> segments_of(std::string_view text);

// Whether most of the text's letters are capitals: its spelling says nothing.
bool shouted(std::string_view text);

// Whether a word is written in capitals (and digits): "SPID", "NIS2".
bool in_capitals(std::string_view surface);

// How a group's texts write each word: "SPID" and "PagoPA" rather than the
// case-folded "spid" and "pagopa" the analysis works with. A spelling with
// capitals after its first letter wins (unless the whole text is shouted; an
// all-capitals one only if not more often capitalised mid-sentence: "Oracle"
// over one "ORACLE"), then a capitalised spelling seen mid-sentence more
// often than a lower-case one (a name: "Lepida", "Syllabus"); a small list
// of the usual spellings of PA acronyms comes first for Italian. Otherwise
// the word stays lower-case.
class surface_forms {
public:
    void add(std::string_view text);
    // One word of a text that is not shouted, as written and case-folded.
    void add_word(std::string const& surface, std::string const& folded, bool starts_sentence);
    // The written form of a case-folded word.
    std::string of(std::string const& folded, language lang) const;

private:
    struct seen {
        std::map<std::string, int> inner_capitals; // "PagoPA", "SPID"
        std::map<std::string, int> capitalised;    // "Lepida", mid-sentence only
        int lower = 0;
    };
    std::unordered_map<std::string, seen> words_;
};

} // namespace tavolo::cluster::detail
