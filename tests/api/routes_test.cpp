// The API through its router, over a store in a temp directory: no network,
// the handlers and the store as the server runs them.
#include "support/store_fixture.hpp"

#include "tavolo/api/coordinator_api.hpp"
#include "tavolo/core/secrets.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <future>

using namespace tavolo;
using json = nlohmann::json;

namespace {

struct api_fixture : test::store_fixture {
    store::write_queue writer{path, {}};
    std::vector<store::meeting_row> created; // what meeting_created was told
    api::coordinator_api coordinators{path, {}, writer, {}, hooks()};
    net::api_router router;
    std::string cookie;

    api_fixture() {
        store.create_coordinator("anna", core::hash_password("segreta-123"));
        coordinators.add_routes(router);
    }
    ~api_fixture() {
        coordinators.stop();
        writer.stop();
    }

    api::live_hooks hooks() {
        api::live_hooks h;
        h.meeting_created = [this](store::meeting_row const& m, auto const&) {
            created.push_back(m);
        };
        return h;
    }

    net::api_response call(std::string method, std::string const& target, std::string body = "") {
        auto const q = target.find('?');
        net::api_request req;
        req.method = std::move(method);
        req.path = target.substr(0, q);
        req.query = q == std::string::npos ? "" : target.substr(q + 1);
        req.body = std::move(body);
        req.remote = "127.0.0.1";
        if (!cookie.empty())
            req.headers["cookie"] = cookie;
        auto const found = router.route(req.method, req.path);
        REQUIRE(found.result == net::api_router::match::kind::found);
        req.params = found.params;
        std::promise<net::api_response> answer;
        (*found.handler)(std::move(req), [&](net::api_response r) { answer.set_value(r); });
        return answer.get_future().get();
    }

    void sign_in() {
        auto const r =
            call("POST", "/api/v1/session", R"({"name":"anna","password":"segreta-123"})");
        REQUIRE(r.status == 200);
        for (auto const& [name, value] : r.headers)
            if (name == "Set-Cookie")
                cookie = value.substr(0, value.find(';'));
    }
};

} // namespace

TEST_CASE("the routing table registers every resource of docs/api.md", "[api][routes]") {
    api_fixture f;
    std::vector<std::pair<char const*, char const*>> const endpoints{
        {"POST", "/api/v1/session"},
        {"GET", "/api/v1/session"},
        {"DELETE", "/api/v1/session"},
        {"GET", "/api/v1/communities"},
        {"POST", "/api/v1/communities"},
        {"GET", "/api/v1/communities/ct"},
        {"PUT", "/api/v1/communities/ct/people"},
        {"POST", "/api/v1/communities/ct/meetings"},
        {"GET", "/api/v1/meetings/1"},
        {"POST", "/api/v1/meetings/1/open"},
        {"POST", "/api/v1/meetings/1/close"},
        {"POST", "/api/v1/meetings/1/facilitator-link"},
        {"GET", "/api/v1/communities/ct/objectives"},
        {"POST", "/api/v1/communities/ct/objectives"},
        {"GET", "/api/v1/objectives/o"},
        {"PATCH", "/api/v1/objectives/o"},
        {"POST", "/api/v1/objectives/o/approve"},
        {"POST", "/api/v1/objectives/o/drop"},
        {"POST", "/api/v1/objectives/o/reopen"},
        {"PUT", "/api/v1/objectives/o/working-group"},
        {"PUT", "/api/v1/objectives/o/contributions/3"},
        {"DELETE", "/api/v1/objectives/o/contributions/3"},
        {"GET", "/api/v1/contributions"},
        {"GET", "/api/v1/communities/ct/plans/2027"},
        {"POST", "/api/v1/communities/ct/plans/2027"},
        {"GET", "/api/v1/communities/ct/plans/2027/versions"},
        {"GET", "/api/v1/communities/ct/plans/2027/versions/1"},
        {"POST", "/api/v1/communities/ct/plans/2027/share"},
        {"POST", "/api/v1/communities/ct/plans/2027/publish"},
        {"GET", "/api/v1/system-plans/2027"},
        {"PUT", "/api/v1/objectives/o/deliverable/file"},
        {"DELETE", "/api/v1/objectives/o/deliverable/file"},
        {"GET", "/api/v1/objectives/o/deliverable/file"},
        {"GET", "/api/v1/shared/plans/t"},
        {"GET", "/api/v1/public/communities/ct/plans/2027"},
        {"GET", "/api/v1/public/system-plans/2027"},
        {"GET", "/api/v1/public/objectives/o/deliverable/file"}};
    for (auto const& [method, path] : endpoints) {
        INFO(method << " " << path);
        CHECK(f.router.route(method, path).result == net::api_router::match::kind::found);
    }
    CHECK(f.router.route("GET", "/api/v1/meetings").result ==
          net::api_router::match::kind::no_path);
}

TEST_CASE("a coordinator creates a community and a meeting, and finds the meeting by id",
          "[api][routes]") {
    api_fixture f;
    CHECK(f.call("GET", "/api/v1/communities").status == 401);
    f.sign_in();
    REQUIRE(f.call("POST", "/api/v1/communities", R"({"slug":"ct-dati","name":"Dati"})").status ==
            201);
    auto const made = f.call("POST", "/api/v1/communities/ct-dati/meetings",
                             R"({"title":"Kick-off","scheduled_on":"2027-02-10"})");
    REQUIRE(made.status == 201);
    auto const meeting = json::parse(made.body)["meeting"];
    // The live meetings were told, with the stored row.
    REQUIRE(f.created.size() == 1);
    CHECK(f.created[0].id == meeting["id"]);
    CHECK(core::format_join_code(f.created[0].join_code) == meeting["join_code"]);

    auto const id = std::to_string(meeting["id"].get<std::int64_t>());
    auto const shown = f.call("GET", "/api/v1/meetings/" + id);
    REQUIRE(shown.status == 200);
    CHECK(json::parse(shown.body)["meeting"]["title"] == "Kick-off");
    CHECK(json::parse(shown.body)["participant_link"] ==
          "/#/join/" + meeting["join_code"].get<std::string>());
    CHECK(f.call("GET", "/api/v1/meetings/" + id + "9").status == 404);
    CHECK(f.call("GET", "/api/v1/meetings/x" + id).status == 404);

    auto const community = json::parse(f.call("GET", "/api/v1/communities/ct-dati").body);
    CHECK(community["community"]["meetings"].size() == 1);
    auto const list = json::parse(f.call("GET", "/api/v1/communities").body);
    CHECK(list["communities"][0]["meetings"] == 1);
}

TEST_CASE("a contribution of another community is not linked to an objective", "[api][routes]") {
    api_fixture f;
    f.sign_in();
    for (auto const* slug : {"ct-dati", "ct-sanita"})
        REQUIRE(f.call("POST", "/api/v1/communities", json{{"slug", slug}, {"name", slug}}.dump())
                    .status == 201);
    auto const meeting = json::parse(f.call("POST", "/api/v1/communities/ct-sanita/meetings",
                                            R"({"title":"K","scheduled_on":"2027-02-10"})")
                                         .body)["meeting"]["id"]
                             .get<std::int64_t>();
    f.add_contribution(meeting, "c1", 1, "Cartella unica");
    auto const found =
        json::parse(f.call("GET", "/api/v1/contributions?meeting=" + std::to_string(meeting)).body);
    REQUIRE(found["contributions"].size() == 1);
    auto const contribution = found["contributions"][0]["id"].get<std::int64_t>();

    auto const objective =
        json::parse(f.call("POST", "/api/v1/communities/ct-dati/objectives", R"({"title":"Dati"})")
                        .body)["objective"]["id"]
            .get<std::string>();
    auto const path =
        "/api/v1/objectives/" + objective + "/contributions/" + std::to_string(contribution);
    CHECK(f.call("PUT", path).status == 404);

    auto const same = json::parse(f.call("POST", "/api/v1/communities/ct-sanita/objectives",
                                         R"({"title":"Sanità"})")
                                      .body)["objective"]["id"]
                          .get<std::string>();
    auto const linked = f.call("PUT", "/api/v1/objectives/" + same + "/contributions/" +
                                          std::to_string(contribution));
    REQUIRE(linked.status == 200);
    CHECK(json::parse(linked.body)["objective"]["contributions"].size() == 1);
}
