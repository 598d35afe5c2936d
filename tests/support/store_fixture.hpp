// A real store in a temporary directory, for the tests of every module that
// reads or writes through the store (store, api, app): the file, one
// connection opened as the server opens it (on SQLite, or on PostgreSQL when
// the run is, see on_postgresql()), its plan_store, and helpers that
// add a community and a meeting with sensible defaults. One thread at a time,
// like the store itself; removed with the directory.
#pragma once

#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>

namespace tavolo::test {

// Whether this run of the store's tests is on PostgreSQL: ctest runs them a
// second time with TAVOLO_TEST_STORE=postgresql (tests/CMakeLists.txt).
inline bool on_postgresql() {
    char const* backend = std::getenv("TAVOLO_TEST_STORE");
    return backend && std::string(backend) == "postgresql";
}

// The options of a new, empty store: SQLite at the file the caller names, or
// a fresh database on the test process's own PostgreSQL.
inline store::database_options new_store_options() {
    store::database_options options;
    if (on_postgresql()) {
        options.backend = "postgresql";
        options.postgresql_url = postgres_server::shared().fresh_database();
    }
    return options;
}

struct store_fixture {
    temp_dir dir;
    std::filesystem::path path = dir / "tavolo.db";
    store::database_options options = new_store_options();
    tavolo::store::sql::database db = store::open_database(path, options);
    store::plan_store store{db};

    std::int64_t add_community(std::string slug, std::string name = "Comunità",
                               std::string description = "") {
        return store.create_community(
            {0, std::move(slug), std::move(name), std::move(description)});
    }

    // A meeting of `community` (a kick-off in its collect phase unless told).
    std::int64_t add_meeting(std::int64_t community, std::string join_code,
                             std::string scheduled_on = "2027-01-20", std::string kind = "kickoff",
                             std::string title = "Kick-off") {
        store::meeting_row m;
        m.community_id = community;
        m.kind = std::move(kind);
        m.title = std::move(title);
        m.scheduled_on = std::move(scheduled_on);
        m.phase = "collect";
        m.join_code = std::move(join_code);
        m.facilitator_secret_hash = "hash";
        return store.create_meeting(m);
    }

    // A need by a participant `participant_id` (who joins the meeting with it),
    // as the meeting's `seq`-th contribution.
    void add_contribution(std::int64_t meeting, std::string client_id, std::int64_t seq,
                          std::string text, std::string participant_id = "p1") {
        store.upsert_participant(
            {participant_id, meeting, "Anna", "ASL Lecce", "participant", seq, "", false});
        store::contribution_row c;
        c.meeting_id = meeting;
        c.client_id = std::move(client_id);
        c.seq = seq;
        c.participant_id = std::move(participant_id);
        c.kind = "need";
        c.text = std::move(text);
        c.created_at = seq;
        store.upsert_contribution(c);
    }
};

} // namespace tavolo::test
