// Where meetings live when several tavolo nodes share one store: a meeting is
// live on one node at a time. Without a host (one node) the hub serves every
// meeting from start-up; with one, it serves a meeting only once the host has
// taken it for this node (read whole from the store, as the last node left
// it), and tells the host when it lets one go.
#pragma once

#include "tavolo/live/model.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>

namespace tavolo::live {

class meeting_host {
public:
    struct taken {
        meeting_snapshot snapshot;
    };
    // Live on another node, or moving after its node stopped: ask again later.
    struct elsewhere {
        std::chrono::milliseconds retry_after{1000};
    };
    struct unknown {}; // no meeting has this join code
    using outcome = std::variant<taken, elsewhere, unknown>;

    virtual ~meeting_host() = default;

    // Takes the meeting with this join code for this node. `done` runs on
    // another thread (the store's): post back to your executor.
    virtual void take(std::string const& join_code, std::function<void(outcome)> done) = 0;
    // The hub has let the meeting go: its lease ends now.
    virtual void released(std::int64_t meeting_id) = 0;
};

} // namespace tavolo::live
