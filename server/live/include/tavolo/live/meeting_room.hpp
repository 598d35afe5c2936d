// One live meeting: its members, contributions and event sequence. All state is
// touched only on the room's strand; public methods post to it and may be
// called from any thread. Writes go to persistence first, and a change is
// acknowledged and broadcast only once the store reports it durable.
#pragma once

#include "tavolo/live/model.hpp"
#include "tavolo/live/peer.hpp"
#include "tavolo/live/persistence.hpp"
#include "tavolo/live/protocol.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace tavolo::live {

struct room_limits {
    std::size_t max_participants = 2000;
};

class meeting_room : public std::enable_shared_from_this<meeting_room> {
public:
    meeting_room(boost::asio::io_context& ioc, meeting_snapshot snapshot, room_limits limits,
                 persistence& store);
    meeting_room(meeting_room const&) = delete;
    meeting_room& operator=(meeting_room const&) = delete;

    // Immutable after construction: safe from any thread.
    std::int64_t id() const noexcept { return id_; }
    std::string const& join_code() const noexcept { return join_code_; }

    void join(std::shared_ptr<peer> p, nlohmann::json ref, join_message m);
    void submit(std::shared_ptr<peer> p, nlohmann::json ref, submit_message m);
    void leave(std::shared_ptr<peer> p);
    // Closes every member's connection with `reason`.
    void close_all(std::string reason);

private:
    struct waiter {
        std::shared_ptr<peer> who;
        nlohmann::json ref;
    };
    struct pending_contribution {
        contribution value;
        std::vector<waiter> waiters;
    };

    void do_join(std::shared_ptr<peer> const& p, nlohmann::json const& ref, join_message& m);
    void on_participant_saved(std::shared_ptr<peer> const& p, nlohmann::json const& ref,
                              participant pt, std::optional<std::string> const& error);
    void do_submit(std::shared_ptr<peer> const& p, nlohmann::json const& ref, submit_message& m);
    void on_contribution_saved(std::string const& id, std::optional<std::string> const& error);
    void do_leave(std::shared_ptr<peer> const& p);
    nlohmann::json snapshot_json(participant const& you) const;
    void broadcast(std::shared_ptr<std::string const> const& frame) const;

    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    std::int64_t const id_;
    std::string const join_code_;
    room_limits const limits_;
    persistence& store_;

    meeting_info info_;
    std::vector<contribution> contributions_;             // durable, in seq order
    std::unordered_map<std::string, std::size_t> stored_; // client id -> index above
    std::unordered_map<std::string, pending_contribution> pending_;
    std::int64_t last_seq_ = 0;
    std::vector<std::shared_ptr<peer>> members_;
};

} // namespace tavolo::live
