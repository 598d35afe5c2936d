// What every handler of the API shares (internal to tavolo::api): the API's
// thread and its store connection, the session check, and the write that
// answers once durable. Owned by coordinator_api; the handlers the resource
// files register hold a reference to it, so it outlives the router's use.
#pragma once

#include "support.hpp"
#include "tavolo/api/coordinator_api.hpp"
#include "tavolo/core/attempt_limiter.hpp"

#include <boost/asio/thread_pool.hpp>

#include "tavolo/store/sql.hpp"

namespace tavolo::api {

inline constexpr char const* cookie_name = "tavolo_session";

// The session token a request's cookie carries; nullopt without one.
std::optional<std::string> session_token_of(net::api_request const& req);

class api_context {
public:
    api_context(std::filesystem::path const& db_path, store::database_options const& db,
                store::write_queue& writer, coordinator_api_options options, live_hooks hooks);
    api_context(api_context const&) = delete;
    api_context& operator=(api_context const&) = delete;

    using reader = std::function<net::api_response(store::plan_store&, net::api_request const&)>;
    using signed_in_reader = std::function<net::api_response(
        store::plan_store&, store::coordinator_row const&, net::api_request const&)>;
    // Checks a change on the API thread, then either answers at once (a
    // refusal) or hands it to write_then.
    using signed_in_change = std::function<void(store::plan_store&, store::coordinator_row const&,
                                                net::api_request const&, net::api_respond&)>;
    using after_write = std::function<net::api_response(store::plan_store&)>;

    // Runs `work` on the API thread and answers with its result (500 with a
    // JSON error if it throws).
    void on_api_thread(net::api_respond respond, std::function<void(net::api_respond&)> work);
    // A handler open to everyone: `read` on the API thread (a refusal thrown
    // becomes the answer).
    net::api_handler open_to_all(reader read);
    // Handlers that answer 401 without a valid session, else run `read` or
    // `change` on the API thread (a refusal thrown becomes the answer).
    net::api_handler signed_in(signed_in_reader read);
    net::api_handler signed_in_writer(signed_in_change change);
    // Queues `write` on the store's writer; once durable, answers with
    // `after` read on the API thread (503 if the write failed). A write that
    // changes what follow-up meetings present says so (`plan_changed`): they
    // read their plan again.
    void write_then(net::api_respond respond, std::function<void(store::plan_store&)> write,
                    after_write after, bool plan_changed = false);

    // Finishes the requests under way. Idempotent.
    void stop();

    store::write_queue& writer() noexcept { return writer_; }
    // The API thread's store: only from work run by on_api_thread.
    store::plan_store& reads() noexcept { return store_; }
    live_hooks const& hooks() const noexcept { return hooks_; }
    coordinator_api_options const& options() const noexcept { return options_; }
    // Wrong sign-ins per address (API thread only).
    core::attempt_limiter& sign_in_failures() noexcept { return sign_in_failures_; }
    // Wrong join codes asking for a meeting's calendar, per address.
    core::attempt_limiter& calendar_code_failures() noexcept { return calendar_code_failures_; }

private:
    coordinator_api_options const options_;
    live_hooks const hooks_;
    store::write_queue& writer_;
    store::sql::database db_;
    store::plan_store store_;
    core::attempt_limiter sign_in_failures_;
    core::attempt_limiter calendar_code_failures_;
    boost::asio::thread_pool pool_{1};
};

// Refuses (403 forbidden, naming the role needed) a request `who` may not
// make, by the route's rule in access_rules.hpp. Every signed-in handler
// runs it before its own work.
void check_access(store::plan_store& s, store::coordinator_row const& who,
                  net::api_request const& req);

// The community named by the path's {slug}; refuses 404 when there is none.
store::community_row community_of(store::plan_store& s, net::api_request const& req);

} // namespace tavolo::api
