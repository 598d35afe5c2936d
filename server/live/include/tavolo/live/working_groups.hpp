// The working groups of a follow-up meeting's plan as pure functions: finding
// an objective, and applying a group_change. The meeting room checks roles,
// phases and rules, persists the change and broadcasts the group.
#pragma once

#include "tavolo/live/model.hpp"

#include <string_view>
#include <vector>

namespace tavolo::live {

plan_item const* find_item(std::vector<plan_item> const& plan, std::string_view objective_id);

// The member with this name and body, or null.
group_member const* find_member(plan_item const& item, std::string_view name,
                                std::string_view organization);

// Applies one change; idempotent (joining twice adds one member, leaving
// twice removes one). A change to an objective not in the plan does nothing.
// A status of composed or enabled confirms every member then in the group;
// back to forming, none is confirmed. The start date is kept only while
// enabled.
void apply(std::vector<plan_item>& plan, group_change const& change);

} // namespace tavolo::live
