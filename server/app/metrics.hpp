// GET /metrics: the server's counters in the Prometheus text format (0.0.4).
// The app gathers a snapshot from each module; rendering is a pure function.
#pragma once

#include "tavolo/store/write_queue.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>

namespace tavolo::app {

struct metrics_snapshot {
    std::int64_t websockets_open = 0;
    std::uint64_t websockets_total = 0;
    std::uint64_t frames_in = 0;
    std::uint64_t frames_out = 0;
    std::uint64_t slow_clients_dropped = 0;
    std::uint64_t origins_refused = 0;
    std::uint64_t tls_handshakes_failed = 0;
    std::array<std::uint64_t, 6> http_responses{}; // by status class, [2]: 2xx
    std::uint64_t meetings = 0;
    std::uint64_t joins = 0;
    std::uint64_t joins_refused = 0;
    std::map<std::string, std::uint64_t> errors; // protocol errors sent, by code
    store::write_stats store;
};

std::string render_metrics(metrics_snapshot const& m);

} // namespace tavolo::app
