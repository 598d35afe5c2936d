// Sessions: a coordinator signs in with name and password and gets a session
// cookie (HttpOnly, SameSite=Strict), asks who is signed in, signs out.
#include "routes.hpp"

#include "tavolo/core/log.hpp"
#include "tavolo/core/secrets.hpp"

#include <mutex>

namespace tavolo::api {
namespace {

// The hash a sign-in with an unknown name is checked against, so that it
// costs as long as one with a known name (names cannot be probed by timing).
std::string const& decoy_hash() {
    static std::once_flag once;
    static std::string hash;
    std::call_once(once, [] { hash = core::hash_password(core::generate_password()); });
    return hash;
}

// The cookie's Secure attribute when the browser reached tavolo over https
// (itself or a trusted proxy): the cookie then never travels in clear.
std::string secure_attribute(bool secure) {
    return secure ? "; Secure" : "";
}

// Stores a new session for `who` and answers with its cookie.
void open_session(api_context& ctx, store::coordinator_row const& who, bool secure,
                  net::api_respond& respond) {
    auto const token = core::generate_secret();
    auto const lifetime =
        std::chrono::duration_cast<std::chrono::milliseconds>(ctx.options().session_lifetime);
    auto const expires = store::now_ms() + lifetime.count();
    ctx.writer().push(
        [hash = core::hash_secret(token), id = who.id, expires](store::plan_store& s) {
            s.delete_expired_sessions(store::now_ms());
            s.create_session(hash, id, expires);
        },
        [respond, token, name = who.name, account = account_json(who), secure,
         seconds = std::chrono::duration_cast<std::chrono::seconds>(lifetime).count()](
            std::optional<std::string> error) {
            if (error)
                return respond(net::api_error(503, "store_unavailable",
                                              "the session could not be saved; try again"));
            auto r = ok({{"coordinator", account}});
            r.headers.emplace_back("Set-Cookie",
                                   std::string(cookie_name) + "=" + token +
                                       "; Path=/; Max-Age=" + std::to_string(seconds) +
                                       "; HttpOnly; SameSite=Strict" + secure_attribute(secure));
            core::log_info("signed_in", {{"coordinator", name}});
            respond(std::move(r));
        });
}

void sign_in(api_context& ctx, net::api_request req, net::api_respond respond) {
    auto const body = json::parse(req.body, nullptr, false);
    if (body.is_discarded())
        return respond(net::api_error(400, "bad_request", "the body must be JSON"));
    // The name is read like every name; the password exactly as typed.
    core::json_fields f(body);
    f.allow_only({"name", "password"});
    auto name = f.text("name", rules::sign_in_name);
    auto const* password = f.ok() && body.contains("password") ? &body["password"] : nullptr;
    if (f.ok() && (!password || !password->is_string()))
        f.fail("password", core::field_problem::wrong_type, "field 'password' must be a string");
    if (auto const& e = f.error())
        return respond(net::api_error(400, "bad_request", e->message));
    ctx.on_api_thread(
        std::move(respond), [&ctx, name = std::move(name), password = password->get<std::string>(),
                             remote = req.remote, secure = req.secure](net::api_respond& respond) {
            if (auto const wait = ctx.sign_in_failures().wait_before_next_try(remote);
                wait.count() > 0) {
                core::log_info("sign_in_throttled", {{"remote", remote}});
                auto r = net::api_error(429, "too_many_attempts",
                                        "too many wrong sign-ins from this address; wait a minute");
                r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
                return respond(std::move(r));
            }
            auto const who = ctx.reads().find_coordinator(name);
            bool const good =
                core::verify_password(password, who ? who->password_hash : decoy_hash());
            if (who && good && who->disabled)
                return respond(net::api_error(403, "account_disabled",
                                              "this account is disabled; ask an admin"));
            if (!who || !good) {
                ctx.sign_in_failures().failed(remote);
                core::log_info("sign_in_refused", {{"remote", remote}});
                return respond(net::api_error(401, "invalid_credentials",
                                              "the name or the password is not right"));
            }
            open_session(ctx, *who, secure, respond);
        });
}

void sign_out(api_context& ctx, net::api_request req, net::api_respond respond) {
    auto const token = session_token_of(req);
    if (!token)
        return respond(net::api_error(401, "unauthenticated", "sign in as a coordinator first"));
    try {
        expect_no_fields(req.body);
    } catch (refusal const& r) {
        return respond(net::api_error(r.status, r.code, r.message));
    }
    ctx.on_api_thread(std::move(respond), [&ctx, hash = core::hash_secret(*token),
                                           secure = req.secure](net::api_respond& respond) {
        if (!ctx.reads().session_coordinator(hash, store::now_ms()))
            return respond(
                net::api_error(401, "unauthenticated", "sign in as a coordinator first"));
        ctx.writer().push(
            [hash](store::plan_store& s) { s.delete_session(hash); },
            [respond, secure](std::optional<std::string> error) {
                if (error)
                    return respond(
                        net::api_error(503, "store_unavailable", "could not sign out; try again"));
                auto r = ok({{"signed_out", true}});
                r.headers.emplace_back("Set-Cookie",
                                       std::string(cookie_name) +
                                           "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
                                           secure_attribute(secure));
                respond(std::move(r));
            });
    });
}

} // namespace

void add_session_routes(net::api_router& router, api_context& ctx) {
    router.add("POST", "/api/v1/session",
               net::api_handler([&ctx](net::api_request req, net::api_respond respond) {
                   sign_in(ctx, std::move(req), std::move(respond));
               }));
    router.add("DELETE", "/api/v1/session",
               net::api_handler([&ctx](net::api_request req, net::api_respond respond) {
                   sign_out(ctx, std::move(req), std::move(respond));
               }));
    router.add("GET", "/api/v1/session",
               ctx.signed_in([](store::plan_store&, store::coordinator_row const& who,
                                net::api_request const&) {
                   return ok({{"coordinator", account_json(who)}});
               }));
}

} // namespace tavolo::api
