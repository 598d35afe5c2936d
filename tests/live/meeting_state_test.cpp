// meeting_state: a meeting as data, built from the store's snapshot and
// changed only by apply(meeting_change), as the room applies each change
// once durable.
#include "tavolo/live/meeting_state.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::live;

namespace {

contribution written(std::string id, std::string by, std::int64_t seq) {
    contribution c;
    c.id = std::move(id);
    c.meeting_id = 7;
    c.seq = seq;
    c.text = "Testo " + c.id;
    c.participant_id = std::move(by);
    return c;
}

participant person(std::string id, std::string name) {
    participant p;
    p.id = std::move(id);
    p.meeting_id = 7;
    p.name = std::move(name);
    return p;
}

plan_item objective_with_group(std::string id) {
    plan_item i;
    i.objective_id = std::move(id);
    i.title = "Obiettivo";
    i.needs_working_group = true;
    return i;
}

meeting_snapshot snapshot() {
    meeting_snapshot s;
    s.info.id = 7;
    s.info.title = "Kick-off";
    s.info.phase = meeting_phase::vote;
    s.info.settings.support_budget = 5;
    s.contributions = {written("c1", "anna", 2), written("c2", "bruno", 3)};
    s.participants = {person("anna", "Anna"), person("bruno", "Bruno")};
    s.supports = {{"anna", "c2", 2}, {"bruno", "c1", 1}, {"bruno", "c2", 1}};
    s.board.groups.push_back({"g1", "Sanità", {}, {"c1", "c2"}, 0.5, false, ""});
    s.board.next_group = 2;
    s.objectives.push_back(objective{.id = "obj-1",
                                     .meeting_id = 7,
                                     .group_id = "g1",
                                     .title = "Sanità",
                                     .description = "",
                                     .contributions = {"c1"},
                                     .created_by = "fabia",
                                     .created_at_ms = 10,
                                     .supports = 0,
                                     .contribution_supports = {{"c1", 0}}});
    s.plan = {objective_with_group("obj-a")};
    s.last_seq = 5;
    return s;
}

} // namespace

TEST_CASE("a meeting's state starts as the store's snapshot", "[live][state]") {
    meeting_state const s(snapshot());
    CHECK(s.info().title == "Kick-off");
    CHECK(s.last_seq() == 5);
    REQUIRE(s.contributions().size() == 2);
    CHECK(s.contributions()[0].id == "c1"); // in seq order, as the store gave them
    REQUIRE(s.find("c2"));
    CHECK(s.find("c2")->participant_id == "bruno");
    CHECK_FALSE(s.find("c9"));
    REQUIRE(s.find_participant("anna"));
    CHECK(s.find_participant("anna")->name == "Anna");
    CHECK_FALSE(s.find_participant("carla"));
    CHECK(s.board().groups.at(0).members.size() == 2);
    CHECK(s.objectives().at(0).id == "obj-1");
    CHECK(s.plan().at(0).objective_id == "obj-a");

    SECTION("supports are counted per contribution, per participant and in total") {
        CHECK(s.supports_of("c1") == 1);
        CHECK(s.supports_of("c2") == 3);
        CHECK(s.supports_of("c9") == 0);
        CHECK(s.supports_given("bruno") == 2);
        CHECK(s.supports_given("anna") == 2);
        CHECK(s.supports_given("carla") == 0);
        CHECK(s.support_count("anna", "c2") == 2);
        CHECK(s.support_count("anna", "c1") == 0);
        CHECK(s.supports_by("bruno") == std::map<std::string, std::int64_t>{{"c1", 1}, {"c2", 1}});
        CHECK(s.supporters_of("c2") ==
              std::map<std::string, std::int64_t>{{"anna", 2}, {"bruno", 1}});
        CHECK(s.supporters_of("c9").empty());
    }
}

TEST_CASE("a change replaces whole rows and keeps their order", "[live][state]") {
    meeting_state s(snapshot());
    meeting_change change;
    change.seq = 6;
    auto edited = *s.find("c1");
    edited.text = "Nuovo testo";
    edited.edited = true;
    change.contributions = {edited, written("c3", "carla", 6)};
    change.participants = {person("carla", "Carla")};
    s.apply(change);

    CHECK(s.last_seq() == 6);
    REQUIRE(s.contributions().size() == 3); // c1 replaced, not added again
    CHECK(s.contributions()[0].text == "Nuovo testo");
    CHECK(s.contributions()[0].edited);
    CHECK(s.contributions()[2].id == "c3");
    CHECK(s.find("c3")->participant_id == "carla");
    CHECK(s.find_participant("carla"));
    CHECK(s.participants().size() == 3);

    SECTION("a participant removed is the same row, marked") {
        auto removed = *s.find_participant("bruno");
        removed.removed = true;
        meeting_change removal;
        removal.seq = 7;
        removal.participants = {removed};
        s.apply(removal);
        CHECK(s.participants().size() == 3);
        CHECK(s.find_participant("bruno")->removed);
    }
    SECTION("what a change leaves out stays as it was") {
        meeting_change nothing;
        nothing.seq = 7;
        s.apply(nothing);
        CHECK(s.info().title == "Kick-off");
        CHECK(s.board().groups.size() == 1);
        CHECK(s.plan().size() == 1);
        CHECK(s.supports_of("c2") == 3);
    }
    SECTION("a change without an event does not move the seq back") {
        s.apply(meeting_change{});
        CHECK(s.last_seq() == 6);
    }
}

TEST_CASE("supports are absolute counts; zero takes them back", "[live][state]") {
    meeting_state s(snapshot());
    meeting_change change;
    change.seq = 6;
    change.supports = {{"anna", "c2", 1}, {"anna", "c1", 3}};
    s.apply(change);
    CHECK(s.support_count("anna", "c2") == 1);
    CHECK(s.support_count("anna", "c1") == 3);
    CHECK(s.supports_given("anna") == 4);
    CHECK(s.supports_of("c1") == 4);

    change.seq = 7;
    change.supports = {{"anna", "c1", 0}, {"anna", "c2", 0}};
    s.apply(change);
    CHECK(s.supports_given("anna") == 0);
    CHECK(s.supports_by("anna").empty());
    CHECK(s.supporters_of("c2") == std::map<std::string, std::int64_t>{{"bruno", 1}});
}

TEST_CASE("the meeting, its board, objectives and plan change as a change says", "[live][state]") {
    meeting_state s(snapshot());
    meeting_change change;
    change.seq = 6;
    meeting_info info = s.info();
    info.phase = meeting_phase::plan;
    info.locked = true;
    change.info = info;
    cluster_board board;
    board.groups.push_back({"g2", "Scuola", {}, {"c2"}, 0, true, ""});
    change.board = board;
    change.objectives.push_back(objective{.id = "obj-2",
                                          .meeting_id = 7,
                                          .group_id = "g2",
                                          .title = "Scuola",
                                          .description = "",
                                          .contributions = {"c2"},
                                          .created_by = "fabia",
                                          .created_at_ms = 20,
                                          .supports = 0,
                                          .contribution_supports = {{"c2", 0}}});
    s.apply(change);
    CHECK(s.info().phase == meeting_phase::plan);
    CHECK(s.info().locked);
    REQUIRE(s.board().groups.size() == 1); // the whole board replaced
    CHECK(s.board().groups[0].id == "g2");
    REQUIRE(s.objectives().size() == 2); // objectives are added
    CHECK(s.objectives()[1].id == "obj-2");

    SECTION("a plan read again replaces the plan, then the group changes apply to it") {
        meeting_change reread;
        reread.seq = 7;
        reread.plan =
            std::vector<plan_item>{objective_with_group("obj-a"), objective_with_group("obj-b")};
        group_change join;
        join.objective_id = "obj-b";
        join.member = {"Anna", "Comune di Lecce", "anna", false, 30};
        reread.groups.push_back(join);
        s.apply(reread);
        REQUIRE(s.plan().size() == 2);
        CHECK(s.plan()[0].members.empty());
        REQUIRE(s.plan()[1].members.size() == 1);
        CHECK(s.plan()[1].members[0].name == "Anna");
    }
}
