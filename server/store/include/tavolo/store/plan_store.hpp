// Queries and writes of the plan store over one SQLite connection. A plan_store
// is used by one thread at a time, like the connection it wraps; writes from
// live meetings go through store::write_queue, which owns its own plan_store.
// Failures throw sql::error.
#pragma once

#include "tavolo/store/plans.hpp"

#include "tavolo/store/sql.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace tavolo::store {

// A write refused because its node no longer holds the meeting's lease.
class lease_lost : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

using community_row = tavolo::plans::community_row;

struct meeting_row {
    std::int64_t id = 0;
    std::int64_t community_id = 0;
    std::string community_name; // filled by reads
    std::string community_slug; // filled by reads
    std::string kind = "kickoff";
    std::string title;
    std::string scheduled_on; // YYYY-MM-DD
    std::string phase = "lobby";
    std::string join_code;
    std::string facilitator_secret_hash;
    std::string question; // asked by the facilitator; empty: none
    // The live state, written as the meeting runs.
    std::int64_t last_seq = 0;
    bool anonymous = false;
    bool private_writing = false;
    bool revealed = false;
    bool locked = false;
    std::int64_t support_budget = 5;
    std::int64_t max_supports_per_contribution = 1;
    std::int64_t timer_ends_at = 0;
    // When it happens, for calendars: the start "HH:MM" in Europe/Rome
    // (empty: all day) and how long; calendar_sequence counts the changes
    // of these and of the date (iCalendar's SEQUENCE); updated_at, ms since
    // the epoch, is the last one (written by the store).
    std::string starts_at;
    std::int64_t duration_minutes = 120;
    std::int64_t calendar_sequence = 0;
    std::int64_t updated_at = 0;
};

struct participant_row {
    std::string id;
    std::int64_t meeting_id = 0;
    std::string name;
    std::string organization;
    std::string role = "participant";
    std::int64_t joined_at = 0;
    std::string resume_hash;
    bool removed = false;
};

struct contribution_row {
    std::int64_t meeting_id = 0;
    std::string client_id;
    std::int64_t seq = 0;
    std::string participant_id;
    std::string author_name;         // filled by reads
    std::string author_organization; // filled by reads
    std::string kind;
    std::string text;
    std::int64_t created_at = 0;
    std::string status = "visible";
    std::string merged_into;
    bool edited = false;
};

struct edit_row {
    std::int64_t meeting_id = 0;
    std::string client_id;
    std::string old_text;
    std::string new_text;
    std::string editor_id;
    std::int64_t at = 0;
};

struct support_row {
    std::int64_t meeting_id = 0;
    std::string participant_id;
    std::string client_id;
    std::int64_t count = 0; // 0: no support
};

struct group_row {
    std::string id;
    std::string title;
    std::vector<std::string> keywords;
    double cohesion = 0;
    bool renamed = false;
    std::string objective_id;         // empty: not promoted
    std::vector<std::string> members; // contribution client ids, in order
};

// A meeting's cluster board, written and read whole.
struct board_row {
    std::int64_t meeting_id = 0;
    std::int64_t next_group = 1;
    std::int64_t runs = 0;
    std::vector<group_row> groups;
    std::vector<std::pair<std::string, std::string>> pins; // client id -> group id ("": none)
};

struct objective_row {
    std::string id;
    std::int64_t community_id = 0; // filled by reads; writes take the meeting's
    std::int64_t meeting_id = 0;
    std::string group_id;
    std::string title;
    std::string description;
    std::string status = "draft";
    std::string created_by;
    std::int64_t created_at = 0;
    std::vector<std::string> contributions; // client ids of the linked contributions, in order
    // The supports when the group was promoted: its total (nullopt: not
    // known) and each linked contribution's (client id -> count; a link
    // whose count is not known is absent).
    std::optional<std::int64_t> supports;
    std::map<std::string, std::int64_t> contribution_supports;
};

// An account of the coordinator area and what it may change (the rules are
// server/api's access_rules; docs/api.md, "Roles").
struct coordinator_row {
    std::int64_t id = 0;
    std::string name;
    std::string password_hash;     // argon2id, libsodium's string form
    std::string role = "referent"; // admin | referent | co-coordinator
    bool disabled = false;
    // The communities a co-coordinator coordinates: id -> slug.
    std::map<std::int64_t, std::string> communities;
};

class plan_store {
public:
    explicit plan_store(sql::database& db) : db_(db), plans_(db) {}

    // The plan side of the store over the same connection (same thread rules).
    store::plans& plans() noexcept { return plans_; }

    std::int64_t create_community(community_row const& c);
    std::optional<community_row> find_community(std::string const& slug);

    // Every community, by name.
    std::vector<community_row> communities();

    std::int64_t create_meeting(meeting_row const& m);
    // Every meeting, oldest first.
    std::vector<meeting_row> meetings();
    // Writes the live state of the meeting (phase, settings, question, lock,
    // timer) and, when given, a new facilitator secret hash.
    void update_meeting_state(meeting_row const& m);
    // Calendars (calendars.cpp). Moves the meeting to `m`'s scheduled_on,
    // starts_at and duration_minutes; when any differs from what it had,
    // its calendar_sequence grows by one and updated_at is now. Returns
    // whether it changed.
    bool reschedule_meeting(meeting_row const& m);
    // The hash of the secret address of a community's calendar feed (empty:
    // none, which revokes the one it had); the community with this hash.
    void set_calendar_token(std::int64_t community_id, std::string const& token_hash);
    bool has_calendar_token(std::int64_t community_id);
    std::optional<community_row> community_by_calendar_token(std::string const& token_hash);
    // Records the meeting's latest event; never moves it back.
    void advance_last_seq(std::int64_t meeting_id, std::int64_t seq);

    void upsert_participant(participant_row const& p);
    std::vector<participant_row> participants_of(std::int64_t meeting_id);

    void upsert_contribution(contribution_row const& c);
    // A meeting's contributions in seq order, with their authors.
    std::vector<contribution_row> contributions_of(std::int64_t meeting_id);
    std::int64_t count_contributions();

    void insert_edit(edit_row const& e);
    std::vector<edit_row> edits_of(std::int64_t meeting_id, std::string const& client_id);

    void set_support(support_row const& s);
    std::vector<support_row> supports_of(std::int64_t meeting_id);

    // Replaces the meeting's board.
    void save_board(board_row const& b);
    // nullopt: the meeting has no board yet.
    std::optional<board_row> board_of(std::int64_t meeting_id);

    // Inserts a draft objective of the meeting's community, linked to its
    // contributions (which must exist).
    void create_objective(objective_row const& o);
    std::vector<objective_row> objectives_of_meeting(std::int64_t meeting_id);
    // The objectives a contribution went into.
    std::vector<objective_row> objectives_of_contribution(std::int64_t meeting_id,
                                                          std::string const& client_id);

    // Coordinator accounts (accounts.cpp). create_coordinator makes the
    // first account ever the admin and every later one a referent;
    // create_account takes the role and the communities (ids) of a
    // co-coordinator. Both throw when the name is taken.
    std::int64_t create_coordinator(std::string const& name, std::string const& password_hash);
    std::int64_t create_account(std::string const& name, std::string const& password_hash,
                                std::string const& role,
                                std::vector<std::int64_t> const& communities);
    std::optional<coordinator_row> find_coordinator(std::string const& name);
    // Every account, by name.
    std::vector<coordinator_row> coordinators();
    // Replaces the account's role and communities.
    void set_role(std::int64_t coordinator_id, std::string const& role,
                  std::vector<std::int64_t> const& communities);
    // Disabling also ends every session of the account.
    void set_disabled(std::int64_t coordinator_id, bool disabled);
    void set_password(std::int64_t coordinator_id, std::string const& password_hash);

    // Sign-in sessions, by the hash of their token; times in ms since the epoch.
    void create_session(std::string const& token_hash, std::int64_t coordinator_id,
                        std::int64_t expires_at);
    // The session's coordinator while it has not expired at `now` and the
    // account is not disabled.
    std::optional<coordinator_row> session_coordinator(std::string const& token_hash,
                                                       std::int64_t now);
    void delete_session(std::string const& token_hash);
    // Ends every session of the account but the one `keep` (a token hash;
    // empty: none kept); returns how many ended.
    std::int64_t delete_sessions_of(std::int64_t coordinator_id, std::string const& keep = {});
    // Removes the sessions expired at `now`; returns how many.
    std::int64_t delete_expired_sessions(std::int64_t now);

    // Runs `work` all or nothing: inside a savepoint, so that it nests in a
    // transaction the caller (or the writer) has open, and is a transaction
    // of its own otherwise. An exception from `work` undoes its writes and
    // goes on to the caller.
    void atomically(std::function<void()> const& work);
    // The schema version of the file (PRAGMA user_version): what /healthz shows.
    int stored_schema_version();
    // The row id of a meeting's contribution (what plans::link takes).
    std::optional<std::int64_t> contribution_id(std::int64_t meeting_id,
                                                std::string const& client_id);
    // Lookups by key (lookups.cpp). The meeting with this id, or with this
    // join code (as stored: normalized, without dashes); nullopt: none.
    std::optional<meeting_row> find_meeting(std::int64_t id);
    std::optional<meeting_row> find_meeting_by_join_code(std::string const& join_code);
    // A community's meetings, oldest first.
    std::vector<meeting_row> meetings_of_community(std::int64_t community_id);
    // How many meetings each community has (a community without any: absent).
    std::unordered_map<std::int64_t, std::int64_t> meeting_counts();
    std::optional<community_row> find_community_by_id(std::int64_t id);

    // Leases of live meetings, when several nodes share one PostgreSQL store
    // (leases.cpp): a meeting is live on the node that holds its lease, and
    // every write of it carries the lease's fencing number. Times are the
    // database's clock, so the nodes' clocks do not matter.
    struct lease_taken {
        std::int64_t fence = 0;
    };
    struct lease_elsewhere {
        std::int64_t remaining_ms = 0; // until the holder's lease runs out
    };
    // Takes the meeting's lease for `node` for `ttl_ms` when it is free, has
    // run out, or is already this node's (the fencing number then grows).
    std::variant<lease_taken, lease_elsewhere>
    take_lease(std::int64_t meeting_id, std::string const& node, std::int64_t ttl_ms);
    // Extends every lease `node` holds; the (meeting, fence) pairs it still holds.
    std::vector<std::pair<std::int64_t, std::int64_t>> renew_leases(std::string const& node,
                                                                    std::int64_t ttl_ms);
    void release_lease(std::int64_t meeting_id, std::string const& node, std::int64_t fence);
    // Throws lease_lost unless `node` holds the meeting's lease with `fence`;
    // locks the lease until the transaction ends, so nobody takes it between
    // this check and the commit of the writes that follow it.
    void check_lease(std::int64_t meeting_id, std::string const& node, std::int64_t fence);
    // Sends `payload` (under 8000 bytes) to every connection listening on
    // `channel` (store::listener) once the transaction commits: nothing if it
    // rolls back (PostgreSQL's NOTIFY; throws on SQLite).
    void notify(std::string const& channel, std::string const& payload);

private:
    // A statement prepared once and reused (reset, bindings cleared): the
    // writes a live meeting makes for every change go through these.
    sql::statement& prepared(char const* sql);

    sql::database& db_;
    store::plans plans_;
    std::unordered_map<char const*, std::unique_ptr<sql::statement>> prepared_;
};

} // namespace tavolo::store
