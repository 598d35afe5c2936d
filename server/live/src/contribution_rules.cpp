#include "tavolo/live/contribution_rules.hpp"

#include <algorithm>

namespace tavolo::live {
namespace {

using json = nlohmann::json;

// The ruling for a change to one contribution, replied with its status.
ruling change_contribution(meeting_change change, contribution updated) {
    auto const id = updated.id;
    change.contributions.push_back(std::move(updated));
    return ruling{
        .change = std::move(change),
        .make_event = [id](meeting_state const& s) { return contribution_event(s, id); },
        .make_result =
            [id](meeting_state const& s) {
                return json{{"id", id}, {"status", to_string(s.find(id)->status)}};
            },
    };
}

} // namespace

event contribution_event(meeting_state const& s, std::string const& id) {
    return event{.kind = event_kind::contribution,
                 .meeting = s.info(),
                 .subject = *s.find(id),
                 .subject_supports = s.supports_of(id)};
}

rule_result decide(meeting_state const& s, rule_context const& ctx, submit_message const& m) {
    auto const& info = s.info();
    if (info.phase != meeting_phase::collect)
        return rule_error{errc::wrong_phase, "contributions are sent in the collect phase"};
    if (info.locked && !is_staff(ctx.me.role))
        return rule_error{errc::submissions_locked, "the facilitator has locked submissions"};
    ruling r;
    include_author(r.change, s, ctx.me);
    contribution c;
    c.id = m.id;
    c.meeting_id = info.id;
    c.seq = ctx.seq; // the event that creates it
    c.kind = m.kind;
    c.text = m.text;
    c.participant_id = ctx.me.id;
    c.author_name = ctx.me.name;
    c.author_organization = ctx.me.organization;
    c.created_at_ms = ctx.now_ms;
    r.change.contributions.push_back(std::move(c));
    auto const id = m.id;
    r.make_event = [id](meeting_state const& st) { return contribution_event(st, id); };
    r.make_result = [id](meeting_state const& st) {
        return json{{"id", id}, {"seq", st.find(id)->seq}};
    };
    return r;
}

rule_result decide(meeting_state const& s, rule_context const& ctx, edit_message const& m) {
    auto const* c = s.find(m.id);
    if (!c || c->status == contribution_status::withdrawn ||
        c->status == contribution_status::merged)
        return rule_error{errc::not_found, "no such contribution"};
    if (!is_staff(ctx.me.role)) {
        if (c->participant_id != ctx.me.id)
            return rule_error{errc::forbidden, "only its author or a facilitator may edit it"};
        if (s.info().phase != meeting_phase::collect)
            return rule_error{errc::wrong_phase, "contributions are edited in the collect phase"};
    }
    if (c->text == m.text)
        return rule_error{errc::no_change, "the text is the same"};
    meeting_change change;
    change.edits.push_back({c->id, c->text, m.text, ctx.me.id, ctx.now_ms});
    include_author(change, s, ctx.me);
    contribution updated = *c;
    updated.text = m.text;
    updated.edited = true;
    return change_contribution(std::move(change), std::move(updated));
}

rule_result decide_status(meeting_state const& s, rule_context const& ctx,
                          target_message const& m) {
    auto const* c = s.find(m.id);
    auto const& info = s.info();
    bool const staff = is_staff(ctx.me.role);
    if (!c || (!staff && c->participant_id != ctx.me.id && !visible_to_peers(*c, info)))
        return rule_error{errc::not_found, "no such contribution"};
    contribution updated = *c;
    if (m.action == target_action::withdraw) {
        if (c->participant_id != ctx.me.id)
            return rule_error{errc::forbidden, "only its author may withdraw a contribution"};
        if (info.phase != meeting_phase::collect)
            return rule_error{errc::wrong_phase,
                              "contributions are withdrawn in the collect phase"};
        if (c->status != contribution_status::visible)
            return rule_error{errc::no_change, "the contribution is not visible"};
        updated.status = contribution_status::withdrawn;
    } else {
        if (!staff)
            return rule_error{errc::forbidden, "only a facilitator may hide or restore"};
        bool const hide = m.action == target_action::hide;
        auto const from = hide ? contribution_status::visible : contribution_status::hidden;
        if (c->status != from)
            return rule_error{errc::no_change, std::string("the contribution is ") +
                                                   std::string(to_string(c->status))};
        updated.status = hide ? contribution_status::hidden : contribution_status::visible;
    }
    return change_contribution({}, std::move(updated));
}

rule_result decide(meeting_state const& s, rule_context const& ctx, merge_message const& m) {
    if (!is_staff(ctx.me.role))
        return rule_error{errc::forbidden, "only a facilitator may merge contributions"};
    auto const usable = [](contribution const* c) {
        return c && (c->status == contribution_status::visible ||
                     c->status == contribution_status::hidden);
    };
    auto const* keep = s.find(m.keep);
    if (!usable(keep))
        return rule_error{errc::not_found, "no contribution '" + m.keep + "' to keep"};
    std::vector<contribution const*> merged;
    for (auto const& id : m.ids) {
        auto const* c = s.find(id);
        if (id == m.keep || !usable(c))
            return rule_error{errc::not_found, "no contribution '" + id + "' to merge"};
        if (std::find(merged.begin(), merged.end(), c) == merged.end())
            merged.push_back(c);
    }
    ruling r;
    // Supports are added up, but no participant counts twice beyond what one
    // contribution may receive from them; the excess goes back to their budget.
    auto const cap = s.info().settings.max_supports_per_contribution;
    std::map<std::string, std::int64_t> totals = s.supporters_of(keep->id);
    for (auto const* c : merged)
        for (auto const& [who, n] : s.supporters_of(c->id)) {
            totals[who] += n;
            r.change.supports.push_back({who, c->id, 0});
        }
    for (auto const& [who, n] : totals)
        r.change.supports.push_back({who, keep->id, std::min(n, cap)});
    std::vector<std::string> ids;
    for (auto const* c : merged) {
        contribution updated = *c;
        updated.status = contribution_status::merged;
        updated.merged_into = keep->id;
        ids.push_back(c->id);
        r.change.contributions.push_back(std::move(updated));
    }
    r.make_event = [keep = keep->id, ids](meeting_state const& st) {
        return event{.kind = event_kind::merge,
                     .meeting = st.info(),
                     .subject = *st.find(keep),
                     .subject_supports = st.supports_of(keep),
                     .ids = ids};
    };
    r.make_result = [keep = keep->id, ids](meeting_state const& st) {
        return json{{"keep", keep}, {"merged", ids}, {"supports", st.supports_of(keep)}};
    };
    return r;
}

} // namespace tavolo::live
