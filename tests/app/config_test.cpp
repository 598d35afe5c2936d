#include "app/config.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::app;

TEST_CASE("defaults are sensible", "[app][config]") {
    auto const c = default_config();
    CHECK(c.net.port == 8080);
    CHECK(c.net.bind == "127.0.0.1");
    CHECK(c.data_dir == "./data");
    CHECK(std::filesystem::exists(c.net.web_root / "index.html"));
    CHECK(c.store.database.synchronous == "full");
    CHECK(c.demo);
    CHECK(std::filesystem::exists(c.vectors)); // the shipped word vectors
    CHECK(c.clustering_threads == 1);
}

TEST_CASE("clustering settings: the shipped vectors, another file, or none", "[app][config]") {
    auto c = default_config();
    auto const shipped = c.vectors;
    apply_config_json(c, R"({"clustering": {"vectors": "", "threads": 2}})", "t");
    CHECK(c.vectors == shipped);
    CHECK(c.clustering_threads == 2);
    apply_config_json(c, R"({"clustering": {"vectors": "/srv/cc.it.300.vec"}})", "t");
    CHECK(c.vectors == "/srv/cc.it.300.vec");
    apply_config_json(c, R"({"clustering": {"vectors": "none"}})", "t");
    CHECK(c.vectors.empty());
    CHECK_THROWS_WITH(apply_config_json(c, R"({"clustering": {"threads": 0}})", "t"),
                      Catch::Contains("clustering.threads"));
}

TEST_CASE("the example configuration loads and sets every key it names", "[app][config]") {
    auto c = default_config();
    apply_config_file(c, TAVOLO_SOURCE_DIR "/config/tavolo.example.json");
    CHECK(c.net.port == 8080);
    CHECK(c.live.messages.max_text_chars == 1000);
    CHECK(c.live.messages_per_second == 20);
    CHECK(c.meetings.support_budget == 5);
    CHECK(c.live.coordinator_token_hash.empty());
    CHECK(c.live.rooms.max_participants == 2000);
    CHECK(c.live.rooms.lanes_from == 1000);
    CHECK(c.coordinators.session_lifetime == std::chrono::hours(12));
    CHECK(c.shutdown_timeout == std::chrono::seconds(10));
    CHECK(c.metrics);
    CHECK(c.net.allowed_origins.empty());
    CHECK(c.net.tls_certificate.empty());
    CHECK(c.live.join_failure_burst == 20);
    CHECK(c.coordinators.sign_in_failures_per_minute == 5);
    CHECK(c.coordinators.site.public_url.empty());
    CHECK(c.coordinators.site.licence_name == "CC BY 4.0");
}

TEST_CASE("the site and open-data settings are checked", "[app][config]") {
    auto c = default_config();
    apply_config_json(c, R"({"site": {"public_url": "https://partecipa.example/",
        "body_name": "Regione Esempio", "ipa_code": "r_esempio",
        "accessibility_statement_url": "https://form.agid.gov.it/view/x",
        "feedback_email": "accessibilita@regione.example"},
        "open_data": {"licence_name": "CC0 1.0", "contact_email": "opendata@regione.example",
                      "licence_url": "https://creativecommons.org/publicdomain/zero/1.0/"}})",
                      "t");
    CHECK(c.coordinators.site.public_url == "https://partecipa.example");
    CHECK(c.coordinators.site.ipa_code == "r_esempio");
    CHECK(c.coordinators.site.feedback_email == "accessibilita@regione.example");
    CHECK(c.coordinators.site.licence_name == "CC0 1.0");
    CHECK(c.coordinators.site.contact_email == "opendata@regione.example");
    CHECK_THROWS_WITH(apply_config_json(c, R"({"site": {"public_url": "partecipa.example"}})", "t"),
                      Catch::Contains("site.public_url"));
    CHECK_THROWS_WITH(apply_config_json(c, R"({"site": {"feedback_email": "nobody"}})", "t"),
                      Catch::Contains("site.feedback_email"));
    CHECK(c.coordinators.site.accessibility_statement_url == "https://form.agid.gov.it/view/x");
    CHECK_THROWS_WITH(
        apply_config_json(c, R"({"site": {"accessibility_statement_url": "javascript:x"}})", "t"),
        Catch::Contains("site.accessibility_statement_url"));
    CHECK_THROWS_WITH(apply_config_json(c, R"({"open_data": {"contact_email": "x"}})", "t"),
                      Catch::Contains("open_data.contact_email"));
    CHECK_THROWS_WITH(apply_config_json(c, R"({"open_data": {"licence_url": ""}})", "t"),
                      Catch::Contains("open_data.licence_url"));
}

TEST_CASE("the coordinators' session lifetime is set in hours, within bounds", "[app][config]") {
    auto c = default_config();
    apply_config_json(c, R"({"coordinators": {"session_hours": 2}})", "t");
    CHECK(c.coordinators.session_lifetime == std::chrono::hours(2));
    CHECK_THROWS_WITH(apply_config_json(c, R"({"coordinators": {"session_hours": 0}})", "t"),
                      Catch::Contains("coordinators.session_hours"));
    CHECK_THROWS_WITH(apply_config_json(c, R"({"coordinators": {"session_hours": 100000}})", "t"),
                      Catch::Contains("coordinators.session_hours"));
    CHECK_THROWS_WITH(apply_config_json(c, R"({"coordinators": {"lifetime": 1}})", "t"),
                      Catch::Contains("coordinators.lifetime"));
}

TEST_CASE("settings override defaults, with comments allowed", "[app][config]") {
    auto c = default_config();
    apply_config_json(c, R"({
        // a comment
        "port": 0, "bind": "0.0.0.0", "data_dir": "/tmp/x", "threads": 3, "demo": false,
        "limits": {"max_text_chars": 500, "max_frame_bytes": 4096,
                   "http_timeout_seconds": 5, "max_participants_per_meeting": 10,
                   "fan_out_lanes_from": 2, "ws_close_linger_ms": 250},
        "store": {"synchronous": "normal", "max_batch": 64}
    })",
                      "test");
    CHECK(c.net.port == 0);
    CHECK(c.net.bind == "0.0.0.0");
    CHECK(c.data_dir == "/tmp/x");
    CHECK(c.threads == 3);
    CHECK_FALSE(c.demo);
    CHECK(c.live.messages.max_text_chars == 500);
    CHECK(c.net.max_frame_bytes == 4096);
    CHECK(c.net.http_timeout == std::chrono::seconds(5));
    CHECK(c.live.rooms.max_participants == 10);
    CHECK(c.live.rooms.lanes_from == 2);
    CHECK(c.net.ws_close_linger == std::chrono::milliseconds(250));
    CHECK(c.store.database.synchronous == "normal");
    CHECK(c.store.max_batch == 64);
}

TEST_CASE("unknown keys and bad values stop start-up, naming the setting", "[app][config]") {
    auto c = default_config();
    auto fails = [&](std::string const& text) {
        try {
            apply_config_json(c, text, "f.json");
        } catch (config_error const& e) {
            return std::string(e.what());
        }
        FAIL("accepted: " << text);
        return std::string();
    };
    CHECK_THAT(fails(R"({"prot": 8080})"), Catch::Contains("unknown setting 'prot'"));
    CHECK_THAT(fails(R"({"limits": {"max_txt": 1}})"),
               Catch::Contains("unknown setting 'limits.max_txt'"));
    CHECK_THAT(fails(R"({"port": 70000})"), Catch::Contains("'port'"));
    CHECK_THAT(fails(R"({"port": "80"})"), Catch::Contains("'port'"));
    CHECK_THAT(fails(R"({"limits": {"max_text_chars": 0}})"),
               Catch::Contains("'limits.max_text_chars'"));
    CHECK_THAT(fails(R"({"limits": {"max_text_chars": -5}})"),
               Catch::Contains("'limits.max_text_chars'"));
    CHECK_THAT(fails(R"({"store": {"synchronous": "off"}})"),
               Catch::Contains("'store.synchronous'"));
    CHECK_THAT(fails(R"({"demo": "yes"})"), Catch::Contains("'demo'"));
    CHECK_THAT(fails(R"({"coordinator_token": "short"})"), Catch::Contains("'coordinator_token'"));
    CHECK_THAT(fails(R"({"meetings": {"support_budget": -1}})"),
               Catch::Contains("'meetings.support_budget'"));
    CHECK_THAT(fails(R"({"limits": 3})"), Catch::Contains("'limits' must be an object"));
    CHECK_THAT(fails(R"([1])"), Catch::Contains("JSON object"));
    CHECK_THAT(fails(R"({"port": )"), Catch::Contains("f.json: not valid JSON"));
    CHECK_THROWS_WITH(apply_config_file(c, "/nonexistent/t.json"),
                      Catch::Contains("cannot read the configuration file"));
}

TEST_CASE("security, TLS, shutdown and metrics settings", "[app][config]") {
    auto c = default_config();
    CHECK(c.shutdown_timeout == std::chrono::seconds(10));
    CHECK(c.metrics);
    CHECK(c.net.allowed_origins.empty());
    CHECK(c.net.tls_certificate.empty());
    apply_config_json(c, R"({
        "shutdown_timeout_seconds": 3, "metrics": false,
        "tls": {"certificate": "/etc/tavolo/cert.pem", "private_key": "/etc/tavolo/key.pem"},
        "security": {"allowed_origins": ["https://partecipa.example.org"],
                     "join_failure_burst": 5, "join_failures_per_minute": 2,
                     "sign_in_failure_burst": 3, "sign_in_failures_per_minute": 1}
    })",
                      "t");
    CHECK(c.shutdown_timeout == std::chrono::seconds(3));
    CHECK_FALSE(c.metrics);
    CHECK(c.net.tls_certificate == "/etc/tavolo/cert.pem");
    CHECK(c.net.tls_private_key == "/etc/tavolo/key.pem");
    CHECK(c.net.allowed_origins == std::vector<std::string>{"https://partecipa.example.org"});
    CHECK(c.live.join_failure_burst == 5);
    CHECK(c.live.join_failures_per_minute == 2);
    CHECK(c.coordinators.sign_in_failure_burst == 3);
    CHECK(c.coordinators.sign_in_failures_per_minute == 1);

    CHECK_THROWS_WITH(
        apply_config_json(c, R"({"security": {"allowed_origins": ["partecipa.example.org"]}})",
                          "t"),
        Catch::Contains("security.allowed_origins"));
    CHECK_THROWS_WITH(
        apply_config_json(c, R"({"security": {"allowed_origins": ["https://a.example/"]}})", "t"),
        Catch::Contains("no path"));
    CHECK_THROWS_WITH(apply_config_json(c, R"({"shutdown_timeout_seconds": 0})", "t"),
                      Catch::Contains("shutdown_timeout_seconds"));
    CHECK_THROWS_WITH(apply_config_json(c, R"({"tls": {"cert": "x"}})", "t"),
                      Catch::Contains("tls.cert"));
}

TEST_CASE("trusted proxies are addresses or CIDR ranges; header limits are named",
          "[app][config]") {
    auto c = default_config();
    CHECK(c.net.trusted_proxies.empty());
    CHECK(c.net.max_http_header_bytes == 16384);
    CHECK(c.net.max_http_header_fields == 100);
    apply_config_json(c,
                      R"({"security": {"trusted_proxies": ["127.0.0.1", "10.0.0.0/8", "fd00::/8"]},
        "limits": {"max_http_header_bytes": 32768, "max_http_header_fields": 50}})",
                      "t");
    REQUIRE(c.net.trusted_proxies.size() == 3);
    CHECK(tavolo::net::in_ranges("10.20.30.40", c.net.trusted_proxies));
    CHECK(tavolo::net::in_ranges("fd00::5", c.net.trusted_proxies));
    CHECK_FALSE(tavolo::net::in_ranges("192.168.0.1", c.net.trusted_proxies));
    CHECK(c.net.max_http_header_bytes == 32768);
    CHECK(c.net.max_http_header_fields == 50);
    for (auto const* bad : {R"({"security": {"trusted_proxies": "127.0.0.1"}})",
                            R"({"security": {"trusted_proxies": ["proxy.example"]}})",
                            R"({"security": {"trusted_proxies": ["10.0.0.0/40"]}})",
                            R"({"security": {"trusted_proxies": [7]}})"})
        CHECK_THROWS_WITH(apply_config_json(c, bad, "t"),
                          Catch::Contains("security.trusted_proxies"));
}
