// Plans, for coordinators: a community's plan of a year as it stands, its
// versions, a new version, sharing (a read-only link) and publishing the
// open one, and the system plan of every community.
#include "exports.hpp"
#include "routes.hpp"
#include "views.hpp"

#include "tavolo/core/secrets.hpp"

namespace tavolo::api {
namespace {

net::api_response current_plan(store::plan_store& s, net::api_request const& req,
                               docs::page_footer const& footer) {
    auto const c = community_of(s, req);
    auto const year = year_of(req);
    auto const format = format_of(req);
    auto const doc = current_document(s, c, year);
    return as_export(docs::render_plan(doc, format, lang_of(req), footer),
                     file_name(c.slug, year, doc["version"].get<std::int64_t>()), download(req));
}

net::api_response plan_version(store::plan_store& s, net::api_request const& req,
                               docs::page_footer const& footer) {
    auto const c = community_of(s, req);
    auto const year = year_of(req);
    auto const format = format_of(req); // refused before a missing version
    for (auto const& p : s.plans().plan_versions(c.id, year))
        if (std::to_string(p.version) == req.params.at("version"))
            return export_plan(s, c, p, format, req, footer);
    return net::api_error(404, "not_found", "no such plan version");
}

// The newest version of the community's plan, as the answer.
api_context::after_write answer_newest(std::int64_t community_id, std::int64_t year,
                                       unsigned status = 200) {
    return [community_id, year, status](store::plan_store& r) {
        auto const v = r.plans().plan_versions(community_id, year);
        return ok({{"plan", plan_json(v.front())}}, status);
    };
}

void create_version(api_context& ctx, store::plan_store& s, net::api_request const& req,
                    net::api_respond& respond) {
    auto const c = community_of(s, req);
    auto const year = year_of(req);
    expect_no_fields(req.body);
    auto const versions = s.plans().plan_versions(c.id, year);
    if (!versions.empty() && versions.front().status != "published")
        throw refusal{409, "plan_open",
                      "version " + std::to_string(versions.front().version) +
                          " is still open; publish it first"};
    ctx.write_then(
        respond, [id = c.id, year](store::plan_store& w) { w.plans().create_plan(id, year); },
        answer_newest(c.id, year, 201));
}

// Shares (a new read-only link each time) or publishes the open version.
void share_or_publish(api_context& ctx, bool publish, store::plan_store& s,
                      net::api_request const& req, net::api_respond& respond) {
    auto const c = community_of(s, req);
    auto const year = year_of(req);
    expect_no_fields(req.body);
    auto const versions = s.plans().plan_versions(c.id, year);
    if (versions.empty() || versions.front().status == "published")
        throw refusal{409, "no_open_plan", "no open version of this plan: create one first"};
    auto const plan = versions.front();
    if (publish) {
        auto const at = store::now_ms();
        auto doc = docs::plan_document({c, year, plan.version, "published", at},
                                       s.plans().objectives(c.id, year));
        ctx.write_then(
            respond,
            [id = plan.id, snapshot = doc.dump(), at](store::plan_store& w) {
                w.plans().publish_plan(id, snapshot, at);
            },
            answer_newest(c.id, year), /*plan_changed=*/true);
        return;
    }
    auto const token = core::generate_secret();
    ctx.write_then(
        respond,
        [id = plan.id, hash = core::hash_secret(token)](store::plan_store& w) {
            w.plans().share_plan(id, hash);
        },
        [id = c.id, year, token](store::plan_store& r) {
            auto const v = r.plans().plan_versions(id, year);
            return ok({{"plan", plan_json(v.front())},
                       {"share_link", "/api/v1/shared/plans/" + token + "?format=html"},
                       {"share_api", "/api/v1/shared/plans/" + token}});
        });
}

} // namespace

void add_plan_routes(net::api_router& router, api_context& ctx) {
    auto const plan = std::string("/api/v1/communities/{slug}/plans/{year}");
    auto const footer = page_footer_of(ctx.options().site);
    router.add("GET", plan,
               ctx.signed_in(
                   [footer](store::plan_store& s, store::coordinator_row const&,
                            net::api_request const& req) { return current_plan(s, req, footer); }));
    router.add("GET", plan + "/versions",
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const& req) {
                   auto const c = community_of(s, req);
                   json list = json::array();
                   for (auto const& p : s.plans().plan_versions(c.id, year_of(req)))
                       list.push_back(plan_json(p));
                   return ok({{"versions", list}});
               }));
    router.add("GET", plan + "/versions/{version}",
               ctx.signed_in(
                   [footer](store::plan_store& s, store::coordinator_row const&,
                            net::api_request const& req) { return plan_version(s, req, footer); }));
    router.add("POST", plan,
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const&,
                                           net::api_request const& req, net::api_respond& respond) {
                   create_version(ctx, s, req, respond);
               }));
    for (bool const publish : {false, true})
        router.add("POST", plan + (publish ? "/publish" : "/share"),
                   ctx.signed_in_writer(
                       [&ctx, publish](store::plan_store& s, store::coordinator_row const&,
                                       net::api_request const& req, net::api_respond& respond) {
                           share_or_publish(ctx, publish, s, req, respond);
                       }));
    router.add("GET", "/api/v1/system-plans/{year}",
               ctx.signed_in([footer](store::plan_store& s, store::coordinator_row const&,
                                      net::api_request const& req) {
                   return system_plan(s, req, /*published_only=*/false, footer);
               }));
}

} // namespace tavolo::api
