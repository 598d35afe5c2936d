#include "support/temp_dir.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"

#include <SQLiteCpp/Exception.h>
#include <catch2/catch.hpp>

using namespace tavolo;

namespace {

struct seeded {
    test::temp_dir dir;
    SQLite::Database db = store::open_database(dir / "t.db");
    store::plan_store s{db};
    std::int64_t community = 0;
    std::int64_t meeting = 0;

    seeded() {
        community = s.create_community({0, "ct-dati", "Dati", "Comunità sui dati"});
        store::meeting_row m;
        m.community_id = community;
        m.title = "Kick-off";
        m.scheduled_on = "2027-01-20";
        m.phase = "collect";
        m.join_code = "ABCD2345";
        m.facilitator_secret_hash = "h";
        meeting = s.create_meeting(m);
        s.insert_participant({"p1", meeting, "Anna", "Comune di Lecce", "participant", 10});
    }

    store::contribution_row contribution(std::string id, std::int64_t seq) {
        store::contribution_row c;
        c.meeting_id = meeting;
        c.client_id = std::move(id);
        c.seq = seq;
        c.participant_id = "p1";
        c.kind = "need";
        c.text = "Testo con 'apici' e \"virgolette\"; DROP TABLE contributions; --";
        c.created_at = 20;
        return c;
    }
};

} // namespace

TEST_CASE("communities and live meetings", "[store][plan_store]") {
    seeded f;
    auto const c = f.s.find_community("ct-dati");
    REQUIRE(c);
    CHECK(c->name == "Dati");
    CHECK_FALSE(f.s.find_community("nope"));

    auto const live = f.s.live_meetings();
    REQUIRE(live.size() == 1);
    CHECK(live[0].community_name == "Dati");
    CHECK(live[0].join_code == "ABCD2345");
    CHECK(live[0].phase == "collect");

    f.db.exec("UPDATE meetings SET phase = 'closed'");
    CHECK(f.s.live_meetings().empty());
}

TEST_CASE("contributions come back in seq order with their authors", "[store][plan_store]") {
    seeded f;
    f.s.insert_contribution(f.contribution("b", 2));
    f.s.insert_contribution(f.contribution("a", 1));
    auto const rows = f.s.contributions_of(f.meeting);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].client_id == "a");
    CHECK(rows[1].seq == 2);
    CHECK(rows[0].author_name == "Anna");
    CHECK(rows[0].author_organization == "Comune di Lecce");
    CHECK(rows[0].text == f.contribution("x", 0).text);
    CHECK(f.s.count_contributions() == 2);
}

TEST_CASE("the store's constraints hold", "[store][plan_store]") {
    seeded f;
    f.s.insert_contribution(f.contribution("a", 1));
    SECTION("a client id once per meeting") {
        CHECK_THROWS_AS(f.s.insert_contribution(f.contribution("a", 2)), SQLite::Exception);
    }
    SECTION("a seq once per meeting") {
        CHECK_THROWS_AS(f.s.insert_contribution(f.contribution("b", 1)), SQLite::Exception);
    }
    SECTION("the author must exist") {
        auto c = f.contribution("c", 3);
        c.participant_id = "ghost";
        CHECK_THROWS_AS(f.s.insert_contribution(c), SQLite::Exception);
    }
    SECTION("the kind must be known") {
        auto c = f.contribution("d", 4);
        c.kind = "wish";
        CHECK_THROWS_AS(f.s.insert_contribution(c), SQLite::Exception);
    }
    SECTION("join codes are unique") {
        store::meeting_row m;
        m.community_id = f.community;
        m.title = "Altro";
        m.scheduled_on = "2027-02-01";
        m.join_code = "ABCD2345";
        m.facilitator_secret_hash = "h";
        CHECK_THROWS_AS(f.s.create_meeting(m), SQLite::Exception);
    }
}
