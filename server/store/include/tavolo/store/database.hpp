// Opening the SQLite file the way every tavolo connection needs it: WAL,
// foreign keys on, a busy timeout, and the configured durability.
// A SQLite::Database is used by one thread at a time.
#pragma once

#include <SQLiteCpp/Database.h>

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
};

// Opens (creating if needed) the database at `path` and brings its schema to
// the current version. Throws std::runtime_error with a clear message when the
// file is newer than this program or cannot be opened.
SQLite::Database open_database(std::filesystem::path const& path,
                               database_options const& options = {});

// Milliseconds since 1970: how the store keeps times.
inline std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace tavolo::store
