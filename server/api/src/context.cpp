#include "context.hpp"

#include "access_rules.hpp"

#include "tavolo/core/log.hpp"
#include "tavolo/core/secrets.hpp"

#include <boost/asio/post.hpp>

#include <limits>

namespace tavolo::api {
namespace {

net::api_response unauthenticated() {
    return net::api_error(401, "unauthenticated", "sign in as a coordinator first");
}

// The community a request of `scope` touches; nullopt when there is none of
// that name or id (the handler then answers 404).
std::optional<std::int64_t> community_touched(store::plan_store& s, access_scope scope,
                                              net::api_request const& req) {
    auto const param = [&](char const* name) {
        auto const it = req.params.find(name);
        return it == req.params.end() ? std::string() : it->second;
    };
    switch (scope) {
    case access_scope::slug:
        if (auto const c = s.find_community(param("slug")))
            return c->id;
        break;
    case access_scope::meeting:
        if (auto const id = whole_number(param("id"), 1, std::numeric_limits<std::int64_t>::max()))
            if (auto const m = s.find_meeting(*id))
                return m->community_id;
        break;
    case access_scope::objective:
        if (auto const o = s.plans().objective(param("id")))
            return o->community_id;
        break;
    case access_scope::none:
        break;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> session_token_of(net::api_request const& req) {
    auto const header = req.headers.find("cookie");
    if (header == req.headers.end())
        return std::nullopt;
    auto token = net::cookie_value(header->second, cookie_name);
    if (token && token->empty())
        return std::nullopt;
    return token;
}

api_context::api_context(std::filesystem::path const& db_path, store::database_options const& db,
                         store::write_queue& writer, coordinator_api_options options,
                         live_hooks hooks)
    : options_(options), hooks_(std::move(hooks)), writer_(writer),
      db_(store::open_database(db_path, db)), store_(db_),
      sign_in_failures_(options.sign_in_failures_per_minute, options.sign_in_failure_burst),
      calendar_code_failures_(options.sign_in_failures_per_minute, options.sign_in_failure_burst) {}

void api_context::stop() {
    pool_.join();
}

void api_context::on_api_thread(net::api_respond respond,
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

net::api_handler api_context::open_to_all(reader read) {
    return [this, read = std::move(read)](net::api_request req, net::api_respond respond) {
        on_api_thread(std::move(respond),
                      [this, read, req = std::move(req)](net::api_respond& respond) {
                          try {
                              respond(read(store_, req));
                          } catch (refusal const& r) {
                              respond(net::api_error(r.status, r.code, r.message));
                          }
                      });
    };
}

net::api_handler api_context::signed_in(signed_in_reader read) {
    return signed_in_writer(
        [read = std::move(read)](store::plan_store& s, store::coordinator_row const& who,
                                 net::api_request const& req,
                                 net::api_respond& respond) { respond(read(s, who, req)); });
}

net::api_handler api_context::signed_in_writer(signed_in_change change) {
    return [this, change = std::move(change)](net::api_request req, net::api_respond respond) {
        auto const token = session_token_of(req);
        if (!token)
            return respond(unauthenticated());
        on_api_thread(std::move(respond), [this, change, req = std::move(req),
                                           token = *token](net::api_respond& respond) {
            auto const who = store_.session_coordinator(core::hash_secret(token), store::now_ms());
            if (!who)
                return respond(unauthenticated());
            try {
                check_access(store_, *who, req);
                change(store_, *who, req, respond);
            } catch (refusal const& r) {
                respond(net::api_error(r.status, r.code, r.message));
            }
        });
    };
}

void api_context::write_then(net::api_respond respond,
                             std::function<void(store::plan_store&)> write, after_write after,
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

void check_access(store::plan_store& s, store::coordinator_row const& who,
                  net::api_request const& req) {
    // The rule of the route the router matched (HEAD is answered as GET).
    auto const* rule = rule_of_route(req.method == "HEAD" ? "GET" : req.method, req.route);
    if (!rule)
        throw refusal{403, "forbidden", "this request has no access rule"};
    auto const community = rule->need == access_need::community
                               ? community_touched(s, rule->scope, req)
                               : std::nullopt;
    if (!may(who.role, who.communities, rule->need, community))
        throw refusal{403, "forbidden", needed_role_message(rule->need)};
}

store::community_row community_of(store::plan_store& s, net::api_request const& req) {
    auto c = s.find_community(req.params.at("slug"));
    if (!c)
        throw refusal{404, "not_found", "no such community"};
    return *c;
}

} // namespace tavolo::api
