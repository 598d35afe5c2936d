#include "tavolo/live/meeting_state.hpp"

#include "tavolo/live/working_groups.hpp"

namespace tavolo::live {
namespace {

// Replaces the row with this key, or appends it and indexes it.
template <typename Row>
void upsert(std::vector<Row>& rows, std::unordered_map<std::string, std::size_t>& index,
            std::string const& key, Row const& row) {
    auto const [it, added] = index.emplace(key, rows.size());
    if (added)
        rows.push_back(row);
    else
        rows[it->second] = row;
}

} // namespace

meeting_state::meeting_state(meeting_snapshot snapshot)
    : info_(std::move(snapshot.info)), last_seq_(snapshot.last_seq),
      board_(std::move(snapshot.board)), objectives_(std::move(snapshot.objectives)),
      plan_(std::move(snapshot.plan)) {
    meeting_change initial;
    initial.participants = std::move(snapshot.participants);
    initial.contributions = std::move(snapshot.contributions);
    initial.supports = std::move(snapshot.supports);
    apply(initial);
}

void meeting_state::apply(meeting_change const& change) {
    if (change.seq > last_seq_)
        last_seq_ = change.seq;
    if (change.info)
        info_ = *change.info;
    for (auto const& p : change.participants)
        upsert(participants_, participant_index_, p.id, p);
    for (auto const& c : change.contributions)
        upsert(contributions_, index_, c.id, c);
    for (auto const& s : change.supports) {
        auto& per = supports_[s.contribution_id];
        auto const before = per.count(s.participant_id) ? per[s.participant_id] : 0;
        if (s.count > 0)
            per[s.participant_id] = s.count;
        else
            per.erase(s.participant_id);
        given_[s.participant_id] += s.count - before;
    }
    if (change.board)
        board_ = *change.board;
    objectives_.insert(objectives_.end(), change.objectives.begin(), change.objectives.end());
    if (change.plan)
        plan_ = *change.plan;
    for (auto const& g : change.groups)
        live::apply(plan_, g);
}

contribution const* meeting_state::find(std::string const& id) const {
    auto const it = index_.find(id);
    return it == index_.end() ? nullptr : &contributions_[it->second];
}

participant const* meeting_state::find_participant(std::string const& id) const {
    auto const it = participant_index_.find(id);
    return it == participant_index_.end() ? nullptr : &participants_[it->second];
}

std::int64_t meeting_state::supports_of(std::string const& contribution_id) const {
    auto const it = supports_.find(contribution_id);
    if (it == supports_.end())
        return 0;
    std::int64_t total = 0;
    for (auto const& [who, n] : it->second)
        total += n;
    return total;
}

std::int64_t meeting_state::supports_given(std::string const& participant_id) const {
    auto const it = given_.find(participant_id);
    return it == given_.end() ? 0 : it->second;
}

std::int64_t meeting_state::support_count(std::string const& participant_id,
                                          std::string const& contribution_id) const {
    auto const it = supports_.find(contribution_id);
    if (it == supports_.end())
        return 0;
    auto const jt = it->second.find(participant_id);
    return jt == it->second.end() ? 0 : jt->second;
}

std::map<std::string, std::int64_t>
meeting_state::supports_by(std::string const& participant_id) const {
    std::map<std::string, std::int64_t> out;
    for (auto const& [cid, per] : supports_)
        if (auto const it = per.find(participant_id); it != per.end())
            out[cid] = it->second;
    return out;
}

std::map<std::string, std::int64_t>
meeting_state::supporters_of(std::string const& contribution_id) const {
    auto const it = supports_.find(contribution_id);
    return it == supports_.end() ? std::map<std::string, std::int64_t>{} : it->second;
}

} // namespace tavolo::live
