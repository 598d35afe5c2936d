// The live meeting's rules against the real server: roles, phases,
// moderation, supports, privacy settings, resume, removal and rate limits.
#include "support/meeting_fixture.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace tavolo;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

// Every frame `c` receives within `timeout`, presence aside.
std::vector<json> drain(test::ws_client& c, std::chrono::milliseconds timeout = 300ms) {
    std::vector<json> out;
    while (auto f = c.read(timeout))
        out.push_back(*f);
    return out;
}

} // namespace

TEST_CASE("a participant may not do what only facilitators do; nothing happens",
          "[integration][rules]") {
    test::meeting_fixture f;
    auto anna = f.participant("Anna");
    auto bruno = f.participant("Bruno");
    REQUIRE(f.submit(*bruno, "b1", "Dati aperti") == "ok");
    for (json const& msg : std::vector<json>{
             {{"type", "hide"}, {"id", "b1"}},
             {{"type", "restore"}, {"id", "b1"}},
             {{"type", "merge"}, {"keep", "b1"}, {"ids", {"b1x"}}},
             {{"type", "set_phase"}, {"phase", "vote"}},
             {{"type", "lock"}, {"locked", true}},
             {{"type", "configure"}, {"anonymous", true}},
             {{"type", "reveal"}},
             {{"type", "remove_participant"}, {"participant", "someone"}},
             {{"type", "timer"}, {"seconds", 60}},
             {{"type", "edit"}, {"id", "b1"}, {"text", "Cambiato da Anna"}},
             {{"type", "withdraw"}, {"id", "b1"}},
         }) {
        INFO(msg.dump());
        CHECK(f.outcome(*anna, msg) == "forbidden");
    }
    // Bruno saw his own contribution's event and nothing else.
    auto const seen = drain(*bruno);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0]["type"] == "contribution");
    CHECK(seen[0]["contribution"]["text"] == "Dati aperti");
}

TEST_CASE("what each phase allows", "[integration][rules]") {
    test::meeting_fixture f;
    auto anna = f.participant("Anna");
    REQUIRE(f.submit(*anna, "a1", "Proposta") == "ok");

    f.phase("lobby");
    CHECK(f.submit(*anna, "a2", "Troppo presto") == "wrong_phase");
    f.phase("collect");
    CHECK(f.outcome(*anna, {{"type", "support"}, {"id", "a1"}}) == "wrong_phase");
    CHECK(f.outcome(*anna, {{"type", "edit"}, {"id", "a1"}, {"text", "Proposta migliore"}}) ==
          "ok");
    f.phase("cluster");
    CHECK(f.submit(*anna, "a3", "Tardi") == "wrong_phase");
    CHECK(f.outcome(*anna, {{"type", "edit"}, {"id", "a1"}, {"text", "Ancora"}}) == "wrong_phase");
    CHECK(f.outcome(*anna, {{"type", "withdraw"}, {"id", "a1"}}) == "wrong_phase");
    f.phase("vote");
    CHECK(f.outcome(*anna, {{"type", "support"}, {"id", "a1"}}) == "ok");
    f.phase("plan");
    CHECK(f.outcome(*anna, {{"type", "unsupport"}, {"id", "a1"}}) == "wrong_phase");
    f.phase("closed");
    CHECK(f.outcome(*f.facilitator, {{"type", "hide"}, {"id", "a1"}}) == "wrong_phase");
    CHECK(f.outcome(*f.facilitator, {{"type", "timer"}, {"seconds", 10}}) == "wrong_phase");
    CHECK(f.outcome(*anna, {{"type", "submit"}, {"id", "a4"}, {"kind", "need"}, {"text", "x"}}) ==
          "wrong_phase");
    // Staff may reopen a closed meeting; the same phase again is no change.
    CHECK(f.outcome(*f.facilitator, {{"type", "set_phase"}, {"phase", "closed"}}) == "no_change");
    f.phase("plan");

    // Every phase change reached the participant as a meeting event, in order.
    std::vector<std::string> phases;
    for (auto const& e : drain(*anna))
        if (e["type"] == "meeting")
            phases.push_back(e["meeting"]["phase"]);
    CHECK(phases == std::vector<std::string>{"lobby", "collect", "cluster", "vote", "plan",
                                             "closed", "plan"});
}

TEST_CASE("authors edit and withdraw their own; facilitators moderate", "[integration][rules]") {
    test::meeting_fixture f;
    auto anna = f.participant("Anna");
    auto bruno = f.participant("Bruno");
    REQUIRE(f.submit(*anna, "a1", "Testo originale") == "ok");
    CHECK(f.outcome(*anna, {{"type", "edit"}, {"id", "a1"}, {"text", "Testo corretto"}}) == "ok");
    CHECK(f.outcome(*anna, {{"type", "edit"}, {"id", "a1"}, {"text", "Testo corretto"}}) ==
          "no_change");
    CHECK(f.outcome(*bruno, {{"type", "edit"}, {"id", "a1"}, {"text", "Mio"}}) == "forbidden");
    CHECK(f.outcome(*bruno, {{"type", "edit"}, {"id", "zz"}, {"text", "Mio"}}) == "not_found");

    auto events = drain(*bruno);
    REQUIRE(events.size() == 2);
    CHECK(events[1]["contribution"]["text"] == "Testo corretto");
    CHECK(events[1]["contribution"]["edited"] == true);

    CHECK(f.outcome(*f.facilitator, {{"type", "hide"}, {"id", "a1"}}) == "ok");
    CHECK(f.outcome(*f.facilitator, {{"type", "hide"}, {"id", "a1"}}) == "no_change");
    auto hidden = drain(*bruno);
    REQUIRE(hidden.size() == 1);
    CHECK(hidden[0]["type"] == "contribution_removed");
    CHECK(hidden[0]["status"] == "hidden");
    // A newcomer does not see it; a facilitator joining now does, marked hidden.
    test::ws_client carla(f.server->port());
    auto const carla_sees = carla.join(f.code, "Carla", "Ente");
    REQUIRE(carla_sees["type"] == "ack");
    CHECK(carla_sees["result"]["contributions"].empty());
    test::ws_client fede(f.server->port());
    fede.send({{"type", "join"},
               {"ref", "join"},
               {"code", f.code},
               {"name", "Fede"},
               {"organization", ""},
               {"secret", f.secret}});
    auto const fede_sees = fede.read().value();
    REQUIRE(fede_sees["result"]["contributions"].size() == 1);
    CHECK(fede_sees["result"]["contributions"][0]["status"] == "hidden");
    CHECK(fede_sees["result"]["contributions"][0]["text"] == "Testo corretto");
    CHECK(f.outcome(*f.facilitator, {{"type", "restore"}, {"id", "a1"}}) == "ok");
    auto restored = drain(*bruno);
    REQUIRE(restored.size() == 1);
    CHECK(restored[0]["contribution"]["status"] == "visible");

    CHECK(f.outcome(*anna, {{"type", "withdraw"}, {"id", "a1"}}) == "ok");
    auto withdrawn = drain(*bruno);
    REQUIRE(withdrawn.size() == 1);
    CHECK(withdrawn[0]["type"] == "contribution_removed");
    CHECK(withdrawn[0]["status"] == "withdrawn");
}

TEST_CASE("locking submissions", "[integration][rules]") {
    test::meeting_fixture f;
    auto anna = f.participant("Anna");
    CHECK(f.outcome(*f.facilitator, {{"type", "lock"}, {"locked", true}}) == "ok");
    CHECK(f.submit(*anna, "a1", "Bloccato") == "submissions_locked");
    CHECK(f.submit(*f.facilitator, "f1", "Il facilitatore può") == "ok");
    CHECK(f.outcome(*f.facilitator, {{"type", "lock"}, {"locked", false}}) == "ok");
    CHECK(f.submit(*anna, "a1", "Sbloccato") == "ok");
}

TEST_CASE("supports: a budget, one per contribution, live counts for everyone",
          "[integration][rules]") {
    test::meeting_fixture f(json{{"meetings", {{"support_budget", 2}}}});
    auto anna = f.participant("Anna");
    auto bruno = f.participant("Bruno");
    for (auto id : {"c1", "c2", "c3"})
        REQUIRE(f.submit(*bruno, id, std::string("Idea ") + id) == "ok");
    f.phase("vote");
    auto const first = f.request(*anna, {{"type", "support"}, {"id", "c1"}});
    CHECK(first["result"] == json{{"id", "c1"}, {"supports", 1}, {"mine", 1}, {"budget_left", 1}});
    CHECK(f.outcome(*anna, {{"type", "support"}, {"id", "c1"}}) == "support_limit");
    CHECK(f.outcome(*anna, {{"type", "support"}, {"id", "c2"}}) == "ok");
    CHECK(f.outcome(*anna, {{"type", "support"}, {"id", "c3"}}) == "budget_exhausted");
    CHECK(f.outcome(*anna, {{"type", "unsupport"}, {"id", "c3"}}) == "no_change");
    CHECK(f.outcome(*anna, {{"type", "unsupport"}, {"id", "c2"}}) == "ok");
    CHECK(f.outcome(*anna, {{"type", "support"}, {"id", "c3"}}) == "ok");
    CHECK(f.outcome(*f.facilitator, {{"type", "support"}, {"id", "c3"}}) == "forbidden");
    CHECK(f.outcome(*anna, {{"type", "support"}, {"id", "nope"}}) == "not_found");

    std::vector<std::pair<std::string, int>> counts;
    for (auto const& e : drain(*bruno))
        if (e["type"] == "supports")
            counts.emplace_back(e["id"], e["supports"]);
    CHECK(counts ==
          std::vector<std::pair<std::string, int>>{{"c1", 1}, {"c2", 1}, {"c2", 0}, {"c3", 1}});
}

TEST_CASE("merging adds supports up without counting anyone twice", "[integration][rules]") {
    test::meeting_fixture f;
    auto anna = f.participant("Anna");
    auto bruno = f.participant("Bruno");
    REQUIRE(f.submit(*anna, "keep", "Formazione digitale") == "ok");
    REQUIRE(f.submit(*bruno, "dup", "Formazione sul digitale") == "ok");
    f.phase("vote");
    REQUIRE(f.outcome(*anna, {{"type", "support"}, {"id", "keep"}}) == "ok");
    REQUIRE(f.outcome(*anna, {{"type", "support"}, {"id", "dup"}}) == "ok");
    REQUIRE(f.outcome(*bruno, {{"type", "support"}, {"id", "dup"}}) == "ok");
    auto const merged =
        f.request(*f.facilitator, {{"type", "merge"}, {"keep", "keep"}, {"ids", {"dup"}}});
    REQUIRE(merged["type"] == "ack");
    // Anna's two supports count once; Bruno's one moves over.
    CHECK(merged["result"]["supports"] == 2);
    auto const ev = bruno->read_until([](auto const& e) { return e["type"] == "merge"; });
    REQUIRE(ev);
    CHECK((*ev)["keep"]["supports"] == 2);
    CHECK((*ev)["merged"] == json{"dup"});
    // Anna got the excess support back.
    auto const again = f.request(*anna, {{"type", "support"}, {"id", "keep"}});
    CHECK(again["code"] == "support_limit");
    CHECK(f.outcome(*f.facilitator, {{"type", "merge"}, {"keep", "keep"}, {"ids", {"dup"}}}) ==
          "not_found");
}

TEST_CASE("anonymous meetings never send authors to peers", "[integration][rules]") {
    test::meeting_fixture f(json{{"meetings", {{"anonymous", true}}}});
    auto anna = f.participant("Anna Segreta", "Ente Riservato");
    auto bruno = f.participant("Bruno");
    REQUIRE(f.submit(*anna, "a1", "Proposta anonima") == "ok");
    auto const event = bruno->read();
    REQUIRE(event);
    CHECK((*event)["contribution"]["text"] == "Proposta anonima");
    CHECK(event->dump().find("Segreta") == std::string::npos);
    CHECK(event->dump().find("Riservato") == std::string::npos);
    auto const staff_view =
        f.facilitator->read_until([](auto const& e) { return e["type"] == "contribution"; });
    REQUIRE(staff_view);
    CHECK((*staff_view)["contribution"]["author"]["name"] == "Anna Segreta");
    // Nor in a newcomer's snapshot.
    auto carla = std::make_unique<test::ws_client>(f.server->port());
    auto const ack = carla->join(f.code, "Carla", "Ente");
    CHECK(ack.dump().find("Segreta") == std::string::npos);
    CHECK(ack["result"]["contributions"].size() == 1);
}

TEST_CASE("private writing: no peer connection receives a text before the reveal",
          "[integration][rules]") {
    test::meeting_fixture f(json{{"meetings", {{"private_writing", true}}}});
    auto anna = f.participant("Anna");
    // A raw client: everything it receives is checked, byte for byte.
    test::ws_client raw(f.server->port());
    raw.join(f.code, "Spia", "Ente curioso");
    std::string const secret_text = "Testo riservato numero";
    for (int i = 0; i < 5; ++i)
        REQUIRE(f.submit(*anna, "p" + std::to_string(i), secret_text + " " + std::to_string(i)) ==
                "ok");
    REQUIRE(f.outcome(*anna, {{"type", "edit"}, {"id", "p0"}, {"text", secret_text + " bis"}}) ==
            "ok");
    auto const late = std::make_unique<test::ws_client>(f.server->port());
    auto const late_ack = late->join(f.code, "Ritardo", "Ente");
    CHECK(late_ack.dump().find("riservato") == std::string::npos);

    std::vector<json> before;
    for (auto const& e : drain(raw)) {
        CHECK(e.dump().find("riservato") == std::string::npos);
        before.push_back(e);
    }
    // The peer's seq stays gap-free: a skip for each hidden event.
    REQUIRE(before.size() == 6);
    for (auto const& e : before)
        CHECK(e["type"] == "skip");
    // The author and the facilitator see them.
    auto const fac = drain(*f.facilitator);
    CHECK(std::count_if(fac.begin(), fac.end(),
                        [](auto const& e) { return e["type"] == "contribution"; }) == 6);

    REQUIRE(f.outcome(*f.facilitator, {{"type", "reveal"}}) == "ok");
    auto const revealed = raw.read_until([](auto const& e) { return e["type"] == "revealed"; });
    REQUIRE(revealed);
    CHECK((*revealed)["contributions"].size() == 5);
    CHECK((*revealed)["contributions"][0]["text"] == secret_text + " bis");
    CHECK(f.outcome(*f.facilitator, {{"type", "reveal"}}) == "no_change");
}

TEST_CASE("a client that drops mid-burst resumes with exactly what it missed",
          "[integration][rules]") {
    // A burst faster than the default rate limit allows.
    test::meeting_fixture f(
        json{{"limits", {{"messages_per_second", 10000}, {"message_burst", 10000}}}});
    auto writer = f.participant("Scrivente");
    auto reader = std::make_unique<test::ws_client>(f.server->port());
    auto const ack = reader->join(f.code, "Lettrice", "Ente");
    std::string const token = ack["result"]["resume"];

    constexpr int n = 200;
    for (int i = 0; i < n; ++i)
        writer->send({{"type", "submit"},
                      {"ref", i},
                      {"id", "b" + std::to_string(i)},
                      {"kind", "need"},
                      {"text", "Evento " + std::to_string(i)}});
    // Read part of the burst, then lose the connection without a goodbye.
    std::vector<std::int64_t> seqs;
    for (int i = 0; i < 40; ++i) {
        auto const e = reader->read();
        REQUIRE(e);
        seqs.push_back((*e)["seq"]);
    }
    reader.reset(); // the socket is closed, no close frame
    // Wait until the writer's burst is all stored.
    int acks = 0;
    while (acks < n) {
        auto const e = writer->read();
        REQUIRE(e);
        if ((*e)["type"] == "ack")
            ++acks;
    }

    test::ws_client again(f.server->port());
    again.send({{"type", "join"},
                {"ref", "j"},
                {"code", f.code},
                {"name", "Lettrice"},
                {"organization", "Ente"},
                {"resume", token},
                {"since", seqs.back()}});
    auto const rejoin = again.read();
    REQUIRE(rejoin);
    CHECK((*rejoin)["result"]["mode"] == "replay");
    CHECK((*rejoin)["result"]["you"]["id"] == ack["result"]["you"]["id"]);
    while (auto const e = again.read(500ms))
        seqs.push_back((*e)["seq"]);
    REQUIRE(seqs.size() == n);
    for (int i = 0; i < n; ++i)
        CHECK(seqs[i] == i + 1); // no gap, no duplicate, in order

    SECTION("too far behind: a fresh snapshot instead") {
        test::meeting_fixture small(json{{"limits", {{"replay_events", 10}}}});
        auto w = small.participant("W");
        for (int i = 0; i < 30; ++i)
            REQUIRE(small.submit(*w, "x" + std::to_string(i), "t") == "ok");
        test::ws_client late(small.server->port());
        auto const first = late.join(small.code, "L", "E");
        test::ws_client back(small.server->port());
        back.send({{"type", "join"},
                   {"ref", "j"},
                   {"code", small.code},
                   {"name", "L"},
                   {"organization", "E"},
                   {"resume", first["result"]["resume"]},
                   {"since", 5}});
        auto const r = back.read();
        REQUIRE(r);
        CHECK((*r)["result"]["mode"] == "snapshot");
        CHECK((*r)["result"]["contributions"].size() == 30);
    }
}

TEST_CASE("a removed participant is disconnected and cannot rejoin", "[integration][rules]") {
    test::meeting_fixture f;
    auto troll = std::make_unique<test::ws_client>(f.server->port());
    auto const ack = troll->join(f.code, "Troll", "Ente Finto");
    std::string const id = ack["result"]["you"]["id"];
    std::string const token = ack["result"]["resume"];
    CHECK(f.outcome(*f.facilitator, {{"type", "remove_participant"}, {"participant", id}}) == "ok");
    // The troll learns nothing but a skip, then the connection closes.
    while (auto const e = troll->read(2s))
        CHECK((*e)["type"] == "skip");
    CHECK(troll->closed());
    CHECK(std::string(troll->close_reason().reason) == "removed by the facilitator");

    test::ws_client back(f.server->port());
    CHECK(back.join(f.code, "troll", "ente finto")["code"] == "removed");
    test::ws_client resumed(f.server->port());
    resumed.send({{"type", "join"},
                  {"ref", "join"},
                  {"code", f.code},
                  {"name", "Altro"},
                  {"organization", "Altro"},
                  {"resume", token}});
    CHECK(resumed.read().value()["code"] == "removed");
    CHECK(f.outcome(*f.facilitator, {{"type", "remove_participant"}, {"participant", id}}) ==
          "no_change");

    // The removal holds across a restart.
    f.facilitator.reset();
    f.server.reset();
    f.start(f.dir / "tavolo.json");
    test::ws_client after(f.server->port());
    CHECK(after.join(f.code, "TROLL", "Ente Finto")["code"] == "removed");
    test::ws_client other(f.server->port());
    CHECK(other.join(f.code, "Troll", "Altro Ente")["type"] == "ack");
}

TEST_CASE("the countdown timer is the server's", "[integration][rules]") {
    test::meeting_fixture f;
    auto anna = f.participant("Anna");
    auto const r = f.request(*f.facilitator, {{"type", "timer"}, {"seconds", 300}});
    REQUIRE(r["type"] == "ack");
    auto const ends = r["result"]["timer_ends_at"].get<std::int64_t>();
    auto const now = r["result"]["now"].get<std::int64_t>();
    CHECK(ends - now >= 299000);
    CHECK(ends - now <= 300000);
    auto const e = anna->read_until([](auto const& x) { return x["type"] == "meeting"; });
    if (!e)
        FAIL("no meeting event; closed=" << anna->closed() << " " << anna->error().message());
    CHECK((*e)["meeting"]["timer_ends_at"] == ends);
    REQUIRE(f.outcome(*f.facilitator, {{"type", "timer"}, {"seconds", 0}}) == "ok");
    auto const stopped = anna->read_until([](auto const& x) { return x["type"] == "meeting"; });
    CHECK((*stopped)["meeting"]["timer_ends_at"].is_null());
}

TEST_CASE("presence: a live count for everyone, names for facilitators", "[integration][rules]") {
    test::meeting_fixture f;
    auto anna = f.participant("Anna", "Comune di Lecce");
    auto bruno = f.participant("Bruno", "ASL Bari");
    // Presence comes on a timer: wait (up to 5 s) until both have seen two.
    auto sees_two = [](test::ws_client& c) {
        return !c.presence().empty() && c.presence().back()["count"] == 2;
    };
    for (int i = 0; i < 50 && !(sees_two(*anna) && sees_two(*f.facilitator)); ++i) {
        drain(*anna, 50ms);
        drain(*f.facilitator, 50ms);
    }
    REQUIRE_FALSE(anna->presence().empty());
    CHECK(anna->presence().back() == json{{"type", "presence"}, {"count", 2}});
    REQUIRE_FALSE(f.facilitator->presence().empty());
    auto const& staff = f.facilitator->presence().back();
    CHECK(staff["count"] == 2);
    std::set<std::string> names;
    for (auto const& m : staff["members"])
        names.insert(m["name"].get<std::string>() + "/" + m["organization"].get<std::string>());
    CHECK(names == std::set<std::string>{"Anna/Comune di Lecce", "Bruno/ASL Bari", "Fabia/"});
}

TEST_CASE("a flood is rate limited, then cut off", "[integration][rules]") {
    test::meeting_fixture f(json{{"limits", {{"messages_per_second", 5}, {"message_burst", 10}}}});
    test::ws_client flood(f.server->port());
    for (int i = 0; i < 15; ++i)
        flood.send({{"type", "ping"}, {"ref", i}});
    int acks = 0, limited = 0;
    for (int i = 0; i < 15; ++i) {
        auto const r = flood.read();
        REQUIRE(r);
        ((*r)["type"] == "ack" ? acks : limited) += 1;
        if ((*r)["type"] == "error")
            CHECK((*r)["code"] == "rate_limited");
    }
    CHECK(acks >= 10);
    CHECK(limited >= 1);
    // Keep going and the connection is closed.
    for (int i = 0; i < 30; ++i)
        flood.send({{"type", "ping"}, {"ref", i}});
    while (flood.read(1s)) {
    }
    CHECK(flood.closed());
    // Others are not affected.
    auto anna = f.participant("Anna");
    CHECK(f.outcome(*anna, {{"type", "ping"}}) == "ok");
}

TEST_CASE("a coordinator joins any meeting with the configured token", "[integration][rules]") {
    std::string const token = "coordinator-token-for-tests-0123456789";
    test::meeting_fixture f(json{{"coordinator_token", token}});
    test::ws_client carla(f.server->port());
    carla.send({{"type", "join"},
                {"ref", "join"},
                {"code", f.code},
                {"name", "Carla"},
                {"organization", ""},
                {"coordinator_token", token}});
    auto const ack = carla.read();
    REQUIRE(ack);
    CHECK((*ack)["result"]["you"]["role"] == "coordinator");
    CHECK(f.outcome(carla, {{"type", "lock"}, {"locked", true}}) == "ok");
    test::ws_client wrong(f.server->port());
    wrong.send({{"type", "join"},
                {"ref", "join"},
                {"code", f.code},
                {"name", "X"},
                {"organization", ""},
                {"coordinator_token", token + "x"}});
    CHECK(wrong.read().value()["code"] == "bad_secret");
}

TEST_CASE("the meeting's state survives kill -9", "[integration][rules]") {
    test::meeting_fixture f(json{{"meetings", {{"support_budget", 3}}}});
    auto anna = f.participant("Anna");
    REQUIRE(f.outcome(*f.facilitator, {{"type", "set_question"},
                                       {"question", "Di che cosa ha bisogno il vostro ente?"}}) ==
            "ok");
    REQUIRE(f.submit(*anna, "a1", "Primo") == "ok");
    REQUIRE(f.submit(*anna, "a2", "Secondo") == "ok");
    REQUIRE(f.outcome(*anna, {{"type", "edit"}, {"id", "a1"}, {"text", "Primo, corretto"}}) ==
            "ok");
    REQUIRE(f.outcome(*f.facilitator, {{"type", "hide"}, {"id", "a2"}}) == "ok");
    f.phase("vote");
    REQUIRE(f.outcome(*anna, {{"type", "support"}, {"id", "a1"}}) == "ok");
    f.server->kill();
    f.start(f.dir / "tavolo.json");

    test::ws_client fac(f.server->port());
    fac.send({{"type", "join"},
              {"ref", "join"},
              {"code", f.code},
              {"name", "Fabia"},
              {"organization", ""},
              {"secret", f.secret}});
    auto const ack = fac.read();
    REQUIRE(ack);
    auto const& r = (*ack)["result"];
    CHECK(r["meeting"]["phase"] == "vote");
    CHECK(r["meeting"]["support_budget"] == 3);
    CHECK(r["meeting"]["question"] == "Di che cosa ha bisogno il vostro ente?");
    REQUIRE(r["contributions"].size() == 2);
    CHECK(r["contributions"][0]["text"] == "Primo, corretto");
    CHECK(r["contributions"][0]["edited"] == true);
    CHECK(r["contributions"][0]["supports"] == 1);
    CHECK(r["contributions"][1]["status"] == "hidden");
    CHECK(r["seq"] == 7);
}

TEST_CASE("the facilitator's question reaches everyone, and who joins later",
          "[integration][rules][question]") {
    test::meeting_fixture f(json{{"limits", {{"max_text_chars", 400}}}});
    auto anna = f.participant("Anna");
    std::string const question = "Quali esigenze ha il vostro ente sulla sanità digitale?";
    CHECK(f.outcome(*anna, {{"type", "set_question"}, {"question", "La mia"}}) == "forbidden");
    CHECK(f.outcome(*f.facilitator,
                    {{"type", "set_question"}, {"question", "Quali esigenze\u202E?"}}) ==
          "control_characters");
    CHECK(f.outcome(*f.facilitator, {{"type", "set_question"},
                                     {"question", std::string(301, 'q')}}) == "text_too_long");
    CHECK(f.outcome(*f.facilitator, {{"type", "set_question"}, {"question", question}}) == "ok");
    auto const seen = anna->read_until([](auto const& fr) { return fr["type"] == "meeting"; });
    REQUIRE(seen);
    CHECK((*seen)["meeting"]["question"] == question);

    test::ws_client bruno(f.server->port());
    auto const ack = bruno.join(f.code, "Bruno", "ASL Bari");
    REQUIRE(ack["type"] == "ack");
    CHECK(ack["result"]["meeting"]["question"] == question);
    // The limits come from the server as configured, not from a copy.
    auto const& limits = ack["result"]["limits"];
    CHECK(limits["max_text_chars"] == 400);
    CHECK(limits["max_question_chars"] == 300);
    CHECK(limits["support_budget"]["max"] == 1000);
    CHECK(f.submit(bruno, "b1", std::string(400, 'b')) == "ok");
    CHECK(f.submit(bruno, "b2", std::string(401, 'b')) == "text_too_long");

    // Once contributions are grouped, the question they answered stays.
    f.phase("cluster");
    CHECK(f.outcome(*f.facilitator, {{"type", "set_question"}, {"question", "Altro?"}}) ==
          "wrong_phase");
}

TEST_CASE("a full meeting refuses one participant more, not its facilitator",
          "[integration][rules]") {
    test::meeting_fixture f(json{{"limits", {{"max_participants_per_meeting", 2}}}});
    auto anna = f.participant("Anna");
    auto bruno = f.participant("Bruno");
    test::ws_client carla(f.server->port());
    CHECK(carla.join(f.code, "Carla", "Ente")["code"] == "meeting_full");
    test::ws_client second_facilitator(f.server->port());
    second_facilitator.send({{"type", "join"},
                             {"ref", "join"},
                             {"code", f.code},
                             {"name", "Fede"},
                             {"organization", ""},
                             {"secret", f.secret}});
    CHECK(second_facilitator.read().value()["type"] == "ack");
    // A place frees up when someone leaves (as soon as the server notices).
    bruno.reset();
    bool joined = false;
    for (int attempt = 0; attempt < 30 && !joined; ++attempt) {
        test::ws_client dario(f.server->port());
        auto const reply = dario.join(f.code, "Dario", "Ente");
        joined = reply["type"] == "ack";
        if (!joined) {
            CHECK(reply["code"] == "meeting_full");
            std::this_thread::sleep_for(100ms);
        }
    }
    CHECK(joined);
}
