// Opening the SQLite file the way every tavolo connection needs it: WAL,
// foreign keys on, a busy timeout, and the configured durability.
// A sql::database is used by one thread at a time.
#pragma once

#include "tavolo/store/sql.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace tavolo::store {

struct database_options {
    // "full": a write acknowledged survives power loss; "normal": it survives a
    // killed process (WAL), not a power cut.
    std::string synchronous = "full";
    int busy_timeout_ms = 5000;
    // "sqlite" (the file given to open_database) or "postgresql" (the
    // database at postgresql_url; the file is then not used).
    std::string backend = "sqlite";
    std::string postgresql_url = ""; // libpq's form: "postgresql://user@host/db"
};

// Opens (creating if needed) the store, at `path` for SQLite, and brings its
// schema to the current version. Throws std::runtime_error with a clear
// message when the store is newer than this program or cannot be opened.
sql::database open_database(std::filesystem::path const& path,
                            database_options const& options = {});

// Where the store is, for messages: the file, or the PostgreSQL database
// without its password.
std::string store_name(std::filesystem::path const& path, database_options const& options);

// Milliseconds since 1970: how the store keeps times.
inline std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace tavolo::store
