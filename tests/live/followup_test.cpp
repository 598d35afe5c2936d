// Follow-up meetings: the plan presented live, volunteers joining working
// groups, staff confirming and enabling them, and the plan read again when a
// coordinator changes it.
#include "support/fake_live.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/live/hub.hpp"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

using namespace tavolo;
using nlohmann::json;

namespace {

live::plan_item item(std::string id, bool needs_group) {
    live::plan_item i;
    i.objective_id = std::move(id);
    i.title = "Obiettivo " + i.objective_id;
    i.deliverable = "Linee guida";
    i.start_month = "2027-07";
    i.needs_working_group = needs_group;
    return i;
}

struct fixture {
    boost::asio::io_context ioc;
    test::manual_persistence store;
    std::string secret = core::generate_secret();
    std::unique_ptr<live::hub> hub;

    explicit fixture(live::meeting_kind kind = live::meeting_kind::followup,
                     live::meeting_phase phase = live::meeting_phase::plan) {
        live::meeting_snapshot m;
        m.info.id = 9;
        m.info.title = "Follow-up";
        m.info.kind = kind;
        m.info.community_name = "Comunità";
        m.info.join_code = "FLUP2345";
        m.info.facilitator_secret_hash = core::hash_secret(secret);
        m.info.phase = phase;
        m.plan = {item("obj-a", true), item("obj-b", false)};
        m.last_seq = 10;
        store.meetings.push_back(m);
        hub = std::make_unique<live::hub>(ioc, store, live::hub_limits{});
        hub->restore();
    }

    struct client {
        std::shared_ptr<test::recording_connection> conn =
            std::make_shared<test::recording_connection>();
        std::shared_ptr<live::peer> peer;
    };

    void settle() {
        ioc.restart();
        ioc.poll();
    }

    void send(client const& c, json const& msg) {
        hub->on_message(c.peer, msg.dump());
        settle();
    }

    json join(client& c, json msg) {
        c.peer = hub->connect(c.conn);
        msg["type"] = "join";
        msg["ref"] = "j";
        msg["code"] = "FLUP-2345";
        send(c, msg);
        auto frames = c.conn->take();
        REQUIRE(frames.size() == 1);
        REQUIRE(frames[0]["type"] == "ack");
        return frames[0]["result"];
    }

    client participant(std::string const& name, std::string const& body) {
        client c;
        join(c, {{"name", name}, {"organization", body}});
        return c;
    }

    client facilitator() {
        client c;
        join(c, {{"name", "Fabia"}, {"organization", ""}, {"secret", secret}});
        return c;
    }

    // The one frame `c` got: an ack's result, or the error.
    static json reply(client const& c) {
        auto frames = c.conn->take();
        REQUIRE(frames.size() >= 1);
        for (auto const& f : frames)
            if (f["type"] == "ack" || f["type"] == "error")
                return f;
        FAIL("no reply among " << json(frames).dump());
        return {};
    }
};

json volunteer(std::string const& objective, bool leave = false) {
    return {{"type", leave ? "unvolunteer" : "volunteer"}, {"ref", "v"}, {"objective", objective}};
}

json status(std::string const& objective, std::string const& s, std::string date = "") {
    json m{{"type", "working_group_status"}, {"ref", "s"}, {"objective", objective}, {"status", s}};
    if (!date.empty())
        m["start_date"] = date;
    return m;
}

} // namespace

TEST_CASE("a follow-up meeting presents its plan to whoever joins", "[live][followup]") {
    fixture f;
    fixture::client c;
    auto const result = f.join(c, {{"name", "Anna"}, {"organization", "Comune di Lecce"}});
    CHECK(result["meeting"]["kind"] == "followup");
    REQUIRE(result["plan"].size() == 2);
    CHECK(result["plan"][0]["objective"] == "obj-a");
    CHECK(result["plan"][0]["deliverable"]["description"] == "Linee guida");
    CHECK(result["plan"][0]["start_month"] == "2027-07");
    CHECK(result["plan"][0]["working_group"]["status"] == "forming");
    CHECK(result["plan"][1]["working_group"].is_null());

    SECTION("a kick-off has no plan in its welcome") {
        fixture k(live::meeting_kind::kickoff, live::meeting_phase::collect);
        fixture::client p;
        auto const r = k.join(p, {{"name", "Anna"}, {"organization", "Comune di Lecce"}});
        CHECK(r["meeting"]["kind"] == "kickoff");
        CHECK_FALSE(r.contains("plan"));
        k.send(p, volunteer("obj-a"));
        CHECK(fixture::reply(p)["code"] == "not_found");
    }
}

TEST_CASE("participants volunteer and everyone sees the group fill up", "[live][followup]") {
    fixture f;
    auto anna = f.participant("Anna", "Comune di Lecce");
    auto marco = f.participant("Marco", "ASL Bari");
    auto staff = f.facilitator();

    f.send(anna, volunteer("obj-a"));
    auto const ack = fixture::reply(anna);
    REQUIRE(ack["type"] == "ack");
    CHECK(ack["result"]["working_group"]["members"].size() == 1);
    // The event reached everyone, the volunteer included, with a new seq.
    for (auto* who : {&marco, &staff}) {
        auto frames = who->conn->take();
        REQUIRE(frames.size() == 1);
        CHECK(frames[0]["type"] == "working_group");
        CHECK(frames[0]["seq"] == 11);
        auto const& m = frames[0]["item"]["working_group"]["members"][0];
        CHECK(m ==
              json{{"name", "Anna"}, {"organization", "Comune di Lecce"}, {"confirmed", false}});
    }
    // Stored as one change: the volunteer (and who she is) with the seq.
    REQUIRE(f.store.saved.size() == 1);
    auto const& saved = f.store.saved[0];
    REQUIRE(saved.groups.size() == 1);
    CHECK(saved.groups[0].what == live::group_change::action::join);
    CHECK(saved.groups[0].member.organization == "Comune di Lecce");
    CHECK(saved.seq == 11);

    SECTION("twice is refused") {
        f.send(anna, volunteer("obj-a"));
        CHECK(fixture::reply(anna)["code"] == "already_member");
    }
    SECTION("an objective without a working group, or not in the plan") {
        f.send(anna, volunteer("obj-b"));
        CHECK(fixture::reply(anna)["code"] == "no_working_group");
        f.send(anna, volunteer("obj-zzz"));
        CHECK(fixture::reply(anna)["code"] == "not_found");
    }
    SECTION("a volunteer leaves; leaving twice is refused") {
        f.send(anna, volunteer("obj-a", true));
        CHECK(fixture::reply(anna)["result"]["working_group"]["members"].empty());
        f.send(anna, volunteer("obj-a", true));
        CHECK(fixture::reply(anna)["code"] == "not_found");
    }
    SECTION("participants may not confirm or remove") {
        f.send(marco, status("obj-a", "composed"));
        CHECK(fixture::reply(marco)["code"] == "forbidden");
        f.send(marco, {{"type", "working_group_remove"},
                       {"ref", "r"},
                       {"objective", "obj-a"},
                       {"name", "Anna"},
                       {"organization", "Comune di Lecce"}});
        CHECK(fixture::reply(marco)["code"] == "forbidden");
    }
    SECTION("staff confirm, then enable; a confirmed group takes no volunteer") {
        staff.conn->take();
        anna.conn->take();
        f.send(staff, status("obj-a", "composed"));
        auto const composed = fixture::reply(staff);
        REQUIRE(composed["type"] == "ack");
        CHECK(composed["result"]["working_group"]["status"] == "composed");
        CHECK(composed["result"]["working_group"]["members"][0]["confirmed"] == true);

        f.send(marco, volunteer("obj-a"));
        CHECK(fixture::reply(marco)["code"] == "group_closed");
        f.send(anna, volunteer("obj-a", true));
        CHECK(fixture::reply(anna)["code"] == "group_closed");

        f.send(staff, status("obj-a", "enabled", "2027-07-01"));
        auto const enabled = fixture::reply(staff);
        CHECK(enabled["result"]["working_group"]["status"] == "enabled");
        CHECK(enabled["result"]["working_group"]["start_date"] == "2027-07-01");
        f.send(staff, status("obj-a", "enabled", "2027-07-01"));
        CHECK(fixture::reply(staff)["code"] == "no_change");

        // Staff reopen it, and remove a member.
        f.send(staff, status("obj-a", "forming"));
        CHECK(fixture::reply(staff)["result"]["working_group"]["start_date"].is_null());
        f.send(staff, {{"type", "working_group_remove"},
                       {"ref", "r"},
                       {"objective", "obj-a"},
                       {"name", "Anna"},
                       {"organization", "Comune di Lecce"}});
        CHECK(fixture::reply(staff)["result"]["working_group"]["members"].empty());
        f.send(staff, status("obj-a", "composed"));
        CHECK(fixture::reply(staff)["code"] == "group_empty");
    }
}

TEST_CASE("volunteering waits for the plan phase; a closed meeting takes none",
          "[live][followup]") {
    fixture f(live::meeting_kind::followup, live::meeting_phase::lobby);
    auto anna = f.participant("Anna", "Comune di Lecce");
    f.send(anna, volunteer("obj-a"));
    CHECK(fixture::reply(anna)["code"] == "wrong_phase");
    auto staff = f.facilitator();
    f.send(staff, {{"type", "set_phase"}, {"ref", "p"}, {"phase", "closed"}});
    anna.conn->take();
    f.send(anna, volunteer("obj-a"));
    CHECK(fixture::reply(anna)["code"] == "wrong_phase");
}

TEST_CASE("a volunteer's change that the store refuses is not shown", "[live][followup]") {
    fixture f;
    f.store.immediate = false;
    auto anna = f.participant("Anna", "Comune di Lecce");
    f.send(anna, volunteer("obj-a"));
    CHECK(anna.conn->take().empty()); // nothing until durable
    f.store.complete_next("disk full");
    f.settle();
    auto frames = anna.conn->take();
    REQUIRE(frames.size() == 2);
    CHECK(frames[0]["type"] == "skip");
    CHECK(frames[1]["code"] == "store_failed");
    // The working state forgot it: volunteering again is allowed.
    f.send(anna, volunteer("obj-a"));
    f.store.complete_next();
    f.settle();
    CHECK(fixture::reply(anna)["type"] == "ack");
}

TEST_CASE("the plan is read again when a coordinator changes it", "[live][followup]") {
    fixture f;
    auto anna = f.participant("Anna", "Comune di Lecce");

    SECTION("nothing changed: no event") {
        f.store.plan = f.store.meetings[0].plan;
        f.hub->plan_changed();
        f.settle();
        CHECK(f.store.plan_loads == 1);
        CHECK(anna.conn->take().empty());
        CHECK(f.store.saved.empty());
    }
    SECTION("a new objective and a member added through the API") {
        f.store.plan = f.store.meetings[0].plan;
        f.store.plan[0].members.push_back({"Bea", "Comune di Bari", "", false, 1});
        f.store.plan.push_back(item("obj-c", true));
        f.hub->plan_changed();
        f.settle();
        auto frames = anna.conn->take();
        REQUIRE(frames.size() == 1);
        CHECK(frames[0]["type"] == "plan");
        CHECK(frames[0]["seq"] == 11);
        REQUIRE(frames[0]["plan"].size() == 3);
        CHECK(frames[0]["plan"][0]["working_group"]["members"][0]["name"] == "Bea");
        // Written as a change with its seq (nothing else to write).
        REQUIRE(f.store.saved.size() == 1);
        CHECK(f.store.saved[0].plan.has_value());
        CHECK(f.store.saved[0].groups.empty());
        // The new objective takes volunteers.
        f.send(anna, volunteer("obj-c"));
        CHECK(fixture::reply(anna)["type"] == "ack");
    }
    SECTION("a volunteer under way when the plan is read is kept") {
        f.store.immediate = false;
        f.store.plan = f.store.meetings[0].plan; // the read does not see Anna yet
        f.hub->plan_changed();
        f.settle(); // the read is queued
        f.send(anna, volunteer("obj-a"));
        f.store.complete_next(); // the read: Anna's change is still under way
        f.settle();
        CHECK(f.store.saved.size() == 1); // no plan change: the plan with Anna is the same
        f.store.complete_next();
        f.settle();
        auto frames = anna.conn->take();
        REQUIRE(frames.size() == 2);
        CHECK(frames[0]["type"] == "working_group");
        CHECK(frames[1]["result"]["working_group"]["members"].size() == 1);
    }
}

TEST_CASE("a coordinator opens, closes and re-links a meeting from outside it",
          "[live][followup]") {
    fixture f(live::meeting_kind::followup, live::meeting_phase::lobby);
    auto anna = f.participant("Anna", "Comune di Lecce");
    auto staff = f.facilitator();
    auto const room = f.hub->find_meeting(9);
    REQUIRE(room);
    CHECK_FALSE(f.hub->find_meeting(10));

    std::optional<live::meeting_room::outside_result> got;
    auto done = [&got](live::meeting_room::outside_result r) { got = std::move(r); };

    live::meeting_room::outside_change open;
    open.phase = live::meeting_phase::plan;
    room->change_from_outside(open, done);
    f.settle();
    REQUIRE(got);
    CHECK_FALSE(got->error);
    CHECK(got->meeting["phase"] == "plan");
    auto frames = anna.conn->take();
    REQUIRE(frames.size() == 1);
    CHECK(frames[0]["type"] == "meeting");
    CHECK(frames[0]["meeting"]["phase"] == "plan");

    got.reset();
    room->change_from_outside(open, done);
    f.settle();
    REQUIRE(got->error);
    CHECK(got->error->first == "no_change");

    got.reset();
    live::meeting_room::outside_change relink;
    relink.facilitator_hash = core::hash_secret("a-new-secret");
    room->change_from_outside(relink, done);
    f.settle();
    REQUIRE(got);
    CHECK_FALSE(got->error);
    // The facilitator who came with the old link is sent away; Anna stays.
    CHECK(staff.conn->closed_with() == "the facilitator link was replaced");
    CHECK(anna.conn->closed_with().empty());
    REQUIRE(f.store.saved.back().info);
    CHECK(f.store.saved.back().info->facilitator_secret_hash == core::hash_secret("a-new-secret"));
    // The old link opens nothing now; the new one does.
    fixture::client old;
    old.peer = f.hub->connect(old.conn);
    f.send(old, {{"type", "join"},
                 {"ref", "j"},
                 {"code", "FLUP2345"},
                 {"name", "Fabia"},
                 {"organization", ""},
                 {"secret", f.secret}});
    CHECK(fixture::reply(old)["code"] == "bad_secret");
    fixture::client fresh;
    auto const r =
        f.join(fresh, {{"name", "Fabia"}, {"organization", ""}, {"secret", "a-new-secret"}});
    CHECK(r["you"]["role"] == "facilitator");
}
