// One HTTP connection: reads requests (bounded body, bounded time), answers
// API routes and static files, and hands WebSocket upgrades on /ws to a
// websocket_session. Runs on its own strand.
#pragma once

#include "beast.hpp"

#include "tavolo/live/hub.hpp"
#include "tavolo/net/api.hpp"
#include "tavolo/net/options.hpp"

#include <memory>
#include <optional>

namespace tavolo::net {

class http_session : public std::enable_shared_from_this<http_session> {
public:
    http_session(tcp::socket&& socket, live::hub& hub, options const& opts,
                 api_router const& routes);

    void run();

private:
    void do_read();
    void on_read(error_code ec, std::size_t bytes);
    template <typename Response> void send(Response&& res);
    void on_write(bool keep_alive, error_code ec, std::size_t bytes);
    void do_close();

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    live::hub& hub_;
    options const& opts_;
    api_router const& routes_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<void> response_; // keeps the response alive during its write
};

} // namespace tavolo::net
