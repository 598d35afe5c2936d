#include "tavolo/live/cluster_board.hpp"
#include "tavolo/live/protocol.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace tavolo::live;

namespace {

// Contributions c1..c9 exist and are visible, except those listed.
eligible_fn all_but(std::set<std::string> gone = {}) {
    return [gone = std::move(gone)](std::string const& id) {
        return id.size() == 2 && id[0] == 'c' && !gone.count(id);
    };
}

std::vector<std::string> const everyone{"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"};

proposed_group proposal(std::string title, std::vector<std::string> members) {
    return {.title = std::move(title),
            .keywords = {"kw"},
            .members = std::move(members),
            .cohesion = 0.4};
}

cluster_board first_run() {
    return apply_run({},
                     {proposal("Sanità", {"c1", "c2", "c3"}), proposal("Scuola", {"c4", "c5"}),
                      proposal("Mobilità", {"c6", "c7", "c8"})},
                     all_but());
}

cluster_board value(board_result r) {
    if (auto const* e = std::get_if<board_error>(&r))
        FAIL(std::string(e->code) + ": " + e->message);
    return std::get<cluster_board>(std::move(r));
}

std::string_view code(board_result const& r) {
    auto const* e = std::get_if<board_error>(&r);
    return e ? e->code : "";
}

std::string group_of(cluster_board const& b, std::string const& c) {
    for (auto const& g : b.groups)
        for (auto const& m : g.members)
            if (m == c)
                return g.id;
    return "";
}

} // namespace

TEST_CASE("a first run lays the proposed groups on the board with fresh ids", "[live][board]") {
    auto const b = first_run();
    REQUIRE(b.groups.size() == 3);
    CHECK(b.groups[0].id == "g1");
    CHECK(b.groups[0].title == "Sanità");
    CHECK(b.groups[2].id == "g3");
    CHECK(b.next_group == 4);
    CHECK(b.runs == 1);
    CHECK(b.pins.empty());
    CHECK(group_of(b, "c9").empty());
}

TEST_CASE("a proposal left with one member is dropped; gone contributions are left out",
          "[live][board]") {
    auto const b = apply_run({}, {proposal("A", {"c1", "c2"}), proposal("B", {"c3", "c4", "c5"})},
                             all_but({"c2", "c5"}));
    REQUIRE(b.groups.size() == 1);
    CHECK(b.groups[0].title == "B");
    CHECK(b.groups[0].members == std::vector<std::string>{"c3", "c4"});
}

TEST_CASE("pinned moves and renamed groups survive a new run", "[live][board]") {
    auto b = first_run();
    // c1 moved by hand to the school group; the mobility group renamed.
    b = value(move_contribution(b, "c1", "g2"));
    CHECK(group_of(b, "c1") == "g2");
    CHECK(b.pins.at("c1") == "g2");
    b = value(rename_group(b, "g3", "Trasporti e parcheggi"));
    CHECK(b.groups[2].renamed);

    // Only free contributions are regrouped: not c1 (pinned), not the
    // members of the group c1 was moved into (a group the facilitator
    // built), not the renamed group's members.
    std::vector<std::string> free;
    auto const fixed = fixed_contributions(b);
    for (auto const& id : everyone)
        if (!fixed.count(id))
            free.push_back(id);
    CHECK(free == std::vector<std::string>{"c2", "c3", "c9"});

    // The engine now proposes something else for the free ones, and even
    // names c1 and c6 (which are not free): they stay where they are.
    auto const again = apply_run(
        b, {proposal("Tutto insieme", {"c1", "c2", "c3", "c6", "c9"}), proposal("X", {"c4", "c5"})},
        all_but());
    CHECK(again.runs == 2);
    CHECK(group_of(again, "c1") == "g2");
    CHECK(again.pins.at("c1") == "g2");
    auto const* renamed = find_group(again, "g3");
    REQUIRE(renamed);
    CHECK(renamed->title == "Trasporti e parcheggi");
    CHECK(renamed->members == std::vector<std::string>{"c6", "c7", "c8"});
    // The group c1 was moved into is kept whole (c4 and c5 unpinned, as
    // they were); the free ones regrouped into a new group with a new id.
    auto const* school = find_group(again, "g2");
    REQUIRE(school);
    CHECK(school->members == std::vector<std::string>{"c4", "c5", "c1"});
    CHECK_FALSE(again.pins.count("c4"));
    CHECK(group_of(again, "c2") == group_of(again, "c9"));
    CHECK(group_of(again, "c2") == "g4");
    CHECK_FALSE(find_group(again, "g5"));
    CHECK_FALSE(find_group(again, "g1"));
}

TEST_CASE("a pin to no group keeps a contribution out on later runs", "[live][board]") {
    auto b = value(move_contribution(first_run(), "c2", ""));
    CHECK(group_of(b, "c2").empty());
    auto const again = apply_run(b, {proposal("A", {"c1", "c2", "c3"})}, all_but());
    CHECK(group_of(again, "c2").empty());
    CHECK(group_of(again, "c1") == group_of(again, "c3"));
}

TEST_CASE("a promoted group keeps its members on re-runs", "[live][board]") {
    auto b = first_run();
    b.groups[0].objective_id = "obj-1";
    auto const again = apply_run(b, {proposal("A", {"c1", "c4", "c5"})}, all_but());
    auto const* promoted = find_group(again, "g1");
    REQUIRE(promoted);
    CHECK(promoted->members == std::vector<std::string>{"c1", "c2", "c3"});
    CHECK(promoted->objective_id == "obj-1");
    CHECK(group_of(again, "c4") == group_of(again, "c5"));
}

TEST_CASE("merge moves every member into the kept group and pins them", "[live][board]") {
    auto const b = value(merge_groups(first_run(), "g1", {"g3"}));
    REQUIRE(b.groups.size() == 2);
    CHECK(find_group(b, "g1")->members ==
          std::vector<std::string>{"c1", "c2", "c3", "c6", "c7", "c8"});
    CHECK(b.pins.at("c7") == "g1");
    CHECK(code(merge_groups(b, "g1", {"g9"})) == errc::not_found);
    CHECK(code(merge_groups(b, "g9", {"g1"})) == errc::not_found);
    CHECK(code(merge_groups(b, "g1", {"g1"})) == errc::not_found);
    auto promoted = b;
    promoted.groups[1].objective_id = "obj-2";
    CHECK(code(merge_groups(promoted, "g1", {"g2"})) == errc::already_promoted);
}

TEST_CASE("split makes a new named group of some members", "[live][board]") {
    auto const b = value(split_group(first_run(), "g1", {"c3"}, "Farmacie"));
    auto const& fresh = b.groups.back();
    CHECK(fresh.id == "g4");
    CHECK(fresh.title == "Farmacie");
    CHECK(fresh.renamed);
    CHECK(fresh.members == std::vector<std::string>{"c3"});
    CHECK(find_group(b, "g1")->members == std::vector<std::string>{"c1", "c2"});
    CHECK(b.pins.at("c3") == "g4");
    CHECK(code(split_group(b, "g1", {"c1", "c2"}, "t")) == errc::no_change);
    CHECK(code(split_group(b, "g1", {"c7"}, "t")) == errc::not_found);
    CHECK(code(split_group(b, "g8", {"c1"}, "t")) == errc::not_found);
}

TEST_CASE("moves and renames refuse what does not change or does not exist", "[live][board]") {
    auto const b = value(move_contribution(first_run(), "c1", "g2"));
    CHECK(code(move_contribution(b, "c1", "g2")) == errc::no_change);
    CHECK(code(move_contribution(b, "c1", "g7")) == errc::not_found);
    CHECK(code(rename_group(b, "g7", "x")) == errc::not_found);
    auto const renamed = value(rename_group(b, "g2", "Scuole"));
    CHECK(code(rename_group(renamed, "g2", "Scuole")) == errc::no_change);
    // Moving the last member out of a group removes the group and any pin
    // that pointed at it.
    auto emptied = value(move_contribution(first_run(), "c4", "g1"));
    emptied = value(move_contribution(emptied, "c5", "g1"));
    CHECK_FALSE(find_group(emptied, "g2"));
    CHECK(find_group(emptied, "g1")->members.size() == 5);
}

TEST_CASE("renaming a group to the title it has changes nothing, and does not keep it",
          "[live][board]") {
    auto const b = first_run();
    // "Scuola" is the engine's title: the facilitator did not choose one.
    auto const same = rename_group(b, "g2", "Scuola");
    CHECK(code(same) == errc::no_change);
    // Any other title is a rename, and the group is kept from then on.
    auto const renamed = value(rename_group(b, "g2", "Scuola e formazione"));
    CHECK(find_group(renamed, "g2")->renamed);
}

TEST_CASE("a run is told which contributions are fixed, and in which group", "[live][board]") {
    auto b = value(move_contribution(first_run(), "c1", "g2"));
    b = value(move_contribution(b, "c9", ""));
    b = value(rename_group(b, "g3", "Trasporti"));
    auto const fixed = fixed_contributions(b);
    // c1 was moved into g2: g2's other members (c4, c5) stay with it.
    CHECK(fixed == std::map<std::string, std::string>{{"c1", "g2"},
                                                      {"c4", "g2"},
                                                      {"c5", "g2"},
                                                      {"c6", "g3"},
                                                      {"c7", "g3"},
                                                      {"c8", "g3"},
                                                      {"c9", ""}});
}

TEST_CASE("what the engine draws to a fixed group joins it unpinned, with a fresh summary",
          "[live][board]") {
    // c1 pinned into the school group, which keeps c4 and c5; the engine
    // draws c9 to it.
    auto const b = value(move_contribution(first_run(), "c1", "g2"));
    auto drawn = proposal("Scuola e sanità", {"c4", "c5", "c1", "c9"});
    drawn.anchor = "g2";
    auto const again = apply_run(b, {drawn, proposal("Resto", {"c2", "c3"})}, all_but());
    auto const* school = find_group(again, "g2");
    REQUIRE(school);
    CHECK(school->members == std::vector<std::string>{"c4", "c5", "c1", "c9"});
    CHECK(school->title == "Scuola e sanità"); // its members changed: the engine's summary
    CHECK(again.pins == std::map<std::string, std::string>{{"c1", "g2"}});
    CHECK(group_of(again, "c2") == "g4");
    CHECK(again.next_group == 5);

    // The same members as before: the title stays, run after run.
    auto same = proposal("Altro titolo", {"c4", "c5", "c1", "c9"});
    same.anchor = "g2";
    auto const third = apply_run(again, {same}, all_but());
    CHECK(find_group(third, "g2")->title == "Scuola e sanità");
}

TEST_CASE("a renamed group draws members and keeps its title; a gone anchor is a new group",
          "[live][board]") {
    auto const b = value(rename_group(first_run(), "g3", "Trasporti"));
    auto drawn = proposal("Mobilità e altro", {"c6", "c7", "c8", "c9"});
    drawn.anchor = "g3";
    auto lost = proposal("Orfani", {"c4", "c5"});
    lost.anchor = "g42";
    auto const again = apply_run(b, {drawn, lost}, all_but());
    auto const* transport = find_group(again, "g3");
    REQUIRE(transport);
    CHECK(transport->members == std::vector<std::string>{"c6", "c7", "c8", "c9"});
    CHECK(transport->title == "Trasporti");
    CHECK(again.pins.empty());
    CHECK(group_of(again, "c4") == group_of(again, "c5"));
    CHECK(find_group(again, group_of(again, "c4"))->title == "Orfani");
}

TEST_CASE("a group whose members change is summarized again, unless a facilitator named it",
          "[live][board]") {
    std::vector<std::vector<std::string>> asked;
    summarize_fn const summarize = [&](std::vector<std::string> const& members) {
        asked.push_back(members);
        std::string title;
        for (auto const& m : members)
            title += m;
        return std::optional<group_summary>{
            group_summary{.title = title, .keywords = {members.front()}, .cohesion = 0.25}};
    };
    auto const before = value(rename_group(first_run(), "g3", "Trasporti"));
    auto const moved = value(move_contribution(before, "c6", "g1"));
    auto const after = refresh_summaries(before, moved, summarize);
    CHECK(find_group(after, "g1")->title == "c1c2c3c6");
    CHECK(find_group(after, "g1")->keywords == std::vector<std::string>{"c1"});
    CHECK(find_group(after, "g1")->cohesion == 0.25);
    CHECK(find_group(after, "g3")->title == "Trasporti"); // named: kept
    CHECK(find_group(after, "g2")->title == "Scuola");    // unchanged members
    CHECK(asked.size() == 1);

    // A run where the pinned-to group keeps only its pinned member (its
    // others were hidden meanwhile), and the engine did not summarize it:
    // summarized from that member.
    asked.clear();
    auto const pinned = value(move_contribution(first_run(), "c1", "g2"));
    auto const rerun = apply_run(pinned, {proposal("Altro", {"c2", "c3", "c9"})},
                                 all_but({"c4", "c5"}), summarize);
    REQUIRE(find_group(rerun, "g2"));
    CHECK(find_group(rerun, "g2")->members == std::vector<std::string>{"c1"});
    CHECK(find_group(rerun, "g2")->title == "c1");
    CHECK(asked == std::vector<std::vector<std::string>>{{"c1"}});
}
