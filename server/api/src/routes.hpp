// The API's resources (internal to tavolo::api): each file registers its
// endpoints on the router, with handlers that hold `ctx`. routes.cpp is the
// table that adds them all; docs/api.md documents each.
#pragma once

#include "context.hpp"

namespace tavolo::api {

// Every endpoint, in the order below.
void add_all_routes(net::api_router& router, api_context& ctx);

void add_session_routes(net::api_router& router, api_context& ctx);      // session.cpp
void add_account_routes(net::api_router& router, api_context& ctx);      // accounts.cpp
void add_community_routes(net::api_router& router, api_context& ctx);    // communities.cpp
void add_meeting_routes(net::api_router& router, api_context& ctx);      // meetings.cpp
void add_objective_routes(net::api_router& router, api_context& ctx);    // objectives.cpp
void add_contribution_routes(net::api_router& router, api_context& ctx); // contributions.cpp
void add_plan_routes(net::api_router& router, api_context& ctx);         // plans.cpp
void add_file_routes(net::api_router& router, api_context& ctx);         // files.cpp
void add_public_routes(net::api_router& router, api_context& ctx);       // public.cpp
void add_calendar_routes(net::api_router& router, api_context& ctx);     // calendars.cpp
void add_open_data_routes(net::api_router& router, api_context& ctx);    // open_data.cpp
void add_openapi_routes(net::api_router& router, api_context& ctx);      // openapi.cpp

// An account as the API shows it: id, name, role, communities (slugs),
// disabled. Never its password hash.
json account_json(store::coordinator_row const& a);

} // namespace tavolo::api
