// The rules of running a meeting: its phase, settings, question, reveal,
// timer and lock, removing a participant, and what a coordinator changes from outside
// the meeting (phase, facilitator link). Pure functions (see rules.hpp):
// callable from any thread, the room calls them on its strand with its
// working state. Closing a removed member's connection is the room's.
#pragma once

#include "tavolo/live/protocol.hpp"
#include "tavolo/live/rules.hpp"

#include <optional>

namespace tavolo::live {

rule_result decide(meeting_state const& s, rule_context const& ctx, phase_message const& m);
rule_result decide(meeting_state const& s, rule_context const& ctx, lock_message const& m);
// Settings are chosen in the lobby.
rule_result decide(meeting_state const& s, rule_context const& ctx, configure_message const& m);
// The question everyone sees: set in the lobby and while collecting.
rule_result decide(meeting_state const& s, rule_context const& ctx, question_message const& m);
// Private writing: shows every contribution to everyone.
rule_result decide(meeting_state const& s, rule_context const& ctx, reveal_message const& m);
rule_result decide(meeting_state const& s, rule_context const& ctx, timer_message const& m);

// Removes `target` (looked up by the room among everyone who joined; null
// when unknown). Staff cannot be removed.
rule_result remove_participant(rule_context const& ctx, participant const* target);

// The community's published plan as the store now has it: a meeting event
// when the meeting is closed (the only phase that shows it) and it is not the
// one the meeting shows, nullopt otherwise.
std::optional<ruling> published_plan_reloaded(meeting_state const& s,
                                              std::optional<published_plan_ref> found);

// A coordinator opens or closes the meeting, or replaces its facilitator
// link (the new secret's hash), through the HTTP API.
rule_result change_from_outside(meeting_state const& s, std::optional<meeting_phase> phase,
                                std::optional<std::string> const& facilitator_hash);

} // namespace tavolo::live
