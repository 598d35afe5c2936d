// Objectives: a community's objectives of a year, a new one, one objective,
// its fields changed, approved, dropped or reopened, its working group
// replaced, contributions linked and unlinked. Saving an objective has
// follow-up meetings present the plan again.
#include "bodies.hpp"
#include "exports.hpp"
#include "routes.hpp"
#include "versioning.hpp"
#include "views.hpp"

#include "tavolo/core/secrets.hpp"

#include <chrono>

namespace tavolo::api {
namespace {

// An answer with the objective as the store now has it.
api_context::after_write answer_objective(std::string id) {
    return [id = std::move(id)](store::plan_store& s) {
        auto const o = s.plans().objective(id);
        return o ? ok_versioned({{"objective", objective_json(*o)}}, objective_etag(*o))
                 : net::api_error(404, "not_found", "no such objective");
    };
}

store::objective_record objective_of(store::plan_store& s, net::api_request const& req) {
    auto o = s.plans().objective(req.params.at("id"));
    if (!o)
        throw refusal{404, "not_found", "no such objective"};
    return *o;
}

// A PATCH or PUT on the objective `o` read on the API thread: `o` as
// changed by `change` (which refuses a bad body first) is saved if If-Match
// names its version and no other write comes first; else 428 or 412.
void save_if_unchanged(api_context& ctx, net::api_request const& req, net::api_respond& respond,
                       store::objective_record o,
                       std::function<void(store::objective_record&)> const& change) {
    auto const base = objective_etag(o);
    json const before{{"objective", objective_json(o)}};
    change(o);
    if (auto refused = check_if_match(req, before, base))
        return respond(std::move(*refused));
    o.updated_at = store::now_ms();
    auto const id = o.id;
    write_if_unchanged(
        ctx, respond, base, objective_etag_now(id),
        [o = std::move(o)](store::plan_store& w) { w.plans().save_objective(o); },
        [id](store::plan_store& r) { return objective_version(r, id); }, /*plan_changed=*/true);
}

// Saves `o`'s status (approve, drop, reopen: no If-Match, they name no
// version), answers with it, and has follow-up meetings present the change.
// The status goes onto the objective as the writer reads it, so a PATCH saved
// meanwhile is not undone.
void save_status_then(api_context& ctx, net::api_respond& respond, store::objective_record o) {
    auto const id = o.id;
    ctx.write_then(
        respond,
        [o = std::move(o)](store::plan_store& w) {
            auto now = w.plans().objective(o.id);
            if (!now)
                return;
            now->status = o.status;
            now->updated_at = o.updated_at;
            w.plans().save_objective(*now);
        },
        answer_objective(id), /*plan_changed=*/true);
}

net::api_response list_objectives(store::plan_store& s, net::api_request const& req) {
    auto const c = community_of(s, req);
    std::optional<std::int64_t> year;
    if (auto const y = net::query_value(req.query, "year"))
        year = year_from(*y);
    json list = json::array();
    for (auto const& o : s.plans().objectives(c.id, year))
        list.push_back(objective_json(o));
    return ok({{"objectives", list}});
}

void create_objective(api_context& ctx, store::plan_store& s, store::coordinator_row const& who,
                      net::api_request const& req, net::api_respond& respond) {
    auto const c = community_of(s, req);
    auto const body = parse_body(req.body);
    store::objective_record o;
    o.id = "obj-" + core::random_hex(8);
    o.community_id = c.id;
    o.status = "draft";
    o.created_by = who.name;
    auto const today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    o.year = static_cast<int>(std::chrono::year_month_day(today).year());
    apply_objective_fields(o, body, /*new_one=*/true);
    ctx.write_then(
        respond, [o](store::plan_store& w) { w.plans().save_objective(o); },
        [answer = answer_objective(o.id)](store::plan_store& r) {
            auto res = answer(r);
            res.status = 201;
            return res;
        });
}

void set_working_group(api_context& ctx, store::plan_store& s, net::api_request const& req,
                       net::api_respond& respond) {
    auto o = objective_of(s, req);
    if (!o.needs_working_group)
        throw refusal{409, "no_working_group",
                      "this objective does not need a working group; set "
                      "needs_working_group first"};
    auto group = working_group_from(parse_body(req.body));
    save_if_unchanged(ctx, req, respond, std::move(o), [&group](store::objective_record& o) {
        // Members already there keep when they joined.
        if (o.working_group)
            for (auto& m : group.members)
                for (auto const& before : o.working_group->members)
                    if (before.name == m.name && before.organization == m.organization) {
                        m.joined_at = before.joined_at;
                        m.participant_id = before.participant_id;
                    }
        o.working_group = std::move(group);
    });
}

void link_contribution(api_context& ctx, bool put, store::plan_store& s,
                       net::api_request const& req, net::api_respond& respond) {
    auto const o = objective_of(s, req);
    expect_no_fields(req.body);
    std::int64_t contribution = 0;
    try {
        contribution = std::stoll(req.params.at("contribution"));
    } catch (std::exception const&) {
        refuse("the contribution id must be a number");
    }
    if (!s.plans().contribution_in_community(contribution, o.community_id))
        throw refusal{404, "not_found", "no such contribution in the objective's community"};
    // What was hidden, withdrawn or removed must never reach a plan; an
    // existing link to it may still be removed.
    if (put && !s.plans().contribution_available(contribution))
        throw refusal{409, "contribution_unavailable",
                      "this contribution was hidden, withdrawn or removed in its meeting and "
                      "cannot be linked"};
    ctx.write_then(
        respond,
        [id = o.id, contribution, put](store::plan_store& w) {
            auto& p = w.plans();
            if (put)
                p.link(id, contribution);
            else
                p.unlink(id, contribution);
        },
        answer_objective(o.id));
}

} // namespace

void add_objective_routes(net::api_router& router, api_context& ctx) {
    router.add("GET", "/api/v1/communities/{slug}/objectives",
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const& req) { return list_objectives(s, req); }));
    router.add("POST", "/api/v1/communities/{slug}/objectives",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const& who,
                                           net::api_request const& req, net::api_respond& respond) {
                   create_objective(ctx, s, who, req, respond);
               }));
    router.add("GET", "/api/v1/objectives/{id}",
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const& req) {
                   auto const o = objective_of(s, req);
                   return ok_versioned({{"objective", objective_json(o)}}, objective_etag(o));
               }));
    router.add("PATCH", "/api/v1/objectives/{id}",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const&,
                                           net::api_request const& req, net::api_respond& respond) {
                   auto o = objective_of(s, req);
                   auto const body = parse_body(req.body);
                   save_if_unchanged(ctx, req, respond, std::move(o),
                                     [&body](store::objective_record& o) {
                                         apply_objective_fields(o, body, /*new_one=*/false);
                                     });
               }));
    for (auto const& [action, status] : {std::pair<char const*, char const*>{"approve", "approved"},
                                         {"drop", "dropped"},
                                         {"reopen", "draft"}})
        router.add(
            "POST", std::string("/api/v1/objectives/{id}/") + action,
            ctx.signed_in_writer([&ctx, status = std::string(status)](
                                     store::plan_store& s, store::coordinator_row const&,
                                     net::api_request const& req, net::api_respond& respond) {
                auto o = objective_of(s, req);
                expect_no_fields(req.body);
                if (status == "approved" && o.title.find_first_not_of(" \t") == std::string::npos)
                    refuse("an objective needs a title to be approved");
                o.status = status;
                o.updated_at = store::now_ms();
                save_status_then(ctx, respond, std::move(o));
            }));
    router.add("PUT", "/api/v1/objectives/{id}/working-group",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const&,
                                           net::api_request const& req, net::api_respond& respond) {
                   set_working_group(ctx, s, req, respond);
               }));
    for (bool const put : {true, false})
        router.add(put ? "PUT" : "DELETE", "/api/v1/objectives/{id}/contributions/{contribution}",
                   ctx.signed_in_writer(
                       [&ctx, put](store::plan_store& s, store::coordinator_row const&,
                                   net::api_request const& req, net::api_respond& respond) {
                           link_contribution(ctx, put, s, req, respond);
                       }));
}

} // namespace tavolo::api
