// What a member gets when they join: the meeting as they may see it (the
// join's ack result). Pure functions over a meeting_state, callable from any
// thread; the room calls them on its strand with its durable state.
#pragma once

#include "tavolo/live/meeting_state.hpp"
#include "tavolo/live/protocol.hpp"

#include <nlohmann/json.hpp>

namespace tavolo::live {

// "you": who they are, their supports and the budget they have left.
nlohmann::json you_json(meeting_state const& s, participant const& me);

// Every limit the server checks a message against (`messages` as this
// server is configured, and the fixed ranges of protocol.hpp), so that a
// page checks its input before sending without a copy of them.
nlohmann::json limits_json(message_limits const& messages);

// The welcome without its contributions: meeting, you, seq, board, limits,
// and the plan of a follow-up meeting.
nlohmann::json welcome_json(meeting_state const& s, participant const& me, std::int64_t now_ms,
                            message_limits const& messages);

// The contributions `me` may see, each as they see it: staff see all (their
// own marked "mine"), a participant their own and what peers may see.
nlohmann::json contributions_seen_by(meeting_state const& s, participant const& me);

} // namespace tavolo::live
