// The coordinator area's HTTP API (/api/v1, docs/api.md): sign-in with a
// session cookie, and the endpoints that need that session. Reads run on the
// API's own thread with its own SQLite connection (never on a meeting's or a
// connection's strand); writes go through the store's writer like every
// other write, and the answer leaves once they are durable.
#pragma once

#include "tavolo/core/attempt_limiter.hpp"
#include "tavolo/live/meeting_room.hpp"
#include "tavolo/net/api.hpp"
#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"
#include "tavolo/store/write_queue.hpp"

#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <filesystem>
#include <functional>

namespace tavolo::app {

struct coordinator_api_options {
    std::chrono::minutes session_lifetime{12 * 60};
    // Wrong sign-ins per client address: `sign_in_failure_burst` at once,
    // then this many a minute; over it, 429 too_many_attempts.
    double sign_in_failures_per_minute = 5;
    double sign_in_failure_burst = 10;
};

// What the API asks of the live meetings; the app wires each to the hub. Any
// may be empty (no live meetings).
struct live_hooks {
    // A meeting a coordinator created, once stored (a follow-up with its
    // plan), so that people can join it at once.
    std::function<void(live::meeting_snapshot)> meeting_created;
    // Objectives, deliverables or working groups changed: follow-up meetings
    // present the plan again.
    std::function<void()> plan_changed;
    // Opens or closes a live meeting, or replaces its facilitator link; false
    // when no live meeting has this id. `done` may run on any thread.
    using meeting_changed = std::function<void(live::meeting_room::outside_result)>;
    std::function<bool(std::int64_t meeting_id, live::meeting_room::outside_change change,
                       meeting_changed done)>
        change_meeting;
};

class coordinator_api {
public:
    coordinator_api(std::filesystem::path const& db_path, store::database_options const& db,
                    store::write_queue& writer, coordinator_api_options options,
                    live_hooks hooks = {});
    coordinator_api(coordinator_api const&) = delete;
    coordinator_api& operator=(coordinator_api const&) = delete;
    ~coordinator_api();

    void add_routes(net::api_router& router);
    // Finishes the requests under way; later ones are refused. Idempotent.
    void stop();

    static constexpr char const* cookie_name = "tavolo_session";

    // Thrown by a handler's checks: answered with this status and code.
    struct refusal {
        unsigned status;
        std::string code;
        std::string message;
    };

private:
    using reader = std::function<net::api_response(store::plan_store&)>;
    using signed_in_reader = std::function<net::api_response(
        store::plan_store&, store::coordinator_row const&, net::api_request const&)>;
    // Checks a change on the API thread, then either answers at once (a
    // refusal) or hands it to write_then.
    using signed_in_change = std::function<void(store::plan_store&, store::coordinator_row const&,
                                                net::api_request const&, net::api_respond&)>;

    static std::optional<std::string> session_token_of(net::api_request const& req);

    // Runs `work` on the API thread and answers with its result (500 with a
    // JSON error if it throws).
    void on_api_thread(net::api_respond respond, std::function<void(net::api_respond&)> work);
    // Handlers that answer 401 without a valid session, else run `read` or
    // `change` on the API thread (a refusal thrown becomes the answer).
    net::api_handler signed_in(signed_in_reader read);
    net::api_handler signed_in_writer(signed_in_change change);
    // Queues `write` on the store's writer; once durable, answers with
    // `after` read on the API thread (503 if the write failed). A write that
    // changes what follow-up meetings present says so (`plan_changed`): they
    // read their plan again.
    void write_then(net::api_respond respond, std::function<void(store::plan_store&)> write,
                    std::function<net::api_response(store::plan_store&)> after,
                    bool plan_changed = false);

    // Saves an objective whole (fields, deliverable, working group), answers
    // with it, and has follow-up meetings present the change.
    void save_objective_then(net::api_respond respond, store::objective_record o);

    // Objectives, working groups and links (plan_api.cpp).
    void add_plan_routes(net::api_router& router);
    // New communities and meetings (plan_api.cpp).
    void add_setup_routes(net::api_router& router);
    // Opening and closing meetings, new facilitator links (plan_api.cpp).
    void add_meeting_routes(net::api_router& router);
    // Files attached to deliverables (plan_api.cpp).
    void add_file_routes(net::api_router& router);

    void sign_in(net::api_request req, net::api_respond respond);
    void sign_out(net::api_request req, net::api_respond respond);

    coordinator_api_options const options_;
    live_hooks const hooks_;
    store::write_queue& writer_;
    SQLite::Database db_;
    store::plan_store store_;
    core::attempt_limiter sign_in_failures_;
    boost::asio::thread_pool pool_{1};
};

} // namespace tavolo::app
