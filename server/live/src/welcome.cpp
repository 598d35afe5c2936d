#include "tavolo/live/welcome.hpp"

#include "tavolo/live/events.hpp"
#include "tavolo/live/support_rules.hpp"

namespace tavolo::live {

using json = nlohmann::json;

json you_json(meeting_state const& s, participant const& me) {
    json supports = json::object();
    for (auto const& [cid, n] : s.supports_by(me.id))
        supports[cid] = n;
    return json{{"id", me.id},
                {"name", me.name},
                {"organization", me.organization},
                {"role", to_string(me.role)},
                {"supports", std::move(supports)},
                {"budget_left", budget_left(s, me.id)}};
}

namespace {
json range_json(number_range r) {
    return json{{"min", r.min}, {"max", r.max}};
}
} // namespace

json limits_json(message_limits const& messages) {
    return json{{"max_text_chars", messages.max_text_chars},
                {"max_name_chars", messages.max_name_chars},
                {"max_organization_chars", messages.max_organization_chars},
                {"max_question_chars", core::question_rule.max_chars},
                {"max_title_chars", messages.max_title_chars},
                {"max_description_chars", messages.max_description_chars},
                {"max_id_chars", messages.max_id_chars},
                {"max_merge_ids", messages.max_merge_ids},
                {"max_split_ids", messages.max_split_ids},
                {"support_budget", range_json(support_budget_range)},
                {"max_supports_per_contribution", range_json(max_supports_range)},
                {"timer_seconds", range_json(timer_seconds_range)}};
}

json welcome_json(meeting_state const& s, participant const& me, std::int64_t now_ms,
                  message_limits const& messages) {
    json result{{"meeting", meeting_json(s.info(), now_ms)},
                {"you", you_json(s, me)},
                {"seq", s.last_seq()},
                {"board", board_json(s.board())},
                {"limits", limits_json(messages)}};
    if (s.info().kind == meeting_kind::followup)
        result["plan"] = plan_json(s.plan());
    return result;
}

json contributions_seen_by(meeting_state const& s, participant const& me) {
    json list = json::array();
    bool const staff = is_staff(me.role);
    bool const anonymous = s.info().settings.anonymous;
    for (auto const& c : s.contributions()) {
        bool const own = c.participant_id == me.id;
        auto const supports = s.supports_of(c.id);
        if (staff)
            list.push_back(contribution_json(
                c, supports, own ? audience::staff_author : audience::staff, anonymous));
        else if (own)
            list.push_back(contribution_json(c, supports, audience::author, anonymous));
        else if (visible_to_peers(c, s.info()))
            list.push_back(contribution_json(c, supports, audience::peer, anonymous));
    }
    return list;
}

} // namespace tavolo::live
