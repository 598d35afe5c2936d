#include "tavolo/plans/quotes.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace tavolo::plans {
namespace {

bool ascii_word(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A UTF-8 sequence from `at` that separates words: Latin-1's punctuation and
// spaces (« » NBSP ¿ ...), general punctuation (dashes, curly quotes, …) and
// CJK punctuation. Any other (accented letters) is part of a word.
std::size_t separator_length(std::string_view s, std::size_t at) {
    auto const b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    if (b(at) == 0xC2 && at + 1 < s.size() && b(at + 1) >= 0x80 && b(at + 1) <= 0xBF)
        return 2;
    if (b(at) == 0xE2 && at + 2 < s.size() && (b(at + 1) == 0x80 || b(at + 1) == 0x81))
        return 3;
    if (b(at) == 0xE3 && at + 2 < s.size() && b(at + 1) == 0x80)
        return 3;
    return 0;
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    auto const end_word = [&] {
        if (!word.empty())
            out.push_back(std::move(word));
        word.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto const c = static_cast<unsigned char>(text[i]);
        if (ascii_word(c)) {
            word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (c < 0x80) {
            end_word();
        } else if (auto const n = separator_length(text, i)) {
            end_word();
            i += n - 1;
        } else {
            word += static_cast<char>(c);
        }
    }
    end_word();
    return out;
}

} // namespace

bool quotes(std::string_view text, std::string_view contribution) {
    auto const said = words_of(contribution);
    if (said.size() < shortest_quote)
        return false;
    auto const written = words_of(text);
    auto const stretch = std::min(said.size(), quote_words);
    for (std::size_t from = 0; from + stretch <= said.size(); ++from) {
        auto const first = said.begin() + static_cast<std::ptrdiff_t>(from);
        auto const last = first + static_cast<std::ptrdiff_t>(stretch);
        if (std::search(written.begin(), written.end(), first, last) != written.end())
            return true;
    }
    return false;
}

} // namespace tavolo::plans
