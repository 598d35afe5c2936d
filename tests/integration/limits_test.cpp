// Limits that protect the server from clients that are slow or silent, each
// crossed against the real server with a small configured value.
#include "support/demo_access.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <thread>

using namespace tavolo;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> with_config(test::temp_dir const& dir, json const& settings) {
    auto const file = dir / "tavolo.json";
    std::ofstream(file) << settings.dump();
    return {"--config", file.string()};
}

} // namespace

TEST_CASE("a client that does not read is cut off; the others get everything",
          "[integration][limits]") {
    test::temp_dir dir;
    test::server_process server(dir / "data",
                                with_config(dir, {{"limits",
                                                   {{"max_send_queue_bytes", 64 * 1024},
                                                    {"max_text_chars", 2000},
                                                    {"messages_per_second", 100000},
                                                    {"message_burst", 100000}}},
                                                  {"store", {{"synchronous", "normal"}}}}));
    auto const code = test::demo_code(dir / "data");

    // A small receive buffer, so that the kernel holds little on the slow side.
    test::ws_client slow(server.port(), 4096);
    slow.join(code, "Lenta", "Ente lento");
    test::ws_client fast(server.port());
    fast.join(code, "Veloce", "Ente veloce");

    // More than the kernel's socket buffers hold (4 MiB at most on loopback)
    // plus the queue limit, sent one at a time so the fast client keeps up.
    constexpr int n = 3500;
    std::string const text(1900, 'x');
    int events = 0;
    for (int i = 0; i < n; ++i) {
        fast.send({{"type", "submit"},
                   {"ref", i},
                   {"id", "f" + std::to_string(i)},
                   {"kind", "proposal"},
                   {"text", text}});
        auto const event = fast.read(10s);
        REQUIRE(event);
        REQUIRE((*event)["type"] == "contribution");
        ++events;
        auto const ack = fast.read(10s);
        REQUIRE(ack);
        REQUIRE((*ack)["ref"] == i);
    }
    CHECK(events == n);

    int slow_events = 0;
    while (auto f = slow.read(2s))
        ++slow_events;
    INFO("the slow client got " << slow_events << " of " << n);
    CHECK(slow.closed());
    CHECK(slow_events < n);
}

TEST_CASE("a client that stops reading for a while gets every event, in order, once it reads",
          "[integration][limits]") {
    // Events wait in the server's queue for this client while the kernel's
    // buffers are full, and go out in order once it reads again: partial
    // writes, queued writes and the server's own frames must not mix bytes.
    test::temp_dir dir;
    test::server_process server(dir / "data",
                                with_config(dir, {{"limits",
                                                   {{"max_send_queue_bytes", 32 * 1024 * 1024},
                                                    {"max_text_chars", 2000},
                                                    {"messages_per_second", 100000},
                                                    {"message_burst", 100000}}},
                                                  {"store", {{"synchronous", "normal"}}}}));
    auto const code = test::demo_code(dir / "data");
    test::ws_client late(server.port(), 4096);
    late.join(code, "Tarda", "Ente tardo");
    test::ws_client fast(server.port());
    fast.join(code, "Veloce", "Ente veloce");

    // About 5 MB of events: more than the kernel's socket buffers hold.
    constexpr int n = 2600;
    std::int64_t first_seq = -1;
    for (int i = 0; i < n; ++i) {
        fast.send({{"type", "submit"},
                   {"ref", i},
                   {"id", "f" + std::to_string(i)},
                   {"kind", "proposal"},
                   {"text", std::string(1900, static_cast<char>('a' + i % 26))}});
        auto const ack = fast.read_until(test::reply_to(i), 10s);
        REQUIRE(ack);
        if (i == 0)
            first_seq = (*ack)["result"]["seq"].get<std::int64_t>();
    }

    int got = 0;
    std::int64_t next = first_seq;
    while (got < n) {
        auto const f = late.read(5s);
        if (!f)
            break;
        if ((*f)["type"] != "contribution")
            continue;
        REQUIRE((*f)["seq"].get<std::int64_t>() == next);
        // The text submitted as number `got`, byte for byte.
        REQUIRE((*f)["contribution"]["text"] ==
                std::string(1900, static_cast<char>('a' + got % 26)));
        ++next;
        ++got;
    }
    CHECK(got == n);
    CHECK_FALSE(late.closed());
}

TEST_CASE("a meeting sending from every I/O thread keeps each member's order",
          "[integration][limits]") {
    // From two members on, this meeting's events go out through one lane
    // per I/O thread. Everyone still gets every event once and in seq order,
    // and a submitter gets its own event before the ack, as when one thread
    // sends everything.
    test::temp_dir dir;
    test::server_process server(dir / "data",
                                with_config(dir, {{"threads", 2},
                                                  {"limits",
                                                   {{"fan_out_lanes_from", 2},
                                                    {"messages_per_second", 100000},
                                                    {"message_burst", 100000}}},
                                                  {"store", {{"synchronous", "normal"}}}}));
    auto const code = test::demo_code(dir / "data");
    constexpr int people = 6;
    constexpr int each = 25;
    std::vector<std::unique_ptr<test::ws_client>> clients;
    std::int64_t first_seq = 0;
    for (int i = 0; i < people; ++i) {
        clients.push_back(std::make_unique<test::ws_client>(server.port()));
        auto const ack =
            clients.back()->join(code, "P" + std::to_string(i), "Ente " + std::to_string(i));
        first_seq = ack["result"]["seq"].get<std::int64_t>() + 1;
    }
    // Everyone submits at once, without waiting for answers.
    for (int k = 0; k < each; ++k)
        for (int i = 0; i < people; ++i) {
            auto const id = "c" + std::to_string(i) + "-" + std::to_string(k);
            clients[static_cast<std::size_t>(i)]->send({{"type", "submit"},
                                                        {"ref", id},
                                                        {"id", id},
                                                        {"kind", "proposal"},
                                                        {"text", "Proposta " + id}});
        }
    for (int i = 0; i < people; ++i) {
        auto& c = *clients[static_cast<std::size_t>(i)];
        std::int64_t next = first_seq;
        std::set<std::int64_t> seen;
        int acks = 0;
        while (next < first_seq + people * each || acks < each) {
            auto const f = c.read(5s);
            REQUIRE(f);
            if ((*f)["type"] == "contribution") {
                REQUIRE((*f)["seq"].get<std::int64_t>() == next);
                seen.insert(next++);
            } else if ((*f)["type"] == "ack") {
                // The submitter's own event came first.
                CHECK(seen.count((*f)["result"]["seq"].get<std::int64_t>()) == 1);
                ++acks;
            }
        }
        CHECK(next == first_seq + people * each);
        CHECK(acks == each);
    }
}

TEST_CASE("an HTTP request that never finishes is closed after the timeout",
          "[integration][limits]") {
    test::temp_dir dir;
    test::server_process server(dir / "data",
                                with_config(dir, {{"limits", {{"http_timeout_seconds", 1}}}}));
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket s(ioc);
    s.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
    boost::asio::write(s, boost::asio::buffer(std::string("GET / HTTP/1.1\r\nHost: x\r\n")));
    auto const start = std::chrono::steady_clock::now();
    char byte;
    boost::system::error_code ec;
    boost::asio::read(s, boost::asio::buffer(&byte, 1), ec); // blocks until the server closes
    auto const waited = std::chrono::steady_clock::now() - start;
    CHECK(ec); // closed, nothing sent
    CHECK(waited >= 900ms);
    CHECK(waited < 5s);
}

TEST_CASE("a WebSocket client that goes silent is closed; a lively one stays",
          "[integration][limits]") {
    test::temp_dir dir;
    test::server_process server(dir / "data",
                                with_config(dir, {{"limits", {{"ws_idle_timeout_seconds", 1}}}}));
    test::ws_client quiet(server.port());
    test::ws_client lively(server.port());
    // The lively client talks every 300 ms for 3 s; the quiet one says nothing
    // and, not reading, answers none of the server's pings.
    for (int i = 0; i < 10; ++i) {
        lively.send({{"type", "ping"}, {"ref", i}});
        auto const ack = lively.read(2s);
        REQUIRE(ack);
        CHECK((*ack)["ref"] == i);
        std::this_thread::sleep_for(300ms);
    }
    CHECK_FALSE(lively.closed());
    while (quiet.read(2s)) {
    }
    CHECK(quiet.closed());
}

TEST_CASE("a silent client that answers the server's pings stays connected",
          "[integration][limits]") {
    // A browser left open on a meeting sends nothing, but its WebSocket
    // answers pings: the server's keep-alive pings keep it in, well past the
    // idle timeout.
    test::temp_dir dir;
    test::server_process server(dir / "data",
                                with_config(dir, {{"limits", {{"ws_idle_timeout_seconds", 1}}}}));
    test::ws_client listener(server.port());
    auto const until = std::chrono::steady_clock::now() + 3500ms;
    while (std::chrono::steady_clock::now() < until && !listener.closed())
        listener.read(200ms); // reading answers pings; nothing is sent
    CHECK_FALSE(listener.closed());
    listener.send({{"type", "ping"}, {"ref", "still"}});
    auto const ack = listener.read_until(test::reply_to("still"), 2s);
    REQUIRE(ack);
    CHECK((*ack)["type"] == "ack");
}
