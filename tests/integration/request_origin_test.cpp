// Requests as the edge of the real server sees them: API changes only from
// tavolo's own pages (Origin, Sec-Fetch-Site, JSON bodies), clients behind
// trusted proxies (X-Forwarded-For, X-Forwarded-Proto: limits per real
// client, the Secure cookie, Retry-After), and malformed HTTP answered with a
// status (414, 431, 400) before the connection closes.
#include "support/api_client.hpp"
#include "support/demo_access.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace tavolo;
using nlohmann::json;
namespace http = boost::beast::http;

namespace {

std::string write_file(std::filesystem::path const& p, std::string const& text) {
    std::ofstream(p) << text;
    return p.string();
}

// A request with exactly the headers given (besides Host) and a JSON body.
test::answer send(unsigned short port, http::verb verb, std::string const& target,
                  std::vector<std::pair<std::string, std::string>> const& headers,
                  std::string const& body = "") {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (auto const& [name, value] : headers)
        req.set(name, value);
    req.body() = body;
    return test::exchange(port, std::move(req));
}

std::string sign_in_body(std::string const& name, std::string const& password) {
    return json{{"name", name}, {"password", password}}.dump();
}

// The first bytes the server answers to `raw`, read until it closes.
std::string raw_exchange(unsigned short port, std::string const& raw) {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket socket(ioc);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    boost::system::error_code ec;
    boost::asio::write(socket, boost::asio::buffer(raw), ec);
    std::string out;
    char buf[4096];
    for (;;) {
        auto const n = socket.read_some(boost::asio::buffer(buf), ec);
        out.append(buf, n);
        if (ec)
            break;
    }
    return out;
}

} // namespace

TEST_CASE("API changes are accepted only from tavolo's own pages", "[integration][origin]") {
    test::signed_in_server s;
    auto const port = s.server.port();
    auto const body = json{{"slug", "ct-origin"}, {"name", "Comunità"}}.dump();
    auto const json_type = std::pair<std::string, std::string>{"Content-Type", "application/json"};
    auto const cookie = std::pair<std::string, std::string>{"Cookie", s.cookie};

    // Another site's page, with the coordinator's cookie going along.
    auto a = send(port, http::verb::post, "/api/v1/communities",
                  {cookie, json_type, {"Origin", "https://evil.example"}}, body);
    CHECK(a.status == 403);
    CHECK(a.body["error"]["code"] == "origin_not_allowed");
    // The same host by another scheme is another origin.
    a = send(port, http::verb::post, "/api/v1/communities",
             {cookie, json_type, {"Origin", "https://127.0.0.1"}}, body);
    CHECK(a.status == 403);
    // No Origin and no Sec-Fetch-Site: not known to come from tavolo's page.
    a = send(port, http::verb::post, "/api/v1/communities", {cookie, json_type}, body);
    CHECK(a.status == 403);
    CHECK(a.body["error"]["code"] == "origin_not_allowed");
    a = send(port, http::verb::post, "/api/v1/communities",
             {cookie, json_type, {"Sec-Fetch-Site", "cross-site"}}, body);
    CHECK(a.status == 403);
    // Nothing was made by the refused requests.
    CHECK(s.call(http::verb::get, "/api/v1/communities/ct-origin").status == 404);

    // A form's body (text/plain) from tavolo's own origin is refused too.
    a = send(port, http::verb::post, "/api/v1/communities",
             {cookie, {"Content-Type", "text/plain"}, {"Origin", test::own_origin}}, body);
    CHECK(a.status == 403);
    CHECK(a.body["error"]["code"] == "unsupported_media_type");
    a = send(port, http::verb::post, "/api/v1/communities", {cookie, {"Origin", test::own_origin}},
             body);
    CHECK(a.status == 403);
    CHECK(a.body["error"]["code"] == "unsupported_media_type");

    // Sec-Fetch-Site same-origin stands for a missing Origin; charset is fine.
    a = send(port, http::verb::post, "/api/v1/communities",
             {cookie,
              {"Content-Type", "application/json; charset=utf-8"},
              {"Sec-Fetch-Site", "same-origin"}},
             body);
    CHECK(a.status == 201);
    // Reads need neither.
    a = send(port, http::verb::get, "/api/v1/communities/ct-origin", {cookie});
    CHECK(a.status == 200);
    a = send(port, http::verb::get, "/api/v1/communities/ct-origin",
             {cookie, {"Origin", "https://evil.example"}});
    CHECK(a.status == 200);
    // A change without a body needs no content type, but still an Origin.
    a = send(port, http::verb::delete_, "/api/v1/session", {cookie});
    CHECK(a.status == 403);
    a = send(port, http::verb::delete_, "/api/v1/session", {cookie, {"Origin", test::own_origin}});
    CHECK(a.status == 200);
}

TEST_CASE("allowed_origins lets a configured site's pages change things", "[integration][origin]") {
    test::temp_dir dir;
    auto const password = test::password_in(test::add_coordinator(dir.path(), "Mara").second);
    auto const cfg =
        write_file(dir.path() / "tavolo.json",
                   R"({"security": {"allowed_origins": ["https://partecipa.example"]}})");
    test::server_process server(dir.path(), {"--config", cfg});
    auto const type = std::pair<std::string, std::string>{"Content-Type", "application/json"};
    auto a = send(server.port(), http::verb::post, "/api/v1/session",
                  {type, {"Origin", "https://partecipa.example"}}, sign_in_body("Mara", password));
    CHECK(a.status == 200);
    a = send(server.port(), http::verb::post, "/api/v1/session",
             {type, {"Origin", "https://other.example"}}, sign_in_body("Mara", password));
    CHECK(a.status == 403);
}

TEST_CASE("a deliverable's file upload keeps its own type, but not another origin",
          "[integration][origin]") {
    test::signed_in_server s;
    auto const port = s.server.port();
    auto const made = s.call(http::verb::post, "/api/v1/communities/demo/objectives",
                             {{"title", "Relazione"}, {"year", 2027}});
    REQUIRE(made.status == 201);
    auto const id = made.body["objective"]["id"].get<std::string>();
    auto const target = "/api/v1/objectives/" + id + "/deliverable/file?name=piano.pdf";
    auto const version = s.etag_for("/api/v1/objectives/" + id);
    auto a = send(port, http::verb::put, target,
                  {{"Cookie", s.cookie},
                   {"Content-Type", "application/pdf"},
                   {"If-Match", version},
                   {"Origin", "https://evil.example"}},
                  "%PDF-1.4 fake");
    CHECK(a.status == 403);
    a = send(port, http::verb::put, target,
             {{"Cookie", s.cookie},
              {"Content-Type", "application/pdf"},
              {"If-Match", version},
              {"Origin", test::own_origin}},
             "%PDF-1.4 fake");
    CHECK(a.status == 200);
}

TEST_CASE("an untrusted peer's X-Forwarded-For is ignored", "[integration][proxies]") {
    test::temp_dir dir;
    auto const password = test::password_in(test::add_coordinator(dir.path(), "Mara").second);
    auto const cfg = write_file(dir.path() / "tavolo.json", R"({"security": {
            "sign_in_failure_burst": 3, "sign_in_failures_per_minute": 1}})");
    test::server_process server(dir.path(), {"--config", cfg});
    // Each wrong sign-in claims another client: all count against the peer.
    std::vector<unsigned> statuses;
    for (int i = 0; i < 4; ++i)
        statuses.push_back(send(server.port(), http::verb::post, "/api/v1/session",
                                {{"Content-Type", "application/json"},
                                 {"Origin", test::own_origin},
                                 {"X-Forwarded-For", "198.51.100." + std::to_string(i + 1)}},
                                sign_in_body("Mara", "wrong"))
                               .status);
    CHECK(statuses == std::vector<unsigned>{401, 401, 401, 429});
    // X-Forwarded-Proto is not believed either: no Secure cookie, and the
    // page's origin is still http.
    auto const good = send(server.port(), http::verb::post, "/api/v1/session",
                           {{"Content-Type", "application/json"},
                            {"Origin", "https://127.0.0.1"},
                            {"X-Forwarded-Proto", "https"}},
                           sign_in_body("Mara", password));
    CHECK(good.status == 403);
}

TEST_CASE("behind a trusted proxy, limits count each real client and cookies are Secure",
          "[integration][proxies]") {
    test::temp_dir dir;
    auto const password = test::password_in(test::add_coordinator(dir.path(), "Mara").second);
    auto const cfg = write_file(dir.path() / "tavolo.json", R"({"security": {
            "trusted_proxies": ["127.0.0.1", "10.0.0.0/8"],
            "sign_in_failure_burst": 10, "sign_in_failures_per_minute": 1}})");
    test::server_process server(dir.path(), {"--config", cfg});
    auto const sign_in = [&](std::string const& client, std::string const& pw,
                             std::string const& proto = "http") {
        return send(server.port(), http::verb::post, "/api/v1/session",
                    {{"Content-Type", "application/json"},
                     {"Origin", proto + "://127.0.0.1"},
                     {"X-Forwarded-Proto", proto},
                     {"X-Forwarded-For", client}},
                    sign_in_body("Mara", pw));
    };
    // Ten wrong sign-ins by one client (a client's own X-Forwarded-For claim
    // on the left is not believed: the proxy appended the real address).
    for (int i = 0; i < 10; ++i)
        CHECK(sign_in("6.6.6." + std::to_string(i) + ", 198.51.100.1", "wrong").status == 401);
    auto const locked = sign_in("198.51.100.1", password);
    CHECK(locked.status == 429);
    CHECK(locked.body["error"]["code"] == "too_many_attempts");
    // One token a minute: the client is told to wait about that long.
    REQUIRE_FALSE(locked.retry_after.empty());
    auto const wait = std::stoi(locked.retry_after);
    CHECK(wait > 0);
    CHECK(wait <= 60);
    // Another client behind the same proxy signs in, and over https gets a
    // Secure cookie.
    auto const other = sign_in("198.51.100.2, 10.0.0.7", password, "https");
    CHECK(other.status == 200);
    CHECK_THAT(other.set_cookie, Catch::Contains("; Secure"));
    CHECK_THAT(other.set_cookie, Catch::Contains("HttpOnly"));
    auto const plain = sign_in("198.51.100.3", password, "http");
    CHECK(plain.status == 200);
    CHECK_THAT(plain.set_cookie, !Catch::Contains("Secure"));
    // The log names the real client, not the proxy.
    bool logged = false;
    for (auto const& line : server.log_lines())
        logged = logged || (line.find("sign_in_refused") != std::string::npos &&
                            line.find("198.51.100.1") != std::string::npos);
    CHECK(logged);
}

TEST_CASE("behind a trusted proxy, failed joins count against each real client",
          "[integration][proxies]") {
    test::temp_dir dir;
    auto const cfg = write_file(dir.path() / "tavolo.json", R"({"security": {
            "trusted_proxies": ["127.0.0.1"],
            "join_failure_burst": 3, "join_failures_per_minute": 1}})");
    test::server_process server(dir.path(), {"--config", cfg});
    auto const code = test::demo_access(dir.path())["join_code"].get<std::string>();
    auto const join = [&](std::string const& client, std::string const& with_code) {
        test::ws_client c(server.port(), 0, client);
        c.send({{"type", "join"},
                {"ref", "j"},
                {"code", with_code},
                {"name", "Ospite"},
                {"organization", "Ente"}});
        auto const reply = c.read_until(test::reply_to("j"));
        REQUIRE(reply);
        return (*reply)["type"] == "ack" ? std::string("ack") : (*reply)["code"].get<std::string>();
    };
    for (int i = 0; i < 3; ++i)
        CHECK(join("198.51.100.1", "ZZZZ222" + std::to_string(i)) == "meeting_not_found");
    CHECK(join("198.51.100.1", code) == "too_many_attempts");
    CHECK(join("198.51.100.2", code) == "ack");
}

TEST_CASE("malformed HTTP gets a status before the connection closes", "[integration][http]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    auto const status_of = [](std::string const& answer) {
        return answer.substr(0, answer.find("\r\n"));
    };
    // A 100 KB URL.
    auto a = raw_exchange(server.port(), "GET /" + std::string(100 * 1024, 'a') +
                                             " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    CHECK(status_of(a) == "HTTP/1.1 414 URI Too Long");
    CHECK_THAT(a, Catch::Contains("Connection: close"));
    CHECK_THAT(a, Catch::Contains("uri_too_long"));
    // 10,000 headers.
    std::string many = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 0; i < 10000; ++i)
        many += "X-H" + std::to_string(i) + ": v\r\n";
    a = raw_exchange(server.port(), many + "\r\n");
    CHECK(status_of(a) == "HTTP/1.1 431 Request Header Fields Too Large");
    CHECK_THAT(a, Catch::Contains("Connection: close"));
    CHECK_THAT(a, Catch::Contains("headers_too_large"));
    // One header of 100 KB.
    a = raw_exchange(server.port(), "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " +
                                        std::string(100 * 1024, 'c') + "\r\n\r\n");
    CHECK(status_of(a) == "HTTP/1.1 431 Request Header Fields Too Large");
    // Many small headers within the size limit, over the count.
    std::string counted = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 0; i < 150; ++i)
        counted += "X" + std::to_string(i) + ": v\r\n";
    a = raw_exchange(server.port(), counted + "\r\n");
    CHECK(status_of(a) == "HTTP/1.1 431 Request Header Fields Too Large");
    // Not HTTP at all, or a broken header line.
    a = raw_exchange(server.port(), "HELLO THERE\r\n\r\n");
    CHECK(status_of(a) == "HTTP/1.1 400 Bad Request");
    CHECK_THAT(a, Catch::Contains("Connection: close"));
    CHECK_THAT(a, Catch::Contains("malformed_request"));
    a = raw_exchange(server.port(), "GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n");
    CHECK(status_of(a) == "HTTP/1.1 400 Bad Request");
    // A normal request still works afterwards.
    a = raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: "
                                    "close\r\n\r\n");
    CHECK(status_of(a) == "HTTP/1.1 200 OK");
}
