// The store's schema. On SQLite it is versioned with PRAGMA user_version: a
// database is upgraded one step at a time (a fresh one from version 0), each
// step in its own transaction. On PostgreSQL (schema_postgresql.cpp) a new
// database gets the current version at once and the version is kept in the
// table tavolo_schema. A database newer than the program is refused.
#pragma once

#include "tavolo/store/sql.hpp"

namespace tavolo::store {

inline constexpr int schema_version = 9;

int read_schema_version(sql::database& db);

// Brings `db` to schema_version. Throws std::runtime_error when the database
// was written by a newer tavolo.
void migrate(sql::database& db);

// Applies only the step from `from` to `from + 1` on SQLite (exposed for tests).
void migrate_step(sql::database& db, int from);

int read_postgresql_schema_version(sql::database& db);
void migrate_postgresql(sql::database& db);

} // namespace tavolo::store
