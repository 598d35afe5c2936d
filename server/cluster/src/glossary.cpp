#include "glossary.hpp"

#include "tavolo/cluster/text_analysis.hpp"

#include <algorithm>
#include <map>
#include <memory>

namespace tavolo::cluster::detail {

extern char const glossary_it_tsv[]; // glossary_data.cpp, made by CMake from the TSV

namespace {

struct form {
    std::vector<std::string> tokens;
    std::size_t entry;
};

struct glossary {
    std::vector<glossary_entry> entries;
    std::map<std::string, std::vector<form>, std::less<>> by_first; // longest first
    std::map<std::string, std::size_t, std::less<>> by_acronym;
    std::size_t longest = 0;
};

std::vector<std::string_view> fields(std::string_view line) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        auto const tab = line.find('\t', start);
        out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
        if (tab == std::string_view::npos)
            return out;
        start = tab + 1;
    }
}

std::unique_ptr<glossary> load() {
    auto g = std::make_unique<glossary>();
    std::string_view text = glossary_it_tsv;
    while (!text.empty()) {
        auto const end = text.find('\n');
        auto const line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (line.empty() || line.front() == '#')
            continue;
        auto const f = fields(line);
        if (f.size() < 2)
            continue;
        auto const id = g->entries.size();
        glossary_entry e;
        for (auto const& t : tokenize(f[0]))
            e.term += t;
        e.spelling = std::string(f[1].empty() ? f[0] : f[1]);
        g->by_acronym.emplace(e.term, id);
        g->longest = std::max(g->longest, e.term.size());
        if (f.size() > 3)
            for (auto const& t : tokenize(f[3])) {
                if (!e.family.empty())
                    e.family += ' ';
                e.family += t;
            }
        g->entries.push_back(std::move(e));
        std::vector<std::string_view> spellings{f[0], f[1]};
        if (f.size() > 2)
            for (std::size_t start = 0; start <= f[2].size();) {
                auto const bar = f[2].find('|', start);
                spellings.push_back(
                    f[2].substr(start, bar == std::string_view::npos ? bar : bar - start));
                if (bar == std::string_view::npos)
                    break;
                start = bar + 1;
            }
        for (auto const s : spellings) {
            auto tokens = tokenize(s);
            if (tokens.empty())
                continue;
            auto& list = g->by_first[tokens.front()];
            if (std::none_of(list.begin(), list.end(),
                             [&](form const& x) { return x.tokens == tokens; }))
                list.push_back({std::move(tokens), id});
        }
    }
    for (auto& [first, list] : g->by_first)
        std::stable_sort(list.begin(), list.end(), [](form const& a, form const& b) {
            return a.tokens.size() > b.tokens.size();
        });
    return g;
}

glossary const& the_glossary() {
    static auto const g = load();
    return *g;
}

} // namespace

glossary_match match_glossary(std::vector<std::string> const& tokens, std::size_t at) {
    auto const& g = the_glossary();
    auto const it = g.by_first.find(tokens[at]);
    if (it == g.by_first.end())
        return {};
    for (auto const& f : it->second) {
        if (at + f.tokens.size() > tokens.size())
            continue;
        if (std::equal(f.tokens.begin(), f.tokens.end(), tokens.begin() + at))
            return {&g.entries[f.entry], f.tokens.size()};
    }
    return {};
}

glossary_entry const* glossary_acronym(std::string_view term) {
    auto const& g = the_glossary();
    auto const it = g.by_acronym.find(term);
    return it == g.by_acronym.end() ? nullptr : &g.entries[it->second];
}

std::size_t glossary_longest_acronym() {
    return the_glossary().longest;
}

std::size_t glossary_size() {
    return the_glossary().entries.size();
}

} // namespace tavolo::cluster::detail
