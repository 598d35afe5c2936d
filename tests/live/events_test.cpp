#include "tavolo/live/events.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::live;
using nlohmann::json;

namespace {

contribution sample() {
    contribution c;
    c.id = "c1";
    c.seq = 5;
    c.kind = contribution_kind::need;
    c.text = "Formazione sul cloud";
    c.participant_id = "anna";
    c.author_name = "Anna";
    c.author_organization = "Comune di Lecce";
    return c;
}

event contribution_event(meeting_info const& m, contribution c = sample()) {
    return event{.kind = event_kind::contribution,
                 .seq = 5,
                 .meeting = m,
                 .subject = std::move(c),
                 .subject_supports = 2};
}

json seen_by(event const& e, viewer const& v) {
    return json::parse(render(e, audience_of(e, v)));
}

viewer const staff{role::facilitator, "fac"};
viewer const author{role::participant, "anna"};
viewer const peer{role::participant, "bruno"};

} // namespace

TEST_CASE("an open meeting shows contributions with their authors to everyone", "[live][events]") {
    meeting_info m;
    auto const e = contribution_event(m);
    auto const p = seen_by(e, peer);
    CHECK(p["type"] == "contribution");
    CHECK(p["seq"] == 5);
    CHECK(p["contribution"]["text"] == "Formazione sul cloud");
    CHECK(p["contribution"]["author"] ==
          json{{"name", "Anna"}, {"organization", "Comune di Lecce"}});
    CHECK(p["contribution"]["supports"] == 2);
    CHECK_FALSE(p["contribution"].contains("mine"));
    CHECK(seen_by(e, author)["contribution"]["mine"] == true);
    CHECK(seen_by(e, staff)["contribution"]["author"]["id"] == "anna");
    CHECK_FALSE(p["contribution"]["author"].contains("id"));
}

TEST_CASE("a facilitator's own contribution is theirs, with staff's view", "[live][events]") {
    meeting_info m;
    auto c = sample();
    c.participant_id = "fac";
    auto const e = contribution_event(m, c);
    auto const own = seen_by(e, staff);
    CHECK(own["contribution"].value("mine", false));
    CHECK(own["contribution"]["author"]["id"] == "fac");
    // Other staff share one frame without "mine".
    auto const other = seen_by(e, viewer{role::coordinator, "coo"});
    CHECK_FALSE(other["contribution"].contains("mine"));
    CHECK(other["contribution"]["author"]["id"] == "fac");
}

TEST_CASE("anonymous meetings hide authors from peers only", "[live][events]") {
    meeting_info m;
    m.settings.anonymous = true;
    auto const e = contribution_event(m);
    CHECK_FALSE(seen_by(e, peer)["contribution"].contains("author"));
    CHECK(render(e, audience::peer).find("Anna") == std::string::npos);
    CHECK(render(e, audience::peer).find("Lecce") == std::string::npos);
    CHECK(seen_by(e, author)["contribution"]["author"]["name"] == "Anna");
    CHECK(seen_by(e, staff)["contribution"]["author"]["name"] == "Anna");
}

TEST_CASE("private writing sends peers nothing of the text until the reveal", "[live][events]") {
    meeting_info m;
    m.settings.private_writing = true;
    auto const e = contribution_event(m);
    CHECK(seen_by(e, peer) == json{{"type", "skip"}, {"seq", 5}});
    CHECK(seen_by(e, author)["contribution"]["text"] == "Formazione sul cloud");
    CHECK(seen_by(e, staff)["contribution"]["text"] == "Formazione sul cloud");

    event supports{.kind = event_kind::supports,
                   .seq = 6,
                   .meeting = m,
                   .subject = sample(),
                   .subject_supports = 1};
    CHECK(seen_by(supports, peer)["type"] == "skip");

    m.revealed = true;
    CHECK(seen_by(contribution_event(m), peer)["contribution"]["text"] == "Formazione sul cloud");
    event revealed{
        .kind = event_kind::revealed, .seq = 7, .meeting = m, .contributions = {{sample(), 3}}};
    auto const r = seen_by(revealed, peer);
    CHECK(r["type"] == "revealed");
    REQUIRE(r["contributions"].size() == 1);
    CHECK(r["contributions"][0]["supports"] == 3);
    CHECK(r["meeting"]["revealed"] == true);
}

TEST_CASE("hidden contributions are withdrawn from peers' boards", "[live][events]") {
    meeting_info m;
    auto c = sample();
    c.status = contribution_status::hidden;
    auto const e = contribution_event(m, c);
    auto const p = seen_by(e, peer);
    CHECK(p ==
          json{{"type", "contribution_removed"}, {"seq", 5}, {"id", "c1"}, {"status", "hidden"}});
    CHECK(seen_by(e, staff)["contribution"]["status"] == "hidden");
    CHECK(seen_by(e, author)["contribution"]["status"] == "hidden");

    c.status = contribution_status::merged;
    c.merged_into = "c0";
    CHECK(seen_by(contribution_event(m, c), peer)["merged_into"] == "c0");
}

TEST_CASE("removing a participant is news for staff only", "[live][events]") {
    meeting_info m;
    event e{.kind = event_kind::participant_removed, .seq = 9, .meeting = m, .ids = {"bruno"}};
    CHECK(seen_by(e, staff) ==
          json{{"type", "participant_removed"}, {"seq", 9}, {"participant", "bruno"}});
    CHECK(seen_by(e, peer) == json{{"type", "skip"}, {"seq", 9}});
}

TEST_CASE("the meeting's state", "[live][events]") {
    meeting_info m;
    m.id = 3;
    m.phase = meeting_phase::vote;
    m.locked = true;
    m.timer_ends_at_ms = 1000;
    auto const j = meeting_json(m, 400);
    CHECK(j["phase"] == "vote");
    CHECK(j["locked"] == true);
    CHECK(j["timer_ends_at"] == 1000);
    CHECK(j["now"] == 400);
    CHECK(j["support_budget"] == 5);
    m.timer_ends_at_ms = 0;
    CHECK(meeting_json(m, 0)["timer_ends_at"].is_null());
}

TEST_CASE("a closed meeting points to its community's published plan", "[live][events]") {
    meeting_info m;
    m.phase = meeting_phase::plan;
    m.published_plan =
        published_plan_ref{.year = 2027,
                           .version = 2,
                           .path = "/api/v1/public/communities/demo/plans/2027?format=html"};
    // While the meeting runs, the plan is not its news.
    CHECK(meeting_json(m, 0)["published_plan"].is_null());
    m.phase = meeting_phase::closed;
    CHECK(meeting_json(m, 0)["published_plan"] ==
          json{{"year", 2027},
               {"version", 2},
               {"url", "/api/v1/public/communities/demo/plans/2027?format=html"}});
    m.published_plan.reset();
    CHECK(meeting_json(m, 0)["published_plan"].is_null());
}

TEST_CASE("the board renders once for everyone", "[live][events]") {
    event e{.kind = event_kind::board, .seq = 12};
    cluster_board b;
    b.groups.push_back({"g1", "Sanità", {"sanità"}, {"a", "b"}, 0.5, false, ""});
    b.runs = 1;
    e.board = std::make_shared<cluster_board const>(b);
    CHECK(audience_of(e, viewer{role::facilitator, "f"}) == audience::peer);
    CHECK(audience_of(e, viewer{role::participant, "p"}) == audience::peer);
    auto const frame = nlohmann::json::parse(render(e, audience::peer));
    CHECK(frame["type"] == "board");
    CHECK(frame["board"]["groups"][0]["members"] == nlohmann::json::array({"a", "b"}));
}
