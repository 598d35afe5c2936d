#include "support/store_fixture.hpp"

#include "app/adapters/store_bridge.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/write_queue.hpp"

#include <catch2/catch.hpp>

#include <future>

using namespace tavolo;

namespace {

// A real store in a temporary directory, with a community, a kick-off in
// its collect phase and the writer live meetings write through.
struct bridged_store : test::store_fixture {
    store::plan_store& reader = store;
    store::write_queue writer{path, {}};
    app::store_bridge bridge{reader, writer};
    std::int64_t community = add_community("ct-dati", "Comunità Dati");
    std::int64_t kickoff = add_meeting("kickoff", "2027-01-20", "KICK2345");

    std::int64_t add_meeting(std::string kind, std::string date, std::string code) {
        return store_fixture::add_meeting(community, std::move(code), date, std::move(kind),
                                          "Incontro " + date);
    }

    // Saves through the bridge and waits for the write's completion.
    std::optional<std::string> save(live::meeting_change const& change) {
        std::promise<std::optional<std::string>> done;
        auto result = done.get_future();
        bridge.save(change, [&done](std::optional<std::string> error) {
            done.set_value(std::move(error));
        });
        return result.get();
    }

    // What a server restarted on this store would serve.
    live::meeting_snapshot reload(std::int64_t meeting_id) {
        app::store_bridge fresh(reader, writer);
        for (auto& snap : fresh.load_meetings())
            if (snap.info.id == meeting_id)
                return snap;
        FAIL("meeting " << meeting_id << " was not loaded");
        return {};
    }
};

live::participant person(std::string id, std::int64_t meeting, std::string name, live::role r) {
    return {std::move(id), meeting, std::move(name), "Comune di Lecce", r, 1000, "resume", false};
}

live::contribution said(std::string id, std::int64_t meeting, std::int64_t seq,
                        live::contribution_kind kind, std::string text) {
    live::contribution c;
    c.id = std::move(id);
    c.meeting_id = meeting;
    c.seq = seq;
    c.kind = kind;
    c.text = std::move(text);
    c.participant_id = "p-anna";
    c.created_at_ms = 2000 + seq;
    return c;
}

} // namespace

TEST_CASE("a meeting saved through the bridge comes back whole after a restart",
          "[app][store_bridge]") {
    bridged_store s;
    live::meeting_change change;
    change.meeting_id = s.kickoff;
    change.seq = 7;
    change.participants = {person("p-anna", s.kickoff, "Anna", live::role::participant),
                           person("p-fac", s.kickoff, "Franca", live::role::facilitator)};
    change.contributions = {
        said("c1", s.kickoff, 1, live::contribution_kind::need, "Serve un catalogo dei dati"),
        said("c2", s.kickoff, 2, live::contribution_kind::proposal, "Un portale unico")};
    change.contributions[1].edited = true;
    change.edits = {{"c2", "Un portale", "Un portale unico", "p-anna", 2500}};
    change.supports = {{"p-anna", "c1", 1}};
    live::cluster_board board;
    board.groups = {{"g1", "Dati aperti", {"dati", "catalogo"}, {"c1", "c2"}, 0.5, true, "obj-1"}};
    board.pins = {{"c2", "g1"}};
    board.next_group = 2;
    board.runs = 1;
    change.board = board;
    change.objectives = {{.id = "obj-1",
                          .meeting_id = s.kickoff,
                          .group_id = "g1",
                          .title = "Dati aperti",
                          .description = "Un catalogo",
                          .contributions = {"c1", "c2"},
                          .created_by = "p-fac",
                          .created_at_ms = 3000,
                          .supports = 1,
                          .contribution_supports = {{"c1", 1}, {"c2", 0}}}};
    live::meeting_info info;
    info.id = s.kickoff;
    info.kind = live::meeting_kind::kickoff;
    info.facilitator_secret_hash = "hash";
    info.phase = live::meeting_phase::cluster;
    info.settings = {true, true, 3, 2};
    info.revealed = true;
    info.locked = true;
    info.timer_ends_at_ms = 9000;
    info.question = "Quali dati servono al vostro ente?";
    change.info = info;

    REQUIRE(s.save(change) == std::nullopt);

    auto const snap = s.reload(s.kickoff);
    CHECK(snap.last_seq == 7);
    CHECK(snap.info.community_name == "Comunità Dati");
    CHECK(snap.info.phase == live::meeting_phase::cluster);
    CHECK(snap.info.settings.anonymous);
    CHECK(snap.info.settings.private_writing);
    CHECK(snap.info.settings.support_budget == 3);
    CHECK(snap.info.settings.max_supports_per_contribution == 2);
    CHECK(snap.info.revealed);
    CHECK(snap.info.locked);
    CHECK(snap.info.timer_ends_at_ms == 9000);
    CHECK(snap.info.question == "Quali dati servono al vostro ente?");
    CHECK(snap.info.join_code == "KICK2345");

    REQUIRE(snap.participants.size() == 2);
    auto const fac = std::find_if(snap.participants.begin(), snap.participants.end(),
                                  [](auto const& p) { return p.id == "p-fac"; });
    REQUIRE(fac != snap.participants.end());
    CHECK(fac->role == live::role::facilitator);
    CHECK(fac->resume_hash == "resume");

    REQUIRE(snap.contributions.size() == 2);
    CHECK(snap.contributions[0].id == "c1");
    CHECK(snap.contributions[0].kind == live::contribution_kind::need);
    CHECK(snap.contributions[0].author_name == "Anna");
    CHECK(snap.contributions[0].author_organization == "Comune di Lecce");
    CHECK(snap.contributions[1].text == "Un portale unico");
    CHECK(snap.contributions[1].edited);

    REQUIRE(snap.supports.size() == 1);
    CHECK(snap.supports[0].contribution_id == "c1");
    CHECK(snap.supports[0].count == 1);

    REQUIRE(snap.board.groups.size() == 1);
    CHECK(snap.board.groups[0].title == "Dati aperti");
    CHECK(snap.board.groups[0].members == std::vector<std::string>{"c1", "c2"});
    CHECK(snap.board.groups[0].renamed);
    CHECK(snap.board.groups[0].objective_id == "obj-1");
    CHECK(snap.board.pins == std::map<std::string, std::string>{{"c2", "g1"}});
    CHECK(snap.board.next_group == 2);
    CHECK(snap.board.runs == 1);

    REQUIRE(snap.objectives.size() == 1);
    CHECK(snap.objectives[0].title == "Dati aperti");
    CHECK(snap.objectives[0].contributions == std::vector<std::string>{"c1", "c2"});
    // The supports of the promotion, as the coordinator area reads them too.
    CHECK(snap.objectives[0].supports == 1);
    CHECK(snap.objectives[0].contribution_supports ==
          std::map<std::string, std::int64_t>{{"c1", 1}, {"c2", 0}});
    auto const record = s.reader.plans().objective("obj-1");
    REQUIRE(record);
    CHECK(record->supports == 1);
    REQUIRE(record->contributions.size() == 2);
    CHECK(record->contributions[0].supports == 1);
    CHECK(record->contributions[1].supports == 0);
    CHECK(snap.plan.empty()); // a kick-off presents no plan
}

TEST_CASE("a change the store refuses fails whole, with a reason", "[app][store_bridge]") {
    bridged_store s;
    live::meeting_change change;
    change.meeting_id = s.kickoff;
    change.seq = 1;
    change.participants = {person("p-anna", s.kickoff, "Anna", live::role::participant)};
    auto ghost = said("c1", s.kickoff, 1, live::contribution_kind::need, "Di nessuno");
    ghost.participant_id = "p-nobody"; // no such participant: the store refuses it
    change.contributions = {ghost};

    auto const error = s.save(change);
    REQUIRE(error);
    CHECK_FALSE(error->empty());

    auto const snap = s.reload(s.kickoff);
    CHECK(snap.participants.empty()); // the valid half was not written either
    CHECK(snap.contributions.empty());
    CHECK(snap.last_seq == 0);
}

TEST_CASE("a follow-up's plan is read after the changes saved before it", "[app][store_bridge]") {
    bridged_store s;
    auto const followup = s.add_meeting("followup", "2027-03-10", "FOLL2345");
    store::objective_record o;
    o.id = "obj-cat";
    o.community_id = s.community;
    o.year = 2027;
    o.title = "Catalogo dei dati";
    o.status = "approved";
    o.needs_working_group = true;
    o.deliverable.description = "Il catalogo";
    o.deliverable.due_month = "2027-11";
    s.reader.plans().save_objective(o);
    auto draft = o;
    draft.id = "obj-draft";
    draft.status = "draft"; // not in the plan
    s.reader.plans().save_objective(draft);

    // Presented at start-up.
    auto const snap = s.reload(followup);
    REQUIRE(snap.plan.size() == 1);
    CHECK(snap.plan[0].objective_id == "obj-cat");
    CHECK(snap.plan[0].deliverable == "Il catalogo");
    CHECK(snap.plan[0].deliverable_due == "2027-11");
    CHECK(snap.plan[0].members.empty());

    // A volunteer joins; the plan asked for at once already has them.
    live::meeting_change change;
    change.meeting_id = followup;
    change.seq = 1;
    live::group_change join;
    join.what = live::group_change::action::join;
    join.objective_id = "obj-cat";
    join.member = {"Anna", "Comune di Lecce", "", false, 4000};
    change.groups = {join};
    std::promise<std::optional<std::string>> saved;
    s.bridge.save(change, [&saved](auto error) { saved.set_value(std::move(error)); });
    std::promise<std::optional<std::vector<live::plan_item>>> loaded;
    s.bridge.load_plan(followup, [&loaded](auto plan) { loaded.set_value(std::move(plan)); });

    CHECK(saved.get_future().get() == std::nullopt);
    auto const plan = loaded.get_future().get();
    REQUIRE(plan);
    REQUIRE(plan->size() == 1);
    REQUIRE((*plan)[0].members.size() == 1);
    CHECK((*plan)[0].members[0].name == "Anna");
    CHECK((*plan)[0].group_status == live::group_status::forming);
}

TEST_CASE("rows the live module does not know are read as its defaults", "[app][store_bridge]") {
    store::meeting_row m;
    m.kind = "retreat";
    m.phase = "brainstorm";
    auto const info = app::to_meeting_info(m);
    CHECK(info.kind == live::meeting_kind::kickoff);
    CHECK(info.phase == live::meeting_phase::lobby);

    store::contribution_row r;
    r.kind = "wish";
    r.status = "archived";
    auto const c = app::to_contribution(r);
    CHECK(c.kind == live::contribution_kind::proposal);
    CHECK(c.status == live::contribution_status::visible);
}

TEST_CASE("a meeting points to the newest published plan of its community and year",
          "[app][store_bridge][published_plan]") {
    bridged_store s;
    auto& plans = s.reader.plans();
    auto const published = [&] {
        std::promise<std::optional<live::published_plan_ref>> loaded;
        s.bridge.load_published_plan(s.kickoff,
                                     [&loaded](auto plan) { loaded.set_value(std::move(plan)); });
        return loaded.get_future().get();
    };
    CHECK_FALSE(s.reload(s.kickoff).info.published_plan);
    CHECK_FALSE(published());

    // Another year's plan is not this meeting's (it is on 2027-01-20).
    plans.publish_plan(plans.create_plan(s.community, 2026).id, "{}", 1);
    auto const first = plans.create_plan(s.community, 2027);
    CHECK_FALSE(published()); // a draft is not published
    plans.publish_plan(first.id, "{}", 2);
    auto const at_start = s.reload(s.kickoff).info.published_plan;
    REQUIRE(at_start);
    CHECK(at_start->year == 2027);
    CHECK(at_start->version == 1);
    CHECK(at_start->path == "/api/v1/public/communities/ct-dati/plans/2027?format=html");

    // A newer draft leaves it; once published, the newer one counts.
    auto const second = plans.create_plan(s.community, 2027);
    CHECK(published() == at_start);
    plans.publish_plan(second.id, "{}", 3);
    auto const now = published();
    REQUIRE(now);
    CHECK(now->version == 2);
}
