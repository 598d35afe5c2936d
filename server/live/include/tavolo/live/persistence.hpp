// What the live module needs from a store: meetings to restore at start-up and
// durable writes with a completion. The app adapts store::plan_store to it.
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
    // Completions come in the order of the calls to save().
    using completion = std::function<void(std::optional<std::string> error)>;

    virtual ~persistence() = default;

    // Every meeting to serve, with its contributions, participants and
    // supports. Blocking; call before serving.
    virtual std::vector<meeting_snapshot> load_meetings() = 0;

    // Writes one change as a unit (all of it or none of it).
    virtual void save(meeting_change const& change, completion done) = 0;

    // Follow-up meetings: the plan to present as the store has it after every
    // change saved before this call (nullopt: the read failed, logged). Runs
    // `done` on the store's own thread, after the completions of those saves.
    using plan_loaded = std::function<void(std::optional<std::vector<plan_item>> plan)>;
    virtual void load_plan(std::int64_t meeting_id, plan_loaded done) = 0;

    // The newest published version of the meeting's community plan for the
    // meeting's year (nullopt: none yet), as the store has it after every
    // change saved before this call. Runs `done` on the store's own thread;
    // a read that fails is logged and `done` is not called.
    using published_loaded = std::function<void(std::optional<published_plan_ref> plan)>;
    virtual void load_published_plan(std::int64_t meeting_id, published_loaded done) = 0;
};

} // namespace tavolo::live
