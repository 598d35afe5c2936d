// The HTTP side of the one port: health, static files, limits, the API's
// description.
#include "support/openapi_record.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

using namespace tavolo;
namespace http = boost::beast::http;

namespace {

http::response<http::string_body> request(unsigned short port,
                                          http::request<http::string_body> req) {
    boost::asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    req.set(http::field::host, "127.0.0.1");
    req.prepare_payload();
    http::write(stream, req);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    test::record_exchange(req, res);
    return res;
}

http::response<http::string_body> get(unsigned short port, std::string const& target) {
    return request(port, {http::verb::get, target, 11});
}

} // namespace

TEST_CASE("GET /healthz reports the version and the store", "[integration][http]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    auto const res = get(server.port(), "/healthz");
    CHECK(res.result() == http::status::ok);
    CHECK(res[http::field::content_type] == "application/json");
    auto const body = nlohmann::json::parse(res.body());
    CHECK(body["status"] == "ok");
    CHECK(body["version"].is_string());
    CHECK(body["store"]["status"] == "ok");
    CHECK(body["store"]["schema_version"] == 8);
}

TEST_CASE("the page is served with security headers", "[integration][http]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    auto const res = get(server.port(), "/");
    CHECK(res.result() == http::status::ok);
    CHECK(res[http::field::content_type] == "text/html; charset=utf-8");
    CHECK(res.body().find("<title>tavolo</title>") != std::string::npos);
    CHECK(std::string(res["Content-Security-Policy"]).find("script-src 'self'") !=
          std::string::npos);
    CHECK(std::string(res["Content-Security-Policy"]).find("frame-ancestors 'none'") !=
          std::string::npos);
    CHECK(res["X-Content-Type-Options"] == "nosniff");
    auto const js = get(server.port(), "/js/app.js");
    CHECK(js.result() == http::status::ok);
    CHECK(js[http::field::content_type] == "text/javascript; charset=utf-8");
}

TEST_CASE("paths outside the web root, missing files and big bodies are refused",
          "[integration][http]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    CHECK(get(server.port(), "/../../etc/passwd").result() == http::status::bad_request);
    CHECK(get(server.port(), "/%2e%2e/%2e%2e/etc/passwd").result() == http::status::bad_request);
    CHECK(get(server.port(), "/nope.html").result() == http::status::not_found);
    http::request<http::string_body> post{http::verb::post, "/", 11};
    CHECK(request(server.port(), post).result() == http::status::method_not_allowed);
    // The server answers 413 from the headers, without reading the body.
    boost::asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
    http::request<http::string_body> big{http::verb::post, "/healthz", 11};
    big.set(http::field::host, "127.0.0.1");
    big.content_length(2 << 20);
    http::request_serializer<http::string_body> sr{big};
    http::write_header(stream, sr);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    CHECK(res.result() == http::status::payload_too_large);
    CHECK(nlohmann::json::parse(res.body())["error"]["code"] == "body_too_large");
}

TEST_CASE("GET /api/v1/openapi.yaml serves the API's description built into the server",
          "[integration][http][openapi]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    auto const res = get(server.port(), "/api/v1/openapi.yaml"); // no session
    CHECK(res.result() == http::status::ok);
    CHECK(res[http::field::content_type] == "application/yaml; charset=utf-8");
    std::ifstream file(TAVOLO_SOURCE_DIR "/docs/openapi.yaml", std::ios::binary);
    REQUIRE(file);
    std::string const document{std::istreambuf_iterator<char>(file), {}};
    CHECK(res.body() == document);
}
