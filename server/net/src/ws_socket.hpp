// The transport under a plain (not TLS) WebSocket: the TCP socket and one
// ordered output queue that carries both tavolo's messages and everything
// Beast writes by itself (the handshake response, pings, pongs, close).
//
// Why it exists: a meeting sends each event to every member. Going through
// Beast's write costs, per recipient, a post to the connection's strand, a
// composed write operation and a completion. Here the meeting's thread frames
// the message and, when the connection has nothing queued, writes it with one
// non-blocking sendmsg; only what the kernel does not take waits in the queue,
// for the connection's strand to write when the socket is writable. Beast
// writes its control frames through async_write_some below, into the same
// queue, so the bytes of two frames never interleave.
//
// When Beast tears the connection down after a close frame, the socket sends
// FIN and then reads and drops what the client still sends, until the client
// closes its side or the linger time ends: closing a socket with unread data
// resets the connection, and a reset can destroy the close frame the client
// has not read yet (a 2 MB frame refused with 1009, for instance).
//
// Thread safety: send_text() may be called from any thread; everything else
// runs on the connection's strand. One mutex guards the queue and the flags,
// and every close of the socket happens under it, so a send never reaches a
// descriptor that was closed (and perhaps reused).
#pragma once

#include "beast.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <sys/uio.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

namespace tavolo::net {

class ws_socket {
public:
    using executor_type = strand_executor;

    // `frames_out` counts every message sent in full.
    ws_socket(ws_plain_socket&& socket, std::atomic<std::uint64_t>& frames_out);
    ws_socket(ws_socket const&) = delete;
    ws_socket& operator=(ws_socket const&) = delete;
    ~ws_socket();

    executor_type get_executor() noexcept { return socket_.get_executor(); }

    // The object that owns this transport (the session); writes in progress
    // keep it alive.
    void set_owner(std::weak_ptr<void> owner) { owner_ = std::move(owner); }
    // How long a teardown reads what the client still sends (see above).
    void set_linger(std::chrono::milliseconds linger) { linger_ = linger; }

    enum class outcome {
        sent,       // written in full at once
        queued,     // (partly) waiting for the socket to be writable
        over_limit, // the queue would exceed `max_queued` bytes: the connection
                    // is being closed and the message dropped
        closed      // not open for messages (not yet, or no longer): dropped
    };
    // Sends `payload` as one unfragmented text message. Thread-safe.
    outcome send_text(std::shared_ptr<std::string const> const& payload, std::size_t max_queued);

    // The handshake is done: messages may be sent from now on (unless
    // stop_messages() came first).
    void open();
    // No more messages: a close frame is coming. Final.
    void stop_messages();
    // Closes the socket now; queued bytes are dropped.
    void close_now();

    // Asio's AsyncReadStream and AsyncWriteStream, for Beast.
    template <typename MutableBuffers, typename Token>
    auto async_read_some(MutableBuffers const& buffers, Token&& token) {
        return socket_.async_read_some(buffers, std::forward<Token>(token));
    }
    template <typename ConstBuffers, typename Token>
    auto async_write_some(ConstBuffers const& buffers, Token&& token);

    friend void beast_close_socket(ws_socket& s) { s.close_now(); }
    template <typename Handler>
    friend void async_teardown(beast::role_type, ws_socket& s, Handler&& handler) {
        s.begin_teardown();
        using handler_t = std::decay_t<Handler>;
        s.drain(std::make_unique<teardown_of<handler_t>>(std::forward<Handler>(handler),
                                                         s.get_executor()));
    }
    friend void teardown(beast::role_type role, ws_socket& s, error_code& ec) {
        s.begin_teardown();
        websocket::teardown(role, s.socket_, ec);
    }

private:
    // A write Beast asked for: its completion, type-erased (Beast's
    // operations are move-only).
    struct completion {
        virtual ~completion() = default;
        // Posts the handler to its executor with (ec, bytes).
        virtual void post(error_code ec, std::size_t bytes) = 0;
    };
    template <typename Handler> struct completion_of;

    // Beast's teardown: its completion, type-erased likewise.
    struct teardown_done {
        virtual ~teardown_done() = default;
        virtual void post(error_code ec) = 0;
    };
    template <typename Handler> struct teardown_of;
    struct drain_state;

    struct item {
        std::string bytes; // a message's frame header, or all of a Beast write
        std::shared_ptr<std::string const> payload; // a message's payload
        std::size_t offset = 0;                     // bytes already sent
        std::unique_ptr<completion> done;           // set for Beast's writes
        std::size_t size() const { return bytes.size() + (payload ? payload->size() : 0); }
    };

    // Beast's writes that ended, to complete once mutex_ is released.
    struct ended {
        std::unique_ptr<completion> done;
        error_code ec;
        std::size_t bytes;
    };
    using finished = std::vector<ended>;
    static void complete(finished& writes);

    void enqueue_beast_write(std::string bytes, std::unique_ptr<completion> done);
    void schedule_flush();                           // mutex_ held
    void flush();                                    // on the strand
    void consume(std::size_t bytes, finished& done); // mutex_ held
    void abort_queue(error_code ec, finished& done); // mutex_ held
    // One non-blocking sendmsg (retried on EINTR); errno set when < 0.
    ssize_t send_iov(iovec* iov, std::size_t count);
    // A write failed with errno: the connection is broken (mutex_ held).
    void fail();
    void begin_teardown();
    // Half-closes the socket, drops what is read until EOF or linger_, then
    // closes it and completes `done` (on the strand).
    void drain(std::unique_ptr<teardown_done> done);
    void drain_some(std::shared_ptr<drain_state> const& state);
    void end_drain(drain_state& state, error_code ec);
    // No more sends, the queue dropped; and the socket closed if asked.
    void shut(bool close_socket);

    ws_plain_socket socket_;
    std::atomic<std::uint64_t>& frames_out_;
    std::weak_ptr<void> owner_;
    std::chrono::milliseconds linger_{2000};

    std::mutex mutex_;
    std::deque<item> queue_;
    std::size_t queued_bytes_ = 0;
    bool flushing_ = false;  // a flush is posted or waiting for the socket
    bool accepting_ = false; // messages may be sent
    bool stopped_ = false;   // stop_messages() was called: never accept again
    bool closed_ = false;    // the socket is closed, or about to be
    error_code failed_;      // a write failed: the connection is broken
};

template <typename Handler> struct ws_socket::completion_of final : ws_socket::completion {
    explicit completion_of(Handler h, strand_executor fallback)
        : handler(std::move(h)), executor(asio::get_associated_executor(handler, fallback)) {}
    void post(error_code ec, std::size_t bytes) override {
        asio::post(executor, beast::bind_handler(std::move(handler), ec, bytes));
    }
    Handler handler;
    asio::associated_executor_t<Handler, strand_executor> executor;
};

template <typename Handler> struct ws_socket::teardown_of final : ws_socket::teardown_done {
    explicit teardown_of(Handler h, strand_executor fallback)
        : handler(std::move(h)), executor(asio::get_associated_executor(handler, fallback)) {}
    void post(error_code ec) override {
        asio::post(executor, beast::bind_handler(std::move(handler), ec));
    }
    Handler handler;
    asio::associated_executor_t<Handler, strand_executor> executor;
};

template <typename ConstBuffers, typename Token>
auto ws_socket::async_write_some(ConstBuffers const& buffers, Token&& token) {
    return asio::async_initiate<Token, void(error_code, std::size_t)>(
        [this](auto handler, ConstBuffers const& bufs) {
            using handler_t = decltype(handler);
            std::string bytes(asio::buffer_size(bufs), '\0');
            asio::buffer_copy(asio::buffer(bytes), bufs);
            enqueue_beast_write(std::move(bytes), std::make_unique<completion_of<handler_t>>(
                                                      std::move(handler), get_executor()));
        },
        token, buffers);
}

} // namespace tavolo::net
