// Communities: the list with their meeting counts, one community with its
// meetings and people, a new community, its people replaced whole.
#include "bodies.hpp"
#include "routes.hpp"
#include "versioning.hpp"
#include "views.hpp"

namespace tavolo::api {
namespace {

net::api_response list_communities(store::plan_store& s) {
    auto const counts = s.meeting_counts();
    json list = json::array();
    for (auto const& c : s.communities()) {
        auto const count = counts.find(c.id);
        list.push_back(
            community_json(c, count == counts.end() ? 0 : static_cast<std::size_t>(count->second)));
    }
    return ok({{"communities", list}});
}

net::api_response show_community(store::plan_store& s, net::api_request const& req) {
    auto const c = s.find_community(req.params.at("slug"));
    if (!c)
        return net::api_error(404, "not_found", "no such community");
    json list = json::array();
    for (auto const& m : s.meetings_of_community(c->id))
        list.push_back(meeting_json(m));
    auto body = community_json(*c, list.size());
    body["meetings"] = list;
    auto const people = s.plans().community_people(c->id);
    body.update(community_people_json(people));
    // What a PUT of the people list names in If-Match.
    body["people_etag"] = people_etag(people);
    return ok({{"community", body}});
}

void create_community(api_context& ctx, store::plan_store& s, net::api_request const& req,
                      net::api_respond& respond) {
    auto const c = community_from(parse_body(req.body));
    if (s.find_community(c.slug))
        throw refusal{409, "slug_taken", "a community with that slug exists"};
    ctx.write_then(
        respond, [c](store::plan_store& w) { w.create_community(c); },
        [slug = c.slug](store::plan_store& r) {
            auto const made = r.find_community(slug);
            return ok({{"community",
                        {{"slug", made->slug},
                         {"name", made->name},
                         {"description", made->description},
                         {"meetings", 0}}}},
                      201);
        });
}

// The community's people as GET shows them, with their ETag.
versioned people_version(store::plan_store& s, std::int64_t community_id) {
    auto const people = s.plans().community_people(community_id);
    return std::pair{community_people_json(people), people_etag(people)};
}

void set_people(api_context& ctx, store::plan_store& s, net::api_request const& req,
                net::api_respond& respond) {
    auto const c = community_of(s, req);
    auto const people = people_from(parse_body(req.body));
    auto const now = people_version(s, c.id);
    if (auto refused = check_if_match(req, now->first, now->second))
        return respond(std::move(*refused));
    write_if_unchanged(
        ctx, respond, now->second,
        [id = c.id](store::plan_store& w) { return people_etag(w.plans().community_people(id)); },
        [id = c.id, people](store::plan_store& w) { w.plans().set_community_people(id, people); },
        [id = c.id](store::plan_store& r) { return people_version(r, id); });
}

} // namespace

void add_community_routes(net::api_router& router, api_context& ctx) {
    router.add("GET", "/api/v1/communities",
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const&) { return list_communities(s); }));
    router.add("GET", "/api/v1/communities/{slug}",
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const& req) { return show_community(s, req); }));
    router.add("POST", "/api/v1/communities",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const&,
                                           net::api_request const& req, net::api_respond& respond) {
                   create_community(ctx, s, req, respond);
               }));
    // Who coordinates the community and who refers for it, replaced whole.
    router.add("PUT", "/api/v1/communities/{slug}/people",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const&,
                                           net::api_request const& req, net::api_respond& respond) {
                   set_people(ctx, s, req, respond);
               }));
    router.add("GET", "/api/v1/communities/{slug}/people",
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const& req) {
                   auto const now = people_version(s, community_of(s, req).id);
                   return ok_versioned(now->first, now->second);
               }));
}

} // namespace tavolo::api
