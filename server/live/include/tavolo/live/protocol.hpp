// The live protocol's wire format (docs/protocol.md): parsing client frames
// into typed messages and building the server's frames. Pure functions,
// callable from any thread; parsing never throws.
#pragma once

#include "tavolo/live/model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

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
inline constexpr std::string_view not_joined = "not_joined";
inline constexpr std::string_view already_joined = "already_joined";
inline constexpr std::string_view meeting_not_found = "meeting_not_found";
inline constexpr std::string_view bad_secret = "bad_secret";
inline constexpr std::string_view meeting_full = "meeting_full";
inline constexpr std::string_view submissions_closed = "submissions_closed";
inline constexpr std::string_view store_failed = "store_failed";
inline constexpr std::string_view shutting_down = "shutting_down";
} // namespace errc

struct message_limits {
    std::size_t max_text_chars = 2000;
    std::size_t max_name_chars = 80;
    std::size_t max_organization_chars = 160;
    std::size_t max_id_chars = 64;
    std::size_t max_json_depth = 16;
};

struct join_message {
    std::string code;
    std::string name;
    std::string organization;
    std::optional<std::string> secret; // present: joining as facilitator
};

struct submit_message {
    std::string id;
    contribution_kind kind = contribution_kind::proposal;
    std::string text;
};

struct ping_message {};

using client_body = std::variant<join_message, submit_message, ping_message>;

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

// A join code as typed by a person ("abcd-2345", "ABCD 2345") in canonical form.
std::string normalize_join_code(std::string_view typed);

// Server frames. Each returns the serialised JSON text, ready to share.
std::string make_ack(nlohmann::json const& ref, nlohmann::json result = nullptr);
std::string make_error(nlohmann::json const& ref, std::string_view code, std::string_view message);
nlohmann::json contribution_json(contribution const& c);
std::string make_contribution_event(contribution const& c);

} // namespace tavolo::live
