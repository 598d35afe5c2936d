#include "tavolo/live/support_rules.hpp"

#include <algorithm>

namespace tavolo::live {

using json = nlohmann::json;

std::int64_t budget_left(meeting_state const& s, std::string const& participant_id) {
    return std::max<std::int64_t>(0, s.info().settings.support_budget -
                                         s.supports_given(participant_id));
}

rule_result decide_support(meeting_state const& s, rule_context const& ctx,
                           target_message const& m) {
    auto const* c = s.find(m.id);
    auto const& info = s.info();
    auto const& me = ctx.me;
    bool const staff = is_staff(me.role);
    if (!c || (!staff && c->participant_id != me.id && !visible_to_peers(*c, info)))
        return rule_error{errc::not_found, "no such contribution"};
    if (staff)
        return rule_error{errc::forbidden, "facilitators do not give supports"};
    if (info.phase != meeting_phase::vote)
        return rule_error{errc::wrong_phase, "supports are given in the vote phase"};
    if (c->status != contribution_status::visible)
        return rule_error{errc::not_found, "no such contribution"};
    auto const mine = s.support_count(me.id, c->id);
    std::int64_t next = mine;
    if (m.action == target_action::support) {
        if (s.supports_given(me.id) >= info.settings.support_budget)
            return rule_error{errc::budget_exhausted, "you have no supports left"};
        if (mine >= info.settings.max_supports_per_contribution)
            return rule_error{errc::support_limit,
                              "you have given this contribution all the supports allowed"};
        next = mine + 1;
    } else {
        if (mine == 0)
            return rule_error{errc::no_change, "you have not supported this contribution"};
        next = mine - 1;
    }
    ruling r;
    include_author(r.change, s, me);
    r.change.supports.push_back({me.id, c->id, next});
    auto const id = c->id;
    r.make_event = [id](meeting_state const& st) {
        return event{.kind = event_kind::supports,
                     .meeting = st.info(),
                     .subject = *st.find(id),
                     .subject_supports = st.supports_of(id)};
    };
    r.make_result = [id, who = me.id](meeting_state const& st) {
        return json{{"id", id},
                    {"supports", st.supports_of(id)},
                    {"mine", st.support_count(who, id)},
                    {"budget_left", budget_left(st, who)}};
    };
    return r;
}

} // namespace tavolo::live
