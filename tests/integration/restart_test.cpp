// Nothing acknowledged is lost: contributions survive kill -9 and a restart,
// and a graceful stop says goodbye to clients and exits 0.
#include "support/demo_access.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>

using namespace tavolo;
using nlohmann::json;

TEST_CASE("acknowledged contributions survive kill -9 and a restart", "[integration][restart]") {
    test::temp_dir dir;
    std::string code;
    std::vector<std::string> acked;
    {
        test::server_process server(dir.path());
        code = test::demo_code(dir.path());
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
        while (acked.size() < 25) {
            auto f = a.read();
            REQUIRE(f);
            if ((*f)["type"] == "ack")
                acked.push_back((*f)["ref"]);
        }
        server.kill();
    }

    test::server_process again(dir.path());
    CHECK(test::demo_code(dir.path()) == code); // the demo is not created twice
    test::ws_client b(again.port());
    auto const ack = b.join(code, "Bruno", "Regione");
    REQUIRE(ack["type"] == "ack");
    auto const& list = ack["result"]["contributions"];
    REQUIRE(list.size() == 25);
    for (std::size_t i = 0; i < list.size(); ++i) {
        CHECK(list[i]["seq"] == static_cast<int>(i + 1));
        CHECK(list[i]["text"] == "Contributo " + std::to_string(i));
        CHECK(list[i]["author"]["name"] == "Anna");
    }
    CHECK(ack["result"]["seq"] == 25);

    // Numbering continues where it stopped, and a retry of an old id is not
    // stored again.
    b.send({{"type", "submit"}, {"ref", "new"}, {"id", "new"}, {"kind", "need"}, {"text", "Dopo"}});
    auto const fresh = b.read_until([](auto const& f) { return f["type"] == "ack"; });
    REQUIRE(fresh);
    CHECK((*fresh)["result"]["seq"] == 26);
    b.send({{"type", "submit"},
            {"ref", "old"},
            {"id", "k3"},
            {"kind", "proposal"},
            {"text", "Contributo 3"}});
    auto const old = b.read_until([](auto const& f) { return f["type"] == "ack"; });
    REQUIRE(old);
    CHECK((*old)["result"]["seq"] == 4);
}

TEST_CASE("SIGTERM closes client connections with a reason and exits 0", "[integration][restart]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    test::ws_client a(server.port());
    a.join(test::demo_code(dir.path()), "Anna", "Comune");
    CHECK(server.terminate() == 0);
    CHECK_FALSE(a.read());
    CHECK(a.closed());
    CHECK(std::string(a.close_reason().reason) == "server shutting down");
}
