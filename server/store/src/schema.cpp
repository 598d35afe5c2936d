#include "tavolo/store/schema.hpp"

#include <SQLiteCpp/Transaction.h>

#include <stdexcept>
#include <string>

namespace tavolo::store {
namespace {

// Version 1: communities, meetings, participants and contributions.
constexpr char const* step_0_to_1 = R"sql(
CREATE TABLE communities (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE TABLE meetings (
    id                      INTEGER PRIMARY KEY,
    community_id            INTEGER NOT NULL REFERENCES communities(id),
    kind                    TEXT NOT NULL CHECK (kind IN ('kickoff', 'followup')),
    title                   TEXT NOT NULL,
    scheduled_on            TEXT NOT NULL,
    phase                   TEXT NOT NULL DEFAULT 'lobby'
        CHECK (phase IN ('lobby', 'collect', 'cluster', 'vote', 'plan', 'closed')),
    join_code               TEXT NOT NULL UNIQUE,
    facilitator_secret_hash TEXT NOT NULL,
    created_at              INTEGER NOT NULL
);
CREATE INDEX meetings_by_community ON meetings(community_id);
CREATE TABLE participants (
    id           TEXT PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id),
    name         TEXT NOT NULL,
    organization TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('participant', 'facilitator')),
    joined_at    INTEGER NOT NULL
);
CREATE INDEX participants_by_meeting ON participants(meeting_id);
CREATE TABLE contributions (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings(id),
    client_id      TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    kind           TEXT NOT NULL CHECK (kind IN ('proposal', 'need', 'activity')),
    text           TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    UNIQUE (meeting_id, client_id),
    UNIQUE (meeting_id, seq)
);
)sql";

} // namespace

int read_schema_version(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

void migrate_step(SQLite::Database& db, int from) {
    SQLite::Transaction tx(db);
    switch (from) {
    case 0:
        db.exec(step_0_to_1);
        break;
    default:
        throw std::logic_error("no migration step from schema version " + std::to_string(from));
    }
    db.exec("PRAGMA user_version = " + std::to_string(from + 1));
    tx.commit();
}

void migrate(SQLite::Database& db) {
    int version = read_schema_version(db);
    if (version > schema_version)
        throw std::runtime_error("the database has schema version " + std::to_string(version) +
                                 ", newer than this tavolo (" + std::to_string(schema_version) +
                                 "); use a newer tavolo or another data directory");
    // With one version there is nothing to shortcut: a fresh database runs step
    // 0->1, which creates the current schema.
    while (version < schema_version)
        migrate_step(db, version++);
}

} // namespace tavolo::store
