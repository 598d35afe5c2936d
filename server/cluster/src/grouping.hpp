// The two ways cluster_texts splits a meeting's texts into groups (internal to
// tavolo::cluster). Pure functions, any thread; deterministic for the same input.
#pragma once

#include "features.hpp"

#include "tavolo/cluster/engine.hpp"

#include <cstddef>
#include <vector>

namespace tavolo::cluster::detail {

using partition = std::vector<std::vector<std::size_t>>;

// Meeting-sized inputs: each text linked to its nearest neighbours, the groups
// found by Louvain modularity (at the resolution that gives options.k, if set).
partition graph_groups(features const& f, cluster_options const& options);

// Larger inputs: spherical k-means, the number of groups options.k or else
// the one with the best mean silhouette on a sample.
partition kmeans_groups(features const& f, cluster_options const& options);

} // namespace tavolo::cluster::detail
