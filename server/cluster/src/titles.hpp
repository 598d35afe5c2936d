// A group's title and the written form of its words (internal to
// tavolo::cluster): a short noun phrase taken from the group's own texts, with
// acronyms as people write them. Pure functions, any thread (own analyzer).
#pragma once

#include "tavolo/cluster/language.hpp"
#include "tavolo/cluster/text_analyzer.hpp"

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tavolo::cluster::detail {

// How a group's texts write each word: "SPID" and "PagoPA" rather than the
// case-folded "spid" and "pagopa" the analysis works with. A spelling with
// capitals after its first letter wins (unless the whole text is shouted; an
// all-capitals one only if not more often capitalised mid-sentence: "Oracle"
// over one "ORACLE"), then a capitalised spelling seen mid-sentence more
// often than a lower-case one (a name: "Lepida", "Syllabus"); a small list of the usual spellings
// of PA acronyms comes first for Italian. Otherwise the word stays lower-case.
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

// How much a word (case-folded) belongs to a group: `specificity`, the
// share of the meeting's texts using it that are members (0..1), and
// `centrality`, how near its meaning is to the group's (0..1, 0 without word
// vectors); `term`, the analysis' term for it (its stem), saves stemming it
// again.
struct word_standing {
    double specificity = 0.5;
    double centrality = 0;
    std::string term;
};
using standings = std::unordered_map<std::string, word_standing>; // by case-folded word

struct group_title {
    std::string title;
    std::vector<std::string> keywords; // as written (see surface_forms)
};

// The title of a group whose members' texts are `members`, mostly in `lang`:
// the word sequence of at most six words from one of the texts, from a
// content word to a content word with only articles, prepositions and
// conjunctions inside, that best balances how many members use its words and
// how much they belong to the group (`standing`; missing words count as a
// default word_standing), how much its first word speaks for the group (a
// noun, which the texts write after an article, reads best there; an
// infinitive or a finite verb poorly) and brevity. The capitalised first keyword
// when no text has such a sequence; empty without keywords. Ties go to the
// shorter, then the alphabetically first phrase: the same texts give the same
// title in any order.
group_title title_of(text_analyzer& analyzer, std::vector<std::string_view> const& members,
                     language lang, standings const& standing,
                     std::vector<std::string> const& keywords);

} // namespace tavolo::cluster::detail
