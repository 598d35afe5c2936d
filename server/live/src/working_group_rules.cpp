#include "tavolo/live/working_group_rules.hpp"

#include "tavolo/live/working_groups.hpp"

namespace tavolo::live {
namespace {

using json = nlohmann::json;

// The objective's item, when the meeting presents a plan and the objective
// in it needs a working group.
std::variant<plan_item const*, rule_error> group_of(meeting_state const& s,
                                                    std::string const& objective_id) {
    if (s.info().kind != meeting_kind::followup)
        return rule_error{errc::not_found, "this meeting presents no plan"};
    auto const* item = find_item(s.plan(), objective_id);
    if (!item)
        return rule_error{errc::not_found, "no objective '" + objective_id + "' in this plan"};
    if (!item->needs_working_group)
        return rule_error{errc::no_working_group,
                          "objective '" + objective_id + "' does not need a working group"};
    return item;
}

// The ruling for one group change, announced and replied with the group.
ruling change_group(meeting_state const& s, participant const& me, group_change change) {
    ruling r;
    include_author(r.change, s, me);
    auto const objective_id = change.objective_id;
    r.change.groups.push_back(std::move(change));
    r.make_event = [objective_id](meeting_state const& st) {
        return event{.kind = event_kind::working_group,
                     .meeting = st.info(),
                     .item =
                         std::make_shared<plan_item const>(*find_item(st.plan(), objective_id))};
    };
    r.make_result = [objective_id](meeting_state const& st) {
        return plan_item_json(*find_item(st.plan(), objective_id));
    };
    return r;
}

} // namespace

rule_result decide(meeting_state const& s, rule_context const& ctx, volunteer_message const& m) {
    auto const found = group_of(s, m.objective);
    if (auto const* e = std::get_if<rule_error>(&found))
        return *e;
    auto const& item = *std::get<plan_item const*>(found);
    auto const& me = ctx.me;
    if (s.info().phase != meeting_phase::plan)
        return rule_error{errc::wrong_phase, "volunteers sign up in the plan phase"};
    if (item.group_status != group_status::forming)
        return rule_error{errc::group_closed,
                          "this working group's composition is confirmed; ask the facilitator"};
    auto const* mine = find_member(item, me.name, me.organization);
    group_change change;
    change.objective_id = m.objective;
    if (!m.leave) {
        if (me.organization.empty())
            return rule_error{errc::forbidden, "join with the name of your body to volunteer"};
        if (mine)
            return rule_error{errc::already_member, "you are in this working group already"};
        change.what = group_change::action::join;
        change.member = {me.name, me.organization, me.id, false, ctx.now_ms};
    } else {
        if (!mine)
            return rule_error{errc::not_found, "you are not in this working group"};
        change.what = group_change::action::leave;
        change.member = *mine;
    }
    return change_group(s, me, std::move(change));
}

rule_result decide(meeting_state const& s, rule_context const& ctx,
                   working_group_remove_message const& m) {
    auto const found = group_of(s, m.objective);
    if (auto const* e = std::get_if<rule_error>(&found))
        return *e;
    if (!is_staff(ctx.me.role))
        return rule_error{errc::forbidden, "only a facilitator may change a working group"};
    auto const* member = find_member(*std::get<plan_item const*>(found), m.name, m.organization);
    if (!member)
        return rule_error{errc::not_found, "no such member in this working group"};
    group_change change;
    change.what = group_change::action::leave;
    change.objective_id = m.objective;
    change.member = *member;
    return change_group(s, ctx.me, std::move(change));
}

rule_result decide(meeting_state const& s, rule_context const& ctx,
                   working_group_status_message const& m) {
    auto const found = group_of(s, m.objective);
    if (auto const* e = std::get_if<rule_error>(&found))
        return *e;
    if (!is_staff(ctx.me.role))
        return rule_error{errc::forbidden, "only a facilitator may change a working group"};
    auto const& item = *std::get<plan_item const*>(found);
    auto const date = m.status == group_status::enabled ? m.start_date : std::string();
    if (item.group_status == m.status && item.start_date == date)
        return rule_error{errc::no_change, "the working group is so already"};
    if (m.status != group_status::forming && item.members.empty())
        return rule_error{errc::group_empty, "nobody is in this working group yet"};
    group_change change;
    change.what = group_change::action::status;
    change.objective_id = m.objective;
    change.status = m.status;
    change.start_date = date;
    return change_group(s, ctx.me, std::move(change));
}

std::optional<ruling> plan_reloaded(meeting_state const& s, std::vector<plan_item> loaded,
                                    std::vector<group_change> const& unsaved) {
    // The store read the plan after every change written before it; changes
    // still under way come after it and are laid on top again.
    for (auto const& g : unsaved)
        apply(loaded, g);
    if (loaded == s.plan())
        return std::nullopt;
    ruling r;
    r.change.plan = std::move(loaded);
    r.make_event = [](meeting_state const& st) {
        return event{.kind = event_kind::plan,
                     .meeting = st.info(),
                     .plan = std::make_shared<std::vector<plan_item> const>(st.plan())};
    };
    return r;
}

} // namespace tavolo::live
