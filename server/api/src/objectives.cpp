// Objectives: a community's objectives of a year, a new one, one objective,
// its fields changed, approved, dropped or reopened, its working group
// replaced, contributions linked and unlinked. Saving an objective has
// follow-up meetings present the plan again.
#include "routes.hpp"
#include "views.hpp"

#include "tavolo/core/secrets.hpp"

#include <chrono>
#include <set>

namespace tavolo::api {
namespace {

// An answer with the objective as the store now has it.
api_context::after_write answer_objective(std::string id) {
    return [id = std::move(id)](store::plan_store& s) {
        auto const o = s.plans().objective(id);
        return o ? ok({{"objective", objective_json(*o)}})
                 : net::api_error(404, "not_found", "no such objective");
    };
}

store::objective_record objective_of(store::plan_store& s, net::api_request const& req) {
    auto o = s.plans().objective(req.params.at("id"));
    if (!o)
        throw refusal{404, "not_found", "no such objective"};
    return *o;
}

// Saves an objective whole (fields, deliverable, working group), answers
// with it, and has follow-up meetings present the change.
void save_objective_then(api_context& ctx, net::api_respond& respond, store::objective_record o) {
    auto const id = o.id;
    ctx.write_then(
        respond, [o = std::move(o)](store::plan_store& w) { w.plans().save_objective(o); },
        answer_objective(id), /*plan_changed=*/true);
}

void apply_deliverable(store::deliverable_row& to, json const& d) {
    if (!d.is_object())
        refuse("'deliverable' must be an object");
    for (auto const& [key, value] : d.items())
        if (key != "description" && key != "due_month" && key != "status" && key != "link")
            refuse("unknown deliverable field '" + key + "'");
    if (d.contains("description"))
        to.description = text_field(d, "description", 2000);
    if (d.contains("due_month")) {
        auto const month = text_field(d, "due_month", 7);
        if (!month.empty() && !is_month(month))
            refuse("'deliverable.due_month' must be a month like 2027-07, or empty");
        to.due_month = month;
    }
    if (d.contains("status")) {
        auto const status = text_field(d, "status", 20);
        if (status != "planned" && status != "in_progress" && status != "delivered")
            refuse("'deliverable.status' must be planned, in_progress or delivered");
        to.status = status;
    }
    if (d.contains("link")) {
        auto const link = text_field(d, "link", 2000);
        if (!link.empty() && link.rfind("https://", 0) != 0 && link.rfind("http://", 0) != 0)
            refuse("'deliverable.link' must start with https:// or http://");
        to.link = link;
    }
}

// Applies the fields present in `body` to `o`, checking each.
void apply_fields(store::objective_record& o, json const& body) {
    if (!body.is_object())
        refuse("the body must be a JSON object");
    static std::set<std::string> const known{
        "title",       "description", "year",   "needs_working_group",
        "start_month", "end_month",   "owners", "deliverable"};
    for (auto const& [key, value] : body.items())
        if (!known.count(key))
            refuse("unknown field '" + key + "'");
    if (body.contains("title"))
        o.title = text_field(body, "title", 200, false);
    if (body.contains("description"))
        o.description = text_field(body, "description", 5000);
    if (body.contains("year")) {
        if (!body["year"].is_number_integer() || body["year"].get<std::int64_t>() < 2000 ||
            body["year"].get<std::int64_t>() > 2100)
            refuse("'year' must be a year between 2000 and 2100");
        o.year = body["year"].get<std::int64_t>();
    }
    if (body.contains("needs_working_group")) {
        if (!body["needs_working_group"].is_boolean())
            refuse("'needs_working_group' must be true or false");
        o.needs_working_group = body["needs_working_group"].get<bool>();
    }
    for (auto const* key : {"start_month", "end_month"})
        if (body.contains(key)) {
            auto const month = text_field(body, key, 7);
            if (!month.empty() && !is_month(month))
                refuse(std::string("'") + key + "' must be a month like 2027-07, or empty");
            (std::string(key) == "start_month" ? o.start_month : o.end_month) = month;
        }
    if (!o.start_month.empty() && !o.end_month.empty() && o.end_month < o.start_month)
        refuse("'end_month' is before 'start_month'");
    if (body.contains("owners")) {
        if (!body["owners"].is_array() || body["owners"].size() > 20)
            refuse("'owners' must be a list of at most 20 bodies");
        o.owners.clear();
        for (auto const& owner : body["owners"]) {
            json one{{"owner", owner}};
            o.owners.push_back(text_field(one, "owner", 200, false));
        }
    }
    if (body.contains("deliverable"))
        apply_deliverable(o.deliverable, body["deliverable"]);
}

store::working_group_row working_group_from(json const& body) {
    if (!body.is_object())
        refuse("the body must be a JSON object");
    store::working_group_row w;
    if (body.contains("status")) {
        w.status = text_field(body, "status", 20);
        if (w.status != "forming" && w.status != "composed" && w.status != "enabled")
            refuse("'status' must be forming, composed or enabled");
    }
    if (body.contains("start_date")) {
        w.start_date = text_field(body, "start_date", 10);
        if (!w.start_date.empty() && !is_date(w.start_date))
            refuse("'start_date' must be a date like 2027-07-01, or empty");
    }
    if (w.status == "enabled" && w.start_date.empty())
        refuse("an enabled working group needs its 'start_date'");
    if (body.contains("members")) {
        if (!body["members"].is_array() || body["members"].size() > 200)
            refuse("'members' must be a list of at most 200 people");
        std::set<std::pair<std::string, std::string>> seen;
        for (auto const& m : body["members"]) {
            if (!m.is_object())
                refuse("each member must be {\"name\": ..., \"organization\": ...}");
            store::member_row row;
            row.name = text_field(m, "name", 100, false);
            row.organization = text_field(m, "organization", 200, false);
            row.confirmed = m.value("confirmed", w.status != "forming");
            if (!seen.emplace(row.name, row.organization).second)
                refuse("'" + row.name + "' of '" + row.organization + "' is listed twice");
            w.members.push_back(std::move(row));
        }
    }
    return w;
}

net::api_response list_objectives(store::plan_store& s, net::api_request const& req) {
    auto const c = community_of(s, req);
    std::optional<std::int64_t> year;
    if (auto const y = net::query_value(req.query, "year")) {
        try {
            year = std::stoll(*y);
        } catch (std::exception const&) {
            return net::api_error(400, "bad_request", "'year' must be a number");
        }
    }
    json list = json::array();
    for (auto const& o : s.plans().objectives(c.id, year))
        list.push_back(objective_json(o));
    return ok({{"objectives", list}});
}

void create_objective(api_context& ctx, store::plan_store& s, store::coordinator_row const& who,
                      net::api_request const& req, net::api_respond& respond) {
    auto const c = community_of(s, req);
    auto const body = parse_body(req.body);
    if (!body.is_object() || !body.contains("title"))
        refuse("a new objective needs its 'title'");
    store::objective_record o;
    o.id = "obj-" + core::random_hex(8);
    o.community_id = c.id;
    o.status = "draft";
    o.created_by = who.name;
    auto const today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    o.year = static_cast<int>(std::chrono::year_month_day(today).year());
    apply_fields(o, body);
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
    // Members already there keep when they joined.
    if (o.working_group)
        for (auto& m : group.members)
            for (auto const& before : o.working_group->members)
                if (before.name == m.name && before.organization == m.organization) {
                    m.joined_at = before.joined_at;
                    m.participant_id = before.participant_id;
                }
    o.working_group = std::move(group);
    o.updated_at = store::now_ms();
    save_objective_then(ctx, respond, std::move(o));
}

void link_contribution(api_context& ctx, bool put, store::plan_store& s,
                       net::api_request const& req, net::api_respond& respond) {
    auto const o = objective_of(s, req);
    std::int64_t contribution = 0;
    try {
        contribution = std::stoll(req.params.at("contribution"));
    } catch (std::exception const&) {
        refuse("the contribution id must be a number");
    }
    if (!s.plans().contribution_in_community(contribution, o.community_id))
        throw refusal{404, "not_found", "no such contribution in the objective's community"};
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
                   return ok({{"objective", objective_json(objective_of(s, req))}});
               }));
    router.add("PATCH", "/api/v1/objectives/{id}",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const&,
                                           net::api_request const& req, net::api_respond& respond) {
                   auto o = objective_of(s, req);
                   apply_fields(o, parse_body(req.body));
                   o.updated_at = store::now_ms();
                   save_objective_then(ctx, respond, std::move(o));
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
                if (status == "approved" && o.title.find_first_not_of(" \t") == std::string::npos)
                    refuse("an objective needs a title to be approved");
                o.status = status;
                o.updated_at = store::now_ms();
                save_objective_then(ctx, respond, std::move(o));
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
