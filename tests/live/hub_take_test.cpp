// The hub with a meeting host (several nodes): take() serves a meeting on
// this node as a join would, sharing the host's answer with the joins that
// wait for the same meeting; an API change uses it (app::live_relay). The
// host is a fake that answers when the test says.
#include "support/fake_live.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/live/hub.hpp"
#include "tavolo/live/meeting_host.hpp"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

using namespace tavolo;
using nlohmann::json;

namespace {

struct fake_host final : live::meeting_host {
    std::vector<std::pair<std::string, std::function<void(outcome)>>> asked;
    void take(std::string const& code, std::function<void(outcome)> done) override {
        asked.emplace_back(code, std::move(done));
    }
    void released(std::int64_t) override {}
};

live::meeting_snapshot meeting(std::int64_t id, std::string code) {
    live::meeting_snapshot m;
    m.info.id = id;
    m.info.title = "Riunione";
    m.info.community_name = "Comunità";
    m.info.join_code = std::move(code);
    m.info.facilitator_secret_hash = core::hash_secret(core::generate_secret());
    m.info.phase = live::meeting_phase::collect;
    return m;
}

struct fixture {
    boost::asio::io_context ioc;
    test::manual_persistence store;
    fake_host host;
    live::hub hub{ioc, store, {}, nullptr, &host};
    std::shared_ptr<test::recording_connection> conn =
        std::make_shared<test::recording_connection>();
    std::shared_ptr<live::peer> peer = hub.connect(conn, "192.0.2.1");

    void settle() {
        ioc.restart();
        ioc.poll();
    }
    void join(std::string const& code) {
        hub.on_message(peer, json{{"type", "join"},
                                  {"ref", "j"},
                                  {"code", code},
                                  {"name", "Anna"},
                                  {"organization", "Comune"}}
                                 .dump());
        settle();
    }
};

} // namespace

TEST_CASE("hub: take serves a meeting here as a join would", "[live][hub][nodes]") {
    fixture f;
    std::vector<std::shared_ptr<live::meeting_room>> got;
    bool answered = false;
    f.hub.take("ABCD2345", [&](std::shared_ptr<live::meeting_room> room) {
        answered = true;
        got.push_back(std::move(room));
    });
    f.join("ABCD2345"); // waits for the same answer
    REQUIRE(f.host.asked.size() == 1);
    CHECK(f.host.asked[0].first == "ABCD2345");
    CHECK_FALSE(answered);

    SECTION("taken: both get the meeting") {
        f.host.asked[0].second(live::meeting_host::taken{meeting(7, "ABCD2345")});
        f.settle();
        REQUIRE(got.size() == 1);
        REQUIRE(got[0]);
        CHECK(got[0]->id() == 7);
        CHECK(f.hub.find_meeting(7) == got[0]);
        auto const replies = f.conn->take();
        REQUIRE_FALSE(replies.empty());
        CHECK(replies[0]["type"] == "ack");

        // Served here now: the next take needs no host.
        std::shared_ptr<live::meeting_room> again;
        f.hub.take("ABCD2345", [&](auto room) { again = std::move(room); });
        CHECK(again == got[0]);
        CHECK(f.host.asked.size() == 1);
    }
    SECTION("live elsewhere: take gets no room, the join is told to retry") {
        f.host.asked[0].second(live::meeting_host::elsewhere{});
        f.settle();
        REQUIRE(got.size() == 1);
        CHECK(got[0] == nullptr);
        CHECK(f.hub.meeting_count() == 0);
        auto const replies = f.conn->take();
        REQUIRE(replies.size() == 1);
        CHECK(replies[0]["code"] == "meeting_moving");
    }
}

TEST_CASE("hub: take during a shutdown gets no room", "[live][hub][nodes]") {
    fixture f;
    f.hub.shutdown("server shutting down");
    bool answered = false;
    f.hub.take("ABCD2345", [&](std::shared_ptr<live::meeting_room> room) {
        answered = true;
        CHECK(room == nullptr);
    });
    CHECK(answered);
    CHECK(f.host.asked.empty());
}
