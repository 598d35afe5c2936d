// The coordinator area's API against the real server: accounts made on the
// command line, sign-in with an HttpOnly session cookie, every coordinator
// endpoint refusing a request without a valid session, sign-out.
#include "support/api_client.hpp"
#include "support/demo_access.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

using namespace tavolo;
using namespace tavolo::test;
namespace http = boost::beast::http;
using json = nlohmann::json;

namespace {

std::string sign_in_body(std::string const& name, std::string const& password) {
    return json{{"name", name}, {"password", password}}.dump();
}

// "tavolo_session=TOKEN" from a Set-Cookie header.
std::string cookie_of(std::string const& set_cookie) {
    return set_cookie.substr(0, set_cookie.find(';'));
}

} // namespace

TEST_CASE("a coordinator signs in, reads the communities and signs out", "[integration][api]") {
    test::temp_dir dir;
    auto const [code, output] = add_coordinator(dir.path(), "Anna Rossi");
    REQUIRE(code == 0);
    auto const password = password_in(output);
    CHECK(password.size() == 20);
    // The name is taken now.
    auto const again = add_coordinator(dir.path(), "Anna Rossi");
    CHECK(again.first == 1);
    CHECK(again.second.find("exists already") != std::string::npos);

    test::server_process server(dir.path());
    auto const port = server.port();

    // Wrong password, unknown name, bad bodies: refused, no cookie.
    auto a = request(port, http::verb::post, "/api/v1/session", "",
                     sign_in_body("Anna Rossi", password + "x"));
    CHECK(a.status == 401);
    CHECK(a.body["error"]["code"] == "invalid_credentials");
    CHECK(a.set_cookie.empty());
    a = request(port, http::verb::post, "/api/v1/session", "", sign_in_body("Nessuno", password));
    CHECK(a.status == 401);
    CHECK(a.body["error"]["code"] == "invalid_credentials");
    a = request(port, http::verb::post, "/api/v1/session", "", "not json");
    CHECK(a.status == 400);
    CHECK(a.body["error"]["code"] == "bad_request");
    a = request(port, http::verb::post, "/api/v1/session", "", R"({"name":"Anna Rossi"})");
    CHECK(a.status == 400);

    // The right one: an HttpOnly, SameSite=Strict cookie.
    a = request(port, http::verb::post, "/api/v1/session", "",
                sign_in_body("Anna Rossi", password));
    REQUIRE(a.status == 200);
    CHECK(a.body["coordinator"]["name"] == "Anna Rossi");
    CHECK(a.set_cookie.rfind("tavolo_session=", 0) == 0);
    CHECK(a.set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(a.set_cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(a.set_cookie.find("Path=/") != std::string::npos);
    CHECK(a.set_cookie.find("Max-Age=43200") != std::string::npos); // 12 hours by default
    auto const cookie = cookie_of(a.set_cookie);
    // The session's secret never reaches the log.
    auto const token = cookie.substr(cookie.find('=') + 1);
    for (auto const& line : server.log_lines())
        CHECK(line.find(token) == std::string::npos);

    a = request(port, http::verb::get, "/api/v1/session", cookie);
    CHECK(a.status == 200);
    CHECK(a.body["coordinator"]["name"] == "Anna Rossi");
    a = request(port, http::verb::get, "/api/v1/communities", cookie);
    REQUIRE(a.status == 200);
    // The demo: its live community and the ten of its finished year.
    REQUIRE(a.body["communities"].size() == 11);
    auto const slug = std::string("demo");
    CHECK(std::count_if(a.body["communities"].begin(), a.body["communities"].end(),
                        [](json const& c) { return c["slug"] == "demo" && c["meetings"] == 1; }) ==
          1);
    a = request(port, http::verb::get, "/api/v1/communities/" + slug, cookie);
    REQUIRE(a.status == 200);
    REQUIRE(a.body["community"]["meetings"].size() == 1);
    auto const meeting = a.body["community"]["meetings"][0];
    CHECK(meeting["kind"] == "kickoff");
    CHECK(meeting["join_code"].get<std::string>().size() == 9); // "ABCD-2345"
    CHECK_FALSE(meeting.contains("facilitator_secret_hash"));
    a = request(port, http::verb::get, "/api/v1/communities/nessuna", cookie);
    CHECK(a.status == 404);
    CHECK(a.body["error"]["code"] == "not_found");

    // Unknown API paths and methods answer in JSON.
    a = request(port, http::verb::get, "/api/v1/nothing", cookie);
    CHECK(a.status == 404);
    a = request(port, http::verb::put, "/api/v1/session", cookie);
    CHECK(a.status == 405);
    CHECK(a.allow.find("POST") != std::string::npos);

    // The session outlives a restart of the server, even a killed one.
    server.kill();
    test::server_process restarted(dir.path());
    auto const port2 = restarted.port();
    a = request(port2, http::verb::get, "/api/v1/session", cookie);
    CHECK(a.status == 200);

    // Signing out ends the session: the cookie is cleared and refused after.
    a = request(port2, http::verb::delete_, "/api/v1/session", cookie);
    CHECK(a.status == 200);
    CHECK(a.set_cookie.find("Max-Age=0") != std::string::npos);
    a = request(port2, http::verb::get, "/api/v1/communities", cookie);
    CHECK(a.status == 401);
    a = request(port2, http::verb::delete_, "/api/v1/session", cookie);
    CHECK(a.status == 401);
}

TEST_CASE("every coordinator endpoint refuses a request without a valid session",
          "[integration][api]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    auto const port = server.port();
    struct endpoint {
        http::verb verb;
        char const* target;
    };
    for (auto const& e :
         {endpoint{http::verb::get, "/api/v1/session"},
          endpoint{http::verb::delete_, "/api/v1/session"},
          endpoint{http::verb::get, "/api/v1/communities"},
          endpoint{http::verb::get, "/api/v1/communities/demo"},
          endpoint{http::verb::get, "/api/v1/communities/demo/objectives"},
          endpoint{http::verb::post, "/api/v1/communities/demo/objectives"},
          endpoint{http::verb::get, "/api/v1/objectives/obj-1"},
          endpoint{http::verb::patch, "/api/v1/objectives/obj-1"},
          endpoint{http::verb::post, "/api/v1/objectives/obj-1/approve"},
          endpoint{http::verb::post, "/api/v1/objectives/obj-1/drop"},
          endpoint{http::verb::post, "/api/v1/objectives/obj-1/reopen"},
          endpoint{http::verb::put, "/api/v1/objectives/obj-1/working-group"},
          endpoint{http::verb::put, "/api/v1/objectives/obj-1/contributions/1"},
          endpoint{http::verb::delete_, "/api/v1/objectives/obj-1/contributions/1"},
          endpoint{http::verb::get, "/api/v1/communities/demo/plans/2027"},
          endpoint{http::verb::get, "/api/v1/communities/demo/plans/2027/versions"},
          endpoint{http::verb::get, "/api/v1/communities/demo/plans/2027/versions/1"},
          endpoint{http::verb::post, "/api/v1/communities/demo/plans/2027"},
          endpoint{http::verb::post, "/api/v1/communities/demo/plans/2027/share"},
          endpoint{http::verb::post, "/api/v1/communities/demo/plans/2027/publish"},
          endpoint{http::verb::get, "/api/v1/system-plans/2026"},
          endpoint{http::verb::get, "/api/v1/contributions"},
          endpoint{http::verb::get, "/api/v1/contributions?q=dati"},
          endpoint{http::verb::post, "/api/v1/communities"},
          endpoint{http::verb::post, "/api/v1/communities/demo/meetings"},
          endpoint{http::verb::put, "/api/v1/communities/demo/people"},
          endpoint{http::verb::get, "/api/v1/communities/demo/people"},
          endpoint{http::verb::put, "/api/v1/objectives/obj-1/deliverable/file?name=a.pdf"},
          endpoint{http::verb::delete_, "/api/v1/objectives/obj-1/deliverable/file"},
          endpoint{http::verb::get, "/api/v1/objectives/obj-1/deliverable/file"},
          endpoint{http::verb::get, "/api/v1/meetings/1"},
          endpoint{http::verb::post, "/api/v1/meetings/1/open"},
          endpoint{http::verb::post, "/api/v1/meetings/1/close"},
          endpoint{http::verb::post, "/api/v1/meetings/1/facilitator-link"}}) {
        for (auto const* cookie :
             {"", "tavolo_session=forged-token", "other=1", "tavolo_session="}) {
            INFO(e.target << " with cookie '" << cookie << "'");
            auto const a = request(port, e.verb, e.target, cookie);
            CHECK(a.status == 401);
            CHECK(a.body["error"]["code"] == "unauthenticated");
        }
    }
}

TEST_CASE("the demo holds a finished year, and tavolo report sums it up", "[integration][api]") {
    test::temp_dir dir;
    auto const expected =
        std::string(R"({"year":2026,"communities":10,"objectives":27,"need_working_group":21,)"
                    R"("working_groups_enabled_by_month":{"2026-07":19}})"
                    "\n");
    {
        test::server_process server(dir.path()); // the first start makes the demo
        CHECK(server.terminate() == 0);
    }
    auto const report = "report --year 2026 --data '" + dir.path().string() + "'";
    CHECK(run_tavolo(report) == std::pair<int, std::string>{0, expected});
    {
        test::server_process again(dir.path()); // later starts add nothing
        CHECK(again.terminate() == 0);
    }
    CHECK(run_tavolo(report) == std::pair<int, std::string>{0, expected});
    auto const empty = run_tavolo("report --year 2031 --data '" + dir.path().string() + "'");
    CHECK(empty.first == 0);
    CHECK(empty.second == R"({"year":2031,"communities":0,"objectives":0,"need_working_group":0,)"
                          R"("working_groups_enabled_by_month":{}})"
                          "\n");
    CHECK(run_tavolo("report --data '" + dir.path().string() + "'").first == 2);
    CHECK(run_tavolo("report --year 20x6 --data '" + dir.path().string() + "'").first == 2);
    CHECK(run_tavolo("report --year 2026 --data '" + (dir / "none").string() + "'").first == 1);
}

TEST_CASE("a coordinator drafts, edits, links and approves an objective", "[integration][api]") {
    signed_in_server s;
    using verb = http::verb;

    // The demo year's objectives come with their contributions and groups.
    auto a = s.call(verb::get, "/api/v1/communities/ct-sanita-digitale/objectives?year=2026");
    REQUIRE(a.status == 200);
    REQUIRE(a.body["objectives"].size() == 3);
    auto const first = a.body["objectives"][0];
    auto const slug = first["community"].get<std::string>();
    CHECK(first["status"] == "approved");
    CHECK(first["year"] == 2026);
    REQUIRE(first["contributions"].size() >= 2);
    CHECK(first["contributions"][0]["author"]["name"].is_string());
    auto const contribution = first["contributions"][0]["id"].get<std::int64_t>();
    CHECK(s.call(verb::get, "/api/v1/communities/" + slug + "/objectives?year=2031")
              .body["objectives"]
              .empty());

    // Bad drafts are refused, each saying why; nothing is stored.
    auto const create = "/api/v1/communities/" + slug + "/objectives";
    auto refused = [&](json const& body, std::string const& why) {
        auto const r = s.call(verb::post, create, body);
        CHECK(r.status == 400);
        CHECK(r.body["error"]["code"] == "bad_request");
        CHECK_THAT(r.body["error"]["message"].get<std::string>(), Catch::Contains(why));
    };
    refused({{"description", "senza titolo"}}, "'title'");
    refused({{"title", "   "}}, "field 'title' is empty");
    refused({{"title", std::string(201, 'x')}}, "at most 200");
    refused({{"title", "T"}, {"start_month", "2027-13"}}, "'start_month'");
    refused({{"title", "T"}, {"start_month", "2027-09"}, {"end_month", "2027-03"}}, "before");
    refused({{"title", "T"}, {"colour", "blu"}}, "field 'colour' is not known");
    refused({{"title", "T"}, {"deliverable", {{"status", "late"}}}}, "deliverable.status");
    refused({{"title", "T"}, {"deliverable", {{"link", "javascript:alert(1)"}}}}, "https://");
    refused({{"title", "riga\u0007"}}, "control character");
    auto const bad_json = request(s.server.port(), verb::post, create, s.cookie, "{nope");
    CHECK(bad_json.status == 400);
    CHECK(s.call(verb::get, create + "?year=2027").body["objectives"].empty());

    // A good draft.
    a = s.call(verb::post, create,
               {{"title", "Mappa dei servizi <b>digitali</b>"},
                {"year", 2027},
                {"needs_working_group", true},
                {"start_month", "2027-07"},
                {"end_month", "2027-12"},
                {"owners", {"Comune di Castelnuovo"}},
                {"deliverable", {{"description", "Mappa pubblicata"}, {"due_month", "2027-11"}}}});
    REQUIRE(a.status == 201);
    auto const id = a.body["objective"]["id"].get<std::string>();
    CHECK(a.body["objective"]["status"] == "draft");
    CHECK(a.body["objective"]["title"] == "Mappa dei servizi <b>digitali</b>"); // text, as sent
    CHECK(a.body["objective"]["working_group"].is_null());
    CHECK(a.body["objective"]["meeting_id"].is_null());

    // Edits: fields, the working group, links.
    a = s.edit(
        verb::patch, "/api/v1/objectives/" + id,
        {{"title", "Mappa dei servizi digitali"}, {"deliverable", {{"status", "in_progress"}}}});
    REQUIRE(a.status == 200);
    CHECK(a.body["objective"]["title"] == "Mappa dei servizi digitali");
    CHECK(a.body["objective"]["deliverable"]["status"] == "in_progress");
    CHECK(a.body["objective"]["deliverable"]["description"] == "Mappa pubblicata"); // kept
    a = s.edit(verb::put, "/api/v1/objectives/" + id + "/working-group",
               {{"status", "enabled"}, {"members", {{{"name", "Ada"}, {"organization", "ASL"}}}}});
    CHECK(a.status == 400); // enabled needs its start date
    a = s.edit(verb::put, "/api/v1/objectives/" + id + "/working-group",
               {{"status", "enabled"},
                {"start_date", "2027-07-01"},
                {"members",
                 {{{"name", "Ada"}, {"organization", "ASL"}},
                  {{"name", "Bruno"}, {"organization", "Comune di Castelnuovo"}}}}});
    REQUIRE(a.status == 200);
    CHECK(a.body["objective"]["working_group"]["members"].size() == 2);
    a = s.call(verb::put,
               "/api/v1/objectives/" + id + "/contributions/" + std::to_string(contribution));
    REQUIRE(a.status == 200);
    REQUIRE(a.body["objective"]["contributions"].size() == 1);
    CHECK(a.body["objective"]["contributions"][0]["id"] == contribution);
    CHECK(s.call(verb::put, "/api/v1/objectives/" + id + "/contributions/999999").status == 404);
    CHECK(s.call(verb::put, "/api/v1/objectives/" + id + "/contributions/x").status == 400);

    // Approve, and it counts in the year's figures.
    a = s.call(verb::post, "/api/v1/objectives/" + id + "/approve");
    REQUIRE(a.status == 200);
    CHECK(a.body["objective"]["status"] == "approved");
    auto const report = run_tavolo("report --year 2027 --data '" + s.dir.path().string() + "'");
    CHECK(report.second == R"({"year":2027,"communities":1,"objectives":1,"need_working_group":1,)"
                           R"("working_groups_enabled_by_month":{"2027-07":1}})"
                           "\n");

    // Without a working group the group cannot be set; drop and reopen.
    a = s.edit(verb::patch, "/api/v1/objectives/" + id, {{"needs_working_group", false}});
    CHECK(a.body["objective"]["needs_working_group"] == false);
    a = s.edit(verb::put, "/api/v1/objectives/" + id + "/working-group", {{"status", "forming"}});
    CHECK(a.status == 409);
    CHECK(a.body["error"]["code"] == "no_working_group");
    CHECK(s.call(verb::post, "/api/v1/objectives/" + id + "/drop").body["objective"]["status"] ==
          "dropped");
    CHECK(s.call(verb::post, "/api/v1/objectives/" + id + "/reopen").body["objective"]["status"] ==
          "draft");
    a = s.call(verb::delete_,
               "/api/v1/objectives/" + id + "/contributions/" + std::to_string(contribution));
    CHECK(a.body["objective"]["contributions"].empty());

    // Everything is there after a restart.
    s.server.kill();
    test::server_process again(s.dir.path());
    a = request(again.port(), verb::get, "/api/v1/objectives/" + id, s.cookie);
    REQUIRE(a.status == 200);
    CHECK(a.body["objective"]["title"] == "Mappa dei servizi digitali");
    CHECK(a.body["objective"]["status"] == "draft");
    CHECK(request(again.port(), verb::get, "/api/v1/objectives/obj-none", s.cookie).status == 404);
}

TEST_CASE("a plan is drafted, shared through a link, published, and exported",
          "[integration][api]") {
    signed_in_server s;
    using verb = http::verb;
    auto const port = s.server.port();
    auto const base = std::string("/api/v1/communities/demo/plans/2027");

    // No version yet: the approved objectives as they stand (none), version 0.
    auto a = s.call(verb::get, base);
    REQUIRE(a.status == 200);
    CHECK(a.body["version"] == 0);
    CHECK(a.body["objectives"].empty());
    CHECK(s.call(verb::post, base + "/share").status == 409);
    CHECK(s.call(verb::get, base + "?format=pdf").status == 400);
    CHECK(s.call(verb::get, "/api/v1/communities/demo/plans/19x").status == 400);

    // An approved objective with a working group; a draft one stays out.
    auto const make = [&](std::string const& title) {
        auto const r = s.call(verb::post, "/api/v1/communities/demo/objectives",
                              {{"title", title},
                               {"year", 2027},
                               {"needs_working_group", true},
                               {"start_month", "2027-07"},
                               {"end_month", "2027-12"}});
        REQUIRE(r.status == 201);
        return r.body["objective"]["id"].get<std::string>();
    };
    auto const kept = make("Sportello <i>unico</i> digitale");
    make("Solo bozza");
    s.edit(verb::put, "/api/v1/objectives/" + kept + "/working-group",
           {{"status", "enabled"},
            {"start_date", "2027-07-01"},
            {"members", {{{"name", "Ada"}, {"organization", "Comune di Lecce"}}}}});
    REQUIRE(s.call(verb::post, "/api/v1/objectives/" + kept + "/approve").status == 200);

    // Version 1: a draft, then shared with a read-only link that needs no account.
    a = s.call(verb::post, base);
    REQUIRE(a.status == 201);
    CHECK(a.body["plan"]["version"] == 1);
    CHECK(a.body["plan"]["status"] == "draft");
    a = s.call(verb::post, base);
    CHECK(a.status == 409);
    CHECK(a.body["error"]["code"] == "plan_open");
    a = s.call(verb::post, base + "/share");
    REQUIRE(a.status == 200);
    CHECK(a.body["plan"]["status"] == "shared");
    auto const link = a.body["share_link"].get<std::string>();
    auto const shared_api = a.body["share_api"].get<std::string>();
    a = request(port, verb::get, link); // no cookie
    REQUIRE(a.status == 200);
    CHECK(a.content_type == "text/html; charset=utf-8");
    CHECK(a.text.find("Sportello &lt;i&gt;unico&lt;/i&gt; digitale") != std::string::npos);
    CHECK(a.text.find("Solo bozza") == std::string::npos);
    // The page carries its style sheet; its one policy lets in that sheet by
    // its hash (the site's default, style-src 'self', would refuse it).
    REQUIRE(a.policies.size() == 1);
    CHECK(a.policies[0].find("style-src 'sha256-") != std::string::npos);
    CHECK(a.policies[0].find("default-src 'none'") != std::string::npos);
    CHECK(a.policies[0].find("unsafe-inline") == std::string::npos);
    CHECK(a.text.find("<style>") != std::string::npos);
    a = request(port, verb::get, shared_api);
    CHECK(a.body["status"] == "shared");
    REQUIRE(a.policies.size() == 1); // JSON answers keep the site's policy
    CHECK(a.policies[0].find("style-src 'self'") != std::string::npos);
    CHECK(a.body["objectives"].size() == 1);
    CHECK(request(port, verb::get, "/api/v1/shared/plans/not-a-token").status == 404);
    // Not public yet.
    CHECK(request(port, verb::get, "/api/v1/public/communities/demo/plans/2027").status == 404);

    // Published: public, and immutable: a later edit changes the next version only.
    a = s.call(verb::post, base + "/publish");
    REQUIRE(a.status == 200);
    CHECK(a.body["plan"]["status"] == "published");
    CHECK(s.call(verb::post, base + "/publish").status == 409);
    s.edit(verb::patch, "/api/v1/objectives/" + kept, {{"title", "Titolo cambiato dopo"}});
    a = request(port, verb::get, "/api/v1/public/communities/demo/plans/2027");
    REQUIRE(a.status == 200);
    CHECK(a.body["version"] == 1);
    CHECK(a.body["status"] == "published");
    CHECK(a.body["objectives"][0]["title"] == "Sportello <i>unico</i> digitale");
    CHECK(request(port, verb::get, shared_api).body["status"] == "published");
    a = s.call(verb::post, base);
    REQUIRE(a.status == 201);
    CHECK(a.body["plan"]["version"] == 2);
    CHECK(s.call(verb::get, base).body["objectives"][0]["title"] == "Titolo cambiato dopo");
    CHECK(s.call(verb::get, base + "/versions/1").body["objectives"][0]["title"] ==
          "Sportello <i>unico</i> digitale");
    CHECK(s.call(verb::get, base + "/versions/7").status == 404);
    a = s.call(verb::get, base + "/versions");
    REQUIRE(a.body["versions"].size() == 2);
    CHECK(a.body["versions"][0]["version"] == 2);
    CHECK(a.body["versions"][1]["status"] == "published");

    // Every export format, inline or as a download.
    struct format {
        char const* name;
        char const* type;
        char const* start;
    };
    for (auto const& f : {format{"json", "application/json", "{"},
                          format{"csv", "text/csv; charset=utf-8; header=present", "\"comunita\""},
                          format{"md", "text/markdown; charset=utf-8", "# "},
                          format{"html", "text/html; charset=utf-8", "<!doctype html>"}}) {
        INFO(f.name);
        a = request(port, verb::get,
                    "/api/v1/public/communities/demo/plans/2027?download=1&format=" +
                        std::string(f.name));
        REQUIRE(a.status == 200);
        CHECK(a.content_type == f.type);
        CHECK(a.text.rfind(f.start, 0) == 0);
        CHECK(a.disposition ==
              "attachment; filename=\"piano-demo-2027-v1." + std::string(f.name) + "\"");
    }

    // The system plan: the demo's published year, for everyone.
    a = request(port, verb::get, "/api/v1/public/system-plans/2026");
    REQUIRE(a.status == 200);
    CHECK(a.body["figures"] == json{{"communities", 10},
                                    {"objectives", 27},
                                    {"need_working_group", 21},
                                    {"working_groups_enabled_by_month", {{"2026-07", 19}}}});
    CHECK(a.body["plans"].size() == 10);
    a = request(port, verb::get, "/api/v1/public/system-plans/2027?format=md");
    CHECK(a.text.find("- Obiettivi: 1") != std::string::npos);
    a = request(port, verb::get, "/api/v1/public/system-plans/2027?format=md&lang=en");
    CHECK(a.text.find("- Objectives: 1") != std::string::npos);
    CHECK(request(port, verb::get, "/api/v1/public/system-plans/2027?format=md&lang=fr").status ==
          400);
    a = s.call(verb::get, "/api/v1/system-plans/2027");
    CHECK(a.body["figures"]["objectives"] == 1);
    CHECK(a.body["plans"][0]["version"] == 2);

    // All of it is there after a restart.
    s.server.kill();
    test::server_process again(s.dir.path());
    a = request(again.port(), verb::get, "/api/v1/public/communities/demo/plans/2027");
    CHECK(a.body["objectives"][0]["title"] == "Sportello <i>unico</i> digitale");
    CHECK(request(again.port(), verb::get, shared_api).status == 200);
}

TEST_CASE("contributions are reviewed across meetings: filters, search, paging",
          "[integration][api]") {
    signed_in_server s;
    using verb = http::verb;
    auto texts = [](answer const& a) {
        std::vector<std::string> out;
        for (auto const& c : a.body["contributions"])
            out.push_back(c["text"]);
        return out;
    };
    auto has = [](std::vector<std::string> const& list, std::string const& part) {
        return std::any_of(list.begin(), list.end(),
                           [&](auto const& t) { return t.find(part) != std::string::npos; });
    };

    // All of the demo year: 77 contributions, in pages.
    auto a = s.call(verb::get, "/api/v1/contributions?per_page=30");
    REQUIRE(a.status == 200);
    CHECK(a.body["total"] == 77);
    CHECK(a.body["contributions"].size() == 30);
    CHECK(a.body["page"] == 1);
    a = s.call(verb::get, "/api/v1/contributions?per_page=30&page=3");
    CHECK(a.body["contributions"].size() == 17);
    auto const& one = a.body["contributions"][0];
    CHECK(one["author"]["organization"].is_string());
    CHECK(one["meeting"]["title"].get<std::string>().rfind("Kick-off 2026", 0) == 0);
    CHECK(one["objectives"].size() == 1); // each went into one objective
    CHECK(one["objectives"][0]["title"].is_string());

    // Search by stem, accents and case ignored; every word must match.
    a = s.call(verb::get, "/api/v1/contributions?q=fascicolo");
    CHECK(has(texts(a), "fascicolazione"));
    a = s.call(verb::get, "/api/v1/contributions?q=QUALITA");
    CHECK(has(texts(a), "controllo di qualità"));
    a = s.call(verb::get, "/api/v1/contributions?q=cartella%20sociale");
    REQUIRE(a.body["total"] == 1);
    CHECK(has(texts(a), "cartella sociale unica"));
    a = s.call(verb::get, "/api/v1/contributions?q=cartelli");
    CHECK(has(texts(a), "ristampare i cartelli"));
    CHECK(s.call(verb::get, "/api/v1/contributions?q=zzzzqqq").body["total"] == 0);

    // Filters: community, kind, body, meeting; they combine with the search.
    a = s.call(verb::get, "/api/v1/contributions?community=ct-sanita-digitale&kind=need");
    REQUIRE(a.body["total"].get<int>() > 0);
    for (auto const& c : a.body["contributions"]) {
        CHECK(c["kind"] == "need");
        CHECK(c["meeting"]["community"] == "ct-sanita-digitale");
    }
    auto const body = a.body["contributions"][0]["author"]["organization"].get<std::string>();
    auto const meeting = a.body["contributions"][0]["meeting"]["id"].get<std::int64_t>();
    std::string encoded;
    for (unsigned char ch : body)
        encoded += std::isalnum(ch) ? std::string(1, static_cast<char>(ch))
                                    : "%" + std::string(1, "0123456789ABCDEF"[ch >> 4]) +
                                          std::string(1, "0123456789ABCDEF"[ch & 15]);
    a = s.call(verb::get, "/api/v1/contributions?body=" + encoded);
    REQUIRE(a.body["total"].get<int>() > 0);
    for (auto const& c : a.body["contributions"])
        CHECK(c["author"]["organization"] == body);
    a = s.call(verb::get, "/api/v1/contributions?meeting=" + std::to_string(meeting));
    for (auto const& c : a.body["contributions"])
        CHECK(c["meeting"]["id"] == meeting);
    CHECK(s.call(verb::get, "/api/v1/contributions?community=ct-sanita-digitale&q=scuola")
              .body["total"] == 0);

    // Bad parameters are refused; SQL and FTS syntax in the search is only text.
    CHECK(s.call(verb::get, "/api/v1/contributions?kind=wish").status == 400);
    CHECK(s.call(verb::get, "/api/v1/contributions?status=gone").status == 400);
    CHECK(s.call(verb::get, "/api/v1/contributions?per_page=500").status == 400);
    CHECK(s.call(verb::get, "/api/v1/contributions?page=0").status == 400);
    CHECK(s.call(verb::get, "/api/v1/contributions?meeting=x").status == 400);
    CHECK(s.call(verb::get, "/api/v1/contributions?community=nessuna").status == 404);
    for (auto const* q : {"%27%3B%20DROP%20TABLE%20contributions%3B%20--", "%22", "NEAR(a%20b)",
                          "*", "a%20OR", "%28%28%28", "col%3Avalue", "%5E"}) {
        INFO(q);
        a = s.call(verb::get, std::string("/api/v1/contributions?q=") + q);
        CHECK(a.status == 200);
    }
    CHECK(s.call(verb::get, "/api/v1/contributions").body["total"] == 77); // still all there
}

TEST_CASE("tavolo export and import: a complete backup, restored exactly", "[integration][api]") {
    test::temp_dir dir;
    auto const source = dir / "source";
    auto const copy = dir / "copy";
    auto const password = password_in(add_coordinator(source, "Mara").second);
    {
        // The demo, plus a change made through the API.
        test::server_process server(source);
        auto const a = request(server.port(), http::verb::post, "/api/v1/session", "",
                               json{{"name", "Mara"}, {"password", password}}.dump());
        auto const cookie = a.set_cookie.substr(0, a.set_cookie.find(';'));
        REQUIRE(request(server.port(), http::verb::post, "/api/v1/communities/demo/objectives",
                        cookie, R"({"title":"Da salvare","year":2027})")
                    .status == 201);
        CHECK(server.terminate() == 0);
    }
    auto const first = dir / "first.json";
    auto const second = dir / "second.json";
    auto e = run_tavolo("export --out '" + first.string() + "' --data '" + source.string() + "'");
    REQUIRE(e.first == 0);
    auto i = run_tavolo("import '" + first.string() + "' --data '" + copy.string() + "'");
    REQUIRE(i.first == 0);
    e = run_tavolo("export --out '" + second.string() + "' --data '" + copy.string() + "'");
    REQUIRE(e.first == 0);
    auto read = [](std::filesystem::path const& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    CHECK(read(first) == read(second));
    CHECK(read(first).size() > 50000);

    // A second import into the same store is refused; the copy serves.
    i = run_tavolo("import '" + first.string() + "' --data '" + copy.string() + "'");
    CHECK(i.first == 1);
    CHECK(i.second.find("not empty") != std::string::npos);
    CHECK(run_tavolo("import '" + (dir / "none.json").string() + "' --data '" +
                     (dir / "x").string() + "'")
              .first == 1);
    CHECK(run_tavolo("export --data '" + copy.string() + "'").first == 2);
    CHECK(run_tavolo("report --year 2026 --data '" + copy.string() + "'").second ==
          run_tavolo("report --year 2026 --data '" + source.string() + "'").second);

    test::server_process restored(copy);
    auto const a = request(restored.port(), http::verb::post, "/api/v1/session", "",
                           json{{"name", "Mara"}, {"password", password}}.dump());
    REQUIRE(a.status == 200); // the same password works
    auto const cookie = a.set_cookie.substr(0, a.set_cookie.find(';'));
    auto const objectives =
        request(restored.port(), http::verb::get, "/api/v1/communities/demo/objectives", cookie);
    REQUIRE(objectives.body["objectives"].size() == 1);
    CHECK(objectives.body["objectives"][0]["title"] == "Da salvare");
}

TEST_CASE("a coordinator creates a community and a meeting people can join at once",
          "[integration][api]") {
    signed_in_server s;
    using verb = http::verb;

    auto a = s.call(verb::post, "/api/v1/communities",
                    {{"slug", "ct-nuova"}, {"name", "Comunità Tematica Nuova"}});
    REQUIRE(a.status == 201);
    CHECK(a.body["community"]["slug"] == "ct-nuova");
    CHECK(s.call(verb::post, "/api/v1/communities", {{"slug", "ct-nuova"}, {"name", "Altra"}})
              .status == 409);
    for (auto const& bad : {json{{"slug", "CT Nuova"}, {"name", "x"}}, json{{"slug", "ct-x"}},
                            json{{"slug", "ct-x"}, {"name", ""}},
                            json{{"slug", "ct-x"}, {"name", "x"}, {"extra", 1}}}) {
        INFO(bad.dump());
        CHECK(s.call(verb::post, "/api/v1/communities", bad).status == 400);
    }

    // Its coordinators and referents.
    a = s.edit(verb::put, "/api/v1/communities/ct-nuova/people",
               {{"coordinators", {{{"name", "Luca"}, {"organization", "Comune di Lecce"}}}},
                {"referents", {{{"name", "Mara"}, {"organization", "Regione"}}}}});
    REQUIRE(a.status == 200);
    CHECK(a.body["coordinators"][0]["name"] == "Luca");
    CHECK(s.edit(verb::put, "/api/v1/communities/ct-nuova/people",
                 {{"coordinators", {{{"name", "Luca"}}, {{"name", "Luca"}}}}})
              .status == 400);
    CHECK(s.edit(verb::put, "/api/v1/communities/ct-nuova/people", {{"members", json::array()}})
              .status == 400);
    a = s.call(verb::get, "/api/v1/communities/ct-nuova");
    CHECK(a.body["community"]["referents"][0]["organization"] == "Regione");

    auto const meetings = std::string("/api/v1/communities/ct-nuova/meetings");
    CHECK(s.call(verb::post, meetings, {{"title", "Kick-off"}, {"scheduled_on", "2027-02-30x"}})
              .status == 400);
    CHECK(s.call(verb::post, meetings,
                 {{"title", "Kick-off"}, {"scheduled_on", "2027-02-10"}, {"kind", "party"}})
              .status == 400);
    CHECK(s.call(verb::post, "/api/v1/communities/none/meetings",
                 {{"title", "K"}, {"scheduled_on", "2027-02-10"}})
              .status == 404);
    a = s.call(verb::post, meetings,
               {{"title", "Kick-off 2027"}, {"scheduled_on", "2027-02-10"}, {"anonymous", true}});
    REQUIRE(a.status == 201);
    auto const code = a.body["meeting"]["join_code"].get<std::string>();
    CHECK(code.size() == 9);
    CHECK(a.body["meeting"]["phase"] == "lobby");
    CHECK(a.body["meeting"]["anonymous"] == true);
    CHECK(a.body["participant_link"] == "/#/join/" + code);
    auto const link = a.body["facilitator_link"].get<std::string>();
    auto const secret = link.substr(link.rfind('/') + 1);
    CHECK(secret.size() >= 40);
    // The secret is not kept anywhere but in that answer.
    for (auto const& line : s.server.log_lines())
        CHECK(line.find(secret) == std::string::npos);
    auto const listed = s.call(verb::get, "/api/v1/communities/ct-nuova");
    REQUIRE(listed.body["community"]["meetings"].size() == 1);
    CHECK(listed.body["community"]["meetings"][0].dump().find(secret) == std::string::npos);

    // Live at once: the facilitator with the secret, a participant with the code.
    auto join = [&](unsigned short port, json msg) {
        auto ws = std::make_unique<test::ws_client>(port);
        ws->send(msg);
        auto const answer = ws->read();
        REQUIRE(answer);
        return std::make_pair(std::move(ws), *answer);
    };
    auto [facilitator, f_ack] = join(s.server.port(), {{"type", "join"},
                                                       {"ref", "f"},
                                                       {"code", code},
                                                       {"name", "Fabia"},
                                                       {"organization", ""},
                                                       {"secret", secret}});
    CHECK(f_ack["type"] == "ack");
    auto [participant, p_ack] = join(s.server.port(), {{"type", "join"},
                                                       {"ref", "p"},
                                                       {"code", code},
                                                       {"name", "Anna"},
                                                       {"organization", "Comune di Lecce"}});
    CHECK(p_ack["type"] == "ack");

    // And after a restart.
    facilitator.reset();
    participant.reset();
    s.server.kill();
    test::server_process again(s.dir.path());
    auto [back, b_ack] = join(again.port(), {{"type", "join"},
                                             {"ref", "b"},
                                             {"code", code},
                                             {"name", "Bruno"},
                                             {"organization", "ASL"}});
    CHECK(b_ack["type"] == "ack");
}

TEST_CASE("a deliverable's file is attached, then opened by everyone from the published plan",
          "[integration][api]") {
    signed_in_server s;
    using verb = http::verb;
    auto const port = s.server.port();
    auto a =
        s.call(verb::post, "/api/v1/communities/demo/objectives",
               {{"title", "Relazione sui servizi"},
                {"year", 2027},
                {"deliverable", {{"description", "Relazione finale"}, {"status", "delivered"}}}});
    REQUIRE(a.status == 201);
    auto const id = a.body["objective"]["id"].get<std::string>();
    auto const file = "/api/v1/objectives/" + id + "/deliverable/file";
    std::string const bytes("%PDF-1.4\0\x01\xff fine", 16);

    // Each names the objective's version it read (If-Match).
    auto const objective = "/api/v1/objectives/" + id;
    auto upload = [&](std::string const& query, std::string const& body, std::string const& type) {
        return request(port, verb::put, file + query, s.cookie, body, type,
                       {{"If-Match", s.etag_for(objective)}});
    };
    CHECK(upload("", bytes, "application/pdf").status == 400);                // no name
    CHECK(upload("?name=a%2Fb.pdf", bytes, "application/pdf").status == 400); // a path
    CHECK(upload("?name=a%0Ab.pdf", bytes, "application/pdf").status == 400); // a newline
    CHECK(upload("?name=vuoto.pdf", "", "application/pdf").status == 400);
    a = upload("?name=Relazione%20finale%20%C2%ABv2%C2%BB.pdf", bytes, "application/pdf");
    REQUIRE(a.status == 200);
    CHECK(a.body["objective"]["deliverable"]["has_file"] == true);
    CHECK(a.body["objective"]["deliverable"]["file_name"] == "Relazione finale «v2».pdf");

    a = s.call(verb::get, file);
    REQUIRE(a.status == 200);
    CHECK(a.text == bytes);
    CHECK(a.content_type == "application/pdf");
    CHECK(a.disposition == "attachment; filename=\"Relazione_finale___v2__.pdf\"; "
                           "filename*=UTF-8''Relazione%20finale%20%C2%ABv2%C2%BB.pdf");

    // Not public until the plan that holds it is published.
    auto const public_file = "/api/v1/public/objectives/" + id + "/deliverable/file";
    CHECK(request(port, verb::get, public_file).status == 404);
    REQUIRE(s.call(verb::post, "/api/v1/objectives/" + id + "/approve").status == 200);
    REQUIRE(s.call(verb::post, "/api/v1/communities/demo/plans/2027").status == 201);
    CHECK(request(port, verb::get, public_file).status == 404); // a draft plan
    REQUIRE(s.call(verb::post, "/api/v1/communities/demo/plans/2027/publish").status == 200);
    a = request(port, verb::get, public_file);
    REQUIRE(a.status == 200);
    CHECK(a.text == bytes);
    a = request(port, verb::get, "/api/v1/public/communities/demo/plans/2027?format=html");
    CHECK(a.text.find("<a href=\"" + public_file + "\">Relazione finale «v2».pdf</a>") !=
          std::string::npos);

    // A type a browser could run is served as bytes to save; removal works.
    REQUIRE(upload("?name=pagina.html", "<script>alert(1)</script>", "text/html").status == 200);
    a = s.call(verb::get, file);
    CHECK(a.content_type == "application/octet-stream");
    CHECK(a.disposition.rfind("attachment;", 0) == 0);
    REQUIRE(s.call(verb::delete_, file, nullptr, {{"If-Match", s.etag_for(objective)}}).status ==
            200);
    CHECK(s.call(verb::get, file).status == 404);
    // The published plan keeps the file it was published with.
    CHECK(request(port, verb::get, public_file).text == bytes);
    CHECK(s.call(verb::get, "/api/v1/objectives/obj-none/deliverable/file").status == 404);
}

TEST_CASE("a closed meeting shows its community's plan once a coordinator publishes it",
          "[integration][api][published_plan]") {
    signed_in_server s;
    auto const access = demo_access(s.dir.path());
    auto const code = access["join_code"].get<std::string>();
    ws_client fabia(s.server.port());
    fabia.send({{"type", "join"},
                {"ref", "f"},
                {"code", code},
                {"name", "Fabia"},
                {"organization", ""},
                {"secret", access["facilitator_secret"]}});
    auto const f_ack = fabia.read();
    REQUIRE(f_ack);
    REQUIRE((*f_ack)["type"] == "ack");
    ws_client anna(s.server.port());
    REQUIRE(anna.join(code, "Anna", "Comune di Lecce")["type"] == "ack");

    fabia.send({{"type", "set_phase"}, {"ref", "c"}, {"phase", "closed"}});
    auto const closed = anna.read_until([](json const& f) { return f["type"] == "meeting"; });
    REQUIRE(closed);
    CHECK((*closed)["meeting"]["phase"] == "closed");
    CHECK((*closed)["meeting"]["published_plan"].is_null()); // none yet for 2027

    // The demo meeting is on 2027-01-20: its community publishes its 2027 plan.
    using verb = http::verb;
    REQUIRE(s.call(verb::post, "/api/v1/communities/demo/plans/2027").status == 201);
    REQUIRE(s.call(verb::post, "/api/v1/communities/demo/plans/2027/publish").status == 200);
    auto const news = anna.read_until([](json const& f) { return f["type"] == "meeting"; });
    REQUIRE(news);
    auto const plan = (*news)["meeting"]["published_plan"];
    CHECK(plan == json{{"year", 2027},
                       {"version", 1},
                       {"url", "/api/v1/public/communities/demo/plans/2027?format=html"}});

    // The link opens the plan, without an account.
    auto const page = request(s.server.port(), verb::get, plan.value("url", "/"));
    CHECK(page.status == 200);
    CHECK(page.content_type.find("text/html") == 0);

    // Whoever joins later, even after a restart, finds it too.
    s.server.kill();
    test::server_process again(s.dir.path());
    ws_client bruno(again.port());
    auto const ack = bruno.join(code, "Bruno", "ASL Bari");
    REQUIRE(ack["type"] == "ack");
    CHECK(ack["result"]["meeting"]["published_plan"] == plan);
}
