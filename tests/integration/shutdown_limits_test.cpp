// The close frames the README and docs/protocol.md promise, checked on the
// wire against the real server: 1009 for a frame far over the limit (which
// the client is still sending when the server refuses it), and 1001 on
// SIGTERM for every client, joined or not.
#include "support/demo_access.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <optional>
#include <string>

using namespace tavolo;
using namespace std::chrono_literals;

namespace {

// A WebSocket client written against the socket API, so that what the server
// puts on the wire (or fails to) is seen as it is: no library answers,
// retries or hides a reset.
class raw_ws {
public:
    // `send_buffer`: SO_SNDBUF (0: the default). A small one keeps most of a
    // large frame in the client, as over a real network, instead of in the
    // loopback's buffers.
    explicit raw_ws(unsigned short port, int send_buffer = 0) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (send_buffer > 0)
            setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &send_buffer, sizeof send_buffer);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr const*>(&addr), sizeof addr) != 0)
            throw std::runtime_error("connect failed");
        timeval send_limit{5, 0}; // a server that neither reads nor closes fails the test
        setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &send_limit, sizeof send_limit);
        send_all("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                 "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 "Sec-WebSocket-Version: 13\r\n\r\n");
        while (in_.find("\r\n\r\n") == std::string::npos)
            if (!receive(5s))
                throw std::runtime_error("no handshake response");
        auto const head_end = in_.find("\r\n\r\n") + 4;
        if (in_.rfind("HTTP/1.1 101", 0) != 0)
            throw std::runtime_error("handshake refused: " + in_.substr(0, head_end));
        in_.erase(0, head_end);
    }
    ~raw_ws() { ::close(fd_); }
    raw_ws(raw_ws const&) = delete;
    raw_ws& operator=(raw_ws const&) = delete;

    // Sends one masked text frame; false when the connection broke first.
    bool send_text(std::string const& payload) {
        std::string frame{char(0x81)};
        auto const size = payload.size();
        if (size < 126) {
            frame += char(0x80 | size);
        } else if (size < 65536) {
            frame += char(0x80 | 126);
            frame += char(size >> 8);
            frame += char(size & 0xff);
        } else {
            frame += char(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8)
                frame += char((std::uint64_t(size) >> shift) & 0xff);
        }
        frame += std::string(4, '\0'); // a zero mask leaves the payload as it is
        return send_all(frame + payload);
    }

    // The code of the first close frame the server sends, or nullopt when the
    // connection ends (EOF, reset) or `timeout` passes without one.
    std::optional<int> close_code(std::chrono::milliseconds timeout = 5s) {
        auto const deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            // Only short frames are expected here (the server sends nothing
            // before its close frame, whose payload is at most 125 bytes).
            while (in_.size() >= 2) {
                auto const opcode = static_cast<unsigned char>(in_[0]) & 0x0f;
                std::size_t const size = static_cast<unsigned char>(in_[1]) & 0x7f;
                if (size >= 126)
                    return std::nullopt;
                if (in_.size() < 2 + size)
                    break;
                if (opcode == 0x8 && size >= 2)
                    return (static_cast<unsigned char>(in_[2]) << 8) |
                           static_cast<unsigned char>(in_[3]);
                in_.erase(0, 2 + size);
            }
            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left <= 0ms || !receive(left))
                return std::nullopt;
        }
    }

    int send_error() const { return send_error_; }
    int receive_error() const { return receive_error_; }

private:
    bool send_all(std::string const& bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            auto const n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) {
                send_error_ = errno;
                return false;
            }
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }
    // Appends what arrives within `timeout` to in_; false on EOF, error or timeout.
    bool receive(std::chrono::milliseconds timeout) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0)
            return false;
        char buf[4096];
        auto const n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) {
            receive_error_ = n < 0 ? errno : 0;
            return false;
        }
        in_.append(buf, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    std::string in_;
    int send_error_ = 0;
    int receive_error_ = 0;
};

} // namespace

TEST_CASE("a 2 MB frame is refused with a close frame 1009 that reaches the client",
          "[integration][limits]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    // Several times over: a reset loses the close frame only some of the time.
    for (int attempt = 0; attempt < 5; ++attempt) {
        INFO("attempt " << attempt);
        raw_ws client(server.port(), 64 * 1024);
        auto const sent = client.send_text(std::string(2 * 1024 * 1024, 'x'));
        INFO("send errno " << client.send_error() << ", receive errno " << client.receive_error());
        CHECK(sent); // the server read the whole frame instead of resetting
        CHECK(client.close_code() == 1009);
    }
    // The server is unharmed.
    test::ws_client b(server.port());
    b.send({{"type", "ping"}, {"ref", 1}});
    CHECK(b.read().value()["type"] == "ack");
}

TEST_CASE("SIGTERM sends close 1001 to a connection that never joined, and to one that did",
          "[integration][restart]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    test::ws_client idle(server.port()); // WebSocket open, no join sent
    test::ws_client joined(server.port());
    joined.join(test::demo_code(dir.path()), "Anna", "Comune");
    // Make sure the idle connection's handshake is through on the server too.
    idle.send({{"type", "ping"}, {"ref", "p"}});
    REQUIRE(idle.read().value()["type"] == "ack");

    ::kill(server.pid(), SIGTERM);
    for (auto* c : {&idle, &joined}) {
        CHECK_FALSE(c->read(5s));
        CHECK(c->closed());
        CHECK(c->close_reason().code == boost::beast::websocket::close_code::going_away);
        CHECK(std::string(c->close_reason().reason) == "server shutting down");
    }
    CHECK(server.wait() == 0);
}
