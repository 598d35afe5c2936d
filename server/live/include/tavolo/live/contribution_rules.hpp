// The rules of contributions: submit, edit, withdraw, hide, restore and
// merge. Pure functions (see rules.hpp): callable from any thread, the room
// calls them on its strand with its working state. A retried submit is the
// room's concern (it knows what is still being written), not a rule's.
#pragma once

#include "tavolo/live/protocol.hpp"
#include "tavolo/live/rules.hpp"

namespace tavolo::live {

// A new contribution in the collect phase (staff may write while locked).
rule_result decide(meeting_state const& s, rule_context const& ctx, submit_message const& m);
// Its author (collect phase) or staff (any phase) changes the text.
rule_result decide(meeting_state const& s, rule_context const& ctx, edit_message const& m);
// withdraw (its author, collect phase), hide and restore (staff). Supports
// are support_rules' decide_support.
rule_result decide_status(meeting_state const& s, rule_context const& ctx, target_message const& m);
// Staff fold contributions into one; supports add up, capped per participant.
rule_result decide(meeting_state const& s, rule_context const& ctx, merge_message const& m);

// The event and the reply for a change to one contribution.
event contribution_event(meeting_state const& s, std::string const& id);

} // namespace tavolo::live
