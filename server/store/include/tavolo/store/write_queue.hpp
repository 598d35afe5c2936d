// The store's writer: one thread with its own connection that takes queued
// writes, commits them in batches (group commit: one fsync for many writes),
// and completes each write's callback once its batch is durable. A failing
// write fails alone (the batch is then run again, each write in its own
// savepoint, so a write may run twice: writes must only touch the store); a
// failed commit fails its whole batch. push() is thread-safe; callbacks run on
// the writer thread.
#pragma once

#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace tavolo::store {

struct write_queue_options {
    database_options database;
    std::size_t max_batch = 512; // writes per transaction at most
};

// Write latency, from push() to the write's completion, as a histogram with
// cumulative buckets (the Prometheus form), and failures.
struct write_stats {
    static constexpr std::array<double, 10> bounds{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,  0.1,    0.25,  1,    5}; // seconds
    std::array<std::uint64_t, bounds.size()> at_most{}; // writes that took <= bounds[i]
    std::uint64_t count = 0;
    double seconds = 0; // sum
    std::uint64_t failed = 0;
    std::uint64_t batches = 0;
};

class write_queue {
public:
    using write = std::function<void(plan_store&)>;
    using completion = std::function<void(std::optional<std::string> error)>;

    write_queue(std::filesystem::path const& path, write_queue_options options);
    write_queue(write_queue const&) = delete;
    write_queue& operator=(write_queue const&) = delete;
    ~write_queue();

    // Queues a write. After stop(), the write fails at once with a reason.
    void push(write w, completion done);

    // Commits what is queued, then ends the thread. Idempotent.
    void stop();

    // Batches committed so far (for tests and metrics).
    std::size_t batches_committed() const;
    write_stats stats() const;

private:
    struct item {
        write w;
        completion done;
        std::chrono::steady_clock::time_point queued;
    };

    void run();
    void commit_batch(std::deque<item>& batch);
    // Runs every write of the batch in one transaction without savepoints and
    // commits it; false (rolled back) if a write threw.
    bool commit_together(std::deque<item>& batch);

    write_queue_options const options_;
    sql::database db_;
    plan_store store_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<item> queue_;
    bool stopping_ = false;
    std::size_t batches_ = 0;
    write_stats stats_;
    std::thread thread_; // last: starts once everything above exists
};

} // namespace tavolo::store
