// What the live module needs from a store: meetings to restore at start-up
// and durable writes with a completion. The app adapts store::plan_store to it.
#pragma once

#include "tavolo/live/model.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tavolo::live {

class persistence {
public:
    // Called once the write is durable (nullopt) or has failed (a reason for
    // the log). Runs on the store's own thread: post back to your executor.
    using completion = std::function<void(std::optional<std::string> error)>;

    virtual ~persistence() = default;

    // Every meeting that is not closed, with its contributions. Blocking; call
    // before serving.
    virtual std::vector<meeting_snapshot> load_live_meetings() = 0;

    virtual void save_participant(participant const& p, completion done) = 0;
    virtual void save_contribution(contribution const& c, completion done) = 0;
};

} // namespace tavolo::live
