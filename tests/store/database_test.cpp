#include "support/temp_dir.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/schema.hpp"

#include "tavolo/store/sql.hpp"
#include <catch2/catch.hpp>

#include <fstream>

using namespace tavolo;

namespace {

std::int64_t count_communities(tavolo::store::sql::database& db) {
    return db.execAndGet("SELECT COUNT(*) FROM communities").getInt64();
}

void add_community(tavolo::store::sql::database& db, std::string const& slug) {
    db.exec("INSERT INTO communities (slug, name, created_at) VALUES ('" + slug + "', 'C', 0)");
}

} // namespace

TEST_CASE("a store opens in WAL with foreign keys, its durability and a busy timeout",
          "[store][database][sqlite]") {
    test::temp_dir dir;
    SECTION("by default: full durability, five seconds of patience") {
        auto db = store::open_database(dir / "t.db");
        CHECK(std::filesystem::exists(dir / "t.db"));
        CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
        CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
        CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 2); // FULL
        CHECK(db.execAndGet("PRAGMA busy_timeout").getInt() == 5000);
        CHECK(store::read_schema_version(db) == store::schema_version);
    }
    SECTION("as configured") {
        auto db =
            store::open_database(dir / "t.db", {.synchronous = "normal", .busy_timeout_ms = 250});
        CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 1); // NORMAL
        CHECK(db.execAndGet("PRAGMA busy_timeout").getInt() == 250);
    }
}

TEST_CASE("every connection it opens enforces foreign keys", "[store][database][sqlite]") {
    test::temp_dir dir;
    store::open_database(dir / "t.db"); // creates the schema
    auto db = store::open_database(dir / "t.db");
    CHECK_THROWS_AS(db.exec("INSERT INTO meetings (community_id, kind, title, scheduled_on, "
                            "join_code, facilitator_secret_hash, created_at) VALUES "
                            "(42, 'kickoff', 'K', '2027-01-01', 'J', 'h', 0)"),
                    tavolo::store::sql::error);
}

TEST_CASE("readers are not blocked by a writer's open transaction (WAL)",
          "[store][database][sqlite]") {
    test::temp_dir dir;
    auto writer = store::open_database(dir / "t.db");
    auto reader = store::open_database(dir / "t.db", {.busy_timeout_ms = 50});
    add_community(writer, "a");

    writer.exec("BEGIN IMMEDIATE");
    add_community(writer, "b");
    CHECK(count_communities(reader) == 1); // the last commit, at once
    writer.exec("COMMIT");
    CHECK(count_communities(reader) == 2);
}

TEST_CASE("a second writer waits for the busy timeout, then fails", "[store][database][sqlite]") {
    test::temp_dir dir;
    auto first = store::open_database(dir / "t.db");
    auto second = store::open_database(dir / "t.db", {.busy_timeout_ms = 100});
    first.exec("BEGIN IMMEDIATE");
    add_community(first, "a");

    auto const start = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(add_community(second, "b"), tavolo::store::sql::error);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(90));

    first.exec("COMMIT");
    add_community(second, "b"); // free again
    CHECK(count_communities(second) == 2);
}

TEST_CASE("an older store is upgraded on open and keeps its data", "[store][database][sqlite]") {
    test::temp_dir dir;
    {
        auto old = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
        store::migrate_step(old, 0);
        add_community(old, "kept");
        REQUIRE(store::read_schema_version(old) == 1);
    }
    auto db = store::open_database(dir / "t.db");
    CHECK(store::read_schema_version(db) == store::schema_version);
    CHECK(db.execAndGet("SELECT slug FROM communities").getString() == "kept");
}

TEST_CASE("a store written by a newer tavolo is refused and left untouched",
          "[store][database][sqlite]") {
    test::temp_dir dir;
    {
        auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
        db.exec("PRAGMA user_version = " + std::to_string(store::schema_version + 1));
    }
    CHECK_THROWS_WITH(store::open_database(dir / "t.db"),
                      Catch::Contains("newer than this tavolo"));
    auto db = tavolo::store::sql::open_sqlite((dir / "t.db").string(), 5000);
    CHECK(store::read_schema_version(db) == store::schema_version + 1);
    CHECK_FALSE(db.tableExists("communities"));
}

TEST_CASE("what cannot be a store is refused with a clear message", "[store][database][sqlite]") {
    test::temp_dir dir;
    SECTION("a file that is not a database names its path") {
        std::ofstream(dir / "t.db") << "this is a shopping list, not a database\n";
        CHECK_THROWS_WITH(store::open_database(dir / "t.db"),
                          Catch::Contains("cannot open the store") &&
                              Catch::Contains((dir / "t.db").string()));
    }
    SECTION("an unknown durability is refused before the file is made") {
        CHECK_THROWS_WITH(store::open_database(dir / "t.db", {.synchronous = "off"}),
                          Catch::Contains("store.synchronous"));
        CHECK_FALSE(std::filesystem::exists(dir / "t.db"));
    }
}

TEST_CASE("the store's clock is milliseconds since 1970", "[store][database][sqlite]") {
    auto const before = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    auto const now = store::now_ms();
    CHECK(now >= before);
    CHECK(now - before < 1000);
    CHECK(now > 1'700'000'000'000); // after November 2023: not seconds, not microseconds
}
