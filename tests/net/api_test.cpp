#include "tavolo/net/api.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace tavolo::net;

namespace {

api_sync_handler answer(unsigned status) {
    return [status](api_request const&) {
        api_response r;
        r.status = status;
        return r;
    };
}

unsigned call(api_router::match const& m, api_request req = {}) {
    REQUIRE(m.handler);
    unsigned status = 0;
    (*m.handler)(std::move(req), [&](api_response r) { status = r.status; });
    return status;
}

} // namespace

TEST_CASE("the router picks a handler by method and pattern", "[net][api]") {
    api_router r;
    r.add("GET", "/healthz", answer(200));
    r.add("GET", "/api/v1/meetings/{id}", answer(201));
    r.add("POST", "/api/v1/meetings/{id}", answer(202));
    r.add("GET", "/api/v1/meetings/{id}/contributions", answer(203));

    auto m = r.route("GET", "/api/v1/meetings/42");
    CHECK(m.result == api_router::match::kind::found);
    CHECK(m.params.at("id") == "42");
    CHECK(m.pattern == "/api/v1/meetings/{id}"); // what the access rules are keyed by
    CHECK(r.route("GET", "/api/v1/meetings/42/contributions/").pattern ==
          "/api/v1/meetings/{id}/contributions");
    CHECK(call(m) == 201);
    CHECK(call(r.route("POST", "/api/v1/meetings/42")) == 202);
    CHECK(call(r.route("GET", "/api/v1/meetings/42/contributions")) == 203);
    CHECK(call(r.route("HEAD", "/healthz")) == 200); // HEAD answers as GET
    CHECK(call(r.route("GET", "/healthz/")) == 200); // a trailing slash is the same path

    // Path parameters are percent-decoded.
    CHECK(r.route("GET", "/api/v1/meetings/ct%20dati").params.at("id") == "ct dati");

    m = r.route("DELETE", "/api/v1/meetings/42");
    CHECK(m.result == api_router::match::kind::no_method);
    CHECK(m.allowed == "GET, POST");
    CHECK(m.handler == nullptr);

    CHECK(r.route("GET", "/api/v1/meetings").result == api_router::match::kind::no_path);
    CHECK(r.route("GET", "/api/v1/meetings/1/2/3").result == api_router::match::kind::no_path);
    CHECK(r.route("GET", "/").result == api_router::match::kind::no_path);

    // Unknown paths under the API answer in JSON; the page's files do not.
    CHECK(r.serves("/api/v1/anything"));
    CHECK(r.serves("/healthz/x"));
    CHECK_FALSE(r.serves("/app.js"));
    CHECK_FALSE(r.serves("/api"));
}

TEST_CASE("query values and cookies are read as browsers send them", "[net][api]") {
    CHECK(query_value("q=fascicolo%20sanitario&page=2", "q") == "fascicolo sanitario");
    CHECK(query_value("q=a+b", "q") == "a b");
    CHECK(query_value("page=2", "page") == "2");
    CHECK(query_value("flag&x=1", "flag") == "");
    CHECK_FALSE(query_value("x=1", "q"));
    CHECK_FALSE(query_value("", "q"));
    CHECK(query_value("q=%zz", "q") == "%zz"); // a bad escape stays as it is
    CHECK(query_value("q=citt%C3%A0", "q") == "città");

    CHECK(cookie_value("a=1; tavolo_session=abc-_1; b=2", "tavolo_session") == "abc-_1");
    CHECK(cookie_value("tavolo_session=x", "tavolo_session") == "x");
    CHECK_FALSE(cookie_value("other_tavolo_session=x", "tavolo_session"));
    CHECK_FALSE(cookie_value("", "tavolo_session"));
}

TEST_CASE("errors have one JSON shape", "[net][api]") {
    auto const r = api_error(401, "unauthenticated", "sign in");
    CHECK(r.status == 401);
    CHECK(r.content_type == "application/json");
    auto const body = nlohmann::json::parse(r.body);
    CHECK(body["error"]["code"] == "unauthenticated");
    CHECK(body["error"]["message"] == "sign in");
}
