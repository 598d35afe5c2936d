// The cluster phase against the real server, with the shipped word vectors:
// collect -> cluster -> edit the board -> promote a group to a draft
// objective, whose links to its contributions are in the store and survive a
// restart.
#include "support/meeting_fixture.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <cctype>
#include <map>
#include <set>

using namespace tavolo;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

json const fast{{"limits", {{"messages_per_second", 1000}, {"message_burst", 1000}}}};

// Three themes, a few bodies each.
std::vector<std::pair<std::string, std::string>> const texts{
    {"s1", "Telemedicina per i pazienti cronici nelle zone di montagna"},
    {"s2", "Fascicolo sanitario elettronico poco usato dai cittadini"},
    {"s3", "I medici di base non ricevono i referti digitali dagli ospedali"},
    {"s4", "Prenotazione delle visite specialistiche tramite app sanitaria"},
    {"t1", "Le scuole hanno laboratori informatici vecchi e lenti"},
    {"t2", "Registro elettronico e comunicazioni scuola-famiglia in un'unica app"},
    {"t3", "Insegnanti da formare sulla didattica con strumenti digitali"},
    {"t4", "Tablet in comodato d'uso agli studenti senza dispositivo"},
    {"m1", "Biglietto unico digitale per autobus e treni regionali"},
    {"m2", "Dati in tempo reale sugli orari dei mezzi pubblici"},
    {"m3", "Sensori di traffico e parcheggi intelligenti in centro storico"},
    {"m4", "Mappa delle piste ciclabili aggiornata con i dati dei comuni"},
};

// The latest board event a client received (waiting for one).
json next_board(test::ws_client& c) {
    auto const f = c.read_until([](json const& m) { return m["type"] == "board"; }, 5s);
    if (!f)
        throw std::runtime_error("no board event");
    return *f;
}

std::string group_of(json const& board, std::string const& id) {
    for (auto const& g : board["groups"])
        for (auto const& m : g["members"])
            if (m == id)
                return g["id"];
    return "";
}

json const* find_group(json const& board, std::string const& id) {
    for (auto const& g : board["groups"])
        if (g["id"] == id)
            return &g;
    return nullptr;
}

} // namespace

TEST_CASE("collect, cluster, rearrange and promote: the objective links back to its "
          "contributions",
          "[integration][cluster_phase]") {
    test::meeting_fixture f(fast);
    auto anna = f.participant("Anna", "Comune di Lecce");
    auto bruno = f.participant("Bruno", "ASL Bari");
    for (std::size_t i = 0; i < texts.size(); ++i)
        REQUIRE(f.submit(i % 2 ? *bruno : *anna, texts[i].first, texts[i].second, "need") == "ok");

    // Not yet, and not for participants.
    CHECK(f.outcome(*f.facilitator, {{"type", "cluster_run"}}) == "wrong_phase");
    f.phase("cluster");
    CHECK(f.outcome(*anna, {{"type", "cluster_run"}}) == "forbidden");
    CHECK(f.outcome(*anna, {{"type", "group_rename"}, {"group", "g1"}, {"title", "x"}}) ==
          "forbidden");

    auto const run = f.request(*f.facilitator, {{"type", "cluster_run"}});
    REQUIRE(run["type"] == "ack");
    CHECK(run["result"]["runs"] == 1);
    CHECK(run["result"]["groups"].get<int>() >= 2);

    // Everyone sees the groups.
    auto const seen = next_board(*anna);
    auto const board = seen["board"];
    CHECK(seen["seq"].get<int>() > static_cast<int>(texts.size()));
    REQUIRE(board["groups"].size() >= 2);
    for (auto const& g : board["groups"]) {
        CHECK(g["members"].size() >= 2);
        CHECK_FALSE(g["title"].get<std::string>().empty());
        CHECK_FALSE(g["keywords"].empty());
    }
    // The themes come out: each theme's texts mostly share one group.
    for (char theme : {'s', 't', 'm'}) {
        std::map<std::string, int> count;
        for (auto const& [id, text] : texts)
            if (id[0] == theme)
                ++count[group_of(board, id)];
        int top = 0;
        for (auto const& [g, n] : count)
            if (!g.empty())
                top = std::max(top, n);
        INFO("theme " << theme << ": " << board.dump());
        CHECK(top >= 3);
    }

    // The facilitator moves a school text into the health group (pinned),
    // and renames the health group.
    auto const health = group_of(board, "s1");
    REQUIRE_FALSE(health.empty());
    REQUIRE(group_of(board, "t4") != health);
    CHECK(f.outcome(*f.facilitator,
                    {{"type", "group_move"}, {"contribution", "t4"}, {"group", health}}) == "ok");
    auto moved = next_board(*anna)["board"];
    CHECK(group_of(moved, "t4") == health);
    CHECK(moved["pins"]["t4"] == health);
    CHECK(f.outcome(*f.facilitator,
                    {{"type", "group_rename"}, {"group", health}, {"title", "Sanità digitale"}}) ==
          "ok");
    CHECK(f.outcome(*f.facilitator,
                    {{"type", "group_move"}, {"contribution", "nope"}, {"group", health}}) ==
          "not_found");
    CHECK(f.outcome(*f.facilitator,
                    {{"type", "group_move"}, {"contribution", "s2"}, {"group", "g999"}}) ==
          "not_found");

    // Running again keeps the pinned move and the renamed group.
    auto const again = f.request(*f.facilitator, {{"type", "cluster_run"}});
    REQUIRE(again["type"] == "ack");
    CHECK(again["result"]["runs"] == 2);
    json rerun;
    do
        rerun = next_board(*anna)["board"];
    while (rerun["runs"] != 2);
    CHECK(group_of(rerun, "t4") == health);
    auto const* renamed = find_group(rerun, health);
    REQUIRE(renamed);
    CHECK((*renamed)["title"] == "Sanità digitale");
    CHECK((*renamed)["renamed"] == true);

    // Promote the health group to a draft objective.
    auto const promoted = f.request(*f.facilitator, {{"type", "group_promote"}, {"group", health}});
    REQUIRE(promoted["type"] == "ack");
    auto const objective = promoted["result"]["objective"];
    auto const objective_id = objective["id"].get<std::string>();
    CHECK(objective["title"] == "Sanità digitale");
    CHECK(objective["group"] == health);
    std::set<std::string> linked;
    for (auto const& id : objective["contributions"])
        linked.insert(id);
    std::set<std::string> members;
    for (auto const& id : (*renamed)["members"])
        members.insert(id);
    CHECK(linked == members);
    CHECK(linked.count("t4"));
    // The description is drafted from the members, with their bodies.
    CHECK_THAT(objective["description"].get<std::string>(),
               Catch::Contains("Telemedicina") && Catch::Contains("(Comune di Lecce)"));
    auto const after = next_board(*anna);
    CHECK(after["objective"]["id"] == objective_id);
    CHECK((*find_group(after["board"], health))["objective"] == objective_id);
    CHECK(f.outcome(*f.facilitator, {{"type", "group_promote"}, {"group", health}}) ==
          "already_promoted");

    // The store has the objective with a link to every contribution.
    {
        SQLite::Database db((f.dir / "data" / "tavolo.db").string(), SQLite::OPEN_READONLY);
        SQLite::Statement o(db, "SELECT title, status, community_id FROM objectives WHERE id = ?");
        o.bind(1, objective_id);
        REQUIRE(o.executeStep());
        CHECK(o.getColumn(0).getString() == "Sanità digitale");
        CHECK(o.getColumn(1).getString() == "draft");
        CHECK(o.getColumn(2).getInt64() > 0);
        SQLite::Statement l(db, "SELECT c.client_id FROM objective_contributions l "
                                "JOIN contributions c ON c.id = l.contribution_id "
                                "WHERE l.objective_id = ?");
        l.bind(1, objective_id);
        std::set<std::string> stored;
        while (l.executeStep())
            stored.insert(l.getColumn(0).getString());
        CHECK(stored == linked);
    }

    // After a restart the board, its pins and the objective are still there.
    CHECK(f.server->terminate() == 0);
    f.start(f.dir / "tavolo.json");
    test::ws_client late(f.server->port());
    auto const snap = late.join(f.code, "Carla", "Regione");
    REQUIRE(snap["type"] == "ack");
    auto const restored = snap["result"]["board"];
    CHECK(restored["runs"] == 2);
    CHECK(group_of(restored, "t4") == health);
    CHECK(restored["pins"]["t4"] == health);
    CHECK((*find_group(restored, health))["objective"] == objective_id);
}

TEST_CASE("a group's title and keywords follow its members; a run keeps what was pinned",
          "[integration][cluster_phase]") {
    test::meeting_fixture f(fast);
    auto anna = f.participant("Anna");
    std::map<std::string, std::string> text_of;
    for (auto const& [id, text] : texts) {
        REQUIRE(f.submit(*anna, id, text) == "ok");
        text_of[id] = text;
    }
    f.phase("cluster");
    REQUIRE(f.outcome(*f.facilitator, {{"type", "cluster_run"}}) == "ok");
    auto board = next_board(*anna)["board"];
    REQUIRE(board["groups"].size() >= 2);
    auto const from = board["groups"][0];
    auto const to = board["groups"][1]["id"].get<std::string>();
    auto const members = from["members"];
    REQUIRE(members.size() >= 2);

    // All but one member moved out: the group that is left speaks with its
    // last member's words, not the ones it had.
    for (std::size_t i = 1; i < members.size(); ++i) {
        REQUIRE(f.outcome(*f.facilitator,
                          {{"type", "group_move"}, {"contribution", members[i]}, {"group", to}}) ==
                "ok");
        board = next_board(*anna)["board"];
    }
    auto const* left = find_group(board, from["id"]);
    REQUIRE(left);
    auto const last = members[0].get<std::string>();
    REQUIRE((*left)["members"] == json::array({last}));
    auto const title = (*left)["title"].get<std::string>();
    CHECK(text_of[last].rfind(title.substr(0, title.find("…")), 0) == 0);
    CHECK((*left)["cohesion"] == 1.0);
    auto lower = [](std::string t) {
        for (auto& c : t)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return t;
    };
    REQUIRE_FALSE((*left)["keywords"].empty());
    CHECK((*left)["keywords"] != from["keywords"]);
    for (auto const& k : (*left)["keywords"])
        CHECK(lower(text_of[last]).find(lower(k.get<std::string>())) != std::string::npos);
    // The receiving group, its members changed, has a summary of its own.
    auto const* grown = find_group(board, to);
    REQUIRE(grown);
    CHECK_FALSE((*grown)["title"].get<std::string>().empty());
    CHECK_FALSE((*grown)["keywords"].empty());

    // A run: the moved contributions stay pinned in their group, which may
    // draw free ones (unpinned).
    REQUIRE(f.outcome(*f.facilitator, {{"type", "cluster_run"}}) == "ok");
    do
        board = next_board(*anna)["board"];
    while (board["runs"] != 2);
    for (std::size_t i = 1; i < members.size(); ++i) {
        CHECK(group_of(board, members[i]) == to);
        CHECK(board["pins"][members[i].get<std::string>()] == to);
    }
    for (auto const& g : board["groups"])
        CHECK_FALSE(g["title"].get<std::string>().empty());
}

TEST_CASE("board edits check their input and the phase", "[integration][cluster_phase]") {
    test::meeting_fixture f(fast);
    auto anna = f.participant("Anna");
    for (std::size_t i = 0; i < texts.size(); ++i)
        REQUIRE(f.submit(*anna, texts[i].first, texts[i].second) == "ok");
    f.phase("cluster");
    REQUIRE(f.outcome(*f.facilitator, {{"type", "cluster_run"}}) == "ok");
    auto const board = next_board(*anna)["board"];
    REQUIRE(board["groups"].size() >= 2);
    auto const g1 = board["groups"][0]["id"].get<std::string>();
    auto const g2 = board["groups"][1]["id"].get<std::string>();
    auto const first = board["groups"][0]["members"][0].get<std::string>();

    CHECK(f.outcome(*f.facilitator, {{"type", "group_rename"}, {"group", g1}, {"title", ""}}) ==
          "text_empty");
    CHECK(f.outcome(*f.facilitator,
                    {{"type", "group_rename"}, {"group", g1}, {"title", std::string(201, 'x')}}) ==
          "text_too_long");
    CHECK(f.outcome(*f.facilitator,
                    {{"type", "group_merge"}, {"keep", g1}, {"groups", json::array()}}) ==
          "bad_message");
    CHECK(f.outcome(*f.facilitator, {{"type", "group_split"}, {"group", g1}, {"ids", {"zz"}}}) ==
          "not_found");

    // A split with no title takes its first member's text.
    auto const split =
        f.request(*f.facilitator, {{"type", "group_split"}, {"group", g1}, {"ids", {first}}});
    REQUIRE(split["type"] == "ack");
    auto const fresh = split["result"]["group"].get<std::string>();
    CHECK_FALSE(split["result"]["title"].get<std::string>().empty());

    // Merge the new group back with another, then take a contribution out.
    CHECK(f.outcome(*f.facilitator, {{"type", "group_merge"}, {"keep", g2}, {"groups", {fresh}}}) ==
          "ok");
    CHECK(f.outcome(*f.facilitator,
                    {{"type", "group_move"}, {"contribution", first}, {"group", nullptr}}) == "ok");
    json last;
    for (int i = 0; i < 3; ++i) // split, merge, move
        last = next_board(*anna)["board"];
    CHECK(group_of(last, first).empty());
    CHECK(last["pins"][first].is_null());
    CHECK(last["pins"].contains(first));

    // Board edits belong to the cluster phase; promotion also to the plan.
    f.phase("vote");
    CHECK(f.outcome(*f.facilitator, {{"type", "group_rename"}, {"group", g2}, {"title", "X"}}) ==
          "wrong_phase");
    CHECK(f.outcome(*f.facilitator, {{"type", "cluster_run"}}) == "wrong_phase");
    // Supports given in the vote: two of g2's members, and one outside it.
    auto const* voted = find_group(last, g2);
    REQUIRE(voted);
    REQUIRE((*voted)["members"].size() >= 2);
    auto const top = (*voted)["members"][0].get<std::string>();
    auto const next = (*voted)["members"][1].get<std::string>();
    auto bruno = f.participant("Bruno");
    CHECK(f.outcome(*anna, {{"type", "support"}, {"id", top}}) == "ok");
    CHECK(f.outcome(*bruno, {{"type", "support"}, {"id", top}}) == "ok");
    CHECK(f.outcome(*bruno, {{"type", "support"}, {"id", next}}) == "ok");
    CHECK(f.outcome(*bruno, {{"type", "support"}, {"id", first}}) == "ok"); // in no group
    f.phase("plan");
    auto const promoted = f.request(*f.facilitator, {{"type", "group_promote"}, {"group", g2}});
    REQUIRE(promoted["type"] == "ack");
    auto const objective = promoted["result"]["objective"];
    CHECK(objective["supports"] == 3);

    // The store keeps the total and each contribution's count of that moment.
    SQLite::Database db((f.dir / "data" / "tavolo.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement o(db, "SELECT supports FROM objectives WHERE id = ?");
    o.bind(1, objective["id"].get<std::string>());
    REQUIRE(o.executeStep());
    CHECK(o.getColumn(0).getInt64() == 3);
    SQLite::Statement l(db, "SELECT c.client_id, l.supports FROM objective_contributions l "
                            "JOIN contributions c ON c.id = l.contribution_id "
                            "WHERE l.objective_id = ?");
    l.bind(1, objective["id"].get<std::string>());
    std::map<std::string, std::int64_t> kept;
    while (l.executeStep())
        kept[l.getColumn(0).getString()] = l.getColumn(1).getInt64();
    CHECK(kept.size() == (*voted)["members"].size());
    CHECK(kept[top] == 2);
    CHECK(kept[next] == 1);
    CHECK_FALSE(kept.count(first));
}
