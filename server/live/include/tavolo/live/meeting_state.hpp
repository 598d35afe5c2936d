// A meeting's state as data: contributions, participants and supports, with
// apply(meeting_change) as the only way to change it. No I/O and no executor:
// the owning meeting_room touches it on its strand only.
#pragma once

#include "tavolo/live/model.hpp"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace tavolo::live {

class meeting_state {
public:
    explicit meeting_state(meeting_snapshot snapshot);

    // Applies a change (as the store applied it). Rows are upserts; a support
    // count of 0 deletes.
    void apply(meeting_change const& change);

    meeting_info const& info() const noexcept { return info_; }
    std::int64_t last_seq() const noexcept { return last_seq_; }

    std::vector<contribution> const& contributions() const noexcept { return contributions_; }
    contribution const* find(std::string const& id) const;

    // Participants the store has (those who have written something, or were
    // removed).
    participant const* find_participant(std::string const& id) const;
    std::vector<participant> const& participants() const noexcept { return participants_; }

    cluster_board const& board() const noexcept { return board_; }
    std::vector<objective> const& objectives() const noexcept { return objectives_; }
    // Follow-up meetings: the plan presented, with its working groups.
    std::vector<plan_item> const& plan() const noexcept { return plan_; }

    std::int64_t supports_of(std::string const& contribution_id) const;
    std::int64_t supports_given(std::string const& participant_id) const;
    std::int64_t support_count(std::string const& participant_id,
                               std::string const& contribution_id) const;
    // contribution id -> count, for one participant.
    std::map<std::string, std::int64_t> supports_by(std::string const& participant_id) const;
    // participant id -> count, for one contribution.
    std::map<std::string, std::int64_t> supporters_of(std::string const& contribution_id) const;

private:
    meeting_info info_;
    std::int64_t last_seq_ = 0;
    std::vector<contribution> contributions_;
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<participant> participants_;
    std::unordered_map<std::string, std::size_t> participant_index_;
    // contribution id -> participant id -> count
    std::unordered_map<std::string, std::map<std::string, std::int64_t>> supports_;
    std::unordered_map<std::string, std::int64_t> given_; // participant id -> total
    cluster_board board_;
    std::vector<objective> objectives_;
    std::vector<plan_item> plan_;
};

} // namespace tavolo::live
