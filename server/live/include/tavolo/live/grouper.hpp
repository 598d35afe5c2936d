// What the live module needs from clustering: group a meeting's texts away
// from the meeting's strand. The app adapts the cluster engine to it on a
// worker pool.
#pragma once

#include "tavolo/live/cluster_board.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tavolo::live {

class grouper {
public:
    struct item {
        std::string id; // contribution id
        std::string text;
    };
    // The proposed groups (members are item ids), or nullopt when clustering
    // failed. Runs on a worker thread: post back to your executor.
    using completion = std::function<void(std::optional<std::vector<proposed_group>>)>;

    virtual ~grouper() = default;
    virtual void group(std::vector<item> items, completion done) = 0;
};

} // namespace tavolo::live
