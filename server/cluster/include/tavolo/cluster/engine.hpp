// Groups a meeting's contributions into candidate objectives. The texts are
// analyzed (stop words, stems), weighted with TF-IDF, compared by cosine
// similarity and grouped by average-linkage agglomerative clustering; the
// number of groups is chosen by the best mean silhouette unless given.
// Deterministic for the same input. Pure computation: callable from any
// thread, each call with its own analyzer.
#pragma once

#include "tavolo/cluster/language.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tavolo::cluster {

struct cluster_options {
    std::optional<language> lang; // nullopt: detected per text
    std::optional<std::size_t> k; // nullopt: chosen automatically
    std::size_t max_groups = 40;  // automatic choice looks at 2..max_groups
    double min_cohesion = 0.02;   // members less similar to their group stay ungrouped
};

struct group {
    std::string title;                 // a few keywords, readable, in the texts' words
    std::vector<std::string> keywords; // the words that most set the group apart
    std::vector<std::size_t> members;  // indexes into the input
    double cohesion = 0;               // mean similarity between members, 0..1
};

struct clustering {
    std::vector<int> assignment; // per input: its group's index, or -1 when ungrouped
    std::vector<group> groups;
};

clustering cluster_texts(std::vector<std::string> const& texts,
                         cluster_options const& options = {});

} // namespace tavolo::cluster
