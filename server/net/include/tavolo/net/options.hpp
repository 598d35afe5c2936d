// The network module's settings, each an explicit, named limit; the app fills
// them from the configuration (config/tavolo.example.json documents each).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

namespace tavolo::net {

struct options {
    std::string bind = "127.0.0.1";
    unsigned short port = 8080;
    std::filesystem::path web_root;
    std::size_t max_http_body_bytes = 1 << 20;
    std::chrono::seconds http_timeout{30};
    std::size_t max_frame_bytes = 64 * 1024;
    std::size_t max_send_queue_bytes = 4 << 20;
    std::chrono::seconds ws_idle_timeout{120};
};

// One answer of the HTTP API.
struct api_response {
    unsigned status = 200;
    std::string body;
    std::string content_type = "application/json";
};

struct api_request {
    std::string method;
    std::string target;
    std::string body;
};

// Handlers run on the HTTP session's strand: keep them short and non-blocking.
using api_handler = std::function<api_response(api_request const&)>;

// Routes by exact path ("/healthz", "/api/v1/..."), each to one handler.
using api_routes = std::map<std::string, api_handler, std::less<>>;

} // namespace tavolo::net
