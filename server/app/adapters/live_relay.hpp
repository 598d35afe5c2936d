// Several nodes on one PostgreSQL store: carries the API's changes to live
// meetings (api::live_hooks) to whichever node serves them, through
// PostgreSQL's LISTEN/NOTIFY on the channel `tavolo_live`. Each node listens
// (store::listener, a thread of its own) and sends with plan_store::notify()
// through the store's writer, so a message leaves once the writes queued
// before it are committed. Owned by the app; its hooks are called on the
// API's thread, its messages handled on the io_context.
//
// The payloads, JSON objects under 8000 bytes (PostgreSQL's limit); NODE is
// lease_keeper::node(), unique per process:
//   {"type": "plan_changed", "from": NODE}
//       a plan changed in the store: every other node's meetings read their
//       plans again (the sender's did at once).
//   {"type": "change", "from": NODE, "request": HEX, "meeting": ID,
//    "phase": "closed", "facilitator_hash": HASH}
//       open, close (`phase`) or a new facilitator link (the new secret's
//       hash, never the secret) for a meeting the sender does not serve;
//       the node that serves it applies it and answers.
//   {"type": "changed", "to": NODE, "request": HEX,
//    "error": {"code": CODE, "message": TEXT}}
//       the answer to a change once it is durable and announced (`error`
//       only when it was refused). The sender then reads the meeting from
//       the store. Without an answer within reply_within: 503 not_live.
//
// A change for a meeting no node serves is applied here: this node takes the
// meeting as a join would (hub::take). After the listening connection
// dropped, every meeting here reads its plan again, since a plan_changed may
// have been missed meanwhile.
#pragma once

#include "tavolo/live/hub.hpp"
#include "tavolo/live/meeting_room.hpp"
#include "tavolo/store/listener.hpp"
#include "tavolo/store/write_queue.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace tavolo::app {

struct relay_options {
    std::string url;  // the store's PostgreSQL
    std::string node; // this node's name (lease_keeper::node())
    std::chrono::milliseconds reply_within{3000};
};

class live_relay {
public:
    using meeting_changed = std::function<void(live::meeting_room::outside_result)>;
    static constexpr char const* channel = "tavolo_live";

    live_relay(boost::asio::io_context& ioc, store::write_queue& writer, live::hub& hub,
               relay_options options);
    live_relay(live_relay const&) = delete;
    live_relay& operator=(live_relay const&) = delete;
    ~live_relay();

    // Starts listening (returns at once; the connection is made on the
    // listener's thread).
    void start();
    // Stops listening; answers pending changes not_live. Idempotent.
    void stop();

    // api::live_hooks::plan_changed and change_meeting.
    void plan_changed();
    bool change_meeting(std::int64_t meeting_id, std::string const& join_code,
                        live::meeting_room::outside_change change, meeting_changed done);

private:
    struct pending {
        meeting_changed done;
        std::shared_ptr<boost::asio::steady_timer> timer;
    };

    void send(nlohmann::json const& message);
    void ask_holder(std::int64_t meeting_id, live::meeting_room::outside_change change,
                    meeting_changed done);
    // Ends a pending change with `result` (once: later answers are ignored).
    void finish(std::string const& request, live::meeting_room::outside_result result);
    void on_message(nlohmann::json const& message);
    void on_change(nlohmann::json const& message);

    boost::asio::io_context& ioc_;
    store::write_queue& writer_;
    live::hub& hub_;
    relay_options const options_;
    std::unique_ptr<store::listener> listener_;

    std::mutex mutex_;
    std::unordered_map<std::string, pending> pending_; // by request id
};

} // namespace tavolo::app
