#include "tavolo/core/attempt_limiter.hpp"

#include <catch2/catch.hpp>

using tavolo::core::attempt_limiter;

TEST_CASE("failures use up an address's bucket, not its neighbours'", "[core][limiter]") {
    attempt_limiter limits(/*per_minute=*/0.001, /*burst=*/3);
    CHECK(limits.may_try("10.0.0.1"));
    for (int i = 0; i < 3; ++i) {
        CHECK(limits.may_try("10.0.0.1"));
        limits.failed("10.0.0.1");
    }
    CHECK_FALSE(limits.may_try("10.0.0.1"));
    CHECK(limits.may_try("10.0.0.2"));
    limits.failed("10.0.0.2");
    CHECK(limits.may_try("10.0.0.2"));
}

TEST_CASE("a bucket refills at its rate", "[core][limiter]") {
    attempt_limiter limits(/*per_minute=*/60000, /*burst=*/1); // one a millisecond
    limits.failed("a");
    CHECK_FALSE(limits.may_try("a"));
    auto const until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!limits.may_try("a") && std::chrono::steady_clock::now() < until) {
    }
    CHECK(limits.may_try("a"));
}

TEST_CASE("many addresses do not grow the table without end", "[core][limiter]") {
    attempt_limiter refilling(/*per_minute=*/6e9, /*burst=*/2); // full again at once
    for (std::size_t i = 0; i < 2 * attempt_limiter::prune_at + 10; ++i)
        refilling.failed("addr" + std::to_string(i));
    CHECK(refilling.remembered() <= attempt_limiter::prune_at);
    CHECK(refilling.may_try("addr0"));

    // Addresses still over their budget are never forgotten by pruning.
    attempt_limiter slow(/*per_minute=*/0.001, /*burst=*/1);
    for (std::size_t i = 0; i < attempt_limiter::prune_at + 10; ++i)
        slow.failed("addr" + std::to_string(i));
    CHECK(slow.remembered() == attempt_limiter::prune_at + 10);
    CHECK_FALSE(slow.may_try("addr0"));
}

TEST_CASE("a refused address is told how long to wait", "[core][limiter]") {
    attempt_limiter limits(/*per_minute=*/5, /*burst=*/2); // a token every 12 s
    CHECK(limits.wait_before_next_try("10.0.0.1") == std::chrono::seconds(0));
    limits.failed("10.0.0.1");
    CHECK(limits.wait_before_next_try("10.0.0.1") == std::chrono::seconds(0)); // one left
    limits.failed("10.0.0.1");
    auto const wait = limits.wait_before_next_try("10.0.0.1");
    CHECK(wait > std::chrono::seconds(10));
    CHECK(wait <= std::chrono::seconds(12));
    CHECK(limits.wait_before_next_try("10.0.0.2") == std::chrono::seconds(0));
}
