// Failed attempts per client address (wrong join codes, wrong passwords): a
// token bucket per address, so a guesser is slowed to a steady rate whatever
// number of connections it opens. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tavolo::core {

class attempt_limiter {
public:
    // Each address may fail `burst` times at once, then `per_minute` times a
    // minute.
    attempt_limiter(double per_minute, double burst) : per_minute_(per_minute), burst_(burst) {}

    // Whether `address` may try now: false while its failures have used up
    // its bucket.
    bool may_try(std::string const& address);
    // How long until `address` may try again (zero when it may now), for
    // Retry-After.
    std::chrono::seconds wait_before_next_try(std::string const& address);
    // Records one failure of `address`.
    void failed(std::string const& address);
    // Addresses remembered now (for tests: the table must stay bounded).
    std::size_t remembered();

    static constexpr std::size_t prune_at = 100000; // addresses before pruning

private:
    using clock = std::chrono::steady_clock;
    struct bucket {
        double tokens;
        clock::time_point refilled;
    };
    double refilled_tokens(bucket const& b, clock::time_point now) const;

    double const per_minute_;
    double const burst_;
    std::mutex mutex_;
    std::unordered_map<std::string, bucket> buckets_; // addresses that failed lately
};

} // namespace tavolo::core
