// A follow-up meeting against the real server: a coordinator prepares the
// plan over the API and opens the meeting; participants volunteer over the
// live connection and everyone sees the groups fill up; the facilitator
// confirms and enables a group; the store has it all, and a change made
// through the API reaches the meeting live; after a restart the meeting
// comes back with its groups.
#include "support/api_client.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>

using namespace tavolo;
using namespace tavolo::test;
using verb = http::verb;

namespace {

std::string year_of_today() {
    auto const now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return std::to_string(tm.tm_year + 1900);
}

struct live_member {
    std::unique_ptr<ws_client> ws;
    json welcome;
};

live_member join(unsigned short port, json msg) {
    live_member m{std::make_unique<ws_client>(port), nullptr};
    msg["type"] = "join";
    msg["ref"] = "j";
    m.ws->send(msg);
    auto const ack = m.ws->read();
    REQUIRE(ack);
    REQUIRE((*ack)["type"] == "ack");
    m.welcome = (*ack)["result"];
    return m;
}

// The next frame of `type` (skipping presence and others).
json next(ws_client& ws, std::string const& type) {
    auto const f = ws.read_until([&](json const& j) { return j["type"] == type; });
    REQUIRE(f);
    return *f;
}

json reply(ws_client& ws, std::string const& ref) {
    auto const f = ws.read_until([&](json const& j) {
        return (j["type"] == "ack" || j["type"] == "error") && j["ref"] == ref;
    });
    REQUIRE(f);
    return *f;
}

} // namespace

TEST_CASE("a follow-up meeting launches the plan's working groups", "[integration][followup]") {
    signed_in_server s;
    auto const year = year_of_today();
    REQUIRE(s.call(verb::post, "/api/v1/communities", {{"slug", "ct-fu"}, {"name", "Comunità FU"}})
                .status == 201);
    auto objective = [&](std::string const& title, bool group) {
        auto const a = s.call(verb::post, "/api/v1/communities/ct-fu/objectives",
                              {{"title", title},
                               {"year", std::stoi(year)},
                               {"needs_working_group", group},
                               {"start_month", year + "-07"},
                               {"deliverable", {{"description", "Linee guida"}}}});
        REQUIRE(a.status == 201);
        auto const id = a.body["objective"]["id"].get<std::string>();
        REQUIRE(s.call(verb::post, "/api/v1/objectives/" + id + "/approve").status == 200);
        return id;
    };
    auto const with_group = objective("Interoperabilità dei dati sanitari", true);
    auto const without = objective("Catalogo dei servizi", false);
    objective("Formazione congiunta", true);
    // Not approved: not in the plan.
    auto const draft = s.call(verb::post, "/api/v1/communities/ct-fu/objectives",
                              {{"title", "Solo bozza"}, {"year", std::stoi(year)}});
    REQUIRE(draft.status == 201);

    auto a =
        s.call(verb::post, "/api/v1/communities/ct-fu/meetings",
               {{"title", "Follow-up"}, {"scheduled_on", year + "-05-04"}, {"kind", "followup"}});
    REQUIRE(a.status == 201);
    auto const id = a.body["meeting"]["id"].get<std::int64_t>();
    auto const code = a.body["meeting"]["join_code"].get<std::string>();
    auto const link = a.body["facilitator_link"].get<std::string>();
    auto const secret = link.substr(link.rfind('/') + 1);
    auto const port = s.server.port();

    auto anna = join(port, {{"code", code}, {"name", "Anna"}, {"organization", "Comune di Lecce"}});
    CHECK(anna.welcome["meeting"]["kind"] == "followup");
    CHECK(anna.welcome["meeting"]["phase"] == "lobby");
    REQUIRE(anna.welcome["plan"].size() == 3);
    CHECK(anna.welcome["plan"][0]["objective"] == with_group);
    CHECK(anna.welcome["plan"][0]["deliverable"]["description"] == "Linee guida");
    CHECK(anna.welcome["plan"][1]["working_group"].is_null());
    auto marco = join(port, {{"code", code}, {"name", "Marco"}, {"organization", "ASL Bari"}});
    auto fabia =
        join(port, {{"code", code}, {"name", "Fabia"}, {"organization", ""}, {"secret", secret}});

    // Not before the meeting is open.
    anna.ws->send({{"type", "volunteer"}, {"ref", "v0"}, {"objective", with_group}});
    CHECK(reply(*anna.ws, "v0")["code"] == "wrong_phase");

    // The coordinator opens it from the API: a follow-up opens on its plan.
    a = s.call(verb::post, "/api/v1/meetings/" + std::to_string(id) + "/open");
    REQUIRE(a.status == 200);
    CHECK(a.body["meeting"]["phase"] == "plan");
    CHECK(next(*anna.ws, "meeting")["meeting"]["phase"] == "plan");
    CHECK(s.call(verb::post, "/api/v1/meetings/" + std::to_string(id) + "/open").status == 409);

    anna.ws->send({{"type", "volunteer"}, {"ref", "v1"}, {"objective", with_group}});
    CHECK(reply(*anna.ws, "v1")["type"] == "ack");
    marco.ws->send({{"type", "volunteer"}, {"ref", "v2"}, {"objective", with_group}});
    CHECK(reply(*marco.ws, "v2")["type"] == "ack");
    marco.ws->send({{"type", "volunteer"}, {"ref", "v3"}, {"objective", without}});
    CHECK(reply(*marco.ws, "v3")["code"] == "no_working_group");
    // Everyone sees the group fill up.
    auto seen = next(*fabia.ws, "working_group");
    CHECK(seen["item"]["working_group"]["members"].size() == 1);
    seen = next(*fabia.ws, "working_group");
    CHECK(seen["item"]["working_group"]["members"].size() == 2);
    CHECK(seen["item"]["working_group"]["members"][1]["organization"] == "ASL Bari");

    fabia.ws->send({{"type", "working_group_status"},
                    {"ref", "c"},
                    {"objective", with_group},
                    {"status", "enabled"},
                    {"start_date", year + "-07-01"}});
    auto const enabled = reply(*fabia.ws, "c");
    REQUIRE(enabled["type"] == "ack");
    CHECK(enabled["result"]["working_group"]["status"] == "enabled");

    // The store has it: the coordinator reads it through the API.
    a = s.call(verb::get, "/api/v1/objectives/" + with_group);
    auto group = a.body["objective"]["working_group"];
    CHECK(group["status"] == "enabled");
    CHECK(group["start_date"] == year + "-07-01");
    REQUIRE(group["members"].size() == 2);
    CHECK(group["members"][0]["name"] == "Anna");
    CHECK(group["members"][0]["confirmed"] == true);
    a = s.call(verb::get, "/api/v1/system-plans/" + year);
    CHECK(a.body.dump().find(year + "-07") != std::string::npos);

    // A coordinator changes the group through the API: the meeting shows it.
    a = s.edit(verb::put, "/api/v1/objectives/" + with_group + "/working-group",
               {{"status", "enabled"},
                {"start_date", year + "-09-01"},
                {"members",
                 {{{"name", "Anna"}, {"organization", "Comune di Lecce"}},
                  {{"name", "Bea"}, {"organization", "Comune di Bari"}}}}});
    REQUIRE(a.status == 200);
    auto const plan = next(*anna.ws, "plan");
    auto const& shown = plan["plan"][0]["working_group"];
    CHECK(shown["start_date"] == year + "-09-01");
    REQUIRE(shown["members"].size() == 2);
    CHECK(shown["members"][1]["name"] == "Bea");

    // A new facilitator link: the old one is refused, the facilitator sent away.
    a = s.call(verb::post, "/api/v1/meetings/" + std::to_string(id) + "/facilitator-link");
    REQUIRE(a.status == 200);
    auto const new_link = a.body["facilitator_link"].get<std::string>();
    CHECK(new_link != link);
    CHECK(fabia.ws->read_until([](json const&) { return false; }, std::chrono::seconds(2)) ==
          std::nullopt);
    CHECK(fabia.ws->closed());
    auto stale = std::make_unique<ws_client>(port);
    stale->send({{"type", "join"},
                 {"ref", "x"},
                 {"code", code},
                 {"name", "F"},
                 {"organization", ""},
                 {"secret", secret}});
    CHECK(reply(*stale, "x")["code"] == "bad_secret");
    auto again = join(port, {{"code", code},
                             {"name", "Fabia"},
                             {"organization", ""},
                             {"secret", new_link.substr(new_link.rfind('/') + 1)}});
    CHECK(again.welcome["you"]["role"] == "facilitator");

    // Closed from the API; the meeting takes nothing more.
    a = s.call(verb::post, "/api/v1/meetings/" + std::to_string(id) + "/close");
    REQUIRE(a.status == 200);
    CHECK(a.body["meeting"]["phase"] == "closed");
    CHECK(s.call(verb::post, "/api/v1/meetings/" + std::to_string(id) + "/close").status == 409);
    CHECK(s.call(verb::post, "/api/v1/meetings/999/close").status == 404);
    CHECK(s.call(verb::get, "/api/v1/meetings/" + std::to_string(id)).body["meeting"]["phase"] ==
          "closed");
    for (auto const& line : s.server.log_lines()) {
        CHECK(line.find(secret) == std::string::npos);
        CHECK(line.find(new_link.substr(new_link.rfind('/') + 1)) == std::string::npos);
    }

    // After a restart the meeting comes back with its plan and groups.
    anna.ws.reset();
    marco.ws.reset();
    again.ws.reset();
    s.server.kill();
    server_process restarted(s.dir.path());
    auto back = join(restarted.port(),
                     {{"code", code}, {"name", "Carla"}, {"organization", "Comune di Taranto"}});
    CHECK(back.welcome["meeting"]["phase"] == "closed");
    REQUIRE(back.welcome["plan"].size() == 3);
    CHECK(back.welcome["plan"][0]["working_group"]["members"].size() == 2);
}
