// The store's schema, versioned with PRAGMA user_version: a database is
// upgraded one step at a time (a fresh one from version 0), each step in its
// own transaction; a database newer than the program is refused.
#pragma once

#include <SQLiteCpp/Database.h>

namespace tavolo::store {

inline constexpr int schema_version = 8;

int read_schema_version(SQLite::Database& db);

// Brings `db` to schema_version. Throws std::runtime_error when the database
// was written by a newer tavolo.
void migrate(SQLite::Database& db);

// Applies only the step from `from` to `from + 1` (exposed for tests).
void migrate_step(SQLite::Database& db, int from);

} // namespace tavolo::store
