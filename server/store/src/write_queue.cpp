#include "tavolo/store/write_queue.hpp"

#include "tavolo/store/sql.hpp"

#include <exception>
#include <utility>
#include <vector>

namespace tavolo::store {

write_queue::write_queue(std::filesystem::path const& path, write_queue_options options)
    : options_(std::move(options)), db_(open_database(path, options_.database)), store_(db_),
      thread_([this] { run(); }) {}

write_queue::~write_queue() {
    stop();
}

void write_queue::push(write w, completion done) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.push_back({std::move(w), std::move(done), std::chrono::steady_clock::now()});
            wake_.notify_one();
            return;
        }
    }
    done("the store is shutting down");
}

void write_queue::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable())
            return;
        stopping_ = true;
        wake_.notify_one();
    }
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id())
        thread_.join();
}

std::size_t write_queue::batches_committed() const {
    std::lock_guard lock(mutex_);
    return batches_;
}

write_stats write_queue::stats() const {
    std::lock_guard lock(mutex_);
    auto s = stats_;
    s.batches = batches_;
    return s;
}

void write_queue::run() {
    std::deque<item> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty())
                return; // stopping, and everything queued is committed
            auto const n = std::min(queue_.size(), options_.max_batch);
            for (std::size_t i = 0; i < n; ++i) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        commit_batch(batch);
        batch.clear();
    }
}

bool write_queue::commit_together(std::deque<item>& batch) {
    try {
        db_.begin_write();
        for (auto& it : batch)
            it.w(store_);
    } catch (std::exception const&) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
        return false; // one write failed: the caller runs them one by one
    }
    db_.exec("COMMIT"); // throws when the batch does not reach the disk
    std::lock_guard lock(mutex_);
    ++batches_;
    return true;
}

void write_queue::commit_batch(std::deque<item>& batch) {
    std::vector<std::optional<std::string>> results(batch.size());
    try {
        // Usually every write succeeds: the whole batch runs as one plain
        // transaction. Only when one fails does it run again with a savepoint
        // per write, so that the failing one fails alone. (Savepoints are not
        // free: the full-text index writes its pending terms out at each.)
        if (!commit_together(batch)) {
            db_.begin_write();
            for (std::size_t i = 0; i < batch.size(); ++i) {
                db_.exec("SAVEPOINT w");
                try {
                    batch[i].w(store_);
                    db_.exec("RELEASE w");
                } catch (std::exception const& e) {
                    results[i] = e.what();
                    db_.exec("ROLLBACK TO w");
                    db_.exec("RELEASE w");
                }
            }
            db_.exec("COMMIT");
            std::lock_guard lock(mutex_);
            ++batches_;
        }
    } catch (std::exception const& e) {
        // The batch as a whole did not reach the disk: every write in it failed.
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
        for (auto& r : results)
            if (!r)
                r = std::string("commit failed: ") + e.what();
    }
    {
        auto const now = std::chrono::steady_clock::now();
        std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            std::chrono::duration<double> const took = now - batch[i].queued;
            for (std::size_t b = 0; b < write_stats::bounds.size(); ++b)
                if (took.count() <= write_stats::bounds[b])
                    ++stats_.at_most[b];
            ++stats_.count;
            stats_.seconds += took.count();
            if (results[i])
                ++stats_.failed;
        }
    }
    for (std::size_t i = 0; i < batch.size(); ++i)
        if (batch[i].done)
            batch[i].done(std::move(results[i]));
}

} // namespace tavolo::store
