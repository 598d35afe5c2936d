// The test support's PostgreSQL server: what the store's tests on PostgreSQL
// stand on (separate databases, byte order of text as in SQLite).
#include "support/postgres_server.hpp"

#include <catch2/catch.hpp>
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

using tavolo::test::postgres_server;

namespace {

using connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using result = std::unique_ptr<PGresult, decltype(&PQclear)>;

connection connect(std::string const& url) {
    connection conn(PQconnectdb(url.c_str()), &PQfinish);
    INFO(url << ": " << PQerrorMessage(conn.get()));
    REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
    return conn;
}

result exec(PGconn* conn, std::string const& sql) {
    return result(PQexec(conn, sql.c_str()), &PQclear);
}

// Every row's first column.
std::vector<std::string> column(PGconn* conn, std::string const& sql) {
    auto r = exec(conn, sql);
    INFO(sql << ": " << PQerrorMessage(conn));
    REQUIRE(PQresultStatus(r.get()) == PGRES_TUPLES_OK);
    std::vector<std::string> values;
    for (int i = 0; i < PQntuples(r.get()); ++i)
        values.emplace_back(PQgetvalue(r.get(), i, 0));
    return values;
}

postgres_server& server() {
    INFO("PostgreSQL is not installed: run scripts/setup --tests");
    REQUIRE(tavolo::test::postgres_available());
    return postgres_server::shared();
}

} // namespace

TEST_CASE("fresh databases on the shared server are empty and apart", "[postgres]") {
    auto& pg = server();
    auto first_url = pg.fresh_database();
    auto second_url = pg.fresh_database();
    REQUIRE(first_url != second_url);

    auto first = connect(first_url);
    auto second = connect(second_url);
    REQUIRE(PQresultStatus(exec(first.get(), "CREATE TABLE notes (text TEXT NOT NULL)").get()) ==
            PGRES_COMMAND_OK);
    REQUIRE(PQresultStatus(exec(first.get(), "INSERT INTO notes VALUES ('prima')").get()) ==
            PGRES_COMMAND_OK);

    CHECK(column(first.get(), "SELECT text FROM notes") == std::vector<std::string>{"prima"});
    CHECK(column(second.get(), "SELECT to_regclass('notes')::text") ==
          std::vector<std::string>{""});
    CHECK(PQresultStatus(exec(second.get(), "SELECT text FROM notes").get()) == PGRES_FATAL_ERROR);
    // The same server: another database of it, the same socket.
    CHECK(column(second.get(), "SELECT count(*) FROM pg_database WHERE datname IN "
                               "(current_database(), 'tavolo')") == std::vector<std::string>{"2"});
}

TEST_CASE("the shared server orders text by bytes, as SQLite does", "[postgres]") {
    auto conn = connect(server().url());
    CHECK(column(conn.get(), "SELECT current_database()") == std::vector<std::string>{"tavolo"});
    CHECK(column(conn.get(), "SELECT x FROM (VALUES ('à'), ('a'), ('B'), ('b'), ('A')) v(x) "
                             "ORDER BY x") == std::vector<std::string>{"A", "B", "a", "b", "à"});
    CHECK(column(conn.get(),
                 "SELECT pg_encoding_to_char(encoding) FROM pg_database "
                 "WHERE datname = current_database()") == std::vector<std::string>{"UTF8"});
}

TEST_CASE("the shared server is a test server on a Unix socket alone", "[postgres]") {
    auto conn = connect(server().url());
    // No TCP port for anyone else on the machine to reach.
    CHECK(column(conn.get(), "SHOW listen_addresses") == std::vector<std::string>{""});
    CHECK(std::string(PQhost(conn.get())).front() == '/');
    // Commits wait for the log (as in production); fsync off only spares the disk.
    CHECK(column(conn.get(), "SHOW synchronous_commit") == std::vector<std::string>{"on"});
    CHECK(column(conn.get(), "SHOW fsync") == std::vector<std::string>{"off"});
}
