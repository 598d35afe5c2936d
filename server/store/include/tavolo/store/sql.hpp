// The store's SQL connection, one interface over its two backends: SQLite
// (the embedded default, through SQLiteCpp) and PostgreSQL (through libpq).
// The store's queries are written once, with `?` parameters; the PostgreSQL
// side numbers them and reads `INSERT OR IGNORE` as `ON CONFLICT DO NOTHING`.
// What differs beyond that (full-text search, schema, locking) is asked of
// kind() where it is used.
//
// The method names are SQLiteCpp's (executeStep, getColumn, getInt64…): the
// store and its tests were written against it, and keeping its vocabulary
// keeps every query reading the same on both backends.
//
// A database, and every statement of it, is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tavolo::store::sql {

enum class backend { sqlite, postgresql };

// A failed statement or connection. code() is SQLite's extended result code
// as text ("2067") or PostgreSQL's SQLSTATE ("23505").
class error : public std::runtime_error {
public:
    explicit error(std::string const& message, std::string code = "")
        : std::runtime_error(message), code_(std::move(code)) {}
    std::string const& code() const noexcept { return code_; }

private:
    std::string code_;
};

enum class column_type { null, integer, real, text, blob };

namespace detail {

struct statement_impl {
    virtual ~statement_impl() = default;
    virtual void bind_int64(int index, std::int64_t v) = 0;
    virtual void bind_double(int index, double v) = 0;
    virtual void bind_text(int index, std::string const& v) = 0;
    virtual void bind_blob(int index, void const* data, std::size_t size) = 0;
    virtual void bind_null(int index) = 0;
    virtual bool step() = 0;
    virtual int exec() = 0; // rows changed
    virtual void reset() = 0;
    virtual void clear_bindings() = 0;
    virtual int column_count() = 0;
    virtual std::string column_name(int index) = 0;
    virtual column_type type(int index) = 0;
    virtual std::int64_t int64(int index) = 0;
    virtual double real(int index) = 0;
    virtual std::string text(int index) = 0;
    virtual std::string blob(int index) = 0;
};

struct connection_impl {
    virtual ~connection_impl() = default;
    virtual backend kind() const = 0;
    virtual std::unique_ptr<statement_impl> prepare(std::string const& sql) = 0;
    // One or more statements without parameters.
    virtual void exec(std::string const& sql) = 0;
    virtual std::int64_t last_insert_id() = 0;
    virtual std::vector<std::string> table_columns(std::string const& table) = 0;
    virtual std::vector<std::string> primary_key(std::string const& table) = 0;
    virtual bool has_table(std::string const& table) = 0;
    virtual bool in_transaction() = 0;
};

} // namespace detail

// One value of the current row. It keeps its statement alive, so the value
// of execAndGet() can be read after the call.
class column {
public:
    column(std::shared_ptr<detail::statement_impl> s, int index) : s_(std::move(s)), i_(index) {}
    bool isNull() const { return s_->type(i_) == column_type::null; }
    bool isInteger() const { return s_->type(i_) == column_type::integer; }
    bool isFloat() const { return s_->type(i_) == column_type::real; }
    bool isBlob() const { return s_->type(i_) == column_type::blob; }
    bool isText() const { return s_->type(i_) == column_type::text; }
    std::int64_t getInt64() const { return s_->int64(i_); }
    int getInt() const { return static_cast<int>(s_->int64(i_)); }
    double getDouble() const { return s_->real(i_); }
    std::string getString() const { return s_->text(i_); }
    std::string getBlob() const { return s_->blob(i_); }
    std::string getName() const { return s_->column_name(i_); }

private:
    std::shared_ptr<detail::statement_impl> s_;
    int i_;
};

class database {
public:
    explicit database(std::unique_ptr<detail::connection_impl> impl) : impl_(std::move(impl)) {}
    database(database&&) noexcept = default;
    database& operator=(database&&) noexcept = default;

    backend kind() const { return impl_->kind(); }
    bool is_postgresql() const { return kind() == backend::postgresql; }
    // Runs statements without parameters or results (several, `;`-separated).
    void exec(std::string const& sql) { impl_->exec(sql); }
    // The first column of the first row of a query; throws when there is none.
    column execAndGet(std::string const& sql);
    // The key given to the last row inserted into a table with a generated id.
    std::int64_t getLastInsertRowid() { return impl_->last_insert_id(); }
    bool tableExists(std::string const& table) { return impl_->has_table(table); }
    // Whether a transaction is open (BEGIN without its COMMIT or ROLLBACK yet).
    bool in_transaction() { return impl_->in_transaction(); }
    // A table's columns in their declared order, and its primary key's.
    std::vector<std::string> columns(std::string const& table) {
        return impl_->table_columns(table);
    }
    std::vector<std::string> primary_key(std::string const& table) {
        return impl_->primary_key(table);
    }
    // Starts a transaction that writes: on SQLite it takes the write lock at
    // once (BEGIN IMMEDIATE), so it never fails half-way on a busy lock.
    void begin_write() { exec(kind() == backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN"); }

    detail::connection_impl& impl() { return *impl_; }

private:
    std::unique_ptr<detail::connection_impl> impl_;
};

class statement {
public:
    statement(database& db, std::string const& sql) : s_(db.impl().prepare(sql)) {}

    void bind(int index, std::int64_t v) { s_->bind_int64(index, v); }
    void bind(int index, int v) { s_->bind_int64(index, v); }
    void bind(int index, long long v) { s_->bind_int64(index, static_cast<std::int64_t>(v)); }
    void bind(int index, unsigned v) { s_->bind_int64(index, v); }
    void bind(int index, double v) { s_->bind_double(index, v); }
    void bind(int index, std::string const& v) { s_->bind_text(index, v); }
    void bind(int index, char const* v) { s_->bind_text(index, v); }
    void bind(int index, void const* data, int size) {
        s_->bind_blob(index, data, static_cast<std::size_t>(size));
    }
    void bind(int index) { s_->bind_null(index); }

    // The next row of a query: false once there is none.
    bool executeStep() { return s_->step(); }
    // Runs a statement that returns no rows; the number of rows it changed.
    int exec() { return s_->exec(); }
    column getColumn(int index) { return {s_, index}; }
    int getColumnCount() { return s_->column_count(); }
    // Ready to run again, with its bindings kept until clearBindings().
    void reset() { s_->reset(); }
    void clearBindings() { s_->clear_bindings(); }

private:
    std::shared_ptr<detail::statement_impl> s_;
};

// A transaction rolled back unless committed.
class transaction {
public:
    explicit transaction(database& db) : db_(db) { db_.exec("BEGIN"); }
    transaction(transaction const&) = delete;
    transaction& operator=(transaction const&) = delete;
    ~transaction() {
        if (!done_) {
            try {
                db_.exec("ROLLBACK");
            } catch (...) {
            }
        }
    }
    void commit() {
        db_.exec("COMMIT");
        done_ = true;
    }

private:
    database& db_;
    bool done_ = false;
};

inline column database::execAndGet(std::string const& sql) {
    statement q(*this, sql);
    if (!q.executeStep())
        throw error("no row: " + sql, "");
    return q.getColumn(0);
}

// Opening each backend (sql_sqlite.cpp, sql_postgresql.cpp).
database open_sqlite(std::string const& path, int busy_timeout_ms);
// `url`: a libpq connection string or URL ("postgresql://user@host/db");
// `session`: SET statements run on connecting and again after a reconnect.
database open_postgresql(std::string const& url, std::string const& session = "");

} // namespace tavolo::store::sql
