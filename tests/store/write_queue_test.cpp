#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/write_queue.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <stdexcept>

using namespace tavolo;

namespace {

struct fixture {
    test::temp_dir dir;
    std::filesystem::path path = dir / "t.db";
    store::database_options options = test::new_store_options();
    std::int64_t meeting = 0;

    fixture() {
        auto db = store::open_database(path, options);
        store::plan_store s(db);
        auto const c = s.create_community({0, "c", "C", ""});
        store::meeting_row m;
        m.community_id = c;
        m.title = "M";
        m.scheduled_on = "2027-01-01";
        m.join_code = "J";
        m.facilitator_secret_hash = "h";
        meeting = s.create_meeting(m);
        s.upsert_participant({"p", meeting, "P", "O", "participant", 0, "", false});
    }

    store::write_queue::write insert(int n) const {
        store::contribution_row c;
        c.meeting_id = meeting;
        c.client_id = "c" + std::to_string(n);
        c.seq = n;
        c.participant_id = "p";
        c.kind = "proposal";
        c.text = "t";
        return [c](store::plan_store& s) { s.upsert_contribution(c); };
    }

    std::int64_t rows() const {
        auto db = store::open_database(path, options);
        return db.execAndGet("SELECT COUNT(*) FROM contributions").getInt64();
    }
};

} // namespace

TEST_CASE("queued writes are committed together and completed after the commit",
          "[store][write_queue]") {
    fixture f;
    store::write_queue q(f.path, {.database = f.options});
    std::promise<void> release;
    auto gate = release.get_future().share();
    std::promise<void> first_started;
    // The first write holds the writer so that the next ones pile up behind it.
    q.push(
        [&, gate](store::plan_store& s) {
            first_started.set_value();
            gate.wait();
            f.insert(0)(s);
        },
        [](auto error) { REQUIRE_FALSE(error); });
    first_started.get_future().wait();

    constexpr int n = 200;
    std::atomic<int> ok{0};
    std::atomic<std::int64_t> rows_seen_at_completion{-1};
    for (int i = 1; i <= n; ++i)
        q.push(f.insert(i), [&, i](std::optional<std::string> error) {
            if (!error)
                ++ok;
            // By the time a write completes, it is on disk for other readers.
            if (i == n)
                rows_seen_at_completion = f.rows();
        });
    release.set_value();
    q.stop();
    CHECK(ok == n);
    CHECK(rows_seen_at_completion == n + 1);
    CHECK(f.rows() == n + 1);
    CHECK(q.batches_committed() == 2);
}

TEST_CASE("a failing write fails alone", "[store][write_queue]") {
    fixture f;
    std::vector<std::optional<std::string>> results(3);
    {
        store::write_queue q(f.path, {.database = f.options});
        std::promise<void> release;
        auto gate = release.get_future().share();
        q.push([gate](store::plan_store&) { gate.wait(); }, [](auto) {});
        q.push(f.insert(1), [&](auto e) { results[0] = e; });
        // A write that fails halfway: what it did is rolled back with it.
        q.push(
            [&](store::plan_store& s) {
                f.insert(50)(s);
                throw std::runtime_error("boom");
            },
            [&](auto e) { results[1] = e; });
        q.push(f.insert(2), [&](auto e) { results[2] = e; });
        release.set_value();
    } // the destructor drains the queue
    CHECK_FALSE(results[0]);
    REQUIRE(results[1]);
    CHECK_THAT(*results[1], Catch::Contains("boom"));
    CHECK_FALSE(results[2]);
    CHECK(f.rows() == 2);
}

TEST_CASE("stop commits what is queued and refuses what comes after", "[store][write_queue]") {
    fixture f;
    store::write_queue q(f.path, {.database = f.options, .max_batch = 7});
    std::atomic<int> ok{0};
    for (int i = 1; i <= 50; ++i)
        q.push(f.insert(i), [&](auto error) { ok += error ? 0 : 1; });
    q.stop();
    CHECK(ok == 50);
    CHECK(f.rows() == 50);
    std::optional<std::string> late;
    q.push(f.insert(99), [&](auto error) { late = error; });
    REQUIRE(late);
    CHECK_THAT(*late, Catch::Contains("shutting down"));
}

TEST_CASE("writes from many threads all land", "[store][write_queue]") {
    fixture f;
    store::write_queue q(f.path, {.database = f.options});
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 100; ++i)
                q.push(f.insert(1 + t * 100 + i), [&](auto error) { ok += error ? 0 : 1; });
        });
    for (auto& t : threads)
        t.join();
    q.stop();
    CHECK(ok == 400);
    CHECK(f.rows() == 400);
}
