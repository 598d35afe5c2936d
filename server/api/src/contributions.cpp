// Contributions reviewed across meetings: filtered by community, meeting,
// body, kind, status and searched words, newest meeting or most supported
// first, a page at a time, each with its supports, its meeting and the
// objectives it went into.
#include "routes.hpp"
#include "search_query.hpp"

#include <cstdint>

namespace tavolo::api {
namespace {

// ?key= as a number in [low, high]; `fallback` when absent, nullopt when bad.
std::optional<std::int64_t> number_param(net::api_request const& req, char const* key,
                                         std::int64_t low, std::int64_t high,
                                         std::int64_t fallback) {
    auto const v = net::query_value(req.query, key);
    if (!v)
        return fallback;
    return whole_number(*v, low, high);
}

// The filter the query asks for (but its page); refuses a bad parameter.
store::contribution_filter filter_of(store::plan_store& s, net::api_request const& req) {
    store::contribution_filter f;
    if (auto const slug = net::query_value(req.query, "community")) {
        auto const c = s.find_community(*slug);
        if (!c)
            throw refusal{404, "not_found", "no such community"};
        f.community_id = c->id;
    }
    if (net::query_value(req.query, "meeting")) {
        auto const m = number_param(req, "meeting", 1, INT64_MAX, 0);
        if (!m)
            refuse("'meeting' must be a meeting id");
        f.meeting_id = *m;
    }
    f.organization = net::query_value(req.query, "body");
    f.kind = net::query_value(req.query, "kind");
    if (f.kind && *f.kind != "proposal" && *f.kind != "need" && *f.kind != "activity")
        refuse("'kind' must be proposal, need or activity");
    f.status = net::query_value(req.query, "status");
    if (f.status && *f.status != "visible" && *f.status != "hidden" && *f.status != "withdrawn" &&
        *f.status != "merged")
        refuse("'status' must be visible, hidden, withdrawn or merged");
    if (auto const sort = net::query_value(req.query, "sort")) {
        if (*sort == "supports")
            f.order = store::contribution_order::by_supports;
        else if (*sort != "meeting")
            refuse("'sort' must be meeting or supports");
    }
    if (auto const q = net::query_value(req.query, "q")) {
        if (q->size() > 500)
            refuse("'q' is longer than 500 bytes");
        f.fts_query = fts_query(*q);
    }
    return f;
}

json hit_json(store::contribution_hit const& h) {
    json objectives = json::array();
    for (auto const& [id, title] : h.objectives)
        objectives.push_back({{"id", id}, {"title", title}});
    auto const& c = h.contribution;
    return {{"id", c.id},
            {"kind", c.kind},
            {"text", c.text},
            {"status", h.status},
            {"created_at", h.created_at},
            {"author", {{"name", c.author_name}, {"organization", c.author_organization}}},
            {"supports", h.supports},
            {"meeting",
             {{"id", c.meeting_id},
              {"title", h.meeting_title},
              {"scheduled_on", h.meeting_date},
              {"community", h.community_slug},
              {"anonymous", c.anonymous}}},
            {"objectives", objectives}};
}

net::api_response search(store::plan_store& s, net::api_request const& req) {
    auto f = filter_of(s, req);
    auto const page = number_param(req, "page", 1, 1'000'000, 1);
    auto const per_page = number_param(req, "per_page", 1, 200, 50);
    if (!page || !per_page)
        refuse("'page' must be from 1 and 'per_page' from 1 to 200");
    f.limit = *per_page;
    f.offset = (*page - 1) * *per_page;
    auto const found = s.plans().search_contributions(f);
    json list = json::array();
    for (auto const& h : found.hits)
        list.push_back(hit_json(h));
    return ok({{"contributions", list},
               {"total", found.total},
               {"page", *page},
               {"per_page", *per_page}});
}

} // namespace

void add_contribution_routes(net::api_router& router, api_context& ctx) {
    router.add("GET", "/api/v1/contributions",
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const& req) { return search(s, req); }));
}

} // namespace tavolo::api
