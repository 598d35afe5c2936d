// The Origin checks: a page from another site must not open a meeting
// connection with its visitor's browser (cross-site WebSocket hijacking), nor
// change anything through the API with its cookie (cross-site request
// forgery). Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tavolo::net {

// Whether an upgrade whose Origin header is `origin` and whose Host header is
// `host` may proceed: the origin is the server's own (its host[:port] is the
// Host, whatever the scheme) or one of `allowed` (exact, case-insensitive).
// "null" and malformed origins are refused.
bool origin_allowed(std::string_view origin, std::string_view host,
                    std::vector<std::string> const& allowed);

// What the API's request check looks at, from the request and the connection.
struct api_call {
    std::string_view method;
    std::optional<std::string_view> origin;         // the Origin header
    std::optional<std::string_view> sec_fetch_site; // the Sec-Fetch-Site header
    std::optional<std::string_view> content_type;   // the Content-Type header
    bool has_body = false;
    bool any_body_type = false; // the route takes files, not JSON
    std::string_view scheme;    // "http" or "https", as the client reached tavolo
    std::string_view host;      // the Host header
};

enum class api_call_verdict { allowed, foreign_origin, not_json };

// Whether an API request may proceed. Reads (GET, HEAD, OPTIONS) always may.
// A change (any other method) must come from tavolo's own pages: an Origin
// that is scheme://Host exactly, or one of `allowed` (case-insensitive); with
// no Origin, `Sec-Fetch-Site: same-origin`. A change with a body must say it
// is JSON (application/json, parameters allowed) unless its route takes files:
// a cross-site form can send only text/plain, urlencoded or multipart bodies.
api_call_verdict check_api_call(api_call const& call, std::vector<std::string> const& allowed);

} // namespace tavolo::net
