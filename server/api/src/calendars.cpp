// Calendars: a meeting's iCalendar file for coordinators and, by its join
// code, for participants; a community's feed at a secret address that
// calendar apps subscribe to (they send no cookie: the address is the
// credential, kept by the store as a hash like a plan's share link), and the
// coordinators' requests that make and revoke that address. The files
// themselves are ical.cpp's; join links in them are absolute, from
// site.public_url or the request's Host.
#include "ical.hpp"
#include "routes.hpp"

#include "tavolo/core/log.hpp"
#include "tavolo/core/secrets.hpp"

#include <cctype>
#include <charconv>

namespace tavolo::api {
namespace {

// Where people reach this tavolo (support.hpp's public_base_url), or a 400
// when the request's Host cannot make a link.
std::string public_base(api_context const& ctx, net::api_request const& req) {
    auto base = public_base_url(ctx.options().site, req);
    if (!base)
        throw refusal{400, "bad_request",
                      "the request's Host cannot make a link; set site.public_url"};
    return *base;
}

std::string kind_label(std::string const& kind) {
    return kind == "followup" ? "Incontro di follow-up" : "Kick-off";
}

// The event of a meeting: its UID comes from its id and a hash of its join
// code, neither of which ever changes, so an edit or a restart updates the
// event people have instead of adding another.
ical::event event_of(store::meeting_row const& m, std::string const& base, std::int64_t now) {
    auto const code = core::format_join_code(m.join_code);
    auto const link = base + "/#/join/" + code;
    std::string description = "Comunità: " + m.community_name + "\n" + kind_label(m.kind) +
                              " su tavolo, online: basta il browser.\n";
    if (!m.question.empty())
        description += "Domanda: " + m.question + "\n";
    description += "Per partecipare apri " + link + "\noppure vai su " + base +
                   " e inserisci il codice " + code + ".";
    return ical::event{.uid = "meeting-" + std::to_string(m.id) + "-" +
                              core::hash_secret(m.join_code).substr(0, 16) + "@tavolo",
                       .sequence = m.calendar_sequence,
                       .summary = m.title,
                       .description = description,
                       .url = link,
                       .location = "Online (tavolo): " + link,
                       .categories = {"tavolo", kind_label(m.kind)},
                       .date = m.scheduled_on,
                       .starts_at = m.starts_at,
                       .duration_minutes = m.duration_minutes,
                       .stamp_ms = now,
                       .modified_ms = m.updated_at};
}

// An .ics answer: `file` is ASCII (an id or a slug), shown as an attachment
// to save or as a feed to read.
net::api_response ics(ical::calendar const& c, std::string const& file, bool attachment) {
    net::api_response r;
    r.body = ical::render(c);
    r.content_type = "text/calendar; charset=utf-8";
    r.headers.emplace_back("Content-Disposition",
                           std::string(attachment ? "attachment" : "inline") + "; filename=\"" +
                               file + "\"");
    return r;
}

net::api_response meeting_file(api_context const& ctx, store::meeting_row const& m,
                               net::api_request const& req) {
    return ics({.name = {}, .events = {event_of(m, public_base(ctx, req), store::now_ms())}},
               "incontro-" + std::to_string(m.id) + ".ics", true);
}

// A participant's file, by the join code: a wrong code counts against the
// address like a wrong sign-in (its own bucket, the sign-in rates), so the
// path is no faster way to guess codes than joining.
void public_meeting_file(api_context& ctx, net::api_request const& req, net::api_respond& respond) {
    if (auto const wait = ctx.calendar_code_failures().wait_before_next_try(req.remote);
        wait.count() > 0) {
        auto r = net::api_error(429, "too_many_attempts",
                                "too many wrong join codes from this address; wait a minute");
        r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
        return respond(std::move(r));
    }
    auto const code = core::normalize_join_code(req.params.at("code"));
    auto const m = code.empty() ? std::nullopt : ctx.reads().find_meeting_by_join_code(code);
    if (!m) {
        ctx.calendar_code_failures().failed(req.remote);
        core::log_info("calendar_code_refused", {{"remote", req.remote}});
        return respond(net::api_error(404, "not_found", "no meeting has this code"));
    }
    respond(meeting_file(ctx, *m, req));
}

net::api_response community_feed(api_context const& ctx, store::plan_store& s,
                                 net::api_request const& req) {
    auto const& last = req.params.at("token");
    auto const suffix = std::string_view(".ics");
    auto const c = last.size() > suffix.size() && last.ends_with(suffix)
                       ? s.community_by_calendar_token(
                             core::hash_secret(last.substr(0, last.size() - suffix.size())))
                       : std::nullopt;
    if (!c)
        return net::api_error(404, "not_found",
                              "this calendar address is not (or no longer) valid");
    auto const base = public_base(ctx, req);
    auto const now = store::now_ms();
    ical::calendar cal{.name = c->name + " · incontri (tavolo)", .events = {}};
    for (auto const& m : s.meetings_of_community(c->id))
        cal.events.push_back(event_of(m, base, now));
    return ics(cal, "comunita-" + c->slug + ".ics", false);
}

// The feed's addresses for a fresh token: https and the webcal:// form
// calendar apps open to subscribe.
json feed_links(std::string const& base, std::string const& token) {
    auto const url = base + "/api/v1/calendars/" + token + ".ics";
    auto const scheme_end = url.find("://");
    return {{"exists", true}, {"feed_url", url}, {"webcal_url", "webcal" + url.substr(scheme_end)}};
}

void new_feed_link(api_context& ctx, store::plan_store& s, net::api_request const& req,
                   net::api_respond& respond) {
    auto const c = community_of(s, req);
    expect_no_fields(req.body);
    auto const base = public_base(ctx, req);
    auto const token = core::generate_secret();
    ctx.write_then(
        respond,
        [id = c.id, hash = core::hash_secret(token)](store::plan_store& w) {
            w.set_calendar_token(id, hash);
        },
        [base, token](store::plan_store&) { return ok(feed_links(base, token), 201); });
}

void revoke_feed_link(api_context& ctx, store::plan_store& s, net::api_request const& req,
                      net::api_respond& respond) {
    auto const c = community_of(s, req);
    expect_no_fields(req.body);
    ctx.write_then(
        respond, [id = c.id](store::plan_store& w) { w.set_calendar_token(id, ""); },
        [](store::plan_store&) {
            return ok({{"exists", false}});
        });
}

store::meeting_row meeting_of(store::plan_store& s, net::api_request const& req) {
    if (auto const id = whole_number(req.params.at("id"), 1, INT64_MAX))
        if (auto m = s.find_meeting(*id))
            return *m;
    throw refusal{404, "not_found", "no such meeting"};
}

} // namespace

void add_calendar_routes(net::api_router& router, api_context& ctx) {
    router.add("GET", "/api/v1/meetings/{id}/calendar.ics",
               ctx.signed_in([&ctx](store::plan_store& s, store::coordinator_row const&,
                                    net::api_request const& req) {
                   return meeting_file(ctx, meeting_of(s, req), req);
               }));
    auto const link = std::string("/api/v1/communities/{slug}/calendar-link");
    router.add("GET", link,
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const& req) {
                   // The address itself cannot be shown again: only its hash is kept.
                   return ok({{"exists", s.has_calendar_token(community_of(s, req).id)}});
               }));
    router.add("POST", link,
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const&,
                                           net::api_request const& req, net::api_respond& respond) {
                   new_feed_link(ctx, s, req, respond);
               }));
    router.add("DELETE", link,
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const&,
                                           net::api_request const& req, net::api_respond& respond) {
                   revoke_feed_link(ctx, s, req, respond);
               }));
    router.add("GET", "/api/v1/public/meetings/{code}/calendar.ics",
               [&ctx](net::api_request req, net::api_respond respond) {
                   ctx.on_api_thread(std::move(respond),
                                     [&ctx, req = std::move(req)](net::api_respond& respond) {
                                         try {
                                             public_meeting_file(ctx, req, respond);
                                         } catch (refusal const& r) {
                                             respond(net::api_error(r.status, r.code, r.message));
                                         }
                                     });
               });
    router.add("GET", "/api/v1/calendars/{token}",
               ctx.open_to_all([&ctx](store::plan_store& s, net::api_request const& req) {
                   return community_feed(ctx, s, req);
               }));
}

} // namespace tavolo::api
