// What the live module needs from clustering: group a meeting's texts away
// from the meeting's strand, and summarize one group's texts on it. The app
// adapts the cluster engine to it on a worker pool.
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
        std::string anchor; // the board group a facilitator fixed it in, or "" when free
    };
    // The proposed groups (members are item ids), or nullopt when clustering
    // failed. A group that continues a fixed group names it in `anchor` and
    // lists its fixed items with the free ones drawn to it. Runs on a worker
    // thread: post back to your executor.
    using completion = std::function<void(std::optional<std::vector<proposed_group>>)>;

    virtual ~grouper() = default;
    virtual void group(std::vector<item> items, completion done) = 0;
    // The title, keywords and cohesion of these texts as one group, or
    // nullopt when this grouper cannot say. Called synchronously on a
    // meeting's strand (cheap for a group's few texts); any thread.
    virtual std::optional<group_summary> describe(std::vector<std::string> const& texts) {
        (void)texts;
        return std::nullopt;
    }
};

} // namespace tavolo::live
