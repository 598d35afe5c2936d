#include "store_bridge.hpp"

#include "log.hpp"

#include <stdexcept>

namespace tavolo::app {

live::meeting_info to_meeting_info(store::meeting_row const& m) {
    live::meeting_info info;
    info.id = m.id;
    info.community_name = m.community_name;
    info.title = m.title;
    info.join_code = m.join_code;
    info.facilitator_secret_hash = m.facilitator_secret_hash;
    info.phase = live::phase_from_string(m.phase).value_or(live::meeting_phase::lobby);
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
    return c;
}

std::vector<live::meeting_snapshot> store_bridge::load_live_meetings() {
    store::plan_store reads(reader_);
    std::vector<live::meeting_snapshot> out;
    for (auto const& m : reads.live_meetings()) {
        live::meeting_snapshot snap;
        snap.info = to_meeting_info(m);
        for (auto const& row : reads.contributions_of(m.id))
            snap.contributions.push_back(to_contribution(row));
        snap.last_seq = snap.contributions.empty() ? 0 : snap.contributions.back().seq;
        out.push_back(std::move(snap));
    }
    return out;
}

void store_bridge::save_participant(live::participant const& p, completion done) {
    store::participant_row row{
        p.id,          p.meeting_id, p.name, p.organization, std::string(live::to_string(p.role)),
        p.joined_at_ms};
    writer_.push([row = std::move(row)](store::plan_store& s) { s.insert_participant(row); },
                 std::move(done));
}

void store_bridge::save_contribution(live::contribution const& c, completion done) {
    store::contribution_row row;
    row.meeting_id = c.meeting_id;
    row.client_id = c.id;
    row.seq = c.seq;
    row.participant_id = c.participant_id;
    row.kind = std::string(live::to_string(c.kind));
    row.text = c.text;
    row.created_at = c.created_at_ms;
    writer_.push([row = std::move(row)](store::plan_store& s) { s.insert_contribution(row); },
                 [done = std::move(done), meeting = c.meeting_id,
                  seq = c.seq](std::optional<std::string> error) {
                     if (error)
                         log_error("contribution_not_saved",
                                   {{"meeting", meeting}, {"seq", seq}, {"reason", *error}});
                     done(std::move(error));
                 });
}

} // namespace tavolo::app
