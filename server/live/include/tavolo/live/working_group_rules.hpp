// The rules of a follow-up meeting's working groups as messages:
// volunteering and unvolunteering (participants, plan phase, forming
// groups), and staff removing a member or setting a group's status; and the
// plan read again from the store. Applying a group_change is
// working_groups'. Pure functions (see rules.hpp): callable from any thread,
// the room calls them on its strand with its working state.
#pragma once

#include "tavolo/live/protocol.hpp"
#include "tavolo/live/rules.hpp"

#include <optional>
#include <vector>

namespace tavolo::live {

rule_result decide(meeting_state const& s, rule_context const& ctx, volunteer_message const& m);
rule_result decide(meeting_state const& s, rule_context const& ctx,
                   working_group_remove_message const& m);
rule_result decide(meeting_state const& s, rule_context const& ctx,
                   working_group_status_message const& m);

// The plan the store now has, with the group changes still being written
// laid on top: a change presenting it, or nullopt when it is the one
// presented already.
std::optional<ruling> plan_reloaded(meeting_state const& s, std::vector<plan_item> loaded,
                                    std::vector<group_change> const& unsaved);

} // namespace tavolo::live
