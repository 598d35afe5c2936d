#include "tavolo/live/events.hpp"

#include <chrono>
#include <cmath>

namespace tavolo::live {
namespace {

using json = nlohmann::json;

std::string skip(std::int64_t seq) {
    return json{{"type", "skip"}, {"seq", seq}}.dump();
}

} // namespace

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool visible_to_peers(contribution const& c, meeting_info const& m) noexcept {
    return c.status == contribution_status::visible && (!m.settings.private_writing || m.revealed);
}

json meeting_json(meeting_info const& m, std::int64_t now) {
    // Shown once the meeting is over: where its work went.
    json published = nullptr;
    if (m.phase == meeting_phase::closed && m.published_plan)
        published = json{{"year", m.published_plan->year},
                         {"version", m.published_plan->version},
                         {"url", m.published_plan->path}};
    return json{{"id", m.id},
                {"title", m.title},
                {"kind", to_string(m.kind)},
                {"community", m.community_name},
                {"phase", to_string(m.phase)},
                {"question", m.question},
                {"locked", m.locked},
                {"anonymous", m.settings.anonymous},
                {"private_writing", m.settings.private_writing},
                {"revealed", m.revealed},
                {"support_budget", m.settings.support_budget},
                {"max_supports_per_contribution", m.settings.max_supports_per_contribution},
                {"timer_ends_at", m.timer_ends_at_ms ? json(m.timer_ends_at_ms) : json(nullptr)},
                {"published_plan", std::move(published)},
                {"now", now}};
}

json contribution_json(contribution const& c, std::int64_t supports, audience a, bool anonymous) {
    json j{{"id", c.id},
           {"seq", c.seq},
           {"kind", to_string(c.kind)},
           {"text", c.text},
           {"status", to_string(c.status)},
           {"supports", supports},
           {"edited", c.edited},
           {"created_at", c.created_at_ms}};
    if (c.status == contribution_status::merged)
        j["merged_into"] = c.merged_into;
    if (a == audience::staff || a == audience::staff_author)
        j["author"] = {{"id", c.participant_id},
                       {"name", c.author_name},
                       {"organization", c.author_organization}};
    else if (a == audience::author || !anonymous)
        j["author"] = {{"name", c.author_name}, {"organization", c.author_organization}};
    if (a == audience::author || a == audience::staff_author)
        j["mine"] = true;
    return j;
}

json board_json(cluster_board const& b) {
    json groups = json::array();
    for (auto const& g : b.groups)
        groups.push_back(
            {{"id", g.id},
             {"title", g.title},
             {"keywords", g.keywords},
             {"members", g.members},
             {"cohesion", std::round(g.cohesion * 1000) / 1000},
             {"renamed", g.renamed},
             {"objective", g.objective_id.empty() ? json(nullptr) : json(g.objective_id)}});
    json pins = json::object();
    for (auto const& [id, group] : b.pins)
        pins[id] = group.empty() ? json(nullptr) : json(group);
    return json{{"groups", std::move(groups)}, {"pins", std::move(pins)}, {"runs", b.runs}};
}

json objective_json(objective const& o) {
    return json{{"id", o.id},
                {"title", o.title},
                {"description", o.description},
                {"group", o.group_id},
                {"contributions", o.contributions},
                {"supports", o.supports ? json(*o.supports) : json(nullptr)},
                {"created_at", o.created_at_ms}};
}

json plan_item_json(plan_item const& i) {
    json members = json::array();
    for (auto const& m : i.members)
        members.push_back(
            {{"name", m.name}, {"organization", m.organization}, {"confirmed", m.confirmed}});
    json j{{"objective", i.objective_id},
           {"title", i.title},
           {"description", i.description},
           {"deliverable",
            {{"description", i.deliverable},
             {"due_month", i.deliverable_due.empty() ? json(nullptr) : json(i.deliverable_due)}}},
           {"start_month", i.start_month.empty() ? json(nullptr) : json(i.start_month)},
           {"end_month", i.end_month.empty() ? json(nullptr) : json(i.end_month)},
           {"owners", i.owners},
           {"needs_working_group", i.needs_working_group}};
    if (i.needs_working_group)
        j["working_group"] = {
            {"status", to_string(i.group_status)},
            {"start_date", i.start_date.empty() ? json(nullptr) : json(i.start_date)},
            {"members", std::move(members)}};
    else
        j["working_group"] = nullptr;
    return j;
}

json plan_json(std::vector<plan_item> const& plan) {
    json out = json::array();
    for (auto const& i : plan)
        out.push_back(plan_item_json(i));
    return out;
}

audience audience_of(event const& e, viewer const& v) {
    // Everyone sees the board and the plan alike: one frame for all (working
    // groups are named in public: their members show who takes part).
    if (e.kind == event_kind::board || e.kind == event_kind::working_group ||
        e.kind == event_kind::plan)
        return audience::peer;
    bool const has_subject = e.kind == event_kind::contribution || e.kind == event_kind::supports ||
                             e.kind == event_kind::merge;
    bool const own =
        has_subject && !v.participant_id.empty() && e.subject.participant_id == v.participant_id;
    if (is_staff(v.role))
        return own ? audience::staff_author : audience::staff;
    return own ? audience::author : audience::peer;
}

std::string render(event const& e, audience a) {
    bool const anonymous = e.meeting.settings.anonymous;
    bool const peer = a == audience::peer;
    switch (e.kind) {
    case event_kind::contribution: {
        if (!peer || visible_to_peers(e.subject, e.meeting))
            return json{
                {"type", "contribution"},
                {"seq", e.seq},
                {"contribution", contribution_json(e.subject, e.subject_supports, a, anonymous)}}
                .dump();
        // Peers learn that a contribution they could see has gone; under
        // private writing before the reveal they learn nothing at all.
        if (e.meeting.settings.private_writing && !e.meeting.revealed)
            return skip(e.seq);
        json j{{"type", "contribution_removed"},
               {"seq", e.seq},
               {"id", e.subject.id},
               {"status", to_string(e.subject.status)}};
        if (e.subject.status == contribution_status::merged)
            j["merged_into"] = e.subject.merged_into;
        return j.dump();
    }
    case event_kind::supports:
        if (peer && !visible_to_peers(e.subject, e.meeting))
            return skip(e.seq);
        return json{{"type", "supports"},
                    {"seq", e.seq},
                    {"id", e.subject.id},
                    {"supports", e.subject_supports}}
            .dump();
    case event_kind::merge:
        if (peer && e.meeting.settings.private_writing && !e.meeting.revealed)
            return skip(e.seq);
        return json{{"type", "merge"},
                    {"seq", e.seq},
                    {"keep", contribution_json(e.subject, e.subject_supports, a, anonymous)},
                    {"merged", e.ids}}
            .dump();
    case event_kind::meeting:
        return json{
            {"type", "meeting"}, {"seq", e.seq}, {"meeting", meeting_json(e.meeting, now_ms())}}
            .dump();
    case event_kind::revealed: {
        json list = json::array();
        for (auto const& [c, n] : e.contributions)
            if (!peer || visible_to_peers(c, e.meeting))
                list.push_back(
                    contribution_json(c, n, a == audience::staff ? a : audience::peer, anonymous));
        return json{{"type", "revealed"},
                    {"seq", e.seq},
                    {"meeting", meeting_json(e.meeting, now_ms())},
                    {"contributions", std::move(list)}}
            .dump();
    }
    case event_kind::participant_removed:
        if (a != audience::staff)
            return skip(e.seq);
        return json{{"type", "participant_removed"}, {"seq", e.seq}, {"participant", e.ids.at(0)}}
            .dump();
    case event_kind::board: {
        json j{{"type", "board"}, {"seq", e.seq}, {"board", board_json(*e.board)}};
        if (e.created)
            j["objective"] = objective_json(*e.created);
        return j.dump();
    }
    case event_kind::working_group:
        return json{{"type", "working_group"}, {"seq", e.seq}, {"item", plan_item_json(*e.item)}}
            .dump();
    case event_kind::plan:
        return json{{"type", "plan"}, {"seq", e.seq}, {"plan", plan_json(*e.plan)}}.dump();
    case event_kind::skip:
        break;
    }
    return skip(e.seq);
}

} // namespace tavolo::live
