// Accounts: an admin lists, adds, changes, disables and enables the
// coordinator accounts, gives one a new password and signs one out
// everywhere; every account changes its own password. Generated passwords
// are answered once (only their argon2id hash is kept). The roles' rules are
// access_rules.hpp's; this file keeps one rule of its own: the last enabled
// admin cannot stop being one, so accounts can always be managed.
#include "access_rules.hpp"
#include "routes.hpp"
#include "versioning.hpp"

#include "tavolo/core/log.hpp"
#include "tavolo/core/secrets.hpp"

#include <algorithm>
#include <limits>

namespace tavolo::api {
namespace {

constexpr std::size_t min_password_chars = 12;
constexpr std::size_t max_password_chars = 200;
constexpr std::size_t max_account_communities = 100;

store::coordinator_row account_of(store::plan_store& s, net::api_request const& req) {
    auto const id = whole_number(req.params.at("id"), 1, std::numeric_limits<std::int64_t>::max());
    if (id)
        for (auto& a : s.coordinators())
            if (a.id == *id)
                return a;
    throw refusal{404, "not_found", "no such account"};
}

// Refuses a change that would leave no enabled admin.
void keep_an_admin(store::plan_store& s, store::coordinator_row const& changed,
                   std::string const& role, bool disabled) {
    if (changed.role != role_admin || changed.disabled || (role == role_admin && !disabled))
        return;
    auto const all = s.coordinators();
    bool const another = std::any_of(all.begin(), all.end(), [&](auto const& a) {
        return a.id != changed.id && a.role == role_admin && !a.disabled;
    });
    if (!another)
        throw refusal{409, "last_admin",
                      "this is the only enabled admin account; make another admin first"};
}

struct role_change {
    std::string role;
    std::vector<std::int64_t> communities;
};

// The role and communities of a body; a co-coordinator needs at least one
// community, the other roles have none (they reach every community).
role_change role_from(core::json_fields& f, store::plan_store& s, std::string role) {
    role_change out{.role = std::move(role), .communities = {}};
    std::vector<std::string> slugs;
    if (f.has("communities"))
        slugs = text_list(f, "communities", max_account_communities, rules::slug);
    refuse_if_bad(f);
    if (out.role == role_co_coordinator && slugs.empty())
        refuse("a co-coordinator needs at least one community in 'communities'");
    if (out.role != role_co_coordinator && !slugs.empty())
        refuse("only a co-coordinator has 'communities': the other roles reach every community");
    for (auto const& slug : slugs) {
        auto const c = s.find_community(slug);
        if (!c)
            refuse("there is no community '" + slug + "'");
        out.communities.push_back(c->id);
    }
    return out;
}

// Answers with the account as the store now holds it (and, when given, the
// password made for it: shown only in this answer).
api_context::after_write answer_account(std::string name, std::string password = {},
                                        unsigned status = 200) {
    return [name = std::move(name), password = std::move(password), status](store::plan_store& r) {
        auto const a = r.find_coordinator(name);
        if (!a)
            return net::api_error(404, "not_found", "no such account");
        json body{{"account", account_json(*a)}};
        if (!password.empty())
            body["password"] = password;
        return ok(body, status);
    };
}

void add_account(api_context& ctx, store::plan_store& s, store::coordinator_row const& who,
                 net::api_request const& req, net::api_respond& respond) {
    auto const body = parse_body(req.body);
    core::json_fields f(body);
    f.allow_only({"name", "role", "communities"});
    auto const name = f.text("name", rules::name);
    auto role = f.choice("role", {role_admin, role_referent, role_co_coordinator});
    refuse_if_bad(f);
    auto const change = role_from(f, s, std::move(role));
    if (s.find_coordinator(name))
        throw refusal{409, "name_taken", "an account with that name exists"};
    auto password = core::generate_password();
    auto hash = core::hash_password(password); // before `password` moves into the answer
    core::log_info("account_added", {{"by", who.name}, {"name", name}, {"role", change.role}});
    ctx.write_then(
        respond,
        [name, hash = std::move(hash), change](store::plan_store& w) {
            w.create_account(name, hash, change.role, change.communities);
        },
        answer_account(name, std::move(password), 201));
}

// {"account": ...} and its ETag: two admins changing one account's role
// must not overwrite each other (a disable or enable is a new version too).
versioned account_version(store::plan_store& s, std::int64_t id) {
    for (auto const& a : s.coordinators())
        if (a.id == id) {
            auto const shown = account_json(a);
            return std::pair{json{{"account", shown}}, etag_of(shown)};
        }
    return std::nullopt;
}

void change_role(api_context& ctx, store::plan_store& s, store::coordinator_row const& who,
                 net::api_request const& req, net::api_respond& respond) {
    auto const account = account_of(s, req);
    auto const body = parse_body(req.body);
    core::json_fields f(body);
    f.allow_only({"role", "communities"});
    auto role = f.has("role") ? f.choice("role", {role_admin, role_referent, role_co_coordinator})
                              : account.role;
    refuse_if_bad(f);
    auto const change = role_from(f, s, std::move(role));
    auto const now = account_version(s, account.id);
    if (auto refused = check_if_match(req, now->first, now->second))
        return respond(std::move(*refused));
    keep_an_admin(s, account, change.role, account.disabled);
    core::log_info("account_changed",
                   {{"by", who.name}, {"name", account.name}, {"role", change.role}});
    write_if_unchanged(
        ctx, respond, now->second,
        [id = account.id](store::plan_store& w) {
            auto const v = account_version(w, id);
            return v ? v->second : std::string();
        },
        [id = account.id, change](store::plan_store& w) {
            w.set_role(id, change.role, change.communities);
        },
        [id = account.id](store::plan_store& r) { return account_version(r, id); });
}

// disable, enable, reset-password, revoke-sessions: actions without fields.
void account_action(api_context& ctx, std::string const& action, store::plan_store& s,
                    store::coordinator_row const& who, net::api_request const& req,
                    net::api_respond& respond) {
    auto const account = account_of(s, req);
    expect_no_fields(req.body);
    core::log_info("account_" + action, {{"by", who.name}, {"name", account.name}});
    auto const id = account.id;
    if (action == "disable" || action == "enable") {
        bool const disable = action == "disable";
        if (disable)
            keep_an_admin(s, account, account.role, true);
        return ctx.write_then(
            respond, [id, disable](store::plan_store& w) { w.set_disabled(id, disable); },
            answer_account(account.name));
    }
    if (action == "reset-password") {
        // A new password ends the sessions the old one opened.
        auto password = core::generate_password();
        auto hash = core::hash_password(password); // before `password` moves
        return ctx.write_then(
            respond,
            [id, hash = std::move(hash)](store::plan_store& w) {
                w.set_password(id, hash);
                w.delete_sessions_of(id);
            },
            answer_account(account.name, std::move(password)));
    }
    ctx.write_then(
        respond, [id](store::plan_store& w) { w.delete_sessions_of(id); },
        answer_account(account.name));
}

std::size_t code_points(std::string const& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// PUT /session/password: the account's own; the current password proves it
// is its owner at the keyboard. Every other session of the account ends.
void change_own_password(api_context& ctx, store::plan_store&, store::coordinator_row const& who,
                         net::api_request const& req, net::api_respond& respond) {
    auto const body = parse_body(req.body);
    core::json_fields f(body);
    f.allow_only({"current", "new"});
    for (auto const* field : {"current", "new"})
        if (f.ok() && (!body.contains(field) || !body[field].is_string()))
            f.fail(field, core::field_problem::wrong_type,
                   std::string("field '") + field + "' must be a string");
    refuse_if_bad(f);
    // Passwords are taken exactly as typed: not trimmed.
    auto const current = body["current"].get<std::string>();
    auto const fresh = body["new"].get<std::string>();
    // Wrong current passwords count with wrong sign-ins: a session left open
    // on a shared computer must not let anyone try passwords at leisure.
    if (auto const wait = ctx.sign_in_failures().wait_before_next_try(req.remote);
        wait.count() > 0) {
        auto r = net::api_error(429, "too_many_attempts",
                                "too many wrong passwords from this address; wait a minute");
        r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
        return respond(std::move(r));
    }
    if (!core::verify_password(current, who.password_hash)) {
        ctx.sign_in_failures().failed(req.remote);
        throw refusal{400, "wrong_password", "the current password is not right"};
    }
    auto const chars = code_points(fresh);
    if (chars < min_password_chars || chars > max_password_chars)
        refuse("the new password needs 12 to 200 characters");
    auto const token = session_token_of(req);
    core::log_info("password_changed", {{"name", who.name}});
    ctx.write_then(
        respond,
        [id = who.id, hash = core::hash_password(fresh),
         keep = core::hash_secret(token.value_or(""))](store::plan_store& w) {
            w.set_password(id, hash);
            w.delete_sessions_of(id, keep);
        },
        answer_account(who.name));
}

} // namespace

json account_json(store::coordinator_row const& a) {
    json communities = json::array();
    for (auto const& [id, slug] : a.communities)
        communities.push_back(slug);
    return {{"id", a.id},
            {"name", a.name},
            {"role", a.role},
            {"communities", communities},
            {"disabled", a.disabled}};
}

void add_account_routes(net::api_router& router, api_context& ctx) {
    router.add("PUT", "/api/v1/session/password",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const& who,
                                           net::api_request const& req, net::api_respond& respond) {
                   change_own_password(ctx, s, who, req, respond);
               }));
    router.add("GET", "/api/v1/accounts",
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const&) {
                   json list = json::array();
                   for (auto const& a : s.coordinators()) {
                       auto shown = account_json(a);
                       // The version a PATCH of this account names in If-Match.
                       shown["etag"] = etag_of(shown);
                       list.push_back(std::move(shown));
                   }
                   return ok({{"accounts", list}});
               }));
    router.add("POST", "/api/v1/accounts",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const& who,
                                           net::api_request const& req, net::api_respond& respond) {
                   add_account(ctx, s, who, req, respond);
               }));
    router.add("PATCH", "/api/v1/accounts/{id}",
               ctx.signed_in_writer([&ctx](store::plan_store& s, store::coordinator_row const& who,
                                           net::api_request const& req, net::api_respond& respond) {
                   change_role(ctx, s, who, req, respond);
               }));
    for (auto const* action : {"disable", "enable", "reset-password", "revoke-sessions"})
        router.add(
            "POST", std::string("/api/v1/accounts/{id}/") + action,
            ctx.signed_in_writer([&ctx, action = std::string(action)](
                                     store::plan_store& s, store::coordinator_row const& who,
                                     net::api_request const& req, net::api_respond& respond) {
                account_action(ctx, action, s, who, req, respond);
            }));
}

} // namespace tavolo::api
