#include "bodies.hpp"

#include <catch2/catch.hpp>

using namespace tavolo;
using namespace tavolo::api;

namespace {

// The message of the refusal `f` throws ("" when it passes).
template <typename F> std::string refused(F&& f) {
    try {
        f();
    } catch (refusal const& r) {
        CHECK(r.status == 400);
        CHECK(r.code == "bad_request");
        return r.message;
    }
    return "";
}

std::string const rlo = "\xE2\x80\xAE"; // U+202E

} // namespace

TEST_CASE("an objective's body is trimmed and checked field by field", "[api][bodies]") {
    store::objective_record o;
    o.title = "Vecchio";
    apply_objective_fields(o,
                           {{"title", "  Mappa dei servizi "},
                            {"description", "prima riga\n\tseconda"},
                            {"year", 2028},
                            {"start_month", "2028-02"},
                            {"owners", {" ASL ", "Comune"}},
                            {"deliverable", {{"due_month", "2028-12"}, {"status", "in_progress"}}}},
                           false);
    CHECK(o.title == "Mappa dei servizi");
    CHECK(o.description == "prima riga\n\tseconda");
    CHECK(o.year == 2028);
    CHECK(o.owners == std::vector<std::string>{"ASL", "Comune"});
    CHECK(o.deliverable.due_month == "2028-12");
    CHECK(o.deliverable.status == "in_progress");

    // A PATCH leaves the fields it does not name; a new one needs its title.
    apply_objective_fields(o, {{"year", 2029}}, false);
    CHECK(o.title == "Mappa dei servizi");
    CHECK(refused([] {
              store::objective_record fresh;
              apply_objective_fields(fresh, {{"year", 2029}}, true);
          }) == "a new objective needs its 'title'");

    auto const why = [&](json const& body) {
        auto copy = o;
        return refused([&] { apply_objective_fields(copy, body, false); });
    };
    CHECK(why({{"colour", "blu"}}) == "field 'colour' is not known");
    CHECK(why({{"deliverable", {{"due", "2028-01"}}}}) == "field 'deliverable.due' is not known");
    CHECK(why({{"year", "2028"}}) == "field 'year' must be an integer from 2000 to 2100");
    CHECK(why({{"year", 2028.5}}) == "field 'year' must be an integer from 2000 to 2100");
    CHECK(why({{"needs_working_group", "yes"}}) ==
          "field 'needs_working_group' must be true or false");
    CHECK(why({{"title", "Mappa" + rlo}}) ==
          "field 'title' holds bidirectional control characters");
    CHECK(why({{"title", "riga\nseconda"}}) == "field 'title' holds control characters");
    CHECK(why({{"title", std::string(201, 'x')}}) ==
          "field 'title' has 201 characters, at most 200 allowed");
    CHECK(why({{"start_month", "2028-13"}}) == "field 'start_month' must be a month YYYY-MM");
    CHECK(why({{"end_month", "2027-12"}}) == "field 'end_month' is before 'start_month'");
    CHECK(why({{"owners", json::array({"ASL", 3})}}) == "field 'owners[1]' must be a string");
    CHECK(why({{"deliverable", {{"link", "ftp://x"}}}}) ==
          "field 'deliverable.link' must start with https:// or http://");
    CHECK(why({{"deliverable", "presto"}}) == "field 'deliverable' must be a JSON object");
    CHECK(why(json::array()) == "the body must be a JSON object");
}

TEST_CASE("a working group's body: real dates, typed members", "[api][bodies]") {
    auto const group = working_group_from(
        {{"status", "composed"},
         {"start_date", "2028-02-29"},
         {"members",
          {{{"name", " Ada "}, {"organization", "ASL"}},
           {{"name", "Bruno"}, {"organization", "Comune"}, {"confirmed", false}}}}});
    CHECK(group.status == "composed");
    CHECK(group.start_date == "2028-02-29");
    REQUIRE(group.members.size() == 2);
    CHECK(group.members[0].name == "Ada");
    CHECK(group.members[0].confirmed); // composed: confirmed unless said
    CHECK_FALSE(group.members[1].confirmed);
    CHECK(working_group_from({{"start_date", ""}}).start_date.empty());

    auto const why = [](json const& body) { return refused([&] { working_group_from(body); }); };
    CHECK(why({{"members", {{{"name", "Ada"}, {"organization", "ASL"}, {"confirmed", "yes"}}}}}) ==
          "field 'members[0].confirmed' must be true or false");
    CHECK(why({{"start_date", "2027-02-31"}}) == "field 'start_date' must be a date YYYY-MM-DD");
    CHECK(why({{"start_date", "2027-02-29"}}) == "field 'start_date' must be a date YYYY-MM-DD");
    CHECK(why({{"status", "enabled"}}) == "an enabled working group needs its 'start_date'");
    CHECK(why({{"status", "done"}}) == "field 'status' must be forming, composed or enabled");
    CHECK(why({{"members", {{{"name", "Ada"}, {"organization", "ASL"}, {"role", "lead"}}}}}) ==
          "field 'members[0].role' is not known");
    CHECK(why({{"members", json::array({"Ada"})}}) == "field 'members[0]' must be a JSON object");
    CHECK(why({{"members",
                {{{"name", "Ada"}, {"organization", "ASL"}},
                 {{"name", "Ada "}, {"organization", " ASL"}}}}}) ==
          "'Ada' of 'ASL' is listed twice");
}

TEST_CASE("a meeting's start time and duration", "[api][bodies]") {
    auto const all_day = meeting_from({{"title", "K"}, {"scheduled_on", "2027-02-10"}}, 1);
    CHECK(all_day.starts_at.empty());
    CHECK(all_day.duration_minutes == 120);
    auto const timed = meeting_from({{"title", "K"},
                                     {"scheduled_on", "2027-02-10"},
                                     {"starts_at", " 09:30 "},
                                     {"duration_minutes", 90}},
                                    1);
    CHECK(timed.starts_at == "09:30");
    CHECK(timed.duration_minutes == 90);
    auto const why = [](json extra) {
        json body{{"title", "K"}, {"scheduled_on", "2027-02-10"}};
        body.update(extra);
        return refused([&] { meeting_from(body, 1); });
    };
    CHECK(why({{"starts_at", "24:00"}}) ==
          "field 'starts_at' must be a time HH:MM from 00:00 to 23:59 (Europe/Rome), or empty "
          "for all day");
    CHECK(why({{"starts_at", "9:30"}}).find("field 'starts_at' must be a time") == 0);
    CHECK(why({{"starts_at", 930}}) == "field 'starts_at' must be a string");
    CHECK(why({{"duration_minutes", 4}}).find("field 'duration_minutes'") == 0);
    CHECK(why({{"duration_minutes", 1441}}).find("field 'duration_minutes'") == 0);
    CHECK(why({{"duration_minutes", 1.5}}).find("field 'duration_minutes'") == 0);

    // A PATCH of the schedule: what it names changes, the rest stays.
    auto const moved = rescheduled(timed, {{"starts_at", "18:00"}});
    CHECK(moved.starts_at == "18:00");
    CHECK(moved.scheduled_on == "2027-02-10");
    CHECK(moved.duration_minutes == 90);
    CHECK(rescheduled(timed, {{"starts_at", ""}}).starts_at.empty());
    CHECK(rescheduled(timed, {{"scheduled_on", "2027-03-01"}}).scheduled_on == "2027-03-01");
    CHECK(refused([&] {
              rescheduled(timed, {{"title", "Nuovo"}});
          }) == "field 'title' is not known");
    CHECK(refused([&] {
              rescheduled(timed, {{"scheduled_on", ""}});
          }).find("field 'scheduled_on'") == 0);
}

TEST_CASE("community, people and meeting bodies", "[api][bodies]") {
    auto const c = community_from({{"slug", "ct-dati"}, {"name", " Dati aperti "}});
    CHECK(c.name == "Dati aperti");
    CHECK(refused([] {
              community_from({{"slug", "CT"}, {"name", "X"}});
          }).find("field 'slug' must be lower-case") == 0);

    auto const people =
        people_from({{"coordinators", {{{"name", "Luca"}, {"organization", "Comune"}}}},
                     {"referents", {{{"name", "Ada"}}}}});
    REQUIRE(people.size() == 2);
    CHECK(people[1].role == "referent");
    CHECK(people[1].organization.empty());
    CHECK(refused([] {
              people_from({{"referents", {{{"name", "Ada"}, {"email", "a@b"}}}}});
          }) == "field 'referents[0].email' is not known");
    CHECK(refused([] {
              people_from({{"observers", json::array()}});
          }) == "field 'observers' is not known");

    auto const m = meeting_from(
        {{"title", " Kick-off "}, {"scheduled_on", "2028-02-29"}, {"anonymous", true}}, 7);
    CHECK(m.title == "Kick-off");
    CHECK(m.kind == "kickoff");
    CHECK(m.community_id == 7);
    CHECK(m.anonymous);
    CHECK(m.phase == "lobby");
    auto const why = [](json const& body) { return refused([&] { meeting_from(body, 1); }); };
    CHECK(why({{"title", "K"}}) == "field 'scheduled_on' is missing: a meeting needs its date");
    CHECK(why({{"title", "K"}, {"scheduled_on", "2027-02-31"}}) ==
          "field 'scheduled_on' must be a date YYYY-MM-DD");
    CHECK(why({{"title", "K"}, {"scheduled_on", "2027-02-10"}, {"anonymous", "no"}}) ==
          "field 'anonymous' must be true or false");
    CHECK(why({{"title", "K"}, {"scheduled_on", "2027-02-10"}, {"room", "B"}}) ==
          "field 'room' is not known");
    CHECK(m.question.empty());
    auto const asked = meeting_from(
        {{"title", "K"}, {"scheduled_on", "2027-02-10"}, {"question", " Quali esigenze? "}}, 7);
    CHECK(asked.question == "Quali esigenze?");
    CHECK(why({{"title", "K"},
               {"scheduled_on", "2027-02-10"},
               {"question", std::string(301, 'q')}}) ==
          "field 'question' has 301 characters, at most 300 allowed");
    CHECK(why({{"title", "K"}, {"scheduled_on", "2027-02-10"}, {"question", "Quali\nesigenze?"}})
              .find("field 'question'") == 0);
}
