#include "support/temp_dir.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/schema.hpp"

#include <catch2/catch.hpp>

using namespace tavolo;

TEST_CASE("a fresh database gets the current schema", "[store][schema]") {
    test::temp_dir dir;
    auto db = store::open_database(dir / "t.db");
    CHECK(store::read_schema_version(db) == store::schema_version);
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
    CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 2); // FULL
    for (auto table : {"communities", "meetings", "participants", "contributions"})
        CHECK(db.tableExists(table));
}

TEST_CASE("reopening keeps data and version", "[store][schema]") {
    test::temp_dir dir;
    {
        auto db = store::open_database(dir / "t.db");
        db.exec("INSERT INTO communities (slug, name, created_at) VALUES ('x', 'X', 0)");
    }
    auto db = store::open_database(dir / "t.db", {.synchronous = "normal"});
    CHECK(db.execAndGet("SELECT COUNT(*) FROM communities").getInt() == 1);
    CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 1); // NORMAL
}

TEST_CASE("step 0 -> 1 runs in one transaction on an empty database", "[store][schema]") {
    test::temp_dir dir;
    SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    CHECK(store::read_schema_version(db) == 0);
    store::migrate_step(db, 0);
    CHECK(store::read_schema_version(db) == 1);
    CHECK(db.tableExists("contributions"));
    CHECK_THROWS_AS(store::migrate_step(db, 1), std::logic_error);
}

TEST_CASE("a database newer than the program is refused", "[store][schema]") {
    test::temp_dir dir;
    {
        SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA user_version = " + std::to_string(store::schema_version + 1));
    }
    CHECK_THROWS_WITH(store::open_database(dir / "t.db"),
                      Catch::Contains("newer than this tavolo"));
}

TEST_CASE("bad store options and paths give clear errors", "[store][schema]") {
    test::temp_dir dir;
    CHECK_THROWS_WITH(store::open_database(dir / "t.db", {.synchronous = "off"}),
                      Catch::Contains("store.synchronous"));
    CHECK_THROWS_WITH(store::open_database(dir / "missing" / "t.db"),
                      Catch::Contains("cannot open the store"));
}
