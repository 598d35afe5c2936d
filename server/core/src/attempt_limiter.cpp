#include "tavolo/core/attempt_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tavolo::core {

double attempt_limiter::refilled_tokens(bucket const& b, clock::time_point now) const {
    std::chrono::duration<double, std::ratio<60>> const elapsed = now - b.refilled;
    return std::min(burst_, b.tokens + elapsed.count() * per_minute_);
}

bool attempt_limiter::may_try(std::string const& address) {
    std::lock_guard lock(mutex_);
    auto const it = buckets_.find(address);
    return it == buckets_.end() || refilled_tokens(it->second, clock::now()) >= 1;
}

std::chrono::seconds attempt_limiter::wait_before_next_try(std::string const& address) {
    std::lock_guard lock(mutex_);
    auto const it = buckets_.find(address);
    if (it == buckets_.end())
        return std::chrono::seconds(0);
    auto const missing = 1 - refilled_tokens(it->second, clock::now());
    if (missing <= 0)
        return std::chrono::seconds(0);
    // Whole seconds, rounded up: a client that waits that long may try.
    return std::chrono::seconds(static_cast<std::int64_t>(std::ceil(missing * 60 / per_minute_)));
}

std::size_t attempt_limiter::remembered() {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

void attempt_limiter::failed(std::string const& address) {
    auto const now = clock::now();
    std::lock_guard lock(mutex_);
    if (buckets_.size() >= prune_at) {
        // Forget the addresses whose bucket is full again: the map stays small.
        std::erase_if(buckets_,
                      [&](auto const& e) { return refilled_tokens(e.second, now) >= burst_; });
    }
    auto const [it, fresh] = buckets_.try_emplace(address, bucket{burst_, now});
    it->second.tokens = std::max(0.0, refilled_tokens(it->second, now) - 1);
    it->second.refilled = now;
}

} // namespace tavolo::core
