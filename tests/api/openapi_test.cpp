// docs/openapi.yaml against the server: the copy built into the binary is the
// file, it is served to everyone, and it describes exactly the routes the
// server registers (tests/openapi/validate.mjs checks the answers themselves).
#include "openapi.hpp"

#include "support/store_fixture.hpp"

#include "tavolo/api/coordinator_api.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <future>
#include <regex>
#include <set>
#include <sstream>

using namespace tavolo;

namespace {

using route_set = std::set<std::pair<std::string, std::string>>;

// Every "METHOD /path" the document's `paths` has: its path keys are the
// lines indented by two spaces, their operations the lines by four.
route_set documented_routes(std::string_view document) {
    static std::regex const path_key(R"(^  (/[^:\s]*):\s*$)");
    static std::regex const operation(R"(^    (get|put|post|delete|patch|head|options|trace):)");
    route_set out;
    std::istringstream lines{std::string(document)};
    std::string line, path;
    bool in_paths = false;
    std::smatch m;
    while (std::getline(lines, line)) {
        if (!line.empty() && line[0] != ' ' && line[0] != '#') {
            in_paths = line.rfind("paths:", 0) == 0;
            continue;
        }
        if (!in_paths)
            continue;
        if (std::regex_match(line, m, path_key))
            path = m[1];
        else if (std::regex_search(line, m, operation) && !path.empty()) {
            auto method = m[1].str();
            std::transform(method.begin(), method.end(), method.begin(), ::toupper);
            out.insert({method, path});
        }
    }
    return out;
}

// Every route of the API's router, and those the app adds beside it
// (server/app/application.cpp: health and metrics).
route_set registered_routes() {
    test::store_fixture f;
    store::write_queue writer{f.path, {}};
    api::coordinator_api coordinators{f.path, {}, writer, {}, {}};
    net::api_router router;
    coordinators.add_routes(router);
    coordinators.stop();
    writer.stop();
    route_set out{{"GET", "/healthz"}, {"GET", "/metrics"}};
    for (auto const& r : router.routes())
        out.insert(r);
    return out;
}

std::string source_file(std::string const& relative) {
    std::ifstream in(std::string(TAVOLO_SOURCE_DIR) + "/" + relative, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("the server carries docs/openapi.yaml as it is in the source tree", "[api][openapi]") {
    auto const document = api::openapi_document();
    CHECK(document.rfind("openapi: 3.1.0\n", 0) == 0);
    CHECK(document == source_file("docs/openapi.yaml"));
}

TEST_CASE("the OpenAPI document has every route the server registers, and no other",
          "[api][openapi]") {
    auto const documented = documented_routes(api::openapi_document());
    auto const registered = registered_routes();
    REQUIRE(documented.size() > 40); // the scan found the paths
    for (auto const& [method, path] : registered) {
        INFO("registered but not in docs/openapi.yaml: " << method << " " << path);
        CHECK(documented.count({method, path}) == 1);
    }
    for (auto const& [method, path] : documented) {
        INFO("in docs/openapi.yaml but not registered: " << method << " " << path);
        CHECK(registered.count({method, path}) == 1);
    }
}

TEST_CASE("the route scan reads path keys and their operations only", "[api][openapi]") {
    auto const found = documented_routes("openapi: 3.1.0\n"
                                         "paths:\n"
                                         "  /a/{id}:\n"
                                         "    parameters:\n"
                                         "      - $ref: x\n"
                                         "    get:\n"
                                         "      responses: {}\n"
                                         "    post:\n"
                                         "  /b:\n"
                                         "    delete:\n"
                                         "components:\n"
                                         "  /c:\n"
                                         "    get:\n");
    CHECK(found == route_set{{"GET", "/a/{id}"}, {"POST", "/a/{id}"}, {"DELETE", "/b"}});
}

TEST_CASE("GET /api/v1/openapi.yaml answers the document without an account", "[api][openapi]") {
    test::store_fixture f;
    store::write_queue writer{f.path, {}};
    api::coordinator_api coordinators{f.path, {}, writer, {}, {}};
    net::api_router router;
    coordinators.add_routes(router);
    auto const found = router.route("GET", "/api/v1/openapi.yaml");
    REQUIRE(found.result == net::api_router::match::kind::found);
    net::api_request req;
    req.method = "GET";
    req.path = "/api/v1/openapi.yaml";
    req.route = found.pattern;
    std::promise<net::api_response> answer;
    (*found.handler)(req, [&](net::api_response r) { answer.set_value(std::move(r)); });
    auto const r = answer.get_future().get();
    CHECK(r.status == 200);
    CHECK(r.content_type == "application/yaml; charset=utf-8");
    CHECK(r.body == api::openapi_document());
    coordinators.stop();
    writer.stop();
}
