// Small helpers shared by the coordinator API's files (internal to app).
#pragma once

#include "tavolo/core/secrets.hpp"
#include "tavolo/net/api.hpp"
#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"

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

// A community's people: {"coordinators": [{"name", "organization"}], "referents": [...]}.
inline nlohmann::json community_people_json(store::plans& p, std::int64_t community_id) {
    nlohmann::json out{{"coordinators", nlohmann::json::array()},
                       {"referents", nlohmann::json::array()}};
    for (auto const& person : p.community_people(community_id))
        out[person.role == "coordinator" ? "coordinators" : "referents"].push_back(
            {{"name", person.name}, {"organization", person.organization}});
    return out;
}

// A meeting as the API shows it (never its facilitator secret).
inline nlohmann::json meeting_json(store::meeting_row const& m) {
    return {{"id", m.id},
            {"kind", m.kind},
            {"title", m.title},
            {"scheduled_on", m.scheduled_on},
            {"phase", m.phase},
            {"join_code", core::format_join_code(m.join_code)},
            {"anonymous", m.anonymous},
            {"private_writing", m.private_writing}};
}

} // namespace tavolo::app
