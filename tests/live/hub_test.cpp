// The hub as the network module sees it (live::gateway): connections come and
// go, frames are answered or routed, limits per connection and per address
// hold, and a shutdown closes every connection, joined or not. Connections
// are test::recording_connection; meetings live in a test::manual_persistence.
#include "support/fake_live.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/live/gateway.hpp"
#include "tavolo/live/hub.hpp"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <chrono>

using namespace tavolo;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

live::meeting_snapshot meeting(std::int64_t id, std::string code, std::string const& secret) {
    live::meeting_snapshot m;
    m.info.id = id;
    m.info.title = "Riunione " + std::to_string(id);
    m.info.community_name = "Comunità";
    m.info.join_code = std::move(code);
    m.info.facilitator_secret_hash = core::hash_secret(secret);
    m.info.phase = live::meeting_phase::collect;
    return m;
}

struct fixture {
    boost::asio::io_context ioc;
    test::manual_persistence store;
    std::string secret = core::generate_secret();
    std::string coordinator_token = core::generate_secret();
    std::unique_ptr<live::hub> hub;
    live::gateway* gateway = nullptr; // what net holds

    explicit fixture(live::hub_limits limits = {}) {
        store.meetings.push_back(meeting(1, "ABCD2345", secret));
        store.meetings.push_back(meeting(2, "EFGH6789", secret));
        limits.coordinator_token_hash = core::hash_secret(coordinator_token);
        hub = std::make_unique<live::hub>(ioc, store, limits);
        hub->restore();
        gateway = hub.get();
    }

    struct client {
        std::shared_ptr<test::recording_connection> conn =
            std::make_shared<test::recording_connection>();
        std::shared_ptr<live::peer> peer;
    };

    client connect(std::string address = "192.0.2.1") {
        client c;
        c.peer = gateway->connect(c.conn, std::move(address));
        return c;
    }

    // One frame in; the replies it caused (run on the io_context).
    std::vector<json> send(client const& c, json const& msg) {
        gateway->on_message(c.peer, msg.dump());
        settle();
        return c.conn->take();
    }

    void settle() {
        ioc.restart();
        ioc.poll();
    }

    static json join(std::string const& code, std::string const& name = "Anna") {
        return {{"type", "join"},
                {"ref", "j"},
                {"code", code},
                {"name", name},
                {"organization", "Comune"}};
    }
};

std::string error_code_of(std::vector<json> const& replies) {
    REQUIRE(replies.size() == 1);
    REQUIRE(replies[0]["type"] == "error");
    return replies[0]["code"];
}

} // namespace

TEST_CASE("hub: frames before a join", "[live][hub]") {
    fixture f;
    auto c = f.connect();

    SECTION("a ping is acknowledged without joining") {
        auto const r = f.send(c, {{"type", "ping"}, {"ref", 7}});
        REQUIRE(r.size() == 1);
        CHECK(r[0] == json{{"type", "ack"}, {"ref", 7}});
    }
    SECTION("a meeting message needs a join first") {
        CHECK(error_code_of(f.send(c, {{"type", "submit"},
                                       {"ref", "s"},
                                       {"id", "c1"},
                                       {"kind", "need"},
                                       {"text", "Testo"}})) == "not_joined");
    }
    SECTION("a frame that is not JSON is answered, the connection stays") {
        f.gateway->on_message(c.peer, "{not json");
        f.settle();
        CHECK(error_code_of(c.conn->take()) == "bad_json");
        CHECK(f.send(c, {{"type", "ping"}, {"ref", 1}}).at(0)["type"] == "ack");
        CHECK(c.conn->closed_with().empty());
    }
}

TEST_CASE("hub: joins are routed by join code", "[live][hub]") {
    fixture f;
    auto c = f.connect();

    SECTION("a code no meeting has") {
        CHECK(error_code_of(f.send(c, fixture::join("ZZZZ9999"))) == "meeting_not_found");
    }
    SECTION("a code typed in lower case with a dash finds its meeting") {
        auto const r = f.send(c, fixture::join("abcd-2345"));
        REQUIRE(r.size() == 1);
        CHECK(r[0]["type"] == "ack");
        CHECK(r[0]["result"]["meeting"]["id"] == 1);
        CHECK(f.hub->counters().joins == 1);
    }
    SECTION("a connection in one meeting cannot join another") {
        REQUIRE(f.send(c, fixture::join("ABCD2345")).at(0)["type"] == "ack");
        CHECK(error_code_of(f.send(c, fixture::join("EFGH6789"))) == "already_joined");
    }
    SECTION("a coordinator token lets a coordinator in; a wrong one is refused") {
        auto j = fixture::join("ABCD2345", "Coordinatrice");
        j["coordinator_token"] = "wrong";
        CHECK(error_code_of(f.send(c, j)) == "bad_secret");
        j["coordinator_token"] = f.coordinator_token;
        auto const r = f.send(c, j);
        REQUIRE(r.size() == 1);
        CHECK(r[0]["type"] == "ack");
        CHECK(r[0]["result"]["you"]["role"] == "coordinator");
    }
    SECTION("a meeting added while running can be joined") {
        f.hub->add_meeting(meeting(3, "JKMN2345", f.secret));
        CHECK(f.hub->meeting_count() == 3);
        CHECK(f.hub->find_meeting(3));
        CHECK_FALSE(f.hub->find_meeting(4));
        CHECK(f.send(c, fixture::join("JKMN2345")).at(0)["type"] == "ack");
    }
}

TEST_CASE("hub: failed joins from one address are limited", "[live][hub]") {
    live::hub_limits limits;
    limits.join_failure_burst = 3;
    limits.join_failures_per_minute = 0.001; // no refill within the test
    fixture f(limits);
    auto guesser = f.connect("198.51.100.7");
    for (int i = 0; i < 3; ++i)
        CHECK(error_code_of(f.send(guesser, fixture::join("ZZZZ9999"))) == "meeting_not_found");
    // The budget is spent: even the right code is refused from this address,
    CHECK(error_code_of(f.send(guesser, fixture::join("ABCD2345"))) == "too_many_attempts");
    // from any of its connections,
    auto again = f.connect("198.51.100.7");
    CHECK(error_code_of(f.send(again, fixture::join("ABCD2345"))) == "too_many_attempts");
    CHECK(f.hub->counters().joins_refused == 2);
    // and only from it.
    auto other = f.connect("203.0.113.9");
    CHECK(f.send(other, fixture::join("ABCD2345")).at(0)["type"] == "ack");
}

TEST_CASE("hub: a connection over its message rate is refused, then closed", "[live][hub]") {
    live::hub_limits limits;
    limits.message_burst = 3;
    limits.messages_per_second = 0.001; // no refill within the test
    fixture f(limits);
    auto c = f.connect();
    for (int i = 0; i < 3; ++i)
        CHECK(f.send(c, {{"type", "ping"}, {"ref", i}}).at(0)["type"] == "ack");
    // Refused, not processed: the ping gets no ack.
    CHECK(error_code_of(f.send(c, {{"type", "ping"}, {"ref", 3}})) == "rate_limited");
    CHECK(error_code_of(f.send(c, {{"type", "ping"}, {"ref", 4}})) == "rate_limited");
    CHECK(c.conn->closed_with().empty());
    // The burst's worth of refusals in a row: the connection is closed.
    CHECK(f.send(c, {{"type", "ping"}, {"ref", 5}}).empty());
    CHECK(c.conn->closed_with() == "too many messages");
    // Another connection has its own bucket.
    auto d = f.connect();
    CHECK(f.send(d, {{"type", "ping"}, {"ref", 1}}).at(0)["type"] == "ack");
}

TEST_CASE("hub: connections are counted until they close", "[live][hub]") {
    fixture f;
    auto a = f.connect();
    auto b = f.connect();
    REQUIRE(f.send(b, fixture::join("ABCD2345")).at(0)["type"] == "ack");
    CHECK(f.hub->connection_count() == 2);
    f.gateway->on_close(a.peer);
    f.gateway->on_close(b.peer);
    f.settle();
    CHECK(f.hub->connection_count() == 0);
}

TEST_CASE("hub: a shutdown closes every connection, joined or not", "[live][hub]") {
    fixture f;
    auto idle = f.connect(); // open, never joined
    auto member = f.connect();
    REQUIRE(f.send(member, fixture::join("ABCD2345")).at(0)["type"] == "ack");
    auto refused = f.connect(); // asked a room, which said no
    auto bad = fixture::join("ABCD2345", "Fabia");
    bad["secret"] = "not the facilitator's";
    REQUIRE(error_code_of(f.send(refused, bad)) == "bad_secret");
    auto gone = f.connect();
    f.gateway->on_close(gone.peer);

    f.hub->shutdown("server shutting down");
    f.settle();
    CHECK(idle.conn->closed_with() == "server shutting down");
    CHECK(member.conn->closed_with() == "server shutting down");
    CHECK(gone.conn->closed_with().empty()); // closed before: not touched again

    // No room closes the refused one: the hub's last sweep does.
    f.ioc.restart();
    f.ioc.run_for(live::hub::shutdown_sweep + 300ms);
    CHECK(refused.conn->closed_with() == "server shutting down");

    SECTION("a connection that arrives during the shutdown is closed at once") {
        auto late = f.connect();
        CHECK(late.conn->closed_with() == "server shutting down");
        CHECK(error_code_of(f.send(late, fixture::join("ABCD2345"))) == "shutting_down");
    }
}
