#include "tavolo/net/origin.hpp"

#include <catch2/catch.hpp>

using tavolo::net::origin_allowed;

TEST_CASE("WebSocket upgrades from the server's own pages are allowed", "[net][origin]") {
    std::vector<std::string> const none;
    CHECK(origin_allowed("http://localhost:8080", "localhost:8080", none));
    CHECK(origin_allowed("https://tavolo.example.org", "tavolo.example.org", none));
    CHECK(origin_allowed("HTTP://LOCALHOST:8080", "localhost:8080", none) == false); // scheme
    CHECK(origin_allowed("http://LocalHost:8080", "localhost:8080", none));
}

TEST_CASE("other sites are refused unless configured", "[net][origin]") {
    std::vector<std::string> const allowed{"https://partecipa.example.org"};
    CHECK_FALSE(origin_allowed("https://evil.example", "localhost:8080", allowed));
    CHECK_FALSE(origin_allowed("http://localhost:8081", "localhost:8080", allowed));
    CHECK_FALSE(origin_allowed("http://localhost", "localhost:8080", allowed));
    CHECK_FALSE(origin_allowed("null", "localhost:8080", allowed));
    CHECK_FALSE(origin_allowed("", "localhost:8080", allowed));
    CHECK_FALSE(origin_allowed("http://", "", allowed));
    CHECK_FALSE(origin_allowed("localhost:8080", "localhost:8080", allowed));
    CHECK(origin_allowed("https://partecipa.example.org", "localhost:8080", allowed));
    CHECK(origin_allowed("https://Partecipa.Example.org", "tavolo:8080", allowed));
    CHECK_FALSE(origin_allowed("https://partecipa.example.org.evil.example", "x", allowed));
}
