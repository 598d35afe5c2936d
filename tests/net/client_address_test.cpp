#include "tavolo/net/client_address.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::net;

namespace {

std::vector<address_range> ranges(std::vector<std::string> const& texts) {
    std::vector<address_range> out;
    for (auto const& t : texts) {
        auto const r = parse_address_range(t);
        REQUIRE(r);
        out.push_back(*r);
    }
    return out;
}

} // namespace

TEST_CASE("proxy ranges are addresses or CIDR ranges, IPv4 and IPv6", "[net][proxies]") {
    auto const r = ranges({"10.0.0.0/8", "192.168.1.7", "fd00::/8", "::1", "172.16.0.0/12"});
    CHECK(in_ranges("10.1.2.3", r));
    CHECK(in_ranges("10.255.255.255", r));
    CHECK_FALSE(in_ranges("11.0.0.1", r));
    CHECK(in_ranges("192.168.1.7", r));
    CHECK_FALSE(in_ranges("192.168.1.8", r));
    CHECK(in_ranges("172.31.255.1", r));
    CHECK_FALSE(in_ranges("172.32.0.1", r));
    CHECK(in_ranges("fd12:3456::1", r));
    CHECK_FALSE(in_ranges("fe80::1", r));
    CHECK(in_ranges("::1", r));
    CHECK_FALSE(in_ranges("::2", r));
    // A dual-stack socket's IPv4 peer is an IPv4-mapped IPv6 address.
    CHECK(in_ranges("::ffff:10.9.8.7", r));
    CHECK_FALSE(in_ranges("not an address", r));
    CHECK_FALSE(in_ranges("", r));
    CHECK(in_ranges("1.2.3.4", ranges({"0.0.0.0/0"})));
    CHECK_FALSE(in_ranges("1.2.3.4", ranges({"127.0.0.1/32"})));
}

TEST_CASE("malformed proxy ranges are refused", "[net][proxies]") {
    for (auto const* bad : {"", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8x", "::/129", "10.0.0.1/8",
                            "example.org", "10.0.0", "fd00::1/8"})
        CHECK_FALSE(parse_address_range(bad));
    CHECK(parse_address_range("::/0"));
    CHECK(parse_address_range("2001:db8::/32"));
}

TEST_CASE("only a trusted proxy's forwarded address and scheme are believed", "[net][proxies]") {
    auto const trusted = ranges({"127.0.0.1", "10.0.0.0/8"});
    SECTION("an untrusted peer is the client, whatever it claims") {
        auto const v = effective_client("203.0.113.9", false, "198.51.100.1", "https", trusted);
        CHECK(v.address == "203.0.113.9");
        CHECK_FALSE(v.https);
    }
    SECTION("a trusted peer: the right-most address that is not a proxy") {
        auto const v = effective_client("127.0.0.1", false, "6.6.6.6, 198.51.100.1, 10.0.0.5",
                                        "https", trusted);
        CHECK(v.address == "198.51.100.1"); // 6.6.6.6 is the client's own claim
        CHECK(v.https);
    }
    SECTION("a trusted peer without X-Forwarded-For is the client") {
        auto const v = effective_client("127.0.0.1", false, "", "", trusted);
        CHECK(v.address == "127.0.0.1");
        CHECK_FALSE(v.https);
    }
    SECTION("every hop trusted: the left-most") {
        CHECK(effective_client("127.0.0.1", false, "10.0.0.2, 10.0.0.3", "", trusted).address ==
              "10.0.0.2");
    }
    SECTION("garbage stops the walk at the last trusted hop") {
        CHECK(effective_client("127.0.0.1", false, "1.1.1.1, nonsense, 10.0.0.3", "", trusted)
                  .address == "10.0.0.3");
        CHECK(effective_client("127.0.0.1", false, "nonsense", "", trusted).address == "127.0.0.1");
    }
    SECTION("ports and IPv6 brackets are taken off") {
        CHECK(effective_client("127.0.0.1", false, "198.51.100.1:5555", "", trusted).address ==
              "198.51.100.1");
        CHECK(effective_client("127.0.0.1", false, "[2001:db8::7]:443", "", trusted).address ==
              "2001:db8::7");
        CHECK(effective_client("127.0.0.1", false, "2001:db8::7", "", trusted).address ==
              "2001:db8::7");
    }
    SECTION("the nearest proxy's scheme counts; TLS to tavolo is https anyway") {
        CHECK_FALSE(effective_client("127.0.0.1", false, "", "https, http", trusted).https);
        CHECK(effective_client("127.0.0.1", false, "", "HTTPS", trusted).https);
        CHECK(effective_client("203.0.113.9", true, "", "http", trusted).https);
    }
    SECTION("no proxies configured: nothing forwarded is believed") {
        auto const v = effective_client("127.0.0.1", false, "198.51.100.1", "https", {});
        CHECK(v.address == "127.0.0.1");
        CHECK_FALSE(v.https);
    }
}
