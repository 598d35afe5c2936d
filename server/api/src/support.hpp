// Request and response helpers of the API's handlers (internal to
// tavolo::api): JSON answers, the refusal a check throws, and the field
// checks of request bodies. Pure functions, callable on any thread.
#pragma once

#include "tavolo/net/api.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

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

// A JSON answer.
net::api_response ok(json const& body, unsigned status = 200);

// The request body as JSON; refuses when it is not JSON.
json parse_body(std::string const& text);

// The string `body[key]`, checked: valid UTF-8, no control character but
// TAB, CR and LF, at most `max_chars` code points, and not blank unless
// `allow_empty`. Refuses naming the field otherwise.
std::string text_field(json const& body, char const* key, std::size_t max_chars,
                       bool allow_empty = true);

// The boolean `body[key]`, false when absent; refuses another type.
bool flag(json const& body, char const* key);

// YYYY-MM and YYYY-MM-DD as the API accepts them.
bool is_month(std::string const& s);
bool is_date(std::string const& s);
// lower-case letters and digits joined by dashes, at most 60 bytes.
bool is_slug(std::string const& s);

// `text` as a whole number in [low, high]; nullopt otherwise.
std::optional<std::int64_t> whole_number(std::string const& text, std::int64_t low,
                                         std::int64_t high);

// The link a facilitator opens (the secret travels in the fragment: never
// sent to the server in a request line, never in its logs).
std::string facilitator_link(std::string const& shown_code, std::string const& secret);

} // namespace tavolo::api
