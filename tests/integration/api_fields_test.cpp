// The REST API's request bodies against the real server, read with the same
// checks as the live protocol (core::json_fields): unknown keys refused on
// every endpoint, a wrong type answered 400 naming the field (never 500),
// real dates and months, titles trimmed, bidirectional controls refused in
// one-line fields, lengths counted in code points.
#include "support/api_client.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace tavolo::test;
using verb = boost::beast::http::verb;
using json = nlohmann::json;

namespace {

// U+202E RIGHT-TO-LEFT OVERRIDE: "Anna" RLO "gpj.exe" shows as "Annaexe.jpg".
std::string const rlo = "\xE2\x80\xAE";

// `n` times "è": two bytes, one code point.
std::string accented(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i)
        s += "\xC3\xA8";
    return s;
}

// Checks a 400 bad_request whose message names `field` (quoted).
void check_refused(answer const& r, std::string const& field) {
    INFO(r.text);
    CHECK(r.status == 400);
    // An answer without an error (the change went through) must fail the
    // check, not the test program: read it without operator[] on const.
    auto const error = r.body.is_object() ? r.body.value("error", json::object()) : json::object();
    CHECK(error.value("code", "") == "bad_request");
    CHECK_THAT(error.value("message", ""), Catch::Contains("'" + field + "'"));
}

// A draft objective of the demo community that needs a working group.
std::string new_objective(signed_in_server& s, std::string const& title = "Mappa dei servizi") {
    auto const r = s.call(verb::post, "/api/v1/communities/demo/objectives",
                          {{"title", title}, {"year", 2027}, {"needs_working_group", true}});
    REQUIRE(r.status == 201);
    return r.body["objective"]["id"].get<std::string>();
}

} // namespace

TEST_CASE("every endpoint refuses a key it does not know", "[integration][api][fields]") {
    signed_in_server s;
    auto const id = new_objective(s);
    auto const objective = "/api/v1/objectives/" + id;

    check_refused(s.call(verb::post, "/api/v1/communities/demo/objectives",
                         {{"title", "T"}, {"colour", "blu"}}),
                  "colour");
    check_refused(s.edit(verb::patch, objective, {{"titel", "T"}}), "titel");
    check_refused(s.edit(verb::patch, objective, {{"deliverable", {{"due", "2027-07"}}}}),
                  "deliverable.due");
    check_refused(
        s.edit(verb::put, objective + "/working-group", {{"status", "forming"}, {"leader", "Ada"}}),
        "leader");
    check_refused(s.edit(verb::put, objective + "/working-group",
                         {{"members", {{{"name", "Ada"}, {"organization", "ASL"}, {"age", 40}}}}}),
                  "members[0].age");
    check_refused(s.edit(verb::put, "/api/v1/communities/demo/people",
                         {{"coordinators", {{{"name", "Ada"}, {"email", "a@b.it"}}}}}),
                  "coordinators[0].email");
    check_refused(
        s.edit(verb::put, "/api/v1/communities/demo/people", {{"observers", json::array()}}),
        "observers");
    check_refused(s.call(verb::post, "/api/v1/communities/demo/meetings",
                         {{"title", "Kick-off"}, {"scheduled_on", "2027-02-10"}, {"room", "B"}}),
                  "room");
    check_refused(s.call(verb::post, "/api/v1/communities",
                         {{"slug", "ct-x"}, {"name", "X"}, {"owner", "Mara"}}),
                  "owner");
    // Actions that take no fields refuse any, and pass with none.
    check_refused(s.call(verb::post, objective + "/approve", {{"force", true}}), "force");
    check_refused(s.call(verb::post, "/api/v1/communities/demo/plans/2027", {{"year", 2028}}),
                  "year");
    auto const r =
        request(s.server.port(), verb::post, "/api/v1/session", "",
                json{{"name", "Mara"}, {"password", s.password}, {"remember", true}}.dump());
    check_refused(r, "remember");

    // Nothing was stored by the refused requests.
    auto const o = s.call(verb::get, objective).body["objective"];
    CHECK(o["title"] == "Mappa dei servizi");
    CHECK(o["status"] == "draft");
    CHECK(
        s.call(verb::get, "/api/v1/communities/demo/plans/2027/versions").body["versions"].empty());
    // The same actions with no body still work.
    CHECK(s.call(verb::post, "/api/v1/communities/demo/plans/2027").status == 201);
    CHECK(s.call(verb::post, objective + "/approve").status == 200);
}

TEST_CASE("a wrong JSON type is answered 400 naming the field, never 500",
          "[integration][api][fields]") {
    signed_in_server s;
    auto const id = new_objective(s);
    auto const objective = "/api/v1/objectives/" + id;

    // The defect: "confirmed":"yes" was answered 500.
    check_refused(
        s.edit(verb::put, objective + "/working-group",
               {{"status", "composed"},
                {"members", {{{"name", "Ada"}, {"organization", "ASL"}, {"confirmed", "yes"}}}}}),
        "members[0].confirmed");
    check_refused(
        s.edit(verb::put, objective + "/working-group", {{"members", json::array({"Ada"})}}),
        "members[0]");
    check_refused(s.edit(verb::put, objective + "/working-group", {{"members", "Ada"}}), "members");
    check_refused(s.edit(verb::put, objective + "/working-group", {{"status", 2}}), "status");
    check_refused(s.edit(verb::patch, objective, {{"year", "2027"}}), "year");
    check_refused(s.edit(verb::patch, objective, {{"title", 5}}), "title");
    check_refused(s.edit(verb::patch, objective, {{"needs_working_group", 1}}),
                  "needs_working_group");
    check_refused(s.edit(verb::patch, objective, {{"owners", json::array({"ASL", 7})}}),
                  "owners[1]");
    check_refused(s.edit(verb::patch, objective, {{"deliverable", "soon"}}), "deliverable");
    check_refused(s.edit(verb::patch, objective, {{"deliverable", {{"status", true}}}}),
                  "deliverable.status");
    check_refused(
        s.call(verb::post, "/api/v1/communities/demo/objectives", {{"title", json::array({"T"})}}),
        "title");
    check_refused(s.edit(verb::put, "/api/v1/communities/demo/people",
                         {{"referents", json::array({json::array({"Ada"})})}}),
                  "referents[0]");
    check_refused(s.edit(verb::put, "/api/v1/communities/demo/people",
                         {{"referents", {{{"name", "Ada"}, {"organization", 3}}}}}),
                  "referents[0].organization");
    check_refused(
        s.call(verb::post, "/api/v1/communities/demo/meetings",
               {{"title", "Kick-off"}, {"scheduled_on", "2027-02-10"}, {"anonymous", "no"}}),
        "anonymous");
    check_refused(s.call(verb::post, "/api/v1/communities/demo/meetings",
                         {{"title", "Kick-off"}, {"scheduled_on", 20270210}}),
                  "scheduled_on");
    auto const r = request(s.server.port(), verb::post, "/api/v1/session", "",
                           json{{"name", "Mara"}, {"password", 1234}}.dump());
    check_refused(r, "password");

    // A body that is not an object is refused as a whole.
    auto const array = request(s.server.port(), verb::patch, objective, s.cookie, "[1,2]");
    CHECK(array.status == 400);
    CHECK(array.body.value("error", json::object()).value("code", "") == "bad_request");

    // The confirmed flag, given right, is kept.
    json const member{{"name", "Ada"}, {"organization", "ASL"}, {"confirmed", false}};
    auto const ok = s.edit(verb::put, objective + "/working-group",
                           {{"status", "composed"}, {"members", json::array({member})}});
    REQUIRE(ok.status == 200);
    CHECK(ok.body["objective"]["working_group"]["members"][0]["confirmed"] == false);
}

TEST_CASE("dates and months must be real", "[integration][api][fields]") {
    signed_in_server s;
    auto const objective = "/api/v1/objectives/" + new_objective(s);

    check_refused(s.edit(verb::put, objective + "/working-group",
                         {{"status", "enabled"}, {"start_date", "2027-02-31"}}),
                  "start_date");
    check_refused(s.edit(verb::put, objective + "/working-group",
                         {{"status", "enabled"}, {"start_date", "2027-02-29"}}),
                  "start_date");
    auto const leap = s.edit(verb::put, objective + "/working-group",
                             {{"status", "enabled"}, {"start_date", "2028-02-29"}});
    REQUIRE(leap.status == 200);
    CHECK(leap.body["objective"]["working_group"]["start_date"] == "2028-02-29");

    check_refused(s.edit(verb::patch, objective, {{"start_month", "2027-13"}}), "start_month");
    check_refused(s.edit(verb::patch, objective, {{"end_month", "2027-7"}}), "end_month");
    check_refused(s.edit(verb::patch, objective, {{"deliverable", {{"due_month", "2027-00"}}}}),
                  "deliverable.due_month");
    CHECK(s.edit(verb::patch, objective, {{"start_month", "2028-02"}, {"end_month", ""}}).status ==
          200);

    auto const meetings = std::string("/api/v1/communities/demo/meetings");
    check_refused(s.call(verb::post, meetings, {{"title", "K"}, {"scheduled_on", "2027-02-31"}}),
                  "scheduled_on");
    check_refused(s.call(verb::post, meetings, {{"title", "K"}}), "scheduled_on");
    auto const made =
        s.call(verb::post, meetings, {{"title", "K"}, {"scheduled_on", "2028-02-29"}});
    REQUIRE(made.status == 201);
    CHECK(made.body["meeting"]["scheduled_on"] == "2028-02-29");
}

TEST_CASE("titles are trimmed, one line, without bidi controls, counted in code points",
          "[integration][api][fields]") {
    signed_in_server s;
    auto const create = std::string("/api/v1/communities/demo/objectives");

    auto const trimmed = s.call(verb::post, create, {{"title", "  Sportello unico \t"}});
    REQUIRE(trimmed.status == 201);
    CHECK(trimmed.body["objective"]["title"] == "Sportello unico");
    auto const objective =
        "/api/v1/objectives/" + trimmed.body["objective"]["id"].get<std::string>();
    auto const patched = s.edit(
        verb::patch, objective,
        {{"title", " Mappa "}, {"owners", json::array({" ASL "})}, {"needs_working_group", true}});
    REQUIRE(patched.status == 200);
    CHECK(patched.body["objective"]["title"] == "Mappa");
    CHECK(patched.body["objective"]["owners"] == json{"ASL"});

    // A bidi override: refused in a title, a name, a member; blank is empty.
    check_refused(s.call(verb::post, create, {{"title", "Anna" + rlo + "gpj.exe"}}), "title");
    check_refused(s.edit(verb::patch, objective, {{"title", "Mappa" + rlo}}), "title");
    check_refused(s.call(verb::post, "/api/v1/communities/demo/meetings",
                         {{"title", rlo + "Kick-off"}, {"scheduled_on", "2027-02-10"}}),
                  "title");
    check_refused(s.edit(verb::put, objective + "/working-group",
                         {{"members", {{{"name", "Ada" + rlo}, {"organization", "ASL"}}}}}),
                  "members[0].name");
    check_refused(s.edit(verb::patch, objective, {{"title", "   "}}), "title");
    // A title is one line; a description may have several.
    check_refused(s.edit(verb::patch, objective, {{"title", "riga\nseconda"}}), "title");
    auto const lines = s.edit(verb::patch, objective, {{"description", "riga\n\tseconda"}});
    REQUIRE(lines.status == 200);
    CHECK(lines.body["objective"]["description"] == "riga\n\tseconda");
    check_refused(s.edit(verb::patch, objective, {{"description", "riga\x07"}}), "description");

    // 200 code points at most (400 bytes here).
    check_refused(s.call(verb::post, create, {{"title", accented(201)}}), "title");
    auto const longest = s.call(verb::post, create, {{"title", accented(200)}});
    REQUIRE(longest.status == 201);
    CHECK(longest.body["objective"]["title"] == accented(200));

    // Meetings and working-group members are trimmed as well.
    auto const meeting = s.call(verb::post, "/api/v1/communities/demo/meetings",
                                {{"title", "  Kick-off  "}, {"scheduled_on", " 2027-02-10 "}});
    REQUIRE(meeting.status == 201);
    CHECK(meeting.body["meeting"]["title"] == "Kick-off");
    CHECK(meeting.body["meeting"]["scheduled_on"] == "2027-02-10");
    auto const group = s.edit(verb::put, objective + "/working-group",
                              {{"members", {{{"name", " Ada "}, {"organization", " ASL "}}}}});
    REQUIRE(group.status == 200);
    CHECK(group.body["objective"]["working_group"]["members"][0]["name"] == "Ada");
    CHECK(group.body["objective"]["working_group"]["members"][0]["organization"] == "ASL");
}

TEST_CASE("a new meeting's question: one line of up to 300 characters, shown live",
          "[integration][api][fields][question]") {
    signed_in_server s;
    auto const meetings = std::string("/api/v1/communities/demo/meetings");
    auto const with = [](json question) {
        return json{{"title", "Kick-off"}, {"scheduled_on", "2027-02-10"}, {"question", question}};
    };
    check_refused(s.call(verb::post, meetings, with("Quali" + rlo + "?")), "question");
    check_refused(s.call(verb::post, meetings, with("Quali\nesigenze?")), "question");
    check_refused(s.call(verb::post, meetings, with(accented(301))), "question");
    check_refused(s.call(verb::post, meetings, with(3)), "question");

    auto const none =
        s.call(verb::post, meetings, {{"title", "K"}, {"scheduled_on", "2027-02-10"}});
    REQUIRE(none.status == 201);
    CHECK(none.body["meeting"]["question"] == "");

    auto const made = s.call(verb::post, meetings, with("  " + accented(300) + " "));
    REQUIRE(made.status == 201);
    CHECK(made.body["meeting"]["question"] == accented(300));
    auto const id = made.body["meeting"]["id"].get<std::int64_t>();
    CHECK(s.call(verb::get, "/api/v1/meetings/" + std::to_string(id)).body["meeting"]["question"] ==
          accented(300));

    // The live meeting asks it of whoever joins.
    ws_client anna(s.server.port());
    auto const ack =
        anna.join(made.body["meeting"]["join_code"].get<std::string>(), "Anna", "Comune di Lecce");
    REQUIRE(ack["type"] == "ack");
    CHECK(ack["result"]["meeting"]["question"] == accented(300));
}

TEST_CASE("a year in a query must be a whole year", "[integration][api][fields]") {
    signed_in_server s;
    new_objective(s);
    auto const list = "/api/v1/communities/demo/objectives?year=";
    CHECK(s.call(verb::get, list + std::string("2027")).body["objectives"].size() == 1);
    for (std::string bad : {"2027x", "x", "1999", "99999999999999999999", "%202027", "-2027"}) {
        auto const r = s.call(verb::get, list + bad);
        INFO(bad);
        CHECK(r.status == 400);
    }
}
