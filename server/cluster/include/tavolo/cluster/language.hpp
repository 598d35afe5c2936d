// The languages the engine knows (Italian first), their stop words, and
// detecting which one a text is in. Pure functions, callable from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tavolo::cluster {

enum class language { it, en };

std::string_view to_string(language l) noexcept;
std::optional<language> language_from_string(std::string_view s) noexcept;

// Whether `word` (case-folded, as tokenize() gives it) is a stop word of `l`:
// articles, prepositions with their elided and articulated forms, pronouns,
// auxiliaries and other words that carry no topic.
bool is_stop_word(std::string_view word, language l);

// The language of a text from its words: stop words of each language and
// Italian accented endings count as evidence; Italian wins ties (and texts
// with no evidence at all).
language detect_language(std::vector<std::string> const& words);

} // namespace tavolo::cluster
