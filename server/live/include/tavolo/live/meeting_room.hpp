// One live meeting: its members, its state and its event log. All of it is
// touched only on the room's strand; public methods post to it and may be
// called from any thread.
//
// Every change is validated against the working state (durable plus what is
// being written), written through persistence, and only once durable applied
// to the published state, acknowledged and broadcast, in seq order. A write
// that fails is answered with store_failed and its seq is published as a skip,
// so clients never see a gap.
//
// The room sequences, commits, publishes and sends; what each message may
// do is decided by the pure rules (rules.hpp and the *_rules files), which
// it dispatches to with std::visit.
#pragma once

#include "tavolo/live/events.hpp"
#include "tavolo/live/grouper.hpp"
#include "tavolo/live/meeting_state.hpp"
#include "tavolo/live/peer.hpp"
#include "tavolo/live/persistence.hpp"
#include "tavolo/live/protocol.hpp"
#include "tavolo/live/rules.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tavolo::live {

struct room_limits {
    std::size_t max_participants = 2000;
    std::size_t replay_events = 5000; // events kept for clients that resume
    std::chrono::milliseconds presence_interval{250};
    // A meeting with at least `lanes_from` members sends through `lanes`
    // strands (the server gives one per I/O thread), each member always
    // through the same one: one event's fan-out then runs on every I/O thread
    // at once, and each member still gets its frames in order. With one
    // lane, or fewer members, the meeting's own strand sends everything.
    std::size_t lanes = 1;
    std::size_t lanes_from = 1000;
};

class meeting_room : public std::enable_shared_from_this<meeting_room> {
public:
    // `messages`: the limits the hub parses messages with, told to whoever
    // joins.
    meeting_room(boost::asio::io_context& ioc, meeting_snapshot snapshot, room_limits limits,
                 message_limits messages, persistence& store, grouper* clustering = nullptr);
    meeting_room(meeting_room const&) = delete;
    meeting_room& operator=(meeting_room const&) = delete;

    // Immutable after construction: safe from any thread.
    std::int64_t id() const noexcept { return id_; }
    std::string const& join_code() const noexcept { return join_code_; }

    // `as_coordinator`: the hub has checked the join's coordinator token.
    void join(std::shared_ptr<peer> p, nlohmann::json ref, join_message m, bool as_coordinator);
    // Any message but join and ping.
    void handle(std::shared_ptr<peer> p, nlohmann::json ref, client_body body);
    void leave(std::shared_ptr<peer> p);
    // Closes every member's connection with `reason`.
    void close_all(std::string reason);
    // Members connected now (from any thread; exact on the room's strand).
    std::size_t member_count() const noexcept {
        return member_count_.load(std::memory_order_relaxed);
    }

    // Reads again from the store what a coordinator changes in the plan: the
    // plan a follow-up presents and, for a closed meeting only, the published
    // plan it points to; when either differs, everyone is shown the new one.
    void refresh_plan();

    // What a coordinator does to a meeting from outside it (the HTTP API):
    // open it, close it, or replace its facilitator link. `done` runs once
    // the change is durable and announced, or refused, on the room's strand.
    struct outside_change {
        std::optional<meeting_phase> phase;          // the phase to move to
        std::optional<std::string> facilitator_hash; // the new link's secret, hashed
    };
    struct outside_result {
        std::optional<std::pair<std::string, std::string>> error; // code, message
        nlohmann::json meeting;                                   // meeting_json after
    };
    void change_from_outside(outside_change change, std::function<void(outside_result)> done);

private:
    struct waiter {
        std::shared_ptr<peer> who;
        nlohmann::json ref;
    };
    struct pending_change {
        meeting_change change;
        std::function<event(meeting_state const&)> make_event; // empty: no event; seq set after
        std::function<nlohmann::json(meeting_state const&)> make_result;
        std::function<void()> after;                                          // runs once durable
        std::function<void(std::optional<std::string> const& error)> outside; // outside changes
        std::vector<waiter> waiters;
        std::string creates; // submit: the new contribution's id
    };

    void do_join(std::shared_ptr<peer> const& p, nlohmann::json const& ref, join_message& m,
                 bool as_coordinator);
    void do_handle(std::shared_ptr<peer> const& p, nlohmann::json const& ref, client_body& body);
    void do_leave(std::shared_ptr<peer> const& p);

    // Message handlers: each sends the error or puts the change under way.
    // The rules are in the *_rules files; these only sequence them.
    void not_here(std::shared_ptr<peer> const& p, nlohmann::json const& ref);
    void on_submit(std::shared_ptr<peer> const& p, nlohmann::json const& ref,
                   rule_context const& ctx, submit_message const& m);
    void on_remove(std::shared_ptr<peer> const& p, nlohmann::json const& ref,
                   rule_context const& ctx, remove_message const& m);
    // The cluster board. A run answers once its result is durable.
    void on_cluster_run(std::shared_ptr<peer> const& p, nlohmann::json const& ref,
                        participant const& me);
    void on_grouped(std::optional<std::vector<proposed_group>> proposed);
    // Follow-up meetings: the plan read again.
    void on_plan_loaded(std::optional<std::vector<plan_item>> loaded);
    // The published plan is shown by closed meetings only: read when a plan
    // changes while closed, and when the meeting becomes closed.
    void load_published_plan();
    void on_published_loaded(std::optional<published_plan_ref> found);
    void do_change_from_outside(outside_change const& change,
                                std::function<void(outside_result)> const& done);

    // A rule's ruling as the next change in seq order.
    pending_change to_pending(ruling r);
    // Sends a rule's error, or commits its ruling with `p` waiting for the
    // reply and `after` to run once durable.
    void settle(std::shared_ptr<peer> const& p, nlohmann::json const& ref, rule_result result,
                std::function<void()> after = {});
    void commit(pending_change pc);
    void on_saved(std::optional<std::string> const& error);
    void publish(event e);
    // Every send and close of the room goes through these, on its strand:
    // through the member's lane when the room uses lanes, else at once.
    void send_to(std::shared_ptr<peer> const& p, std::shared_ptr<std::string const> frame);
    void send_to(std::shared_ptr<peer> const& p, std::string frame);
    void close_to(std::shared_ptr<peer> const& p, std::string reason);
    // Runs `action` now, or on the member's lane when the room uses lanes.
    template <typename Action> void to_member(std::shared_ptr<peer> const& p, Action action);
    // Sends each member the frame `pick(member)` returns (none if null), one
    // batch per lane.
    template <typename Pick> void send_all(Pick pick);
    void alert_staff_store_failed();
    void send_snapshot(std::shared_ptr<peer> const& p, nlohmann::json const& ref,
                       participant const& me, std::optional<std::string> const& resume_token,
                       std::optional<std::int64_t> since);
    void presence_changed();
    void send_presence();

    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    std::int64_t const id_;
    std::string const join_code_;
    room_limits const limits_;
    message_limits const messages_;
    persistence& store_;
    grouper* clustering_;
    std::vector<waiter> clustering_waiters_; // a run under way: who asked for it

    meeting_state durable_; // what clients see
    meeting_state working_; // durable_ plus every change being written
    std::int64_t next_seq_;
    std::deque<pending_change> pending_;
    std::unordered_map<std::string, pending_change*> creating_; // contribution id -> pending

    std::deque<event> log_;                               // the latest events, for resuming clients
    std::unordered_map<std::string, participant> people_; // everyone who joined or is stored
    std::unordered_map<std::string, std::string> by_resume_; // resume hash -> participant id
    std::unordered_set<std::string> removed_identities_;     // identity keys of removed people
    std::vector<std::shared_ptr<peer>> members_;
    // Sending through lanes (see room_limits), from the moment the meeting
    // first reaches `lanes_from` members: switching from direct sends to
    // lanes keeps each member's order, the other way would not.
    std::vector<boost::asio::strand<boost::asio::io_context::executor_type>> lanes_;
    bool use_lanes_ = false;
    std::size_t next_lane_ = 0;
    std::size_t participants_present_ = 0; // members whose role is participant
    // When staff were last told that the store fails (at most every 10 s).
    std::chrono::steady_clock::time_point store_alerted_{};
    boost::asio::steady_timer presence_timer_;
    bool presence_pending_ = false;
    std::atomic<std::size_t> member_count_{0};
};

} // namespace tavolo::live
