// The access table against the router (every route has exactly one rule, so a
// new endpoint cannot be left unchecked) and the role rules as pure functions.
#include "access_rules.hpp"

#include "support/store_fixture.hpp"

#include "tavolo/api/coordinator_api.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace tavolo;
using api::access_need;

TEST_CASE("every registered route has its access rule, and every rule a route", "[api][access]") {
    test::store_fixture f;
    store::write_queue writer{f.path, {}};
    api::coordinator_api coordinators{f.path, {}, writer, {}, {}};
    net::api_router router;
    coordinators.add_routes(router);
    std::set<std::pair<std::string, std::string>> routes, rules;
    for (auto const& r : router.routes())
        routes.insert(r);
    for (auto const& r : api::access_table)
        rules.insert({std::string(r.method), std::string(r.pattern)});
    CHECK(routes == rules);
    CHECK(router.routes().size() == api::access_table.size()); // none registered twice
    coordinators.stop();
    writer.stop();
}

TEST_CASE("each route finds its own rule by method and pattern", "[api][access]") {
    for (auto const& r : api::access_table)
        CHECK(api::rule_of_route(r.method, r.pattern) == &r);
    CHECK_FALSE(api::rule_of_route("GET", "/api/v1/nothing"));
    CHECK_FALSE(api::rule_of_route("POST", "/api/v1/communities/{slug}/people"));
    CHECK_FALSE(api::rule_of_route("GET", "/api/v1/objectives/42")); // a path is not a pattern
}

TEST_CASE("what each role may do", "[api][access]") {
    std::map<std::int64_t, std::string> const none, mine{{7, "ct-dati"}};
    auto may = [&](std::string_view role, access_need need, std::optional<std::int64_t> c = {}) {
        return api::may(role, role == "co-coordinator" ? mine : none, need, c);
    };
    for (auto role : {"admin", "referent", "co-coordinator"}) {
        CHECK(may(role, access_need::signed_in));
        CHECK(may(role, access_need::anyone));
    }
    CHECK(may("admin", access_need::admin));
    CHECK_FALSE(may("referent", access_need::admin));
    CHECK_FALSE(may("co-coordinator", access_need::admin));

    CHECK(may("admin", access_need::referent)); // an admin is a referent too
    CHECK(may("referent", access_need::referent));
    CHECK_FALSE(may("co-coordinator", access_need::referent));

    CHECK(may("admin", access_need::community, 3));
    CHECK(may("referent", access_need::community, 3));
    CHECK(may("co-coordinator", access_need::community, 7));
    CHECK_FALSE(may("co-coordinator", access_need::community, 3));
    CHECK_FALSE(may("someone", access_need::community, 7)); // an unknown role has nothing

    CHECK(api::needed_role_message(access_need::admin).find("admin") != std::string::npos);
}
