// The first stage of clustering: case folding that knows accented Latin
// letters, and tokenisation that splits Italian elisions ("dell'ente").
// Pure functions over UTF-8, callable from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tavolo::cluster {

// Lower-cases `text` (ASCII, Latin-1 and Latin Extended-A letters: "È" -> "è")
// and turns typographic apostrophes into "'". Invalid bytes become spaces.
std::string fold_case(std::string_view text);

// Words of `text` after fold_case: runs of letters and digits; apostrophes and
// every other mark separate words ("dell'ente" -> "dell", "ente").
std::vector<std::string> tokenize(std::string_view text);

} // namespace tavolo::cluster
