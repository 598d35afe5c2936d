// Meetings: a new meeting of a community (with its join code and the
// facilitator's link, which leaves in this answer only), one meeting, a new
// date or time (which calendars see as a change of the event), and the
// changes a coordinator makes to a live meeting (open, close, a new
// facilitator link), which the live meeting makes durable and announces.
#include "bodies.hpp"
#include "routes.hpp"
#include "versioning.hpp"
#include "views.hpp"

#include "tavolo/core/secrets.hpp"

#include <charconv>

namespace tavolo::api {
namespace {

// The meeting named by the path's {id}; refuses 404 when there is none.
store::meeting_row meeting_of(store::plan_store& s, net::api_request const& req) {
    std::int64_t id = 0;
    auto const& text = req.params.at("id");
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec == std::errc() && end == text.data() + text.size())
        if (auto m = s.find_meeting(id))
            return *m;
    throw refusal{404, "not_found", "no such meeting"};
}

// A join code no meeting has (39.6 bits: a clash is rare; retried).
std::string free_join_code(store::plan_store& s) {
    for (int attempt = 0; attempt < 8; ++attempt) {
        auto code = core::generate_join_code();
        if (!s.find_meeting_by_join_code(code))
            return code;
    }
    throw refusal{503, "store_unavailable", "no free join code; try again"};
}

void create_meeting(api_context& ctx, store::plan_store& s, net::api_request const& req,
                    net::api_respond& respond) {
    auto const c = community_of(s, req);
    auto m = meeting_from(parse_body(req.body), c.id);
    m.join_code = free_join_code(s);
    // The facilitator's secret leaves in this answer only: the store keeps
    // its hash.
    auto const secret = core::generate_secret();
    m.facilitator_secret_hash = core::hash_secret(secret);
    ctx.write_then(
        respond, [m](store::plan_store& w) { w.create_meeting(m); },
        [&ctx, code = m.join_code, secret](store::plan_store& r) {
            auto const made = r.find_meeting_by_join_code(code);
            if (!made)
                return net::api_error(500, "internal", "the meeting was not stored");
            if (ctx.hooks().meeting_created)
                ctx.hooks().meeting_created(*made, r.plans().followup_plan(made->id));
            auto const shown = core::format_join_code(code);
            return ok({{"meeting", meeting_json(*made)},
                       {"participant_link", "/#/join/" + shown},
                       {"facilitator_link", facilitator_link(shown, secret)}},
                      201);
        });
}

// A meeting's version for If-Match: its schedule, what a PATCH changes. The
// live state (phase, question) changes in the meeting and makes no edit stale.
std::string schedule_etag(store::meeting_row const& m) {
    return etag_of({{"scheduled_on", m.scheduled_on},
                    {"starts_at", m.starts_at},
                    {"duration_minutes", m.duration_minutes},
                    {"calendar_sequence", m.calendar_sequence}});
}

versioned meeting_version(store::plan_store& s, std::int64_t id) {
    auto const m = s.find_meeting(id);
    if (!m)
        return std::nullopt;
    return std::pair{json{{"meeting", meeting_json(*m)},
                          {"participant_link", "/#/join/" + core::format_join_code(m->join_code)}},
                     schedule_etag(*m)};
}

// Moves the meeting to another date or time. The title is not edited here:
// a live meeting shows the title it was loaded with.
void reschedule(api_context& ctx, store::plan_store& s, net::api_request const& req,
                net::api_respond& respond) {
    auto const m = meeting_of(s, req);
    auto moved = rescheduled(m, parse_body(req.body));
    auto const current = meeting_version(s, m.id);
    if (auto refused = check_if_match(req, current->first, current->second))
        return respond(std::move(*refused));
    write_if_unchanged(
        ctx, respond, current->second,
        [id = m.id](store::plan_store& w) {
            auto const now = w.find_meeting(id);
            return now ? schedule_etag(*now) : std::string();
        },
        [moved = std::move(moved)](store::plan_store& w) { w.reschedule_meeting(moved); },
        [id = m.id](store::plan_store& r) { return meeting_version(r, id); },
        // A follow-up presents the plan of its date's year: it reads it again.
        /*plan_changed=*/true);
}

enum class what { open, close, new_link };

// Hands the change to the live meeting, which makes it durable, tells its
// members, and only then lets the answer leave.
void change_meeting(api_context& ctx, what w, store::plan_store& s, net::api_request const& req,
                    net::api_respond& respond) {
    auto const m = meeting_of(s, req);
    expect_no_fields(req.body);
    live::meeting_room::outside_change c;
    std::string secret;
    if (w == what::open) {
        if (m.phase != "lobby" && m.phase != "closed")
            throw refusal{409, "no_change", "the meeting is open already"};
        c.phase = m.kind == "followup" ? live::meeting_phase::plan : live::meeting_phase::collect;
    } else if (w == what::close) {
        if (m.phase == "closed")
            throw refusal{409, "no_change", "the meeting is closed already"};
        c.phase = live::meeting_phase::closed;
    } else {
        secret = core::generate_secret();
        c.facilitator_hash = core::hash_secret(secret);
    }
    auto done = [&ctx, respond, id = m.id, code = m.join_code,
                 secret](live::meeting_room::outside_result r) {
        if (r.error) {
            auto const& code = r.error->first;
            auto const status = code == "store_failed" || code == "not_live" ? 503u : 409u;
            return respond(net::api_error(status, r.error->first, r.error->second));
        }
        ctx.on_api_thread(respond, [&ctx, id, code, secret](net::api_respond& respond) {
            auto const made = ctx.reads().find_meeting(id);
            if (!made)
                return respond(net::api_error(404, "not_found", "no such meeting"));
            json body{{"meeting", meeting_json(*made)}};
            if (!secret.empty())
                body["facilitator_link"] = facilitator_link(core::format_join_code(code), secret);
            respond(ok(body));
        });
    };
    if (!ctx.hooks().change_meeting || !ctx.hooks().change_meeting(m.id, m.join_code, c, done))
        throw refusal{503, "not_live", "the meeting is not being served"};
}

} // namespace

void add_meeting_routes(net::api_router& router, api_context& ctx) {
    router.add("POST", "/api/v1/communities/{slug}/meetings",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const&,
                                           net::api_request const& req, net::api_respond& respond) {
                   create_meeting(ctx, s, req, respond);
               }));
    router.add("GET", "/api/v1/meetings/{id}",
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const& req) {
                   auto const v = meeting_version(s, meeting_of(s, req).id);
                   return ok_versioned(v->first, v->second);
               }));
    router.add("PATCH", "/api/v1/meetings/{id}",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const&,
                                           net::api_request const& req, net::api_respond& respond) {
                   reschedule(ctx, s, req, respond);
               }));
    for (auto const& [path, w] :
         {std::pair{"/api/v1/meetings/{id}/open", what::open},
          std::pair{"/api/v1/meetings/{id}/close", what::close},
          std::pair{"/api/v1/meetings/{id}/facilitator-link", what::new_link}})
        router.add("POST", path,
                   ctx.signed_in_writer(
                       [&ctx, w = w](store::plan_store& s, store::coordinator_row const&,
                                     net::api_request const& req, net::api_respond& respond) {
                           change_meeting(ctx, w, s, req, respond);
                       }));
}

} // namespace tavolo::api
