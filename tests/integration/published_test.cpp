// What is published stays true, against the real server: contributions
// withdrawn by their author, hidden by the facilitator or written by someone
// removed from the meeting are never linked anew, leave the links of plans
// not yet published, and appear in no shared or published plan, export or
// public path; an objective that quotes one tells its editor. A published
// plan's deliverable file stays the file that was published.
#include "support/api_client.hpp"
#include "support/meeting_fixture.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace tavolo;
using namespace tavolo::test;
using verb = http::verb;

namespace {

// A live meeting (the demo's, in 2027) and a coordinator signed in to the API.
struct meeting_and_api : meeting_fixture {
    std::string cookie;

    meeting_and_api() {
        auto const password = password_in(add_coordinator(dir / "data", "Mara").second);
        auto const a = test::request(server->port(), verb::post, "/api/v1/session", "",
                                     json{{"name", "Mara"}, {"password", password}}.dump());
        REQUIRE(a.status == 200);
        cookie = a.set_cookie.substr(0, a.set_cookie.find(';'));
    }

    answer call(verb v, std::string const& target, json const& body = nullptr) {
        return test::request(server->port(), v, target, cookie, body.is_null() ? "" : body.dump());
    }
    answer open(std::string const& target) {
        return test::request(server->port(), verb::get, target);
    }

    // The row id of the demo contribution with this text once the store has
    // it with this status (the meeting writes behind its answers).
    std::int64_t contribution(std::string const& text, std::string const& status = "visible") {
        for (int tries = 0; tries < 100; ++tries) {
            auto const a = call(verb::get, "/api/v1/contributions?community=demo&per_page=200");
            for (auto const& c : a.body["contributions"])
                if (c["text"] == text && c["status"] == status)
                    return c["id"].get<std::int64_t>();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        FAIL("no " << status << " contribution '" << text << "'");
        return 0;
    }
};

std::string const withdrawn_text =
    "Vorrei uno sportello unico per le imprese aperto anche il sabato mattina";
std::string const hidden_text =
    "Testo offensivo che la facilitatrice nasconde subito dalla bacheca";
std::string const removed_text = "Proposta di chi sarà allontanato dalla riunione per disturbo";
std::string const kept_text = "Servono corsi di formazione digitale per gli anziani del quartiere";

std::vector<std::string> const formats{"json", "csv", "md", "html"};

} // namespace

TEST_CASE("withdrawn, hidden and removed contributions never reach a shared or published plan",
          "[integration][published]") {
    meeting_and_api m;
    auto anna = m.participant("Anna");
    auto troll = std::make_unique<ws_client>(m.server->port());
    std::string const troll_id = troll->join(m.code, "Tizio", "Nessuno")["result"]["you"]["id"];
    REQUIRE(m.submit(*anna, "a1", withdrawn_text) == "ok");
    REQUIRE(m.submit(*anna, "a2", hidden_text) == "ok");
    REQUIRE(m.submit(*anna, "a3", kept_text) == "ok");
    REQUIRE(m.submit(*troll, "t1", removed_text) == "ok");
    auto const withdrawn = m.contribution(withdrawn_text);
    auto const hidden = m.contribution(hidden_text);
    auto const removed = m.contribution(removed_text);
    auto const kept = m.contribution(kept_text);

    // An approved objective of 2027 links all four; its description quotes
    // the one about to be withdrawn.
    auto a = m.call(verb::post, "/api/v1/communities/demo/objectives",
                    {{"title", "Sportello per le imprese"},
                     {"year", 2027},
                     {"description", "Dal tavolo: «vorrei uno sportello unico per le imprese, "
                                     "aperto anche il sabato»."}});
    REQUIRE(a.status == 201);
    auto const id = a.body["objective"]["id"].get<std::string>();
    CHECK(a.body["objective"]["notices"].empty()); // nothing withdrawn yet
    auto const link = [&](std::int64_t c) {
        return m.call(verb::put,
                      "/api/v1/objectives/" + id + "/contributions/" + std::to_string(c));
    };
    for (auto const c : {withdrawn, hidden, removed, kept})
        REQUIRE(link(c).status == 200);
    REQUIRE(m.call(verb::post, "/api/v1/objectives/" + id + "/approve").status == 200);
    auto const base = std::string("/api/v1/communities/demo/plans/2027");
    REQUIRE(m.call(verb::post, base).status == 201);
    a = m.call(verb::post, base + "/share");
    REQUIRE(a.status == 200);
    auto const shared = a.body["share_api"].get<std::string>();
    REQUIRE(m.open(shared).body["objectives"][0]["contributions"].size() == 4);

    // The version an editor holds while the meeting goes on.
    auto const version = m.call(verb::get, "/api/v1/objectives/" + id).etag;
    REQUIRE(!version.empty());

    // In the meeting: the author withdraws, the facilitator hides and removes.
    CHECK(m.outcome(*anna, {{"type", "withdraw"}, {"id", "a1"}}) == "ok");
    CHECK(m.outcome(*m.facilitator, {{"type", "hide"}, {"id", "a2"}}) == "ok");
    CHECK(m.outcome(*m.facilitator, {{"type", "remove_participant"}, {"participant", troll_id}}) ==
          "ok");
    m.contribution(withdrawn_text, "withdrawn");
    m.contribution(hidden_text, "hidden");
    // The removal is written behind its answer too.
    for (int tries = 0; tries < 100; ++tries) {
        if (m.call(verb::get, "/api/v1/objectives/" + id)
                .body["objective"]["contributions"]
                .size() == 1)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }

    SECTION("the objective drops them, tells its editor, and refuses them anew") {
        a = m.call(verb::get, "/api/v1/objectives/" + id);
        REQUIRE(a.status == 200);
        auto const& links = a.body["objective"]["contributions"];
        std::vector<std::int64_t> ids;
        for (auto const& c : links)
            ids.push_back(c["id"]);
        CHECK(std::find(ids.begin(), ids.end(), withdrawn) == ids.end());
        CHECK(std::find(ids.begin(), ids.end(), hidden) == ids.end());
        CHECK(std::find(ids.begin(), ids.end(), removed) == ids.end());
        CHECK(ids == std::vector<std::int64_t>{kept});
        // Links and notices are not the editor's: their save stays current.
        CHECK(a.etag == version);
        REQUIRE(a.body["objective"]["notices"].size() == 1);
        CHECK(a.body["objective"]["notices"][0] ==
              json{{"code", "quotes_withdrawn"}, {"contribution", withdrawn}});
        for (auto const c : {withdrawn, hidden, removed}) {
            auto const r = link(c);
            CHECK(r.status == 409);
            CHECK(r.body["error"]["code"] == "contribution_unavailable");
        }
        CHECK(link(kept).status == 200); // linked already: no change, no refusal
        // Unlinking what is unavailable is still allowed.
        CHECK(m.call(verb::delete_,
                     "/api/v1/objectives/" + id + "/contributions/" + std::to_string(hidden))
                  .status == 200);
    }

    SECTION("no plan, export or public path shows them, before or after publishing") {
        auto const nowhere = [&](std::string const& target, bool signed_in) {
            for (auto const& f : formats) {
                auto const sep = target.find('?') == std::string::npos ? "?" : "&";
                auto const r = signed_in ? m.call(verb::get, target + sep + "format=" + f)
                                         : m.open(target + sep + "format=" + f);
                INFO(target << " " << f);
                REQUIRE(r.status == 200);
                CHECK(r.text.find("sabato mattina") == std::string::npos);
                CHECK(r.text.find("Testo offensivo") == std::string::npos);
                CHECK(r.text.find("allontanato") == std::string::npos);
                CHECK(r.text.find("formazione digitale") != std::string::npos);
            }
        };
        nowhere(shared, false);
        nowhere(base, true);
        nowhere("/api/v1/system-plans/2027", true);
        REQUIRE(m.call(verb::post, base + "/publish").status == 200);
        nowhere("/api/v1/public/communities/demo/plans/2027", false);
        nowhere("/api/v1/public/system-plans/2027", false);
        nowhere(shared, false);
        nowhere(base + "/versions/1", true);
    }
}

TEST_CASE("a published plan's deliverable file stays the file that was published",
          "[integration][published]") {
    signed_in_server s;
    auto const port = s.server.port();
    auto a = s.call(verb::post, "/api/v1/communities/demo/objectives",
                    {{"title", "Relazione"},
                     {"year", 2027},
                     {"deliverable", {{"description", "Relazione finale"}}}});
    REQUIRE(a.status == 201);
    auto const id = a.body["objective"]["id"].get<std::string>();
    auto const file = "/api/v1/objectives/" + id + "/deliverable/file";
    auto const public_file = "/api/v1/public/objectives/" + id + "/deliverable/file";
    auto const upload = [&](std::string const& name, std::string const& bytes) {
        // A new file is a new version of its objective: it names the one it replaces.
        return request(port, verb::put, file + "?name=" + name, s.cookie, bytes, "application/pdf",
                       {{"If-Match", s.etag_for("/api/v1/objectives/" + id)}});
    };
    REQUIRE(upload("v1.pdf", "%PDF first version").status == 200);
    REQUIRE(s.call(verb::post, "/api/v1/objectives/" + id + "/approve").status == 200);
    auto const base = std::string("/api/v1/communities/demo/plans/2027");
    REQUIRE(s.call(verb::post, base).status == 201);
    REQUIRE(s.call(verb::post, base + "/publish").status == 200);
    CHECK(request(port, verb::get, public_file).text == "%PDF first version");

    // Replaced after publication: the coordinators' draft has the new file,
    // the published plan's public path still the published one.
    REQUIRE(upload("v2.pdf", "%PDF second version").status == 200);
    CHECK(s.call(verb::get, file).text == "%PDF second version");
    a = request(port, verb::get, public_file);
    REQUIRE(a.status == 200);
    CHECK(a.text == "%PDF first version");
    CHECK(a.disposition.find("v1.pdf") != std::string::npos);
    // Removed: still the published one.
    REQUIRE(
        s.call(verb::delete_, file, nullptr, {{"If-Match", s.etag_for("/api/v1/objectives/" + id)}})
            .status == 200);
    CHECK(request(port, verb::get, public_file).text == "%PDF first version");

    // The next version, with a new file, publishes that one.
    REQUIRE(upload("v3.pdf", "%PDF third version").status == 200);
    REQUIRE(s.call(verb::post, base).status == 201);
    CHECK(request(port, verb::get, public_file).text == "%PDF first version"); // a draft
    REQUIRE(s.call(verb::post, base + "/publish").status == 200);
    CHECK(request(port, verb::get, public_file).text == "%PDF third version");

    // Kept across a restart.
    s.server.kill();
    test::server_process again(s.dir.path());
    CHECK(request(again.port(), verb::get, public_file).text == "%PDF third version");
}
