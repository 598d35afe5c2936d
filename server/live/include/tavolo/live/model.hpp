// The live meeting's domain values: contributions, participants, supports, the
// meeting's state, and meeting_change, the unit that is made durable and then
// applied. Plain values, safe to copy between threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tavolo::live {

enum class contribution_kind { proposal, need, activity };
std::optional<contribution_kind> kind_from_string(std::string_view s) noexcept;
std::string_view to_string(contribution_kind k) noexcept;

enum class contribution_status { visible, hidden, withdrawn, merged };
std::optional<contribution_status> status_from_string(std::string_view s) noexcept;
std::string_view to_string(contribution_status s) noexcept;

// lobby -> collect -> cluster -> vote -> plan -> closed (DESIGN.md).
enum class meeting_phase { lobby, collect, cluster, vote, plan, closed };
std::optional<meeting_phase> phase_from_string(std::string_view s) noexcept;
std::string_view to_string(meeting_phase p) noexcept;

// A kick-off collects contributions; a follow-up presents the community's
// plan and launches its working groups.
enum class meeting_kind { kickoff, followup };
std::optional<meeting_kind> meeting_kind_from_string(std::string_view s) noexcept;
std::string_view to_string(meeting_kind k) noexcept;

enum class role { participant, facilitator, coordinator };
std::optional<role> role_from_string(std::string_view s) noexcept;
std::string_view to_string(role r) noexcept;
// Facilitators and coordinators run the meeting; participants take part.
inline bool is_staff(role r) noexcept {
    return r != role::participant;
}

// Settings a facilitator chooses in the lobby.
struct meeting_settings {
    bool anonymous = false;       // peers never see who wrote what
    bool private_writing = false; // contributions reach peers only once revealed
    std::int64_t support_budget = 5;
    std::int64_t max_supports_per_contribution = 1;
};

// The plan a closed meeting points its people to: the newest published
// version of its community's plan for the meeting's year, and the public
// path that serves it. The app reads it from the store; live only shows it.
struct published_plan_ref {
    std::int64_t year = 0;
    std::int64_t version = 0;
    std::string path; // e.g. /api/v1/public/communities/demo/plans/2027?format=html

    bool operator==(published_plan_ref const&) const = default;
};

struct meeting_info {
    std::int64_t id = 0;
    std::string community_name;
    std::string title;
    meeting_kind kind = meeting_kind::kickoff;
    std::string join_code;               // canonical form, e.g. "ABCD2345"
    std::string facilitator_secret_hash; // hex of the secret's hash, never the secret
    meeting_phase phase = meeting_phase::lobby;
    meeting_settings settings;
    std::string question;              // asked by the facilitator; empty: none
    bool revealed = false;             // private writing: contributions shown to all
    bool locked = false;               // submissions locked by the facilitator
    std::int64_t timer_ends_at_ms = 0; // 0: no countdown running
    // Read from the store (never written through a meeting_change).
    std::optional<published_plan_ref> published_plan;
};

struct participant {
    std::string id; // server-chosen, unique within the store
    std::int64_t meeting_id = 0;
    std::string name;
    std::string organization;
    live::role role = role::participant;
    std::int64_t joined_at_ms = 0;
    std::string resume_hash; // hash of the resume token given at join
    bool removed = false;    // removed by a facilitator: may not rejoin
};

struct contribution {
    std::string id; // client-generated, unique within its meeting
    std::int64_t meeting_id = 0;
    std::int64_t seq = 0; // the event that created it
    contribution_kind kind = contribution_kind::proposal;
    std::string text;
    std::string participant_id;
    std::string author_name;
    std::string author_organization;
    std::int64_t created_at_ms = 0;
    contribution_status status = contribution_status::visible;
    std::string merged_into; // when status is merged: the id kept
    bool edited = false;
};

// A participant's supports of one contribution (absolute count).
struct support {
    std::string participant_id;
    std::string contribution_id;
    std::int64_t count = 0;
};

// One text edit, kept as history.
struct contribution_edit {
    std::string contribution_id;
    std::string old_text;
    std::string new_text;
    std::string editor_id;
    std::int64_t at_ms = 0;
};

// A group of contributions on the meeting's cluster board: a candidate
// objective. Groups come from the clustering engine and from facilitators'
// edits (move, merge, split, rename).
struct cluster_group {
    std::string id; // "g1", "g2", ...: unique within the meeting, never reused
    std::string title;
    std::vector<std::string> keywords;
    std::vector<std::string> members; // contribution ids, in board order
    double cohesion = 0;              // 0..1 from the engine; 0 for groups made by hand
    bool renamed = false;             // title chosen by a facilitator: kept on re-runs
    std::string objective_id;         // set once promoted to a draft objective
};

// The cluster board: groups, and the moves a facilitator pinned. A pinned
// contribution stays where it was put when clustering runs again ("" pins it
// to no group).
struct cluster_board {
    std::vector<cluster_group> groups;
    std::map<std::string, std::string> pins; // contribution id -> group id
    std::int64_t next_group = 1;             // number of the next group id
    std::int64_t runs = 0;                   // clustering runs so far
};

// A draft objective promoted from a group, linked to the contributions it
// came from.
struct objective {
    std::string id; // "obj-" and random hex, unique in the store
    std::int64_t meeting_id = 0;
    std::string group_id;
    std::string title;
    std::string description;
    std::vector<std::string> contributions; // contribution ids
    std::string created_by;                 // participant id
    std::int64_t created_at_ms = 0;
    // The supports at the promotion, kept as they were: the group's total
    // (its visible contributions') and each contribution's (id -> count).
    // nullopt / absent: not known (promoted before the store kept them).
    std::optional<std::int64_t> supports;
    std::map<std::string, std::int64_t> contribution_supports;
};

// Follow-up meetings: the plan presented live, and its working groups.

enum class group_status { forming, composed, enabled };
std::optional<group_status> group_status_from_string(std::string_view s) noexcept;
std::string_view to_string(group_status s) noexcept;

struct group_member {
    std::string name;
    std::string organization;
    std::string participant_id; // who volunteered live; empty when added otherwise
    bool confirmed = false;     // in the group when staff confirmed its composition
    std::int64_t joined_at_ms = 0;

    bool operator==(group_member const&) const = default;
};

// One objective of the community's plan as a follow-up meeting presents it.
struct plan_item {
    std::string objective_id;
    std::string title;
    std::string description;
    std::string deliverable;     // its description
    std::string deliverable_due; // YYYY-MM or empty
    std::string start_month;     // YYYY-MM or empty
    std::string end_month;
    std::vector<std::string> owners; // the bodies that lead it
    bool needs_working_group = false;
    live::group_status group_status = group_status::forming;
    std::string start_date;            // YYYY-MM-DD once enabled
    std::vector<group_member> members; // in joining order

    bool operator==(plan_item const&) const = default;
};

// One change to a working group. Changes are made as deltas (not whole
// groups), so that a live meeting and a coordinator editing the same group
// through the API never undo each other's work.
struct group_change {
    enum class action { join, leave, status };
    action what = action::join;
    std::string objective_id;
    group_member member;                               // join: who; leave: whose name and body
    live::group_status status = group_status::forming; // status
    std::string start_date;                            // status enabled
};

// What the store hands back for a meeting at start-up.
struct meeting_snapshot {
    meeting_info info;
    std::vector<contribution> contributions; // in seq order
    std::vector<participant> participants;   // those the store has
    std::vector<support> supports;
    cluster_board board;
    std::vector<objective> objectives;
    std::vector<plan_item> plan; // follow-up meetings: the plan presented
    std::int64_t last_seq = 0;
};

// One change to a meeting, written by the store as a unit and applied to the
// meeting's state only once durable. Rows are whole (upserts), supports are
// absolute counts (0 deletes).
struct meeting_change {
    std::int64_t meeting_id = 0;
    std::int64_t seq = 0;             // the event this change makes; 0: none
    std::optional<meeting_info> info; // the meeting's new state, when it changes
    std::vector<participant> participants;
    std::vector<contribution> contributions;
    std::vector<contribution_edit> edits;
    std::vector<support> supports;
    std::optional<cluster_board> board; // the whole new board, when it changes
    std::vector<objective> objectives;  // created
    std::vector<group_change> groups;   // working groups changed, in order
    // The plan as the store now has it (read, not written): replaces the
    // one presented.
    std::optional<std::vector<plan_item>> plan;
};

} // namespace tavolo::live
