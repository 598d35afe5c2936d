#include "support/fake_live.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/live/hub.hpp"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

using namespace tavolo;
using nlohmann::json;

namespace {

struct fixture {
    boost::asio::io_context ioc;
    test::manual_persistence store;
    std::string secret = core::generate_secret();
    std::unique_ptr<live::hub> hub;

    explicit fixture(live::hub_limits limits = {},
                     live::meeting_phase phase = live::meeting_phase::collect,
                     live::grouper* grouper = nullptr) {
        live::meeting_snapshot m;
        m.info.id = 7;
        m.info.title = "Kick-off";
        m.info.community_name = "Comunità";
        m.info.join_code = "ABCD2345";
        m.info.facilitator_secret_hash = core::hash_secret(secret);
        m.info.phase = phase;
        live::contribution old;
        old.id = "old";
        old.meeting_id = 7;
        old.seq = 3;
        old.kind = live::contribution_kind::need;
        old.text = "Esistente";
        old.participant_id = "p0";
        old.author_name = "Bea";
        old.author_organization = "Comune di Bari";
        m.contributions.push_back(old);
        m.last_seq = 3;
        store.meetings.push_back(m);
        hub = std::make_unique<live::hub>(ioc, store, limits, grouper);
        hub->restore();
    }

    struct client {
        std::shared_ptr<test::recording_connection> conn =
            std::make_shared<test::recording_connection>();
        std::shared_ptr<live::peer> peer;
    };

    client connect() {
        client c;
        c.peer = hub->connect(c.conn);
        return c;
    }

    void send(client const& c, json const& msg) { send_text(c, msg.dump()); }

    void send_text(client const& c, std::string const& frame) {
        hub->on_message(c.peer, frame);
        ioc.restart();
        ioc.poll();
    }

    client facilitator() {
        auto c = connect();
        send(c, {{"type", "join"},
                 {"ref", "j"},
                 {"code", "ABCD2345"},
                 {"name", "Fabia"},
                 {"organization", ""},
                 {"secret", secret}});
        auto frames = c.conn->take();
        REQUIRE(frames.size() == 1);
        REQUIRE(frames[0]["type"] == "ack");
        return c;
    }

    // Runs what other threads posted to the meeting (a grouper's answer).
    void settle() {
        ioc.restart();
        ioc.poll();
    }

    client joined(std::string const& name) {
        auto c = connect();
        send(c, {{"type", "join"},
                 {"ref", "j"},
                 {"code", "abcd-2345"},
                 {"name", name},
                 {"organization", "Ente di " + name}});
        auto frames = c.conn->take();
        REQUIRE(frames.size() == 1);
        REQUIRE(frames[0]["type"] == "ack");
        return c;
    }
};

json submit(std::string const& id, std::string const& text, std::string const& ref = "s") {
    return {{"type", "submit"}, {"ref", ref}, {"id", id}, {"kind", "proposal"}, {"text", text}};
}

} // namespace

TEST_CASE("joining returns the meeting and its contributions", "[live][room]") {
    fixture f;
    auto c = f.connect();
    f.send(c, {{"type", "join"},
               {"ref", "j1"},
               {"code", "ABCD-2345"},
               {"name", "Anna"},
               {"organization", "Comune di Lecce"}});
    auto frames = c.conn->take();
    REQUIRE(frames.size() == 1);
    auto const& ack = frames[0];
    CHECK(ack["type"] == "ack");
    CHECK(ack["ref"] == "j1");
    CHECK(ack["result"]["meeting"]["title"] == "Kick-off");
    CHECK(ack["result"]["meeting"]["phase"] == "collect");
    CHECK(ack["result"]["you"]["role"] == "participant");
    CHECK(ack["result"]["seq"] == 3);
    REQUIRE(ack["result"]["contributions"].size() == 1);
    CHECK(ack["result"]["contributions"][0]["text"] == "Esistente");
    CHECK(ack["result"]["mode"] == "snapshot");
    CHECK(ack["result"]["resume"].get<std::string>().size() >= 43);
    // Joining writes nothing: a participant is stored with their first change.
    CHECK(f.store.saved.empty());

    SECTION("a second join on the same connection is refused") {
        f.send(c, {{"type", "join"},
                   {"ref", "j2"},
                   {"code", "ABCD2345"},
                   {"name", "Anna"},
                   {"organization", "X"}});
        auto again = c.conn->take();
        REQUIRE(again.size() == 1);
        CHECK(again[0]["code"] == "already_joined");
    }
}

TEST_CASE("joins that fail", "[live][room]") {
    live::hub_limits limits;
    limits.rooms.max_participants = 1;
    fixture f(limits);
    auto c = f.connect();
    f.send(
        c,
        {{"type", "join"}, {"ref", 1}, {"code", "ZZZZ9999"}, {"name", "A"}, {"organization", "B"}});
    CHECK(c.conn->take().at(0)["code"] == "meeting_not_found");

    f.send(c, {{"type", "join"},
               {"ref", 2},
               {"code", "ABCD2345"},
               {"name", "A"},
               {"organization", ""},
               {"secret", "wrong"}});
    CHECK(c.conn->take().at(0)["code"] == "bad_secret");

    f.joined("Primo");
    auto late = f.connect();
    f.send(late, {{"type", "join"},
                  {"ref", 3},
                  {"code", "ABCD2345"},
                  {"name", "Secondo"},
                  {"organization", "B"}});
    CHECK(late.conn->take().at(0)["code"] == "meeting_full");

    SECTION("the facilitator gets in even when the meeting is full") {
        f.send(late, {{"type", "join"},
                      {"ref", 4},
                      {"code", "ABCD2345"},
                      {"name", "Fac"},
                      {"organization", ""},
                      {"secret", f.secret}});
        auto ack = late.conn->take().at(0);
        CHECK(ack["type"] == "ack");
        CHECK(ack["result"]["you"]["role"] == "facilitator");
    }
}

TEST_CASE("a submit is stored, then acknowledged and broadcast once to everyone", "[live][room]") {
    fixture f;
    auto a = f.joined("Anna");
    auto b = f.joined("Bruno");
    f.store.immediate = false;

    f.send(a, submit("c1", "Sportello digitale unico"));
    // Nothing goes out before the store says the write is durable.
    CHECK(a.conn->take().empty());
    CHECK(b.conn->take().empty());
    REQUIRE(f.store.held() == 1);
    REQUIRE(f.store.saved.size() == 1);
    CHECK(f.store.saved[0].seq == 4);
    CHECK(f.store.saved[0].contributions.at(0).text == "Sportello digitale unico");
    CHECK(f.store.saved[0].participants.at(0).name == "Anna");

    f.store.complete_next();
    f.ioc.restart();
    f.ioc.poll();
    auto const to_a = a.conn->take();
    auto const to_b = b.conn->take();
    REQUIRE(to_b.size() == 1);
    CHECK(to_b[0]["type"] == "contribution");
    CHECK(to_b[0]["seq"] == 4);
    CHECK(to_b[0]["contribution"]["text"] == "Sportello digitale unico");
    CHECK(to_b[0]["contribution"]["author"]["name"] == "Anna");
    REQUIRE(to_a.size() == 2);
    // The author's copy says it is theirs; otherwise the same event.
    CHECK(to_a[0]["contribution"]["mine"] == true);
    auto without_mine = to_a[0];
    without_mine["contribution"].erase("mine");
    CHECK(without_mine == to_b[0]);
    CHECK_FALSE(to_b[0]["contribution"].contains("mine"));
    CHECK(to_a[1]["type"] == "ack");
    CHECK(to_a[1]["result"]["seq"] == 4);

    SECTION("a retried submit with the same id is answered, not stored again") {
        f.store.immediate = true;
        f.send(a, submit("c1", "Sportello digitale unico", "retry"));
        auto r = a.conn->take();
        REQUIRE(r.size() == 1);
        CHECK(r[0]["type"] == "ack");
        CHECK(r[0]["ref"] == "retry");
        CHECK(r[0]["result"]["seq"] == 4);
        CHECK(b.conn->take().empty());
        CHECK(f.store.contributions_saved() == 1);
    }
    SECTION("a retry while the first is still being written waits for it") {
        f.send(a, submit("c2", "Dati aperti", "first"));
        f.send(a, submit("c2", "Dati aperti", "second"));
        CHECK(f.store.held() == 1);
        f.store.complete_next();
        f.ioc.restart();
        f.ioc.poll();
        auto r = a.conn->take();
        REQUIRE(r.size() == 3);
        CHECK(r[0]["type"] == "contribution");
        CHECK(r[1]["ref"] == "first");
        CHECK(r[2]["ref"] == "second");
        CHECK(r[1]["result"]["seq"] == r[2]["result"]["seq"]);
    }
}

TEST_CASE("a failed write is reported to its author and broadcast to nobody", "[live][room]") {
    fixture f;
    auto a = f.joined("Anna");
    auto b = f.joined("Bruno");
    f.store.immediate = false;
    f.send(a, submit("c1", "Testo"));
    f.store.complete_next("disk full");
    f.ioc.restart();
    f.ioc.poll();
    auto r = a.conn->take();
    REQUIRE(r.size() == 2);
    CHECK(r[0] == json{{"type", "skip"}, {"seq", 4}});
    CHECK(r[1]["type"] == "error");
    CHECK(r[1]["code"] == "store_failed");
    // Others learn only that seq 4 will not come, so they see no gap.
    auto const to_b = b.conn->take();
    REQUIRE(to_b.size() == 1);
    CHECK(to_b[0] == json{{"type", "skip"}, {"seq", 4}});

    SECTION("and a later join does not show it") {
        f.store.immediate = true;
        auto c = f.connect();
        f.send(c, {{"type", "join"},
                   {"ref", "j"},
                   {"code", "ABCD2345"},
                   {"name", "C"},
                   {"organization", "D"}});
        CHECK(c.conn->take().at(0)["result"]["contributions"].size() == 1);
    }
}

TEST_CASE("submitting needs a join, and a collecting meeting", "[live][room]") {
    fixture f;
    auto c = f.connect();
    f.send(c, submit("c1", "Testo"));
    CHECK(c.conn->take().at(0)["code"] == "not_joined");

    f.send(c, {{"type", "ping"}, {"ref", "p"}});
    CHECK(c.conn->take().at(0) == json{{"type", "ack"}, {"ref", "p"}});

    f.send_text(c, "{oops");
    CHECK(c.conn->take().at(0)["code"] == "bad_json");

    fixture lobby({}, live::meeting_phase::lobby);
    auto a = lobby.joined("Anna");
    lobby.send(a, submit("c1", "Troppo presto"));
    auto r = a.conn->take();
    REQUIRE(r.size() == 1);
    CHECK(r[0]["code"] == "wrong_phase");
    CHECK(lobby.store.saved.empty());
}

TEST_CASE("a member who leaves gets nothing more", "[live][room]") {
    fixture f;
    auto a = f.joined("Anna");
    auto b = f.joined("Bruno");
    auto c = f.joined("Carla");
    f.hub->on_close(b.peer);
    f.ioc.restart();
    f.ioc.poll();
    f.send(a, submit("c1", "Testo"));
    CHECK(b.conn->take().empty());
    CHECK(c.conn->take().size() == 1);
    CHECK(a.conn->take().size() == 2);

    SECTION("shutdown closes every member with a reason") {
        f.hub->shutdown("server shutting down");
        f.ioc.restart();
        f.ioc.poll();
        CHECK(a.conn->closed_with() == "server shutting down");
        CHECK(c.conn->closed_with() == "server shutting down");
        CHECK(b.conn->closed_with().empty());
        auto d = f.connect();
        f.send(d, {{"type", "join"},
                   {"ref", "j"},
                   {"code", "ABCD2345"},
                   {"name", "D"},
                   {"organization", "E"}});
        CHECK(d.conn->take().at(0)["code"] == "shutting_down");
    }
}

namespace {

// A grouper that holds each request until the test answers it. An answered
// completion is released at once: it holds the meeting, which must go before
// the test's io_context does.
struct held_grouper : live::grouper {
    std::vector<std::vector<item>> asked;
    std::vector<completion> pending;
    void group(std::vector<item> items, completion done) override {
        asked.push_back(std::move(items));
        pending.push_back(std::move(done));
    }
    std::optional<live::group_summary> describe(std::vector<std::string> const& texts) override {
        return live::group_summary{.title = "Descritto", .keywords = texts, .cohesion = 0.2};
    }
    void answer(std::size_t i, std::optional<std::vector<live::proposed_group>> result) {
        auto done = std::move(pending.at(i));
        pending.at(i) = nullptr;
        done(std::move(result));
    }
};

} // namespace

TEST_CASE("a clustering run answers once its board is stored; one run at a time",
          "[live][room][board]") {
    held_grouper g;
    fixture f({}, live::meeting_phase::collect, &g);
    auto fac = f.facilitator();
    auto anna = f.joined("Anna");
    f.send(anna, submit("a1", "Telemedicina"));
    f.send(anna, submit("a2", "Referti digitali", "s2"));
    f.send(anna, submit("a3", "Scuole", "s3"));
    f.send(fac, {{"type", "set_phase"}, {"ref", "p"}, {"phase", "cluster"}});
    fac.conn->take();
    anna.conn->take();

    f.send(fac, {{"type", "cluster_run"}, {"ref", "r1"}});
    f.send(fac, {{"type", "cluster_run"}, {"ref", "r2"}});
    REQUIRE(g.asked.size() == 1);  // the second waits for the first
    CHECK(g.asked[0].size() == 4); // "old" and the three new ones
    CHECK(fac.conn->take().empty());

    // Meanwhile a2 is hidden: the board leaves it out.
    f.send(fac, {{"type", "hide"}, {"ref", "h"}, {"id", "a2"}});
    fac.conn->take();
    anna.conn->take();
    auto const saves = f.store.saved.size();
    g.answer(0, std::vector<live::proposed_group>{{.title = "Sanità",
                                                   .keywords = {"sanità"},
                                                   .members = {"a1", "a2", "old"},
                                                   .cohesion = 0.5}});
    f.settle();
    REQUIRE(f.store.saved.size() == saves + 1);
    REQUIRE(f.store.saved.back().board);
    CHECK(f.store.saved.back().board->groups.at(0).members ==
          std::vector<std::string>{"a1", "old"});

    auto const frames = fac.conn->take();
    REQUIRE(frames.size() == 3); // the event, then both answers
    CHECK(frames[0]["type"] == "board");
    CHECK(frames[1]["ref"] == "r1");
    CHECK(frames[2]["ref"] == "r2");
    CHECK(frames[1]["result"]["groups"] == 1);
    CHECK(frames[1]["result"]["ungrouped"] == 1); // a3
    auto const seen = anna.conn->take();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0]["board"]["groups"][0]["title"] == "Sanità");

    SECTION("a failed run changes nothing and says so") {
        f.send(fac, {{"type", "cluster_run"}, {"ref", "r3"}});
        REQUIRE(g.pending.size() == 2);
        g.answer(1, std::nullopt);
        f.settle();
        auto const reply = fac.conn->take();
        REQUIRE(reply.size() == 1);
        CHECK(reply[0]["code"] == "clustering_failed");
        CHECK(f.store.saved.size() == saves + 1);
        CHECK(anna.conn->take().empty());
    }
}

TEST_CASE("a run sends the fixed contributions as anchors; a group a facilitator built stays "
          "whole, and one left with a single member is titled by it",
          "[live][room][board]") {
    held_grouper g;
    fixture f({}, live::meeting_phase::collect, &g);
    auto fac = f.facilitator();
    auto anna = f.joined("Anna");
    f.send(anna, submit("a1", "Telemedicina per i pazienti cronici"));
    f.send(anna, submit("a2", "Referti digitali", "s2"));
    f.send(anna, submit("a3", "Scuole digitali", "s3"));
    f.send(fac, {{"type", "set_phase"}, {"ref", "p"}, {"phase", "cluster"}});
    f.send(fac, {{"type", "cluster_run"}, {"ref", "r1"}});
    g.answer(0, std::vector<live::proposed_group>{
                    {.title = "Sanità", .keywords = {"sanità"}, .members = {"a1", "a2"}},
                    {.title = "Scuola", .keywords = {"scuola"}, .members = {"a3", "old"}}});
    f.settle();
    // a1 moved into the school group: both groups summarized again.
    f.send(fac, {{"type", "group_move"}, {"ref", "m"}, {"contribution", "a1"}, {"group", "g2"}});
    fac.conn->take();
    auto const moved = anna.conn->take();
    REQUIRE_FALSE(moved.empty());
    auto const after_move = moved.back()["board"]["groups"];
    CHECK(after_move[0]["title"] == "Referti digitali"); // one member left: its text
    CHECK(after_move[0]["keywords"] == json::array({"Referti digitali"}));
    CHECK(after_move[0]["cohesion"] == 1.0);
    CHECK(after_move[1]["title"] == "Descritto");
    CHECK(after_move[1]["keywords"].size() == 3);

    f.send(fac, {{"type", "cluster_run"}, {"ref", "r2"}});
    REQUIRE(g.asked.size() == 2);
    REQUIRE(g.asked[1].size() == 4); // every visible contribution
    // The school group was built by the move: all its members are anchors.
    for (auto const& item : g.asked[1])
        CHECK(item.anchor == (item.id == "a2" ? "" : "g2"));
    // The engine keeps the built group and draws a2 to it.
    g.answer(1, std::vector<live::proposed_group>{{.title = "Scuola e sanità",
                                                   .keywords = {"x"},
                                                   .members = {"a3", "old", "a1", "a2"},
                                                   .anchor = "g2"}});
    f.settle();
    auto const seen = anna.conn->take();
    REQUIRE_FALSE(seen.empty());
    auto const board = seen.back()["board"];
    REQUIRE(board["groups"].size() == 1);
    CHECK(board["groups"][0]["id"] == "g2");
    CHECK(board["groups"][0]["members"] == json::array({"a3", "old", "a1", "a2"}));
    CHECK(board["groups"][0]["title"] == "Scuola e sanità"); // its members changed
}

TEST_CASE("without a clustering engine, a run fails clearly", "[live][room][board]") {
    fixture f({}, live::meeting_phase::cluster);
    auto fac = f.facilitator();
    f.send(fac, {{"type", "cluster_run"}, {"ref", "r"}});
    auto const reply = fac.conn->take();
    REQUIRE(reply.size() == 1);
    CHECK(reply[0]["code"] == "clustering_failed");
}

TEST_CASE("groups show texts to everyone: no run before a private meeting's reveal, no "
          "bodies in an anonymous meeting's objective",
          "[live][room][board]") {
    held_grouper g;
    fixture f({}, live::meeting_phase::lobby, &g);
    auto fac = f.facilitator();
    f.send(fac,
           {{"type", "configure"}, {"ref", "c"}, {"private_writing", true}, {"anonymous", true}});
    f.send(fac, {{"type", "set_phase"}, {"ref", "p"}, {"phase", "collect"}});
    auto anna = f.joined("Anna");
    f.send(anna, submit("a1", "Telemedicina"));
    f.send(anna, submit("a2", "Referti digitali", "s2"));
    f.send(fac, {{"type", "set_phase"}, {"ref", "p2"}, {"phase", "cluster"}});
    fac.conn->take();
    anna.conn->take();

    f.send(fac, {{"type", "cluster_run"}, {"ref", "r"}});
    auto refused = fac.conn->take();
    REQUIRE(refused.size() == 1);
    CHECK(refused[0]["code"] == "wrong_phase");
    CHECK(g.asked.empty());

    f.send(fac, {{"type", "reveal"}, {"ref", "v"}});
    fac.conn->take();
    anna.conn->take();
    f.send(fac, {{"type", "cluster_run"}, {"ref", "r2"}});
    REQUIRE(g.pending.size() == 1);
    g.answer(
        0,
        std::vector<live::proposed_group>{
            {.title = "Sanità", .keywords = {"sanità"}, .members = {"a1", "a2"}, .cohesion = 0.5}});
    f.settle();
    fac.conn->take();
    anna.conn->take();
    f.send(fac, {{"type", "group_promote"}, {"ref", "o"}, {"group", "g1"}});
    auto const seen = anna.conn->take();
    REQUIRE(seen.size() == 1);
    auto const description = seen[0]["objective"]["description"].get<std::string>();
    CHECK(description.find("Telemedicina") != std::string::npos);
    CHECK(description.find("Ente di Anna") == std::string::npos);
}

TEST_CASE("a facilitator's own contribution is marked mine, live and after a resume",
          "[live][room]") {
    fixture f;
    auto join_as_facilitator = [&](std::string const& name, json extra = json::object()) {
        auto c = f.connect();
        json m{{"type", "join"}, {"ref", "j"},         {"code", "ABCD2345"},
               {"name", name},   {"organization", ""}, {"secret", f.secret}};
        m.update(extra);
        f.send(c, m);
        auto frames = c.conn->take();
        REQUIRE(frames.size() == 1);
        REQUIRE(frames[0]["type"] == "ack");
        return std::pair{c, frames[0]["result"]};
    };
    auto [fabia, welcome] = join_as_facilitator("Fabia");
    auto const token = welcome["resume"].get<std::string>();
    auto [gino, ignored] = join_as_facilitator("Gino");
    auto anna = f.joined("Anna");

    f.send(fabia, submit("f1", "Orari di apertura estesi"));
    auto const to_fabia = fabia.conn->take();
    REQUIRE(to_fabia.size() == 2);
    CHECK(to_fabia[0]["type"] == "contribution");
    CHECK(to_fabia[0]["contribution"].value("mine", false));
    // Staff still see who wrote it.
    CHECK(to_fabia[0]["contribution"]["author"]["name"] == "Fabia");
    CHECK(to_fabia[0]["contribution"]["author"].contains("id"));
    // Another facilitator and a participant get it without "mine".
    auto const to_gino = gino.conn->take();
    REQUIRE(to_gino.size() == 1);
    CHECK_FALSE(to_gino[0]["contribution"].contains("mine"));
    CHECK(to_gino[0]["contribution"]["author"].contains("id"));
    auto const to_anna = anna.conn->take();
    REQUIRE(to_anna.size() == 1);
    CHECK_FALSE(to_anna[0]["contribution"].contains("mine"));

    auto const contribution = [](json const& list, std::string const& id) {
        for (auto const& c : list)
            if (c["id"] == id)
                return c;
        FAIL("no contribution " << id << " in " << list.dump());
        return json();
    };
    SECTION("the welcome snapshot after a resume") {
        auto [again, snapshot] = join_as_facilitator("Fabia", {{"resume", token}});
        REQUIRE(snapshot["mode"] == "snapshot");
        CHECK(contribution(snapshot["contributions"], "f1").value("mine", false));
        CHECK_FALSE(contribution(snapshot["contributions"], "old").contains("mine"));
    }
    SECTION("the events replayed after a resume") {
        auto const replayed = f.connect();
        f.send(replayed, {{"type", "join"},
                          {"ref", "j"},
                          {"code", "ABCD2345"},
                          {"name", "Fabia"},
                          {"organization", ""},
                          {"secret", f.secret},
                          {"resume", token},
                          {"since", 3}});
        auto const frames = replayed.conn->take();
        REQUIRE(frames.size() == 2);
        CHECK(frames[0]["result"]["mode"] == "replay");
        CHECK(frames[1]["contribution"].value("mine", false));
    }
}

TEST_CASE("the facilitator's question reaches everyone, and whoever joins later",
          "[live][room][question]") {
    fixture f;
    auto fabia = f.facilitator();
    auto anna = f.joined("Anna");
    std::string const question = "Quali esigenze ha il vostro ente sulla sanità digitale?";

    f.send(anna, {{"type", "set_question"}, {"ref", "q0"}, {"question", "Mia domanda"}});
    auto refused = anna.conn->take();
    REQUIRE(refused.size() == 1);
    CHECK(refused[0]["code"] == "forbidden");
    CHECK(f.store.saved.empty());

    f.send(fabia, {{"type", "set_question"}, {"ref", "q1"}, {"question", question}});
    REQUIRE(f.store.saved.size() == 1);
    REQUIRE(f.store.saved[0].info);
    CHECK(f.store.saved[0].info->question == question);
    auto const to_anna = anna.conn->take();
    REQUIRE(to_anna.size() == 1);
    CHECK(to_anna[0]["type"] == "meeting");
    CHECK(to_anna[0]["meeting"]["question"] == question);
    auto const to_fabia = fabia.conn->take();
    REQUIRE(to_fabia.size() == 2);
    CHECK(to_fabia[1]["ref"] == "q1");
    CHECK(to_fabia[1]["result"]["question"] == question);

    auto bruno = f.connect();
    f.send(bruno, {{"type", "join"},
                   {"ref", "j"},
                   {"code", "ABCD2345"},
                   {"name", "Bruno"},
                   {"organization", "ASL Bari"}});
    auto const welcome = bruno.conn->take();
    REQUIRE(welcome.size() == 1);
    CHECK(welcome[0]["result"]["meeting"]["question"] == question);
}

TEST_CASE("a closed meeting tells everyone where the published plan is, once there is one",
          "[live][room][published_plan]") {
    fixture f({}, live::meeting_phase::closed);
    auto anna = f.joined("Anna");

    // A plan changes but none is published: nothing to tell.
    f.hub->plan_changed();
    f.settle();
    CHECK(anna.conn->take().empty());
    CHECK(f.store.saved.empty());

    f.store.published =
        live::published_plan_ref{2027, 1, "/api/v1/public/communities/demo/plans/2027?format=html"};
    f.hub->plan_changed();
    f.settle();
    auto const frames = anna.conn->take();
    REQUIRE(frames.size() == 1);
    CHECK(frames[0]["type"] == "meeting");
    CHECK(frames[0]["seq"] == 4);
    CHECK(frames[0]["meeting"]["published_plan"] ==
          json{{"year", 2027},
               {"version", 1},
               {"url", "/api/v1/public/communities/demo/plans/2027?format=html"}});

    // Whoever comes later finds it in the join answer; asking again is quiet.
    f.hub->plan_changed();
    f.settle();
    CHECK(anna.conn->take().empty());
    auto bruno = f.connect();
    f.send(bruno, {{"type", "join"},
                   {"ref", "j"},
                   {"code", "ABCD2345"},
                   {"name", "Bruno"},
                   {"organization", "ASL Bari"}});
    auto const welcome = bruno.conn->take();
    REQUIRE(welcome.size() == 1);
    CHECK(welcome[0]["result"]["meeting"]["published_plan"]["version"] == 1);
}

TEST_CASE("a plan published while the meeting is open is shown when it closes, not before",
          "[live][room][published_plan]") {
    fixture f;
    auto fabia = f.facilitator();
    auto anna = f.joined("Anna");
    fabia.conn->take();

    // Published while the meeting collects: no read of it, no event, no save.
    f.store.published = live::published_plan_ref{2027, 1, "/p/2027"};
    f.hub->plan_changed();
    f.settle();
    CHECK(anna.conn->take().empty());
    CHECK(f.store.saved.empty());

    // Closing: the meeting event, then the plan it now points to.
    f.send(fabia, {{"type", "set_phase"}, {"ref", "c"}, {"phase", "closed"}});
    f.settle();
    auto const frames = anna.conn->take();
    REQUIRE(frames.size() == 2);
    CHECK(frames[0]["meeting"]["phase"] == "closed");
    CHECK(frames[0]["meeting"]["published_plan"].is_null());
    CHECK(frames[1]["type"] == "meeting");
    CHECK(frames[1]["meeting"]["published_plan"]["version"] == 1);
}

TEST_CASE("the join answer tells the page the server's limits", "[live][room][limits]") {
    live::hub_limits limits;
    limits.messages.max_text_chars = 500; // as a deployer may configure it
    limits.messages.max_name_chars = 60;
    fixture f(limits);
    auto c = f.connect();
    f.send(c, {{"type", "join"},
               {"ref", "j"},
               {"code", "ABCD2345"},
               {"name", "Anna"},
               {"organization", "Comune di Lecce"}});
    auto const frames = c.conn->take();
    REQUIRE(frames.size() == 1);
    auto const& l = frames[0]["result"]["limits"];
    CHECK(l["max_text_chars"] == 500);
    CHECK(l["max_name_chars"] == 60);
    CHECK(l["max_organization_chars"] == 160);
    CHECK(l["max_question_chars"] == 300);
    CHECK(l["max_title_chars"] == 200);
    CHECK(l["support_budget"] == json{{"min", 0}, {"max", 1000}});
    CHECK(l["max_supports_per_contribution"] == json{{"min", 1}, {"max", 100}});
    CHECK(l["timer_seconds"] == json{{"min", 0}, {"max", 86400}});

    // What the limits say is what the server does: a text at the limit is
    // taken, one character more is refused.
    f.send(c, submit("c1", std::string(500, 'a'), "at"));
    CHECK(c.conn->take().back()["type"] == "ack");
    f.send(c, submit("c2", std::string(501, 'a'), "over"));
    CHECK(c.conn->take().back()["code"] == "text_too_long");
    f.send(
        c,
        {{"type", "timer"}, {"ref", "t"}, {"seconds", l["timer_seconds"]["max"].get<int>() + 1}});
    CHECK(c.conn->take().back()["code"] == "bad_message");
}
