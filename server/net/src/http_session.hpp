// One HTTP connection, plain or TLS: reads requests (bounded body, bounded
// time), answers API routes and static files, and hands WebSocket upgrades on
// /ws (from an allowed Origin) to a websocket_session; answers a request it
// cannot read with 400, 413, 414 or 431. Runs on its own strand.
#pragma once

#include "beast.hpp"
#include "context.hpp"
#include "tavolo/net/client_address.hpp"

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
    bool request_line_too_long() const;
    void refuse_unreadable(error_code ec);
    client_view client_of(http::request<http::string_body> const& req) const;
    std::optional<http::response<http::string_body>>
    refusal_of(http::request<http::string_body> const& req, api_router::match const& match,
               client_view const& client);
    void call_api(api_handler const& handler, api_request r, unsigned version, bool keep_alive,
                  bool head);
    void serve_file(http::request<http::string_body> const& req, std::string_view path);
    void stream_file(http::request<http::string_body> const& req, std::filesystem::path const& file,
                     std::string_view caching);
    template <typename Response> void send(Response&& res);
    void on_write(bool keep_alive, error_code ec, std::size_t bytes);
    void do_close();
    void do_drain();

    Stream stream_;
    beast::flat_buffer buffer_;
    context const& ctx_;
    std::string remote_;             // the TCP peer's IP address
    bool drain_after_write_ = false; // a refused request: read what is left before closing
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<void> response_;         // keeps the response alive during its write
    std::shared_ptr<void const> body_owner_; // and what its body points into
};

} // namespace tavolo::net
