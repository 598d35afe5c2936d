// The coordinator API's objectives, working groups and contributions
// (docs/api.md): members of coordinator_api, kept apart from sign-in.
#include "api_support.hpp"
#include "coordinator_api.hpp"
#include "tavolo/plans/plan_document.hpp"
#include "search_query.hpp"
#include "app/adapters/store_bridge.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/core/utf8.hpp"
#include "tavolo/store/plans.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <regex>
#include <set>

namespace tavolo::app {
using namespace tavolo::plans; // plan documents and their exports
namespace {

// The link a facilitator opens (the secret travels in the fragment: never
// sent to the server in a request line, never in its logs).
std::string facilitator_link(std::string const& shown_code, std::string const& secret) {
    return "/#/facilitate/" + shown_code + "/" + secret;
}

using json = nlohmann::json;

using refusal = coordinator_api::refusal;

[[noreturn]] void refuse(std::string message) {
    throw refusal{400, "bad_request", std::move(message)};
}

bool is_month(std::string const& s) {
    static std::regex const month(R"(\d{4}-(0[1-9]|1[0-2]))");
    return std::regex_match(s, month);
}

bool is_date(std::string const& s) {
    static std::regex const date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
    return std::regex_match(s, date);
}

std::string text_field(json const& body, char const* key, std::size_t max_chars,
                       bool allow_empty = true) {
    auto const& v = body[key];
    if (!v.is_string())
        refuse(std::string("'") + key + "' must be a string");
    auto s = v.get<std::string>();
    if (!core::is_valid_utf8(s))
        refuse(std::string("'") + key + "' is not valid UTF-8");
    if (core::has_control_chars(s, true))
        refuse(std::string("'") + key + "' has a control character");
    if (core::count_code_points(s) > max_chars)
        refuse(std::string("'") + key + "' is longer than " + std::to_string(max_chars) +
               " characters");
    if (!allow_empty && s.find_first_not_of(" \t\r\n") == std::string::npos)
        refuse(std::string("'") + key + "' must not be empty");
    return s;
}

json objective_json(store::objective_record const& o) {
    json contributions = json::array();
    for (auto const& c : o.contributions)
        contributions.push_back(
            {{"id", c.id},
             {"meeting_id", c.meeting_id},
             {"kind", c.kind},
             {"text", c.text},
             {"author", {{"name", c.author_name}, {"organization", c.author_organization}}}});
    json group = nullptr;
    if (o.working_group) {
        json members = json::array();
        for (auto const& m : o.working_group->members)
            members.push_back(
                {{"name", m.name}, {"organization", m.organization}, {"confirmed", m.confirmed}});
        group = {{"status", o.working_group->status},
                 {"start_date", o.working_group->start_date},
                 {"members", members}};
    }
    auto const& d = o.deliverable;
    return {{"id", o.id},
            {"community", o.community_slug},
            {"meeting_id", o.meeting_id ? json(o.meeting_id) : json(nullptr)},
            {"year", o.year},
            {"title", o.title},
            {"description", o.description},
            {"status", o.status},
            {"needs_working_group", o.needs_working_group},
            {"start_month", o.start_month},
            {"end_month", o.end_month},
            {"owners", o.owners},
            {"deliverable",
             {{"description", d.description},
              {"due_month", d.due_month},
              {"status", d.status},
              {"link", d.link},
              {"file_name", d.file_name},
              {"has_file", d.has_file}}},
            {"working_group", group},
            {"contributions", contributions},
            {"created_at", o.created_at},
            {"updated_at", o.updated_at}};
}

// An answer with the objective as the store now has it.
std::function<net::api_response(store::plan_store&)> answer_objective(std::string id) {
    return [id = std::move(id)](store::plan_store& s) {
        auto const o = s.plans().objective(id);
        return o ? ok({{"objective", objective_json(*o)}})
                 : net::api_error(404, "not_found", "no such objective");
    };
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
    if (body.contains("deliverable")) {
        auto const& d = body["deliverable"];
        if (!d.is_object())
            refuse("'deliverable' must be an object");
        for (auto const& [key, value] : d.items())
            if (key != "description" && key != "due_month" && key != "status" && key != "link")
                refuse("unknown deliverable field '" + key + "'");
        if (d.contains("description"))
            o.deliverable.description = text_field(d, "description", 2000);
        if (d.contains("due_month")) {
            auto const month = text_field(d, "due_month", 7);
            if (!month.empty() && !is_month(month))
                refuse("'deliverable.due_month' must be a month like 2027-07, or empty");
            o.deliverable.due_month = month;
        }
        if (d.contains("status")) {
            auto const status = text_field(d, "status", 20);
            if (status != "planned" && status != "in_progress" && status != "delivered")
                refuse("'deliverable.status' must be planned, in_progress or delivered");
            o.deliverable.status = status;
        }
        if (d.contains("link")) {
            auto const link = text_field(d, "link", 2000);
            if (!link.empty() && link.rfind("https://", 0) != 0 && link.rfind("http://", 0) != 0)
                refuse("'deliverable.link' must start with https:// or http://");
            o.deliverable.link = link;
        }
    }
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

json parse_body(std::string const& text) {
    auto body = json::parse(text, nullptr, false);
    if (body.is_discarded())
        refuse("the body must be JSON");
    return body;
}

} // namespace

namespace {

std::optional<std::int64_t> year_param(net::api_request const& req) {
    try {
        std::size_t used = 0;
        auto const& text = req.params.at("year");
        auto const y = std::stoll(text, &used);
        if (used == text.size() && y >= 2000 && y <= 2100)
            return y;
    } catch (std::exception const&) {
    }
    return std::nullopt;
}

// The export asked for by ?format= (json by default); nullopt when unknown.
std::optional<export_format> format_param(net::api_request const& req) {
    auto const f = net::query_value(req.query, "format");
    return export_format_from(f ? *f : "json");
}

net::api_response as_export(rendered r, std::string const& file_name, bool download) {
    net::api_response res;
    res.body = std::move(r.body);
    res.content_type = r.content_type;
    if (download || r.file_extension != "html")
        res.headers.emplace_back("Content-Disposition",
                                 std::string(download ? "attachment" : "inline") + "; filename=\"" +
                                     file_name + "." + r.file_extension + "\"");
    return res;
}

// The document of a plan row: its snapshot once published, else the
// community's approved objectives of the year as they stand.
json document_of(store::plan_store& s, store::community_row const& c, store::plan_row const& p) {
    if (p.status == "published" && !p.snapshot.empty())
        return json::parse(p.snapshot);
    return plan_document({c, p.year, p.version, p.status, p.published_at},
                         s.plans().objectives(c.id, p.year));
}

// The community named by the path's {slug}; 404 when there is none.
store::community_row community_of(store::plan_store& s, net::api_request const& req) {
    auto c = s.find_community(req.params.at("slug"));
    if (!c)
        throw refusal{404, "not_found", "no such community"};
    return *c;
}

// A community's plan for the year as it stands: its newest version, or with
// no version yet its approved objectives as version 0 (status "none").
json current_document(store::plan_store& s, store::community_row const& c, std::int64_t year) {
    auto const versions = s.plans().plan_versions(c.id, year);
    if (versions.empty())
        return plan_document({c, year, 0, "none", 0},
                             s.plans().objectives(c.id, year));
    return document_of(s, c, versions.front());
}

json plan_json(store::plan_row const& p) {
    return {{"version", p.version},     {"year", p.year},
            {"status", p.status},       {"created_at", p.created_at},
            {"shared_at", p.shared_at}, {"published_at", p.published_at}};
}

} // namespace

void coordinator_api::add_meeting_routes(net::api_router& router) {
    auto meeting_of = [](store::plan_store& s, net::api_request const& req) {
        std::int64_t id = 0;
        auto const& text = req.params.at("id");
        auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
        if (ec == std::errc() && end == text.data() + text.size())
            for (auto& m : s.meetings())
                if (m.id == id)
                    return m;
        throw refusal{404, "not_found", "no such meeting"};
    };
    router.add("GET", "/api/v1/meetings/{id}",
               signed_in([meeting_of](store::plan_store& s, store::coordinator_row const&,
                                      net::api_request const& req) {
                   auto const m = meeting_of(s, req);
                   return ok(
                       {{"meeting", meeting_json(m)},
                        {"participant_link", "/#/join/" + core::format_join_code(m.join_code)}});
               }));

    // Each change goes to the live meeting, which makes it durable, tells its
    // members, and only then lets the answer leave.
    enum class what { open, close, new_link };
    auto change = [this, meeting_of](what w) {
        return signed_in_writer(
            [this, meeting_of, w](store::plan_store& s, store::coordinator_row const&,
                                  net::api_request const& req, net::api_respond& respond) {
                auto const m = meeting_of(s, req);
                live::meeting_room::outside_change c;
                std::string secret;
                if (w == what::open) {
                    if (m.phase != "lobby" && m.phase != "closed")
                        throw refusal{409, "no_change", "the meeting is open already"};
                    c.phase = m.kind == "followup" ? live::meeting_phase::plan
                                                   : live::meeting_phase::collect;
                } else if (w == what::close) {
                    if (m.phase == "closed")
                        throw refusal{409, "no_change", "the meeting is closed already"};
                    c.phase = live::meeting_phase::closed;
                } else {
                    secret = core::generate_secret();
                    c.facilitator_hash = core::hash_secret(secret);
                }
                auto done = [this, respond, id = m.id, code = m.join_code,
                             secret](live::meeting_room::outside_result r) {
                    if (r.error) {
                        auto const status = r.error->first == "store_failed" ? 503u : 409u;
                        return respond(net::api_error(status, r.error->first, r.error->second));
                    }
                    on_api_thread(respond, [this, id, code, secret](net::api_respond& respond) {
                        for (auto const& made : store_.meetings())
                            if (made.id == id) {
                                json body{{"meeting", meeting_json(made)}};
                                if (!secret.empty())
                                    body["facilitator_link"] =
                                        facilitator_link(core::format_join_code(code), secret);
                                return respond(ok(body));
                            }
                        respond(net::api_error(404, "not_found", "no such meeting"));
                    });
                };
                if (!hooks_.change_meeting || !hooks_.change_meeting(m.id, c, done))
                    throw refusal{503, "not_live", "the meeting is not being served"};
            });
    };
    router.add("POST", "/api/v1/meetings/{id}/open", change(what::open));
    router.add("POST", "/api/v1/meetings/{id}/close", change(what::close));
    router.add("POST", "/api/v1/meetings/{id}/facilitator-link", change(what::new_link));
}

void coordinator_api::write_then(net::api_respond respond,
                                 std::function<void(store::plan_store&)> write,
                                 std::function<net::api_response(store::plan_store&)> after,
                                 bool plan_changed) {
    writer_.push(std::move(write), [this, respond, after = std::move(after),
                                    plan_changed](std::optional<std::string> error) mutable {
        if (error)
            return respond(net::api_error(503, "store_unavailable",
                                          "the change could not be saved; nothing changed"));
        if (plan_changed && hooks_.plan_changed)
            hooks_.plan_changed();
        // Answer with what the store now holds, read on the API thread.
        on_api_thread(respond,
                      [this, after](net::api_respond& respond) { respond(after(store_)); });
    });
}

void coordinator_api::save_objective_then(net::api_respond respond, store::objective_record o) {
    auto const id = o.id;
    write_then(
        std::move(respond),
        [o = std::move(o)](store::plan_store& w) { w.plans().save_objective(o); },
        answer_objective(id), /*plan_changed=*/true);
}

void coordinator_api::add_plan_routes(net::api_router& router) {
    auto find_objective = [](store::plan_store& s, std::string const& id) {
        auto o = s.plans().objective(id);
        if (!o)
            throw refusal{404, "not_found", "no such objective"};
        return *o;
    };

    router.add("GET", "/api/v1/communities/{slug}/objectives",
               signed_in([](store::plan_store& s, store::coordinator_row const&,
                            net::api_request const& req) {
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
               }));

    router.add("POST", "/api/v1/communities/{slug}/objectives",
               signed_in_writer([this](store::plan_store& s, store::coordinator_row const& who,
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
                   o.year = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
                                                            std::chrono::system_clock::now()))
                                .year()
                                .
                                operator int();
                   apply_fields(o, body);
                   write_then(
                       respond,
                       [o](store::plan_store& w) { w.plans().save_objective(o); },
                       [answer = answer_objective(o.id)](store::plan_store& r) {
                           auto res = answer(r);
                           res.status = 201;
                           return res;
                       });
               }));

    router.add("GET", "/api/v1/objectives/{id}",
               signed_in([](store::plan_store& s, store::coordinator_row const&,
                            net::api_request const& req) {
                   auto const o = s.plans().objective(req.params.at("id"));
                   if (!o)
                       return net::api_error(404, "not_found", "no such objective");
                   return ok({{"objective", objective_json(*o)}});
               }));

    router.add("PATCH", "/api/v1/objectives/{id}",
               signed_in_writer(
                   [this, find_objective](store::plan_store& s, store::coordinator_row const&,
                                          net::api_request const& req, net::api_respond& respond) {
                       auto o = find_objective(s, req.params.at("id"));
                       apply_fields(o, parse_body(req.body));
                       o.updated_at = now_ms();
                       save_objective_then(respond, std::move(o));
                   }));

    for (auto const& [action, status] : {std::pair<char const*, char const*>{"approve", "approved"},
                                         {"drop", "dropped"},
                                         {"reopen", "draft"}}) {
        router.add("POST", std::string("/api/v1/objectives/{id}/") + action,
                   signed_in_writer([this, find_objective, status = status](
                                        store::plan_store& s, store::coordinator_row const&,
                                        net::api_request const& req, net::api_respond& respond) {
                       auto o = find_objective(s, req.params.at("id"));
                       if (std::string(status) == "approved" &&
                           o.title.find_first_not_of(" \t") == std::string::npos)
                           refuse("an objective needs a title to be approved");
                       o.status = status;
                       o.updated_at = now_ms();
                       save_objective_then(respond, std::move(o));
                   }));
    }

    router.add("PUT", "/api/v1/objectives/{id}/working-group",
               signed_in_writer([this, find_objective](
                                    store::plan_store& s, store::coordinator_row const&,
                                    net::api_request const& req, net::api_respond& respond) {
                   auto o = find_objective(s, req.params.at("id"));
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
                   o.updated_at = now_ms();
                   save_objective_then(respond, std::move(o));
               }));

    for (auto const* method : {"PUT", "DELETE"}) {
        router.add(method, "/api/v1/objectives/{id}/contributions/{contribution}",
                   signed_in_writer([this, find_objective, put = std::string(method) == "PUT"](
                                        store::plan_store& s, store::coordinator_row const&,
                                        net::api_request const& req, net::api_respond& respond) {
                       auto const o = find_objective(s, req.params.at("id"));
                       std::int64_t contribution = 0;
                       try {
                           contribution = std::stoll(req.params.at("contribution"));
                       } catch (std::exception const&) {
                           refuse("the contribution id must be a number");
                       }
                       auto const found = s.database().execAndGet(
                           "SELECT COUNT(*) FROM contributions k JOIN meetings m ON "
                           "m.id = k.meeting_id WHERE k.id = " +
                           std::to_string(contribution) +
                           " AND m.community_id = " + std::to_string(o.community_id));
                       if (found.getInt() == 0)
                           throw refusal{404, "not_found",
                                         "no such contribution in the objective's community"};
                       write_then(
                           respond,
                           [id = o.id, contribution, put](store::plan_store& w) {
                               auto& p = w.plans();
                               if (put)
                                   p.link(id, contribution);
                               else
                                   p.unlink(id, contribution);
                           },
                           answer_objective(o.id));
                   }));
    }
    // --- contributions: review across meetings ---------------------------------

    router.add(
        "GET", "/api/v1/contributions",
        signed_in([](store::plan_store& s, store::coordinator_row const&,
                     net::api_request const& req) -> net::api_response {
            store::contribution_filter f;
            auto number = [&](char const* key, std::int64_t low, std::int64_t high,
                              std::int64_t fallback) -> std::optional<std::int64_t> {
                auto const v = net::query_value(req.query, key);
                if (!v)
                    return fallback;
                try {
                    std::size_t used = 0;
                    auto const n = std::stoll(*v, &used);
                    if (used == v->size() && n >= low && n <= high)
                        return n;
                } catch (std::exception const&) {
                }
                return std::nullopt;
            };
            if (auto const slug = net::query_value(req.query, "community")) {
                auto const c = s.find_community(*slug);
                if (!c)
                    return net::api_error(404, "not_found", "no such community");
                f.community_id = c->id;
            }
            if (net::query_value(req.query, "meeting")) {
                auto const m = number("meeting", 1, INT64_MAX, 0);
                if (!m)
                    return net::api_error(400, "bad_request", "'meeting' must be a meeting id");
                f.meeting_id = *m;
            }
            f.organization = net::query_value(req.query, "body");
            f.kind = net::query_value(req.query, "kind");
            if (f.kind && *f.kind != "proposal" && *f.kind != "need" && *f.kind != "activity")
                return net::api_error(400, "bad_request",
                                      "'kind' must be proposal, need or activity");
            f.status = net::query_value(req.query, "status");
            if (f.status && *f.status != "visible" && *f.status != "hidden" &&
                *f.status != "withdrawn" && *f.status != "merged")
                return net::api_error(400, "bad_request",
                                      "'status' must be visible, hidden, withdrawn or merged");
            if (auto const q = net::query_value(req.query, "q")) {
                if (q->size() > 500)
                    return net::api_error(400, "bad_request", "'q' is longer than 500 bytes");
                f.fts_query = fts_query(*q);
            }
            auto const page = number("page", 1, 1'000'000, 1);
            auto const per_page = number("per_page", 1, 200, 50);
            if (!page || !per_page)
                return net::api_error(400, "bad_request",
                                      "'page' must be from 1 and 'per_page' from 1 to 200");
            f.limit = *per_page;
            f.offset = (*page - 1) * *per_page;
            auto const found = s.plans().search_contributions(f);
            json list = json::array();
            for (auto const& h : found.hits) {
                json objectives = json::array();
                for (auto const& [id, title] : h.objectives)
                    objectives.push_back({{"id", id}, {"title", title}});
                auto const& c = h.contribution;
                list.push_back(
                    {{"id", c.id},
                     {"kind", c.kind},
                     {"text", c.text},
                     {"status", h.status},
                     {"created_at", h.created_at},
                     {"author", {{"name", c.author_name}, {"organization", c.author_organization}}},
                     {"meeting",
                      {{"id", c.meeting_id},
                       {"title", h.meeting_title},
                       {"scheduled_on", h.meeting_date},
                       {"community", h.community_slug},
                       {"anonymous", c.anonymous}}},
                     {"objectives", objectives}});
            }
            return ok({{"contributions", list},
                       {"total", found.total},
                       {"page", *page},
                       {"per_page", *per_page}});
        }));

    // --- plans: versions, sharing, publishing, exports -------------------------

    auto year_of = [](net::api_request const& req) {
        auto const y = year_param(req);
        if (!y)
            throw refusal{400, "bad_request", "the year must be a number between 2000 and 2100"};
        return *y;
    };
    auto format_of = [](net::api_request const& req) {
        auto const f = format_param(req);
        if (!f)
            throw refusal{400, "bad_request", "format must be json, csv, md or html"};
        return *f;
    };
    // The exports' words in Italian (default) or English: ?lang=en.
    auto lang_of = [](net::api_request const& req) {
        auto const l = net::query_value(req.query, "lang");
        auto const lang = export_language_from(l ? *l : "it");
        if (!lang)
            throw refusal{400, "bad_request", "lang must be it or en"};
        return *lang;
    };
    auto download = [](net::api_request const& req) {
        auto const d = net::query_value(req.query, "download");
        return d && *d != "0";
    };
    auto file_name = [](std::string const& slug, std::int64_t year, std::int64_t version) {
        return "piano-" + slug + "-" + std::to_string(year) +
               (version ? "-v" + std::to_string(version) : std::string());
    };
    router.add("GET", "/api/v1/communities/{slug}/plans/{year}",
               signed_in([=](store::plan_store& s, store::coordinator_row const&,
                             net::api_request const& req) {
                   auto const c = community_of(s, req);
                   auto const year = year_of(req);
                   auto const format = format_of(req);
                   auto const doc = current_document(s, c, year);
                   return as_export(render_plan(doc, format, lang_of(req)),
                                    file_name(c.slug, year, doc["version"].get<std::int64_t>()),
                                    download(req));
               }));

    router.add("GET", "/api/v1/communities/{slug}/plans/{year}/versions",
               signed_in([=](store::plan_store& s, store::coordinator_row const&,
                             net::api_request const& req) {
                   auto const c = community_of(s, req);
                   json list = json::array();
                   for (auto const& p :
                        s.plans().plan_versions(c.id, year_of(req)))
                       list.push_back(plan_json(p));
                   return ok({{"versions", list}});
               }));

    router.add("GET", "/api/v1/communities/{slug}/plans/{year}/versions/{version}",
               signed_in([=](store::plan_store& s, store::coordinator_row const&,
                             net::api_request const& req) {
                   auto const c = community_of(s, req);
                   auto const year = year_of(req);
                   auto const format = format_of(req);
                   for (auto const& p : s.plans().plan_versions(c.id, year))
                       if (std::to_string(p.version) == req.params.at("version"))
                           return as_export(render_plan(document_of(s, c, p), format, lang_of(req)),
                                            file_name(c.slug, year, p.version), download(req));
                   return net::api_error(404, "not_found", "no such plan version");
               }));

    router.add("POST", "/api/v1/communities/{slug}/plans/{year}",
               signed_in_writer([=, this](store::plan_store& s, store::coordinator_row const&,
                                          net::api_request const& req, net::api_respond& respond) {
                   auto const c = community_of(s, req);
                   auto const year = year_of(req);
                   auto const versions = s.plans().plan_versions(c.id, year);
                   if (!versions.empty() && versions.front().status != "published")
                       throw refusal{409, "plan_open",
                                     "version " + std::to_string(versions.front().version) +
                                         " is still open; publish it first"};
                   write_then(
                       respond,
                       [id = c.id, year](store::plan_store& w) {
                           w.plans().create_plan(id, year);
                       },
                       [id = c.id, year](store::plan_store& r) {
                           auto const v = r.plans().plan_versions(id, year);
                           return ok({{"plan", plan_json(v.front())}}, 201);
                       });
               }));

    // Share (a new read-only link each time) or publish the open version.
    for (bool const publish : {false, true}) {
        router.add(
            "POST",
            std::string("/api/v1/communities/{slug}/plans/{year}/") +
                (publish ? "publish" : "share"),
            signed_in_writer([=, this](store::plan_store& s, store::coordinator_row const&,
                                       net::api_request const& req, net::api_respond& respond) {
                auto const c = community_of(s, req);
                auto const year = year_of(req);
                auto const versions = s.plans().plan_versions(c.id, year);
                if (versions.empty() || versions.front().status == "published")
                    throw refusal{409, "no_open_plan",
                                  "no open version of this plan: create one first"};
                auto const plan = versions.front();
                if (publish) {
                    auto const at = now_ms();
                    auto doc = plan_document({c, year, plan.version, "published", at},
                                             s.plans().objectives(c.id, year));
                    write_then(
                        respond,
                        [id = plan.id, snapshot = doc.dump(), at](store::plan_store& w) {
                            w.plans().publish_plan(id, snapshot, at);
                        },
                        [id = c.id, year](store::plan_store& r) {
                            auto const v = r.plans().plan_versions(id, year);
                            return ok({{"plan", plan_json(v.front())}});
                        });
                    return;
                }
                auto const token = core::generate_secret();
                write_then(
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
            }));
    }

    // Without an account: a shared plan through its link, published plans.
    router.add("GET", "/api/v1/shared/plans/{token}",
               net::api_handler([this, format_of, lang_of, download,
                                 file_name](net::api_request req, net::api_respond respond) {
                   on_api_thread(std::move(respond), [this, req, format_of, lang_of, download,
                                                      file_name](net::api_respond& respond) {
                       try {
                           auto const format = format_of(req);
                           auto const plan =
                               store_.plans()
                                   .plan_by_share_hash(core::hash_secret(req.params.at("token")));
                           if (!plan)
                               return respond(net::api_error(
                                   404, "not_found", "this link is not (or no longer) valid"));
                           store::community_row c;
                           for (auto const& x : store_.communities())
                               if (x.id == plan->community_id)
                                   c = x;
                           respond(as_export(
                               render_plan(document_of(store_, c, *plan), format, lang_of(req)),
                               file_name(c.slug, plan->year, plan->version), download(req)));
                       } catch (refusal const& r) {
                           respond(net::api_error(r.status, r.code, r.message));
                       }
                   });
               }));

    router.add("GET", "/api/v1/public/communities/{slug}/plans/{year}",
               net::api_handler([this, year_of, format_of, lang_of, download,
                                 file_name](net::api_request req, net::api_respond respond) {
                   on_api_thread(std::move(respond), [=, this](net::api_respond& respond) {
                       try {
                           auto const c = community_of(store_, req);
                           auto const year = year_of(req);
                           auto const format = format_of(req);
                           for (auto const& p :
                                store_.plans().plan_versions(c.id, year))
                               if (p.status == "published")
                                   return respond(as_export(
                                       render_plan(document_of(store_, c, p), format, lang_of(req)),
                                       file_name(c.slug, year, p.version), download(req)));
                           respond(net::api_error(404, "not_found",
                                                  "this community has no published plan for " +
                                                      std::to_string(year)));
                       } catch (refusal const& r) {
                           respond(net::api_error(r.status, r.code, r.message));
                       }
                   });
               }));

    // The system plan: every community's plan for the year, and its figures;
    // for coordinators the plans as they stand, for everyone the published ones.
    for (bool const published_only : {false, true}) {
        auto build = [=](store::plan_store& s, net::api_request const& req) {
            auto const year = year_of(req);
            auto const format = format_of(req);
            std::vector<json> documents;
            for (auto const& c : s.communities()) {
                auto const versions = s.plans().plan_versions(c.id, year);
                if (published_only) {
                    for (auto const& p : versions)
                        if (p.status == "published") {
                            documents.push_back(document_of(s, c, p));
                            break;
                        }
                    continue;
                }
                auto doc = current_document(s, c, year);
                if (!doc["objectives"].empty())
                    documents.push_back(std::move(doc));
            }
            json system{{"year", year}, {"figures", plan_figures(documents)}, {"plans", documents}};
            return as_export(render_system_plan(system, format, lang_of(req)),
                             "piano-di-sistema-" + std::to_string(year), download(req));
        };
        if (published_only)
            router.add(
                "GET", "/api/v1/public/system-plans/{year}",
                net::api_handler([this, build](net::api_request req, net::api_respond respond) {
                    on_api_thread(std::move(respond),
                                  [this, build, req](net::api_respond& respond) {
                                      try {
                                          respond(build(store_, req));
                                      } catch (refusal const& r) {
                                          respond(net::api_error(r.status, r.code, r.message));
                                      }
                                  });
                }));
        else
            router.add("GET", "/api/v1/system-plans/{year}",
                       signed_in([build](store::plan_store& s, store::coordinator_row const&,
                                         net::api_request const& req) { return build(s, req); }));
    }
}

} // namespace tavolo::app

namespace tavolo::app {
namespace {

bool is_slug(std::string const& s) {
    static std::regex const slug(R"([a-z0-9]+(-[a-z0-9]+)*)");
    return s.size() <= 60 && std::regex_match(s, slug);
}

bool flag(json const& body, char const* key) {
    if (!body.contains(key))
        return false;
    if (!body[key].is_boolean())
        refuse(std::string("'") + key + "' must be true or false");
    return body[key].get<bool>();
}

} // namespace

void coordinator_api::add_setup_routes(net::api_router& router) {
    router.add("POST", "/api/v1/communities",
               signed_in_writer([this](store::plan_store& s, store::coordinator_row const&,
                                       net::api_request const& req, net::api_respond& respond) {
                   auto const body = parse_body(req.body);
                   if (!body.is_object() || !body.contains("slug") || !body.contains("name"))
                       refuse("a community needs its 'slug' and 'name'");
                   for (auto const& [key, value] : body.items())
                       if (key != "slug" && key != "name" && key != "description")
                           refuse("unknown field '" + key + "'");
                   store::community_row c;
                   c.slug = text_field(body, "slug", 60, false);
                   if (!is_slug(c.slug))
                       refuse("'slug' must be lower-case letters and digits joined by dashes, "
                              "like ct-dati-aperti");
                   c.name = text_field(body, "name", 200, false);
                   if (body.contains("description"))
                       c.description = text_field(body, "description", 2000);
                   if (s.find_community(c.slug))
                       throw refusal{409, "slug_taken", "a community with that slug exists"};
                   write_then(
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
               }));

    // Who coordinates the community and who refers for it, replaced whole.
    router.add("PUT", "/api/v1/communities/{slug}/people",
               signed_in_writer([this](store::plan_store& s, store::coordinator_row const&,
                                       net::api_request const& req, net::api_respond& respond) {
                   auto const c = community_of(s, req);
                   auto const body = parse_body(req.body);
                   if (!body.is_object())
                       refuse("the body must be {\"coordinators\": [...], \"referents\": [...]}");
                   std::vector<store::person_row> people;
                   std::set<std::pair<std::string, std::string>> seen;
                   for (auto const& [key, value] : body.items()) {
                       if (key != "coordinators" && key != "referents")
                           refuse("unknown field '" + key + "'");
                       if (!value.is_array() || value.size() > 50)
                           refuse("'" + key + "' must be a list of at most 50 people");
                       auto const role = key == "coordinators" ? "coordinator" : "referent";
                       for (auto const& who : value) {
                           if (!who.is_object())
                               refuse("each person is {\"name\": ..., \"organization\": ...}");
                           store::person_row p{text_field(who, "name", 100, false),
                                               who.contains("organization")
                                                   ? text_field(who, "organization", 200)
                                                   : std::string(),
                                               role};
                           if (!seen.emplace(p.name, p.role).second)
                               refuse("'" + p.name + "' is listed twice as " + p.role);
                           people.push_back(std::move(p));
                       }
                   }
                   write_then(
                       respond,
                       [id = c.id, people](store::plan_store& w) {
                           w.plans().set_community_people(id, people);
                       },
                       [id = c.id](store::plan_store& r) {
                           auto& plans = r.plans();
                           return ok(community_people_json(plans, id));
                       });
               }));

    router.add(
        "POST", "/api/v1/communities/{slug}/meetings",
        signed_in_writer([this](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const& req, net::api_respond& respond) {
            auto const c = community_of(s, req);
            auto const body = parse_body(req.body);
            if (!body.is_object() || !body.contains("title") || !body.contains("scheduled_on"))
                refuse("a meeting needs its 'title' and 'scheduled_on' date");
            for (auto const& [key, value] : body.items())
                if (key != "kind" && key != "title" && key != "scheduled_on" &&
                    key != "anonymous" && key != "private_writing")
                    refuse("unknown field '" + key + "'");
            store::meeting_row m;
            m.community_id = c.id;
            m.kind = body.contains("kind") ? text_field(body, "kind", 10) : "kickoff";
            if (m.kind != "kickoff" && m.kind != "followup")
                refuse("'kind' must be kickoff or followup");
            m.title = text_field(body, "title", 200, false);
            m.scheduled_on = text_field(body, "scheduled_on", 10);
            if (!is_date(m.scheduled_on))
                refuse("'scheduled_on' must be a date like 2027-02-10");
            m.anonymous = flag(body, "anonymous");
            m.private_writing = flag(body, "private_writing");
            m.phase = "lobby";
            // A join code no meeting has (39.6 bits: a clash is rare; retried).
            for (int attempt = 0; attempt < 8 && m.join_code.empty(); ++attempt) {
                auto code = core::generate_join_code();
                SQLite::Statement q(s.database(),
                                    "SELECT COUNT(*) FROM meetings WHERE join_code = ?");
                q.bind(1, code);
                q.executeStep();
                if (q.getColumn(0).getInt() == 0)
                    m.join_code = std::move(code);
            }
            if (m.join_code.empty())
                throw refusal{503, "store_unavailable", "no free join code; try again"};
            // The facilitator's secret leaves in this answer only: the store
            // keeps its hash.
            auto const secret = core::generate_secret();
            m.facilitator_secret_hash = core::hash_secret(secret);
            write_then(
                respond, [m](store::plan_store& w) { w.create_meeting(m); },
                [this, code = m.join_code, secret](store::plan_store& r) {
                    for (auto const& made : r.meetings())
                        if (made.join_code == code) {
                            if (hooks_.meeting_created) {
                                live::meeting_snapshot snapshot;
                                snapshot.info = to_meeting_info(made);
                                snapshot.plan =
                                    to_plan(r.plans().followup_plan(made.id));
                                hooks_.meeting_created(std::move(snapshot));
                            }
                            auto const shown = core::format_join_code(code);
                            return ok({{"meeting", meeting_json(made)},
                                       {"participant_link", "/#/join/" + shown},
                                       {"facilitator_link", facilitator_link(shown, secret)}},
                                      201);
                        }
                    return net::api_error(500, "internal", "the meeting was not stored");
                });
        }));
}

} // namespace tavolo::app

namespace tavolo::app {
namespace {

// Types a browser may be told; anything else is served as bytes to save.
std::string safe_type(std::string type) {
    type = type.substr(0, type.find(';'));
    for (auto& c : type)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static std::set<std::string> const exact{
        "application/pdf", "image/png",       "image/jpeg",         "text/plain",
        "text/csv",        "application/zip", "application/msword", "application/vnd.ms-excel"};
    if (exact.count(type) || type.rfind("application/vnd.openxmlformats-officedocument.", 0) == 0 ||
        type.rfind("application/vnd.oasis.opendocument.", 0) == 0)
        return type;
    return "application/octet-stream";
}

// Content-Disposition for a download: an ASCII fallback name and the exact
// one percent-encoded (RFC 6266), so no byte of the name reaches the header raw.
std::string attachment(std::string const& name) {
    std::string plain, encoded;
    for (unsigned char c : name) {
        bool const ordinary = std::isalnum(c) || c == '.' || c == '-' || c == '_';
        plain += ordinary ? static_cast<char>(c) : '_';
        if (ordinary)
            encoded += static_cast<char>(c);
        else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            encoded += buf;
        }
    }
    return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
}

net::api_response file_response(store::plans::file const& f) {
    net::api_response r;
    r.body = f.bytes;
    r.content_type = safe_type(f.type);
    r.headers.emplace_back("Content-Disposition", attachment(f.name));
    return r;
}

} // namespace

void coordinator_api::add_file_routes(net::api_router& router) {
    auto const path = std::string("/api/v1/objectives/{id}/deliverable/file");
    for (bool const remove : {false, true})
        router.add(
            remove ? "DELETE" : "PUT", path,
            signed_in_writer([this, remove](store::plan_store& s, store::coordinator_row const&,
                                            net::api_request const& req,
                                            net::api_respond& respond) {
                auto const o = s.plans().objective(req.params.at("id"));
                if (!o)
                    throw refusal{404, "not_found", "no such objective"};
                std::string name, type;
                if (!remove) {
                    auto const given = net::query_value(req.query, "name");
                    if (!given)
                        refuse("the file's name goes in ?name=");
                    json one{{"name", *given}};
                    name = text_field(one, "name", 200, false);
                    if (name.find_first_of("/\\") != std::string::npos ||
                        core::has_control_chars(name, false))
                        refuse("the file's name must be one line without / or \\");
                    if (req.body.empty())
                        refuse("the file is empty");
                    auto const t = req.headers.find("content-type");
                    type = safe_type(t == req.headers.end() ? "" : t->second);
                }
                write_then(
                    respond,
                    [id = o->id, name, type, bytes = req.body](store::plan_store& w) {
                        w.plans().set_deliverable_file(id, name, type, bytes);
                    },
                    [id = o->id](store::plan_store& r) {
                        auto const back = r.plans().objective(id);
                        return ok({{"objective", objective_json(*back)}});
                    });
            }));

    router.add("GET", path,
               signed_in([](store::plan_store& s, store::coordinator_row const&,
                            net::api_request const& req) {
                   auto const f = s.plans().deliverable_file(req.params.at("id"));
                   if (!f)
                       return net::api_error(404, "not_found", "this deliverable has no file");
                   return file_response(*f);
               }));

    // Everyone may open the file of an objective in a published plan.
    router.add("GET", "/api/v1/public/objectives/{id}/deliverable/file",
               net::api_handler([this](net::api_request req, net::api_respond respond) {
                   on_api_thread(std::move(respond), [this, req](net::api_respond& respond) {
                       auto& p = store_.plans();
                       auto const id = req.params.at("id");
                       auto const f =
                           p.in_published_plan(id) ? p.deliverable_file(id) : std::nullopt;
                       if (!f)
                           return respond(net::api_error(404, "not_found",
                                                         "no published deliverable file here"));
                       respond(file_response(*f));
                   });
               }));
}

} // namespace tavolo::app
