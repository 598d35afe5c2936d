#include "tavolo/live/facilitation_rules.hpp"

namespace tavolo::live {
namespace {

using json = nlohmann::json;

std::optional<rule_error> staff_only(participant const& me) {
    if (!is_staff(me.role))
        return rule_error{errc::forbidden, "only a facilitator may do this"};
    return std::nullopt;
}

// The meeting's new state, announced as a meeting event (or revealed) and
// replied with the meeting.
ruling change_info(meeting_info info, event_kind kind = event_kind::meeting) {
    ruling r;
    r.change.info = std::move(info);
    r.make_event = [kind](meeting_state const& s) {
        event e{.kind = kind, .meeting = s.info()};
        if (kind == event_kind::revealed)
            for (auto const& c : s.contributions())
                e.contributions.emplace_back(c, s.supports_of(c.id));
        return e;
    };
    r.make_result = [](meeting_state const& s) { return meeting_json(s.info(), now_ms()); };
    return r;
}

} // namespace

rule_result decide(meeting_state const& s, rule_context const& ctx, phase_message const& m) {
    if (auto err = staff_only(ctx.me))
        return *err;
    meeting_info info = s.info();
    if (info.phase == m.phase)
        return rule_error{errc::no_change, "the meeting is in this phase already"};
    info.phase = m.phase;
    return change_info(std::move(info));
}

rule_result decide(meeting_state const& s, rule_context const& ctx, lock_message const& m) {
    if (auto err = staff_only(ctx.me))
        return *err;
    meeting_info info = s.info();
    if (info.locked == m.locked)
        return rule_error{errc::no_change, m.locked ? "submissions are locked already"
                                                    : "submissions are open already"};
    info.locked = m.locked;
    return change_info(std::move(info));
}

rule_result decide(meeting_state const& s, rule_context const& ctx, configure_message const& m) {
    if (auto err = staff_only(ctx.me))
        return *err;
    meeting_info info = s.info();
    if (info.phase != meeting_phase::lobby)
        return rule_error{errc::wrong_phase, "a meeting is configured in the lobby"};
    auto& st = info.settings;
    st.anonymous = m.anonymous.value_or(st.anonymous);
    st.private_writing = m.private_writing.value_or(st.private_writing);
    st.support_budget = m.support_budget.value_or(st.support_budget);
    st.max_supports_per_contribution =
        m.max_supports_per_contribution.value_or(st.max_supports_per_contribution);
    return change_info(std::move(info));
}

rule_result decide(meeting_state const& s, rule_context const& ctx, question_message const& m) {
    if (auto err = staff_only(ctx.me))
        return *err;
    meeting_info info = s.info();
    // Contributions answer the question asked while they were collected:
    // changing it afterwards would change what they seem to answer.
    if (info.phase != meeting_phase::lobby && info.phase != meeting_phase::collect)
        return rule_error{errc::wrong_phase,
                          "the question is set in the lobby or while collecting"};
    if (info.question == m.question)
        return rule_error{errc::no_change, "the meeting asks this question already"};
    info.question = m.question;
    return change_info(std::move(info));
}

rule_result decide(meeting_state const& s, rule_context const& ctx, reveal_message const&) {
    if (auto err = staff_only(ctx.me))
        return *err;
    meeting_info info = s.info();
    if (!info.settings.private_writing || info.revealed)
        return rule_error{errc::no_change, "there is nothing to reveal"};
    info.revealed = true;
    return change_info(std::move(info), event_kind::revealed);
}

rule_result decide(meeting_state const& s, rule_context const& ctx, timer_message const& m) {
    if (auto err = staff_only(ctx.me))
        return *err;
    meeting_info info = s.info();
    info.timer_ends_at_ms = m.seconds ? ctx.now_ms + m.seconds * 1000 : 0;
    return change_info(std::move(info));
}

rule_result remove_participant(rule_context const& ctx, participant const* target) {
    if (!is_staff(ctx.me.role))
        return rule_error{errc::forbidden, "only a facilitator may remove a participant"};
    if (!target)
        return rule_error{errc::not_found, "no such participant"};
    if (is_staff(target->role))
        return rule_error{errc::forbidden, "facilitators cannot be removed"};
    if (target->removed)
        return rule_error{errc::no_change, "the participant was removed already"};
    participant updated = *target;
    updated.removed = true;
    ruling r;
    r.change.participants.push_back(updated);
    r.make_event = [id = updated.id](meeting_state const& s) {
        return event{.kind = event_kind::participant_removed, .meeting = s.info(), .ids = {id}};
    };
    r.make_result = [id = updated.id](meeting_state const&) { return json{{"participant", id}}; };
    return r;
}

std::optional<ruling> published_plan_reloaded(meeting_state const& s,
                                              std::optional<published_plan_ref> found) {
    if (s.info().phase != meeting_phase::closed || s.info().published_plan == found)
        return std::nullopt;
    meeting_info info = s.info();
    info.published_plan = std::move(found);
    ruling r = change_info(std::move(info));
    r.make_result = nullptr; // nobody asked
    return r;
}

rule_result change_from_outside(meeting_state const& s, std::optional<meeting_phase> phase,
                                std::optional<std::string> const& facilitator_hash) {
    meeting_info info = s.info();
    if (phase) {
        if (info.phase == *phase)
            return rule_error{errc::no_change, "the meeting is in this phase already"};
        info.phase = *phase;
    }
    if (facilitator_hash)
        info.facilitator_secret_hash = *facilitator_hash;
    ruling r = change_info(std::move(info));
    r.make_result = nullptr; // the HTTP API answers with the meeting itself
    return r;
}

} // namespace tavolo::live
