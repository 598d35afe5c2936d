#include "tavolo/live/working_groups.hpp"

#include <algorithm>

namespace tavolo::live {

plan_item const* find_item(std::vector<plan_item> const& plan, std::string_view objective_id) {
    auto const it = std::find_if(plan.begin(), plan.end(), [&](plan_item const& i) {
        return i.objective_id == objective_id;
    });
    return it == plan.end() ? nullptr : &*it;
}

group_member const* find_member(plan_item const& item, std::string_view name,
                                std::string_view organization) {
    auto const it = std::find_if(item.members.begin(), item.members.end(), [&](auto const& m) {
        return m.name == name && m.organization == organization;
    });
    return it == item.members.end() ? nullptr : &*it;
}

void apply(std::vector<plan_item>& plan, group_change const& change) {
    auto const it = std::find_if(plan.begin(), plan.end(), [&](plan_item const& i) {
        return i.objective_id == change.objective_id;
    });
    if (it == plan.end())
        return;
    auto& item = *it;
    auto const same = [&](group_member const& m) {
        return m.name == change.member.name && m.organization == change.member.organization;
    };
    switch (change.what) {
    case group_change::action::join:
        if (std::none_of(item.members.begin(), item.members.end(), same))
            item.members.push_back(change.member);
        break;
    case group_change::action::leave:
        std::erase_if(item.members, same);
        break;
    case group_change::action::status:
        item.group_status = change.status;
        item.start_date = change.status == group_status::enabled ? change.start_date : "";
        for (auto& m : item.members)
            m.confirmed = change.status != group_status::forming;
        break;
    }
}

} // namespace tavolo::live
