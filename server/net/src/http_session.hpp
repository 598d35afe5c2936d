// One HTTP connection, plain or TLS: reads requests (bounded body, bounded
// time), answers API routes and static files, and hands WebSocket upgrades on
// /ws (from an allowed Origin) to a websocket_session. Runs on its own strand.
#pragma once

#include "beast.hpp"
#include "context.hpp"

#include <memory>
#include <optional>
#include <string>

namespace tavolo::net {

template <typename Stream>
class http_session : public std::enable_shared_from_this<http_session<Stream>> {
public:
    http_session(Stream&& stream, context const& ctx);

    void run();

private:
    void on_handshake(error_code ec);
    void do_read();
    void on_read(error_code ec, std::size_t bytes);
    template <typename Response> void send(Response&& res);
    void on_write(bool keep_alive, error_code ec, std::size_t bytes);
    void do_close();

    Stream stream_;
    beast::flat_buffer buffer_;
    context const& ctx_;
    std::string remote_; // the client's IP address
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<void> response_; // keeps the response alive during its write
};

} // namespace tavolo::net
