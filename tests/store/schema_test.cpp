#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/schema.hpp"

#include "tavolo/store/sql.hpp"
#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tavolo;

TEST_CASE("a fresh database gets the current schema", "[store][schema][sqlite]") {
    test::temp_dir dir;
    auto db = store::open_database(dir / "t.db");
    CHECK(store::read_schema_version(db) == store::schema_version);
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
    CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 2); // FULL
    for (auto table : {"communities", "meetings", "participants", "contributions",
                       "contribution_edits", "supports"})
        CHECK(db.tableExists(table));
}

TEST_CASE("reopening keeps data and version", "[store][schema][sqlite]") {
    test::temp_dir dir;
    {
        auto db = store::open_database(dir / "t.db");
        db.exec("INSERT INTO communities (slug, name, created_at) VALUES ('x', 'X', 0)");
    }
    auto db = store::open_database(dir / "t.db", {.synchronous = "normal"});
    CHECK(db.execAndGet("SELECT COUNT(*) FROM communities").getInt() == 1);
    CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 1); // NORMAL
}

TEST_CASE("step 0 -> 1 runs in one transaction on an empty database", "[store][schema][sqlite]") {
    test::temp_dir dir;
    auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
    CHECK(store::read_schema_version(db) == 0);
    store::migrate_step(db, 0);
    CHECK(store::read_schema_version(db) == 1);
    CHECK(db.tableExists("contributions"));
    CHECK_THROWS_AS(store::migrate_step(db, store::schema_version), std::logic_error);
}

TEST_CASE("step 1 -> 2 keeps a version 1 database's data", "[store][schema][sqlite]") {
    test::temp_dir dir;
    auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
    db.exec("PRAGMA foreign_keys = ON");
    store::migrate_step(db, 0);
    db.exec("INSERT INTO communities (id, slug, name, created_at) VALUES (1, 'c', 'C', 0);"
            "INSERT INTO meetings (id, community_id, kind, title, scheduled_on, phase, join_code, "
            "facilitator_secret_hash, created_at) VALUES (1, 1, 'kickoff', 'K', '2027-01-01', "
            "'collect', 'J', 'h', 0);"
            "INSERT INTO participants VALUES ('p1', 1, 'Anna', 'Comune', 'participant', 5);"
            "INSERT INTO contributions (meeting_id, client_id, seq, participant_id, kind, text, "
            "created_at) VALUES (1, 'a', 1, 'p1', 'need', 'Testo', 6), "
            "(1, 'b', 7, 'p1', 'proposal', 'Altro', 7);");
    store::migrate_step(db, 1);
    CHECK(store::read_schema_version(db) == 2);
    CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
    CHECK(db.execAndGet("SELECT last_seq FROM meetings WHERE id = 1").getInt() == 7);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM contributions WHERE status = 'visible'").getInt() ==
          2);
    CHECK(db.execAndGet("SELECT name FROM participants WHERE id = 'p1'").getString() == "Anna");
    CHECK(db.execAndGet("SELECT removed FROM participants WHERE id = 'p1'").getInt() == 0);
    // The new role is accepted, and references still hold.
    db.exec("INSERT INTO participants (id, meeting_id, name, organization, role, joined_at) "
            "VALUES ('c1', 1, 'Carla', '', 'coordinator', 8)");
    CHECK_THROWS(db.exec("INSERT INTO contributions (meeting_id, client_id, seq, participant_id, "
                         "kind, text, created_at) VALUES (1, 'z', 9, 'ghost', 'need', 't', 9)"));

    SECTION("with the later steps, the same tables and columns as a fresh database") {
        for (int v = 2; v < store::schema_version; ++v)
            store::migrate_step(db, v);
        auto fresh = store::open_database(dir / "fresh.db");
        auto columns = [](tavolo::store::sql::database& d) {
            std::vector<std::string> out;
            tavolo::store::sql::statement t(
                d, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
            while (t.executeStep()) {
                auto const table = t.getColumn(0).getString();
                tavolo::store::sql::statement c(d,
                                                "SELECT name, type, \"notnull\", dflt_value FROM "
                                                "pragma_table_info(?) ORDER BY cid");
                c.bind(1, table);
                while (c.executeStep())
                    out.push_back(table + "." + c.getColumn(0).getString() + " " +
                                  c.getColumn(1).getString() + " " + c.getColumn(2).getString() +
                                  " " + c.getColumn(3).getString());
            }
            return out;
        };
        CHECK(columns(db) == columns(fresh));
    }
}

TEST_CASE("step 2 -> 3 adds the cluster board and objectives, keeping data",
          "[store][schema][sqlite]") {
    test::temp_dir dir;
    auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
    db.exec("PRAGMA foreign_keys = ON");
    store::migrate_step(db, 0);
    store::migrate_step(db, 1);
    db.exec("INSERT INTO communities (id, slug, name, created_at) VALUES (1, 'c', 'C', 0);"
            "INSERT INTO meetings (id, community_id, kind, title, scheduled_on, phase, join_code, "
            "facilitator_secret_hash, created_at) VALUES (1, 1, 'kickoff', 'K', '2027-01-01', "
            "'cluster', 'J', 'h', 0);"
            "INSERT INTO participants (id, meeting_id, name, organization, role, joined_at) "
            "VALUES ('p1', 1, 'Anna', 'Comune', 'participant', 5);"
            "INSERT INTO contributions (meeting_id, client_id, seq, participant_id, kind, text, "
            "created_at) VALUES (1, 'a', 1, 'p1', 'need', 'Testo', 6);");
    store::migrate_step(db, 2);
    CHECK(store::read_schema_version(db) == 3);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM contributions").getInt() == 1);
    for (auto const* table : {"objectives", "objective_contributions", "cluster_boards",
                              "cluster_groups", "cluster_members", "cluster_pins"})
        CHECK(db.tableExists(table));
    // References hold: a link to a contribution that does not exist is refused.
    db.exec("INSERT INTO objectives (id, community_id, meeting_id, title, created_at) "
            "VALUES ('o1', 1, 1, 'Obiettivo', 7)");
    db.exec("INSERT INTO objective_contributions VALUES ('o1', 1, 0)");
    CHECK_THROWS(db.exec("INSERT INTO objective_contributions VALUES ('o1', 99, 1)"));
    CHECK_THROWS(db.exec("INSERT INTO objectives (id, community_id, title, status, created_at) "
                         "VALUES ('o2', 1, 'x', 'weird', 7)"));
}

TEST_CASE("step 3 -> 4 adds the plan store and fills each objective's year",
          "[store][schema][sqlite]") {
    test::temp_dir dir;
    auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
    db.exec("PRAGMA foreign_keys = ON");
    for (int v = 0; v < 3; ++v)
        store::migrate_step(db, v);
    db.exec("INSERT INTO communities (id, slug, name, created_at) VALUES (1, 'c', 'C', 0);"
            "INSERT INTO meetings (id, community_id, kind, title, scheduled_on, phase, join_code, "
            "facilitator_secret_hash, created_at) VALUES (1, 1, 'kickoff', 'K', '2027-02-03', "
            "'plan', 'J', 'h', 0);"
            "INSERT INTO objectives (id, community_id, meeting_id, title, created_at) "
            "VALUES ('o1', 1, 1, 'Dal kick-off', 1700000000000);"
            // no meeting: the year it was created (2023-11-14)
            "INSERT INTO objectives (id, community_id, title, created_at) "
            "VALUES ('o2', 1, 'Senza incontro', 1700000000000);");
    store::migrate_step(db, 3);
    CHECK(store::read_schema_version(db) == 4);
    CHECK(db.execAndGet("SELECT year FROM objectives WHERE id = 'o1'").getInt() == 2027);
    CHECK(db.execAndGet("SELECT year FROM objectives WHERE id = 'o2'").getInt() == 2023);
    CHECK(db.execAndGet("SELECT updated_at FROM objectives WHERE id = 'o1'").getInt64() ==
          1700000000000);
    CHECK(db.execAndGet("SELECT owners FROM objectives WHERE id = 'o1'").getString() == "[]");
    for (auto const* table :
         {"organizations", "community_people", "deliverables", "working_groups",
          "working_group_members", "plans", "coordinators", "coordinator_sessions"})
        CHECK(db.tableExists(table));
    // The rules hold: statuses are checked, references too, one plan per
    // community, year and version.
    db.exec("INSERT INTO working_groups (objective_id) VALUES ('o1')");
    CHECK(db.execAndGet("SELECT status FROM working_groups").getString() == "forming");
    CHECK_THROWS(db.exec("INSERT INTO working_groups (objective_id) VALUES ('ghost')"));
    CHECK_THROWS(db.exec("UPDATE working_groups SET status = 'maybe'"));
    CHECK_THROWS(db.exec("INSERT INTO deliverables (objective_id, status) VALUES ('o1', 'late')"));
    db.exec("INSERT INTO plans (community_id, year, version, created_at) VALUES (1, 2027, 1, 0)");
    CHECK_THROWS(db.exec(
        "INSERT INTO plans (community_id, year, version, created_at) VALUES (1, 2027, 1, 0)"));
    db.exec("INSERT INTO coordinators (name, password_hash, created_at) VALUES ('anna', 'h', 0)");
    CHECK_THROWS(db.exec(
        "INSERT INTO coordinators (name, password_hash, created_at) VALUES ('anna', 'h2', 0)"));
    CHECK_THROWS(db.exec("INSERT INTO coordinator_sessions VALUES ('t', 99, 0, 1)"));
}

TEST_CASE("step 4 -> 5 keeps the objectives and their links, supports not known",
          "[store][schema][sqlite]") {
    test::temp_dir dir;
    auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
    db.exec("PRAGMA foreign_keys = ON");
    for (int v = 0; v < 4; ++v)
        store::migrate_step(db, v);
    db.exec("INSERT INTO communities (id, slug, name, created_at) VALUES (1, 'c', 'C', 0);"
            "INSERT INTO meetings (id, community_id, kind, title, scheduled_on, phase, join_code, "
            "facilitator_secret_hash, created_at) VALUES (1, 1, 'kickoff', 'K', '2027-02-03', "
            "'plan', 'J', 'h', 0);"
            "INSERT INTO participants (id, meeting_id, name, organization, role, joined_at) "
            "VALUES ('p1', 1, 'Anna', 'Comune', 'participant', 5);"
            "INSERT INTO contributions (meeting_id, client_id, seq, participant_id, kind, text, "
            "created_at) VALUES (1, 'a', 1, 'p1', 'need', 'Testo', 6);"
            "INSERT INTO supports VALUES (1, 'p1', 'a', 1);"
            "INSERT INTO objectives (id, community_id, meeting_id, title, created_at, year) "
            "VALUES ('o1', 1, 1, 'Dal kick-off', 7, 2027);"
            "INSERT INTO objective_contributions VALUES ('o1', 1, 0);");
    store::migrate_step(db, 4);
    CHECK(store::read_schema_version(db) == 5);
    CHECK(db.execAndGet("SELECT title FROM objectives WHERE id = 'o1'").getString() ==
          "Dal kick-off");
    CHECK(db.execAndGet("SELECT year FROM objectives WHERE id = 'o1'").getInt() == 2027);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM objective_contributions").getInt() == 1);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM supports").getInt() == 1);
    // A promotion before this version: its supports then are not known (not
    // today's, which may have changed since).
    CHECK(db.execAndGet("SELECT supports IS NULL FROM objectives").getInt() == 1);
    CHECK(db.execAndGet("SELECT supports IS NULL FROM objective_contributions").getInt() == 1);
    db.exec("UPDATE objectives SET supports = 4");
    CHECK_THROWS(db.exec("UPDATE objective_contributions SET supports = -1"));
}

TEST_CASE("step 5 -> 6 gives every meeting a question, empty, and keeps its data",
          "[store][schema][sqlite]") {
    test::temp_dir dir;
    auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
    db.exec("PRAGMA foreign_keys = ON");
    for (int v = 0; v < 5; ++v)
        store::migrate_step(db, v);
    db.exec("INSERT INTO communities (id, slug, name, created_at) VALUES (1, 'c', 'C', 0);"
            "INSERT INTO meetings (id, community_id, kind, title, scheduled_on, phase, join_code, "
            "facilitator_secret_hash, created_at, support_budget, last_seq) VALUES (1, 1, "
            "'kickoff', 'K', '2027-02-03', 'vote', 'J', 'h', 0, 7, 12);");
    store::migrate_step(db, 5);
    CHECK(store::read_schema_version(db) == 6);
    tavolo::store::sql::statement q(
        db, "SELECT question, title, phase, support_budget, last_seq FROM meetings");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString().empty());
    CHECK(q.getColumn(1).getString() == "K");
    CHECK(q.getColumn(2).getString() == "vote");
    CHECK(q.getColumn(3).getInt() == 7);
    CHECK(q.getColumn(4).getInt() == 12);
    db.exec("UPDATE meetings SET question = 'Quali esigenze?'");
    CHECK(db.execAndGet("SELECT question FROM meetings").getString() == "Quali esigenze?");
    CHECK_THROWS(db.exec("UPDATE meetings SET question = NULL"));
}

TEST_CASE("step 6 -> 7 makes accounts referents, the first one the admin",
          "[store][schema][sqlite]") {
    test::temp_dir dir;
    auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
    db.exec("PRAGMA foreign_keys = ON");
    for (int v = 0; v < 6; ++v)
        store::migrate_step(db, v);
    db.exec("INSERT INTO coordinators (id, name, password_hash, created_at) VALUES "
            "(4, 'Bruno', 'hb', 2), (2, 'Anna', 'ha', 1), (9, 'Carla', 'hc', 3);"
            "INSERT INTO coordinator_sessions VALUES ('t', 4, 0, 99);");
    store::migrate_step(db, 6);
    CHECK(store::read_schema_version(db) == 7);
    tavolo::store::sql::statement q(db,
                                    "SELECT name, role, disabled, password_hash FROM coordinators "
                                    "ORDER BY id");
    std::vector<std::string> seen;
    while (q.executeStep())
        seen.push_back(q.getColumn(0).getString() + ":" + q.getColumn(1).getString() + ":" +
                       q.getColumn(2).getString() + ":" + q.getColumn(3).getString());
    CHECK(seen == std::vector<std::string>{"Anna:admin:0:ha", "Bruno:referent:0:hb",
                                           "Carla:referent:0:hc"});
    CHECK(db.execAndGet("SELECT COUNT(*) FROM coordinator_sessions").getInt() == 1);
    CHECK(db.tableExists("coordinator_communities"));
    CHECK_THROWS(db.exec("UPDATE coordinators SET role = 'owner'"));
    CHECK_THROWS(db.exec("INSERT INTO coordinator_communities VALUES (2, 77)")); // no community
}

TEST_CASE("step 7 -> 8 keeps the files of the plans already published", "[store][schema][sqlite]") {
    test::temp_dir dir;
    auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
    db.exec("PRAGMA foreign_keys = ON");
    for (int v = 0; v < 7; ++v)
        store::migrate_step(db, v);
    db.exec("INSERT INTO communities (id, slug, name, created_at) VALUES (1, 'c', 'C', 0);"
            "INSERT INTO objectives (id, community_id, title, created_at, year) VALUES "
            "('obj-a', 1, 'A', 0, 2027), ('obj-b', 1, 'B', 0, 2027);"
            "INSERT INTO deliverables (objective_id, file_name, file_type, file_data) VALUES "
            "('obj-a', 'a.pdf', 'application/pdf', x'00ff'), ('obj-b', 'b.pdf', 't', x'01');"
            "INSERT INTO plans (id, community_id, year, version, created_at) VALUES "
            "(1, 1, 2027, 1, 0), (2, 1, 2027, 2, 0);"
            "UPDATE plans SET status = 'published', snapshot = "
            "'{\"objectives\":[{\"id\":\"obj-a\"}]}' WHERE id = 1;");
    store::migrate_step(db, 7);
    CHECK(store::read_schema_version(db) == 8);
    tavolo::store::sql::statement q(
        db, "SELECT plan_id, objective_id, name, hex(data) FROM published_files");
    REQUIRE(q.executeStep()); // obj-a, in the published version; not obj-b, not the draft
    CHECK(q.getColumn(0).getInt() == 1);
    CHECK(q.getColumn(1).getString() == "obj-a");
    CHECK(q.getColumn(2).getString() == "a.pdf");
    CHECK(q.getColumn(3).getString() == "00FF");
    CHECK_FALSE(q.executeStep());
    CHECK_THROWS(db.exec("DELETE FROM published_files"));
}

TEST_CASE("step 8 -> 9 gives meetings a schedule and communities a feed token",
          "[store][schema][sqlite]") {
    test::temp_dir dir;
    auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
    db.exec("PRAGMA foreign_keys = ON");
    for (int v = 0; v < 8; ++v)
        store::migrate_step(db, v);
    db.exec("INSERT INTO communities (id, slug, name, created_at) VALUES (1, 'c', 'C', 0);"
            "INSERT INTO meetings (id, community_id, kind, title, scheduled_on, join_code, "
            "facilitator_secret_hash, created_at) VALUES (1, 1, 'kickoff', 'K', '2027-02-10', "
            "'ABCD2345', 'h', 1234)");
    store::migrate_step(db, 8);
    CHECK(store::read_schema_version(db) == 9);
    tavolo::store::sql::statement q(db, "SELECT starts_at, duration_minutes, calendar_sequence, "
                                        "updated_at FROM meetings");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString().empty()); // all day
    CHECK(q.getColumn(1).getInt() == 120);
    CHECK(q.getColumn(2).getInt() == 0);
    CHECK(q.getColumn(3).getInt64() == 1234); // changed when it was made
    CHECK(db.execAndGet("SELECT calendar_token_hash FROM communities").getString().empty());
    CHECK_THROWS(db.exec("UPDATE meetings SET duration_minutes = 0"));
}

// PostgreSQL stores made by version 8 (issue 21's nodes) take the step too.
TEST_CASE("a PostgreSQL store of version 8 is brought to version 9", "[.][postgresql][schema]") {
    REQUIRE(test::on_postgresql());
    test::store_fixture f;
    auto const meeting = f.add_meeting(f.add_community("ct"), "ABCD2345");
    // Back to version 8 as it was: without the columns of step 8 -> 9.
    f.db.exec("ALTER TABLE meetings DROP COLUMN starts_at, DROP COLUMN duration_minutes, "
              "DROP COLUMN calendar_sequence, DROP COLUMN updated_at;"
              "DROP INDEX communities_by_calendar_token;"
              "ALTER TABLE communities DROP COLUMN calendar_token_hash;"
              "UPDATE tavolo_schema SET version = 8");
    CHECK(store::read_schema_version(f.db) == 8);
    store::migrate(f.db);
    CHECK(store::read_schema_version(f.db) == 9);
    auto const m = f.store.find_meeting(meeting);
    REQUIRE(m);
    CHECK(m->starts_at.empty());
    CHECK(m->duration_minutes == 120);
    CHECK(m->calendar_sequence == 0);
    CHECK(m->updated_at > 0); // when it was made
    f.store.set_calendar_token(m->community_id, "h");
    CHECK(f.store.community_by_calendar_token("h"));
}

TEST_CASE("a database newer than the program is refused", "[store][schema][sqlite]") {
    test::temp_dir dir;
    {
        auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
        db.exec("PRAGMA user_version = " + std::to_string(store::schema_version + 1));
    }
    CHECK_THROWS_WITH(store::open_database(dir / "t.db"),
                      Catch::Contains("newer than this tavolo"));
}

TEST_CASE("bad store options and paths give clear errors", "[store][schema][sqlite]") {
    test::temp_dir dir;
    CHECK_THROWS_WITH(store::open_database(dir / "t.db", {.synchronous = "off"}),
                      Catch::Contains("store.synchronous"));
    CHECK_THROWS_WITH(store::open_database(dir / "missing" / "t.db"),
                      Catch::Contains("cannot open the store"));
}
