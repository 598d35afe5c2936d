// Talking to the real server's HTTP API in integration tests: one request per
// connection, sent as tavolo's own page sends it (with its Origin), coordinator accounts made with
// the real command line, and a server with a signed-in coordinator. Every
// exchange is recorded for the check against docs/openapi.yaml.
#pragma once

#include "support/openapi_record.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace tavolo::test {

namespace http = boost::beast::http;
using json = nlohmann::json;

struct answer {
    unsigned status = 0;
    json body;
    std::string set_cookie;
    std::string allow;
    std::string text;
    std::string content_type;
    std::string disposition;
    std::vector<std::string> policies; // every Content-Security-Policy header
    std::string etag;
    std::string retry_after;
};

// Headers a request adds to the usual ones, e.g. {{"If-Match", tag}}.
using extra_headers = std::vector<std::pair<std::string, std::string>>;

// Sends `req` as it is (tests of the headers the server checks build their
// own) and reads the answer.
inline answer exchange(unsigned short port, http::request<http::string_body> req) {
    boost::asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    req.prepare_payload();
    http::write(stream, req);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    record_exchange(req, res); // checked against docs/openapi.yaml after the tests
    answer a;
    a.status = res.result_int();
    a.body = json::parse(res.body(), nullptr, false);
    a.set_cookie = std::string(res[http::field::set_cookie]);
    a.allow = std::string(res[http::field::allow]);
    a.text = res.body();
    a.content_type = std::string(res[http::field::content_type]);
    a.disposition = std::string(res["Content-Disposition"]);
    a.etag = std::string(res[http::field::etag]);
    a.retry_after = std::string(res[http::field::retry_after]);
    for (auto [at, end] = res.equal_range("Content-Security-Policy"); at != end; ++at)
        a.policies.emplace_back(at->value());
    if (res.result_int() != 200)
        CHECK(a.content_type == "application/json"); // errors are always JSON
    return a;
}

// The origin of the pages the test server serves: what a browser sends as
// Origin with a change it makes from tavolo's own page.
inline std::string const own_origin = "http://127.0.0.1";

// A request as tavolo's own page sends it (Host, Origin, JSON body).
inline answer request(unsigned short port, http::verb verb, std::string const& target,
                      std::string const& cookie = "", std::string const& body = "",
                      std::string const& type = "application/json",
                      extra_headers const& extra = {}) {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::origin, own_origin);
    if (!cookie.empty())
        req.set(http::field::cookie, cookie);
    if (!body.empty()) {
        req.set(http::field::content_type, type);
        req.body() = body;
    }
    for (auto const& [name, value] : extra)
        req.set(name, value);
    return exchange(port, std::move(req));
}

inline std::string password_in(std::string const& output) {
    auto const at = output.rfind(": ");
    REQUIRE(at != std::string::npos);
    auto pw = output.substr(at + 2);
    while (!pw.empty() && (pw.back() == '\n' || pw.back() == '\r'))
        pw.pop_back();
    return pw;
}

// Runs a shell command line; returns its exit code and output (both streams).
inline std::pair<int, std::string> run_command(std::string const& command_line) {
    auto const command = command_line + " 2>&1";
    FILE* p = popen(command.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[256];
    while (auto n = fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    auto const status = pclose(p);
    return {WEXITSTATUS(status), out};
}

// Runs `tavolo ARGS` (shell words).
inline std::pair<int, std::string> run_tavolo(std::string const& args) {
    return run_command(std::string(TAVOLO_BINARY) + " " + args);
}

inline std::pair<int, std::string> add_coordinator(std::filesystem::path const& data,
                                                   std::string const& name) {
    return run_tavolo("coordinator add '" + name + "' --data '" + data.string() + "'");
}

// A server with a signed-in coordinator.
struct signed_in_server {
    test::temp_dir dir;
    std::string password = password_in(add_coordinator(dir.path(), "Mara").second);
    test::server_process server{dir.path()};
    std::string cookie;

    signed_in_server() {
        auto const a = request(server.port(), http::verb::post, "/api/v1/session", "",
                               json{{"name", "Mara"}, {"password", password}}.dump());
        REQUIRE(a.status == 200);
        cookie = a.set_cookie.substr(0, a.set_cookie.find(';'));
    }

    answer call(http::verb verb, std::string const& target, json const& body = nullptr,
                extra_headers const& extra = {}) {
        return request(server.port(), verb, target, cookie, body.is_null() ? "" : body.dump(),
                       "application/json", extra);
    }

    // The ETag of the resource a PATCH or PUT of `target` changes, read now:
    // a working group's is its objective's.
    std::string etag_for(std::string const& target) {
        auto resource = target;
        std::string const group = "/working-group";
        if (resource.ends_with(group))
            resource.erase(resource.size() - group.size());
        auto const a = call(http::verb::get, resource);
        REQUIRE(a.status == 200);
        REQUIRE(!a.etag.empty());
        return a.etag;
    }

    // A PATCH or PUT naming, in If-Match, the version just read: what a
    // client that read the resource first sends.
    answer edit(http::verb verb, std::string const& target, json const& body = nullptr) {
        return call(verb, target, body, {{"If-Match", etag_for(target)}});
    }
};

} // namespace tavolo::test
