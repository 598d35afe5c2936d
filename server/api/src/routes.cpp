// The routing table: every resource of the API, signed-in ones first, then
// the paths open to everyone (shared and published plans and their files,
// the API's own description).
#include "routes.hpp"

namespace tavolo::api {

void add_all_routes(net::api_router& router, api_context& ctx) {
    add_session_routes(router, ctx);      // /api/v1/session
    add_account_routes(router, ctx);      // /api/v1/session/password, /api/v1/accounts[/{id}/...]
    add_community_routes(router, ctx);    // /api/v1/communities[/{slug}[/people]]
    add_meeting_routes(router, ctx);      // /api/v1/communities/{slug}/meetings, /meetings/{id}/...
    add_objective_routes(router, ctx);    // /api/v1/.../objectives, /objectives/{id}/...
    add_contribution_routes(router, ctx); // /api/v1/contributions
    add_plan_routes(router, ctx);         // /api/v1/communities/{slug}/plans/..., /system-plans
    add_file_routes(router, ctx);         // /api/v1/objectives/{id}/deliverable/file
    add_public_routes(router, ctx);       // /api/v1/shared/..., /api/v1/public/...
    add_calendar_routes(router, ctx);  // .../calendar.ics, .../calendar-link, /api/v1/calendars/...
    add_open_data_routes(router, ctx); // /api/v1/public/catalog.jsonld, catalog.ttl
    add_openapi_routes(router, ctx);   // /api/v1/openapi.yaml
}

} // namespace tavolo::api
