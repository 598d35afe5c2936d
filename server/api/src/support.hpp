// Request and response helpers of the API's handlers (internal to
// tavolo::api): JSON answers, the refusal a check throws, and the rules the
// fields of request bodies obey. Bodies are read with core::json_fields, the
// reader the live protocol uses, so a title, a date or a month one protocol
// accepts the other does not refuse. Pure functions, callable on any thread.
#pragma once

#include "tavolo/api/coordinator_api.hpp"
#include "tavolo/core/json_fields.hpp"
#include "tavolo/net/api.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tavolo::api {

using json = nlohmann::json;

// Thrown by a handler's checks: answered with this status and code.
struct refusal {
    unsigned status;
    std::string code;
    std::string message;
};

// Refuses the request as 400 bad_request with `message`.
[[noreturn]] void refuse(std::string message);

// Refuses (400 bad_request, the message naming the field) when `fields`
// found a problem in the body.
void refuse_if_bad(core::json_fields const& fields);

// A JSON answer.
net::api_response ok(json const& body, unsigned status = 200);

// The request body as JSON; refuses when it is not JSON.
json parse_body(std::string const& text);

// For an action that takes no fields (approve, open, publish...): an empty
// body or `{}` passes; anything else is refused like an unknown field, so a
// client's typo is not silently ignored.
void expect_no_fields(std::string const& body);

// The rules of the API's text fields (docs/api.md lists them).
namespace rules {
inline constexpr core::text_rule title{.max_chars = 200};
inline constexpr core::text_rule name{.max_chars = 100};
// A coordinator's name at sign-in: a wrong one is answered 401, as ever.
inline constexpr core::text_rule sign_in_name{.max_chars = 200, .allow_empty = true};
inline constexpr core::text_rule organization{.max_chars = 200};
inline constexpr core::text_rule optional_organization{.max_chars = 200, .allow_empty = true};
inline constexpr core::text_rule slug{.max_chars = 60};
inline constexpr core::text_rule status{.max_chars = 20};
inline constexpr core::text_rule link{.max_chars = 2000, .allow_empty = true};
inline constexpr core::text_rule file_name{.max_chars = 200};
// A meeting's start "HH:MM" (checked by core::is_clock_time), or "".
inline constexpr core::text_rule clock_time{.max_chars = 5, .allow_empty = true};
inline constexpr core::text_rule description{
    .max_chars = 5000, .multiline = true, .allow_empty = true};
// A meeting's question: the live protocol's set_question rule.
inline constexpr core::text_rule question = core::question_rule;
inline constexpr core::text_rule short_description{
    .max_chars = 2000, .multiline = true, .allow_empty = true};
} // namespace rules

// The list of strings `name` (at most `max_items`), each checked by `rule`;
// a problem is kept in `fields`, naming the element ("owners[2]").
std::vector<std::string> text_list(core::json_fields& fields, std::string_view name,
                                   std::size_t max_items, core::text_rule const& rule);

// lower-case letters and digits joined by dashes, at most 60 bytes.
bool is_slug(std::string const& s);

// `text` as a whole number in [low, high]; nullopt otherwise.
std::optional<std::int64_t> whole_number(std::string const& text, std::int64_t low,
                                         std::int64_t high);

// The link a facilitator opens (the secret travels in the fragment: never
// sent to the server in a request line, never in its logs).
std::string facilitator_link(std::string const& shown_code, std::string const& secret);

// Where people reach tavolo, without a trailing slash: site.public_url when
// configured, else the request's scheme (https under TLS or a trusted
// proxy's X-Forwarded-Proto) and its Host header. nullopt when the Host is
// missing or not a host name (letters, digits, ".-:[]"), so no header can
// write into the catalogue's IRIs.
std::optional<std::string> public_base_url(site_options const& site, net::api_request const& req);

} // namespace tavolo::api
