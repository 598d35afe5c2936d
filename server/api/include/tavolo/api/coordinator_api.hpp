// The coordinator area's HTTP API (/api/v1, docs/api.md): sign-in with a
// session cookie, the endpoints that need that session, and the public paths
// (shared and published plans). Owned by the app, which constructs it, adds
// its routes to the server's router and stops it before the store's writer.
// Reads run on the API's own thread with its own SQLite connection (never on
// a meeting's or a connection's strand); writes go through the store's writer
// like every other write, and the answer leaves once they are durable.
#pragma once

#include "tavolo/live/meeting_room.hpp"
#include "tavolo/net/api.hpp"
#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"
#include "tavolo/store/write_queue.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

namespace tavolo::api {

// Who publishes through this tavolo and where it lives (config "site" and
// "open_data"): used by calendars, the open-data catalogue and page footers.
struct site_options {
    // Absolute address people reach tavolo at, without a trailing slash
    // (e.g. https://partecipa.regione.example). Empty: taken from each
    // request's Host (and X-Forwarded-Proto from a trusted proxy).
    std::string public_url;
    // The public body that runs this tavolo and its code in the IPA index
    // (Indice dei domicili digitali della PA), e.g. "r_toscan".
    std::string body_name;
    std::string ipa_code;
    // The body's AgID accessibility statement and where to send feedback.
    std::string accessibility_statement_url;
    std::string feedback_email;
    // The open-data catalogue's contact point (vcard:hasEmail); empty: the
    // feedback address, or none.
    std::string contact_email;
    // The licence published plans carry.
    std::string licence_name = "CC BY 4.0";
    std::string licence_url = "https://creativecommons.org/licenses/by/4.0/";
};

struct coordinator_api_options {
    std::chrono::minutes session_lifetime{12 * 60};
    // Wrong sign-ins per client address: `sign_in_failure_burst` at once,
    // then this many a minute; over it, 429 too_many_attempts.
    double sign_in_failures_per_minute = 5;
    double sign_in_failure_burst = 10;
    site_options site;
};

// What the API asks of the live meetings; the app wires each to the hub. Any
// may be empty (no live meetings). Called on the API's thread.
struct live_hooks {
    // A meeting a coordinator created, once stored, with the plan a
    // follow-up presents (empty for a kickoff), so that people can join it
    // at once.
    std::function<void(store::meeting_row const& meeting,
                       std::vector<store::objective_record> const& plan)>
        meeting_created;
    // Objectives, deliverables or working groups changed: follow-up meetings
    // present the plan again.
    std::function<void()> plan_changed;
    // Opens or closes a live meeting, or replaces its facilitator link; false
    // when no live meeting has this id. `done` may run on any thread; with
    // several nodes it may be refused `not_live` when no node answered.
    using meeting_changed = std::function<void(live::meeting_room::outside_result)>;
    std::function<bool(std::int64_t meeting_id, std::string const& join_code,
                       live::meeting_room::outside_change change, meeting_changed done)>
        change_meeting;
};

class api_context;

class coordinator_api {
public:
    coordinator_api(std::filesystem::path const& db_path, store::database_options const& db,
                    store::write_queue& writer, coordinator_api_options options,
                    live_hooks hooks = {});
    coordinator_api(coordinator_api const&) = delete;
    coordinator_api& operator=(coordinator_api const&) = delete;
    ~coordinator_api();

    // Registers every endpoint (routes.cpp lists them).
    void add_routes(net::api_router& router);
    // Finishes the requests under way; later ones are refused. Idempotent.
    void stop();

private:
    std::unique_ptr<api_context> context_;
};

} // namespace tavolo::api
