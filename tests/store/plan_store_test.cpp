#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/schema.hpp"

#include "tavolo/store/sql.hpp"
#include <catch2/catch.hpp>

using namespace tavolo;

namespace {

struct seeded : test::store_fixture {
    store::plan_store& s = store;
    std::int64_t community = add_community("ct-dati", "Dati", "Comunità sui dati");
    std::int64_t meeting = add_meeting(community, "ABCD2345");

    seeded() {
        s.upsert_participant(
            {"p1", meeting, "Anna", "Comune di Lecce", "participant", 10, "", false});
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

TEST_CASE("communities and meetings", "[store][plan_store]") {
    seeded f;
    auto const c = f.s.find_community("ct-dati");
    REQUIRE(c);
    CHECK(c->name == "Dati");
    CHECK_FALSE(f.s.find_community("nope"));

    auto const all = f.s.meetings();
    REQUIRE(all.size() == 1);
    CHECK(all[0].community_name == "Dati");
    CHECK(all[0].join_code == "ABCD2345");
    CHECK(all[0].phase == "collect");
    CHECK(all[0].support_budget == 5);
    CHECK(all[0].last_seq == 0);
    CHECK(all[0].question.empty());

    SECTION("the live state is written and read back") {
        auto m = all[0];
        m.phase = "vote";
        m.locked = true;
        m.anonymous = true;
        m.private_writing = true;
        m.revealed = true;
        m.support_budget = 3;
        m.max_supports_per_contribution = 2;
        m.timer_ends_at = 1234;
        m.question = "Quali esigenze ha il vostro ente sulla sanità digitale?";
        f.s.update_meeting_state(m);
        f.s.advance_last_seq(f.meeting, 9);
        f.s.advance_last_seq(f.meeting, 4); // never backwards
        auto const back = f.s.meetings().at(0);
        CHECK(back.phase == "vote");
        CHECK(back.locked);
        CHECK(back.anonymous);
        CHECK(back.private_writing);
        CHECK(back.revealed);
        CHECK(back.support_budget == 3);
        CHECK(back.max_supports_per_contribution == 2);
        CHECK(back.timer_ends_at == 1234);
        CHECK(back.question == "Quali esigenze ha il vostro ente sulla sanità digitale?");
        CHECK(back.last_seq == 9);
        CHECK(f.s.find_meeting(f.meeting)->question == back.question);
    }
    SECTION("a meeting is created with its question") {
        store::meeting_row m = all[0];
        m.join_code = "QQQQ2345";
        m.question = "Che cosa serve ai vostri uffici?";
        auto const id = f.s.create_meeting(m);
        CHECK(f.s.find_meeting(id)->question == "Che cosa serve ai vostri uffici?");
    }
}

TEST_CASE("a meeting's schedule counts its changes for calendars", "[store][plan_store]") {
    seeded f;
    auto m = *f.s.find_meeting(f.meeting);
    CHECK(m.starts_at.empty());
    CHECK(m.duration_minutes == 120);
    CHECK(m.calendar_sequence == 0);
    CHECK(m.updated_at > 0);
    m.starts_at = "18:30";
    m.duration_minutes = 45;
    CHECK(f.s.reschedule_meeting(m));
    CHECK_FALSE(f.s.reschedule_meeting(m)); // the same again: no change to count
    auto back = *f.s.find_meeting(f.meeting);
    CHECK(back.starts_at == "18:30");
    CHECK(back.duration_minutes == 45);
    CHECK(back.calendar_sequence == 1);
    m.scheduled_on = "2031-03-30";
    CHECK(f.s.reschedule_meeting(m));
    CHECK(f.s.find_meeting(f.meeting)->calendar_sequence == 2);
    // The live state written after keeps the schedule.
    back = *f.s.find_meeting(f.meeting);
    back.phase = "closed";
    f.s.update_meeting_state(back);
    CHECK(f.s.find_meeting(f.meeting)->calendar_sequence == 2);
    CHECK(f.s.find_meeting(f.meeting)->scheduled_on == "2031-03-30");
}

TEST_CASE("a community's calendar feed is found by its token's hash", "[store][plan_store]") {
    seeded f;
    CHECK_FALSE(f.s.has_calendar_token(f.community));
    CHECK_FALSE(f.s.community_by_calendar_token("")); // no token is no community's
    f.s.set_calendar_token(f.community, "h1");
    CHECK(f.s.has_calendar_token(f.community));
    CHECK(f.s.community_by_calendar_token("h1")->slug == "ct-dati");
    f.s.set_calendar_token(f.community, "h2"); // a new one revokes the old
    CHECK_FALSE(f.s.community_by_calendar_token("h1"));
    CHECK(f.s.community_by_calendar_token("h2")->id == f.community);
}

TEST_CASE("contributions come back in seq order with their authors", "[store][plan_store]") {
    seeded f;
    f.s.upsert_contribution(f.contribution("b", 2));
    f.s.upsert_contribution(f.contribution("a", 1));
    auto const rows = f.s.contributions_of(f.meeting);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].client_id == "a");
    CHECK(rows[1].seq == 2);
    CHECK(rows[0].author_name == "Anna");
    CHECK(rows[0].author_organization == "Comune di Lecce");
    CHECK(rows[0].text == f.contribution("x", 0).text);
    CHECK(f.s.count_contributions() == 2);
    CHECK(rows[0].status == "visible");

    SECTION("an upsert changes text and status, keeping the rest") {
        auto c = f.contribution("a", 1);
        c.text = "Nuovo testo";
        c.status = "merged";
        c.merged_into = "b";
        c.edited = true;
        f.s.upsert_contribution(c);
        f.s.insert_edit({f.meeting, "a", "vecchio", "Nuovo testo", "p1", 30});
        auto const again = f.s.contributions_of(f.meeting);
        REQUIRE(again.size() == 2);
        CHECK(again[0].text == "Nuovo testo");
        CHECK(again[0].status == "merged");
        CHECK(again[0].merged_into == "b");
        CHECK(again[0].edited);
        CHECK(again[0].seq == 1);
        auto const history = f.s.edits_of(f.meeting, "a");
        REQUIRE(history.size() == 1);
        CHECK(history[0].old_text == "vecchio");
    }
    SECTION("supports are absolute counts; zero removes") {
        f.s.set_support({f.meeting, "p1", "a", 2});
        f.s.set_support({f.meeting, "p1", "b", 1});
        f.s.set_support({f.meeting, "p1", "a", 1});
        auto s = f.s.supports_of(f.meeting);
        REQUIRE(s.size() == 2);
        CHECK(s[0].count == 1);
        f.s.set_support({f.meeting, "p1", "a", 0});
        CHECK(f.s.supports_of(f.meeting).size() == 1);
    }
    SECTION("participants are upserted, with removal") {
        f.s.upsert_participant(
            {"p1", f.meeting, "Anna", "Comune di Lecce", "participant", 10, "h", true});
        auto const people = f.s.participants_of(f.meeting);
        REQUIRE(people.size() == 1);
        CHECK(people[0].removed);
    }
}

TEST_CASE("the store's constraints hold", "[store][plan_store]") {
    seeded f;
    f.s.upsert_contribution(f.contribution("a", 1));
    SECTION("a seq once per meeting") {
        CHECK_THROWS_AS(f.s.upsert_contribution(f.contribution("b", 1)), tavolo::store::sql::error);
    }
    SECTION("the author must exist") {
        auto c = f.contribution("c", 3);
        c.participant_id = "ghost";
        CHECK_THROWS_AS(f.s.upsert_contribution(c), tavolo::store::sql::error);
    }
    SECTION("the kind must be known") {
        auto c = f.contribution("d", 4);
        c.kind = "wish";
        CHECK_THROWS_AS(f.s.upsert_contribution(c), tavolo::store::sql::error);
    }
    SECTION("join codes are unique") {
        store::meeting_row m;
        m.community_id = f.community;
        m.title = "Altro";
        m.scheduled_on = "2027-02-01";
        m.join_code = "ABCD2345";
        m.facilitator_secret_hash = "h";
        CHECK_THROWS_AS(f.s.create_meeting(m), tavolo::store::sql::error);
    }
}

TEST_CASE("a board is saved and read whole", "[store][plan_store][board]") {
    seeded f;
    for (auto const* id : {"a", "b", "c"})
        f.s.upsert_contribution(f.contribution(id, id[0] - 'a' + 1));
    CHECK_FALSE(f.s.board_of(f.meeting));
    store::board_row b;
    b.meeting_id = f.meeting;
    b.next_group = 3;
    b.runs = 1;
    b.groups.push_back({"g1", "Dati aperti", {"dati", "aperti"}, 0.4, false, "", {"b", "a"}});
    b.groups.push_back({"g2", "Il mio titolo", {}, 0.0, true, "", {"c"}});
    b.pins = {{"c", "g2"}};
    f.s.save_board(b);
    auto back = f.s.board_of(f.meeting);
    REQUIRE(back);
    CHECK(back->next_group == 3);
    CHECK(back->runs == 1);
    REQUIRE(back->groups.size() == 2);
    CHECK(back->groups[0].id == "g1");
    CHECK(back->groups[0].keywords == std::vector<std::string>{"dati", "aperti"});
    CHECK(back->groups[0].members == std::vector<std::string>{"b", "a"});
    CHECK(back->groups[0].cohesion == Approx(0.4));
    CHECK(back->groups[1].renamed);
    CHECK(back->pins == std::vector<std::pair<std::string, std::string>>{{"c", "g2"}});

    SECTION("saving again replaces it") {
        b.groups.pop_back();
        b.pins.clear();
        b.runs = 2;
        f.s.save_board(b);
        back = f.s.board_of(f.meeting);
        CHECK(back->groups.size() == 1);
        CHECK(back->pins.empty());
        CHECK(back->runs == 2);
    }
    SECTION("a member that is not a contribution of the meeting is refused") {
        b.groups[0].members.push_back("ghost");
        CHECK_THROWS_AS(f.s.save_board(b), tavolo::store::sql::error);
    }
}

TEST_CASE("an objective links back to the contributions it came from",
          "[store][plan_store][objective]") {
    seeded f;
    for (auto const* id : {"a", "b", "c"})
        f.s.upsert_contribution(f.contribution(id, id[0] - 'a' + 1));
    store::objective_row o;
    o.id = "obj-1";
    o.meeting_id = f.meeting;
    o.group_id = "g1";
    o.title = "Catalogo dei dati aperti";
    o.description = "- Dati aperti\n";
    o.created_by = "p1";
    o.created_at = 99;
    o.contributions = {"c", "a"};
    f.s.create_objective(o);
    auto const all = f.s.objectives_of_meeting(f.meeting);
    REQUIRE(all.size() == 1);
    CHECK(all[0].community_id == f.community);
    CHECK(all[0].status == "draft");
    CHECK(all[0].title == "Catalogo dei dati aperti");
    CHECK(all[0].contributions == std::vector<std::string>{"c", "a"});
    CHECK(f.s.objectives_of_contribution(f.meeting, "a").at(0).id == "obj-1");
    CHECK(f.s.objectives_of_contribution(f.meeting, "b").empty());

    o.id = "obj-2";
    o.contributions = {"ghost"};
    CHECK_THROWS_AS(f.s.create_objective(o), tavolo::store::sql::error);
    o.id = "obj-3";
    o.meeting_id = 999;
    o.contributions = {};
    CHECK_THROWS_WITH(f.s.create_objective(o), Catch::Contains("no meeting 999"));
}

TEST_CASE("a promotion keeps the supports of that moment, also after a reopen",
          "[store][plan_store][objective]") {
    seeded f;
    for (auto const* id : {"a", "b", "c"})
        f.s.upsert_contribution(f.contribution(id, id[0] - 'a' + 1));
    f.s.upsert_participant({"p2", f.meeting, "Bruno", "ASL", "participant", 11, "", false});
    f.s.set_support({f.meeting, "p1", "a", 1});
    f.s.set_support({f.meeting, "p2", "a", 1});
    f.s.set_support({f.meeting, "p1", "c", 1});
    store::objective_row o;
    o.id = "obj-1";
    o.meeting_id = f.meeting;
    o.group_id = "g1";
    o.title = "Catalogo dei dati aperti";
    o.created_at = 99;
    o.contributions = {"c", "a"};
    o.supports = 3;
    o.contribution_supports = {{"a", 2}, {"c", 1}};
    f.s.create_objective(o);
    // Later changes do not rewrite the moment of the promotion: a support
    // given afterwards, a link added by hand, a coordinator's edit.
    f.s.set_support({f.meeting, "p2", "c", 1});
    REQUIRE(f.s.plans().link("obj-1", *f.s.contribution_id(f.meeting, "b")));
    auto edited = *f.s.plans().objective("obj-1");
    edited.title = "Catalogo regionale";
    f.s.plans().save_objective(edited);

    auto const check = [](store::plan_store& s, std::int64_t meeting) {
        auto const live = s.objectives_of_meeting(meeting);
        REQUIRE(live.size() == 1);
        CHECK(live[0].supports == 3);
        CHECK(live[0].contribution_supports ==
              std::map<std::string, std::int64_t>{{"a", 2}, {"c", 1}});
        CHECK(live[0].contributions == std::vector<std::string>{"c", "a", "b"});
        auto const record = s.plans().objective("obj-1");
        REQUIRE(record);
        CHECK(record->title == "Catalogo regionale");
        CHECK(record->supports == 3);
        REQUIRE(record->contributions.size() == 3);
        CHECK(record->contributions[0].supports == 1);  // c
        CHECK(record->contributions[1].supports == 2);  // a
        CHECK_FALSE(record->contributions[2].supports); // b, linked by hand
    };
    check(f.s, f.meeting);
    tavolo::store::sql::database reopened = store::open_database(f.path, f.options);
    store::plan_store again(reopened);
    check(again, f.meeting);

    SECTION("an objective with no known supports keeps none") {
        o.id = "obj-2";
        o.supports.reset();
        o.contribution_supports.clear();
        f.s.create_objective(o);
        auto const record = f.s.plans().objective("obj-2");
        CHECK_FALSE(record->supports);
        CHECK_FALSE(record->contributions[0].supports);
    }
    SECTION("a negative count is refused") {
        o.id = "obj-3";
        o.supports = -1;
        CHECK_THROWS_AS(f.s.create_objective(o), tavolo::store::sql::error);
    }
}

TEST_CASE("coordinators and their sign-in sessions", "[store]") {
    seeded f;
    auto const id = f.s.create_coordinator("Anna Rossi", "$argon2id$hash");
    CHECK_THROWS_AS(f.s.create_coordinator("Anna Rossi", "other"), tavolo::store::sql::error);
    auto const found = f.s.find_coordinator("Anna Rossi");
    REQUIRE(found);
    CHECK(found->id == id);
    CHECK(found->password_hash == "$argon2id$hash");
    CHECK_FALSE(f.s.find_coordinator("anna rossi"));

    f.s.create_session("h1", id, 1000);
    f.s.create_session("h2", id, 5000);
    CHECK(f.s.session_coordinator("h1", 999)->name == "Anna Rossi");
    CHECK_FALSE(f.s.session_coordinator("h1", 1000)); // expired
    CHECK_FALSE(f.s.session_coordinator("nope", 0));
    CHECK(f.s.delete_expired_sessions(1000) == 1);
    CHECK(f.s.session_coordinator("h2", 1000));
    f.s.delete_session("h2");
    CHECK_FALSE(f.s.session_coordinator("h2", 1000));
    CHECK_THROWS_AS(f.s.create_session("h3", id + 100, 5000),
                    tavolo::store::sql::error); // no such one

    auto const all = f.s.communities();
    REQUIRE(all.size() == 1);
    CHECK(all[0].slug == "ct-dati");
}

TEST_CASE("accounts: roles, communities, disabling, passwords and sessions", "[store][accounts]") {
    seeded f;
    auto const community = f.s.find_community("ct-dati")->id;
    auto const other = f.s.create_community({0, "ct-salute", "Salute", ""});

    SECTION("the first account made is the admin, later ones referents") {
        f.s.create_coordinator("Anna", "h1");
        f.s.create_coordinator("Bruno", "h2");
        CHECK(f.s.find_coordinator("Anna")->role == "admin");
        CHECK(f.s.find_coordinator("Bruno")->role == "referent");
        CHECK_FALSE(f.s.find_coordinator("Bruno")->disabled);
    }
    SECTION("a co-coordinator's communities are kept and replaced whole") {
        auto const id = f.s.create_account("Carla", "h", "co-coordinator", {community});
        auto const carla = f.s.find_coordinator("Carla");
        REQUIRE(carla);
        CHECK(carla->role == "co-coordinator");
        CHECK(carla->communities == std::map<std::int64_t, std::string>{{community, "ct-dati"}});
        f.s.set_role(id, "co-coordinator", {other, community});
        CHECK(f.s.find_coordinator("Carla")->communities.size() == 2);
        f.s.set_role(id, "referent", {});
        CHECK(f.s.find_coordinator("Carla")->role == "referent");
        CHECK(f.s.find_coordinator("Carla")->communities.empty());
        CHECK_THROWS(f.s.set_role(id, "owner", {}));
        CHECK_THROWS_AS(f.s.create_account("Dario", "h", "co-coordinator", {community + 100}),
                        tavolo::store::sql::error);
        CHECK_FALSE(f.s.find_coordinator("Dario")); // nothing half-made
    }
    SECTION("disabling ends the sessions at once; a disabled account has none") {
        auto const id = f.s.create_coordinator("Anna", "h");
        f.s.create_session("s1", id, 5000);
        f.s.create_session("s2", id, 5000);
        f.s.set_disabled(id, true);
        CHECK(f.s.find_coordinator("Anna")->disabled);
        CHECK_FALSE(f.s.session_coordinator("s1", 0));
        f.s.create_session("s3", id, 5000); // one left behind (a crash, a backup)
        CHECK_FALSE(f.s.session_coordinator("s3", 0));
        f.s.set_disabled(id, false);
        CHECK(f.s.session_coordinator("s3", 0)->name == "Anna");
        CHECK_FALSE(f.s.session_coordinator("s1", 0));
    }
    SECTION("sessions of one account end, all or all but one; passwords change") {
        auto const anna = f.s.create_coordinator("Anna", "h");
        auto const bruno = f.s.create_coordinator("Bruno", "h");
        for (auto const* t : {"a1", "a2", "a3"})
            f.s.create_session(t, anna, 5000);
        f.s.create_session("b1", bruno, 5000);
        CHECK(f.s.delete_sessions_of(anna, "a2") == 2);
        CHECK(f.s.session_coordinator("a2", 0));
        CHECK_FALSE(f.s.session_coordinator("a1", 0));
        CHECK(f.s.delete_sessions_of(anna) == 1);
        CHECK(f.s.session_coordinator("b1", 0)); // another account's stay
        f.s.set_password(anna, "new-hash");
        CHECK(f.s.find_coordinator("Anna")->password_hash == "new-hash");
        auto const all = f.s.coordinators();
        REQUIRE(all.size() == 2);
        CHECK(all[0].name == "Anna");
        CHECK(all[1].name == "Bruno");
    }
}

TEST_CASE("atomically: all of the work or none of it, nested or not", "[store][plan_store]") {
    seeded f;
    auto const communities = [&] { return f.s.communities().size(); };
    SECTION("kept when the work ends well") {
        f.s.atomically([&] { f.s.create_community({0, "a", "A", ""}); });
        CHECK(communities() == 2);
    }
    SECTION("undone when it throws, and the exception goes on") {
        CHECK_THROWS_WITH(f.s.atomically([&] {
            f.s.create_community({0, "a", "A", ""});
            throw std::runtime_error("half way");
        }),
                          "half way");
        CHECK(communities() == 1);
        f.s.create_community({0, "b", "B", ""}); // the connection is usable after
        CHECK(communities() == 2);
    }
    SECTION("an inner failure caught by the outer work undoes only the inner") {
        f.s.atomically([&] {
            f.s.create_community({0, "outer", "Outer", ""});
            try {
                f.s.atomically([&] {
                    f.s.create_community({0, "inner", "Inner", ""});
                    throw std::runtime_error("inner");
                });
            } catch (std::runtime_error const&) {
            }
        });
        CHECK(f.s.find_community("outer"));
        CHECK_FALSE(f.s.find_community("inner"));
    }
    SECTION("inside a caller's transaction, undone with it") {
        {
            tavolo::store::sql::transaction tx(f.db);
            f.s.atomically([&] { f.s.create_community({0, "a", "A", ""}); });
        } // rolled back
        CHECK(communities() == 1);
    }
}

TEST_CASE("a contribution's row id, and the schema version on disk", "[store][plan_store]") {
    seeded f;
    f.s.upsert_contribution(f.contribution("c1", 1));
    f.s.upsert_contribution(f.contribution("c2", 2));
    auto const id = f.s.contribution_id(f.meeting, "c2");
    REQUIRE(id);
    CHECK(*id == f.db.execAndGet("SELECT id FROM contributions WHERE seq = 2").getInt64());
    CHECK_FALSE(f.s.contribution_id(f.meeting, "nope"));
    CHECK_FALSE(f.s.contribution_id(f.meeting + 1, "c2"));
    CHECK(f.s.stored_schema_version() == store::schema_version);
}
