// working_groups: a follow-up plan's working groups changed by deltas, so a
// live meeting and a coordinator editing the same group never undo each
// other's work.
#include "tavolo/live/working_groups.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::live;
namespace live = tavolo::live; // live::apply, not std::apply found by argument lookup

namespace {

plan_item entry(std::string id, bool needs_group = true) {
    plan_item i;
    i.objective_id = std::move(id);
    i.title = "Obiettivo " + i.objective_id;
    i.needs_working_group = needs_group;
    return i;
}

group_change joining(std::string objective, std::string name, std::string body) {
    group_change c;
    c.what = group_change::action::join;
    c.objective_id = std::move(objective);
    c.member = {std::move(name), std::move(body), "p-" + c.objective_id, false, 100};
    return c;
}

group_change leaving(std::string objective, std::string name, std::string body) {
    auto c = joining(std::move(objective), std::move(name), std::move(body));
    c.what = group_change::action::leave;
    c.member.participant_id.clear(); // a coordinator removing someone through the API
    return c;
}

group_change status(std::string objective, group_status s, std::string date = "") {
    group_change c;
    c.what = group_change::action::status;
    c.objective_id = std::move(objective);
    c.status = s;
    c.start_date = std::move(date);
    return c;
}

} // namespace

TEST_CASE("finding an objective and a member of its group", "[live][working_groups]") {
    std::vector<plan_item> plan{entry("obj-a"), entry("obj-b", false)};
    REQUIRE(find_item(plan, "obj-b"));
    CHECK(find_item(plan, "obj-b")->title == "Obiettivo obj-b");
    CHECK_FALSE(find_item(plan, "obj-z"));
    CHECK_FALSE(find_item({}, "obj-a"));

    live::apply(plan, joining("obj-a", "Anna", "Comune di Lecce"));
    auto const& item = *find_item(plan, "obj-a");
    REQUIRE(find_member(item, "Anna", "Comune di Lecce"));
    CHECK(find_member(item, "Anna", "Comune di Lecce")->joined_at_ms == 100);
    // A member is a name and a body: the same name for another body is
    // another person.
    CHECK_FALSE(find_member(item, "Anna", "Comune di Bari"));
    CHECK_FALSE(find_member(item, "Bruno", "Comune di Lecce"));
}

TEST_CASE("joins and leaves are deltas, each idempotent", "[live][working_groups]") {
    std::vector<plan_item> plan{entry("obj-a"), entry("obj-b")};
    live::apply(plan, joining("obj-a", "Anna", "Comune di Lecce"));
    live::apply(plan, joining("obj-a", "Anna", "Comune di Lecce")); // a retry adds nobody
    live::apply(plan, joining("obj-a", "Bruno", "ASL Lecce"));
    REQUIRE(plan[0].members.size() == 2);
    CHECK(plan[0].members[0].name == "Anna"); // in joining order
    CHECK(plan[0].members[1].name == "Bruno");
    CHECK(plan[1].members.empty()); // other groups untouched

    // Leaving finds the member by name and body, whoever removes them.
    live::apply(plan, leaving("obj-a", "Anna", "Comune di Lecce"));
    live::apply(plan, leaving("obj-a", "Anna", "Comune di Lecce"));
    REQUIRE(plan[0].members.size() == 1);
    CHECK(plan[0].members[0].name == "Bruno");

    SECTION("a change to an objective not in the plan does nothing") {
        auto const before = plan;
        live::apply(plan, joining("obj-z", "Carla", "Regione"));
        live::apply(plan, status("obj-z", group_status::enabled, "2027-09-01"));
        CHECK(plan == before);
    }
}

TEST_CASE("a group's status confirms its members and keeps a start date only when enabled",
          "[live][working_groups]") {
    std::vector<plan_item> plan{entry("obj-a")};
    live::apply(plan, joining("obj-a", "Anna", "Comune di Lecce"));
    live::apply(plan, status("obj-a", group_status::composed, "2027-09-01"));
    CHECK(plan[0].group_status == group_status::composed);
    CHECK(plan[0].members[0].confirmed);
    CHECK(plan[0].start_date.empty());

    // Someone added after the composition was confirmed is not confirmed.
    live::apply(plan, joining("obj-a", "Bruno", "ASL Lecce"));
    CHECK_FALSE(plan[0].members[1].confirmed);

    live::apply(plan, status("obj-a", group_status::enabled, "2027-09-01"));
    CHECK(plan[0].group_status == group_status::enabled);
    CHECK(plan[0].start_date == "2027-09-01");
    CHECK(plan[0].members[1].confirmed); // everyone in the group now

    live::apply(plan, status("obj-a", group_status::forming, "2027-09-01"));
    CHECK(plan[0].group_status == group_status::forming);
    CHECK(plan[0].start_date.empty());
    CHECK_FALSE(plan[0].members[0].confirmed);
    CHECK_FALSE(plan[0].members[1].confirmed);
}
