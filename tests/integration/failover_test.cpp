// Two nodes behind HAProxy, one meeting with 50 submitting clients, SIGKILL
// of the node that hosts it (tests/support/failover_scenario.hpp): every
// acknowledged contribution is in the store once and in every client's view
// after the move, and the clients all come back (the time is printed; its
// target is checked by bench/failover_bench).
#include "support/failover_scenario.hpp"

#include <catch2/catch.hpp>

#include <iostream>

TEST_CASE("a meeting survives the death of its node behind HAProxy",
          "[integration][postgresql][nodes][failover]") {
    auto const r = tavolo::test::run_failover(50, 12, 5);
    std::cout << "failover: " << r.clients << " clients, " << r.acknowledged
              << " acknowledged; all resumed " << r.resumed_max_s << " s after the kill (median "
              << r.resumed_median_s << " s)\n";
    CHECK(r.acknowledged == 50 * 12);
    CHECK(r.acknowledged_missing == 0);
    CHECK(r.stored == r.acknowledged);    // nothing lost,
    CHECK(r.stored_distinct == r.stored); // nothing twice
    CHECK(r.views_complete == r.clients); // every view has every one
    CHECK(r.resumed_max_s > 0);           // the clients were cut off, and came back:
    // within the lease and a few retries. The 10 s target is measured by
    // bench/failover_bench (docs/benchmarks.md), not here: under the
    // sanitizers, beside other tests, this bound only says "not stuck".
    CHECK(r.resumed_max_s <= 30);
}
