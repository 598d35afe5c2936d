#include "app/metrics.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::app;

TEST_CASE("metrics render in the Prometheus text format", "[app][metrics]") {
    metrics_snapshot m;
    m.websockets_open = 3;
    m.frames_in = 40;
    m.http_responses[2] = 7;
    m.http_responses[4] = 1;
    m.meetings = 2;
    m.errors = {{"rate_limited", 5}, {"wrong_phase", 1}};
    m.store.count = 4;
    m.store.at_most = {1, 2, 3, 4, 4, 4, 4, 4, 4, 4};
    m.store.seconds = 0.0125;
    m.store.failed = 1;
    auto const text = render_metrics(m);
    CHECK_THAT(text, Catch::Contains("# TYPE tavolo_websocket_connections gauge\n"
                                     "tavolo_websocket_connections 3\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_messages_in_total 40\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_meetings 2\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_errors_total{code=\"rate_limited\"} 5\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_errors_total{code=\"wrong_phase\"} 1\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_http_responses_total{class=\"2xx\"} 7\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_http_responses_total{class=\"4xx\"} 1\n"));
    CHECK_THAT(text, Catch::Contains("# TYPE tavolo_store_write_seconds histogram\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_store_write_seconds_bucket{le=\"0.001\"} 1\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_store_write_seconds_bucket{le=\"0.0025\"} 2\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_store_write_seconds_bucket{le=\"+Inf\"} 4\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_store_write_seconds_count 4\n"));
    CHECK_THAT(text, Catch::Contains("tavolo_store_writes_failed_total 1\n"));
    // Every sample line is "name{labels} value": no blank or stray lines.
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto const end = text.find('\n', pos);
        REQUIRE(end != std::string::npos);
        auto const line = text.substr(pos, end - pos);
        CHECK_FALSE(line.empty());
        if (line[0] != '#')
            CHECK(line.find(' ') != std::string::npos);
        pos = end + 1;
    }
}
