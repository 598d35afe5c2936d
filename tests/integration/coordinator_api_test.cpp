// The coordinator area's API against the real server: accounts made on the
// command line, sign-in with an HttpOnly session cookie, every coordinator
// endpoint refusing a request without a valid session, sign-out.
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>

using namespace tavolo;
namespace http = boost::beast::http;
using json = nlohmann::json;

namespace {

struct answer {
    unsigned status = 0;
    json body;
    std::string set_cookie;
    std::string allow;
};

answer request(unsigned short port, http::verb verb, std::string const& target,
               std::string const& cookie = "", std::string const& body = "") {
    boost::asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!cookie.empty())
        req.set(http::field::cookie, cookie);
    if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.prepare_payload();
    http::write(stream, req);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    answer a;
    a.status = res.result_int();
    a.body = json::parse(res.body(), nullptr, false);
    a.set_cookie = std::string(res[http::field::set_cookie]);
    a.allow = std::string(res[http::field::allow]);
    CHECK(res[http::field::content_type] == "application/json");
    return a;
}

// Runs `tavolo coordinator add NAME --data DIR`; returns its exit code and output.
std::pair<int, std::string> add_coordinator(std::filesystem::path const& data,
                                            std::string const& name) {
    auto const command = std::string(TAVOLO_BINARY) + " coordinator add '" + name + "' --data '" +
                         data.string() + "' 2>&1";
    FILE* p = popen(command.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[256];
    while (auto n = fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    auto const status = pclose(p);
    return {WEXITSTATUS(status), out};
}

std::string password_in(std::string const& output) {
    auto const at = output.rfind(": ");
    REQUIRE(at != std::string::npos);
    auto pw = output.substr(at + 2);
    while (!pw.empty() && (pw.back() == '\n' || pw.back() == '\r'))
        pw.pop_back();
    return pw;
}

std::string sign_in_body(std::string const& name, std::string const& password) {
    return json{{"name", name}, {"password", password}}.dump();
}

// "tavolo_session=TOKEN" from a Set-Cookie header.
std::string cookie_of(std::string const& set_cookie) {
    return set_cookie.substr(0, set_cookie.find(';'));
}

} // namespace

TEST_CASE("a coordinator signs in, reads the communities and signs out", "[integration][api]") {
    test::temp_dir dir;
    auto const [code, output] = add_coordinator(dir.path(), "Anna Rossi");
    REQUIRE(code == 0);
    auto const password = password_in(output);
    CHECK(password.size() == 20);
    // The name is taken now.
    auto const again = add_coordinator(dir.path(), "Anna Rossi");
    CHECK(again.first == 1);
    CHECK(again.second.find("exists already") != std::string::npos);

    test::server_process server(dir.path());
    auto const port = server.port();

    // Wrong password, unknown name, bad bodies: refused, no cookie.
    auto a = request(port, http::verb::post, "/api/v1/session", "",
                     sign_in_body("Anna Rossi", password + "x"));
    CHECK(a.status == 401);
    CHECK(a.body["error"]["code"] == "invalid_credentials");
    CHECK(a.set_cookie.empty());
    a = request(port, http::verb::post, "/api/v1/session", "", sign_in_body("Nessuno", password));
    CHECK(a.status == 401);
    CHECK(a.body["error"]["code"] == "invalid_credentials");
    a = request(port, http::verb::post, "/api/v1/session", "", "not json");
    CHECK(a.status == 400);
    CHECK(a.body["error"]["code"] == "bad_request");
    a = request(port, http::verb::post, "/api/v1/session", "", R"({"name":"Anna Rossi"})");
    CHECK(a.status == 400);

    // The right one: an HttpOnly, SameSite=Strict cookie.
    a = request(port, http::verb::post, "/api/v1/session", "",
                sign_in_body("Anna Rossi", password));
    REQUIRE(a.status == 200);
    CHECK(a.body["coordinator"]["name"] == "Anna Rossi");
    CHECK(a.set_cookie.rfind("tavolo_session=", 0) == 0);
    CHECK(a.set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(a.set_cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(a.set_cookie.find("Path=/") != std::string::npos);
    CHECK(a.set_cookie.find("Max-Age=43200") != std::string::npos); // 12 hours by default
    auto const cookie = cookie_of(a.set_cookie);
    // The session's secret never reaches the log.
    auto const token = cookie.substr(cookie.find('=') + 1);
    for (auto const& line : server.log_lines())
        CHECK(line.find(token) == std::string::npos);

    a = request(port, http::verb::get, "/api/v1/session", cookie);
    CHECK(a.status == 200);
    CHECK(a.body["coordinator"]["name"] == "Anna Rossi");
    a = request(port, http::verb::get, "/api/v1/communities", cookie);
    REQUIRE(a.status == 200);
    REQUIRE(a.body["communities"].size() == 1); // the demo community
    auto const slug = a.body["communities"][0]["slug"].get<std::string>();
    CHECK(a.body["communities"][0]["meetings"] == 1);
    a = request(port, http::verb::get, "/api/v1/communities/" + slug, cookie);
    REQUIRE(a.status == 200);
    REQUIRE(a.body["community"]["meetings"].size() == 1);
    auto const meeting = a.body["community"]["meetings"][0];
    CHECK(meeting["kind"] == "kickoff");
    CHECK(meeting["join_code"].get<std::string>().size() == 9); // "ABCD-2345"
    CHECK_FALSE(meeting.contains("facilitator_secret_hash"));
    a = request(port, http::verb::get, "/api/v1/communities/nessuna", cookie);
    CHECK(a.status == 404);
    CHECK(a.body["error"]["code"] == "not_found");

    // Unknown API paths and methods answer in JSON.
    a = request(port, http::verb::get, "/api/v1/nothing", cookie);
    CHECK(a.status == 404);
    a = request(port, http::verb::put, "/api/v1/session", cookie);
    CHECK(a.status == 405);
    CHECK(a.allow.find("POST") != std::string::npos);

    // The session outlives a restart of the server, even a killed one.
    server.kill();
    test::server_process restarted(dir.path());
    auto const port2 = restarted.port();
    a = request(port2, http::verb::get, "/api/v1/session", cookie);
    CHECK(a.status == 200);

    // Signing out ends the session: the cookie is cleared and refused after.
    a = request(port2, http::verb::delete_, "/api/v1/session", cookie);
    CHECK(a.status == 200);
    CHECK(a.set_cookie.find("Max-Age=0") != std::string::npos);
    a = request(port2, http::verb::get, "/api/v1/communities", cookie);
    CHECK(a.status == 401);
    a = request(port2, http::verb::delete_, "/api/v1/session", cookie);
    CHECK(a.status == 401);
}

TEST_CASE("every coordinator endpoint refuses a request without a valid session",
          "[integration][api]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    auto const port = server.port();
    struct endpoint {
        http::verb verb;
        char const* target;
    };
    for (auto const& e : {endpoint{http::verb::get, "/api/v1/session"},
                          endpoint{http::verb::delete_, "/api/v1/session"},
                          endpoint{http::verb::get, "/api/v1/communities"},
                          endpoint{http::verb::get, "/api/v1/communities/demo"}}) {
        for (auto const* cookie :
             {"", "tavolo_session=forged-token", "other=1", "tavolo_session="}) {
            INFO(e.target << " with cookie '" << cookie << "'");
            auto const a = request(port, e.verb, e.target, cookie);
            CHECK(a.status == 401);
            CHECK(a.body["error"]["code"] == "unauthenticated");
        }
    }
}
