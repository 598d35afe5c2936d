// A group's title: a phrase from its most representative member, or its
// keywords (internal to tavolo::cluster). Pure function, any thread (own analyzer).
#pragma once

#include "tavolo/cluster/language.hpp"
#include "tavolo/cluster/text_analyzer.hpp"

#include <set>
#include <string>
#include <vector>

namespace tavolo::cluster::detail {

// A title from the member closest to its group: the shortest run of its
// words (at most eight) that holds two or more of the group's keywords, as
// written ("Fascicolo sanitario elettronico"); else the keywords themselves.
std::string title_of(text_analyzer& analyzer, std::string const& representative, language lang,
                     std::set<std::string> const& key_terms,
                     std::vector<std::string> const& keywords);

} // namespace tavolo::cluster::detail
