// Leases of live meetings on PostgreSQL: one node at a time, and a node that
// lost its lease can never write into the meeting again (fencing). Hidden
// from the SQLite pass (the table is PostgreSQL's only); the PostgreSQL pass
// runs them.
#include "support/store_fixture.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <thread>

using namespace tavolo;
using namespace std::chrono_literals;

namespace {

struct two_nodes : test::store_fixture {
    std::int64_t meeting = add_meeting(add_community("ct"), "ABCD2345");
    // The second node's own connection to the same database.
    store::sql::database other_db = store::open_database(path, options);
    store::plan_store other{other_db};
};

std::int64_t fence_of(
    std::variant<store::plan_store::lease_taken, store::plan_store::lease_elsewhere> const& r) {
    auto const* taken = std::get_if<store::plan_store::lease_taken>(&r);
    return taken ? taken->fence : 0;
}

} // namespace

TEST_CASE("a meeting's lease is one node's until it runs out", "[.][postgresql][leases]") {
    REQUIRE(test::on_postgresql());
    two_nodes f;
    CHECK(fence_of(f.store.take_lease(f.meeting, "a", 60000)) == 1);
    auto const refused = f.other.take_lease(f.meeting, "b", 60000);
    REQUIRE(std::holds_alternative<store::plan_store::lease_elsewhere>(refused));
    CHECK(std::get<store::plan_store::lease_elsewhere>(refused).remaining_ms > 50000);
    CHECK(f.store.renew_leases("a", 60000) ==
          std::vector<std::pair<std::int64_t, std::int64_t>>{{f.meeting, 1}});
    CHECK(f.other.renew_leases("b", 60000).empty());
    CHECK_NOTHROW(f.store.check_lease(f.meeting, "a", 1));
    CHECK_THROWS_AS(f.other.check_lease(f.meeting, "b", 1), store::lease_lost);

    SECTION("run out: another node takes it with a higher fence; the old one is fenced off") {
        CHECK(fence_of(f.store.take_lease(f.meeting, "a", 200)) == 2); // again, shorter
        std::this_thread::sleep_for(300ms);
        CHECK(fence_of(f.other.take_lease(f.meeting, "b", 60000)) == 3);
        CHECK_THROWS_AS(f.store.check_lease(f.meeting, "a", 2), store::lease_lost);
        CHECK(f.store.renew_leases("a", 60000).empty());
        CHECK_NOTHROW(f.other.check_lease(f.meeting, "b", 3));
    }
    SECTION("released: free at once") {
        f.store.release_lease(f.meeting, "a", 1);
        CHECK(fence_of(f.other.take_lease(f.meeting, "b", 60000)) == 2);
        CHECK_THROWS_AS(f.store.check_lease(f.meeting, "a", 1), store::lease_lost);
    }
}

TEST_CASE("a node taking a lease waits for the old holder's writes under way",
          "[.][postgresql][leases]") {
    REQUIRE(test::on_postgresql());
    two_nodes f;
    REQUIRE(fence_of(f.store.take_lease(f.meeting, "a", 100)) == 1);
    std::this_thread::sleep_for(200ms); // a's lease has run out, nobody took it yet

    // a checked its lease inside a transaction and writes; b tries to take
    // the lease meanwhile: b must wait for a's commit, and then win.
    f.db.exec("BEGIN");
    f.store.check_lease(f.meeting, "a", 1);
    auto const asked = std::chrono::steady_clock::now();
    auto taker = std::async(std::launch::async, [&] {
        auto const r = f.other.take_lease(f.meeting, "b", 60000);
        return std::pair(fence_of(r), std::chrono::steady_clock::now());
    });
    std::this_thread::sleep_for(300ms);
    CHECK(taker.wait_for(0ms) == std::future_status::timeout); // still waiting
    f.store.advance_last_seq(f.meeting, 7);                    // a's write, under its checked lease
    f.db.exec("COMMIT");
    auto const [fence, at] = taker.get();
    CHECK(fence == 2);
    CHECK(at - asked >= 300ms);
    // From now on a's writes fail their check.
    f.db.exec("BEGIN");
    CHECK_THROWS_AS(f.store.check_lease(f.meeting, "a", 1), store::lease_lost);
    f.db.exec("ROLLBACK");
}

TEST_CASE("a connection PostgreSQL dropped is made again, but not inside a transaction",
          "[.][postgresql][leases]") {
    REQUIRE(test::on_postgresql());
    two_nodes f;
    auto const pid = f.db.execAndGet("SELECT pg_backend_pid()").getInt64();
    auto drop = [&] {
        f.other_db.exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
        std::this_thread::sleep_for(100ms);
    };
    drop();
    // The first statement finds the connection gone; the next one reconnects,
    // with the session's settings again.
    CHECK_THROWS_AS(f.db.execAndGet("SELECT 1"), store::sql::error);
    CHECK(f.db.execAndGet("SELECT 1").getInt() == 1);
    CHECK(f.db.execAndGet("SHOW synchronous_commit").getString() == "on");
    CHECK(f.db.execAndGet("SHOW lock_timeout").getString() == "5s");
    CHECK(f.store.find_meeting(f.meeting)); // prepared statements made again

    // Dropped inside a transaction: its statements fail until the ROLLBACK,
    // nothing of it is kept, and then the connection serves again.
    auto const again = f.db.execAndGet("SELECT pg_backend_pid()").getInt64();
    f.db.exec("BEGIN");
    f.store.advance_last_seq(f.meeting, 41);
    f.other_db.exec("SELECT pg_terminate_backend(" + std::to_string(again) + ")");
    std::this_thread::sleep_for(100ms);
    CHECK_THROWS_AS(f.store.advance_last_seq(f.meeting, 42), store::sql::error);
    CHECK_THROWS_AS(f.store.advance_last_seq(f.meeting, 43), store::sql::error);
    CHECK_THROWS_AS(f.db.exec("COMMIT"), store::sql::error);
    f.db.exec("ROLLBACK");
    CHECK(f.store.find_meeting(f.meeting)->last_seq == 0);
}
