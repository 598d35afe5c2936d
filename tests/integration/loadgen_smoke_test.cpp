// A short run of the load generator (bench/loadgen) against the real server:
// a few hundred connections across meetings, submissions at a steady rate,
// and no loss, gap or duplicate. The full benchmarks are in bench/run_all.
#include "support/api_client.hpp"
#include "support/server_process.hpp"

#include <catch2/catch.hpp>

using namespace tavolo;
using namespace tavolo::test;

TEST_CASE("the load generator's smoke run: 300 participants, nothing lost",
          "[integration][loadgen]") {
    temp_dir dir;
    auto const password = password_in(add_coordinator(dir.path(), "Carico").second);
    server_process server(dir.path());
    auto const [code, out] = run_command(
        std::string(TAVOLO_LOADGEN) + " --port " + std::to_string(server.port()) +
        " --coordinator 'Carico:" + password +
        "' --meetings 6 --participants 50 --senders 2 --rate 4 --seconds 2 --server-pid " +
        std::to_string(server.pid()));
    INFO(out);
    REQUIRE(code == 0);
    // The figures are the last line, one JSON object.
    auto const end = out.find_last_not_of('\n');
    auto const start = out.rfind('\n', end);
    auto const figures = json::parse(out.substr(start == std::string::npos ? 0 : start + 1));
    CHECK(figures["joined"] == 300);
    CHECK(figures["lost"] == 0);
    CHECK(figures["failures"] == 0);
    // 6 meetings × 4 a second × 2 s, each seen by 50 participants.
    CHECK(figures["submitted"].get<int>() >= 40);
    CHECK(figures["acked"] == figures["submitted"]);
    CHECK(figures["deliveries"].get<int>() == figures["submitted"].get<int>() * 50);
    CHECK(figures["server_kib_per_participant"].get<double>() > 0);
}
