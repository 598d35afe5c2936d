#include "search_query.hpp"

#include "tavolo/cluster/text_analysis.hpp"
#include "tavolo/cluster/text_analyzer.hpp"
#include "tavolo/core/text_checks.hpp"

#include <iterator>
#include <set>

namespace tavolo::api {
namespace {

// The stem's common prefix with the word (Snowball may change a last letter,
// as English "studies" -> "studi"), at least three bytes when the word has them.
std::string prefix_of(std::string const& word, std::string const& stem) {
    std::size_t n = 0;
    while (n < word.size() && n < stem.size() && word[n] == stem[n])
        ++n;
    // Do not cut a UTF-8 character in two.
    while (n > 0 && n < word.size() && (static_cast<unsigned char>(word[n]) & 0xC0) == 0x80)
        --n;
    if (n < 3)
        return word;
    return word.substr(0, n);
}

} // namespace

std::string fts_query(std::string_view typed) {
    cluster::text_analyzer analyzer;
    auto words = analyzer.analyze(typed, cluster::language::it).words;
    if (words.empty()) // only stop words: search them as they are
        words = cluster::tokenize(typed);
    std::string query;
    std::set<std::string> seen;
    for (auto const& word : words) {
        if (!seen.insert(word).second)
            continue;
        std::set<std::string> prefixes{prefix_of(word, analyzer.stem(word, cluster::language::it)),
                                       prefix_of(word, analyzer.stem(word, cluster::language::en))};
        // A prefix that starts with the other one finds nothing more.
        if (prefixes.size() == 2 && prefixes.rbegin()->rfind(*prefixes.begin(), 0) == 0)
            prefixes.erase(std::prev(prefixes.end()));
        std::string term;
        for (auto const& p : prefixes)
            term += (term.empty() ? "" : " OR ") + core::double_quoted(p) + "*";
        if (prefixes.size() > 1)
            term = "(" + term + ")";
        query += (query.empty() ? "" : " AND ") + term;
    }
    return query;
}

} // namespace tavolo::api
