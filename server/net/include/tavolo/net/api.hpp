// The HTTP API's shape, free of Beast: requests and answers, asynchronous
// handlers, and the router that picks a handler by method and path pattern
// ("/api/v1/meetings/{id}"). The app registers the handlers; net parses,
// routes and writes.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tavolo::net {

struct api_request {
    std::string method;                         // "GET", "POST", ...
    std::string path;                           // without the query
    std::string query;                          // after '?', still percent-encoded
    std::map<std::string, std::string> headers; // names in lower case
    std::map<std::string, std::string> params;  // from the pattern's {names}
    std::string route; // the pattern the router matched ("/api/v1/objectives/{id}")
    std::string body;
    // The client's address: the TCP peer's, or the one a trusted proxy
    // forwarded (security.trusted_proxies).
    std::string remote;
    bool secure = false; // reached over TLS, tavolo's or a trusted proxy's
};

struct api_response {
    unsigned status = 200;
    std::string body;
    std::string content_type = "application/json";
    // Extra headers, e.g. Set-Cookie; one named here replaces the default of
    // that name (Content-Security-Policy).
    std::vector<std::pair<std::string, std::string>> headers;
};

// Called exactly once, from any thread; the session writes the answer on its
// own strand.
using api_respond = std::function<void(api_response)>;
// Runs on the HTTP session's strand: anything slow (the store) belongs on
// another executor, answering through `respond` when done.
using api_handler = std::function<void(api_request, api_respond)>;
// A handler that answers at once (short, non-blocking work only).
using api_sync_handler = std::function<api_response(api_request const&)>;

// {"error":{"code":...,"message":...}} with the status.
api_response api_error(unsigned status, std::string_view code, std::string_view message);

// The value of `name` in a query string ("a=1&b=x%20y"), percent-decoded
// ('+' as a space); nullopt when absent.
std::optional<std::string> query_value(std::string_view query, std::string_view name);
// The value of the cookie `name` in a Cookie header; nullopt when absent.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

// What a route's request body is: JSON (the rule: a change's body must say
// application/json), or a file of any type (an upload).
enum class body_kind { json, file };

class api_router {
public:
    // `pattern` is a path whose segments may be "{name}" (one segment each).
    void add(std::string method, std::string const& pattern, api_handler handler,
             body_kind body = body_kind::json);
    void add(std::string method, std::string const& pattern, api_sync_handler handler,
             body_kind body = body_kind::json);

    struct match {
        enum class kind { found, no_path, no_method } result = kind::no_path;
        api_handler const* handler = nullptr;
        body_kind body = body_kind::json;
        std::map<std::string, std::string> params;
        std::string pattern; // for found: the route's pattern, as added
        std::string allowed; // for no_method: "GET, POST"
    };
    match route(std::string_view method, std::string_view path) const;

    // Whether any route lies under `prefix` (so that its unknown paths answer
    // in JSON rather than as static files).
    bool serves(std::string_view path) const;

    // Every route added, in order: its method and its pattern, as added, so
    // that a caller can check each has what it needs.
    std::vector<std::pair<std::string, std::string>> routes() const;

private:
    struct entry {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments; // "{...}" matches any one segment
        api_handler handler;
        body_kind body;
    };
    std::vector<entry> entries_;
};

} // namespace tavolo::net
