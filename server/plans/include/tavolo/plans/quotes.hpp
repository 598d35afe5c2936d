// Whether a text quotes a contribution: how an objective's editor learns that
// its description repeats the words of a contribution that was hidden,
// withdrawn or removed (and so may not be published). Pure; any thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace tavolo::plans {

// The words compared in a quote: runs of letters and digits, ASCII lowered;
// punctuation, spacing and case do not count.
inline constexpr std::size_t quote_words = 6;
// A contribution of fewer words than this is too common a phrase to count.
inline constexpr std::size_t shortest_quote = 3;

// True when `text` holds, word after word, `quote_words` consecutive words of
// `contribution` (all of it when it has from `shortest_quote` to
// `quote_words` words).
bool quotes(std::string_view text, std::string_view contribution);

} // namespace tavolo::plans
