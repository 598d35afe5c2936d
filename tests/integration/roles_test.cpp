// Accounts with roles against the real server: every endpoint the API has,
// called by an admin, a referent, a co-coordinator of the community it
// touches, a co-coordinator of another community, a disabled account and no
// session, with the answer each must get; and the accounts' own flows
// (added by an admin, disabled, enabled, new password, signed out everywhere,
// own password changed). Accounts are made with the real command line.
#include "access_rules.hpp"

#include "support/api_client.hpp"

#include <map>
#include <set>

using namespace tavolo;
using namespace tavolo::test;

namespace {

// Who may call a route, written here again by hand (not read from the
// server's table) so that a wrong rule there shows as a failure here.
enum class who_may { anyone, signed_in, admin, referent, community };

struct call_spec {
    http::verb verb;
    std::string pattern; // as registered
    who_may may;
    std::string path; // with real ids ({meeting}, {objective}, {account} filled in below)
    std::string body;
};

std::vector<call_spec> matrix() {
    using v = http::verb;
    auto const plan = std::string("/api/v1/communities/ct-a/plans/2027");
    auto const plan_pattern = std::string("/api/v1/communities/{slug}/plans/{year}");
    return {
        {v::post, "/api/v1/session", who_may::anyone, "/api/v1/session", "{}"},
        {v::delete_, "/api/v1/session", who_may::signed_in, "/api/v1/session", ""},
        {v::get, "/api/v1/session", who_may::signed_in, "/api/v1/session", ""},
        {v::put, "/api/v1/session/password", who_may::signed_in, "/api/v1/session/password",
         R"({"current":"not it","new":"a long enough password"})"},
        {v::get, "/api/v1/accounts", who_may::admin, "/api/v1/accounts", ""},
        {v::post, "/api/v1/accounts", who_may::admin, "/api/v1/accounts",
         R"({"name":"","role":"referent"})"},
        {v::patch, "/api/v1/accounts/{id}", who_may::admin, "/api/v1/accounts/{account}",
         R"({"role":"referent"})"},
        {v::post, "/api/v1/accounts/{id}/disable", who_may::admin,
         "/api/v1/accounts/{account}/disable", ""},
        {v::post, "/api/v1/accounts/{id}/enable", who_may::admin,
         "/api/v1/accounts/{account}/enable", ""},
        {v::post, "/api/v1/accounts/{id}/reset-password", who_may::admin,
         "/api/v1/accounts/{account}/reset-password", ""},
        {v::post, "/api/v1/accounts/{id}/revoke-sessions", who_may::admin,
         "/api/v1/accounts/{account}/revoke-sessions", ""},
        {v::get, "/api/v1/communities", who_may::signed_in, "/api/v1/communities", ""},
        {v::get, "/api/v1/communities/{slug}", who_may::signed_in, "/api/v1/communities/ct-a", ""},
        {v::post, "/api/v1/communities", who_may::referent, "/api/v1/communities",
         R"({"slug":"ct-a","name":"Di nuovo"})"},
        {v::put, "/api/v1/communities/{slug}/people", who_may::community,
         "/api/v1/communities/ct-a/people", R"({"coordinators":[],"referents":[]})"},
        {v::get, "/api/v1/communities/{slug}/people", who_may::signed_in,
         "/api/v1/communities/ct-a/people", ""},
        {v::post, "/api/v1/communities/{slug}/meetings", who_may::community,
         "/api/v1/communities/ct-a/meetings", R"({"title":"","scheduled_on":"2027-02-10"})"},
        {v::get, "/api/v1/meetings/{id}", who_may::signed_in, "/api/v1/meetings/{meeting}", ""},
        {v::post, "/api/v1/meetings/{id}/open", who_may::community,
         "/api/v1/meetings/{meeting}/open", ""},
        {v::post, "/api/v1/meetings/{id}/close", who_may::community,
         "/api/v1/meetings/{meeting}/close", ""},
        {v::post, "/api/v1/meetings/{id}/facilitator-link", who_may::community,
         "/api/v1/meetings/{meeting}/facilitator-link", ""},
        {v::get, "/api/v1/communities/{slug}/objectives", who_may::signed_in,
         "/api/v1/communities/ct-a/objectives", ""},
        {v::post, "/api/v1/communities/{slug}/objectives", who_may::community,
         "/api/v1/communities/ct-a/objectives", R"({"title":""})"},
        {v::get, "/api/v1/objectives/{id}", who_may::signed_in, "/api/v1/objectives/{objective}",
         ""},
        {v::patch, "/api/v1/objectives/{id}", who_may::community, "/api/v1/objectives/{objective}",
         R"({"unknown":1})"},
        {v::post, "/api/v1/objectives/{id}/approve", who_may::community,
         "/api/v1/objectives/{objective}/approve", R"({"x":1})"},
        {v::post, "/api/v1/objectives/{id}/drop", who_may::community,
         "/api/v1/objectives/{objective}/drop", R"({"x":1})"},
        {v::post, "/api/v1/objectives/{id}/reopen", who_may::community,
         "/api/v1/objectives/{objective}/reopen", R"({"x":1})"},
        {v::put, "/api/v1/objectives/{id}/working-group", who_may::community,
         "/api/v1/objectives/{objective}/working-group", R"({"x":1})"},
        {v::put, "/api/v1/objectives/{id}/contributions/{contribution}", who_may::community,
         "/api/v1/objectives/{objective}/contributions/none", ""},
        {v::delete_, "/api/v1/objectives/{id}/contributions/{contribution}", who_may::community,
         "/api/v1/objectives/{objective}/contributions/none", ""},
        {v::get, "/api/v1/contributions", who_may::signed_in, "/api/v1/contributions?q=x", ""},
        {v::get, plan_pattern, who_may::signed_in, plan, ""},
        {v::get, plan_pattern + "/versions", who_may::signed_in, plan + "/versions", ""},
        {v::get, plan_pattern + "/versions/{version}", who_may::signed_in, plan + "/versions/99",
         ""},
        {v::post, plan_pattern, who_may::community, plan, R"({"x":1})"},
        {v::post, plan_pattern + "/share", who_may::community, plan + "/share", R"({"x":1})"},
        {v::post, plan_pattern + "/publish", who_may::referent, plan + "/publish", R"({"x":1})"},
        {v::get, "/api/v1/system-plans/{year}", who_may::signed_in, "/api/v1/system-plans/2027",
         ""},
        {v::put, "/api/v1/objectives/{id}/deliverable/file", who_may::community,
         "/api/v1/objectives/{objective}/deliverable/file", ""},
        {v::delete_, "/api/v1/objectives/{id}/deliverable/file", who_may::community,
         "/api/v1/objectives/{objective}/deliverable/file", ""},
        {v::get, "/api/v1/objectives/{id}/deliverable/file", who_may::signed_in,
         "/api/v1/objectives/{objective}/deliverable/file", ""},
        {v::get, "/api/v1/shared/plans/{token}", who_may::anyone, "/api/v1/shared/plans/none", ""},
        {v::get, "/api/v1/public/communities/{slug}/plans/{year}", who_may::anyone,
         "/api/v1/public/communities/ct-a/plans/2027", ""},
        {v::get, "/api/v1/public/system-plans/{year}", who_may::anyone,
         "/api/v1/public/system-plans/2027", ""},
        {v::get, "/api/v1/public/objectives/{id}/deliverable/file", who_may::anyone,
         "/api/v1/public/objectives/{objective}/deliverable/file", ""},
        {v::patch, "/api/v1/meetings/{id}", who_may::community, "/api/v1/meetings/{meeting}",
         R"({"unknown":1})"},
        {v::get, "/api/v1/meetings/{id}/calendar.ics", who_may::signed_in,
         "/api/v1/meetings/{meeting}/calendar.ics", ""},
        {v::get, "/api/v1/communities/{slug}/calendar-link", who_may::signed_in,
         "/api/v1/communities/ct-a/calendar-link", ""},
        {v::post, "/api/v1/communities/{slug}/calendar-link", who_may::community,
         "/api/v1/communities/ct-a/calendar-link", R"({"x":1})"},
        {v::delete_, "/api/v1/communities/{slug}/calendar-link", who_may::community,
         "/api/v1/communities/ct-a/calendar-link", ""},
        {v::get, "/api/v1/public/meetings/{code}/calendar.ics", who_may::anyone,
         "/api/v1/public/meetings/none/calendar.ics", ""},
        {v::get, "/api/v1/calendars/{token}", who_may::anyone, "/api/v1/calendars/none.ics", ""},
        {v::get, "/api/v1/public/catalog.jsonld", who_may::anyone, "/api/v1/public/catalog.jsonld",
         ""},
        {v::get, "/api/v1/public/catalog.ttl", who_may::anyone, "/api/v1/public/catalog.ttl", ""},
        {v::get, "/api/v1/openapi.yaml", who_may::anyone, "/api/v1/openapi.yaml", ""},
        {v::get, "/api/v1/public/site", who_may::anyone, "/api/v1/public/site", ""},
    };
}

std::string replaced(std::string s, std::string const& what, std::string const& with) {
    if (auto const at = s.find(what); at != std::string::npos)
        s.replace(at, what.size(), with);
    return s;
}

// The server with its accounts: Ada the admin (the first account made),
// Rita a referent, Cora a co-coordinator of ct-a, Otto one of ct-b, Dora a
// referent disabled while signed in, Tina the account the admin routes change.
struct roles_server {
    temp_dir dir;
    std::map<std::string, std::string> passwords{
        {"Ada", password_in(add_coordinator(dir.path(), "Ada").second)}};
    server_process server{dir.path()};
    std::map<std::string, std::string> cookies;
    std::string meeting, objective, tina;

    std::string add(std::string const& name, std::string const& options) {
        auto const [code, out] = run_tavolo("account add " + name + " " + options + " --data '" +
                                            dir.path().string() + "'");
        REQUIRE(code == 0);
        return passwords[name] = password_in(out);
    }

    answer sign_in(std::string const& name) {
        auto a = request(server.port(), http::verb::post, "/api/v1/session", "",
                         json{{"name", name}, {"password", passwords[name]}}.dump());
        if (a.status == 200)
            cookies[name] = a.set_cookie.substr(0, a.set_cookie.find(';'));
        return a;
    }

    answer call(std::string const& who, http::verb verb, std::string const& target,
                json const& body = nullptr) {
        return request(server.port(), verb, target, who.empty() ? "" : cookies[who],
                       body.is_null() ? "" : body.dump());
    }

    roles_server() {
        REQUIRE(sign_in("Ada").status == 200);
        for (auto const* slug : {"ct-a", "ct-b"})
            REQUIRE(call("Ada", http::verb::post, "/api/v1/communities",
                         {{"slug", slug}, {"name", slug}})
                        .status == 201);
        auto const m = call("Ada", http::verb::post, "/api/v1/communities/ct-a/meetings",
                            {{"title", "Kick-off"}, {"scheduled_on", "2027-02-10"}});
        REQUIRE(m.status == 201);
        meeting = std::to_string(m.body["meeting"]["id"].get<std::int64_t>());
        auto const o = call("Ada", http::verb::post, "/api/v1/communities/ct-a/objectives",
                            {{"title", "Dati aperti"}, {"year", 2027}});
        REQUIRE(o.status == 201);
        objective = o.body["objective"]["id"];
        add("Rita", "--role referent");
        add("Cora", "--role co-coordinator --community ct-a");
        add("Otto", "--role co-coordinator --community ct-b");
        add("Dora", "--role referent");
        add("Tina", "--role referent");
        for (auto const* name : {"Rita", "Cora", "Otto", "Dora"})
            REQUIRE(sign_in(name).status == 200);
        // Disabled from the command line while the server runs: the session
        // Dora holds ends at once.
        REQUIRE(run_tavolo("account disable Dora --data '" + dir.path().string() + "'").first == 0);
        auto const accounts = call("Ada", http::verb::get, "/api/v1/accounts");
        for (auto const& a : accounts.body["accounts"])
            if (a["name"] == "Tina")
                tina = std::to_string(a["id"].get<std::int64_t>());
        REQUIRE(!tina.empty());
    }
};

bool allowed(who_may may, std::string const& actor) {
    if (may == who_may::anyone)
        return true;
    if (actor.empty() || actor == "Dora")
        return false;
    switch (may) {
    case who_may::admin:
        return actor == "Ada";
    case who_may::referent:
        return actor == "Ada" || actor == "Rita";
    case who_may::community:
        return actor == "Ada" || actor == "Rita" || actor == "Cora";
    default:
        return true;
    }
}

} // namespace

TEST_CASE("the matrix covers every route the server has", "[integration][roles]") {
    std::set<std::pair<std::string, std::string>> table, tested;
    for (auto const& r : api::access_table)
        table.insert({std::string(r.method), std::string(r.pattern)});
    for (auto const& c : matrix())
        tested.insert({std::string(http::to_string(c.verb)), c.pattern});
    CHECK(tested == table);
}

TEST_CASE("every endpoint x every role: allowed, 403 forbidden or 401", "[integration][roles]") {
    roles_server s;
    for (auto const& c : matrix()) {
        auto path =
            replaced(replaced(replaced(c.path, "{meeting}", s.meeting), "{objective}", s.objective),
                     "{account}", s.tina);
        for (std::string const actor : {"Ada", "Rita", "Cora", "Otto", "Dora", ""}) {
            INFO(http::to_string(c.verb) << " " << path << " as '" << actor << "'");
            auto const a = request(s.server.port(), c.verb, path,
                                   actor.empty() ? "" : s.cookies[actor], c.body);
            INFO(a.status << " " << a.text);
            bool const forbidden = a.status == 403 && a.body["error"]["code"] == "forbidden";
            if (allowed(c.may, actor)) {
                CHECK(a.status != 401);
                CHECK_FALSE(forbidden);
            } else if (actor.empty() || actor == "Dora") {
                CHECK(a.status == 401);
            } else {
                CHECK(forbidden);
                CHECK(a.body["error"]["message"].get<std::string>().find("needs") !=
                      std::string::npos);
            }
            // Signing out ends the actor's session: sign in again for the
            // routes that follow.
            if (c.verb == http::verb::delete_ && c.pattern == "/api/v1/session" && !actor.empty() &&
                actor != "Dora")
                REQUIRE(s.sign_in(actor).status == 200);
        }
    }
    // Nothing the refused calls asked for happened: the community's meetings
    // are the first one alone, ct-a kept its name.
    auto const ct = s.call("Ada", http::verb::get, "/api/v1/communities/ct-a");
    CHECK(ct.body["community"]["name"] == "ct-a");
}

TEST_CASE("an admin manages accounts from the API; each account sees its role",
          "[integration][roles]") {
    temp_dir dir;
    std::string const admin_password = password_in(add_coordinator(dir.path(), "Ada").second);
    server_process server{dir.path()};
    auto const port = server.port();
    auto sign_in = [&](std::string const& name, std::string const& password) {
        auto a = request(port, http::verb::post, "/api/v1/session", "",
                         json{{"name", name}, {"password", password}}.dump());
        return std::pair{a, a.set_cookie.substr(0, a.set_cookie.find(';'))};
    };
    auto [first, ada] = sign_in("Ada", admin_password);
    REQUIRE(first.status == 200);
    CHECK(first.body["coordinator"]["role"] == "admin");
    REQUIRE(request(port, http::verb::post, "/api/v1/communities", ada,
                    json{{"slug", "ct-a"}, {"name", "A"}}.dump())
                .status == 201);

    // Added with a role and a community; the password is in this answer only.
    auto const made = request(
        port, http::verb::post, "/api/v1/accounts", ada,
        json{{"name", " Cora Bianchi "}, {"role", "co-coordinator"}, {"communities", {"ct-a"}}}
            .dump());
    REQUIRE(made.status == 201);
    CHECK(made.body["account"]["name"] == "Cora Bianchi");
    CHECK(made.body["account"]["communities"] == json{"ct-a"});
    CHECK_FALSE(made.body["account"].contains("password_hash"));
    auto const id = std::to_string(made.body["account"]["id"].get<std::int64_t>());
    std::string password = made.body["password"];
    auto const listed = request(port, http::verb::get, "/api/v1/accounts", ada);
    CHECK(listed.text.find(password) == std::string::npos);

    SECTION("bad bodies are refused, naming the field") {
        for (auto const& body :
             {json{{"name", "   "}, {"role", "referent"}}, json{{"name", "X"}, {"role", "boss"}},
              json{{"name", "X"}, {"role", "referent"}, {"extra", 1}},
              json{{"name", "X"}, {"role", "co-coordinator"}},
              json{{"name", "X"}, {"role", "co-coordinator"}, {"communities", {"nope"}}}}) {
            INFO(body.dump());
            CHECK(request(port, http::verb::post, "/api/v1/accounts", ada, body.dump()).status ==
                  400);
        }
        CHECK(request(port, http::verb::post, "/api/v1/accounts", ada,
                      json{{"name", "Cora Bianchi"}, {"role", "referent"}}.dump())
                  .status == 409);
    }
    SECTION("the account signs in and sees its role; disabling ends its session at once") {
        auto [answer, cora] = sign_in("Cora Bianchi", password);
        REQUIRE(answer.status == 200);
        auto const me = request(port, http::verb::get, "/api/v1/session", cora);
        CHECK(me.body["coordinator"]["role"] == "co-coordinator");
        CHECK(me.body["coordinator"]["communities"] == json{"ct-a"});
        REQUIRE(
            request(port, http::verb::post, "/api/v1/accounts/" + id + "/disable", ada).status ==
            200);
        CHECK(request(port, http::verb::get, "/api/v1/session", cora).status == 401);
        CHECK(sign_in("Cora Bianchi", password).first.body["error"]["code"] == "account_disabled");
        CHECK(sign_in("Cora Bianchi", "wrong").first.status == 401);
        REQUIRE(request(port, http::verb::post, "/api/v1/accounts/" + id + "/enable", ada).status ==
                200);
        CHECK(sign_in("Cora Bianchi", password).first.status == 200);
    }
    SECTION("a new password ends the old one and its sessions; sign out everywhere") {
        auto cora = sign_in("Cora Bianchi", password).second;
        auto const reset =
            request(port, http::verb::post, "/api/v1/accounts/" + id + "/reset-password", ada);
        REQUIRE(reset.status == 200);
        CHECK(request(port, http::verb::get, "/api/v1/session", cora).status == 401);
        CHECK(sign_in("Cora Bianchi", password).first.status == 401);
        password = reset.body["password"];
        cora = sign_in("Cora Bianchi", password).second;
        auto const other = sign_in("Cora Bianchi", password).second;
        REQUIRE(request(port, http::verb::post, "/api/v1/accounts/" + id + "/revoke-sessions", ada)
                    .status == 200);
        CHECK(request(port, http::verb::get, "/api/v1/session", cora).status == 401);
        CHECK(request(port, http::verb::get, "/api/v1/session", other).status == 401);
        CHECK(request(port, http::verb::get, "/api/v1/session", ada).status == 200);
    }
    SECTION("a user changes their own password; their other sessions end") {
        auto const cora = sign_in("Cora Bianchi", password).second;
        auto const other = sign_in("Cora Bianchi", password).second;
        auto change = [&](std::string const& current, std::string const& fresh) {
            return request(port, http::verb::put, "/api/v1/session/password", cora,
                           json{{"current", current}, {"new", fresh}}.dump());
        };
        CHECK(change("wrong", "abbastanza lunga").body["error"]["code"] == "wrong_password");
        CHECK(change(password, "corta").status == 400);
        REQUIRE(change(password, "abbastanza lunga").status == 200);
        CHECK(request(port, http::verb::get, "/api/v1/session", cora).status == 200);
        CHECK(request(port, http::verb::get, "/api/v1/session", other).status == 401);
        CHECK(sign_in("Cora Bianchi", password).first.status == 401);
        CHECK(sign_in("Cora Bianchi", "abbastanza lunga").first.status == 200);
    }
    SECTION("wrong current passwords count with wrong sign-ins") {
        auto const cora = sign_in("Cora Bianchi", password).second;
        test::answer last;
        for (int i = 0; i < 11; ++i)
            last = request(port, http::verb::put, "/api/v1/session/password", cora,
                           json{{"current", "wrong"}, {"new", "abbastanza lunga"}}.dump());
        CHECK(last.status == 429);
        CHECK(!last.retry_after.empty()); // how long to wait, as for sign-in
        CHECK(sign_in("Cora Bianchi", password).first.status == 429);
    }
    SECTION("a role changes; the last enabled admin stays one") {
        // The version of an account, as the list shows it: what a PATCH names.
        auto version_of = [&](std::string const& account) {
            auto const list = request(port, http::verb::get, "/api/v1/accounts", ada);
            for (auto const& a : list.body["accounts"])
                if (std::to_string(a["id"].get<std::int64_t>()) == account)
                    return a["etag"].get<std::string>();
            FAIL("no account " << account);
            return std::string();
        };
        auto patch_as = [&](std::string const& account, json const& body,
                            std::string const& version) {
            return request(port, http::verb::patch, "/api/v1/accounts/" + account, ada, body.dump(),
                           "application/json", {{"If-Match", version}});
        };
        auto patch = [&](json const& body) { return patch_as(id, body, version_of(id)); };
        // Without a version, or with one another change made stale: nothing changes.
        CHECK(request(port, http::verb::patch, "/api/v1/accounts/" + id, ada,
                      json{{"role", "referent"}}.dump())
                  .status == 428);
        CHECK(patch({{"role", "co-coordinator"}}).status == 400); // which communities?
        auto const ok = patch({{"role", "referent"}});
        REQUIRE(ok.status == 200);
        CHECK(ok.body["account"]["role"] == "referent");
        CHECK(ok.body["account"]["communities"] == json::array());
        CHECK(ok.etag == version_of(id));
        CHECK(patch({{"communities", {"ct-a"}}}).status == 400); // a referent has none
        auto const back = patch({{"role", "co-coordinator"}, {"communities", {"ct-a"}}});
        CHECK(back.body["account"]["communities"] == json{"ct-a"});
        auto const accounts = request(port, http::verb::get, "/api/v1/accounts", ada);
        std::string ada_id;
        for (auto const& a : accounts.body["accounts"])
            if (a["name"] == "Ada")
                ada_id = std::to_string(a["id"].get<std::int64_t>());
        CHECK(request(port, http::verb::post, "/api/v1/accounts/" + ada_id + "/disable", ada)
                  .body["error"]["code"] == "last_admin");
        CHECK(patch_as(ada_id, {{"role", "referent"}}, version_of(ada_id)).body["error"]["code"] ==
              "last_admin");
        auto const stale = patch_as(id, {{"role", "admin"}}, ok.etag); // read before `back`
        CHECK(stale.status == 412);
        CHECK(stale.body["current"]["account"]["communities"] == json{"ct-a"});
    }
}

TEST_CASE("tavolo account: add, list, disable, enable, reset-password, revoke-sessions",
          "[integration][roles]") {
    temp_dir dir;
    auto const data = " --data '" + dir.path().string() + "'";
    auto const first = add_coordinator(dir.path(), "Ada");
    CHECK(first.first == 0);
    CHECK(first.second.find("added as admin") != std::string::npos);
    CHECK(add_coordinator(dir.path(), "Bruno").second.find("added as referent") !=
          std::string::npos);
    for (auto const* blank : {"''", "'   '", "'a\tb'"}) {
        auto const [code, out] =
            run_tavolo(std::string("account add ") + blank + " --role referent" + data + " 2>&1");
        CHECK(code == 2);
        CHECK(out.find("not blank") != std::string::npos);
    }
    CHECK(run_tavolo("coordinator add '  '" + data + " 2>&1").first == 2);
    CHECK(run_tavolo("account add Cora --role co-coordinator" + data + " 2>&1").first == 2);
    CHECK(run_tavolo("account add Cora --role boss" + data + " 2>&1").first == 2);
    CHECK(run_tavolo("account add Cora --role co-coordinator --community none" + data + " 2>&1")
              .first == 1);
    CHECK(run_tavolo("account add Bruno --role referent" + data + " 2>&1").first == 1);
    CHECK(run_tavolo("account disable Bruno" + data).first == 0);
    auto const [code, listed] = run_tavolo("account list" + data);
    CHECK(code == 0);
    CHECK(listed.find("Ada\tadmin\t-\tno") != std::string::npos);
    CHECK(listed.find("Bruno\treferent\t-\tyes") != std::string::npos);
    CHECK(run_tavolo("account enable Bruno" + data).first == 0);
    CHECK(run_tavolo("account list" + data).second.find("Bruno\treferent\t-\tno") !=
          std::string::npos);
    auto const reset = run_tavolo("account reset-password Bruno" + data);
    CHECK(reset.first == 0);
    CHECK(password_in(reset.second).size() >= 12);
    CHECK(run_tavolo("account revoke-sessions Bruno" + data).second.find("0 sessions") !=
          std::string::npos);
    CHECK(run_tavolo("account disable Nobody" + data + " 2>&1").first == 1);
}
