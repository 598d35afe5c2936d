#include "coordinator_api.hpp"

#include "api_support.hpp"
#include "tavolo/core/log.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/store/plans.hpp"

#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include <mutex>

namespace tavolo::app {
namespace {

using json = nlohmann::json;

net::api_response unauthenticated() {
    return net::api_error(401, "unauthenticated", "sign in as a coordinator first");
}

// The hash a sign-in with an unknown name is checked against, so that it
// costs as long as one with a known name (names cannot be probed by timing).
std::string const& decoy_hash() {
    static std::once_flag once;
    static std::string hash;
    std::call_once(once, [] { hash = core::hash_password(core::generate_password()); });
    return hash;
}

json community_json(store::community_row const& c, std::size_t meetings) {
    return {
        {"slug", c.slug}, {"name", c.name}, {"description", c.description}, {"meetings", meetings}};
}

} // namespace

coordinator_api::coordinator_api(std::filesystem::path const& db_path,
                                 store::database_options const& db, store::write_queue& writer,
                                 coordinator_api_options options, live_hooks hooks)
    : options_(options), hooks_(std::move(hooks)), writer_(writer),
      db_(store::open_database(db_path, db)), store_(db_),
      sign_in_failures_(options.sign_in_failures_per_minute, options.sign_in_failure_burst) {}

coordinator_api::~coordinator_api() {
    stop();
}

std::optional<std::string> coordinator_api::session_token_of(net::api_request const& req) {
    auto const header = req.headers.find("cookie");
    if (header == req.headers.end())
        return std::nullopt;
    auto token = net::cookie_value(header->second, cookie_name);
    if (token && token->empty())
        return std::nullopt;
    return token;
}

void coordinator_api::stop() {
    pool_.join();
}

void coordinator_api::on_api_thread(net::api_respond respond,
                                    std::function<void(net::api_respond&)> work) {
    boost::asio::post(pool_, [respond = std::move(respond), work = std::move(work)]() mutable {
        try {
            work(respond);
        } catch (std::exception const& e) {
            core::log_error("api_failed", {{"reason", e.what()}});
            respond(net::api_error(500, "internal", "the request could not be completed"));
        }
    });
}

net::api_handler coordinator_api::signed_in(signed_in_reader read) {
    return signed_in_writer(
        [read = std::move(read)](store::plan_store& s, store::coordinator_row const& who,
                                 net::api_request const& req,
                                 net::api_respond& respond) { respond(read(s, who, req)); });
}

net::api_handler coordinator_api::signed_in_writer(signed_in_change change) {
    return [this, change = std::move(change)](net::api_request req, net::api_respond respond) {
        auto const token = session_token_of(req);
        if (!token)
            return respond(unauthenticated());
        on_api_thread(std::move(respond), [this, change, req = std::move(req),
                                           token = *token](net::api_respond& respond) {
            auto const who = store_.session_coordinator(core::hash_secret(token), now_ms());
            if (!who)
                return respond(unauthenticated());
            try {
                change(store_, *who, req, respond);
            } catch (refusal const& r) {
                respond(net::api_error(r.status, r.code, r.message));
            }
        });
    };
}

void coordinator_api::sign_in(net::api_request req, net::api_respond respond) {
    json body;
    try {
        body = json::parse(req.body);
    } catch (json::exception const&) {
        return respond(net::api_error(400, "bad_request", "the body must be JSON"));
    }
    if (!body.is_object() || !body.contains("name") || !body["name"].is_string() ||
        !body.contains("password") || !body["password"].is_string())
        return respond(net::api_error(400, "bad_request",
                                      "the body must be {\"name\": ..., \"password\": ...}"));
    on_api_thread(std::move(respond), [this, name = body["name"].get<std::string>(),
                                       password = body["password"].get<std::string>(),
                                       remote = req.remote](net::api_respond& respond) {
        if (!sign_in_failures_.may_try(remote)) {
            core::log_info("sign_in_throttled", {{"remote", remote}});
            return respond(net::api_error(429, "too_many_attempts",
                                          "too many wrong sign-ins from this address; wait a "
                                          "minute"));
        }
        auto const who = store_.find_coordinator(name);
        bool const good = core::verify_password(password, who ? who->password_hash : decoy_hash());
        if (!who || !good) {
            sign_in_failures_.failed(remote);
            core::log_info("sign_in_refused", {{"remote", remote}});
            return respond(net::api_error(401, "invalid_credentials",
                                          "the name or the password is not right"));
        }
        auto const token = core::generate_secret();
        auto const lifetime =
            std::chrono::duration_cast<std::chrono::milliseconds>(options_.session_lifetime);
        auto const expires = now_ms() + lifetime.count();
        writer_.push(
            [hash = core::hash_secret(token), id = who->id, expires](store::plan_store& s) {
                s.delete_expired_sessions(now_ms());
                s.create_session(hash, id, expires);
            },
            [respond, token, name = who->name,
             seconds = std::chrono::duration_cast<std::chrono::seconds>(lifetime).count()](
                std::optional<std::string> error) {
                if (error)
                    return respond(net::api_error(503, "store_unavailable",
                                                  "the session could not be saved; try again"));
                auto r = ok({{"coordinator", {{"name", name}}}});
                r.headers.emplace_back("Set-Cookie",
                                       std::string(cookie_name) + "=" + token +
                                           "; Path=/; Max-Age=" + std::to_string(seconds) +
                                           "; HttpOnly; SameSite=Strict");
                core::log_info("signed_in", {{"coordinator", name}});
                respond(std::move(r));
            });
    });
}

void coordinator_api::sign_out(net::api_request req, net::api_respond respond) {
    auto const token = session_token_of(req);
    if (!token)
        return respond(unauthenticated());
    on_api_thread(std::move(respond), [this, hash = core::hash_secret(*token)](
                                          net::api_respond& respond) {
        if (!store_.session_coordinator(hash, now_ms()))
            return respond(unauthenticated());
        writer_.push([hash](store::plan_store& s) { s.delete_session(hash); },
                     [respond](std::optional<std::string> error) {
                         if (error)
                             return respond(net::api_error(503, "store_unavailable",
                                                           "could not sign out; try again"));
                         auto r = ok({{"signed_out", true}});
                         r.headers.emplace_back("Set-Cookie", std::string(cookie_name) +
                                                                  "=; Path=/; Max-Age=0; HttpOnly; "
                                                                  "SameSite=Strict");
                         respond(std::move(r));
                     });
    });
}

void coordinator_api::add_routes(net::api_router& router) {
    router.add("POST", "/api/v1/session", net::api_handler([this](auto req, auto respond) {
                   sign_in(std::move(req), std::move(respond));
               }));
    router.add("DELETE", "/api/v1/session", net::api_handler([this](auto req, auto respond) {
                   sign_out(std::move(req), std::move(respond));
               }));
    router.add("GET", "/api/v1/session",
               signed_in([](store::plan_store&, store::coordinator_row const& who,
                            net::api_request const&) {
                   return ok({{"coordinator", {{"name", who.name}}}});
               }));
    router.add(
        "GET", "/api/v1/communities",
        signed_in([](store::plan_store& s, store::coordinator_row const&, net::api_request const&) {
            auto const meetings = s.meetings();
            json list = json::array();
            for (auto const& c : s.communities()) {
                std::size_t count = 0;
                for (auto const& m : meetings)
                    count += m.community_id == c.id;
                list.push_back(community_json(c, count));
            }
            return ok({{"communities", list}});
        }));
    router.add("GET", "/api/v1/communities/{slug}",
               signed_in([](store::plan_store& s, store::coordinator_row const&,
                            net::api_request const& req) {
                   auto const c = s.find_community(req.params.at("slug"));
                   if (!c)
                       return net::api_error(404, "not_found", "no such community");
                   json list = json::array();
                   for (auto const& m : s.meetings())
                       if (m.community_id == c->id)
                           list.push_back(meeting_json(m));
                   auto body = community_json(*c, list.size());
                   body["meetings"] = list;
                   auto& plans = s.plans();
                   body.update(community_people_json(plans, c->id));
                   return ok({{"community", body}});
               }));
    add_plan_routes(router);
    add_setup_routes(router);
    add_meeting_routes(router);
    add_file_routes(router);
}

} // namespace tavolo::app
