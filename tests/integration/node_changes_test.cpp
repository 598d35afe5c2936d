// Several tavolo nodes on one PostgreSQL store: what a coordinator changes
// through one node's API reaches a meeting live on another (LISTEN/NOTIFY,
// app/adapters/live_relay.hpp): open and close, a new facilitator link, and
// a plan change that a follow-up meeting presents. A change for a meeting no
// node serves is made by the node asked.
#include "support/api_client.hpp"
#include "support/postgres_server.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>

#include <libpq-fe.h>

#include <csignal>
#include <ctime>
#include <fstream>
#include <thread>

using namespace tavolo;
using namespace tavolo::test;
using verb = http::verb;
using namespace std::chrono_literals;

namespace {

std::string year_of_today() {
    auto const now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return std::to_string(tm.tm_year + 1900);
}

// Two nodes (a and b) on one fresh database, with a coordinator signed in.
struct two_nodes {
    temp_dir dir;
    std::string url = postgres_server::shared().fresh_database();
    std::filesystem::path config = write_config();
    std::vector<std::string> args{"--config", config.string()};
    std::string password =
        password_in(run_tavolo("coordinator add Mara --data '" + (dir / "a").string() +
                               "' --config '" + config.string() + "'")
                        .second);
    server_process a{dir / "a", args};
    server_process b{dir / "b", args};
    std::string cookie = sign_in(b.port());

    std::filesystem::path write_config() {
        auto const file = dir / "node.json";
        std::ofstream(file) << json{
            {"store", {{"backend", "postgresql"}, {"postgresql", {{"url", url}}}}},
            {"cluster", {{"node", "n"}, {"lease_seconds", 2}}},
            {"demo", false}}.dump();
        return file;
    }

    std::string sign_in(unsigned short port) {
        auto const r = request(port, verb::post, "/api/v1/session", "",
                               json{{"name", "Mara"}, {"password", password}}.dump());
        REQUIRE(r.status == 200);
        return r.set_cookie.substr(0, r.set_cookie.find(';'));
    }

    // The first column of the first row of a query on the store.
    std::int64_t count(std::string const& sql) const { return test::query_count(url, sql); }

    // A call to node `port`'s API as the coordinator.
    answer call(unsigned short port, verb v, std::string const& target,
                json const& body = nullptr) {
        return request(port, v, target, cookie, body.is_null() ? "" : body.dump());
    }
};

struct made_meeting {
    std::int64_t id = 0;
    std::string code;
    std::string secret;
    std::string path() const { return "/api/v1/meetings/" + std::to_string(id); }
};

made_meeting make_meeting(two_nodes& f, json body) {
    auto const r = f.call(f.b.port(), verb::post, "/api/v1/communities/ct/meetings", body);
    REQUIRE(r.status == 201);
    auto const link = r.body["facilitator_link"].get<std::string>();
    return {r.body["meeting"]["id"].get<std::int64_t>(),
            r.body["meeting"]["join_code"].get<std::string>(), link.substr(link.rfind('/') + 1)};
}

json join(ws_client& c, std::string const& code, std::string const& name,
          std::string const& secret = "") {
    json msg{{"type", "join"},
             {"ref", "j"},
             {"code", code},
             {"name", name},
             {"organization", "Comune di Lecce"}};
    if (!secret.empty())
        msg["secret"] = secret;
    c.send(msg);
    auto const reply = c.read_until(reply_to("j"));
    REQUIRE(reply);
    return *reply;
}

// The next frame of `type` (skipping presence and others); null if none came.
json next(ws_client& c, std::string const& type) {
    auto const f = c.read_until([&](json const& j) { return j["type"] == type; });
    return f ? *f : json();
}

} // namespace

TEST_CASE("a coordinator opens, closes and relinks through one node a meeting live on another",
          "[integration][postgresql][nodes]") {
    two_nodes f;
    REQUIRE(f.call(f.b.port(), verb::post, "/api/v1/communities",
                   {{"slug", "ct"}, {"name", "Comunità"}})
                .status == 201);
    auto const m = make_meeting(f, {{"title", "Assemblea"}, {"scheduled_on", "2026-05-04"}});

    // Joined through a: the meeting is live there.
    ws_client anna(f.a.port());
    REQUIRE(join(anna, m.code, "Anna")["type"] == "ack");
    ws_client fabia(f.a.port());
    REQUIRE(join(fabia, m.code, "Fabia", m.secret)["type"] == "ack");
    ws_client elsewhere(f.b.port());
    REQUIRE(join(elsewhere, m.code, "Bruno")["code"] == "meeting_moving");

    auto r = f.call(f.b.port(), verb::post, m.path() + "/open");
    REQUIRE(r.status == 200);
    CHECK(r.body["meeting"]["phase"] == "collect");
    CHECK(next(anna, "meeting")["meeting"]["phase"] == "collect");
    CHECK(f.call(f.b.port(), verb::post, m.path() + "/open").status == 409);

    r = f.call(f.b.port(), verb::post, m.path() + "/close");
    REQUIRE(r.status == 200);
    CHECK(r.body["meeting"]["phase"] == "closed");
    CHECK(next(anna, "meeting")["meeting"]["phase"] == "closed");

    // A new link through b: the facilitator on a is sent away, the old link
    // refused there and the new one let in.
    r = f.call(f.b.port(), verb::post, m.path() + "/facilitator-link");
    REQUIRE(r.status == 200);
    auto const link = r.body["facilitator_link"].get<std::string>();
    auto const secret = link.substr(link.rfind('/') + 1);
    CHECK(secret != m.secret);
    fabia.read_until([](json const&) { return false; }, 2s);
    CHECK(fabia.closed());
    ws_client stale(f.a.port());
    CHECK(join(stale, m.code, "Fabia", m.secret)["type"] == "error");
    ws_client fresh(f.a.port());
    auto const again = join(fresh, m.code, "Fabia", secret);
    CHECK(again["type"] == "ack");
    CHECK(f.b.logged("meeting_taken") == false); // b never served it
}

TEST_CASE("a change for a meeting no node serves is made by the node asked, which lets it go",
          "[integration][postgresql][nodes]") {
    two_nodes f;
    REQUIRE(f.call(f.a.port(), verb::post, "/api/v1/communities",
                   {{"slug", "ct"}, {"name", "Comunità"}})
                .status == 201);
    auto const m = make_meeting(f, {{"title", "Assemblea"}, {"scheduled_on", "2026-05-04"}});

    auto const r = f.call(f.b.port(), verb::post, m.path() + "/open");
    REQUIRE(r.status == 200);
    CHECK(r.body["meeting"]["phase"] == "collect");
    // b took it only to make the change and let it go: whichever node people
    // reach (the one HAProxy's ring names) serves it, open, at once.
    auto const deadline = std::chrono::steady_clock::now() + 5s;
    while (!f.b.logged("meeting_released") && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    CHECK(f.b.logged("meeting_released"));
    ws_client anna(f.a.port());
    auto const joined = join(anna, m.code, "Anna");
    REQUIRE(joined["type"] == "ack");
    CHECK(joined["result"]["meeting"]["phase"] == "collect");
    ws_client bruno(f.b.port());
    CHECK(join(bruno, m.code, "Bruno")["code"] == "meeting_moving"); // now a's
}

TEST_CASE("a change nobody answers is refused not_live, and made once the meeting moved",
          "[integration][postgresql][nodes]") {
    two_nodes f;
    REQUIRE(f.call(f.b.port(), verb::post, "/api/v1/communities",
                   {{"slug", "ct"}, {"name", "Comunità"}})
                .status == 201);
    auto const m = make_meeting(f, {{"title", "Assemblea"}, {"scheduled_on", "2026-05-04"}});
    ws_client anna(f.a.port());
    REQUIRE(join(anna, m.code, "Anna")["type"] == "ack");

    // a holds the meeting (a 2 s lease renewed every 0.7 s) but answers nothing.
    ::kill(f.a.pid(), SIGSTOP);
    auto const asked = std::chrono::steady_clock::now();
    auto r = f.call(f.b.port(), verb::post, m.path() + "/open");
    CHECK(r.status == 503);
    CHECK(r.body["error"]["code"] == "not_live");
    CHECK(std::chrono::steady_clock::now() - asked >= 2s);
    // Its lease has run out meanwhile: b takes the meeting and opens it.
    r = f.call(f.b.port(), verb::post, m.path() + "/open");
    CHECK(r.status == 200);
    CHECK(r.body["meeting"]["phase"] == "collect");
    ::kill(f.a.pid(), SIGCONT);
}

TEST_CASE("a plan changed through one node reaches a follow-up meeting live on another",
          "[integration][postgresql][nodes]") {
    two_nodes f;
    auto const year = year_of_today();
    REQUIRE(f.call(f.b.port(), verb::post, "/api/v1/communities",
                   {{"slug", "ct"}, {"name", "Comunità"}})
                .status == 201);
    auto objective = [&](std::string const& title) {
        auto const r = f.call(f.b.port(), verb::post, "/api/v1/communities/ct/objectives",
                              {{"title", title},
                               {"year", std::stoi(year)},
                               {"needs_working_group", true},
                               {"start_month", year + "-07"}});
        REQUIRE(r.status == 201);
        return r.body["objective"]["id"].get<std::string>();
    };
    auto const first = objective("Interoperabilità dei dati sanitari");
    REQUIRE(f.call(f.b.port(), verb::post, "/api/v1/objectives/" + first + "/approve").status ==
            200);
    auto const m = make_meeting(
        f, {{"title", "Follow-up"}, {"scheduled_on", year + "-05-04"}, {"kind", "followup"}});

    ws_client anna(f.a.port());
    auto const joined = join(anna, m.code, "Anna");
    REQUIRE(joined["type"] == "ack");
    REQUIRE(joined["result"]["plan"].size() == 1);

    // Approved through b: the meeting on a presents it.
    auto const second = objective("Catalogo dei servizi");
    REQUIRE(f.call(f.b.port(), verb::post, "/api/v1/objectives/" + second + "/approve").status ==
            200);
    auto const plan = next(anna, "plan");
    REQUIRE(plan["plan"].size() == 2);
    CHECK((plan["plan"][0]["objective"] == second || plan["plan"][1]["objective"] == second));

    // The nodes' listening connections are cut: they listen again, and what
    // changes afterwards still reaches the meeting.
    CHECK(f.count("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                  "WHERE application_name = 'tavolo listener'") == 2);
    auto const deadline = std::chrono::steady_clock::now() + 5s;
    while (!(f.a.logged("listening_to_nodes_again") && f.b.logged("listening_to_nodes_again")) &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    REQUIRE(f.a.logged("listening_to_nodes_again"));
    auto const third = objective("Formazione congiunta");
    REQUIRE(f.call(f.b.port(), verb::post, "/api/v1/objectives/" + third + "/approve").status ==
            200);
    auto const later =
        anna.read_until([](json const& j) { return j["type"] == "plan" && j["plan"].size() == 3; });
    CHECK(later);
}
