// Several nodes on one PostgreSQL store: this node's leases of live meetings
// (live::meeting_host). A join for a meeting no node serves takes its lease
// and reads the meeting whole, in one transaction of the writer; the leases
// are renewed every third of their life; a meeting whose lease was lost
// (another node took it while this one was paused or cut off) is evicted
// from the hub, and store_bridge fences every write with the lease's number.
#pragma once

#include "tavolo/live/hub.hpp"
#include "tavolo/live/meeting_host.hpp"
#include "tavolo/store/write_queue.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace tavolo::app {

struct lease_options {
    std::string node;                              // this node's name, unique among nodes
    std::chrono::milliseconds lease{5000};         // a lease's life
    std::chrono::milliseconds idle_release{30000}; // a meeting nobody is in is let go after
};

class lease_keeper final : public live::meeting_host {
public:
    // `node` is made unique per process (a restarted node is a new holder).
    lease_keeper(boost::asio::io_context& ioc, store::write_queue& writer, lease_options options);

    // Starts renewing and letting idle meetings go, for `hub`'s meetings.
    void start(live::hub& hub);
    void stop();

    // live::meeting_host
    void take(std::string const& join_code, std::function<void(outcome)> done) override;
    void released(std::int64_t meeting_id) override;

    // The fence of the meeting's lease this node holds; nullopt: none.
    std::optional<std::int64_t> fence_of(std::int64_t meeting_id) const;
    std::string const& node() const noexcept { return node_; }

private:
    void schedule();
    void renew();

    boost::asio::io_context& ioc_;
    store::write_queue& writer_;
    lease_options const options_;
    std::string const node_;
    live::hub* hub_ = nullptr;
    boost::asio::steady_timer timer_;

    mutable std::mutex mutex_;
    std::unordered_map<std::int64_t, std::int64_t> fences_; // meeting -> fence held
    bool stopped_ = false;
};

} // namespace tavolo::app
