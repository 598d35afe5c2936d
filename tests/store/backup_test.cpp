#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

#include "tavolo/store/backup.hpp"
#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"
#include "tavolo/store/schema.hpp"

#include "tavolo/store/sql.hpp"
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace tavolo;

namespace {

// A deliverable's file, with bytes no text could hold.
std::string const blob("\x00\xFF\x10\xDE\xAD\xBE\xEF", 7);

// A store with a row in every table, and values of every kind.
void fill(tavolo::store::sql::database& db) {
    store::plan_store s(db);
    store::plans p(db);
    auto const c = s.create_community({0, "ct-dati", "Comunità «Dati»", "Ünicode ✓"});
    db.exec("INSERT INTO organizations (name, kind) VALUES ('Comune di Lecce', 'comune')");
    db.exec("INSERT INTO community_people VALUES (1, 'Mara', 'Regione', 'coordinator')");
    store::meeting_row m;
    m.community_id = c;
    m.title = "Kick-off";
    m.scheduled_on = "2027-02-10";
    m.join_code = "ABCD2345";
    m.facilitator_secret_hash = "h";
    m.anonymous = true;
    m.question = "Quali dati vi servono?";
    m.starts_at = "10:30";
    m.duration_minutes = 90;
    auto const meeting = s.create_meeting(m);
    m.id = meeting;
    m.starts_at = "11:00";
    s.reschedule_meeting(m); // calendar_sequence 1
    s.set_calendar_token(c, "feed-hash");
    s.upsert_participant({"p1", meeting, "Anna", "Comune di Lecce", "participant", 1, "r", false});
    store::contribution_row k;
    k.meeting_id = meeting;
    k.client_id = "c1";
    k.seq = 1;
    k.participant_id = "p1";
    k.kind = "need";
    k.text = "Servono dati sulla qualità dell'aria\nsu due righe";
    k.created_at = 5;
    s.upsert_contribution(k);
    s.insert_edit({meeting, "c1", "prima", k.text, "p1", 6});
    s.set_support({meeting, "p1", "c1", 1});
    store::objective_row o;
    o.id = "obj-1";
    o.meeting_id = meeting;
    o.title = "Dati ambientali";
    o.created_at = 7;
    o.contributions = {"c1"};
    o.supports = 1;
    o.contribution_supports = {{"c1", 1}};
    s.create_objective(o);
    store::board_row b;
    b.meeting_id = meeting;
    b.groups.push_back({"g1", "Aria", {"aria", "dati"}, 0.123456789012345, true, "obj-1", {"c1"}});
    b.pins.emplace_back("c1", "g1");
    s.save_board(b);
    auto full = *p.objective("obj-1");
    full.status = "approved";
    full.needs_working_group = true;
    full.working_group = store::working_group_row{
        "enabled", "2027-07-01", {{"Anna", "Comune di Lecce", "p1", true, 8}}};
    p.save_objective(full);
    p.set_deliverable_file("obj-1", "a.bin", "application/octet-stream", blob);
    auto const plan = p.create_plan(c, 2027);
    p.publish_plan(plan.id, R"({"objectives":[{"id":"obj-1"}]})", 9); // its file kept
    p.create_plan(c, 2027);
    s.create_coordinator("Mara", "$argon2id$v=19$m=65536,t=2,p=1$x$y");
    s.create_account("Luca", "$argon2id$v=19$m=65536,t=2,p=1$x$z", "co-coordinator", {c});
    s.create_session("hash", 1, 99999999999999);
    // An objective written by a coordinator: no meeting (NULL).
    store::objective_record free;
    free.id = "obj-2";
    free.community_id = c;
    free.year = 2027;
    free.title = "Senza incontro";
    p.save_objective(free);
}

} // namespace

TEST_CASE("a backup restores into an empty store and exports byte for byte the same",
          "[store][backup]") {
    test::temp_dir dir;
    auto first = store::open_database(dir / "a.db", test::new_store_options());
    fill(first);
    auto const text = store::export_backup(first);
    auto const doc = nlohmann::json::parse(text);
    CHECK(doc["format"] == "tavolo-backup");
    CHECK(doc["schema_version"] == store::schema_version);
    for (auto const& t : doc["tables"]) {
        INFO(t["name"]);
        CHECK(t["rows"].size() >= 1); // every table has something in it
        CHECK(t["name"] != "coordinator_sessions");
    }

    auto second = store::open_database(dir / "b.db", test::new_store_options());
    store::import_backup(second, text);
    CHECK(store::export_backup(second) == text);

    // What was restored works: search, the BLOB, the REAL, the NULL, the rules.
    store::contribution_filter f;
    f.fts_query = "\"qualit\"*"; // as the API sends "qualità"
    CHECK(store::plans(second).search_contributions(f).total == 1);
    CHECK(store::plans(second).deliverable_file("obj-1")->bytes == blob);
    CHECK(second.execAndGet("SELECT cohesion FROM cluster_groups").getDouble() ==
          0.123456789012345);
    CHECK(store::plan_store(second).meetings().at(0).question == "Quali dati vi servono?");
    CHECK(store::plan_store(second).meetings().at(0).starts_at == "11:00");
    CHECK(store::plan_store(second).meetings().at(0).calendar_sequence == 1);
    CHECK(store::plan_store(second).community_by_calendar_token("feed-hash"));
    CHECK(second.execAndGet("SELECT meeting_id IS NULL FROM objectives WHERE id = 'obj-2'")
              .getInt() == 1);
    // The supports kept at a promotion come back; an objective made by hand has none.
    auto const restored = store::plans(second).objective("obj-1");
    REQUIRE(restored);
    CHECK(restored->supports == 1);
    REQUIRE(restored->contributions.size() == 1);
    CHECK(restored->contributions[0].supports == 1);
    CHECK_FALSE(store::plans(second).objective("obj-2")->supports);
    CHECK_THROWS_AS(second.exec("UPDATE plans SET status = 'draft' WHERE version = 1"),
                    tavolo::store::sql::error);
    // Sessions are not in a backup: everyone signs in again.
    CHECK(second.execAndGet("SELECT COUNT(*) FROM coordinator_sessions").getInt() == 0);
    CHECK(store::plan_store(second).find_coordinator("Mara")->role == "admin");
    CHECK(store::plan_store(second).find_coordinator("Luca")->communities.size() == 1);
}

TEST_CASE("a restore refuses what it cannot restore whole", "[store][backup]") {
    test::temp_dir dir;
    auto source = store::open_database(dir / "a.db", test::new_store_options());
    fill(source);
    auto const text = store::export_backup(source);
    auto fresh = [&, n = 0]() mutable {
        return store::open_database(dir / ("t" + std::to_string(++n) + ".db"),
                                    test::new_store_options());
    };

    {
        auto db = fresh();
        CHECK_THROWS_WITH(store::import_backup(db, "{}"), Catch::Contains("not a tavolo backup"));
        CHECK_THROWS_WITH(store::import_backup(db, "not json"),
                          Catch::Contains("not a tavolo backup"));
    }
    {
        auto db = fresh();
        auto doc = nlohmann::json::parse(text);
        doc["schema_version"] = store::schema_version + 1;
        CHECK_THROWS_WITH(store::import_backup(db, doc.dump()), Catch::Contains("schema version"));
    }
    // Not into a store with data.
    CHECK_THROWS_WITH(store::import_backup(source, text), Catch::Contains("not empty"));
    {
        // A row the store refuses (a contribution of a participant not there):
        // nothing at all is restored.
        auto db = fresh();
        auto doc = nlohmann::json::parse(text);
        for (auto& t : doc["tables"])
            if (t["name"] == "participants")
                t["rows"] = nlohmann::json::array();
        CHECK_THROWS_WITH(store::import_backup(db, doc.dump()),
                          Catch::Contains("table contributions, row 1"));
        CHECK(db.execAndGet("SELECT COUNT(*) FROM communities").getInt() == 0);
    }
    {
        auto db = fresh();
        auto doc = nlohmann::json::parse(text);
        doc["tables"][0]["columns"][0] = "other";
        CHECK_THROWS_WITH(store::import_backup(db, doc.dump()), Catch::Contains("columns differ"));
        doc = nlohmann::json::parse(text);
        doc["tables"][0]["name"] = "sqlite_master";
        CHECK_THROWS_WITH(store::import_backup(db, doc.dump()), Catch::Contains("unknown table"));
        doc = nlohmann::json::parse(text);
        doc["tables"][0]["rows"][0] = nlohmann::json::array({1});
        CHECK_THROWS_WITH(store::import_backup(db, doc.dump()),
                          Catch::Contains("wrong number of values"));
    }
}

// Schema 9 only added columns with defaults: a backup made by a tavolo of
// version 8 (without them) still restores, its meetings all day, two hours,
// never changed, and its communities without a calendar feed.
TEST_CASE("a backup of schema version 8 restores with the defaults of version 9",
          "[store][backup]") {
    test::temp_dir dir;
    auto source = store::open_database(dir / "a.db", test::new_store_options());
    fill(source);
    auto doc = nlohmann::json::parse(store::export_backup(source));
    doc["schema_version"] = 8;
    for (auto& t : doc["tables"]) {
        auto const drop = t["name"] == "meetings" ? 4 : t["name"] == "communities" ? 1 : 0;
        for (int i = 0; i < drop; ++i) {
            t["columns"].erase(t["columns"].size() - 1);
            for (auto& row : t["rows"])
                row.erase(row.size() - 1);
        }
    }
    auto db = store::open_database(dir / "b.db", test::new_store_options());
    store::import_backup(db, doc.dump());
    auto const m = store::plan_store(db).meetings().at(0);
    CHECK(m.title == "Kick-off");
    CHECK(m.starts_at.empty());
    CHECK(m.duration_minutes == 120);
    CHECK(m.calendar_sequence == 0);
    CHECK_FALSE(store::plan_store(db).has_calendar_token(m.community_id));
    // A backup of this version must have every column.
    doc["schema_version"] = store::schema_version;
    auto other = store::open_database(dir / "c.db", test::new_store_options());
    CHECK_THROWS_WITH(store::import_backup(other, doc.dump()), Catch::Contains("columns differ"));
    // Older than 8: refused.
    doc["schema_version"] = 7;
    CHECK_THROWS_WITH(store::import_backup(other, doc.dump()), Catch::Contains("schema version"));
}

// Across the two backends, in both directions: what `tavolo export` writes
// from one store `tavolo import` restores into the other, byte for byte.
// (Run once, in the SQLite pass: the PostgreSQL pass leaves [sqlite] out.)
TEST_CASE("a backup moves between SQLite and PostgreSQL byte for byte", "[store][backup][sqlite]") {
    test::temp_dir dir;
    store::database_options postgresql;
    postgresql.backend = "postgresql";

    SECTION("from SQLite to PostgreSQL") {
        auto from = store::open_database(dir / "a.db");
        fill(from);
        auto const text = store::export_backup(from);
        postgresql.postgresql_url = test::postgres_server::shared().fresh_database();
        auto to = store::open_database(dir / "unused.db", postgresql);
        store::import_backup(to, text);
        CHECK(store::export_backup(to) == text);
        // The restored store goes on: new rows get new ids after the restored ones.
        auto const next = store::plan_store(to).create_community({0, "nuova", "Nuova", ""});
        CHECK(next >
              to.execAndGet("SELECT MAX(id) FROM communities WHERE slug <> 'nuova'").getInt64());
        store::contribution_filter f;
        f.fts_query = "\"qualit\"*";
        CHECK(store::plans(to).search_contributions(f).total == 1);
    }
    SECTION("from PostgreSQL to SQLite") {
        postgresql.postgresql_url = test::postgres_server::shared().fresh_database();
        auto from = store::open_database(dir / "unused.db", postgresql);
        fill(from);
        auto const text = store::export_backup(from);
        auto to = store::open_database(dir / "b.db");
        store::import_backup(to, text);
        CHECK(store::export_backup(to) == text);
        store::contribution_filter f;
        f.fts_query = "\"qualit\"*";
        CHECK(store::plans(to).search_contributions(f).total == 1);
    }
}
