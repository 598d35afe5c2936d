#include "titles.hpp"

#include "tavolo/cluster/text_analysis.hpp"

#include <string_view>

namespace tavolo::cluster::detail {
namespace {

std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

} // namespace

std::string title_of(text_analyzer& analyzer, std::string const& representative, language lang,
                     std::set<std::string> const& key_terms,
                     std::vector<std::string> const& keywords) {
    std::vector<std::string> words;
    std::vector<bool> key;
    std::size_t start = 0;
    while (start < representative.size()) {
        auto const end = representative.find(' ', start);
        auto const raw = representative.substr(start, end == std::string::npos ? end : end - start);
        start = end == std::string::npos ? representative.size() : end + 1;
        if (raw.empty())
            continue;
        auto const tokens = tokenize(raw);
        bool is_key = false;
        for (auto const& t : tokens)
            is_key = is_key || key_terms.count(analyzer.stem(t, lang)) > 0;
        words.push_back(raw);
        key.push_back(is_key);
    }
    std::size_t best_first = 0, best_len = 0, best_keys = 0;
    for (std::size_t a = 0; a < words.size(); ++a) {
        if (!key[a])
            continue;
        std::size_t keys = 0;
        for (std::size_t b = a; b < words.size() && b < a + 8; ++b) {
            if (!key[b])
                continue;
            ++keys;
            auto const len = b - a + 1;
            if (keys > best_keys || (keys == best_keys && len < best_len)) {
                best_first = a;
                best_len = len;
                best_keys = keys;
            }
        }
    }
    if (best_keys >= 2) {
        std::string title;
        for (std::size_t w = best_first; w < best_first + best_len; ++w)
            title += (title.empty() ? "" : " ") + words[w];
        while (!title.empty() &&
               std::string_view(",.;:!?)(\"'").find(title.back()) != std::string_view::npos)
            title.pop_back();
        return capitalised(title);
    }
    std::string title;
    for (std::size_t w = 0; w < keywords.size() && w < 3; ++w)
        title += (w ? ", " : "") + (w ? keywords[w] : capitalised(keywords[w]));
    return title;
}

} // namespace tavolo::cluster::detail
