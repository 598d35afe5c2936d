// Security against the real server: WebSocket Origin checks, join-code and
// password guessing slowed per address, secrets kept out of the log, the
// /metrics endpoint, and TLS (https and wss) with a self-signed certificate.
#include "support/api_client.hpp"
#include "support/demo_access.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <catch2/catch.hpp>

#include <fstream>

using namespace tavolo;
using nlohmann::json;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
namespace ssl = boost::asio::ssl;

namespace {

// A WebSocket upgrade request with this Origin (none if empty): the status.
http::response<http::string_body> upgrade(unsigned short port, std::string const& origin,
                                          std::string const& host) {
    boost::asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    http::request<http::string_body> req{http::verb::get, "/ws", 11};
    req.set(http::field::host, host);
    req.set(http::field::upgrade, "websocket");
    req.set(http::field::connection, "Upgrade");
    req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
    req.set(http::field::sec_websocket_version, "13");
    if (!origin.empty())
        req.set(http::field::origin, origin);
    http::write(stream, req);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.skip(false);
    http::read(stream, buffer, parser);
    return parser.release();
}

json join_message(std::string const& code) {
    return {{"type", "join"},
            {"ref", "j"},
            {"code", code},
            {"name", "Ospite"},
            {"organization", "Ente"}};
}

std::string write_file(std::filesystem::path const& p, std::string const& text) {
    std::ofstream(p) << text;
    return p.string();
}

} // namespace

TEST_CASE("WebSocket upgrades from other sites' pages are refused", "[integration][security]") {
    test::temp_dir dir;
    auto const cfg =
        write_file(dir.path() / "tavolo.json",
                   R"({"security": {"allowed_origins": ["https://partner.example"]}})");
    test::server_process server(dir.path(), {"--config", cfg});
    auto const host = "127.0.0.1:" + std::to_string(server.port());

    CHECK(upgrade(server.port(), "", host).result_int() == 101);               // not a browser
    CHECK(upgrade(server.port(), "http://" + host, host).result_int() == 101); // its own page
    CHECK(upgrade(server.port(), "https://partner.example", host).result_int() == 101);
    auto const refused = upgrade(server.port(), "https://evil.example", host);
    CHECK(refused.result_int() == 403);
    CHECK(json::parse(refused.body())["error"]["code"] == "origin_not_allowed");
    CHECK(upgrade(server.port(), "null", host).result_int() == 403);
    CHECK(upgrade(server.port(), "http://127.0.0.1:1", host).result_int() == 403);

    auto const metrics = test::request(server.port(), http::verb::get, "/metrics");
    CHECK_THAT(metrics.text, Catch::Contains("tavolo_origins_refused_total 3\n"));
}

TEST_CASE("join codes cannot be guessed quickly from one address", "[integration][security]") {
    test::temp_dir dir;
    auto const cfg =
        write_file(dir.path() / "tavolo.json",
                   R"({"security": {"join_failure_burst": 5, "join_failures_per_minute": 1}})");
    test::server_process server(dir.path(), {"--config", cfg});
    auto const code = test::demo_code(dir.path());

    // Many connections, as a guesser would open: the budget is the address's.
    int not_found = 0, throttled = 0;
    for (int i = 0; i < 12; ++i) {
        test::ws_client guesser(server.port());
        guesser.send(join_message("ZZZZ" + std::to_string(2222 + i)));
        auto const reply = guesser.read_until(test::reply_to("j"));
        REQUIRE(reply);
        REQUIRE((*reply)["type"] == "error");
        if ((*reply)["code"] == "meeting_not_found")
            ++not_found;
        else if ((*reply)["code"] == "too_many_attempts")
            ++throttled;
    }
    CHECK(not_found == 5);
    CHECK(throttled == 7);
    // While throttled even the right code is refused: guessing gains nothing.
    test::ws_client right(server.port());
    right.send(join_message(code));
    auto const reply = right.read_until(test::reply_to("j"));
    REQUIRE(reply);
    CHECK((*reply)["code"] == "too_many_attempts");
    auto const metrics = test::request(server.port(), http::verb::get, "/metrics");
    CHECK_THAT(metrics.text, Catch::Contains("tavolo_joins_refused_total 8\n"));
    CHECK_THAT(metrics.text,
               Catch::Contains("tavolo_errors_total{code=\"meeting_not_found\"} 5\n"));
}

TEST_CASE("wrong sign-ins are slowed per address, and no secret reaches the log",
          "[integration][security]") {
    test::temp_dir dir;
    auto const password = test::password_in(test::add_coordinator(dir.path(), "Mara").second);
    auto const cfg = write_file(dir.path() / "tavolo.json",
                                R"({"coordinator_token": "tok-0123456789abcdefghijklmnop",
            "security": {"sign_in_failure_burst": 3, "sign_in_failures_per_minute": 1}})");
    test::server_process server(dir.path(), {"--config", cfg});
    auto const access = test::demo_access(dir.path());

    // A good sign-in, then wrong ones until they are refused unread.
    auto const good = test::request(server.port(), http::verb::post, "/api/v1/session", "",
                                    json{{"name", "Mara"}, {"password", password}}.dump());
    REQUIRE(good.status == 200);
    auto const token = good.set_cookie.substr(
        good.set_cookie.find('=') + 1, good.set_cookie.find(';') - good.set_cookie.find('=') - 1);
    std::vector<unsigned> statuses;
    for (int i = 0; i < 5; ++i)
        statuses.push_back(
            test::request(server.port(), http::verb::post, "/api/v1/session", "",
                          json{{"name", "Mara"}, {"password", "wrong-" + password}}.dump())
                .status);
    CHECK(statuses == std::vector<unsigned>{401, 401, 401, 429, 429});
    // Even the right password waits now.
    auto const later = test::request(server.port(), http::verb::post, "/api/v1/session", "",
                                     json{{"name", "Mara"}, {"password", password}}.dump());
    CHECK(later.status == 429);
    CHECK(later.body["error"]["code"] == "too_many_attempts");

    // Secrets in use: a facilitator joins with the link's secret, a
    // coordinator with the token; a wrong secret is refused.
    auto const staff_join = [&](std::string const& key, std::string const& value) {
        test::ws_client client(server.port());
        client.send({{"type", "join"},
                     {"ref", "j"},
                     {"code", access["join_code"]},
                     {"name", "Staff"},
                     {"organization", ""},
                     {key, value}});
        return *client.read_until(test::reply_to("j"));
    };
    CHECK(staff_join("secret", access["facilitator_secret"])["type"] == "ack");
    CHECK(staff_join("coordinator_token", "tok-0123456789abcdefghijklmnop")["type"] == "ack");
    CHECK(staff_join("secret", "not-the-secret-but-close-to-it")["code"] == "bad_secret");
    CHECK(server.terminate() == 0);

    auto const lines = server.log_lines();
    REQUIRE(lines.size() > 3);
    for (auto const& secret : {password, token, access["facilitator_secret"].get<std::string>(),
                               std::string("tok-0123456789abcdefghijklmnop"),
                               std::string("not-the-secret-but-close-to-it")}) {
        INFO(secret);
        for (auto const& line : lines)
            CHECK(line.find(secret) == std::string::npos);
    }
}

TEST_CASE("GET /metrics counts connections, messages, errors and store writes",
          "[integration][security]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    auto const code = test::demo_code(dir.path());
    test::ws_client a(server.port());
    a.join(code, "Anna", "Comune");
    a.send(
        {{"type", "submit"}, {"ref", "s"}, {"id", "s1"}, {"kind", "need"}, {"text", "Formazione"}});
    REQUIRE(a.read_until(test::reply_to("s")));
    a.send({{"type", "set_phase"}, {"ref", "x"}, {"phase", "vote"}});
    REQUIRE(a.read_until(test::reply_to("x")));

    auto const m = test::request(server.port(), http::verb::get, "/metrics");
    REQUIRE(m.status == 200);
    CHECK_THAT(m.content_type, Catch::StartsWith("text/plain; version=0.0.4"));
    CHECK_THAT(m.text, Catch::Contains("tavolo_websocket_connections 1\n"));
    CHECK_THAT(m.text, Catch::Contains("tavolo_meetings 11\n")); // the demo's year
    CHECK_THAT(m.text, Catch::Contains("tavolo_messages_in_total 3\n"));
    CHECK_THAT(m.text, Catch::Contains("tavolo_errors_total{code=\"forbidden\"} 1\n"));
    CHECK_THAT(m.text, Catch::Contains("tavolo_joins_total 1\n"));
    // The contribution was written to the store.
    auto const at = m.text.find("tavolo_store_write_seconds_count ");
    REQUIRE(at != std::string::npos);
    CHECK(std::stoi(m.text.substr(at + 33)) >= 1);

    test::temp_dir off;
    auto const cfg = write_file(off.path() / "tavolo.json", R"({"metrics": false})");
    test::server_process quiet(off.path(), {"--config", cfg});
    CHECK(test::request(quiet.port(), http::verb::get, "/metrics").status == 404);
}

TEST_CASE("TLS: https and wss with a self-signed certificate", "[integration][security]") {
    test::temp_dir dir;
    auto const key = dir.path() / "key.pem";
    auto const cert = dir.path() / "cert.pem";
    auto const [status, output] = test::run_command(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout '" +
        key.string() + "' -out '" + cert.string() + "' 2>&1");
    REQUIRE(status == 0);
    auto const cfg = write_file(dir.path() / "tavolo.json",
                                R"({"tls": {"certificate": ")" + cert.string() +
                                    R"(", "private_key": ")" + key.string() + R"("}})");
    test::server_process server(dir.path(), {"--config", cfg});
    auto const code = test::demo_code(dir.path());

    boost::asio::io_context ioc;
    ssl::context tls(ssl::context::tls_client);
    tls.load_verify_file(cert.string()); // trust exactly this certificate
    tls.set_verify_mode(ssl::verify_peer);
    boost::asio::ip::tcp::endpoint const ep(boost::asio::ip::make_address("127.0.0.1"),
                                            server.port());
    {
        boost::beast::ssl_stream<boost::beast::tcp_stream> https(ioc, tls);
        boost::beast::get_lowest_layer(https).connect(ep);
        https.handshake(ssl::stream_base::client);
        http::request<http::string_body> req{http::verb::get, "/healthz", 11};
        req.set(http::field::host, "localhost");
        http::write(https, req);
        boost::beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(https, buffer, res);
        CHECK(res.result_int() == 200);
        CHECK(json::parse(res.body())["status"] == "ok");
        CHECK(res["Strict-Transport-Security"] == "max-age=31536000");
    }
    {
        websocket::stream<boost::beast::ssl_stream<boost::beast::tcp_stream>> wss(ioc, tls);
        boost::beast::get_lowest_layer(wss).connect(ep);
        wss.next_layer().handshake(ssl::stream_base::client);
        wss.handshake("localhost", "/ws");
        wss.write(boost::asio::buffer(json{
            {"type", "join"},
            {"ref", "j"},
            {"code", code},
            {"name", "Anna"},
            {"organization", "Comune"}}.dump()));
        for (;;) {
            boost::beast::flat_buffer buffer;
            wss.read(buffer);
            auto const f = json::parse(boost::beast::buffers_to_string(buffer.data()));
            if (f["type"] == "presence")
                continue;
            CHECK(f["type"] == "ack");
            CHECK(f["ref"] == "j");
            break;
        }
        wss.close(websocket::close_code::normal);
    }
    // Plain HTTP on the TLS port gets no answer.
    {
        boost::beast::tcp_stream plain(ioc);
        plain.connect(ep);
        http::request<http::string_body> req{http::verb::get, "/healthz", 11};
        req.set(http::field::host, "localhost");
        http::write(plain, req);
        boost::beast::flat_buffer buffer;
        http::response<http::string_body> res;
        boost::beast::error_code ec;
        http::read(plain, buffer, res, ec);
        CHECK(ec);
    }
}

TEST_CASE("a TLS key that cannot be read stops start-up with a message naming it",
          "[integration][security]") {
    test::temp_dir dir;
    auto const cfg = write_file(dir.path() / "tavolo.json",
                                R"({"tls": {"certificate": "/nonexistent/cert.pem",
                                            "private_key": "/nonexistent/key.pem"}})");
    auto const [status, output] = test::run_tavolo("serve --port 0 --data '" + dir.path().string() +
                                                   "' --config '" + cfg + "' 2>&1");
    CHECK(status == 1);
    CHECK_THAT(output, Catch::Contains("/nonexistent/cert.pem"));
}
