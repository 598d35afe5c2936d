// cluster_texts: the texts described as features (features.cpp), grouped by
// the neighbour graph (graph_grouping.cpp) or k-means (kmeans_grouping.cpp),
// then each group kept to its cohesive members, its keywords ranked and its
// title chosen (titles.cpp).
#include "tavolo/cluster/engine.hpp"

#include "tavolo/cluster/text_analyzer.hpp"
#include "tavolo/cluster/word_vectors.hpp"

#include "anchors.hpp"
#include "features.hpp"
#include "grouping.hpp"
#include "titles.hpp"
#include "vector_math.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

namespace tavolo::cluster {

using detail::dense_dot;
using detail::describe;
using detail::dot;
using detail::graph_groups;
using detail::group_sums;
using detail::kmeans_groups;
using detail::partition;
using detail::similarity;
using detail::title_of;

namespace {

// `kept` as one group: its cohesion, the keywords that most set it apart and
// its title.
group summary_of(text_analyzer& analyzer, std::vector<std::string> const& texts,
                 detail::features const& f, std::vector<std::size_t> const& kept,
                 cluster_options const& options) {
    group g;
    g.members = kept;
    std::vector<std::uint32_t> zero(kept.size(), 0);
    auto const sum = group_sums(f, kept, zero, 1).front();
    double pair_sum = 0;
    for (auto i : kept)
        pair_sum += static_cast<double>(dot(f, i, sum)) - similarity(f, i, i);
    g.cohesion =
        kept.size() < 2
            ? 1.0
            : std::clamp(pair_sum / static_cast<double>(kept.size() * (kept.size() - 1)), 0.0, 1.0);
    // Keywords: the terms most members use; among those, the ones
    // nearest the group's meaning (with word vectors), then the ones
    // with the most weight.
    std::map<std::uint32_t, std::pair<int, double>> found; // term -> (members, weight)
    for (auto i : kept)
        for (auto const& [term, w] : f.sparse[i]) {
            if (term >= f.words)
                break; // concepts come after the words
            ++found[term].first;
            found[term].second += w;
        }
    std::vector<std::pair<double, std::uint32_t>> ranked;
    auto const meaning = f.dim ? detail::length(sum.dense.data(), f.dim) : 0.0;
    for (auto const& [term, use] : found) {
        double score = use.first + 0.1 * use.second;
        if (options.vectors && meaning > 0) {
            auto const& word = f.forms[term].begin()->first;
            auto const e =
                options.vectors->find(word, f.term_names[term], f.analyzed[kept[0]].lang);
            if (!e.vector.empty())
                score += dense_dot(e.vector.data(), sum.dense.data(), f.dim) / meaning;
        }
        ranked.emplace_back(-score, term);
    }
    std::sort(ranked.begin(), ranked.end());
    std::set<std::string> key_terms;
    for (std::size_t r = 0; r < ranked.size() && g.keywords.size() < 5; ++r) {
        // The most frequent word behind the stem reads better than the stem.
        auto const& forms = f.forms[ranked[r].second];
        auto const word = std::max_element(forms.begin(), forms.end(), [](auto& x, auto& y) {
                              return x.second < y.second;
                          })->first;
        g.keywords.push_back(word);
        if (key_terms.size() < 4)
            key_terms.insert(f.term_names[ranked[r].second]);
    }
    // The member most similar to the rest speaks for the group.
    auto representative = kept.front();
    double top = -1e9;
    for (auto i : kept) {
        auto const s = static_cast<double>(dot(f, i, sum));
        if (s > top + 1e-9) {
            top = s;
            representative = i;
        }
    }
    if (!g.keywords.empty())
        g.title = title_of(analyzer, texts[representative], f.analyzed[representative].lang,
                           key_terms, g.keywords);
    return g;
}

} // namespace

clustering cluster_texts(std::vector<std::string> const& texts, cluster_options const& options) {
    clustering out;
    auto const n = texts.size();
    out.assignment.assign(n, -1);
    if (n == 0)
        return out;
    text_analyzer analyzer;
    auto const f = describe(analyzer, texts, options);
    auto const group_all = [&options](detail::features const& g) -> partition {
        if (g.n < 2)
            return g.n ? partition{{0}} : partition{};
        return g.n <= options.graph_limit ? graph_groups(g, options) : kmeans_groups(g, options);
    };
    partition parts;
    if (!detail::has_anchors(options, n)) {
        parts = group_all(f);
    } else {
        // Groups a facilitator fixed come first, whole, with what they drew.
        auto anchored = detail::anchored_groups(f, options, group_all);
        parts = std::move(anchored.free);
        for (std::size_t a = 0; a < anchored.fixed.size(); ++a) {
            for (auto i : anchored.fixed[a])
                out.assignment[i] = static_cast<int>(out.groups.size());
            out.groups.push_back(summary_of(analyzer, texts, f, anchored.fixed[a], options));
            out.groups.back().anchor = anchored.anchor[a];
        }
    }

    // Groups of one, and members that do not fit their group, stay ungrouped.
    for (auto const& members : parts) {
        if (members.size() < 2)
            continue;
        std::vector<std::uint32_t> zero(members.size(), 0);
        auto const sum = group_sums(f, members, zero, 1).front();
        // A member fits when it is about as close to the others as they
        // are to each other (a share of the group's mean), and above the
        // floor.
        std::vector<double> own(members.size());
        double mean = 0;
        for (std::size_t k = 0; k < members.size(); ++k) {
            auto const i = members[k];
            own[k] = (static_cast<double>(dot(f, i, sum)) - similarity(f, i, i)) /
                     static_cast<double>(members.size() - 1);
            mean += own[k] / static_cast<double>(members.size());
        }
        std::vector<std::size_t> kept;
        for (std::size_t k = 0; k < members.size(); ++k)
            if (own[k] >= std::max(options.min_cohesion, options.min_fit * mean))
                kept.push_back(members[k]);
        if (kept.size() < 2)
            continue;
        auto const id = static_cast<int>(out.groups.size());
        for (auto i : kept)
            out.assignment[i] = id;
        out.groups.push_back(summary_of(analyzer, texts, f, kept, options));
    }
    return out;
}

group summarize_group(std::vector<std::string> const& texts, cluster_options const& options) {
    if (texts.empty())
        return {};
    text_analyzer analyzer;
    auto const f = describe(analyzer, texts, options);
    std::vector<std::size_t> all(texts.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = i;
    return summary_of(analyzer, texts, f, all, options);
}

} // namespace tavolo::cluster
