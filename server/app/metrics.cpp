#include "metrics.hpp"

#include <sstream>

namespace tavolo::app {
namespace {

void family(std::ostringstream& out, char const* name, char const* type, char const* help) {
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

template <typename T>
void single(std::ostringstream& out, char const* name, char const* type, char const* help,
            T value) {
    family(out, name, type, help);
    out << name << ' ' << value << '\n';
}

} // namespace

std::string render_metrics(metrics_snapshot const& m) {
    std::ostringstream out;
    single(out, "tavolo_websocket_connections", "gauge", "WebSocket connections open now.",
           m.websockets_open);
    single(out, "tavolo_websocket_connections_total", "counter",
           "WebSocket connections accepted since start.", m.websockets_total);
    single(out, "tavolo_meetings", "gauge", "Meetings the server holds.", m.meetings);
    single(out, "tavolo_messages_in_total", "counter", "WebSocket messages received.", m.frames_in);
    single(out, "tavolo_messages_out_total", "counter", "WebSocket messages sent.", m.frames_out);
    single(out, "tavolo_joins_total", "counter", "Joins handed to a meeting.", m.joins);
    single(out, "tavolo_joins_refused_total", "counter",
           "Joins refused because their address failed too often.", m.joins_refused);
    single(out, "tavolo_slow_clients_dropped_total", "counter",
           "Connections dropped for falling too far behind.", m.slow_clients_dropped);
    single(out, "tavolo_origins_refused_total", "counter",
           "WebSocket upgrades refused for their Origin.", m.origins_refused);
    single(out, "tavolo_tls_handshakes_failed_total", "counter", "TLS handshakes that failed.",
           m.tls_handshakes_failed);

    family(out, "tavolo_errors_total", "counter", "Protocol errors sent to clients, by code.");
    for (auto const& [code, n] : m.errors)
        out << "tavolo_errors_total{code=\"" << code << "\"} " << n << '\n';

    family(out, "tavolo_http_responses_total", "counter", "HTTP responses, by status class.");
    for (std::size_t c = 1; c < m.http_responses.size(); ++c)
        out << "tavolo_http_responses_total{class=\"" << c << "xx\"} " << m.http_responses[c]
            << '\n';

    family(out, "tavolo_store_write_seconds", "histogram",
           "Time from queuing a store write to its durable commit.");
    for (std::size_t b = 0; b < store::write_stats::bounds.size(); ++b)
        out << "tavolo_store_write_seconds_bucket{le=\"" << store::write_stats::bounds[b] << "\"} "
            << m.store.at_most[b] << '\n';
    out << "tavolo_store_write_seconds_bucket{le=\"+Inf\"} " << m.store.count << '\n'
        << "tavolo_store_write_seconds_sum " << m.store.seconds << '\n'
        << "tavolo_store_write_seconds_count " << m.store.count << '\n';
    single(out, "tavolo_store_writes_failed_total", "counter", "Store writes that failed.",
           m.store.failed);
    single(out, "tavolo_store_batches_total", "counter", "Store transactions committed.",
           m.store.batches);
    return out.str();
}

} // namespace tavolo::app
