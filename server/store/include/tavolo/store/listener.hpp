// Several nodes on one PostgreSQL store: a LISTEN on one channel, so that a
// node hears what the others send with plan_store::notify(). It has its own
// libpq connection and a thread of its own, which waits on the connection's
// socket (and on an eventfd that stop() writes): a notification costs the
// I/O threads nothing, and reconnecting to a database that went away blocks
// only this thread. When the connection drops it connects again (backing off
// up to two seconds) and says so, since notifications sent meanwhile were
// lost. A quiet connection is checked with a query every few seconds, so a
// connection cut without a word is noticed too.
//
// Handlers run on the listener's thread, one at a time: post the work to
// your executor. Owned by the app; stop() (or the destructor) ends the
// thread and may be called from any thread but a handler.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace tavolo::store {

struct listener_handlers {
    // A notification on the channel, with its payload.
    std::function<void(std::string const& payload)> notified;
    // Listening now; `again`: after the connection dropped, when
    // notifications may have been missed.
    std::function<void(bool again)> listening;
};

class listener {
public:
    // `url`: a libpq connection string or URL; `channel`: any name.
    listener(std::string url, std::string channel, listener_handlers handlers);
    listener(listener const&) = delete;
    listener& operator=(listener const&) = delete;
    ~listener();

    void stop();

    // The application_name of its connection (pg_stat_activity), for tests
    // that cut it.
    static constexpr char const* application_name = "tavolo listener";
    static constexpr std::chrono::seconds check_every{5};

private:
    void run();
    // Listens on one connection until it drops (false) or stop() (true).
    bool listen_once(bool again);
    // Waits `d` or until stop(); true when stopped.
    bool pause(std::chrono::milliseconds d);

    std::string const url_;
    std::string const channel_;
    listener_handlers const handlers_;
    int wake_fd_ = -1; // eventfd written by stop()
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace tavolo::store
