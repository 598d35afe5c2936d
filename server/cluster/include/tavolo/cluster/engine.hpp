// Groups a meeting's contributions into candidate objectives.
//
// Each text becomes one unit vector that mixes what its words mean (word
// vectors trained outside the meeting, averaged with smooth inverse frequency
// weights) with which words it uses (TF-IDF over Snowball stems, words common
// in the corpus weighing less) and which of the vocabulary's concepts it
// names (groups of related words made from the word vectors, so that
// "autobus" and "ZTL" meet even where the average of all of a text's words
// blurs them). Meeting-sized inputs are grouped as a graph:
// each text linked to its nearest neighbours, communities found by Louvain
// modularity, which chooses the number of groups itself. Larger inputs, where
// a full neighbour search would be quadratic, are grouped by spherical
// k-means with the number of groups chosen by the mean silhouette on a
// sample. Texts that fit no group stay ungrouped.
//
// Deterministic for the same input. Pure computation: callable from any
// thread, each call with its own analyzer; the word vectors are shared
// read-only.
#pragma once

#include "tavolo/cluster/language.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tavolo::cluster {

class word_vectors;

struct cluster_options {
    std::optional<language> lang; // nullopt: detected per text
    std::optional<std::size_t> k; // nullopt: chosen automatically
    std::size_t max_groups = 40;  // the k-means path looks at 2..max_groups
    double min_cohesion = 0.02;   // members less similar to their group stay ungrouped
    double min_fit = 0.25; // ... as do members less similar than this share of the group's mean
    word_vectors const* vectors = nullptr; // optional: meaning from outside the meeting
    double vector_weight = 0.8;            // share of the word vectors in the similarity
    double concept_weight = 0.3;           // share of the concepts (the rest as above)
    double resolution = 2.5;               // Louvain: higher makes more, smaller groups
    std::size_t graph_limit = 3000;        // above this many texts: k-means
    double max_group_share = 0.35;         // larger groups are split unless of one topic
    // Per input, empty or one per text: the group a facilitator fixed the
    // text in (0, 1, ...), or -1 for a free text. Fixed texts stay in their
    // group; free texts close to a fixed group are drawn to it.
    std::vector<int> anchors;
};

struct group {
    std::string title;                 // a short noun phrase from the members' texts
    std::vector<std::string> keywords; // the words that most set the group apart, as written
    std::vector<std::size_t> members;  // indexes into the input
    double cohesion = 0;               // mean similarity between members, 0..1
    int anchor = -1;                   // the fixed group it continues (see anchors), or -1
};

struct clustering {
    std::vector<int> assignment; // per input: its group's index, or -1 when ungrouped
    std::vector<group> groups;
};

clustering cluster_texts(std::vector<std::string> const& texts,
                         cluster_options const& options = {});

// `texts` as one group, all of them members: its title, keywords and
// cohesion (1 for a single text). For a group a facilitator changed.
group summarize_group(std::vector<std::string> const& texts, cluster_options const& options = {});

} // namespace tavolo::cluster
