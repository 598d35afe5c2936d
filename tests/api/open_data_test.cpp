// Where the open-data catalogue says tavolo lives: the configured address,
// else the request's own scheme and Host, and never a Host that could write
// into the catalogue's IRIs.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace tavolo;

namespace {

net::api_request with_host(std::string host, bool secure = false) {
    net::api_request req;
    req.headers["host"] = std::move(host);
    req.secure = secure;
    return req;
}

} // namespace

TEST_CASE("the catalogue's base address: configured, or the request's scheme and Host",
          "[api][open_data]") {
    api::site_options site;
    CHECK(api::public_base_url(site, with_host("127.0.0.1:8080")) == "http://127.0.0.1:8080");
    CHECK(api::public_base_url(site, with_host("partecipa.example", true)) ==
          "https://partecipa.example");
    CHECK(api::public_base_url(site, with_host("[::1]:8080")) == "http://[::1]:8080");
    for (auto const* bad : {"", "a b", "x>y", "x\"y", "x/y", "a@b", "x\r\ny"})
        CHECK_FALSE(api::public_base_url(site, with_host(bad)));
    CHECK_FALSE(api::public_base_url(site, net::api_request{}));

    site.public_url = "https://partecipa.regione.example";
    CHECK(api::public_base_url(site, with_host("evil.example")) ==
          "https://partecipa.regione.example");
    CHECK(api::public_base_url(site, net::api_request{}) == "https://partecipa.regione.example");
}
