// The rules of voting: a participant gives or takes back one support of a
// contribution in the vote phase, within the meeting's budget and its limit
// per contribution. Pure functions (see rules.hpp): callable from any
// thread, the room calls them on its strand with its working state.
#pragma once

#include "tavolo/live/protocol.hpp"
#include "tavolo/live/rules.hpp"

namespace tavolo::live {

// support and unsupport (m.action); other actions are contribution_rules'.
rule_result decide_support(meeting_state const& s, rule_context const& ctx,
                           target_message const& m);

// Supports a participant may still give.
std::int64_t budget_left(meeting_state const& s, std::string const& participant_id);

} // namespace tavolo::live
