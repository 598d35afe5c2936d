// Meeting events (each with the meeting's seq) and how each viewer sees them:
// staff see everything, an author sees their own contributions, peers see only
// what the meeting's settings allow (anonymous meetings hide authors; private
// writing hides texts until revealed). What a viewer may not see becomes a
// {"type":"skip"} frame, so every viewer's seq stays gap-free.
// Pure functions, callable from any thread.
#pragma once

#include "tavolo/live/model.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tavolo::live {

enum class event_kind {
    contribution,
    supports,
    merge,
    meeting,
    revealed,
    participant_removed,
    board,
    working_group,
    plan,
    skip
};

// Built with designated initializers, naming only what the kind uses: every
// event has a kind and the meeting after it, the room sets its seq. Every
// member has an initializer, so that the members left out need none.
struct event {
    event_kind kind = event_kind::skip;
    std::int64_t seq = 0;
    meeting_info meeting{}; // the meeting's state after the event
    contribution subject{}; // contribution, supports, merge: the one concerned (kept)
    std::int64_t subject_supports = 0;
    std::vector<std::string> ids{}; // merge: the merged ids; participant_removed: the id
    std::vector<std::pair<contribution, std::int64_t>> contributions{}; // revealed, with supports
    std::shared_ptr<cluster_board const> board{}; // board: the board after the event
    std::optional<objective> created{};           // board: the objective a promotion created
    std::shared_ptr<plan_item const> item{};      // working_group: the objective and its group
    std::shared_ptr<std::vector<plan_item> const> plan{}; // plan: the plan now presented
};

// Who is looking: staff see all; a participant is the author of their own.
// Borrowed, not owned: built per member for each broadcast without copying.
struct viewer {
    live::role role = role::participant;
    std::string_view participant_id;
};

// staff_author: staff looking at their own contribution, who get staff's
// view and, as every author's copy, "mine" (docs/protocol.md).
enum class audience { staff, author, peer, staff_author };
inline constexpr std::size_t audience_count = 4;

// Viewers of one audience see an event identically: a broadcast renders each
// audience once and shares the frame.
audience audience_of(event const& e, viewer const& v);
std::string render(event const& e, audience a);

nlohmann::json meeting_json(meeting_info const& m, std::int64_t now_ms);
nlohmann::json board_json(cluster_board const& b);
nlohmann::json objective_json(objective const& o);
nlohmann::json plan_item_json(plan_item const& i);
nlohmann::json plan_json(std::vector<plan_item> const& plan);
nlohmann::json contribution_json(contribution const& c, std::int64_t supports, audience a,
                                 bool anonymous);
// Whether peers may see `c` under the meeting's settings now.
bool visible_to_peers(contribution const& c, meeting_info const& m) noexcept;

std::int64_t now_ms();

} // namespace tavolo::live
