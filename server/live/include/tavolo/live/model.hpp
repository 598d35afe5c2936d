// The live meeting's domain values: what a contribution, a participant and a
// meeting are while a meeting runs. Plain values, safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tavolo::live {

enum class contribution_kind { proposal, need, activity };
std::optional<contribution_kind> kind_from_string(std::string_view s) noexcept;
std::string_view to_string(contribution_kind k) noexcept;

// lobby -> collect -> cluster -> vote -> plan -> closed (DESIGN.md).
enum class meeting_phase { lobby, collect, cluster, vote, plan, closed };
std::optional<meeting_phase> phase_from_string(std::string_view s) noexcept;
std::string_view to_string(meeting_phase p) noexcept;

enum class role { participant, facilitator };
std::string_view to_string(role r) noexcept;

struct participant {
    std::string id; // server-chosen, unique within the store
    std::int64_t meeting_id = 0;
    std::string name;
    std::string organization;
    live::role role = role::participant;
    std::int64_t joined_at_ms = 0;
};

struct contribution {
    std::string id; // client-generated, unique within its meeting
    std::int64_t meeting_id = 0;
    std::int64_t seq = 0;
    contribution_kind kind = contribution_kind::proposal;
    std::string text;
    std::string participant_id;
    std::string author_name;
    std::string author_organization;
    std::int64_t created_at_ms = 0;
};

struct meeting_info {
    std::int64_t id = 0;
    std::string community_name;
    std::string title;
    std::string join_code;               // canonical form, e.g. "ABCD2345"
    std::string facilitator_secret_hash; // hex of the secret's hash, never the secret
    meeting_phase phase = meeting_phase::lobby;
};

// What the store hands back for a meeting that is not closed, at start-up.
struct meeting_snapshot {
    meeting_info info;
    std::vector<contribution> contributions; // in seq order
    std::int64_t last_seq = 0;
};

} // namespace tavolo::live
