// A group's title (internal to tavolo::cluster): a short noun phrase taken
// from the group's own texts, with acronyms as people write them (see
// written_words). Pure function, any thread (own analyzer).
#pragma once

#include "tavolo/cluster/language.hpp"
#include "tavolo/cluster/text_analyzer.hpp"

#include "written_words.hpp"

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tavolo::cluster::detail {

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
