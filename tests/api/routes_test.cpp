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

    net::api_response call(std::string method, std::string const& target, std::string body = "",
                           std::map<std::string, std::string> headers = {}) {
        auto const q = target.find('?');
        net::api_request req;
        req.method = std::move(method);
        req.path = target.substr(0, q);
        req.query = q == std::string::npos ? "" : target.substr(q + 1);
        req.body = std::move(body);
        req.remote = "127.0.0.1";
        req.headers = std::move(headers);
        if (!cookie.empty())
            req.headers["cookie"] = cookie;
        auto const found = router.route(req.method, req.path);
        REQUIRE(found.result == net::api_router::match::kind::found);
        req.params = found.params;
        req.route = found.pattern;
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
        {"GET", "/api/v1/communities/ct/people"},
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
        {"GET", "/api/v1/public/objectives/o/deliverable/file"},
        {"GET", "/api/v1/openapi.yaml"}};
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

TEST_CASE("objectives show the supports of their promotion; contributions their supports, "
          "sortable",
          "[api][routes][supports]") {
    api_fixture f;
    f.sign_in();
    REQUIRE(f.call("POST", "/api/v1/communities", R"({"slug":"ct-dati","name":"Dati"})").status ==
            201);
    auto const meeting = json::parse(f.call("POST", "/api/v1/communities/ct-dati/meetings",
                                            R"({"title":"K","scheduled_on":"2027-02-10"})")
                                         .body)["meeting"]["id"]
                             .get<std::int64_t>();
    f.add_contribution(meeting, "c1", 1, "Catalogo dei dati", "p1");
    f.add_contribution(meeting, "c2", 2, "Portale unico", "p2");
    f.add_contribution(meeting, "c3", 3, "Formazione", "p3");
    f.store.set_support({meeting, "p1", "c2", 1});
    f.store.set_support({meeting, "p3", "c2", 1});
    f.store.set_support({meeting, "p2", "c3", 1});
    // A group promoted in the meeting, as the live meeting stores it.
    store::objective_row promoted;
    promoted.id = "obj-promoted";
    promoted.meeting_id = meeting;
    promoted.group_id = "g1";
    promoted.title = "Dati aperti";
    promoted.created_at = 5;
    promoted.contributions = {"c2", "c1"};
    promoted.supports = 2;
    promoted.contribution_supports = {{"c2", 2}, {"c1", 0}};
    f.store.create_objective(promoted);

    SECTION("an objective: its total and each contribution's, at the promotion") {
        auto const o =
            json::parse(f.call("GET", "/api/v1/objectives/obj-promoted").body)["objective"];
        CHECK(o["supports"] == 2);
        REQUIRE(o["contributions"].size() == 2);
        CHECK(o["contributions"][0]["text"] == "Portale unico");
        CHECK(o["contributions"][0]["supports"] == 2);
        CHECK(o["contributions"][1]["supports"] == 0);
        // Supports given later do not change it; nor does an edit.
        f.store.set_support({meeting, "p2", "c1", 1});
        auto const edited = f.call("PATCH", "/api/v1/objectives/obj-promoted",
                                   R"({"title":"Dati aperti e catalogo"})", {{"if-match", "*"}});
        REQUIRE(edited.status == 200);
        CHECK(json::parse(edited.body)["objective"]["supports"] == 2);
        auto const listed =
            json::parse(f.call("GET", "/api/v1/communities/ct-dati/objectives?year=2027").body);
        REQUIRE(listed["objectives"].size() == 1);
        CHECK(listed["objectives"][0]["supports"] == 2);
        CHECK(listed["objectives"][0]["contributions"][1]["supports"] == 0);
    }
    SECTION("an objective made by hand has none, nor a contribution linked by hand") {
        auto const made = json::parse(
            f.call("POST", "/api/v1/communities/ct-dati/objectives", R"({"title":"A mano"})").body);
        auto const id = made["objective"]["id"].get<std::string>();
        CHECK(made["objective"]["supports"].is_null());
        auto const c3 = *f.store.contribution_id(meeting, "c3");
        auto const linked =
            f.call("PUT", "/api/v1/objectives/" + id + "/contributions/" + std::to_string(c3));
        REQUIRE(linked.status == 200);
        auto const o = json::parse(linked.body)["objective"];
        CHECK(o["supports"].is_null());
        CHECK(o["contributions"][0]["supports"].is_null());
    }
    SECTION("the contribution list: each one's supports now, most supported first on request") {
        auto texts_and_supports = [&](std::string const& query) {
            auto const r =
                f.call("GET", "/api/v1/contributions?meeting=" + std::to_string(meeting) + query);
            REQUIRE(r.status == 200);
            std::vector<std::pair<std::string, std::int64_t>> out;
            auto const page = json::parse(r.body);
            for (auto const& c : page["contributions"])
                out.emplace_back(c["text"], c["supports"]);
            return out;
        };
        using list = std::vector<std::pair<std::string, std::int64_t>>;
        list const in_order{{"Catalogo dei dati", 0}, {"Portale unico", 2}, {"Formazione", 1}};
        CHECK(texts_and_supports("") == in_order);
        CHECK(texts_and_supports("&sort=meeting") == in_order);
        CHECK(texts_and_supports("&sort=supports") ==
              list{{"Portale unico", 2}, {"Formazione", 1}, {"Catalogo dei dati", 0}});
        // With a page: the sort comes first.
        auto const second = json::parse(
            f.call("GET", "/api/v1/contributions?sort=supports&per_page=1&page=2").body);
        CHECK(second["contributions"][0]["text"] == "Formazione");
        auto const bad = f.call("GET", "/api/v1/contributions?sort=popular");
        CHECK(bad.status == 400);
        CHECK(json::parse(bad.body)["error"]["code"] == "bad_request");
    }
    SECTION("the plan document carries them") {
        REQUIRE(f.call("POST", "/api/v1/objectives/obj-promoted/approve").status == 200);
        auto const doc = json::parse(f.call("GET", "/api/v1/communities/ct-dati/plans/2027").body);
        INFO(doc.dump());
        REQUIRE(doc["objectives"].size() == 1);
        CHECK(doc["objectives"][0]["supports"] == 2);
        CHECK(doc["objectives"][0]["contributions"][0]["supports"] == 2);
        auto const csv = f.call("GET", "/api/v1/communities/ct-dati/plans/2027?format=csv&lang=en");
        CHECK(csv.body.find("\"supports\",\"contribution_supports\"") != std::string::npos);
        CHECK(csv.body.find(",\"2\",\"2 | 0\"") != std::string::npos);
    }
}
