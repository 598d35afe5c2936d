// Calendars against the real server, read by a real iCalendar parser
// (Debian's python3-icalendar, through tests/calendar/parse_ics.py): a
// meeting's file for coordinators and by its join code, the community feed
// at its secret address; times in Europe/Rome on both sides of the clock
// change, the join link, a UID that survives an edit and a restart, a
// SEQUENCE that counts edits, a revoked address, and who may do what.
#include "support/api_client.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

using namespace tavolo;
using namespace tavolo::test;
using verb = http::verb;

namespace {

// The file as a calendar app sees it (the JSON parse_ics.py prints).
json parsed(std::string const& ics, std::filesystem::path const& dir) {
    auto const file = dir / "calendar.ics";
    std::ofstream(file, std::ios::binary) << ics;
    auto const [code, out] = run_command(std::string("/usr/bin/python3 ") + TAVOLO_SOURCE_DIR +
                                         "/tests/calendar/parse_ics.py '" + file.string() + "'");
    INFO(out);
    REQUIRE(code == 0);
    return json::parse(out);
}

struct calendar_server {
    temp_dir dir;
    std::string password = password_in(add_coordinator(dir.path(), "Ada").second);
    std::unique_ptr<server_process> server;
    std::string cookie;

    calendar_server() { start(); }

    void start(std::vector<std::string> args = {}) {
        server.reset();
        server = std::make_unique<server_process>(dir.path(), std::move(args));
        cookie = sign_in("Ada", password);
    }

    std::string sign_in(std::string const& name, std::string const& pw) {
        auto const a = request(server->port(), verb::post, "/api/v1/session", "",
                               json{{"name", name}, {"password", pw}}.dump());
        REQUIRE(a.status == 200);
        return a.set_cookie.substr(0, a.set_cookie.find(';'));
    }

    answer call(verb v, std::string const& target, json const& body = nullptr,
                extra_headers const& extra = {}, std::string const& who = "") {
        return request(server->port(), v, target, who.empty() ? cookie : who,
                       body.is_null() ? "" : body.dump(), "application/json", extra);
    }
    answer open(std::string const& target) { return request(server->port(), verb::get, target); }

    json meeting(std::string const& slug, json const& body) {
        auto const a = call(verb::post, "/api/v1/communities/" + slug + "/meetings", body);
        INFO(a.text);
        REQUIRE(a.status == 201);
        return a.body["meeting"];
    }

    // The meeting's file as coordinators download it, parsed: its one event.
    json event(json const& m) {
        auto const a = call(verb::get, "/api/v1/meetings/" + id(m) + "/calendar.ics");
        REQUIRE(a.status == 200);
        auto const cal = parsed(a.text, dir.path());
        REQUIRE(cal["events"].size() == 1);
        return cal["events"][0];
    }

    static std::string id(json const& m) { return std::to_string(m["id"].get<std::int64_t>()); }
};

} // namespace

TEST_CASE("meetings' calendars, read by a real iCalendar parser", "[integration][calendar]") {
    calendar_server s;
    for (auto const& [slug, name] : {std::pair{"ct-cal", "Comunità «Calendari», sì; prova"},
                                     std::pair{"ct-altra", "Altra comunità"}})
        REQUIRE(
            s.call(verb::post, "/api/v1/communities", {{"slug", slug}, {"name", name}}).status ==
            201);
    // 28 March 2027 is the day clocks go forward (02:00), 31 October the
    // day they go back (03:00): the morning after each is already CEST, CET.
    auto const spring = s.meeting("ct-cal", {{"title", "Kick-off, primavera; prova"},
                                             {"scheduled_on", "2027-03-28"},
                                             {"starts_at", "10:30"},
                                             {"duration_minutes", 90}});
    auto const autumn = s.meeting("ct-cal", {{"title", "Verifica d'autunno"},
                                             {"kind", "followup"},
                                             {"scheduled_on", "2027-10-31"},
                                             {"starts_at", "10:30"}});
    auto const all_day =
        s.meeting("ct-cal", {{"title", "Giornata aperta"}, {"scheduled_on", "2027-12-15"}});
    auto const elsewhere = s.meeting(
        "ct-altra", {{"title", "Altrove"}, {"scheduled_on", "2027-05-05"}, {"starts_at", "09:00"}});
    CHECK(spring["starts_at"] == "10:30");
    CHECK(spring["duration_minutes"] == 90);
    CHECK(autumn["duration_minutes"] == 120);
    CHECK(all_day["starts_at"] == "");

    SECTION("a meeting's file") {
        auto const a = s.call(verb::get, "/api/v1/meetings/" + s.id(spring) + "/calendar.ics");
        REQUIRE(a.status == 200);
        CHECK(a.content_type == "text/calendar; charset=utf-8");
        CHECK(a.disposition == "attachment; filename=\"incontro-" + s.id(spring) + ".ics\"");
        auto const cal = parsed(a.text, s.dir.path());
        CHECK(cal["version"] == "2.0");
        CHECK(cal["method"] == "PUBLISH");
        auto const e = cal["events"][0];
        CHECK(e["summary"] == "Kick-off, primavera; prova");
        CHECK(e["sequence"] == 0);
        CHECK(e["tzid"] == "Europe/Rome");
        CHECK(e["start_utc"] == "2027-03-28T08:30:00Z"); // CEST, UTC+2
        CHECK(e["end_utc"] == "2027-03-28T10:00:00Z");
        CHECK(e["start_utc_by_vtimezone"] == "2027-03-28T08:30:00Z");
        auto const link = "http://127.0.0.1/#/join/" + spring["join_code"].get<std::string>();
        CHECK(e["url"] == link);
        CHECK(e["location"].get<std::string>().find(link) != std::string::npos);
        auto const description = e["description"].get<std::string>();
        CHECK(description.find("Comunità «Calendari», sì; prova") != std::string::npos);
        CHECK(description.find(link) != std::string::npos);
        CHECK(description.find(spring["join_code"].get<std::string>()) != std::string::npos);
        CHECK(e["categories"] == json::array({"tavolo", "Kick-off"}));

        auto const winter = s.event(autumn);
        CHECK(winter["start_utc"] == "2027-10-31T09:30:00Z"); // CET, UTC+1
        CHECK(winter["start_utc_by_vtimezone"] == "2027-10-31T09:30:00Z");
        CHECK(winter["end_utc"] == "2027-10-31T11:30:00Z");
        CHECK(winter["categories"] == json::array({"tavolo", "Incontro di follow-up"}));
        auto const day = s.event(all_day);
        CHECK(day["all_day"] == true);
        CHECK(day["date"] == "2027-12-15");
        CHECK(day["end_date"] == "2027-12-16");
        CHECK(e["uid"] != winter["uid"]);
    }

    SECTION("participants fetch it by the join code; a wrong code is 404") {
        auto const code = spring["join_code"].get<std::string>();
        auto const a = s.open("/api/v1/public/meetings/" + code + "/calendar.ics");
        REQUIRE(a.status == 200);
        auto const e = parsed(a.text, s.dir.path())["events"][0];
        CHECK(e["uid"] == s.event(spring)["uid"]);
        CHECK(e["url"] == "http://127.0.0.1/#/join/" + code);
        // Typed as people type it.
        std::string typed;
        for (char c : code)
            if (c != '-')
                typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK(s.open("/api/v1/public/meetings/" + typed + "/calendar.ics").status == 200);
        CHECK(s.open("/api/v1/public/meetings/ZZZZ-ZZZZ/calendar.ics").status == 404);
        // Guessing is slowed like sign-ins: 10 at once, then 429.
        int refused = 0;
        for (int i = 0; i < 12; ++i)
            refused += s.open("/api/v1/public/meetings/ZZZZ-ZZZ" + std::to_string(i % 10) +
                              "/calendar.ics")
                           .status == 429;
        CHECK(refused >= 2);
        auto const later = s.open("/api/v1/public/meetings/" + code + "/calendar.ics");
        CHECK(later.status == 429);
        CHECK_FALSE(later.retry_after.empty());
    }

    SECTION("the community's feed at its secret address, and only its meetings") {
        auto const link = "/api/v1/communities/ct-cal/calendar-link";
        CHECK(s.call(verb::get, link).body == json{{"exists", false}});
        auto const made = s.call(verb::post, link);
        REQUIRE(made.status == 201);
        auto const url = made.body["feed_url"].get<std::string>();
        REQUIRE(url.rfind("http://127.0.0.1/api/v1/calendars/", 0) == 0);
        CHECK(made.body["webcal_url"] == "webcal://" + url.substr(7));
        CHECK(s.call(verb::get, link).body == json{{"exists", true}});
        auto const path = url.substr(std::string("http://127.0.0.1").size());
        auto const feed = s.open(path); // no cookie: calendar apps send none
        REQUIRE(feed.status == 200);
        CHECK(feed.content_type == "text/calendar; charset=utf-8");
        auto const cal = parsed(feed.text, s.dir.path());
        CHECK(cal["calname"].get<std::string>().find("Comunità «Calendari»") == 0);
        std::set<std::string> uids, expected;
        for (auto const& e : cal["events"])
            uids.insert(e["uid"]);
        for (auto const& m : {spring, autumn, all_day})
            expected.insert(s.event(m)["uid"]);
        CHECK(uids == expected); // not the other community's meeting
        CHECK_FALSE(uids.count(s.event(elsewhere)["uid"]));

        // A new address revokes the old; revoking leaves none.
        auto const again = s.call(verb::post, link);
        REQUIRE(again.status == 201);
        CHECK(s.open(path).status == 404);
        auto const new_path = again.body["feed_url"].get<std::string>().substr(
            std::string("http://127.0.0.1").size());
        CHECK(s.open(new_path).status == 200);
        CHECK(s.call(verb::delete_, link).status == 200);
        CHECK(s.open(new_path).status == 404);
        CHECK(s.open("/api/v1/calendars/nothing.ics").status == 404);
    }

    SECTION("an edit keeps the UID and counts in SEQUENCE; opening and closing do not") {
        auto const before = s.event(spring);
        auto const target = "/api/v1/meetings/" + s.id(spring);
        CHECK(s.call(verb::patch, target, {{"starts_at", "11:00"}}).status == 428);
        auto const got = s.call(verb::get, target);
        REQUIRE(!got.etag.empty());
        auto const bad =
            s.call(verb::patch, target, {{"starts_at", "25:00"}}, {{"If-Match", got.etag}});
        CHECK(bad.status == 400);
        CHECK(bad.body["error"]["message"].get<std::string>().find("starts_at") !=
              std::string::npos);
        auto const moved =
            s.call(verb::patch, target, {{"starts_at", "11:00"}}, {{"If-Match", got.etag}});
        REQUIRE(moved.status == 200);
        CHECK(moved.body["meeting"]["starts_at"] == "11:00");
        CHECK(moved.body["meeting"]["calendar_sequence"] == 1);
        // The version it replaced is stale now.
        CHECK(s.call(verb::patch, target, {{"starts_at", "12:00"}}, {{"If-Match", got.etag}})
                  .status == 412);
        auto const after = s.event(spring);
        CHECK(after["uid"] == before["uid"]);
        CHECK(after["sequence"] == 1);
        CHECK(after["start_utc"] == "2027-03-28T09:00:00Z");
        // The same schedule again is no change.
        CHECK(s.call(verb::patch, target, {{"starts_at", "11:00"}}, {{"If-Match", moved.etag}})
                  .status == 200);
        CHECK(s.event(spring)["sequence"] == 1);
        // Closed, it is still the meeting that happened: same event.
        REQUIRE(s.call(verb::post, target + "/close").status == 200);
        auto const closed = s.call(verb::get, target + "/calendar.ics");
        CHECK(closed.text.find("CANCELLED") == std::string::npos);
        CHECK(parsed(closed.text, s.dir.path())["events"][0]["sequence"] == 1);

        // After a restart, and with the public address configured, the
        // event is the same one: same UID, same SEQUENCE, the new link.
        auto const config = s.dir.path() / "site.json";
        std::ofstream(config) << R"({"site": {"public_url": "https://partecipa.example.it/"}})";
        s.start({"--config", config.string()});
        auto const restarted = s.event(spring);
        CHECK(restarted["uid"] == before["uid"]);
        CHECK(restarted["sequence"] == 1);
        CHECK(restarted["url"] ==
              "https://partecipa.example.it/#/join/" + spring["join_code"].get<std::string>());
    }

    SECTION("who may do what") {
        auto const [code, out] = run_tavolo("account add Otto --role co-coordinator --community "
                                            "ct-altra --data '" +
                                            s.dir.path().string() + "'");
        REQUIRE(code == 0);
        auto const otto = s.sign_in("Otto", password_in(out));
        // Reading is every account's; the feed's address is its community's.
        CHECK(s.call(verb::get, "/api/v1/meetings/" + s.id(spring) + "/calendar.ics", nullptr, {},
                     otto)
                  .status == 200);
        auto const refused =
            s.call(verb::post, "/api/v1/communities/ct-cal/calendar-link", nullptr, {}, otto);
        CHECK(refused.status == 403);
        CHECK(refused.body["error"]["code"] == "forbidden");
        CHECK(s.call(verb::post, "/api/v1/communities/ct-altra/calendar-link", nullptr, {}, otto)
                  .status == 201);
        CHECK(s.call(verb::patch, "/api/v1/meetings/" + s.id(spring), {{"starts_at", "09:00"}},
                     {{"If-Match", "*"}}, otto)
                  .status == 403);
        CHECK(s.open("/api/v1/meetings/" + s.id(spring) + "/calendar.ics").status == 401);
        auto const bad =
            s.call(verb::post, "/api/v1/communities/ct-cal/meetings",
                   {{"title", "X"}, {"scheduled_on", "2027-01-01"}, {"duration_minutes", 2000}});
        CHECK(bad.status == 400);
        CHECK(bad.body["error"]["message"].get<std::string>().find("duration_minutes") !=
              std::string::npos);
    }
}
