// The network front: one port for the page, the HTTP API and the WebSocket
// endpoint /ws. Owned by the app; its options and routes must outlive it.
#pragma once

#include "tavolo/live/hub.hpp"
#include "tavolo/net/api.hpp"
#include "tavolo/net/options.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string>

namespace tavolo::net {

class listener;

class server {
public:
    server(boost::asio::io_context& ioc, live::hub& hub, options opts, api_router routes);
    ~server();
    server(server const&) = delete;
    server& operator=(server const&) = delete;

    // Binds and starts accepting. Throws std::runtime_error naming the address
    // when it cannot bind. Returns the port bound (useful with port 0).
    unsigned short start();
    // Stops accepting new connections.
    void stop();

private:
    boost::asio::io_context& ioc_;
    live::hub& hub_;
    options const opts_;
    api_router const routes_;
    std::shared_ptr<listener> listener_;
};

} // namespace tavolo::net
