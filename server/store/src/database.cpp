#include "tavolo/store/database.hpp"

#include "tavolo/store/schema.hpp"

#include <regex>
#include <stdexcept>

namespace tavolo::store {
namespace {

sql::database open_sqlite(std::filesystem::path const& path, database_options const& options) {
    if (options.synchronous != "full" && options.synchronous != "normal")
        throw std::runtime_error("store.synchronous must be \"full\" or \"normal\", not \"" +
                                 options.synchronous + "\"");
    auto db = sql::open_sqlite(path.string(), options.busy_timeout_ms);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA synchronous = " + options.synchronous);
    return db;
}

sql::database open_postgresql(database_options const& options) {
    if (options.postgresql_url.empty())
        throw std::runtime_error("store.backend is \"postgresql\" but store.postgresql.url is "
                                 "empty");
    // A write is acknowledged only once its commit is on the server's disk.
    // A node paused inside a transaction holds its locks (a meeting's lease
    // among them) only so long, and nobody waits on a lock longer.
    return sql::open_postgresql(options.postgresql_url,
                                "SET synchronous_commit = on; "
                                "SET idle_in_transaction_session_timeout = '5s'; "
                                "SET lock_timeout = '5s'");
}

} // namespace

sql::database open_database(std::filesystem::path const& path, database_options const& options) {
    if (options.backend != "sqlite" && options.backend != "postgresql")
        throw std::runtime_error("store.backend must be \"sqlite\" or \"postgresql\", not \"" +
                                 options.backend + "\"");
    try {
        auto db =
            options.backend == "sqlite" ? open_sqlite(path, options) : open_postgresql(options);
        migrate(db);
        return db;
    } catch (sql::error const& e) {
        throw std::runtime_error("cannot open the store at " + store_name(path, options) + ": " +
                                 e.what());
    }
}

std::string store_name(std::filesystem::path const& path, database_options const& options) {
    if (options.backend != "postgresql")
        return path.string();
    // postgresql://user:secret@host/db → postgresql://user@host/db
    static std::regex const password(R"(^(postgres(?:ql)?://[^:@/]*):[^@/]*@)");
    return std::regex_replace(options.postgresql_url, password, "$1@");
}

} // namespace tavolo::store
