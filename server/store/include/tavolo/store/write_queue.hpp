// The store's writer: one thread with its own connection that takes queued
// writes, commits them in batches (group commit: one fsync for many writes),
// and completes each write's callback once its batch is durable. A failing
// write fails alone (each runs in its own savepoint); a failed commit fails
// its whole batch. push() is thread-safe; callbacks run on the writer thread.
#pragma once

#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"

#include <condition_variable>
#include <cstddef>
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

private:
    struct item {
        write w;
        completion done;
    };

    void run();
    void commit_batch(std::deque<item>& batch);

    write_queue_options const options_;
    SQLite::Database db_;
    plan_store store_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<item> queue_;
    bool stopping_ = false;
    std::size_t batches_ = 0;
    std::thread thread_; // last: starts once everything above exists
};

} // namespace tavolo::store
