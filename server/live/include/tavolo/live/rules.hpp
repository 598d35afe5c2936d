// What every message rule of a meeting returns: the change it decides and
// how to announce and answer it once durable, or the error to send back.
// The rules themselves live in one file per message family
// (contribution_rules, support_rules, board_rules, facilitation_rules,
// working_group_rules); meeting_room sequences, commits and sends.
//
// Rules are pure functions over a meeting_state and a message: no I/O, no
// clock, no randomness (the room passes the time and a source of fresh ids).
// Callable from any thread; the room calls them on its strand with its
// working state.
#pragma once

#include "tavolo/live/events.hpp"
#include "tavolo/live/meeting_state.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>

namespace tavolo::live {

// Who asks, and what a rule may not make up itself.
struct rule_context {
    participant const& me;
    std::int64_t seq = 0; // the seq the change gets if accepted (the room sets it)
    std::int64_t now_ms = 0;
    std::function<std::string()> new_id; // a fresh random id (a promotion's objective)
};

struct rule_error {
    std::string_view code; // one of errc
    std::string message;
};

// An accepted message. The room gives `change` its meeting id and seq
// (ctx.seq), commits it, and once durable publishes make_event's event
// (with that seq) and answers with make_result's result (null when empty).
struct ruling {
    meeting_change change;
    std::function<event(meeting_state const&)> make_event; // empty: no event
    std::function<nlohmann::json(meeting_state const&)> make_result;
};

using rule_result = std::variant<ruling, rule_error>;

// Adds `me` to the change when the store does not have them yet: a
// participant is stored with their first change.
inline void include_author(meeting_change& change, meeting_state const& s, participant const& me) {
    if (!s.find_participant(me.id))
        change.participants.push_back(me);
}

} // namespace tavolo::live
