// The paths open to everyone, without an account: a plan shared through its
// link, a community's published plan, the published system plan, the file
// of an objective in a published plan (as it was published), and what every
// page shows at its foot (the body, its accessibility statement and
// feedback address).
#include "exports.hpp"
#include "routes.hpp"

#include "tavolo/core/secrets.hpp"

namespace tavolo::api {
namespace {

net::api_response shared_plan(store::plan_store& s, net::api_request const& req,
                              docs::page_footer const& footer) {
    auto const format = format_of(req); // refused before an unknown link
    auto const plan = s.plans().plan_by_share_hash(core::hash_secret(req.params.at("token")));
    if (!plan)
        return net::api_error(404, "not_found", "this link is not (or no longer) valid");
    auto const c = s.find_community_by_id(plan->community_id);
    return export_plan(s, c ? *c : store::community_row{}, *plan, format, req, footer);
}

net::api_response published_plan(store::plan_store& s, net::api_request const& req,
                                 docs::page_footer const& footer) {
    auto const c = community_of(s, req);
    auto const year = year_of(req);
    auto const format = format_of(req); // refused before a missing plan
    for (auto const& p : s.plans().plan_versions(c.id, year))
        if (p.status == "published")
            return export_plan(s, c, p, format, req, footer);
    return net::api_error(404, "not_found",
                          "this community has no published plan for " + std::to_string(year));
}

net::api_response published_file(store::plan_store& s, net::api_request const& req) {
    // The file as it was published, whatever the objective has now.
    auto const f = s.plans().published_file(req.params.at("id"));
    if (!f)
        return net::api_error(404, "not_found", "no published deliverable file here");
    return file_response(*f);
}

// The settings the pages' footers show, each null when not set (the page
// then shows nothing in its place).
json site_json(site_options const& site) {
    auto const or_null = [](std::string const& v) { return v.empty() ? json(nullptr) : json(v); };
    return {{"body_name", or_null(site.body_name)},
            {"accessibility_statement_url", or_null(site.accessibility_statement_url)},
            {"feedback_email", or_null(site.feedback_email)}};
}

} // namespace

void add_public_routes(net::api_router& router, api_context& ctx) {
    auto const footer = page_footer_of(ctx.options().site);
    router.add("GET", "/api/v1/shared/plans/{token}",
               ctx.open_to_all([footer](store::plan_store& s, net::api_request const& req) {
                   return shared_plan(s, req, footer);
               }));
    router.add("GET", "/api/v1/public/communities/{slug}/plans/{year}",
               ctx.open_to_all([footer](store::plan_store& s, net::api_request const& req) {
                   return published_plan(s, req, footer);
               }));
    router.add("GET", "/api/v1/public/system-plans/{year}",
               ctx.open_to_all([footer](store::plan_store& s, net::api_request const& req) {
                   return system_plan(s, req, /*published_only=*/true, footer);
               }));
    router.add("GET", "/api/v1/public/objectives/{id}/deliverable/file",
               ctx.open_to_all(published_file));
    // Settings, not data: answered at once, off the API thread.
    router.add("GET", "/api/v1/public/site",
               net::api_sync_handler([answer = ok(site_json(ctx.options().site))](
                                         net::api_request const&) { return answer; }));
}

} // namespace tavolo::api
