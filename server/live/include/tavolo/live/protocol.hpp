// The live protocol's wire format (docs/protocol.md): parsing client frames
// into typed messages, and the ack and error frames. Pure functions, callable
// from any thread; parsing never throws.
#pragma once

#include "tavolo/core/text_checks.hpp"
#include "tavolo/live/model.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tavolo::live {

// Stable error codes sent in {"type":"error","code":...}; documented in
// docs/protocol.md. Never rename one: clients match on them.
namespace errc {
inline constexpr std::string_view bad_json = "bad_json";
inline constexpr std::string_view invalid_utf8 = "invalid_utf8";
inline constexpr std::string_view too_deep = "too_deep";
inline constexpr std::string_view bad_message = "bad_message";
inline constexpr std::string_view unknown_type = "unknown_type";
inline constexpr std::string_view text_too_long = "text_too_long";
inline constexpr std::string_view text_empty = "text_empty";
inline constexpr std::string_view control_characters = "control_characters";
inline constexpr std::string_view rate_limited = "rate_limited";
inline constexpr std::string_view not_joined = "not_joined";
inline constexpr std::string_view already_joined = "already_joined";
inline constexpr std::string_view meeting_not_found = "meeting_not_found";
inline constexpr std::string_view bad_secret = "bad_secret";
inline constexpr std::string_view meeting_full = "meeting_full";
inline constexpr std::string_view removed = "removed";
inline constexpr std::string_view forbidden = "forbidden";
inline constexpr std::string_view wrong_phase = "wrong_phase";
inline constexpr std::string_view submissions_locked = "submissions_locked";
inline constexpr std::string_view not_found = "not_found";
inline constexpr std::string_view no_change = "no_change";
inline constexpr std::string_view budget_exhausted = "budget_exhausted";
inline constexpr std::string_view support_limit = "support_limit";
inline constexpr std::string_view store_failed = "store_failed";
inline constexpr std::string_view shutting_down = "shutting_down";
inline constexpr std::string_view clustering_failed = "clustering_failed";
inline constexpr std::string_view already_promoted = "already_promoted";
inline constexpr std::string_view no_working_group = "no_working_group";
inline constexpr std::string_view group_closed = "group_closed";
inline constexpr std::string_view already_member = "already_member";
inline constexpr std::string_view group_empty = "group_empty";
inline constexpr std::string_view too_many_attempts = "too_many_attempts";
inline constexpr std::string_view meeting_moving = "meeting_moving";
} // namespace errc

struct message_limits {
    std::size_t max_text_chars = 1000;
    std::size_t max_name_chars = 80;
    std::size_t max_organization_chars = 160;
    std::size_t max_id_chars = 64;
    std::size_t max_json_depth = 16;
    std::size_t max_merge_ids = 100;
    std::size_t max_title_chars = 200;
    std::size_t max_description_chars = 10000;
    std::size_t max_split_ids = 1000;
};

// The ranges of the protocol's numbers, inclusive: the parser refuses a
// value outside them (bad_message) and the join answer's `limits` tells the
// page, so that neither keeps a copy.
struct number_range {
    std::int64_t min = 0;
    std::int64_t max = 0;
};
inline constexpr number_range support_budget_range{0, 1000};
inline constexpr number_range max_supports_range{1, 100};    // max_supports_per_contribution
inline constexpr number_range timer_seconds_range{0, 86400}; // 0 stops the countdown

struct join_message {
    std::string code;
    std::string name;
    std::string organization;
    std::optional<std::string> secret;            // joining as facilitator
    std::optional<std::string> coordinator_token; // joining as coordinator
    std::optional<std::string> resume;            // the token of an earlier join
    std::optional<std::int64_t> since;            // the last seq this client saw
};

struct submit_message {
    std::string id;
    contribution_kind kind = contribution_kind::proposal;
    std::string text;
};

struct edit_message {
    std::string id;
    std::string text;
};

// Messages that act on one contribution.
enum class target_action { withdraw, support, unsupport, hide, restore };
struct target_message {
    target_action action = target_action::withdraw;
    std::string id;
};

struct merge_message {
    std::string keep;
    std::vector<std::string> ids;
};

struct phase_message {
    meeting_phase phase = meeting_phase::lobby;
};

struct lock_message {
    bool locked = false;
};

struct configure_message {
    std::optional<bool> anonymous;
    std::optional<bool> private_writing;
    std::optional<std::int64_t> support_budget;
    std::optional<std::int64_t> max_supports_per_contribution;
};

// The meeting's question (core::question_rule); empty removes it.
struct question_message {
    std::string question;
};

struct reveal_message {};

struct remove_message {
    std::string participant;
};

struct timer_message {
    std::int64_t seconds = 0; // 0 stops the countdown
};

struct ping_message {};

// The cluster board (facilitators, cluster phase; promote also in plan).
struct cluster_run_message {};

struct group_move_message {
    std::string contribution;
    std::string group; // empty: out of every group
};

struct group_merge_message {
    std::string keep;
    std::vector<std::string> groups;
};

struct group_split_message {
    std::string group;
    std::vector<std::string> ids;
    std::string title; // empty: the first member's text, shortened
};

struct group_rename_message {
    std::string group;
    std::string title;
};

struct group_promote_message {
    std::string group;
    std::optional<std::string> title;       // default: the group's title
    std::optional<std::string> description; // default: drafted from the members
};

// Follow-up meetings: working groups (docs/protocol.md).
struct volunteer_message {
    std::string objective;
    bool leave = false; // unvolunteer
};

struct working_group_remove_message {
    std::string objective;
    std::string name;
    std::string organization;
};

struct working_group_status_message {
    std::string objective;
    group_status status = group_status::forming;
    std::string start_date; // a real date YYYY-MM-DD (core::is_iso_date); required for enabled
};

using client_body =
    std::variant<join_message, submit_message, edit_message, target_message, merge_message,
                 phase_message, lock_message, configure_message, question_message, reveal_message,
                 remove_message, timer_message, ping_message, cluster_run_message,
                 group_move_message, group_merge_message, group_split_message, group_rename_message,
                 group_promote_message, volunteer_message, working_group_remove_message,
                 working_group_status_message>;

struct client_message {
    nlohmann::json ref; // echoed as sent: a string or an integer
    client_body body;
};

struct protocol_error {
    std::string_view code;
    std::string message;
};

// A frame that could not be turned into a message, with the ref when the frame
// got far enough to have one (null otherwise).
struct parse_failure {
    nlohmann::json ref;
    protocol_error error;
};

using parse_result = std::variant<client_message, parse_failure>;

parse_result parse_client_message(std::string_view frame, message_limits const& limits);

std::string make_ack(nlohmann::json const& ref, nlohmann::json result = nullptr);
std::string make_error(nlohmann::json const& ref, std::string_view code, std::string_view message);
// The same with more fields (an object), such as retry_after_ms.
std::string make_error(nlohmann::json const& ref, std::string_view code, std::string_view message,
                       nlohmann::json const& more);
// {"type":"alert","code":...,"message":...}: what staff must know that is
// not a change of the meeting (the store failing).
std::string make_alert(std::string_view code, std::string_view message);
// How many error frames make_error has made since start, by code (for
// /metrics). Thread-safe.
std::map<std::string, std::uint64_t> errors_sent();

} // namespace tavolo::live
