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

json welcome_json(meeting_state const& s, participant const& me, std::int64_t now_ms) {
    json result{{"meeting", meeting_json(s.info(), now_ms)},
                {"you", you_json(s, me)},
                {"seq", s.last_seq()},
                {"board", board_json(s.board())}};
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
