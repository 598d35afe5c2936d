// The groups a facilitator fixed (cluster_options::anchors) in a clustering
// run (internal to tavolo::cluster): the free texts are grouped among
// themselves, then a free group that continues a fixed one, and a free text
// left alone that resembles one, are drawn to it. Pure functions, any
// thread; deterministic for the same input.
#pragma once

#include "features.hpp"
#include "grouping.hpp"

#include "tavolo/cluster/engine.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace tavolo::cluster::detail {

// Whether options.anchors fixes any of `n` texts in a group.
bool has_anchors(cluster_options const& options, std::size_t n);

struct anchored_partition {
    partition fixed;         // per fixed group: its fixed members, then the ones drawn to it
    std::vector<int> anchor; // per fixed group: its number in options.anchors
    partition free;          // the free texts left to their own groups (singletons included)
};

// `group_free` groups the free texts, given their features alone (indexes
// into them); the result's indexes are into `f`.
anchored_partition anchored_groups(features const& f, cluster_options const& options,
                                   std::function<partition(features const&)> const& group_free);

} // namespace tavolo::cluster::detail
