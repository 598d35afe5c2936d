// The store's lookups by key (lookups.cpp): what the API asks instead of
// scanning every meeting or writing its own SQL.
#include "support/store_fixture.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"

#include <catch2/catch.hpp>

using namespace tavolo;

namespace {

struct two_communities : test::store_fixture {
    store::plan_store& s = store;
    std::int64_t dati = add_community("ct-dati", "Dati");
    std::int64_t sanita = add_community("ct-sanita", "Sanità", "Cartella unica");
    std::int64_t empty = add_community("ct-vuota", "Vuota");

    std::int64_t meeting(std::int64_t community, std::string code, std::string title) {
        store::meeting_row m;
        m.community_id = community;
        m.kind = "followup";
        m.title = std::move(title);
        m.scheduled_on = "2027-02-10";
        m.join_code = std::move(code);
        m.facilitator_secret_hash = "h";
        m.anonymous = true;
        return s.create_meeting(m);
    }
};

} // namespace

TEST_CASE("a meeting is found by its id and by its join code", "[store][lookups]") {
    two_communities f;
    auto const first = f.meeting(f.dati, "ABCD2345", "Kick-off");
    auto const second = f.meeting(f.sanita, "WXYZ6789", "Follow-up");

    auto const by_id = f.s.find_meeting(second);
    REQUIRE(by_id);
    CHECK(by_id->id == second);
    CHECK(by_id->title == "Follow-up");
    CHECK(by_id->community_id == f.sanita);
    CHECK(by_id->community_name == "Sanità");
    CHECK(by_id->kind == "followup");
    CHECK(by_id->join_code == "WXYZ6789");
    CHECK(by_id->anonymous);
    CHECK_FALSE(f.s.find_meeting(second + 1));
    CHECK_FALSE(f.s.find_meeting(0));

    auto const by_code = f.s.find_meeting_by_join_code("ABCD2345");
    REQUIRE(by_code);
    CHECK(by_code->id == first);
    CHECK(by_code->title == "Kick-off");
    CHECK_FALSE(f.s.find_meeting_by_join_code("ABCD2346"));
    CHECK_FALSE(f.s.find_meeting_by_join_code(""));
    // The row is the one meetings() gives.
    CHECK(f.s.meetings().at(1).title == by_id->title);
}

TEST_CASE("a community's meetings and the meeting count of each", "[store][lookups]") {
    two_communities f;
    auto const a = f.meeting(f.dati, "AAAA2222", "Primo");
    f.meeting(f.sanita, "BBBB3333", "Altro");
    auto const b = f.meeting(f.dati, "CCCC4444", "Secondo");

    auto const of_dati = f.s.meetings_of_community(f.dati);
    REQUIRE(of_dati.size() == 2);
    CHECK(of_dati[0].id == a); // oldest first
    CHECK(of_dati[1].id == b);
    CHECK(f.s.meetings_of_community(f.empty).empty());

    auto const counts = f.s.meeting_counts();
    CHECK(counts.at(f.dati) == 2);
    CHECK(counts.at(f.sanita) == 1);
    CHECK(counts.count(f.empty) == 0);
}

TEST_CASE("a community is found by its id", "[store][lookups]") {
    two_communities f;
    auto const c = f.s.find_community_by_id(f.sanita);
    REQUIRE(c);
    CHECK(c->slug == "ct-sanita");
    CHECK(c->name == "Sanità");
    CHECK(c->description == "Cartella unica");
    CHECK_FALSE(f.s.find_community_by_id(f.empty + 1));
}

TEST_CASE("a contribution belongs to the community of its meeting", "[store][lookups]") {
    two_communities f;
    auto const meeting = f.meeting(f.sanita, "ABCD2345", "Kick-off");
    f.add_contribution(meeting, "c1", 1, "Cartella unica");
    store::contribution_filter all;
    all.meeting_id = meeting;
    auto const page = f.s.plans().search_contributions(all);
    REQUIRE(page.hits.size() == 1);
    auto const id = page.hits[0].contribution.id;

    CHECK(f.s.plans().contribution_in_community(id, f.sanita));
    CHECK_FALSE(f.s.plans().contribution_in_community(id, f.dati));
    CHECK_FALSE(f.s.plans().contribution_in_community(id + 1, f.sanita));
}

// The connection stays inside the store: callers ask for named queries
// (issue 17; a second backend needs every statement in server/store).
template <typename T>
concept exposes_connection = requires(T& s) {
    s.database();
};
static_assert(!exposes_connection<store::plan_store>,
              "plan_store must not hand out its SQLite connection");
