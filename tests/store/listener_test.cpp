// The nodes' messages on PostgreSQL: a notify() reaches every listener once
// its transaction commits (never when it rolls back), and a listener whose
// connection was cut listens again and says so. Hidden from the SQLite pass;
// the PostgreSQL pass runs them.
#include "support/store_fixture.hpp"

#include "tavolo/store/listener.hpp"

#include <catch2/catch.hpp>

#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace tavolo;
using namespace std::chrono_literals;

namespace {

// What a listener heard, waited for from the test's thread.
struct heard {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> payloads;
    std::vector<bool> listening; // each time it listened: `again`

    store::listener_handlers handlers() {
        return {.notified =
                    [this](std::string const& p) {
                        std::lock_guard lock(mutex);
                        payloads.push_back(p);
                        changed.notify_all();
                    },
                .listening =
                    [this](bool again) {
                        std::lock_guard lock(mutex);
                        listening.push_back(again);
                        changed.notify_all();
                    }};
    }

    template <class Pred> bool wait(Pred pred, std::chrono::milliseconds within = 5s) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, within, [&] { return pred(*this); });
    }
};

void send(test::store_fixture& f, std::string const& payload, bool commit) {
    store::sql::transaction t(f.db);
    f.store.notify("tavolo_test", payload);
    if (commit)
        t.commit();
}

} // namespace

TEST_CASE("a notification reaches the listeners once its transaction commits",
          "[.][postgresql][listener]") {
    REQUIRE(test::on_postgresql());
    test::store_fixture f;
    heard first, second;
    store::listener a(f.options.postgresql_url, "tavolo_test", first.handlers());
    store::listener b(f.options.postgresql_url, "tavolo_test", second.handlers());
    REQUIRE(first.wait([](heard& h) { return h.listening.size() == 1; }));
    REQUIRE(second.wait([](heard& h) { return h.listening.size() == 1; }));
    CHECK(first.listening[0] == false);

    send(f, R"({"type":"rolled back"})", false);
    send(f, R"({"type":"plan_changed"})", true);
    REQUIRE(first.wait([](heard& h) { return !h.payloads.empty(); }));
    REQUIRE(second.wait([](heard& h) { return !h.payloads.empty(); }));
    std::this_thread::sleep_for(100ms);
    CHECK(first.payloads == std::vector<std::string>{R"({"type":"plan_changed"})"});
    CHECK(second.payloads == first.payloads);
    a.stop();
    b.stop();
}

TEST_CASE("a listener whose connection was cut listens again", "[.][postgresql][listener]") {
    REQUIRE(test::on_postgresql());
    test::store_fixture f;
    heard h;
    store::listener l(f.options.postgresql_url, "tavolo_test", h.handlers());
    REQUIRE(h.wait([](heard& h) { return h.listening.size() == 1; }));

    PGconn* admin = PQconnectdb(f.options.postgresql_url.c_str());
    PGresult* r = PQexec(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE application_name = 'tavolo listener'");
    CHECK(PQresultStatus(r) == PGRES_TUPLES_OK);
    CHECK(PQntuples(r) == 1);
    PQclear(r);
    PQfinish(admin);

    REQUIRE(h.wait([](heard& h) { return h.listening.size() == 2; }));
    CHECK(h.listening[1] == true); // what was sent meanwhile may be lost
    send(f, "after", true);
    REQUIRE(h.wait([](heard& h) { return !h.payloads.empty(); }));
    CHECK(h.payloads.back() == "after");
}

TEST_CASE("stopping a listener returns at once", "[.][postgresql][listener]") {
    REQUIRE(test::on_postgresql());
    test::store_fixture f;
    heard h;
    store::listener l(f.options.postgresql_url, "tavolo_test", h.handlers());
    REQUIRE(h.wait([](heard& h) { return h.listening.size() == 1; }));
    auto const start = std::chrono::steady_clock::now();
    l.stop();
    CHECK(std::chrono::steady_clock::now() - start < 1s);
}
