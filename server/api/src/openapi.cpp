// GET /api/v1/openapi.yaml: the API's description (OpenAPI 3.1), open to
// everyone, from the copy built into the binary.
#include "openapi.hpp"
#include "routes.hpp"

namespace tavolo::api {
namespace detail {
extern char const openapi_yaml[]; // openapi_data.cpp, made by CMake from docs/openapi.yaml
}

std::string_view openapi_document() noexcept {
    return detail::openapi_yaml;
}

void add_openapi_routes(net::api_router& router, api_context&) {
    // Answered at once: the text is in memory, no store to read.
    router.add("GET", "/api/v1/openapi.yaml", net::api_sync_handler([](net::api_request const&) {
                   net::api_response r;
                   r.body = std::string(openapi_document());
                   r.content_type = "application/yaml; charset=utf-8";
                   return r;
               }));
}

} // namespace tavolo::api
