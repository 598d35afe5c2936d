// Small helpers shared by the coordinator API's files (internal to app).
#pragma once

#include "tavolo/net/api.hpp"
#include "tavolo/store/database.hpp"

#include <nlohmann/json.hpp>

namespace tavolo::app {

using store::now_ms;

// A JSON answer.
inline net::api_response ok(nlohmann::json const& body, unsigned status = 200) {
    net::api_response r;
    r.status = status;
    r.body = body.dump();
    return r;
}

} // namespace tavolo::app
