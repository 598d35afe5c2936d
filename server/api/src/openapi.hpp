// The API's own description, docs/openapi.yaml, embedded in the binary at
// build time (embed_openapi.cmake) and served at GET /api/v1/openapi.yaml to
// everyone. Pure data, callable from any thread.
#pragma once

#include <string_view>

namespace tavolo::api {

// The text of docs/openapi.yaml as it was when the server was built.
std::string_view openapi_document() noexcept;

} // namespace tavolo::api
