#include "support.hpp"

#include "routes.hpp"

#include "tavolo/plans/catalog.hpp"

#include <cctype>
#include <chrono>
#include <map>

namespace tavolo::api {

namespace {

std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The catalogue's graph from the store's published plans.
plans::rdf::graph catalog_of(store::plan_store& s, site_options const& site,
                             net::api_request const& req) {
    auto const base = public_base_url(site, req);
    if (!base)
        throw refusal{400, "bad_request", "the Host header does not name a host"};
    std::map<std::int64_t, store::community_row> communities;
    for (auto const& c : s.communities())
        communities.emplace(c.id, c);
    std::vector<plans::published_plan> published;
    for (auto const& p : s.plans().published_plans())
        if (auto const c = communities.find(p.community_id); c != communities.end())
            published.push_back({.community = c->second,
                                 .year = p.year,
                                 .version = p.version,
                                 .published_at = p.published_at});
    return plans::catalog_graph(
        {.base_url = *base,
         .body_name = site.body_name,
         .ipa_code = site.ipa_code,
         .contact_email = site.contact_email.empty() ? site.feedback_email : site.contact_email,
         .licence_name = site.licence_name,
         .licence_url = site.licence_url},
        published, now_ms());
}

} // namespace

void add_open_data_routes(net::api_router& router, api_context& ctx) {
    auto const& site = ctx.options().site;
    router.add("GET", "/api/v1/public/catalog.jsonld",
               ctx.open_to_all([&site](store::plan_store& s, net::api_request const& req) {
                   net::api_response r;
                   r.body = plans::rdf::to_json_ld(catalog_of(s, site, req)).dump(2) + "\n";
                   r.content_type = "application/ld+json";
                   return r;
               }));
    router.add("GET", "/api/v1/public/catalog.ttl",
               ctx.open_to_all([&site](store::plan_store& s, net::api_request const& req) {
                   net::api_response r;
                   r.body = plans::rdf::to_turtle(catalog_of(s, site, req));
                   r.content_type = "text/turtle; charset=utf-8";
                   return r;
               }));
}

} // namespace tavolo::api
