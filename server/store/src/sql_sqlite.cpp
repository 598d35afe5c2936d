// The SQLite backend of the SQL layer, over SQLiteCpp. Every SQLiteCpp
// exception leaves as sql::error with SQLite's extended result code.
#include "tavolo/store/sql.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <utility>

namespace tavolo::store::sql {
namespace {

[[noreturn]] void rethrow(SQLite::Exception const& e) {
    throw error(e.what(), std::to_string(e.getExtendedErrorCode()));
}

template <typename F> auto guarded(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (SQLite::Exception const& e) {
        rethrow(e);
    }
}

class sqlite_statement final : public detail::statement_impl {
public:
    sqlite_statement(SQLite::Database& db, std::string const& sql)
        : q_(guarded([&] { return SQLite::Statement(db, sql); })) {}

    void bind_int64(int i, std::int64_t v) override {
        guarded([&] { q_.bind(i, static_cast<int64_t>(v)); });
    }
    void bind_double(int i, double v) override {
        guarded([&] { q_.bind(i, v); });
    }
    void bind_text(int i, std::string const& v) override {
        guarded([&] { q_.bind(i, v); });
    }
    void bind_blob(int i, void const* data, std::size_t size) override {
        guarded([&] { q_.bind(i, data, static_cast<int>(size)); });
    }
    void bind_null(int i) override {
        guarded([&] { q_.bind(i); });
    }
    bool step() override {
        return guarded([&] { return q_.executeStep(); });
    }
    int exec() override {
        return guarded([&] { return q_.exec(); });
    }
    void reset() override {
        guarded([&] { q_.reset(); });
    }
    void clear_bindings() override {
        guarded([&] { q_.clearBindings(); });
    }
    int column_count() override { return q_.getColumnCount(); }
    std::string column_name(int i) override {
        return guarded([&] { return std::string(q_.getColumnName(i)); });
    }
    column_type type(int i) override {
        auto const c = guarded([&] { return q_.getColumn(i); });
        if (c.isNull())
            return column_type::null;
        if (c.isInteger())
            return column_type::integer;
        if (c.isFloat())
            return column_type::real;
        if (c.isBlob())
            return column_type::blob;
        return column_type::text;
    }
    std::int64_t int64(int i) override {
        return guarded([&] { return q_.getColumn(i).getInt64(); });
    }
    double real(int i) override {
        return guarded([&] { return q_.getColumn(i).getDouble(); });
    }
    std::string text(int i) override {
        return guarded([&] { return q_.getColumn(i).getString(); });
    }
    std::string blob(int i) override {
        return guarded([&] {
            auto const c = q_.getColumn(i);
            return std::string(static_cast<char const*>(c.getBlob()),
                               static_cast<std::size_t>(c.getBytes()));
        });
    }

private:
    SQLite::Statement q_;
};

class sqlite_connection final : public detail::connection_impl {
public:
    sqlite_connection(std::string const& path, int busy_timeout_ms)
        : db_(guarded([&] {
              return SQLite::Database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                      busy_timeout_ms);
          })) {}

    backend kind() const override { return backend::sqlite; }
    std::unique_ptr<detail::statement_impl> prepare(std::string const& sql) override {
        return std::make_unique<sqlite_statement>(db_, sql);
    }
    void exec(std::string const& sql) override {
        guarded([&] { db_.exec(sql); });
    }
    std::int64_t last_insert_id() override { return db_.getLastInsertRowid(); }
    std::vector<std::string> table_columns(std::string const& table) override {
        return names("SELECT name FROM pragma_table_info(?) ORDER BY cid", table);
    }
    std::vector<std::string> primary_key(std::string const& table) override {
        return names("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", table);
    }
    bool has_table(std::string const& table) override {
        return guarded([&] { return db_.tableExists(table); });
    }
    bool in_transaction() override { return sqlite3_get_autocommit(db_.getHandle()) == 0; }

private:
    std::vector<std::string> names(char const* sql, std::string const& table) {
        return guarded([&] {
            SQLite::Statement q(db_, sql);
            q.bind(1, table);
            std::vector<std::string> out;
            while (q.executeStep())
                out.push_back(q.getColumn(0).getString());
            return out;
        });
    }

    SQLite::Database db_;
};

} // namespace

database open_sqlite(std::string const& path, int busy_timeout_ms) {
    return database(std::make_unique<sqlite_connection>(path, busy_timeout_ms));
}

} // namespace tavolo::store::sql
