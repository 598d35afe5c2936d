// tavolo on PostgreSQL (store.backend "postgresql"): the real server on a
// database of the test's own PostgreSQL keeps what it acknowledged across
// kill -9, and `tavolo export` / `tavolo import` move a store between the two
// backends byte for byte, both ways.
#include "support/api_client.hpp"
#include "support/demo_access.hpp"
#include "support/postgres_server.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

using namespace tavolo;
using nlohmann::json;
using test::run_tavolo;

namespace {

// A config file that puts the store on a fresh PostgreSQL database.
std::filesystem::path postgresql_config(std::filesystem::path const& dir) {
    auto const file = dir / "postgresql.json";
    std::ofstream(file) << json{{"store",
                                 {{"backend", "postgresql"},
                                  {"postgresql",
                                   {{"url", test::postgres_server::shared().fresh_database()}}}}}}
                               .dump();
    return file;
}

std::string read(std::filesystem::path const& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

TEST_CASE("on PostgreSQL, acknowledged contributions survive kill -9",
          "[integration][postgresql]") {
    test::temp_dir dir;
    auto const config = postgresql_config(dir.path());
    std::vector<std::string> const on_postgresql{"--config", config.string()};
    std::string code;
    {
        test::server_process server(dir / "data", on_postgresql);
        code = test::demo_code(dir / "data");
        test::ws_client a(server.port());
        a.join(code, "Anna", "Comune di Lecce");
        for (int i = 0; i < 25; ++i) {
            auto const id = "k" + std::to_string(i);
            a.send({{"type", "submit"},
                    {"ref", id},
                    {"id", id},
                    {"kind", "proposal"},
                    {"text", "Contributo " + std::to_string(i)}});
        }
        for (int acked = 0; acked < 25;) {
            auto f = a.read();
            REQUIRE(f);
            if ((*f)["type"] == "ack")
                ++acked;
        }
        server.kill();
    }
    // No SQLite file was made: the store is the database.
    CHECK_FALSE(std::filesystem::exists(dir / "data" / "tavolo.db"));

    test::server_process again(dir / "data", on_postgresql);
    CHECK(test::demo_code(dir / "data") == code);
    test::ws_client b(again.port());
    auto const ack = b.join(code, "Bruno", "Regione");
    REQUIRE(ack["type"] == "ack");
    auto const& list = ack["result"]["contributions"];
    REQUIRE(list.size() == 25);
    for (std::size_t i = 0; i < list.size(); ++i) {
        CHECK(list[i]["seq"] == static_cast<int>(i + 1));
        CHECK(list[i]["text"] == "Contributo " + std::to_string(i));
    }
    // A retry of an acknowledged contribution is not stored twice.
    b.send({{"type", "submit"},
            {"ref", "old"},
            {"id", "k3"},
            {"kind", "proposal"},
            {"text", "Contributo 3"}});
    auto const old = b.read_until([](auto const& f) { return f["type"] == "ack"; });
    REQUIRE(old);
    CHECK((*old)["result"]["seq"] == 4);
}

TEST_CASE("export and import move a store between SQLite and PostgreSQL byte for byte",
          "[integration][postgresql]") {
    test::temp_dir dir;
    auto quoted = [](std::filesystem::path const& p) { return "'" + p.string() + "'"; };
    {
        test::server_process server(dir / "sqlite"); // the demo, on SQLite
        CHECK(server.terminate() == 0);
    }
    auto const from_sqlite = dir / "from-sqlite.json";
    REQUIRE(run_tavolo("export --out " + quoted(from_sqlite) + " --data " + quoted(dir / "sqlite"))
                .first == 0);

    // SQLite → PostgreSQL → the same file.
    auto const config = postgresql_config(dir.path());
    auto const on_postgresql = " --config " + quoted(config) + " --data " + quoted(dir / "pg");
    auto i = run_tavolo("import " + quoted(from_sqlite) + on_postgresql);
    REQUIRE(i.first == 0);
    CHECK(i.second.find("postgresql://") != std::string::npos);
    auto const from_postgresql = dir / "from-postgresql.json";
    REQUIRE(run_tavolo("export --out " + quoted(from_postgresql) + on_postgresql).first == 0);
    CHECK(read(from_postgresql) == read(from_sqlite));
    CHECK(read(from_sqlite).size() > 50000);

    // The restored store serves, and what it then writes comes back to SQLite.
    {
        test::server_process server(dir / "pg", {"--config", config.string()});
        test::ws_client a(server.port());
        a.join(test::demo_code(dir / "sqlite"), "Carla", "ASL Bari");
        a.send({{"type", "submit"},
                {"ref", "n"},
                {"id", "nuovo"},
                {"kind", "need"},
                {"text", "Dopo il ripristino"}});
        auto const ack = a.read_until([](auto const& f) { return f["type"] == "ack"; });
        REQUIRE(ack);
        CHECK((*ack)["result"]["seq"] >= 1); // stored under a new id after the restored ones
        CHECK(server.terminate() == 0);
    }
    auto const changed = dir / "changed.json";
    REQUIRE(run_tavolo("export --out " + quoted(changed) + on_postgresql).first == 0);
    CHECK(read(changed) != read(from_sqlite));
    // PostgreSQL → SQLite → the same file.
    REQUIRE(run_tavolo("import " + quoted(changed) + " --data " + quoted(dir / "back")).first == 0);
    auto const back = dir / "back.json";
    REQUIRE(run_tavolo("export --out " + quoted(back) + " --data " + quoted(dir / "back")).first ==
            0);
    CHECK(read(back) == read(changed));
    CHECK(read(back).find("Dopo il ripristino") != std::string::npos);

    // A second import into the database is refused, as on SQLite.
    i = run_tavolo("import " + quoted(from_sqlite) + on_postgresql);
    CHECK(i.first == 1);
    CHECK(i.second.find("not empty") != std::string::npos);
}
