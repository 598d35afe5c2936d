// The network module's settings, each an explicit, named limit; the app fills
// them from the configuration (config/tavolo.example.json documents each).
#pragma once

#include "tavolo/net/client_address.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace tavolo::net {

struct options {
    std::string bind = "127.0.0.1";
    unsigned short port = 8080;
    std::filesystem::path web_root;
    std::size_t max_http_body_bytes = 1 << 20;
    // A request's line and headers together (larger: 431, or 414 when the
    // request line alone takes over half of it); and how many header fields.
    std::size_t max_http_header_bytes = 16 * 1024;
    std::size_t max_http_header_fields = 100;
    std::chrono::seconds http_timeout{30};
    std::size_t max_frame_bytes = 64 * 1024;
    std::size_t max_send_queue_bytes = 4 << 20;
    std::chrono::seconds ws_idle_timeout{120};
    // After its close frame (1009 for a frame over max_frame_bytes, 1001 on
    // shutdown) the server reads and drops what the client still sends for
    // at most this long before closing the socket: closing with unread data
    // would reset the connection and the client might never read the close.
    std::chrono::milliseconds ws_close_linger{2000};
    // Origins ("https://host[:port]") whose pages may open a WebSocket here,
    // besides the server's own pages (an Origin naming the requested Host).
    // A WebSocket upgrade without Origin (not from a browser) is let
    // through; an API change (POST, PUT, PATCH, DELETE) is not (origin.hpp).
    std::vector<std::string> allowed_origins;
    // Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.
    std::vector<address_range> trusted_proxies;
    // TLS: PEM certificate chain and private key. Both empty: plain HTTP.
    std::filesystem::path tls_certificate;
    std::filesystem::path tls_private_key;
};

} // namespace tavolo::net
