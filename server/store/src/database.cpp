#include "tavolo/store/database.hpp"

#include "tavolo/store/schema.hpp"

#include <SQLiteCpp/Exception.h>

#include <stdexcept>

namespace tavolo::store {

SQLite::Database open_database(std::filesystem::path const& path, database_options const& options) {
    if (options.synchronous != "full" && options.synchronous != "normal")
        throw std::runtime_error("store.synchronous must be \"full\" or \"normal\", not \"" +
                                 options.synchronous + "\"");
    try {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                            options.busy_timeout_ms);
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA foreign_keys = ON");
        db.exec("PRAGMA synchronous = " + options.synchronous);
        migrate(db);
        return db;
    } catch (SQLite::Exception const& e) {
        throw std::runtime_error("cannot open the store at " + path.string() + ": " + e.what());
    }
}

} // namespace tavolo::store
