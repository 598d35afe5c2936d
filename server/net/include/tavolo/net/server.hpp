// The network front: one port for the page, the HTTP API and the WebSocket
// endpoint /ws, over plain TCP or TLS. Owned by the app; its options and
// routes must outlive it.
#pragma once

#include "tavolo/live/gateway.hpp"
#include "tavolo/net/api.hpp"
#include "tavolo/net/options.hpp"

#include <boost/asio/io_context.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace tavolo::net {

class listener;
class static_cache;
struct context;

// Counters for /metrics, updated without locks by every session.
struct net_counters {
    std::atomic<std::int64_t> websockets_open{0};
    std::atomic<std::uint64_t> websockets_total{0};
    std::atomic<std::uint64_t> frames_in{0};
    std::atomic<std::uint64_t> frames_out{0};
    std::atomic<std::uint64_t> slow_clients_dropped{0};
    std::atomic<std::uint64_t> origins_refused{0};
    std::atomic<std::uint64_t> tls_handshakes_failed{0};
    // HTTP responses by status class: [1] 1xx ... [5] 5xx.
    std::array<std::atomic<std::uint64_t>, 6> http_responses{};
};

class server {
public:
    // `live` receives every WebSocket (live::hub in the app) and must
    // outlive the server. Throws std::runtime_error naming the file when TLS
    // is configured and its certificate or key cannot be loaded.
    server(boost::asio::io_context& ioc, live::gateway& live, options opts, api_router routes);
    ~server();
    server(server const&) = delete;
    server& operator=(server const&) = delete;

    // Binds and starts accepting. Throws std::runtime_error naming the address
    // when it cannot bind. Returns the port bound (useful with port 0).
    unsigned short start();
    // Stops accepting new connections.
    void stop();

    bool tls() const noexcept { return tls_ != nullptr; }
    net_counters const& counters() const noexcept { return counters_; }

private:
    boost::asio::io_context& ioc_;
    options const opts_;
    api_router const routes_;
    net_counters counters_;
    std::unique_ptr<static_cache> files_;
    std::unique_ptr<boost::asio::ssl::context> tls_;
    std::unique_ptr<context> context_;
    std::shared_ptr<listener> listener_;
};

} // namespace tavolo::net
