#include "tavolo/net/origin.hpp"

#include <catch2/catch.hpp>

using tavolo::net::origin_allowed;

TEST_CASE("WebSocket upgrades from the server's own pages are allowed", "[net][origin]") {
    std::vector<std::string> const none;
    CHECK(origin_allowed("http://localhost:8080", "localhost:8080", none));
    CHECK(origin_allowed("https://tavolo.example.org", "tavolo.example.org", none));
    CHECK(origin_allowed("HTTP://LOCALHOST:8080", "localhost:8080", none) == false); // scheme
    CHECK(origin_allowed("http://LocalHost:8080", "localhost:8080", none));
}

TEST_CASE("other sites are refused unless configured", "[net][origin]") {
    std::vector<std::string> const allowed{"https://partecipa.example.org"};
    CHECK_FALSE(origin_allowed("https://evil.example", "localhost:8080", allowed));
    CHECK_FALSE(origin_allowed("http://localhost:8081", "localhost:8080", allowed));
    CHECK_FALSE(origin_allowed("http://localhost", "localhost:8080", allowed));
    CHECK_FALSE(origin_allowed("null", "localhost:8080", allowed));
    CHECK_FALSE(origin_allowed("", "localhost:8080", allowed));
    CHECK_FALSE(origin_allowed("http://", "", allowed));
    CHECK_FALSE(origin_allowed("localhost:8080", "localhost:8080", allowed));
    CHECK(origin_allowed("https://partecipa.example.org", "localhost:8080", allowed));
    CHECK(origin_allowed("https://Partecipa.Example.org", "tavolo:8080", allowed));
    CHECK_FALSE(origin_allowed("https://partecipa.example.org.evil.example", "x", allowed));
}

namespace {

using tavolo::net::api_call;
using tavolo::net::api_call_verdict;
using tavolo::net::check_api_call;

api_call change(std::optional<std::string_view> origin) {
    return {.method = "POST",
            .origin = origin,
            .sec_fetch_site = std::nullopt,
            .content_type = "application/json",
            .has_body = true,
            .any_body_type = false,
            .scheme = "http",
            .host = "127.0.0.1:8080"};
}

} // namespace

TEST_CASE("API changes come only from tavolo's own pages", "[net][origin]") {
    std::vector<std::string> const none;
    CHECK(check_api_call(change("http://127.0.0.1:8080"), none) == api_call_verdict::allowed);
    CHECK(check_api_call(change("HTTP://127.0.0.1:8080"), none) == api_call_verdict::allowed);
    CHECK(check_api_call(change("https://127.0.0.1:8080"), none) ==
          api_call_verdict::foreign_origin); // another scheme is another origin
    CHECK(check_api_call(change("http://evil.example"), none) == api_call_verdict::foreign_origin);
    CHECK(check_api_call(change("http://127.0.0.1:8081"), none) ==
          api_call_verdict::foreign_origin);
    CHECK(check_api_call(change("http://127.0.0.1:8080.evil.example"), none) ==
          api_call_verdict::foreign_origin);
    CHECK(check_api_call(change("null"), none) == api_call_verdict::foreign_origin);
    CHECK(check_api_call(change(std::nullopt), none) == api_call_verdict::foreign_origin);

    auto behind_proxy = change("https://tavolo.example.org");
    behind_proxy.scheme = "https";
    behind_proxy.host = "tavolo.example.org";
    CHECK(check_api_call(behind_proxy, none) == api_call_verdict::allowed);

    std::vector<std::string> const allowed{"https://partecipa.example.org"};
    CHECK(check_api_call(change("https://partecipa.example.org"), allowed) ==
          api_call_verdict::allowed);
    CHECK(check_api_call(change("https://partecipa.example.org"), none) ==
          api_call_verdict::foreign_origin);
}

TEST_CASE("without Origin, only Sec-Fetch-Site same-origin passes", "[net][origin]") {
    auto c = change(std::nullopt);
    c.sec_fetch_site = "same-origin";
    CHECK(check_api_call(c, {}) == api_call_verdict::allowed);
    c.sec_fetch_site = "same-site";
    CHECK(check_api_call(c, {}) == api_call_verdict::foreign_origin);
    c.sec_fetch_site = "cross-site";
    CHECK(check_api_call(c, {}) == api_call_verdict::foreign_origin);
    // An Origin, when present, decides.
    c = change("http://evil.example");
    c.sec_fetch_site = "same-origin";
    CHECK(check_api_call(c, {}) == api_call_verdict::foreign_origin);
}

TEST_CASE("an API change's body must be JSON unless its route takes files", "[net][origin]") {
    auto c = change("http://127.0.0.1:8080");
    c.content_type = "application/json; charset=utf-8";
    CHECK(check_api_call(c, {}) == api_call_verdict::allowed);
    for (auto const* type : {"text/plain", "application/x-www-form-urlencoded",
                             "multipart/form-data; boundary=x", "application/jsonx"}) {
        c.content_type = type;
        CHECK(check_api_call(c, {}) == api_call_verdict::not_json);
    }
    c.content_type = std::nullopt;
    CHECK(check_api_call(c, {}) == api_call_verdict::not_json);
    c.has_body = false; // a change without a body needs no type
    CHECK(check_api_call(c, {}) == api_call_verdict::allowed);
    c.has_body = true;
    c.content_type = "application/pdf";
    c.any_body_type = true;
    CHECK(check_api_call(c, {}) == api_call_verdict::allowed);
}

TEST_CASE("reads need no Origin", "[net][origin]") {
    for (auto const* method : {"GET", "HEAD", "OPTIONS"}) {
        auto c = change("http://evil.example");
        c.method = method;
        CHECK(check_api_call(c, {}) == api_call_verdict::allowed);
    }
    for (auto const* method : {"PUT", "PATCH", "DELETE"}) {
        auto c = change("http://evil.example");
        c.method = method;
        CHECK(check_api_call(c, {}) == api_call_verdict::foreign_origin);
    }
}
