// Who may call each endpoint of the API (internal to tavolo::api): one table
// with a rule per registered route, and the pure checks of an account's role
// against a rule. api_context applies them to every signed-in request before
// its handler runs; coordinator_api refuses to start when a route has no rule
// here, so a new endpoint cannot slip through unchecked. docs/api.md, "Roles",
// says the same in prose. Pure data and functions, callable from any thread;
// this header includes nothing of the store, so tests outside the module can
// read the table.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tavolo::api {

// What a route needs of the account calling it.
enum class access_need {
    anyone,    // no session (sign-in, the public paths)
    signed_in, // any account: every read, the account's own session and password
    admin,     // account management
    referent,  // a referent or admin: new communities, publishing
    community, // a referent, an admin, or a co-coordinator of the route's community
};

// Where a `community` route's community comes from.
enum class access_scope {
    none,
    slug,      // the path's {slug}
    meeting,   // the community of the meeting {id}
    objective, // the community of the objective {id}
};

struct access_rule {
    std::string_view method;
    std::string_view pattern; // as given to api_router::add
    access_need need;
    access_scope scope = access_scope::none;
};

// Every route of the API and its rule, in the order routes.cpp adds them.
inline constexpr std::array access_table{
    // session.cpp
    access_rule{"POST", "/api/v1/session", access_need::anyone},
    access_rule{"DELETE", "/api/v1/session", access_need::signed_in},
    access_rule{"GET", "/api/v1/session", access_need::signed_in},
    access_rule{"PUT", "/api/v1/session/password", access_need::signed_in},
    // accounts.cpp
    access_rule{"GET", "/api/v1/accounts", access_need::admin},
    access_rule{"POST", "/api/v1/accounts", access_need::admin},
    access_rule{"PATCH", "/api/v1/accounts/{id}", access_need::admin},
    access_rule{"POST", "/api/v1/accounts/{id}/disable", access_need::admin},
    access_rule{"POST", "/api/v1/accounts/{id}/enable", access_need::admin},
    access_rule{"POST", "/api/v1/accounts/{id}/reset-password", access_need::admin},
    access_rule{"POST", "/api/v1/accounts/{id}/revoke-sessions", access_need::admin},
    // communities.cpp
    access_rule{"GET", "/api/v1/communities", access_need::signed_in},
    access_rule{"GET", "/api/v1/communities/{slug}", access_need::signed_in},
    access_rule{"POST", "/api/v1/communities", access_need::referent},
    access_rule{"PUT", "/api/v1/communities/{slug}/people", access_need::community,
                access_scope::slug},
    access_rule{"GET", "/api/v1/communities/{slug}/people", access_need::signed_in},
    // meetings.cpp
    access_rule{"POST", "/api/v1/communities/{slug}/meetings", access_need::community,
                access_scope::slug},
    access_rule{"GET", "/api/v1/meetings/{id}", access_need::signed_in},
    access_rule{"PATCH", "/api/v1/meetings/{id}", access_need::community, access_scope::meeting},
    access_rule{"POST", "/api/v1/meetings/{id}/open", access_need::community,
                access_scope::meeting},
    access_rule{"POST", "/api/v1/meetings/{id}/close", access_need::community,
                access_scope::meeting},
    access_rule{"POST", "/api/v1/meetings/{id}/facilitator-link", access_need::community,
                access_scope::meeting},
    // objectives.cpp
    access_rule{"GET", "/api/v1/communities/{slug}/objectives", access_need::signed_in},
    access_rule{"POST", "/api/v1/communities/{slug}/objectives", access_need::community,
                access_scope::slug},
    access_rule{"GET", "/api/v1/objectives/{id}", access_need::signed_in},
    access_rule{"PATCH", "/api/v1/objectives/{id}", access_need::community,
                access_scope::objective},
    access_rule{"POST", "/api/v1/objectives/{id}/approve", access_need::community,
                access_scope::objective},
    access_rule{"POST", "/api/v1/objectives/{id}/drop", access_need::community,
                access_scope::objective},
    access_rule{"POST", "/api/v1/objectives/{id}/reopen", access_need::community,
                access_scope::objective},
    access_rule{"PUT", "/api/v1/objectives/{id}/working-group", access_need::community,
                access_scope::objective},
    access_rule{"PUT", "/api/v1/objectives/{id}/contributions/{contribution}",
                access_need::community, access_scope::objective},
    access_rule{"DELETE", "/api/v1/objectives/{id}/contributions/{contribution}",
                access_need::community, access_scope::objective},
    // contributions.cpp
    access_rule{"GET", "/api/v1/contributions", access_need::signed_in},
    // plans.cpp: a community's versions and share links; publishing is the
    // referents' (it fixes the plan the system plan is made of).
    access_rule{"GET", "/api/v1/communities/{slug}/plans/{year}", access_need::signed_in},
    access_rule{"GET", "/api/v1/communities/{slug}/plans/{year}/versions", access_need::signed_in},
    access_rule{"GET", "/api/v1/communities/{slug}/plans/{year}/versions/{version}",
                access_need::signed_in},
    access_rule{"POST", "/api/v1/communities/{slug}/plans/{year}", access_need::community,
                access_scope::slug},
    access_rule{"POST", "/api/v1/communities/{slug}/plans/{year}/share", access_need::community,
                access_scope::slug},
    access_rule{"POST", "/api/v1/communities/{slug}/plans/{year}/publish", access_need::referent},
    access_rule{"GET", "/api/v1/system-plans/{year}", access_need::signed_in},
    // files.cpp
    access_rule{"PUT", "/api/v1/objectives/{id}/deliverable/file", access_need::community,
                access_scope::objective},
    access_rule{"DELETE", "/api/v1/objectives/{id}/deliverable/file", access_need::community,
                access_scope::objective},
    access_rule{"GET", "/api/v1/objectives/{id}/deliverable/file", access_need::signed_in},
    // public.cpp
    access_rule{"GET", "/api/v1/shared/plans/{token}", access_need::anyone},
    access_rule{"GET", "/api/v1/public/communities/{slug}/plans/{year}", access_need::anyone},
    access_rule{"GET", "/api/v1/public/system-plans/{year}", access_need::anyone},
    access_rule{"GET", "/api/v1/public/objectives/{id}/deliverable/file", access_need::anyone},
    // calendars.cpp: a meeting's file and the community feed's address; the
    // participants' file and the feed are open (the code, the address are
    // the credential).
    access_rule{"GET", "/api/v1/meetings/{id}/calendar.ics", access_need::signed_in},
    access_rule{"GET", "/api/v1/communities/{slug}/calendar-link", access_need::signed_in},
    access_rule{"POST", "/api/v1/communities/{slug}/calendar-link", access_need::community,
                access_scope::slug},
    access_rule{"DELETE", "/api/v1/communities/{slug}/calendar-link", access_need::community,
                access_scope::slug},
    access_rule{"GET", "/api/v1/public/meetings/{code}/calendar.ics", access_need::anyone},
    access_rule{"GET", "/api/v1/calendars/{token}", access_need::anyone},
    // open_data.cpp
    access_rule{"GET", "/api/v1/public/catalog.jsonld", access_need::anyone},
    access_rule{"GET", "/api/v1/public/catalog.ttl", access_need::anyone},
    // openapi.cpp
    access_rule{"GET", "/api/v1/openapi.yaml", access_need::anyone},
    access_rule{"GET", "/api/v1/public/site", access_need::anyone},
};

// The rule of the route registered as `method pattern` (a request's is the
// pattern the router matched, api_request::route); nullptr without one.
access_rule const* rule_of_route(std::string_view method, std::string_view pattern) noexcept;

inline constexpr std::string_view role_admin = "admin";
inline constexpr std::string_view role_referent = "referent";
inline constexpr std::string_view role_co_coordinator = "co-coordinator";
bool is_role(std::string_view role) noexcept;

// Whether an account of `role` coordinating `communities` (ids) may do what
// `need` asks, on the community `community` for a `community` need (nullopt:
// the community is not known, the handler answers 404 itself).
bool may(std::string_view role, std::map<std::int64_t, std::string> const& communities,
         access_need need, std::optional<std::int64_t> community) noexcept;

// The refusal's message: which role the change needs.
std::string needed_role_message(access_need need);

} // namespace tavolo::api
