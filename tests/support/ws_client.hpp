// A WebSocket test client for the integration tests: sends JSON, reads JSON
// with a time limit, on its own io_context. One thread at a time.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace tavolo::test {

class ws_client {
public:
    // `receive_buffer`: a SO_RCVBUF to set before connecting (0: the default).
    explicit ws_client(unsigned short port, int receive_buffer = 0) : ws_(ioc_) {
        boost::asio::ip::tcp::endpoint ep(boost::asio::ip::make_address("127.0.0.1"), port);
        if (receive_buffer > 0) {
            ws_.next_layer().open(ep.protocol());
            ws_.next_layer().set_option(
                boost::asio::socket_base::receive_buffer_size(receive_buffer));
        }
        ws_.next_layer().connect(ep);
        ws_.handshake("127.0.0.1:" + std::to_string(port), "/ws");
    }

    void send(nlohmann::json const& msg) { send_text(msg.dump()); }
    void send_text(std::string const& text) {
        ws_.text(true);
        ws_.write(boost::asio::buffer(text));
    }
    void send_binary(std::string const& bytes) {
        ws_.binary(true);
        ws_.write(boost::asio::buffer(bytes));
    }

    // The next frame other than presence, or nullopt when none comes within
    // `timeout` (or the connection closed: see closed()). Presence frames come
    // on a timer; they are kept apart (see presence()).
    std::optional<nlohmann::json>
    read(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        auto const deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            auto f = read_any(std::max(left, std::chrono::milliseconds(1)));
            if (!f || (*f)["type"] != "presence")
                return f;
            presence_.push_back(std::move(*f));
        }
    }

    // Presence frames received so far, oldest first.
    std::vector<nlohmann::json> const& presence() const { return presence_; }

    // The next frame of any type.
    std::optional<nlohmann::json> read_any(std::chrono::milliseconds timeout) {
        std::optional<nlohmann::json> out;
        bool done = false;
        buffer_.clear();
        ws_.async_read(buffer_, [&](boost::beast::error_code ec, std::size_t) {
            done = true;
            if (ec) {
                closed_ = true;
                error_ = ec;
                return;
            }
            out = nlohmann::json::parse(boost::beast::buffers_to_string(buffer_.data()));
        });
        ioc_.restart();
        ioc_.run_for(timeout);
        if (!done) {
            // Cancelling a websocket read leaves the stream unusable: the test
            // only waits like this when it expects silence.
            ws_.next_layer().cancel();
            ioc_.restart();
            ioc_.run();
            unusable_ = true;
        }
        return out;
    }

    // Reads until a frame satisfies `pred`, returning it (or nullopt on timeout).
    template <typename Pred>
    std::optional<nlohmann::json>
    read_until(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        auto const deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto f = read(std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now()));
            if (!f)
                return std::nullopt;
            if (pred(*f))
                return f;
        }
        return std::nullopt;
    }

    nlohmann::json join(std::string const& code, std::string const& name,
                        std::string const& organization) {
        send({{"type", "join"},
              {"ref", "join"},
              {"code", code},
              {"name", name},
              {"organization", organization}});
        auto reply =
            read_until([](auto const& f) { return f.contains("ref") && f["ref"] == "join"; });
        if (!reply)
            throw std::runtime_error("no reply to join");
        return *reply;
    }

    bool closed() const { return closed_; }
    boost::beast::error_code error() const { return error_; }
    boost::beast::websocket::close_reason close_reason() const { return ws_.reason(); }

private:
    boost::asio::io_context ioc_;
    boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
    boost::beast::flat_buffer buffer_;
    bool closed_ = false;
    bool unusable_ = false;
    std::vector<nlohmann::json> presence_;
    boost::beast::error_code error_;
};

} // namespace tavolo::test
