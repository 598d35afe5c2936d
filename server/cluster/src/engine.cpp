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

// The language most of `kept` is written in (Italian on a tie).
language main_language(detail::features const& f, std::vector<std::size_t> const& kept) {
    std::size_t english = 0;
    for (auto i : kept)
        english += f.analyzed[i].lang == language::en ? 1 : 0;
    return 2 * english > kept.size() ? language::en : language::it;
}

// A term of a group: how many members use it, its summed weight, and how
// near its meaning is to the group's (with word vectors).
struct term_use {
    int members = 0;
    double weight = 0;
    double nearness = 0;
};

std::map<std::uint32_t, term_use> terms_of(detail::features const& f,
                                           std::vector<std::size_t> const& kept,
                                           detail::centroid const& sum,
                                           cluster_options const& options) {
    std::map<std::uint32_t, term_use> found;
    for (auto i : kept)
        for (auto const& [term, w] : f.sparse[i]) {
            if (term >= f.words)
                break; // concepts come after the words
            ++found[term].members;
            found[term].weight += w;
        }
    auto const meaning = f.dim ? detail::length(sum.dense.data(), f.dim) : 0.0;
    if (options.vectors && meaning > 0)
        for (auto& [term, use] : found) {
            auto const& word = f.forms[term].begin()->first;
            auto const e =
                options.vectors->find(word, f.term_names[term], f.analyzed[kept[0]].lang);
            if (!e.vector.empty())
                use.nearness = dense_dot(e.vector.data(), sum.dense.data(), f.dim) / meaning;
        }
    return found;
}

// How much each of the group's words belongs to it (see word_standing): the
// share of the meeting's texts using it that are members, and its nearness
// to the group's meaning relative to the nearest word's.
detail::standings standing_of(detail::features const& f,
                              std::map<std::uint32_t, term_use> const& found) {
    std::vector<int> users(f.words, 0);
    for (auto const& terms : f.sparse)
        for (auto const& [term, w] : terms)
            if (term < f.words) // concepts come after the words
                ++users[term];
    double nearest = 0;
    for (auto const& [term, use] : found)
        nearest = std::max(nearest, use.nearness);
    detail::standings out;
    for (auto const& [term, use] : found)
        for (auto const& [form, count] : f.forms[term]) {
            auto& s = out.try_emplace(form, detail::word_standing{0, 0, f.term_names[term]})
                          .first->second;
            s.specificity = std::max(s.specificity,
                                     static_cast<double>(use.members) / std::max(1, users[term]));
            if (nearest > 0)
                s.centrality = std::max(s.centrality, std::max(0.0, use.nearness) / nearest);
        }
    return out;
}

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
    auto const found = terms_of(f, kept, sum, options);
    std::vector<std::pair<double, std::uint32_t>> ranked;
    for (auto const& [term, use] : found)
        ranked.emplace_back(-(use.members + 0.1 * use.weight + use.nearness), term);
    std::sort(ranked.begin(), ranked.end());
    // The title, and the keywords as the group writes them ("SPID", not
    // "spid"): the most frequent word behind each stem, which reads better
    // than the stem.
    std::vector<std::string> folded_keywords;
    for (std::size_t r = 0; r < ranked.size() && folded_keywords.size() < 5; ++r) {
        auto const& forms = f.forms[ranked[r].second];
        folded_keywords.push_back(
            std::max_element(forms.begin(), forms.end(), [](auto& x, auto& y) {
                return x.second < y.second;
            })->first);
    }
    if (folded_keywords.empty())
        return g;
    // The title comes from the members nearest the group's centre: they
    // speak for it, and a large group costs no more than a meeting's.
    constexpr std::size_t title_members = 20;
    std::vector<std::pair<float, std::size_t>> central;
    for (auto i : kept)
        central.emplace_back(-dot(f, i, sum), i);
    std::sort(central.begin(), central.end());
    central.resize(std::min(central.size(), title_members));
    std::vector<std::string_view> member_texts;
    for (auto const& [closeness, i] : central)
        member_texts.push_back(texts[i]);
    auto titled = title_of(analyzer, member_texts, main_language(f, kept), standing_of(f, found),
                           folded_keywords);
    g.title = std::move(titled.title);
    g.keywords = std::move(titled.keywords);
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
