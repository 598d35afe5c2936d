// ws_socket over a real loopback TCP connection: messages written at once or
// queued when the kernel takes only part, bytes of two frames never
// interleaved (messages from several threads, Beast's own writes among them),
// the queue's limit, and the teardown that lets a close frame reach a client
// that is still sending. The client side is a plain blocking socket that
// decodes the server's (unmasked) frames.
#include "ws_socket.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <sys/socket.h>

#include <chrono>
#include <future>
#include <optional>
#include <thread>

using namespace tavolo;
using namespace std::chrono_literals;
using net::ws_socket;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

struct frame {
    int opcode;
    std::string payload;
};

// A connected pair: ws_socket on the server side, run by an io_context on its
// own thread; a blocking client socket on the test's thread.
struct fixture {
    asio::io_context ioc;
    asio::executor_work_guard<asio::io_context::executor_type> work{ioc.get_executor()};
    std::atomic<std::uint64_t> frames_out{0};
    std::unique_ptr<ws_socket> socket;
    asio::io_context client_ioc;
    tcp::socket client{client_ioc};
    std::string received; // bytes read by the client, not yet decoded
    std::thread runner;

    // `send_buffer`/`receive_buffer`: SO_SNDBUF on the server side and
    // SO_RCVBUF on the client side (0: the defaults); small ones make the
    // kernel take messages in parts.
    explicit fixture(int send_buffer = 0, int receive_buffer = 0) {
        tcp::acceptor acceptor(client_ioc, {asio::ip::make_address("127.0.0.1"), 0});
        client.open(tcp::v4());
        if (receive_buffer > 0)
            client.set_option(asio::socket_base::receive_buffer_size(receive_buffer));
        client.connect(acceptor.local_endpoint());
        tcp::socket accepted(client_ioc);
        acceptor.accept(accepted);
        if (send_buffer > 0)
            accepted.set_option(asio::socket_base::send_buffer_size(send_buffer));
        net::ws_plain_socket server_side(asio::make_strand(ioc));
        server_side.assign(tcp::v4(), accepted.release());
        socket = std::make_unique<ws_socket>(std::move(server_side), frames_out);
        runner = std::thread([this] { ioc.run(); });
    }
    ~fixture() {
        on_strand([this] { socket->close_now(); });
        work.reset();
        runner.join();
        socket.reset();
    }

    // Runs `f` on the socket's strand, as the session does, and waits for it.
    template <typename F> void on_strand(F f) {
        std::promise<void> done;
        asio::post(socket->get_executor(), [&] {
            f();
            done.set_value();
        });
        done.get_future().wait();
    }

    ws_socket::outcome send(std::string text, std::size_t max_queued = 1 << 30) {
        return socket->send_text(std::make_shared<std::string const>(std::move(text)), max_queued);
    }

    // frames_out once it reaches `n`, or after two seconds: a message is
    // counted once its write completes, which may be after the client has
    // already read it.
    std::uint64_t frames_out_reaching(std::uint64_t n) {
        auto const deadline = std::chrono::steady_clock::now() + 2s;
        while (frames_out < n && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(1ms);
        return frames_out;
    }

    // The next frame from the server, or nullopt on EOF or error.
    std::optional<frame> read_frame() {
        for (;;) {
            if (auto f = decode())
                return f;
            char buf[64 * 1024];
            boost::system::error_code ec;
            auto const n = client.read_some(asio::buffer(buf), ec);
            if (ec)
                return std::nullopt;
            received.append(buf, n);
        }
    }

private:
    std::optional<frame> decode() {
        if (received.size() < 2)
            return std::nullopt;
        auto const byte = [&](std::size_t i) { return static_cast<unsigned char>(received[i]); };
        std::size_t size = byte(1) & 0x7f;
        std::size_t head = 2;
        if (size == 126) {
            head = 4;
            if (received.size() < head)
                return std::nullopt;
            size = (std::size_t(byte(2)) << 8) | byte(3);
        } else if (size == 127) {
            head = 10;
            if (received.size() < head)
                return std::nullopt;
            size = 0;
            for (std::size_t i = 2; i < 10; ++i)
                size = (size << 8) | byte(i);
        }
        if (received.size() < head + size)
            return std::nullopt;
        frame f{byte(0) & 0x0f, received.substr(head, size)};
        REQUIRE((byte(0) & 0x80) != 0); // never fragmented
        REQUIRE((byte(1) & 0x80) == 0); // a server never masks
        received.erase(0, head + size);
        return f;
    }
};

std::string numbered(int n, std::size_t size) {
    auto s = std::to_string(n) + ":";
    s.resize(size, static_cast<char>('a' + n % 26));
    return s;
}

} // namespace

TEST_CASE("ws_socket: a message is sent only between open and stop_messages", "[net][ws_socket]") {
    fixture f;
    CHECK(f.send("too early") == ws_socket::outcome::closed);
    f.on_strand([&] { f.socket->open(); });
    CHECK(f.send("hello") == ws_socket::outcome::sent);
    auto const got = f.read_frame();
    REQUIRE(got);
    CHECK(got->opcode == 0x1);
    CHECK(got->payload == "hello");
    CHECK(f.frames_out_reaching(1) == 1);

    f.on_strand([&] { f.socket->stop_messages(); });
    CHECK(f.send("too late") == ws_socket::outcome::closed);
    // A handshake that ends after a close was asked for does not reopen it.
    f.on_strand([&] { f.socket->open(); });
    CHECK(f.send("still too late") == ws_socket::outcome::closed);
}

TEST_CASE("ws_socket: what the kernel does not take is queued and sent in order",
          "[net][ws_socket]") {
    fixture f(16 * 1024, 16 * 1024);
    f.on_strand([&] { f.socket->open(); });
    // The client reads nothing yet: the kernel's buffers fill, then messages
    // wait in the queue, the first of them perhaps half sent.
    int const count = 200;
    std::size_t const size = 10 * 1024 + 7;
    int queued = 0;
    for (int i = 0; i < count; ++i) {
        auto const outcome = f.send(numbered(i, size));
        REQUIRE(outcome != ws_socket::outcome::closed);
        REQUIRE(outcome != ws_socket::outcome::over_limit);
        queued += outcome == ws_socket::outcome::queued;
    }
    CHECK(queued > 0);
    for (int i = 0; i < count; ++i) {
        auto const got = f.read_frame();
        REQUIRE(got);
        REQUIRE(got->payload == numbered(i, size)); // whole, in order, byte for byte
    }
    CHECK(f.frames_out_reaching(count) == count);
}

TEST_CASE("ws_socket: messages from several threads never interleave", "[net][ws_socket]") {
    fixture f(8 * 1024, 8 * 1024);
    f.on_strand([&] { f.socket->open(); });
    int const threads = 4;
    int const per_thread = 100;
    std::vector<std::thread> senders;
    for (int t = 0; t < threads; ++t)
        senders.emplace_back([&f, t] {
            for (int i = 0; i < per_thread; ++i)
                f.send(std::to_string(t) + "/" + numbered(i, 3000 + 97 * t));
        });
    std::vector<int> next(threads, 0);
    for (int n = 0; n < threads * per_thread; ++n) {
        auto const got = f.read_frame();
        REQUIRE(got);
        auto const slash = got->payload.find('/');
        REQUIRE(slash != std::string::npos);
        auto const t = std::stoi(got->payload.substr(0, slash));
        REQUIRE(got->payload.substr(slash + 1) == numbered(next[t], 3000 + 97 * t));
        ++next[t]; // each thread's messages arrive in the order it sent them
    }
    for (auto& s : senders)
        s.join();
}

TEST_CASE("ws_socket: Beast's writes take their place in the queue", "[net][ws_socket]") {
    fixture f(16 * 1024, 16 * 1024);
    f.on_strand([&] { f.socket->open(); });
    for (int i = 0; i < 20; ++i)
        f.send(numbered(i, 20 * 1024));
    // A close frame as Beast writes it (code 1001), behind the messages.
    std::string const close_frame{char(0x88), char(0x02), char(0x03), char(0xe9)};
    std::promise<std::pair<boost::system::error_code, std::size_t>> written;
    f.on_strand([&] {
        f.socket->async_write_some(asio::buffer(close_frame),
                                   [&](boost::system::error_code ec, std::size_t n) {
                                       written.set_value({ec, n});
                                   });
    });
    // No message may follow a close frame.
    CHECK(f.send("after the close") == ws_socket::outcome::closed);
    for (int i = 0; i < 20; ++i)
        REQUIRE(f.read_frame().value().payload == numbered(i, 20 * 1024));
    auto const close = f.read_frame();
    REQUIRE(close);
    CHECK(close->opcode == 0x8);
    CHECK(close->payload == std::string{char(0x03), char(0xe9)});
    auto const [ec, n] = written.get_future().get();
    CHECK_FALSE(ec);
    CHECK(n == close_frame.size());
}

TEST_CASE("ws_socket: a client too far behind is dropped", "[net][ws_socket]") {
    fixture f(16 * 1024, 16 * 1024);
    f.on_strand([&] { f.socket->open(); });
    std::size_t const limit = 256 * 1024;
    ws_socket::outcome last = ws_socket::outcome::sent;
    int sent = 0;
    for (; sent < 1000 && last != ws_socket::outcome::over_limit; ++sent)
        last = f.send(numbered(sent, 10 * 1024), limit);
    REQUIRE(last == ws_socket::outcome::over_limit);
    CHECK(sent < 1000);
    CHECK(f.send("more") == ws_socket::outcome::closed);
    // The client gets whole frames, then the end of the connection.
    int frames = 0;
    while (auto got = f.read_frame()) {
        REQUIRE(got->payload == numbered(frames, 10 * 1024));
        ++frames;
    }
    CHECK(frames < sent);
}

TEST_CASE("ws_socket: a teardown reads what the client still sends before closing",
          "[net][ws_socket]") {
    fixture f;
    f.socket->set_linger(2s);
    f.on_strand([&] { f.socket->open(); });
    std::promise<boost::system::error_code> torn_down;
    f.on_strand([&] {
        async_teardown(boost::beast::role_type::server, *f.socket,
                       [&](boost::system::error_code ec) { torn_down.set_value(ec); });
    });
    // The client did not stop sending (a frame over the limit, say): 4 MB,
    // far more than the kernel's buffers hold, all read by the server.
    std::string const data(4 * 1024 * 1024, 'x');
    boost::system::error_code write_ec;
    asio::write(f.client, asio::buffer(data), write_ec);
    CHECK_FALSE(write_ec); // no reset
    // The server has sent FIN: the client reads the end, then closes its side.
    char byte;
    boost::system::error_code read_ec;
    f.client.read_some(asio::buffer(&byte, 1), read_ec);
    CHECK(read_ec == asio::error::eof);
    f.client.shutdown(tcp::socket::shutdown_send);
    auto done = torn_down.get_future();
    REQUIRE(done.wait_for(1s) == std::future_status::ready);
    CHECK_FALSE(done.get());
}

TEST_CASE("ws_socket: a teardown waits no longer than its linger time", "[net][ws_socket]") {
    fixture f;
    f.socket->set_linger(100ms);
    f.on_strand([&] { f.socket->open(); });
    std::promise<boost::system::error_code> torn_down;
    auto const start = std::chrono::steady_clock::now();
    f.on_strand([&] {
        async_teardown(boost::beast::role_type::server, *f.socket,
                       [&](boost::system::error_code ec) { torn_down.set_value(ec); });
    });
    // The client neither sends nor closes.
    auto done = torn_down.get_future();
    REQUIRE(done.wait_for(2s) == std::future_status::ready);
    CHECK_FALSE(done.get());
    CHECK(std::chrono::steady_clock::now() - start >= 100ms);
    // The server's socket is closed.
    char byte;
    boost::system::error_code ec;
    f.client.read_some(asio::buffer(&byte, 1), ec);
    CHECK(ec == asio::error::eof);
}
