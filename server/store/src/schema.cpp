#include "tavolo/store/schema.hpp"

#include "tavolo/store/sql.hpp"

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

// Version 2: the live meeting's full state (settings, lock, timer, last event),
// contribution status and edit history, supports, resume tokens, removals,
// and the coordinator role.
constexpr char const* step_1_to_2 = R"sql(
ALTER TABLE meetings ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN private_writing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN revealed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN support_budget INTEGER NOT NULL DEFAULT 5;
ALTER TABLE meetings ADD COLUMN max_supports_per_contribution INTEGER NOT NULL DEFAULT 1;
ALTER TABLE meetings ADD COLUMN timer_ends_at INTEGER NOT NULL DEFAULT 0;
UPDATE meetings SET last_seq =
    (SELECT COALESCE(MAX(seq), 0) FROM contributions WHERE meeting_id = meetings.id);

CREATE TABLE participants_v2 (
    id           TEXT PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings(id),
    name         TEXT NOT NULL,
    organization TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('participant', 'facilitator', 'coordinator')),
    joined_at    INTEGER NOT NULL,
    resume_hash  TEXT NOT NULL DEFAULT '',
    removed      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO participants_v2 (id, meeting_id, name, organization, role, joined_at)
    SELECT id, meeting_id, name, organization, role, joined_at FROM participants;
DROP INDEX participants_by_meeting;
DROP TABLE participants;
ALTER TABLE participants_v2 RENAME TO participants;
CREATE INDEX participants_by_meeting ON participants(meeting_id);

ALTER TABLE contributions ADD COLUMN status TEXT NOT NULL DEFAULT 'visible'
    CHECK (status IN ('visible', 'hidden', 'withdrawn', 'merged'));
ALTER TABLE contributions ADD COLUMN merged_into TEXT NOT NULL DEFAULT '';
ALTER TABLE contributions ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;

CREATE TABLE contribution_edits (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    client_id  TEXT NOT NULL,
    old_text   TEXT NOT NULL,
    new_text   TEXT NOT NULL,
    editor_id  TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX contribution_edits_by_contribution ON contribution_edits(meeting_id, client_id);

CREATE TABLE supports (
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
    participant_id  TEXT NOT NULL REFERENCES participants(id),
    client_id       TEXT NOT NULL,
    count           INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (meeting_id, participant_id, client_id)
);
)sql";

// Version 3: the cluster board of a meeting (groups, members, pinned moves)
// and draft objectives, each linked to the contributions it came from.
constexpr char const* step_2_to_3 = R"sql(
CREATE TABLE objectives (
    id           TEXT PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    meeting_id   INTEGER REFERENCES meetings(id),
    group_id     TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'dropped')),
    created_by   TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
);
CREATE INDEX objectives_by_community ON objectives(community_id);
CREATE INDEX objectives_by_meeting ON objectives(meeting_id);
CREATE TABLE objective_contributions (
    objective_id    TEXT NOT NULL REFERENCES objectives(id),
    contribution_id INTEGER NOT NULL REFERENCES contributions(id),
    position        INTEGER NOT NULL,
    PRIMARY KEY (objective_id, contribution_id)
);
CREATE INDEX objective_contributions_by_contribution
    ON objective_contributions(contribution_id);

CREATE TABLE cluster_boards (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id),
    next_group INTEGER NOT NULL,
    runs       INTEGER NOT NULL
);
CREATE TABLE cluster_groups (
    meeting_id   INTEGER NOT NULL REFERENCES cluster_boards(meeting_id),
    group_id     TEXT NOT NULL,
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    keywords     TEXT NOT NULL DEFAULT '',
    cohesion     REAL NOT NULL DEFAULT 0,
    renamed      INTEGER NOT NULL DEFAULT 0,
    objective_id TEXT REFERENCES objectives(id),
    PRIMARY KEY (meeting_id, group_id)
);
CREATE TABLE cluster_members (
    meeting_id      INTEGER NOT NULL,
    group_id        TEXT NOT NULL,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id),
    position        INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, group_id, contribution_id),
    FOREIGN KEY (meeting_id, group_id) REFERENCES cluster_groups(meeting_id, group_id)
);
CREATE TABLE cluster_pins (
    meeting_id      INTEGER NOT NULL REFERENCES cluster_boards(meeting_id),
    contribution_id INTEGER NOT NULL REFERENCES contributions(id),
    group_id        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, contribution_id)
);
)sql";

// Version 4: the plan store after the meetings. Public bodies; who
// coordinates and refers for each community; objectives in full (year,
// deliverable, working group need, schedule, owners); deliverables; working
// groups and their members; versioned plans with a read-only link and the
// snapshot that was published (immutable); full-text search over the
// contributions; coordinator accounts and their sign-in sessions (secrets
// kept only as hashes).
constexpr char const* step_3_to_4 = R"sql(
CREATE TABLE organizations (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT ''
);
CREATE TABLE community_people (
    community_id INTEGER NOT NULL REFERENCES communities(id),
    name         TEXT NOT NULL,
    organization TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL CHECK (role IN ('coordinator', 'referent')),
    PRIMARY KEY (community_id, name, role)
);

ALTER TABLE objectives ADD COLUMN year INTEGER NOT NULL DEFAULT 0;
ALTER TABLE objectives ADD COLUMN needs_working_group INTEGER NOT NULL DEFAULT 0;
ALTER TABLE objectives ADD COLUMN start_month TEXT NOT NULL DEFAULT '';
ALTER TABLE objectives ADD COLUMN end_month TEXT NOT NULL DEFAULT '';
ALTER TABLE objectives ADD COLUMN owners TEXT NOT NULL DEFAULT '[]';
ALTER TABLE objectives ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
UPDATE objectives SET
    year = COALESCE((SELECT CAST(substr(m.scheduled_on, 1, 4) AS INTEGER)
                     FROM meetings m WHERE m.id = objectives.meeting_id),
                    CAST(strftime('%Y', created_at / 1000, 'unixepoch') AS INTEGER)),
    updated_at = created_at;
CREATE INDEX objectives_by_community_year ON objectives(community_id, year);

CREATE TABLE deliverables (
    objective_id TEXT PRIMARY KEY REFERENCES objectives(id),
    description  TEXT NOT NULL DEFAULT '',
    due_month    TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'in_progress', 'delivered')),
    link         TEXT NOT NULL DEFAULT '',
    file_name    TEXT NOT NULL DEFAULT '',
    file_type    TEXT NOT NULL DEFAULT '',
    file_data    BLOB
);
CREATE TABLE working_groups (
    objective_id TEXT PRIMARY KEY REFERENCES objectives(id),
    status       TEXT NOT NULL DEFAULT 'forming'
        CHECK (status IN ('forming', 'composed', 'enabled')),
    start_date   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE working_group_members (
    objective_id   TEXT NOT NULL REFERENCES working_groups(objective_id),
    name           TEXT NOT NULL,
    organization   TEXT NOT NULL,
    participant_id TEXT NOT NULL DEFAULT '',
    confirmed      INTEGER NOT NULL DEFAULT 0,
    joined_at      INTEGER NOT NULL,
    PRIMARY KEY (objective_id, name, organization)
);
CREATE TABLE plans (
    id               INTEGER PRIMARY KEY,
    community_id     INTEGER NOT NULL REFERENCES communities(id),
    year             INTEGER NOT NULL,
    version          INTEGER NOT NULL,
    status           TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'shared', 'published')),
    share_token_hash TEXT NOT NULL DEFAULT '',
    snapshot         TEXT NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    shared_at        INTEGER NOT NULL DEFAULT 0,
    published_at     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (community_id, year, version)
);
CREATE INDEX plans_by_share_token ON plans(share_token_hash);
-- A published plan is immutable: the store itself refuses to change or
-- remove it (a new version follows instead).
CREATE TRIGGER plans_published_unchanged BEFORE UPDATE ON plans
    WHEN OLD.status = 'published'
    BEGIN SELECT RAISE(ABORT, 'a published plan cannot be changed'); END;
CREATE TRIGGER plans_published_kept BEFORE DELETE ON plans
    WHEN OLD.status = 'published'
    BEGIN SELECT RAISE(ABORT, 'a published plan cannot be removed'); END;

-- Full-text search over what was said, accents ignored, kept in step with
-- the contributions by triggers.
CREATE VIRTUAL TABLE contributions_fts USING fts5(
    text, content = 'contributions', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER contributions_fts_insert AFTER INSERT ON contributions BEGIN
    INSERT INTO contributions_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER contributions_fts_delete AFTER DELETE ON contributions BEGIN
    INSERT INTO contributions_fts (contributions_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER contributions_fts_update AFTER UPDATE OF text ON contributions BEGIN
    INSERT INTO contributions_fts (contributions_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    INSERT INTO contributions_fts (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO contributions_fts (contributions_fts) VALUES ('rebuild');

CREATE TABLE coordinators (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE TABLE coordinator_sessions (
    token_hash     TEXT PRIMARY KEY,
    coordinator_id INTEGER NOT NULL REFERENCES coordinators(id),
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL
);
CREATE INDEX coordinator_sessions_by_coordinator ON coordinator_sessions(coordinator_id);
)sql";

// Version 5: the supports a group had when it was promoted to an objective,
// its total and each linked contribution's, kept as they were at that moment
// (supports given later do not change them). NULL: not known (an objective
// made by hand, a link added by hand, or a promotion before this version).
constexpr char const* step_4_to_5 = R"sql(
ALTER TABLE objectives ADD COLUMN supports INTEGER CHECK (supports >= 0);
ALTER TABLE objective_contributions ADD COLUMN supports INTEGER CHECK (supports >= 0);
)sql";

// Version 6: the question a facilitator asks the meeting (empty: none).
constexpr char const* step_5_to_6 = R"sql(
ALTER TABLE meetings ADD COLUMN question TEXT NOT NULL DEFAULT '';
)sql";

// Version 7: accounts with roles. An admin manages accounts (and is a
// referent too); a referent changes every community, the system plan and
// publishes; a co-coordinator changes only the communities listed for it. A
// disabled account cannot sign in and its sessions end. Accounts made before
// become referents, the first one ever made the admin.
constexpr char const* step_6_to_7 = R"sql(
ALTER TABLE coordinators ADD COLUMN role TEXT NOT NULL DEFAULT 'referent'
    CHECK (role IN ('admin', 'referent', 'co-coordinator'));
ALTER TABLE coordinators ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0
    CHECK (disabled IN (0, 1));
UPDATE coordinators SET role = 'admin' WHERE id = (SELECT MIN(id) FROM coordinators);
CREATE TABLE coordinator_communities (
    coordinator_id INTEGER NOT NULL REFERENCES coordinators(id),
    community_id   INTEGER NOT NULL REFERENCES communities(id),
    PRIMARY KEY (coordinator_id, community_id)
) WITHOUT ROWID;
)sql";

// Version 8: the deliverable files of each published plan version, kept as
// they were when it was published (a file replaced or removed later changes
// the next version only); like the plan, never changed or removed. The
// versions published before keep the files they have now.
constexpr char const* step_7_to_8 = R"sql(
CREATE TABLE published_files (
    plan_id      INTEGER NOT NULL REFERENCES plans(id),
    objective_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,
    data         BLOB NOT NULL,
    PRIMARY KEY (plan_id, objective_id)
);
CREATE TRIGGER published_files_unchanged BEFORE UPDATE ON published_files
    BEGIN SELECT RAISE(ABORT, 'a published file cannot be changed'); END;
CREATE TRIGGER published_files_kept BEFORE DELETE ON published_files
    BEGIN SELECT RAISE(ABORT, 'a published file cannot be removed'); END;
INSERT INTO published_files (plan_id, objective_id, name, type, data)
    SELECT p.id, o.id, d.file_name, d.file_type, d.file_data FROM plans p
    JOIN objectives o ON o.community_id = p.community_id AND o.year = p.year
    JOIN deliverables d ON d.objective_id = o.id
    WHERE p.status = 'published' AND d.file_data IS NOT NULL
      AND instr(p.snapshot, '"id":"' || o.id || '"') > 0;
)sql";

// Version 9: calendars. A meeting may have a start time ("HH:MM", local time
// in Europe/Rome; empty: all day) and a duration; calendar_sequence counts
// the changes of what its calendar event shows (iCalendar's SEQUENCE), and
// updated_at is when it last changed (LAST-MODIFIED). A community's
// calendar feed is reached by a secret address: the store keeps its hash.
// Columns only, each with a default: a version-8 backup imports into it.
constexpr char const* step_8_to_9 = R"sql(
ALTER TABLE meetings ADD COLUMN starts_at TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 120
    CHECK (duration_minutes BETWEEN 1 AND 1440);
ALTER TABLE meetings ADD COLUMN calendar_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
UPDATE meetings SET updated_at = created_at;
ALTER TABLE communities ADD COLUMN calendar_token_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX communities_by_calendar_token ON communities(calendar_token_hash);
)sql";

} // namespace

int read_schema_version(sql::database& db) {
    if (db.is_postgresql())
        return read_postgresql_schema_version(db);
    return db.execAndGet("PRAGMA user_version").getInt();
}

void migrate_step(sql::database& db, int from) {
    // A step that rebuilds a table others refer to runs with foreign keys off
    // (they can only be switched outside a transaction) and checks them all
    // before it commits.
    bool const rebuilds = from == 1;
    struct foreign_keys_back_on {
        sql::database& db;
        bool active;
        ~foreign_keys_back_on() {
            try {
                if (active)
                    db.exec("PRAGMA foreign_keys = ON");
            } catch (...) {
                // The connection is unusable anyway; open_database reports it.
            }
        }
    } restore{db, rebuilds};
    if (rebuilds)
        db.exec("PRAGMA foreign_keys = OFF");

    sql::transaction tx(db);
    switch (from) {
    case 0:
        db.exec(step_0_to_1);
        break;
    case 1:
        db.exec(step_1_to_2);
        break;
    case 2:
        db.exec(step_2_to_3);
        break;
    case 3:
        db.exec(step_3_to_4);
        break;
    case 4:
        db.exec(step_4_to_5);
        break;
    case 5:
        db.exec(step_5_to_6);
        break;
    case 6:
        db.exec(step_6_to_7);
        break;
    case 7:
        db.exec(step_7_to_8);
        break;
    case 8:
        db.exec(step_8_to_9);
        break;
    default:
        throw std::logic_error("no migration step from schema version " + std::to_string(from));
    }
    if (rebuilds) {
        sql::statement check(db, "PRAGMA foreign_key_check");
        if (check.executeStep())
            throw std::runtime_error("migration to schema version " + std::to_string(from + 1) +
                                     " broke a reference in table " +
                                     check.getColumn(0).getString());
    }
    db.exec("PRAGMA user_version = " + std::to_string(from + 1));
    tx.commit();
}

void migrate(sql::database& db) {
    if (db.is_postgresql())
        return migrate_postgresql(db);
    int version = read_schema_version(db);
    if (version > schema_version)
        throw std::runtime_error("the database has schema version " + std::to_string(version) +
                                 ", newer than this tavolo (" + std::to_string(schema_version) +
                                 "); use a newer tavolo or another data directory");
    // A fresh database runs every step in turn: each is small, and one path
    // for all databases is the path that is tested.
    while (version < schema_version)
        migrate_step(db, version++);
}

} // namespace tavolo::store
