// One HTTP connection, plain or TLS: reads requests (bounded body, bounded
// time), answers API routes and static files, and hands WebSocket upgrades on
// /ws (from an allowed Origin) to a websocket_session. Runs on its own strand.
#pragma once

#include "beast.hpp"
#include "context.hpp"

#include <filesystem>
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
    void serve_file(http::request<http::string_body> const& req, std::string_view path);
    void stream_file(http::request<http::string_body> const& req, std::filesystem::path const& file,
                     std::string_view caching);
    template <typename Response> void send(Response&& res);
    void on_write(bool keep_alive, error_code ec, std::size_t bytes);
    void do_close();

    Stream stream_;
    beast::flat_buffer buffer_;
    context const& ctx_;
    std::string remote_; // the client's IP address
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<void> response_;         // keeps the response alive during its write
    std::shared_ptr<void const> body_owner_; // and what its body points into
};

} // namespace tavolo::net
