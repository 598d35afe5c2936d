// The store's schema, versioned with PRAGMA user_version: a fresh database
// gets the current schema at once; an older one is upgraded one step at a time,
// each step in its own transaction; a newer one is refused.
#pragma once

#include <SQLiteCpp/Database.h>

namespace tavolo::store {

inline constexpr int schema_version = 1;

int read_schema_version(SQLite::Database& db);

// Brings `db` to schema_version. Throws std::runtime_error when the database
// was written by a newer tavolo.
void migrate(SQLite::Database& db);

// Applies only the step from `from` to `from + 1` (exposed for tests).
void migrate_step(SQLite::Database& db, int from);

} // namespace tavolo::store
