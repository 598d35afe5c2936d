// A WebSocket test client for the integration tests: sends JSON, reads JSON
// with a time limit, on its own io_context. One thread at a time.
//
// Frames are kept in a mailbox: read() takes the oldest, read_until() takes
// the first that matches and leaves the others for later reads, so a test
// that waits for a reply loses none of the events that came before it.
// A read that times out leaves its network read pending for the next call, so
// the stream stays usable.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace tavolo::test {

// A read_until predicate: the reply (ack or error) to the message with `ref`.
inline auto reply_to(nlohmann::json ref) {
    return [ref = std::move(ref)](nlohmann::json const& f) {
        return f.contains("ref") && f["ref"] == ref;
    };
}

class ws_client {
public:
    // `receive_buffer`: a SO_RCVBUF to set before connecting (0: the default);
    // `forwarded_for`: an X-Forwarded-For to send, as a proxy would.
    // `target`: the path asked for (a load balancer routes /ws?meeting=CODE).
    explicit ws_client(unsigned short port, int receive_buffer = 0,
                       std::string const& forwarded_for = "", std::string const& target = "/ws")
        : ws_(ioc_) {
        boost::asio::ip::tcp::endpoint ep(boost::asio::ip::make_address("127.0.0.1"), port);
        if (receive_buffer > 0) {
            ws_.next_layer().open(ep.protocol());
            ws_.next_layer().set_option(
                boost::asio::socket_base::receive_buffer_size(receive_buffer));
        }
        ws_.next_layer().connect(ep);
        if (!forwarded_for.empty())
            ws_.set_option(boost::beast::websocket::stream_base::decorator(
                [forwarded_for](boost::beast::websocket::request_type& req) {
                    req.set("X-Forwarded-For", forwarded_for);
                }));
        ws_.handshake("127.0.0.1:" + std::to_string(port), target);
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

    // The oldest frame other than presence, or nullopt when none comes within
    // `timeout` (or the connection closed: see closed()). Presence frames come
    // on a timer; they are kept apart (see presence()).
    std::optional<nlohmann::json>
    read(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        return read_until([](auto const&) { return true; }, timeout);
    }

    // The first frame (presence aside) that satisfies `pred`; the others stay
    // in the mailbox. nullopt on timeout or close.
    template <typename Pred>
    std::optional<nlohmann::json>
    read_until(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        auto const deadline = std::chrono::steady_clock::now() + timeout;
        std::size_t checked = 0;
        for (;;) {
            for (; checked < mailbox_.size(); ++checked)
                if (pred(mailbox_[checked])) {
                    auto out = std::move(mailbox_[checked]);
                    mailbox_.erase(mailbox_.begin() + static_cast<std::ptrdiff_t>(checked));
                    return out;
                }
            if (closed_ || !receive(deadline))
                return std::nullopt;
        }
    }

    // Presence frames received so far, oldest first.
    std::vector<nlohmann::json> const& presence() const { return presence_; }

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
    // Waits for one more frame into the mailbox; false on timeout or close.
    bool receive(std::chrono::steady_clock::time_point deadline) {
        auto const before = mailbox_.size() + presence_.size();
        if (!reading_) {
            reading_ = true;
            ws_.async_read(buffer_, [this](boost::beast::error_code ec, std::size_t) {
                reading_ = false;
                if (ec) {
                    closed_ = true;
                    error_ = ec;
                    return;
                }
                auto j = nlohmann::json::parse(boost::beast::buffers_to_string(buffer_.data()));
                buffer_.consume(buffer_.size());
                (j["type"] == "presence" ? presence_ : mailbox_).push_back(std::move(j));
            });
        }
        auto const now = std::chrono::steady_clock::now();
        if (deadline > now) {
            ioc_.restart();
            ioc_.run_one_until(deadline);
        }
        return mailbox_.size() + presence_.size() > before ||
               (!closed_ && deadline > now && std::chrono::steady_clock::now() < deadline);
    }

    boost::asio::io_context ioc_;
    boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
    boost::beast::flat_buffer buffer_;
    bool reading_ = false;
    bool closed_ = false;
    boost::beast::error_code error_;
    std::vector<nlohmann::json> mailbox_;
    std::vector<nlohmann::json> presence_;
};

} // namespace tavolo::test
