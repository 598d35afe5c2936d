// Faults: the server killed while 50 clients submit, a graceful stop within
// its configured time, and a store that cannot write (a full disk). In each,
// nothing acknowledged is lost.
#include "support/api_client.hpp"
#include "support/demo_access.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <thread>

using namespace tavolo;
using nlohmann::json;
namespace http = boost::beast::http;

namespace {

json submit(std::string const& id, std::string const& text) {
    return {{"type", "submit"}, {"ref", id}, {"id", id}, {"kind", "proposal"}, {"text", text}};
}

// One client's record of what it sent and what the server acknowledged.
struct client_log {
    std::string resume;
    std::int64_t last_seq = 0;
    std::vector<std::string> acked;
    std::optional<std::string> in_flight; // sent, no answer before the kill
    std::string problem;                  // anything unexpected (checked after)
};

// The contributions a newcomer to the meeting sees: id -> copies shown.
std::map<std::string, int> board_ids(unsigned short port, std::string const& code) {
    test::ws_client reader(port);
    auto const board = reader.join(code, "Lettrice", "Regione");
    REQUIRE(board["type"] == "ack");
    std::map<std::string, int> copies;
    for (auto const& c : board["result"]["contributions"])
        ++copies[c["id"].get<std::string>()];
    return copies;
}

} // namespace

TEST_CASE("kill -9 while 50 clients submit: every acknowledged contribution is kept, "
          "and clients resume without duplicates",
          "[integration][faults]") {
    test::temp_dir dir;
    std::string code;
    std::vector<client_log> logs(50);
    {
        test::server_process server(dir.path());
        code = test::demo_code(dir.path());
        std::atomic<int> joined{0};
        std::atomic<int> acks{0};
        std::atomic<bool> go{false};
        std::vector<std::thread> clients;
        for (int c = 0; c < 50; ++c)
            clients.emplace_back([&, c] {
                auto& log = logs[c];
                // Catch's assertions belong to the main thread: here,
                // anything unexpected is written down and checked after.
                try {
                    test::ws_client ws(server.port());
                    auto const ack =
                        ws.join(code, "Persona " + std::to_string(c), "Ente " + std::to_string(c));
                    log.resume = ack["result"]["resume"];
                    ++joined;
                    while (!go)
                        std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    for (int n = 0;; ++n) {
                        auto const id = "c" + std::to_string(c) + "-" + std::to_string(n);
                        log.in_flight = id;
                        try {
                            ws.send(submit(id, "Proposta " + id));
                        } catch (std::exception const&) {
                            return; // the server is gone mid-send
                        }
                        auto const reply = ws.read_until(test::reply_to(id));
                        if (!reply)
                            return; // killed: this one may or may not be stored
                        if ((*reply)["type"] != "ack") {
                            log.problem = reply->dump();
                            return;
                        }
                        log.acked.push_back(id);
                        ++acks;
                        log.last_seq =
                            std::max<std::int64_t>(log.last_seq, (*reply)["result"]["seq"]);
                        log.in_flight.reset();
                        // Under the per-connection rate limit (20 a second).
                        std::this_thread::sleep_for(std::chrono::milliseconds(60));
                    }
                } catch (std::exception const& e) {
                    if (!go)
                        log.problem = e.what(); // failing before the kill is wrong
                    ++joined;
                }
            });
        while (joined < 50)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        go = true;
        // Killed in full flow: after 300 acknowledgements (or 10 s on a slow,
        // sanitized build).
        auto const until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (acks < 300 && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        server.kill();
        for (auto& t : clients)
            t.join();
    }
    std::size_t total_acked = 0;
    for (auto const& l : logs) {
        CHECK(l.problem.empty());
        total_acked += l.acked.size();
    }
    INFO("acknowledged before the kill: " << total_acked);
    REQUIRE(total_acked >= 200); // the clients really were submitting

    test::server_process again(dir.path());
    // Each client comes back as the same person and sends its unanswered
    // submission again, with the same id.
    std::map<std::string, std::int64_t> seq_of; // id -> seq, from the replies
    for (int c = 0; c < 50; ++c) {
        auto& log = logs[c];
        test::ws_client ws(again.port());
        ws.send({{"type", "join"},
                 {"ref", "join"},
                 {"code", code},
                 {"name", "Persona " + std::to_string(c)},
                 {"organization", "Ente " + std::to_string(c)},
                 {"resume", log.resume},
                 {"since", log.last_seq}});
        auto const ack = ws.read_until(test::reply_to("join"));
        REQUIRE(ack);
        REQUIRE((*ack)["type"] == "ack");
        CHECK((*ack)["result"]["you"]["name"] == "Persona " + std::to_string(c));
        if (log.in_flight) {
            ws.send(submit(*log.in_flight, "Proposta " + *log.in_flight));
            auto const reply = ws.read_until(test::reply_to(*log.in_flight));
            REQUIRE(reply);
            REQUIRE((*reply)["type"] == "ack");
            seq_of[*log.in_flight] = (*reply)["result"]["seq"];
        }
    }

    auto const copies = board_ids(again.port(), code);
    for (auto const& [id, n] : copies) {
        INFO(id);
        CHECK(n == 1); // no duplicates
    }
    std::size_t missing = 0;
    for (auto const& l : logs)
        for (auto const& id : l.acked)
            missing += copies.count(id) == 0;
    CHECK(missing == 0); // nothing acknowledged is lost
    for (auto const& [id, seq] : seq_of)
        CHECK(copies.count(id) == 1); // the retried ones are there once
    // Nothing but what the clients sent: acknowledged, or in flight and retried.
    CHECK(copies.size() == total_acked + seq_of.size());
}

TEST_CASE("SIGTERM: stop accepting, tell clients, commit, exit 0 within the configured time",
          "[integration][faults]") {
    test::temp_dir dir;
    { std::ofstream(dir.path() / "tavolo.json") << R"({"shutdown_timeout_seconds": 4})"; }
    test::server_process server(dir.path(), {"--config", (dir.path() / "tavolo.json").string()});
    auto const code = test::demo_code(dir.path());
    std::vector<std::unique_ptr<test::ws_client>> clients;
    for (int i = 0; i < 20; ++i) {
        clients.push_back(std::make_unique<test::ws_client>(server.port()));
        clients.back()->join(code, "P" + std::to_string(i), "Ente");
    }
    // Submissions still in the writer's queue when the signal comes.
    for (int i = 0; i < 20; ++i)
        clients[i]->send(submit("last" + std::to_string(i), "Ultima proposta"));
    auto const start = std::chrono::steady_clock::now();
    CHECK(server.terminate() == 0);
    auto const took = std::chrono::steady_clock::now() - start;
    CHECK(took < std::chrono::seconds(4));
    CHECK(server.logged("\"shutting_down\""));
    CHECK(server.logged("\"timeout_seconds\":4"));
    CHECK(server.logged("\"stopped\""));
    // Every client was told why; whatever was acknowledged is stored.
    std::set<std::string> acked;
    for (int i = 0; i < 20; ++i) {
        while (auto f = clients[i]->read(std::chrono::seconds(2)))
            if ((*f)["type"] == "ack")
                acked.insert((*f)["ref"].get<std::string>());
        CHECK(clients[i]->closed());
        CHECK(std::string(clients[i]->close_reason().reason) == "server shutting down");
    }
    test::server_process again(dir.path());
    auto const stored = board_ids(again.port(), code);
    for (auto const& id : acked)
        CHECK(stored.count(id) == 1);
}

TEST_CASE("a full disk: clear errors to the writer, the facilitator and the log; reads go on; "
          "nothing acknowledged is lost",
          "[integration][faults]") {
    test::temp_dir dir;
    std::string code;
    std::string secret;
    {
        test::server_process first(dir.path()); // creates the store and the demo
        REQUIRE(first.terminate() == 0);        // and folds its log into it
    }
    auto const access = test::demo_access(dir.path());
    code = access["join_code"];
    secret = access["facilitator_secret"];
    auto const used = std::filesystem::file_size(dir.path() / "tavolo.db");

    std::vector<std::string> acked;
    std::string refused_id;
    {
        // No file of the server may grow past 256 KiB more than the store
        // has now: the write that would is refused by the kernel (EFBIG).
        test::server_process server(dir.path(), {}, used + 256 * 1024);
        test::ws_client facilitator(server.port());
        facilitator.send({{"type", "join"},
                          {"ref", "join"},
                          {"code", code},
                          {"name", "Facilitatrice"},
                          {"organization", ""},
                          {"secret", secret}});
        REQUIRE((*facilitator.read_until(test::reply_to("join")))["type"] == "ack");
        test::ws_client writer(server.port());
        writer.join(code, "Anna", "Comune di Bari");
        std::string const long_text(900, 'x');
        for (int i = 0; i < 2000 && refused_id.empty(); ++i) {
            auto const id = "full" + std::to_string(i);
            writer.send(submit(id, long_text + std::to_string(i)));
            auto const reply = writer.read_until(test::reply_to(id));
            REQUIRE(reply);
            if ((*reply)["type"] == "ack") {
                acked.push_back(id);
            } else {
                CHECK((*reply)["code"] == "store_failed");
                refused_id = id;
            }
            if (i % 30 == 29)
                std::this_thread::sleep_for(std::chrono::milliseconds(1500)); // rate limit
        }
        REQUIRE_FALSE(refused_id.empty());
        INFO("acknowledged before the disk was full: " << acked.size());
        CHECK(acked.size() > 5);

        // The facilitator is told, once, with a clear code.
        auto const alert =
            facilitator.read_until([](json const& f) { return f["type"] == "alert"; });
        REQUIRE(alert);
        CHECK((*alert)["code"] == "store_failed");
        // The log says what failed.
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!server.logged("change_not_saved") && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        CHECK(server.logged("change_not_saved"));

        // Reads go on: the page, the health check (which names the store's
        // state) and the live meeting for those in it.
        CHECK(test::request(server.port(), http::verb::get, "/").status == 200);
        CHECK(test::request(server.port(), http::verb::get, "/healthz").status == 200);
        writer.send({{"type", "ping"}, {"ref", "p"}});
        auto const pong = writer.read_until(test::reply_to("p"));
        REQUIRE(pong);
        CHECK((*pong)["type"] == "ack");
        // A refused contribution is not shown to anyone.
        auto const skip = facilitator.read_until([](json const& f) { return f["type"] == "skip"; });
        CHECK(skip);
        server.kill();
    }

    // With room again, everything acknowledged is there and the refused one
    // can be sent again.
    test::server_process again(dir.path());
    auto const stored = board_ids(again.port(), code);
    for (auto const& id : acked)
        CHECK(stored.count(id) == 1);
    CHECK(stored.count(refused_id) == 0);
    test::ws_client reader(again.port());
    reader.join(code, "Anna", "Comune di Bari");
    reader.send(submit(refused_id, "Di nuovo"));
    auto const retry = reader.read_until(test::reply_to(refused_id));
    REQUIRE(retry);
    CHECK((*retry)["type"] == "ack");
}
