#include "support/store_fixture.hpp"
#include "support/temp_dir.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"

#include "tavolo/store/sql.hpp"
#include <catch2/catch.hpp>

using namespace tavolo;

namespace {

struct year_fixture {
    test::temp_dir dir;
    tavolo::store::sql::database db = store::open_database(dir / "t.db", test::new_store_options());
    store::plan_store s{db};
    store::plans p{db};
    std::int64_t community = 0, other = 0, meeting = 0;

    year_fixture() {
        community = s.create_community({0, "ct-dati", "Dati", ""});
        other = s.create_community({0, "ct-scuola", "Scuola", ""});
        store::meeting_row m;
        m.community_id = community;
        m.title = "Kick-off";
        m.scheduled_on = "2027-02-10";
        m.join_code = "ABCD2345";
        m.facilitator_secret_hash = "h";
        meeting = s.create_meeting(m);
        s.upsert_participant(
            {"p1", meeting, "Anna", "Comune di Lecce", "participant", 1, "", false});
        for (int i = 1; i <= 3; ++i) {
            store::contribution_row c;
            c.meeting_id = meeting;
            c.client_id = "c" + std::to_string(i);
            c.seq = i;
            c.participant_id = "p1";
            c.kind = "need";
            c.text = "Bisogno " + std::to_string(i);
            c.created_at = i;
            s.upsert_contribution(c);
        }
    }

    std::int64_t contribution_id(std::string const& client_id) {
        return db.execAndGet("SELECT id FROM contributions WHERE client_id = '" + client_id + "'")
            .getInt64();
    }

    store::objective_record objective(std::string id, std::int64_t in, std::string status,
                                      bool group, std::string start = "") {
        store::objective_record o;
        o.id = std::move(id);
        o.community_id = in;
        o.year = 2027;
        o.title = "Obiettivo " + o.id;
        o.status = std::move(status);
        o.needs_working_group = group;
        o.created_at = static_cast<std::int64_t>(o.id.size()) + 100;
        if (group) {
            store::working_group_row w;
            w.status = start.empty() ? "forming" : "enabled";
            w.start_date = start;
            o.working_group = w;
        }
        return o;
    }
};

} // namespace

TEST_CASE("an objective is saved and read back whole", "[store][plans]") {
    year_fixture f;
    store::objective_record o;
    o.id = "obj-1";
    o.community_id = f.community;
    o.meeting_id = f.meeting;
    o.year = 2027;
    o.title = "Catalogo dei dati";
    o.description = "Un catalogo condiviso; con 'apici' e \"virgolette\"";
    o.status = "approved";
    o.needs_working_group = true;
    o.start_month = "2027-07";
    o.end_month = "2027-12";
    o.owners = {"Comune di Lecce", "Regione"};
    o.created_by = "Mara";
    o.deliverable = {"Catalogo pubblicato", "2027-11", "in_progress", "", "", "", false};
    o.working_group = store::working_group_row{
        "enabled",
        "2027-07-01",
        {{"Anna", "Comune di Lecce", "p1", true, 5}, {"Bruno", "ASL", "", false, 6}}};
    f.p.save_objective(o);
    CHECK(f.p.link("obj-1", f.contribution_id("c2")));
    CHECK(f.p.link("obj-1", f.contribution_id("c1")));
    CHECK_FALSE(f.p.link("obj-1", f.contribution_id("c1"))); // already linked

    auto const back = f.p.objective("obj-1");
    REQUIRE(back);
    CHECK(back->community_slug == "ct-dati");
    CHECK(back->meeting_id == f.meeting);
    CHECK(back->title == o.title);
    CHECK(back->description == o.description);
    CHECK(back->status == "approved");
    CHECK(back->needs_working_group);
    CHECK(back->start_month == "2027-07");
    CHECK(back->end_month == "2027-12");
    CHECK(back->owners == o.owners);
    CHECK(back->created_by == "Mara");
    CHECK(back->deliverable.description == "Catalogo pubblicato");
    CHECK(back->deliverable.status == "in_progress");
    CHECK(back->deliverable.due_month == "2027-11");
    REQUIRE(back->working_group);
    CHECK(back->working_group->status == "enabled");
    CHECK(back->working_group->start_date == "2027-07-01");
    REQUIRE(back->working_group->members.size() == 2);
    CHECK(back->working_group->members[0].name == "Anna");
    CHECK(back->working_group->members[0].confirmed);
    CHECK(back->working_group->members[1].organization == "ASL");
    REQUIRE(back->contributions.size() == 2); // in link order, with their authors
    CHECK(back->contributions[0].client_id == "c2");
    CHECK(back->contributions[0].text == "Bisogno 2");
    CHECK(back->contributions[0].author_name == "Anna");
    CHECK(back->contributions[1].client_id == "c1");

    // An update replaces the fields and the group; the links stay.
    o.title = "Catalogo regionale dei dati";
    o.working_group.reset();
    o.needs_working_group = false;
    f.p.save_objective(o);
    CHECK(f.p.unlink("obj-1", f.contribution_id("c2")));
    CHECK_FALSE(f.p.unlink("obj-1", f.contribution_id("c2")));
    auto const again = f.p.objective("obj-1");
    CHECK(again->title == "Catalogo regionale dei dati");
    CHECK_FALSE(again->working_group);
    REQUIRE(again->contributions.size() == 1);
    CHECK(again->contributions[0].client_id == "c1");
    CHECK(f.db.execAndGet("SELECT COUNT(*) FROM working_group_members").getInt() == 0);

    CHECK_FALSE(f.p.objective("obj-none"));
    // The store's rules hold: a status it does not know, a community that is not there.
    o.status = "maybe";
    CHECK_THROWS_AS(f.p.save_objective(o), tavolo::store::sql::error);
    auto stray = f.objective("obj-2", 999, "draft", false);
    CHECK_THROWS_AS(f.p.save_objective(stray), tavolo::store::sql::error);
}

TEST_CASE("a year's summary counts approved objectives and enabled groups by month",
          "[store][plans]") {
    year_fixture f;
    f.p.save_objective(f.objective("a", f.community, "approved", true, "2027-07-01"));
    f.p.save_objective(f.objective("bb", f.community, "approved", true, "2027-07-15"));
    f.p.save_objective(f.objective("ccc", f.other, "approved", true, "2027-09-01"));
    f.p.save_objective(f.objective("dddd", f.other, "approved", true)); // forming
    f.p.save_objective(f.objective("eeeee", f.other, "approved", false));
    f.p.save_objective(f.objective("ffffff", f.community, "draft", true, "2027-07-01"));
    f.p.save_objective(f.objective("ggggggg", f.community, "dropped", true, "2027-07-01"));
    auto last = f.objective("hhhhhhhh", f.community, "approved", true, "2028-01-10");
    last.year = 2028;
    f.p.save_objective(last);

    auto const s = f.p.summarise(2027);
    CHECK(s.year == 2027);
    CHECK(s.communities == 2);
    CHECK(s.objectives == 5);
    CHECK(s.need_working_group == 4);
    CHECK(s.working_groups_enabled_by_month ==
          std::map<std::string, std::int64_t>{{"2027-07", 2}, {"2027-09", 1}});
    CHECK(f.p.summarise(2028).objectives == 1);
    CHECK(f.p.summarise(2029).communities == 0);

    // A community's objectives, by year or all, oldest first.
    auto const mine = f.p.objectives(f.community, 2027);
    REQUIRE(mine.size() == 4);
    CHECK(mine[0].id == "a");
    CHECK(mine[3].id == "ggggggg");
    CHECK(f.p.objectives(f.community).size() == 5);
    CHECK(f.p.objectives(f.other, 2027).size() == 3);
}

TEST_CASE("an objective promoted in a meeting belongs to the meeting's year", "[store][plans]") {
    year_fixture f;
    store::objective_row o;
    o.id = "obj-live";
    o.meeting_id = f.meeting;
    o.title = "Dal vivo";
    o.created_at = 1;
    o.contributions = {"c3"};
    f.s.create_objective(o);
    auto const back = f.p.objective("obj-live");
    REQUIRE(back);
    CHECK(back->year == 2027);
    CHECK(back->status == "draft");
    REQUIRE(back->contributions.size() == 1);
    CHECK(back->contributions[0].client_id == "c3");
}

TEST_CASE("plan versions: draft, shared through a link, published for good", "[store][plans]") {
    year_fixture f;
    auto const v1 = f.p.create_plan(f.community, 2027);
    CHECK(v1.version == 1);
    CHECK(v1.status == "draft");
    CHECK(v1.year == 2027);
    f.p.share_plan(v1.id, "hash-1");
    CHECK(f.p.plan_by_share_hash("hash-1")->status == "shared");
    f.p.share_plan(v1.id, "hash-2"); // a new link replaces the old one
    CHECK_FALSE(f.p.plan_by_share_hash("hash-1"));
    CHECK_FALSE(f.p.plan_by_share_hash(""));
    f.p.publish_plan(v1.id, R"({"objectives":[]})", 1234);

    auto const versions = f.p.plan_versions(f.community, 2027);
    REQUIRE(versions.size() == 1);
    CHECK(versions[0].status == "published");
    CHECK(versions[0].snapshot == R"({"objectives":[]})");
    CHECK(versions[0].published_at == 1234);
    CHECK(versions[0].shared_at > 0);
    // The store refuses any change to a published version, and its removal.
    CHECK_THROWS_AS(f.p.publish_plan(v1.id, "{}", 5), tavolo::store::sql::error);
    CHECK_THROWS_AS(f.p.share_plan(v1.id, "hash-3"), tavolo::store::sql::error);
    CHECK_THROWS_AS(f.db.exec("DELETE FROM plans"), tavolo::store::sql::error);
    CHECK(f.p.plan_versions(f.community, 2027)[0].snapshot == R"({"objectives":[]})");

    // A new version follows; other years and communities are apart.
    CHECK(f.p.create_plan(f.community, 2027).version == 2);
    CHECK(f.p.create_plan(f.community, 2028).version == 1);
    CHECK(f.p.create_plan(f.other, 2027).version == 1);
    auto const now = f.p.plan_versions(f.community, 2027);
    REQUIRE(now.size() == 2);
    CHECK(now[0].version == 2); // newest first
    CHECK(now[0].status == "draft");
    CHECK_THROWS_AS(f.p.share_plan(999, "h"), tavolo::store::sql::error);
}

TEST_CASE("published plans: the newest published version of each community and year",
          "[store][plans]") {
    year_fixture f;
    CHECK(f.p.published_plans().empty());
    auto const v1 = f.p.create_plan(f.community, 2027);
    CHECK(f.p.published_plans().empty()); // a draft is not public
    f.p.publish_plan(v1.id, R"({"objectives":[]})", 1000);
    auto const v2 = f.p.create_plan(f.community, 2027);
    f.p.publish_plan(v2.id, R"({"objectives":[]})", 2000);
    f.p.create_plan(f.community, 2027); // a third, still a draft
    f.p.publish_plan(f.p.create_plan(f.other, 2026).id, "{}", 3000);
    f.p.create_plan(f.other, 2028);

    auto const all = f.p.published_plans();
    REQUIRE(all.size() == 2);
    auto const& mine = all[0].community_id == f.community ? all[0] : all[1];
    auto const& theirs = all[0].community_id == f.community ? all[1] : all[0];
    CHECK(mine.year == 2027);
    CHECK(mine.version == 2);
    CHECK(mine.published_at == 2000);
    CHECK(mine.status == "published");
    CHECK(theirs.year == 2026);
    CHECK(theirs.published_at == 3000);
}

TEST_CASE("the search index follows every change of a contribution's text", "[store][plans]") {
    year_fixture f;
    auto search = [&](std::string q) {
        store::contribution_filter filter;
        filter.fts_query = std::move(q);
        return f.p.search_contributions(filter);
    };
    CHECK(search("\"bisogno\"*").total == 3);
    auto c = f.s.contributions_of(f.meeting)[0];
    c.text = "Servono più dati aperti sulla città";
    f.s.upsert_contribution(c);            // an edit
    CHECK(search("\"citta\"").total == 1); // accents removed in the index
    CHECK(search("\"bisogno\"*").total == 2);
    f.db.exec("DELETE FROM contributions WHERE client_id = 'c2'");
    CHECK(search("\"bisogno\"*").total == 1);

    // Filters and paging.
    store::contribution_filter filter;
    filter.meeting_id = f.meeting;
    filter.kind = "need";
    filter.limit = 1;
    auto const page = f.p.search_contributions(filter);
    CHECK(page.total == 2);
    REQUIRE(page.hits.size() == 1);
    CHECK(page.hits[0].contribution.author_name == "Anna");
    CHECK(page.hits[0].meeting_title == "Kick-off");
    filter.kind = "proposal";
    CHECK(f.p.search_contributions(filter).total == 0);
}

TEST_CASE("the contribution search shows each one's supports and sorts by them", "[store][plans]") {
    year_fixture f;
    f.s.upsert_participant({"p2", f.meeting, "Bruno", "ASL", "participant", 2, "", false});
    f.s.set_support({f.meeting, "p1", "c2", 1});
    f.s.set_support({f.meeting, "p2", "c2", 2});
    f.s.set_support({f.meeting, "p2", "c3", 1});
    auto order = [&](store::contribution_order o) {
        store::contribution_filter filter;
        filter.order = o;
        std::vector<std::pair<std::string, std::int64_t>> out;
        for (auto const& h : f.p.search_contributions(filter).hits)
            out.emplace_back(h.contribution.client_id, h.supports);
        return out;
    };
    using list = std::vector<std::pair<std::string, std::int64_t>>;
    CHECK(order(store::contribution_order::by_meeting) == list{{"c1", 0}, {"c2", 3}, {"c3", 1}});
    CHECK(order(store::contribution_order::by_supports) == list{{"c2", 3}, {"c3", 1}, {"c1", 0}});
    // Ties keep the meeting's order; the page is taken after sorting.
    f.s.set_support({f.meeting, "p1", "c1", 1});
    CHECK(order(store::contribution_order::by_supports) == list{{"c2", 3}, {"c1", 1}, {"c3", 1}});
    store::contribution_filter first;
    first.order = store::contribution_order::by_supports;
    first.limit = 1;
    first.offset = 1;
    auto const page = f.p.search_contributions(first);
    REQUIRE(page.hits.size() == 1);
    CHECK(page.hits[0].contribution.client_id == "c1");
}

TEST_CASE("community people and deliverable files", "[store][plans]") {
    year_fixture f;
    f.p.set_community_people(f.community, {{"Mara", "Regione", "referent"},
                                           {"Luca", "Comune di Lecce", "coordinator"},
                                           {"Anna", "ASL", "coordinator"}});
    auto const people = f.p.community_people(f.community);
    REQUIRE(people.size() == 3);
    CHECK(people[0].name == "Anna"); // coordinators first, by name
    CHECK(people[1].name == "Luca");
    CHECK(people[2].role == "referent");
    f.p.set_community_people(f.community, {{"Mara", "Regione", "coordinator"}}); // replaced
    CHECK(f.p.community_people(f.community).size() == 1);
    CHECK(f.p.community_people(f.other).empty());

    auto o = f.objective("obj-f", f.community, "approved", false);
    f.p.save_objective(o);
    CHECK_FALSE(f.p.deliverable_file("obj-f"));
    std::string const bytes("\0\1\2 file", 9);
    f.p.set_deliverable_file("obj-f", "a.pdf", "application/pdf", bytes);
    auto const file = f.p.deliverable_file("obj-f");
    REQUIRE(file);
    CHECK(file->bytes == bytes);
    CHECK(file->name == "a.pdf");
    CHECK(f.p.objective("obj-f")->deliverable.has_file);
    // An edit of the objective keeps its file.
    o.title = "Altro titolo";
    f.p.save_objective(o);
    CHECK(f.p.deliverable_file("obj-f")->bytes == bytes);
    CHECK_THROWS_AS(f.p.set_deliverable_file("obj-none", "a", "t", "x"), tavolo::store::sql::error);

    // Public only once in a published plan that holds it.
    CHECK_FALSE(f.p.in_published_plan("obj-f"));
    auto const plan = f.p.create_plan(f.community, 2027);
    f.p.publish_plan(plan.id, R"({"objectives":[{"id":"obj-other"}]})", 1);
    CHECK_FALSE(f.p.in_published_plan("obj-f"));
    auto const next = f.p.create_plan(f.community, 2027);
    f.p.publish_plan(next.id, R"({"objectives":[{"id":"obj-f"}]})", 2);
    CHECK(f.p.in_published_plan("obj-f"));

    f.p.set_deliverable_file("obj-f", "", "", "");
    CHECK_FALSE(f.p.deliverable_file("obj-f"));
}

TEST_CASE("a published version keeps its deliverable files as they were", "[store][plans]") {
    year_fixture f;
    f.p.save_objective(f.objective("obj-f", f.community, "approved", false));
    f.p.set_deliverable_file("obj-f", "v1.pdf", "application/pdf", "first bytes");
    CHECK_FALSE(f.p.published_file("obj-f")); // no published version yet
    auto const v1 = f.p.create_plan(f.community, 2027);
    f.p.publish_plan(v1.id, R"({"objectives":[{"id":"obj-f"}]})", 1);

    // Replaced after: the draft has the new file, the published version the old.
    f.p.set_deliverable_file("obj-f", "v2.pdf", "application/pdf", "second bytes");
    CHECK(f.p.deliverable_file("obj-f")->bytes == "second bytes");
    auto published = f.p.published_file("obj-f");
    REQUIRE(published);
    CHECK(published->bytes == "first bytes");
    CHECK(published->name == "v1.pdf");
    // Removed after: still there in the published version.
    f.p.set_deliverable_file("obj-f", "", "", "");
    CHECK(f.p.published_file("obj-f")->bytes == "first bytes");
    // The store itself refuses to change or remove a published file.
    CHECK_THROWS_AS(f.db.exec("UPDATE published_files SET name = 'other.pdf'"),
                    tavolo::store::sql::error);
    CHECK_THROWS_AS(f.db.exec("DELETE FROM published_files"), tavolo::store::sql::error);

    // The next version published without a file: none is public.
    auto const v2 = f.p.create_plan(f.community, 2027);
    f.p.publish_plan(v2.id, R"({"objectives":[{"id":"obj-f"}]})", 2);
    CHECK_FALSE(f.p.published_file("obj-f"));
    // And one with a new file: that one.
    f.p.set_deliverable_file("obj-f", "v3.pdf", "application/pdf", "third bytes");
    auto const v3 = f.p.create_plan(f.community, 2027);
    f.p.publish_plan(v3.id, R"({"objectives":[{"id":"obj-f"}]})", 3);
    CHECK(f.p.published_file("obj-f")->bytes == "third bytes");
}

TEST_CASE("a hidden, withdrawn or removed contribution leaves an objective's links",
          "[store][plans]") {
    year_fixture f;
    auto o = f.objective("obj-l", f.community, "approved", false);
    o.description = "Come detto: una mappa dei servizi per chi arriva in città.";
    f.p.save_objective(o);
    std::vector<std::int64_t> const ids{f.contribution_id("c1"), f.contribution_id("c2"),
                                        f.contribution_id("c3")};
    for (auto const id : ids)
        REQUIRE(f.p.link("obj-l", id));
    f.db.exec("UPDATE contributions SET text = 'Una mappa dei servizi per chi arriva' "
              "WHERE client_id = 'c1'");
    CHECK(f.p.objective("obj-l")->quotes_unavailable.empty()); // visible: may be quoted

    auto const ids_of = [&] {
        std::vector<std::int64_t> out;
        auto const back = f.p.objective("obj-l");
        for (auto const& c : back->contributions)
            out.push_back(c.id);
        return out;
    };
    f.db.exec("UPDATE contributions SET status = 'withdrawn' WHERE client_id = 'c1'");
    f.db.exec("UPDATE contributions SET status = 'hidden' WHERE client_id = 'c2'");
    CHECK_FALSE(f.p.contribution_available(ids[0]));
    CHECK_FALSE(f.p.contribution_available(ids[1]));
    CHECK(f.p.contribution_available(ids[2]));
    CHECK(ids_of() == std::vector<std::int64_t>{ids[2]});
    CHECK(f.p.objective("obj-l")->quotes_unavailable == std::vector<std::int64_t>{ids[0]});
    // Every read of objectives leaves them out: a year's list, a follow-up's plan.
    CHECK(f.p.objectives(f.community, 2027).at(0).contributions.size() == 1);

    // Restored (a hidden one shown again): back in its place.
    f.db.exec("UPDATE contributions SET status = 'visible' WHERE client_id = 'c2'");
    CHECK(ids_of() == std::vector<std::int64_t>{ids[1], ids[2]});
    // Its author removed from the meeting: out again.
    f.db.exec("UPDATE participants SET removed = 1 WHERE id = 'p1'");
    CHECK(ids_of().empty());
    CHECK_FALSE(f.p.contribution_available(ids[2]));
}
