// No lost edits, against the real server: every editable resource answers
// with an ETag; a PATCH or PUT without If-Match is refused 428, with a stale
// one 412 (showing the current version), and of two writers naming the same
// version exactly one succeeds.
#include "support/api_client.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <latch>
#include <string>
#include <thread>

using namespace tavolo::test;
using verb = boost::beast::http::verb;
using json = nlohmann::json;

namespace {

std::string new_objective(signed_in_server& s) {
    auto const r =
        s.call(verb::post, "/api/v1/communities/demo/objectives",
               {{"title", "Mappa dei servizi"}, {"year", 2027}, {"needs_working_group", true}});
    REQUIRE(r.status == 201);
    return "/api/v1/objectives/" + r.body["objective"]["id"].get<std::string>();
}

void check_precondition_required(answer const& a) {
    INFO(a.text);
    CHECK(a.status == 428);
    CHECK(a.body["error"]["code"] == "precondition_required");
}

void check_stale(answer const& a, std::string const& current_etag) {
    INFO(a.text);
    CHECK(a.status == 412);
    CHECK(a.body["error"]["code"] == "precondition_failed");
    CHECK(a.etag == current_etag);
    CHECK(a.body["etag"] == current_etag);
}

// Sends both at once (two connections), returns both answers.
std::pair<answer, answer> at_once(signed_in_server& s, verb v, std::string const& target,
                                  json const& first, json const& second, std::string const& tag) {
    std::latch ready(2);
    answer a, b;
    auto send = [&](json const& body, answer& into) {
        ready.arrive_and_wait();
        into = request(s.server.port(), v, target, s.cookie, body.dump(), "application/json",
                       {{"If-Match", tag}});
    };
    std::thread one([&] { send(first, a); });
    std::thread two([&] { send(second, b); });
    one.join();
    two.join();
    return {a, b};
}

} // namespace

TEST_CASE("an objective's edits name the version they change", "[integration][api][etag]") {
    signed_in_server s;
    auto const objective = new_objective(s);

    auto read = s.call(verb::get, objective);
    REQUIRE(read.status == 200);
    auto const first = read.etag;
    CHECK(first.size() == 34);
    CHECK(first.front() == '"');
    CHECK(s.call(verb::get, objective).etag == first); // the same version, the same tag

    // Without If-Match: refused, nothing changed.
    check_precondition_required(s.call(verb::patch, objective, {{"title", "Senza versione"}}));
    check_precondition_required(
        s.call(verb::put, objective + "/working-group", {{"status", "forming"}}));
    CHECK(s.call(verb::get, objective).body["objective"]["title"] == "Mappa dei servizi");

    // With the version read: saved, and the answer names the new version.
    auto saved =
        s.call(verb::patch, objective, {{"title", "Mappa di Anna"}}, {{"If-Match", first}});
    REQUIRE(saved.status == 200);
    CHECK(saved.body["objective"]["title"] == "Mappa di Anna");
    auto const second = saved.etag;
    CHECK(second != first);
    CHECK(s.call(verb::get, objective).etag == second);

    // Bruno still holds the first version: his save is refused and he is
    // shown Anna's.
    auto const bruno =
        s.call(verb::patch, objective, {{"description", "Di Bruno"}}, {{"If-Match", first}});
    check_stale(bruno, second);
    CHECK(bruno.body["current"]["objective"]["title"] == "Mappa di Anna");
    CHECK(s.call(verb::get, objective).body["objective"]["description"] == "");
    check_stale(s.call(verb::put, objective + "/working-group", {{"status", "forming"}},
                       {{"If-Match", first}}),
                second);

    // The working group is part of the objective's version.
    auto group =
        s.call(verb::put, objective + "/working-group",
               {{"status", "forming"}, {"members", {{{"name", "Ada"}, {"organization", "ASL"}}}}},
               {{"If-Match", second}});
    REQUIRE(group.status == 200);
    CHECK(group.etag != second);
    CHECK(group.etag == s.call(verb::get, objective).etag);

    // A status change is a new version too: an edit made before it is stale.
    auto const approved = s.call(verb::post, objective + "/approve");
    REQUIRE(approved.status == 200);
    CHECK(approved.etag != group.etag);
    check_stale(s.call(verb::patch, objective, {{"title", "Tardi"}}, {{"If-Match", group.etag}}),
                approved.etag);

    // RFC 9110: a list may name it; a weak tag never matches; "*" matches
    // whatever version there is.
    CHECK(s.call(verb::patch, objective, {{"title", "Da lista"}},
                 {{"If-Match", "\"0000\", " + approved.etag}})
              .status == 200);
    auto const now = s.call(verb::get, objective).etag;
    check_stale(s.call(verb::patch, objective, {{"title", "Debole"}}, {{"If-Match", "W/" + now}}),
                now);
    auto const any = s.call(verb::patch, objective, {{"title", "Qualunque"}}, {{"If-Match", "*"}});
    CHECK(any.status == 200);
    CHECK(any.body["objective"]["title"] == "Qualunque");

    // A bad body is still a 400 whatever the version; an unknown objective 404.
    CHECK(s.call(verb::patch, objective, {{"title", 5}}, {{"If-Match", any.etag}}).status == 400);
    CHECK(s.call(verb::patch, "/api/v1/objectives/obj-none", {{"title", "x"}}, {{"If-Match", "*"}})
              .status == 404);
}

TEST_CASE("a community's people list names the version it changes", "[integration][api][etag]") {
    signed_in_server s;
    auto const people = std::string("/api/v1/communities/demo/people");
    auto const read = s.call(verb::get, people);
    REQUIRE(read.status == 200);
    REQUIRE(!read.etag.empty());
    CHECK(s.call(verb::get, "/api/v1/communities/demo").body["community"]["people_etag"] ==
          read.etag);

    json const anna{{"coordinators", {{{"name", "Anna"}, {"organization", "Comune"}}}},
                    {"referents", json::array()}};
    check_precondition_required(s.call(verb::put, people, anna));
    auto const saved = s.call(verb::put, people, anna, {{"If-Match", read.etag}});
    REQUIRE(saved.status == 200);
    CHECK(saved.body["coordinators"][0]["name"] == "Anna");
    CHECK(saved.etag != read.etag);
    CHECK(s.call(verb::get, people).etag == saved.etag);

    json const bruno{{"coordinators", {{{"name", "Bruno"}}}}};
    auto const late = s.call(verb::put, people, bruno, {{"If-Match", read.etag}});
    check_stale(late, saved.etag);
    CHECK(late.body["current"]["coordinators"][0]["name"] == "Anna");
    CHECK(s.call(verb::get, people).body["coordinators"][0]["name"] == "Anna");
}

TEST_CASE("of two edits of the same version at once exactly one is saved",
          "[integration][api][etag]") {
    signed_in_server s;
    auto const objective = new_objective(s);
    for (int round = 0; round < 12; ++round) {
        INFO("round " << round);
        auto const tag = s.call(verb::get, objective).etag;
        auto const anna = "Anna " + std::to_string(round);
        auto const bruno = "Bruno " + std::to_string(round);
        auto const [a, b] =
            at_once(s, verb::patch, objective, {{"title", anna}}, {{"title", bruno}}, tag);
        INFO(a.text << "\n" << b.text);
        REQUIRE(((a.status == 200 && b.status == 412) || (a.status == 412 && b.status == 200)));
        auto const& won = a.status == 200 ? a : b;
        auto const& lost = a.status == 200 ? b : a;
        auto const winner = won.body["objective"]["title"].get<std::string>();
        auto const now = s.call(verb::get, objective);
        CHECK(now.body["objective"]["title"] == winner);
        CHECK(now.etag == won.etag);
        CHECK(lost.body["current"]["objective"]["title"] == winner);
    }
    auto const people = std::string("/api/v1/communities/demo/people");
    for (int round = 0; round < 6; ++round) {
        INFO("people, round " << round);
        auto const tag = s.call(verb::get, people).etag;
        auto const [a, b] = at_once(
            s, verb::put, people, {{"referents", {{{"name", "Anna " + std::to_string(round)}}}}},
            {{"referents", {{{"name", "Bruno " + std::to_string(round)}}}}}, tag);
        INFO(a.text << "\n" << b.text);
        REQUIRE(((a.status == 200 && b.status == 412) || (a.status == 412 && b.status == 200)));
        auto const& won = a.status == 200 ? a : b;
        CHECK(s.call(verb::get, people).body["referents"] == won.body["referents"]);
    }
}

TEST_CASE("a deliverable's file is put and removed naming the objective's version",
          "[integration][api][etag]") {
    signed_in_server s;
    auto const objective = new_objective(s);
    auto const file = objective + "/deliverable/file";
    auto const port = s.server.port();
    auto const first = s.call(verb::get, objective).etag;
    auto put = [&](std::string const& bytes, extra_headers const& extra) {
        return request(port, verb::put, file + "?name=relazione.pdf", s.cookie, bytes,
                       "application/pdf", extra);
    };

    check_precondition_required(put("%PDF-1 di Anna", {}));
    auto const anna = put("%PDF-1 di Anna", {{"If-Match", first}});
    REQUIRE(anna.status == 200);
    CHECK(anna.body["objective"]["deliverable"]["has_file"] == true);
    CHECK(anna.etag != first);

    // Bruno read the objective before Anna's file: his file would replace
    // hers unseen. Then, having seen it, he replaces it with new bytes under
    // the same name: a new version all the same.
    check_stale(put("%PDF-1 di Bruno", {{"If-Match", first}}), anna.etag);
    CHECK(s.call(verb::get, file).text == "%PDF-1 di Anna");
    auto const bruno = put("%PDF-1 di Bruno", {{"If-Match", anna.etag}});
    REQUIRE(bruno.status == 200);
    CHECK(bruno.etag != anna.etag);
    CHECK(s.call(verb::get, file).text == "%PDF-1 di Bruno");

    check_precondition_required(s.call(verb::delete_, file));
    check_stale(s.call(verb::delete_, file, nullptr, {{"If-Match", anna.etag}}), bruno.etag);
    auto const removed = s.call(verb::delete_, file, nullptr, {{"If-Match", bruno.etag}});
    REQUIRE(removed.status == 200);
    CHECK(removed.body["objective"]["deliverable"]["has_file"] == false);
    CHECK(s.call(verb::get, file).status == 404);
}
