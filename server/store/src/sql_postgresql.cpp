// The PostgreSQL backend of the SQL layer, over libpq. A statement's text is
// translated once (`?` → `$n`, INSERT OR IGNORE → ON CONFLICT DO NOTHING) and
// prepared on the server the first time it runs with a given set of
// parameter types, then reused for the connection's life. Results come as
// text and are parsed on read; BLOBs travel as binary parameters.
#include "tavolo/store/sql.hpp"

#include <libpq-fe.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace tavolo::store::sql {
namespace {

// Type OIDs of PostgreSQL's catalogue (pg_type.h is a server header).
constexpr Oid bool_oid = 16, bytea_oid = 17, int8_oid = 20, int2_oid = 21, int4_oid = 23,
              oid_oid = 26, float4_oid = 700, float8_oid = 701, numeric_oid = 1700;

struct result_deleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_deleter>;

[[noreturn]] void fail(PGresult const* r, PGconn* conn, std::string const& what) {
    char const* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    if (message.empty())
        message = PQerrorMessage(conn);
    throw error(what + ": " + message, state ? state : "");
}

result_ptr checked(PGresult* r, PGconn* conn, std::string const& what) {
    result_ptr out(r);
    auto const status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail(r, conn, what);
    return out;
}

// The statement as PostgreSQL reads it, and its number of parameters.
std::pair<std::string, int> translate(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    constexpr std::string_view or_ignore = "INSERT OR IGNORE INTO";
    bool ignore = false;
    if (sql.substr(0, or_ignore.size()) == or_ignore) {
        out += "INSERT INTO";
        sql.remove_prefix(or_ignore.size());
        ignore = true;
    }
    int n = 0;
    char quote = 0;
    for (char c : sql) {
        if (quote) {
            if (c == quote)
                quote = 0;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$';
            out += std::to_string(++n);
        } else
            out += c;
    }
    if (ignore) {
        while (!out.empty() && (out.back() == ' ' || out.back() == ';' || out.back() == '\n'))
            out.pop_back();
        out += " ON CONFLICT DO NOTHING";
    }
    return {std::move(out), n};
}

class pg_connection;

class pg_statement final : public detail::statement_impl {
public:
    pg_statement(pg_connection& c, std::pair<std::string, int> sql)
        : c_(c), sql_(std::move(sql.first)), parameters_(sql.second) {}

    void bind_int64(int i, std::int64_t v) override { set(i, std::to_string(v), int8_oid, 0); }
    void bind_double(int i, double v) override {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.17g", v);
        set(i, buffer, float8_oid, 0);
    }
    void bind_text(int i, std::string const& v) override { set(i, v, 0, 0); }
    void bind_blob(int i, void const* data, std::size_t size) override {
        set(i, std::string(static_cast<char const*>(data), size), bytea_oid, 1);
    }
    void bind_null(int i) override {
        grow(i);
        params_[i - 1] = {};
    }

    bool step() override {
        if (!result_) {
            run();
            row_ = -1;
        }
        return ++row_ < PQntuples(result_.get());
    }
    int exec() override {
        run();
        auto const changed = std::atoi(PQcmdTuples(result_.get()));
        result_.reset();
        return changed;
    }
    void reset() override { result_.reset(); }
    void clear_bindings() override { params_.clear(); }
    int column_count() override { return result_ ? PQnfields(result_.get()) : 0; }
    std::string column_name(int i) override { return PQfname(live(i), i); }
    column_type type(int i) override {
        auto* r = live(i);
        if (PQgetisnull(r, row_, i))
            return column_type::null;
        switch (PQftype(r, i)) {
        case bool_oid:
        case int2_oid:
        case int4_oid:
        case int8_oid:
        case oid_oid:
            return column_type::integer;
        case float4_oid:
        case float8_oid:
        case numeric_oid:
            return column_type::real;
        case bytea_oid:
            return column_type::blob;
        default:
            return column_type::text;
        }
    }
    std::int64_t int64(int i) override {
        auto* r = live(i);
        if (PQgetisnull(r, row_, i))
            return 0;
        char const* v = PQgetvalue(r, row_, i);
        if (v[0] == 't' && v[1] == 0)
            return 1;
        if (v[0] == 'f' && v[1] == 0)
            return 0;
        if (std::strchr(v, '.'))
            return static_cast<std::int64_t>(std::strtod(v, nullptr));
        return std::strtoll(v, nullptr, 10);
    }
    double real(int i) override {
        auto* r = live(i);
        return PQgetisnull(r, row_, i) ? 0 : std::strtod(PQgetvalue(r, row_, i), nullptr);
    }
    std::string text(int i) override {
        auto* r = live(i);
        if (PQgetisnull(r, row_, i))
            return {};
        return std::string(PQgetvalue(r, row_, i),
                           static_cast<std::size_t>(PQgetlength(r, row_, i)));
    }
    std::string blob(int i) override {
        auto* r = live(i);
        if (PQgetisnull(r, row_, i))
            return {};
        if (PQftype(r, i) != bytea_oid)
            return text(i);
        // BYTEA comes as text in its hex form; libpq turns it back into bytes.
        std::size_t size = 0;
        auto* bytes =
            PQunescapeBytea(reinterpret_cast<unsigned char const*>(PQgetvalue(r, row_, i)), &size);
        if (!bytes)
            throw error("out of memory reading a BYTEA value", "53200");
        std::string out(reinterpret_cast<char const*>(bytes), size);
        PQfreemem(bytes);
        return out;
    }

private:
    struct param {
        std::optional<std::string> value;
        Oid type = 0;
        int format = 0;
    };

    void grow(int i) {
        if (i < 1)
            throw error("parameter index " + std::to_string(i) + " out of range", "");
        if (params_.size() < static_cast<std::size_t>(i))
            params_.resize(static_cast<std::size_t>(i));
    }
    void set(int i, std::string v, Oid type, int format) {
        grow(i);
        params_[i - 1] = {std::move(v), type, format};
    }
    PGresult* live(int i) {
        if (!result_ || row_ < 0 || row_ >= PQntuples(result_.get()) || i < 0 ||
            i >= PQnfields(result_.get()))
            throw error("no such column " + std::to_string(i) + " in the current row", "");
        return result_.get();
    }
    void run();

    pg_connection& c_;
    std::string sql_;
    int parameters_;
    std::vector<param> params_;
    result_ptr result_;
    int row_ = -1;
};

class pg_connection final : public detail::connection_impl {
public:
    pg_connection(std::string const& url, std::string session)
        : conn_(PQconnectdb(url.c_str())), session_(std::move(session)) {
        if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
            std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
            while (!message.empty() && message.back() == '\n')
                message.pop_back();
            if (conn_)
                PQfinish(conn_);
            throw error("cannot connect to PostgreSQL: " + message, "08001");
        }
        PQsetNoticeProcessor(
            conn_, [](void*, char const*) {}, nullptr);
        start_session();
    }
    ~pg_connection() override { PQfinish(conn_); }

    backend kind() const override { return backend::postgresql; }
    std::unique_ptr<detail::statement_impl> prepare(std::string const& sql) override {
        return std::make_unique<pg_statement>(*this, translate(sql));
    }
    void exec(std::string const& sql) override {
        if (sql == "ROLLBACK" && PQstatus(conn_) == CONNECTION_BAD) {
            // The transaction died with the connection: nothing to undo.
            reconnect();
            in_transaction_ = false;
            return;
        }
        usable();
        checked(PQexec(conn_, sql.c_str()), conn_, first_line(sql));
        if (sql == "BEGIN" || sql.rfind("BEGIN ", 0) == 0)
            in_transaction_ = true;
        else if (sql == "COMMIT" || sql == "ROLLBACK")
            in_transaction_ = false;
    }
    std::int64_t last_insert_id() override {
        auto r = checked(PQexec(conn_, "SELECT lastval()"), conn_, "SELECT lastval()");
        return std::strtoll(PQgetvalue(r.get(), 0, 0), nullptr, 10);
    }
    std::vector<std::string> table_columns(std::string const& table) override {
        return names("SELECT column_name::text FROM information_schema.columns WHERE "
                     "table_schema = current_schema() AND table_name = $1 "
                     "ORDER BY ordinal_position",
                     table);
    }
    std::vector<std::string> primary_key(std::string const& table) override {
        return names("SELECT a.attname::text FROM pg_index i JOIN pg_attribute a "
                     "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                     "WHERE i.indrelid = to_regclass($1) AND i.indisprimary "
                     "ORDER BY array_position(i.indkey::int2[], a.attnum)",
                     table);
    }
    bool in_transaction() override { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }
    bool has_table(std::string const& table) override {
        return !names("SELECT to_regclass($1)::text WHERE to_regclass($1) IS NOT NULL", table)
                    .empty();
    }

    // Runs `sql` (already translated) with `params`, preparing it on the
    // server once per set of parameter types.
    result_ptr run(std::string const& sql, std::vector<char const*> const& values,
                   std::vector<int> const& lengths, std::vector<int> const& formats,
                   std::vector<Oid> const& types) {
        usable();
        std::string key = sql;
        key += '\0';
        for (auto t : types)
            key += std::to_string(t) + ",";
        auto it = prepared_.find(key);
        if (it == prepared_.end()) {
            auto name = "s" + std::to_string(prepared_.size() + 1);
            checked(PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(types.size()),
                              types.data()),
                    conn_, first_line(sql));
            it = prepared_.emplace(std::move(key), std::move(name)).first;
        }
        return checked(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                      values.data(), lengths.data(), formats.data(), 0),
                       conn_, first_line(sql));
    }

private:
    void start_session() {
        checked(PQexec(conn_,
                       ("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; " + session_).c_str()),
                conn_, "the session's settings");
    }
    // A connection the server dropped (restarted, failed over) is made
    // again before the next statement, unless a transaction was open on it:
    // that statement fails, and the caller's ROLLBACK then reconnects.
    void usable() {
        if (PQstatus(conn_) != CONNECTION_BAD)
            return;
        if (in_transaction_)
            throw error("the connection to PostgreSQL was lost in a transaction", "08006");
        reconnect();
    }
    void reconnect() {
        PQreset(conn_);
        if (PQstatus(conn_) != CONNECTION_OK)
            throw error(std::string("cannot reconnect to PostgreSQL: ") + PQerrorMessage(conn_),
                        "08006");
        prepared_.clear(); // a new session has none of them
        start_session();
    }

    static std::string first_line(std::string const& sql) {
        auto line = sql.substr(0, sql.find('\n'));
        return line.size() > 120 ? line.substr(0, 120) + "…" : line;
    }
    std::vector<std::string> names(char const* sql, std::string const& table) {
        char const* values[] = {table.c_str()};
        auto r =
            checked(PQexecParams(conn_, sql, 1, nullptr, values, nullptr, nullptr, 0), conn_, sql);
        std::vector<std::string> out;
        for (int i = 0; i < PQntuples(r.get()); ++i)
            out.emplace_back(PQgetvalue(r.get(), i, 0));
        return out;
    }

    PGconn* conn_;
    std::string const session_; // SET statements of every session, again after a reconnect
    bool in_transaction_ = false;
    std::unordered_map<std::string, std::string> prepared_;
};

void pg_statement::run() {
    if (params_.size() < static_cast<std::size_t>(parameters_))
        params_.resize(static_cast<std::size_t>(parameters_)); // unbound: NULL, as in SQLite
    std::vector<char const*> values(params_.size());
    std::vector<int> lengths(params_.size());
    std::vector<int> formats(params_.size());
    std::vector<Oid> types(params_.size());
    for (std::size_t k = 0; k < params_.size(); ++k) {
        auto const& p = params_[k];
        values[k] = p.value ? p.value->data() : nullptr;
        lengths[k] = p.value ? static_cast<int>(p.value->size()) : 0;
        formats[k] = p.format;
        types[k] = p.type;
    }
    result_ = c_.run(sql_, values, lengths, formats, types);
}

} // namespace

database open_postgresql(std::string const& url, std::string const& session) {
    return database(std::make_unique<pg_connection>(url, session));
}

} // namespace tavolo::store::sql
