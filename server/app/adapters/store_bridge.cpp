#include "store_bridge.hpp"

#include "lease_keeper.hpp"

#include "tavolo/core/log.hpp"

#include <charconv>

namespace tavolo::app {

live::meeting_info to_meeting_info(store::meeting_row const& m) {
    live::meeting_info info;
    info.id = m.id;
    info.community_name = m.community_name;
    info.title = m.title;
    info.kind = live::meeting_kind_from_string(m.kind).value_or(live::meeting_kind::kickoff);
    info.join_code = m.join_code;
    info.facilitator_secret_hash = m.facilitator_secret_hash;
    info.phase = live::phase_from_string(m.phase).value_or(live::meeting_phase::lobby);
    info.settings.anonymous = m.anonymous;
    info.settings.private_writing = m.private_writing;
    info.settings.support_budget = m.support_budget;
    info.settings.max_supports_per_contribution = m.max_supports_per_contribution;
    info.question = m.question;
    info.revealed = m.revealed;
    info.locked = m.locked;
    info.timer_ends_at_ms = m.timer_ends_at;
    return info;
}

live::contribution to_contribution(store::contribution_row const& r) {
    live::contribution c;
    c.id = r.client_id;
    c.meeting_id = r.meeting_id;
    c.seq = r.seq;
    c.kind = live::kind_from_string(r.kind).value_or(live::contribution_kind::proposal);
    c.text = r.text;
    c.participant_id = r.participant_id;
    c.author_name = r.author_name;
    c.author_organization = r.author_organization;
    c.created_at_ms = r.created_at;
    c.status = live::status_from_string(r.status).value_or(live::contribution_status::visible);
    c.merged_into = r.merged_into;
    c.edited = r.edited;
    return c;
}

live::participant to_participant(store::participant_row const& r) {
    return live::participant{r.id,
                             r.meeting_id,
                             r.name,
                             r.organization,
                             live::role_from_string(r.role).value_or(live::role::participant),
                             r.joined_at,
                             r.resume_hash,
                             r.removed};
}

std::vector<live::plan_item> to_plan(std::vector<store::objective_record> const& objectives) {
    std::vector<live::plan_item> plan;
    for (auto const& o : objectives) {
        live::plan_item i;
        i.objective_id = o.id;
        i.title = o.title;
        i.description = o.description;
        i.deliverable = o.deliverable.description;
        i.deliverable_due = o.deliverable.due_month;
        i.start_month = o.start_month;
        i.end_month = o.end_month;
        i.owners = o.owners;
        i.needs_working_group = o.needs_working_group;
        if (o.working_group) {
            i.group_status = live::group_status_from_string(o.working_group->status)
                                 .value_or(live::group_status::forming);
            i.start_date = o.working_group->start_date;
            for (auto const& m : o.working_group->members)
                i.members.push_back(
                    {m.name, m.organization, m.participant_id, m.confirmed, m.joined_at});
        }
        plan.push_back(std::move(i));
    }
    return plan;
}

std::optional<live::published_plan_ref> published_plan_of(store::plan_store& s,
                                                          store::meeting_row const& m) {
    std::int64_t year = 0;
    auto const& date = m.scheduled_on; // YYYY-MM-DD
    if (date.size() < 4 || std::from_chars(date.data(), date.data() + 4, year).ec != std::errc())
        return std::nullopt;
    for (auto const& p : s.plans().plan_versions(m.community_id, year)) // newest first
        if (p.status == "published")
            return live::published_plan_ref{.year = year,
                                            .version = p.version,
                                            .path = "/api/v1/public/communities/" +
                                                    m.community_slug + "/plans/" +
                                                    std::to_string(year) + "?format=html"};
    return std::nullopt;
}

live::meeting_snapshot snapshot_of(store::plan_store& reads, store::meeting_row const& m) {
    live::meeting_snapshot snap;
    snap.info = to_meeting_info(m);
    snap.info.published_plan = published_plan_of(reads, m);
    for (auto const& row : reads.participants_of(m.id))
        snap.participants.push_back(to_participant(row));
    for (auto const& row : reads.contributions_of(m.id))
        snap.contributions.push_back(to_contribution(row));
    for (auto const& row : reads.supports_of(m.id))
        snap.supports.push_back({row.participant_id, row.client_id, row.count});
    if (auto const board = reads.board_of(m.id)) {
        snap.board.next_group = board->next_group;
        snap.board.runs = board->runs;
        for (auto const& g : board->groups)
            snap.board.groups.push_back(
                {g.id, g.title, g.keywords, g.members, g.cohesion, g.renamed, g.objective_id});
        for (auto const& [contribution, group] : board->pins)
            snap.board.pins.emplace(contribution, group);
    }
    for (auto const& o : reads.objectives_of_meeting(m.id))
        snap.objectives.push_back({.id = o.id,
                                   .meeting_id = o.meeting_id,
                                   .group_id = o.group_id,
                                   .title = o.title,
                                   .description = o.description,
                                   .contributions = o.contributions,
                                   .created_by = o.created_by,
                                   .created_at_ms = o.created_at,
                                   .supports = o.supports,
                                   .contribution_supports = o.contribution_supports});
    if (snap.info.kind == live::meeting_kind::followup)
        snap.plan = to_plan(reads.plans().followup_plan(m.id));
    snap.last_seq = m.last_seq;
    return snap;
}

std::vector<live::meeting_snapshot> store_bridge::load_meetings() {
    std::vector<live::meeting_snapshot> out;
    for (auto const& m : reader_.meetings())
        out.push_back(snapshot_of(reader_, m));
    return out;
}

void write_change(store::plan_store& s, live::meeting_change const& change) {
    auto const meeting = change.meeting_id;
    for (auto const& p : change.participants)
        s.upsert_participant({p.id, meeting, p.name, p.organization,
                              std::string(live::to_string(p.role)), p.joined_at_ms, p.resume_hash,
                              p.removed});
    for (auto const& c : change.contributions) {
        store::contribution_row row;
        row.meeting_id = meeting;
        row.client_id = c.id;
        row.seq = c.seq;
        row.participant_id = c.participant_id;
        row.kind = std::string(live::to_string(c.kind));
        row.text = c.text;
        row.created_at = c.created_at_ms;
        row.status = std::string(live::to_string(c.status));
        row.merged_into = c.merged_into;
        row.edited = c.edited;
        s.upsert_contribution(row);
    }
    for (auto const& e : change.edits)
        s.insert_edit({meeting, e.contribution_id, e.old_text, e.new_text, e.editor_id, e.at_ms});
    for (auto const& sup : change.supports)
        s.set_support({meeting, sup.participant_id, sup.contribution_id, sup.count});
    // Objectives before the board: its groups refer to them.
    for (auto const& o : change.objectives) {
        store::objective_row row;
        row.id = o.id;
        row.meeting_id = meeting;
        row.group_id = o.group_id;
        row.title = o.title;
        row.description = o.description;
        row.created_by = o.created_by;
        row.created_at = o.created_at_ms;
        row.contributions = o.contributions;
        row.supports = o.supports;
        row.contribution_supports = o.contribution_supports;
        s.create_objective(row);
    }
    if (change.board) {
        store::board_row b;
        b.meeting_id = meeting;
        b.next_group = change.board->next_group;
        b.runs = change.board->runs;
        for (auto const& g : change.board->groups)
            b.groups.push_back(
                {g.id, g.title, g.keywords, g.cohesion, g.renamed, g.objective_id, g.members});
        b.pins.assign(change.board->pins.begin(), change.board->pins.end());
        s.save_board(b);
    }
    if (!change.groups.empty()) {
        auto& plans = s.plans();
        for (auto const& g : change.groups) {
            switch (g.what) {
            case live::group_change::action::join:
                plans.join_working_group(
                    g.objective_id, {g.member.name, g.member.organization, g.member.participant_id,
                                     g.member.confirmed, g.member.joined_at_ms});
                break;
            case live::group_change::action::leave:
                plans.leave_working_group(g.objective_id, g.member.name, g.member.organization);
                break;
            case live::group_change::action::status:
                plans.set_working_group_status(
                    g.objective_id, std::string(live::to_string(g.status)), g.start_date);
                break;
            }
        }
    }
    // change.plan is what the store already has: nothing to write.
    if (change.info) {
        auto const& i = *change.info;
        store::meeting_row m;
        m.id = meeting;
        m.facilitator_secret_hash = i.facilitator_secret_hash;
        m.phase = std::string(live::to_string(i.phase));
        m.anonymous = i.settings.anonymous;
        m.private_writing = i.settings.private_writing;
        m.revealed = i.revealed;
        m.locked = i.locked;
        m.support_budget = i.settings.support_budget;
        m.max_supports_per_contribution = i.settings.max_supports_per_contribution;
        m.timer_ends_at = i.timer_ends_at_ms;
        m.question = i.question;
        s.update_meeting_state(m);
    }
    if (change.seq)
        s.advance_last_seq(meeting, change.seq);
}

void store_bridge::save(live::meeting_change const& change, completion done) {
    std::optional<std::int64_t> fence;
    if (leases_) {
        fence = leases_->fence_of(change.meeting_id);
        if (!fence) {
            core::log_error("change_not_saved", {{"meeting", change.meeting_id},
                                                 {"seq", change.seq},
                                                 {"reason", "the meeting is not live here"}});
            done("the meeting is not live on this node");
            return;
        }
    }
    writer_.push(
        [change, fence, node = leases_ ? leases_->node() : std::string()](store::plan_store& s) {
            if (fence) // fenced: fails once another node holds the meeting
                s.check_lease(change.meeting_id, node, *fence);
            write_change(s, change);
        },
        [done = std::move(done), meeting = change.meeting_id,
         seq = change.seq](std::optional<std::string> error) {
            if (error)
                core::log_error("change_not_saved",
                                {{"meeting", meeting}, {"seq", seq}, {"reason", *error}});
            done(std::move(error));
        });
}

void store_bridge::load_published_plan(std::int64_t meeting_id, published_loaded done) {
    // Through the writer, like load_plan: after the changes queued before.
    auto found = std::make_shared<std::optional<live::published_plan_ref>>();
    writer_.push(
        [meeting_id, found](store::plan_store& s) {
            if (auto const m = s.find_meeting(meeting_id))
                *found = published_plan_of(s, *m);
        },
        [done = std::move(done), found, meeting_id](std::optional<std::string> error) {
            if (error) {
                core::log_error("published_plan_not_loaded",
                                {{"meeting", meeting_id}, {"reason", *error}});
                return;
            }
            done(std::move(*found));
        });
}

void store_bridge::load_plan(std::int64_t meeting_id, plan_loaded done) {
    // Through the writer, so that the read comes after every change queued
    // before it.
    auto plan = std::make_shared<std::vector<live::plan_item>>();
    writer_.push(
        [meeting_id, plan](store::plan_store& s) {
            *plan = to_plan(s.plans().followup_plan(meeting_id));
        },
        [done = std::move(done), plan, meeting_id](std::optional<std::string> error) {
            if (error) {
                core::log_error("plan_not_loaded", {{"meeting", meeting_id}, {"reason", *error}});
                done(std::nullopt);
                return;
            }
            done(std::move(*plan));
        });
}

} // namespace tavolo::app
