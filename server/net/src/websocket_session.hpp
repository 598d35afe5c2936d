// One WebSocket client, plain or TLS: reads frames into live::gateway, writes
// queued frames in order. Runs on its own strand; send() and close() may be
// called from any thread. Over plain TCP, send() writes through ws_socket
// from the caller's thread; over TLS, it posts to the strand and Beast
// writes. The outgoing queue is bounded in bytes: a client that falls behind
// by more is cut off at once, so a slow client never slows anyone else.
#pragma once

#include "beast.hpp"
#include "context.hpp"
#include "ws_socket.hpp"

#include "tavolo/live/connection.hpp"

#include <deque>
#include <memory>
#include <string>

namespace tavolo::net {

template <typename Stream>
class websocket_session : public live::connection,
                          public std::enable_shared_from_this<websocket_session<Stream>> {
public:
    // `remote` is the client's IP address.
    websocket_session(Stream&& stream, context const& ctx, std::string remote);
    ~websocket_session() override;

    // Completes the upgrade that `req` asked for, then starts reading.
    void run(http::request<http::string_body> req);

    void send(std::shared_ptr<std::string const> frame) override;
    void close(std::string_view reason) override;

private:
    void on_accept(error_code ec);
    void do_read();
    void on_read(error_code ec, std::size_t bytes);
    void do_write();
    void on_write(error_code ec, std::size_t bytes);
    void do_close();
    void finish();

    websocket::stream<ws_layer_t<Stream>> ws_;
    beast::flat_buffer buffer_;
    context const& ctx_;
    std::string const remote_;
    std::shared_ptr<live::peer> peer_; // opaque: the gateway's handle

    // TLS only: the messages waiting for Beast's write.
    std::deque<std::shared_ptr<std::string const>> queue_;
    std::size_t queued_bytes_ = 0;
    bool writing_ = false;
    bool close_requested_ = false;
    bool closing_ = false;
    bool finished_ = false;
    bool accepted_ = false; // the handshake is done
    bool counted_ = false;  // counted in websockets_open
    std::string close_reason_;
};

} // namespace tavolo::net
