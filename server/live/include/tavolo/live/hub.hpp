// The live module's front door: the network module hands it each connection
// and each frame (through live::gateway); the hub parses frames and routes
// them to meeting rooms. Owned by the app; outlives every connection and room.
#pragma once

#include "tavolo/core/attempt_limiter.hpp"
#include "tavolo/live/gateway.hpp"
#include "tavolo/live/grouper.hpp"
#include "tavolo/live/meeting_host.hpp"
#include "tavolo/live/meeting_room.hpp"
#include "tavolo/live/peer.hpp"
#include "tavolo/live/persistence.hpp"
#include "tavolo/live/protocol.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tavolo::live {

struct hub_limits {
    message_limits messages;
    room_limits rooms;
    // Per connection: a token bucket refilled at this rate, holding at most
    // `message_burst`. A message with no token left is refused (rate_limited);
    // a connection refused `message_burst` times in a row is closed.
    double messages_per_second = 20;
    double message_burst = 40;
    // Hash (core::hash_secret) of the token that lets a coordinator join any
    // meeting as staff; empty: no coordinator token.
    std::string coordinator_token_hash;
    // Per client address: joins that fail (no meeting has the code, or a bad
    // coordinator token) take a token from a bucket refilled at this rate,
    // holding at most `join_failure_burst`. With the bucket empty, every join
    // from that address is refused (too_many_attempts), so join codes cannot
    // be guessed faster than this.
    double join_failures_per_minute = 10;
    double join_failure_burst = 20;
};

// Counters for /metrics; each is read and written without locks.
struct hub_counters {
    std::atomic<std::uint64_t> joins{0};
    std::atomic<std::uint64_t> joins_refused{0}; // address over its failure budget
};

class hub final : public gateway {
public:
    // `clustering` may be null: meetings then answer cluster_run with
    // clustering_failed. `host` (several nodes, see meeting_host.hpp) may be
    // null: this node then serves every meeting of the store.
    hub(boost::asio::io_context& ioc, persistence& store, hub_limits limits,
        grouper* clustering = nullptr, meeting_host* host = nullptr);
    hub(hub const&) = delete;
    hub& operator=(hub const&) = delete;

    // Restores every meeting from the store. Call once, before serving.
    // With a host, nothing: meetings come as people join them.
    void restore();
    // Adds a meeting created while running (for example the demo meeting). A
    // follow-up meeting without its plan reads it from the store.
    void add_meeting(meeting_snapshot snapshot);
    std::size_t meeting_count() const;

    // The meeting with this store id, or null.
    std::shared_ptr<meeting_room> find_meeting(std::int64_t id) const;
    // A plan changed in the store: every meeting reads its plan again (a
    // follow-up's objectives, the published plan a closed meeting points
    // to) and shows what changed.
    void plan_changed();

    // Several nodes: stops serving a meeting this node no longer holds,
    // closing its members' connections with `reason` (they reconnect, and
    // the node that holds it serves them).
    void evict(std::int64_t meeting_id, std::string const& reason);
    // Several nodes: serves the meeting with this join code on this node, as
    // a join would (taking it from the host unless served here already);
    // `done` gets its room, or null when it is live elsewhere or unknown.
    // `done` runs on the io_context, or at once when the meeting is here.
    void take(std::string const& join_code,
              std::function<void(std::shared_ptr<meeting_room>)> done);
    // Several nodes: lets go of every meeting nobody has been connected to
    // for `idle` (checked each call), so that another node may take it.
    void release_idle(std::chrono::steady_clock::duration idle);
    // Several nodes: lets go of the meeting at once if nobody is connected to
    // it (taken only to make a coordinator's change), so that the node the
    // load balancer sends its participants to takes it.
    void release_if_empty(std::int64_t meeting_id);

    // live::gateway: the three calls a connection makes, each from that
    // connection's own strand (calls for one peer never run concurrently).
    // `address` is the client's IP address (for the join-guessing limit).
    // A connection that arrives during a shutdown is closed at once.
    std::shared_ptr<peer> connect(std::weak_ptr<connection> conn,
                                  std::string address = {}) override;
    void on_message(std::shared_ptr<peer> const& p, std::string_view frame) override;
    void on_close(std::shared_ptr<peer> const& p) override;

    // Stops taking joins and closes every connection with `reason`: each room
    // closes its members after what it has sent them; a connection that
    // never went to a room is closed at once; one that asked a room to join
    // and is still open after `shutdown_sweep` is closed then.
    void shutdown(std::string const& reason);
    // Connections open now (connected and not yet closed).
    std::size_t connection_count() const;

    static constexpr std::chrono::milliseconds shutdown_sweep{200};

    hub_counters const& counters() const { return counters_; }

private:
    // A join, or a take(), waiting for the host to take its meeting.
    struct waiting_join {
        std::shared_ptr<peer> p;
        nlohmann::json ref;
        join_message join;
        bool as_coordinator = false;
        // Set instead of `p` by take(): gets the room (null: not taken).
        std::function<void(std::shared_ptr<meeting_room>)> then;
    };

    std::shared_ptr<meeting_room> find(std::string const& join_code) const;
    // Hands a checked join to its room.
    void enter(std::shared_ptr<peer> const& p, std::shared_ptr<meeting_room> const& room,
               nlohmann::json ref, join_message join, bool as_coordinator);
    // Asks the host for a meeting this node does not serve.
    void take_then_join(std::string const& code, waiting_join w);
    void on_taken(std::string const& code, meeting_host::outcome outcome);
    bool closing() const;
    // Closes every tracked connection (all of them, or those never handed to
    // a room) with `reason`.
    void close_tracked(std::string const& reason, bool only_roomless);
    // Takes one token from the peer's bucket; false when it is empty.
    bool admit(peer& p);

    boost::asio::io_context& ioc_;
    persistence& store_;
    hub_limits const limits_;
    grouper* clustering_;
    meeting_host* host_;

    // Every open connection, so that a shutdown reaches those no room knows.
    struct tracked {
        std::weak_ptr<peer> p;
        bool sent_to_room = false; // a join was handed to a room
    };

    mutable std::mutex mutex_; // guards rooms_, by_id_, peers_ and closing_
    std::unordered_map<std::string, std::shared_ptr<meeting_room>> rooms_; // by join code
    std::unordered_map<std::int64_t, std::shared_ptr<meeting_room>> by_id_;
    std::unordered_map<peer const*, tracked> peers_;
    std::unordered_map<std::string, std::vector<waiting_join>> taking_; // by join code
    std::unordered_map<std::int64_t, std::chrono::steady_clock::time_point> empty_since_;
    bool closing_ = false;
    std::string late_reason_;         // the shutdown's reason, for connections that come after
    boost::asio::steady_timer sweep_; // the shutdown's last sweep

    core::attempt_limiter join_failures_;
    hub_counters counters_;
};

} // namespace tavolo::live
