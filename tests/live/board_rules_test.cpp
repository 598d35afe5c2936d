// board_rules: the cluster board's messages as pure rules over a meeting's
// state (roles, phases, and the board's own rules behind them).
#include "tavolo/live/board_rules.hpp"
#include "tavolo/live/events.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::live;

namespace {

meeting_state clustering_meeting() {
    meeting_snapshot s;
    s.info.id = 7;
    s.info.phase = meeting_phase::cluster;
    for (auto const* id : {"c1", "c2", "c3"}) {
        contribution c;
        c.id = id;
        c.text = std::string("Testo ") + id;
        c.author_organization = "Comune di Lecce";
        s.contributions.push_back(c);
    }
    s.board.groups.push_back({"g1", "Sanità", {"salute"}, {"c1", "c2"}, 0.5, false, ""});
    s.board.next_group = 2;
    s.last_seq = 4;
    return meeting_state(std::move(s));
}

participant someone(role r) {
    participant p;
    p.id = r == role::participant ? "anna" : "fabia";
    p.role = r;
    return p;
}

std::string_view code(rule_result const& r) {
    auto const* e = std::get_if<rule_error>(&r);
    return e ? e->code : "";
}

} // namespace

TEST_CASE("staff rename a group in the cluster phase; its own title changes nothing",
          "[live][board_rules]") {
    auto const s = clustering_meeting();
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 5, .now_ms = 1000, .new_id = [] { return "x"; }};

    CHECK(code(decide(s, ctx, group_rename_message{"g1", "Sanità"})) == errc::no_change);

    auto const renamed = decide(s, ctx, group_rename_message{"g1", "Sanità digitale"});
    REQUIRE(std::holds_alternative<ruling>(renamed));
    auto const& change = std::get<ruling>(renamed).change;
    REQUIRE(change.board);
    CHECK(change.board->groups[0].title == "Sanità digitale");
    CHECK(change.board->groups[0].renamed);

    auto const anna = someone(role::participant);
    rule_context const by_participant{.me = anna, .seq = 5, .now_ms = 1000, .new_id = {}};
    CHECK(code(decide(s, by_participant, group_rename_message{"g1", "X"})) == errc::forbidden);
}

TEST_CASE("a promotion drafts an objective from the group's visible members",
          "[live][board_rules]") {
    auto const s = clustering_meeting();
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 5, .now_ms = 1000, .new_id = [] { return "ab12"; }};
    auto const r = decide(s, ctx, group_promote_message{"g1", std::nullopt, std::nullopt});
    REQUIRE(std::holds_alternative<ruling>(r));
    auto const& change = std::get<ruling>(r).change;
    REQUIRE(change.objectives.size() == 1);
    auto const& o = change.objectives[0];
    CHECK(o.id == "obj-ab12");
    CHECK(o.title == "Sanità");
    CHECK(o.contributions == std::vector<std::string>{"c1", "c2"});
    CHECK(o.description == "- Testo c1 (Comune di Lecce)\n- Testo c2 (Comune di Lecce)\n");
    CHECK(o.created_at_ms == 1000);
    CHECK(change.board->groups[0].objective_id == "obj-ab12");
    // The event, once durable, carries the new board and the objective.
    meeting_state after = s;
    after.apply(change);
    auto const e = std::get<ruling>(r).make_event(after);
    CHECK(e.kind == event_kind::board);
    REQUIRE(e.created);
    CHECK(e.created->id == "obj-ab12");

    SECTION("twice is refused") {
        CHECK(code(decide(after, ctx, group_promote_message{"g1", std::nullopt, std::nullopt})) ==
              errc::already_promoted);
    }
}

TEST_CASE("a promotion keeps the supports of that moment: the group's total and each member's",
          "[live][board_rules]") {
    meeting_snapshot snap;
    snap.info.id = 7;
    snap.info.phase = meeting_phase::plan;
    for (auto const* id : {"c1", "c2", "c3", "c4"}) {
        contribution c;
        c.id = id;
        c.text = std::string("Testo ") + id;
        snap.contributions.push_back(c);
    }
    snap.contributions[3].status = contribution_status::hidden; // c4: not promoted
    snap.supports = {{"anna", "c1", 1},
                     {"bruno", "c1", 1},
                     {"bruno", "c2", 1},
                     {"carla", "c3", 1},
                     {"carla", "c4", 1}};
    snap.board.groups.push_back({"g1", "Sanità", {}, {"c1", "c2", "c4"}, 0.5, false, ""});
    snap.board.groups.push_back({"g2", "Scuola", {}, {"c3"}, 0.5, false, ""});
    meeting_state const s(std::move(snap));
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 9, .now_ms = 1000, .new_id = [] { return "ab"; }};

    auto const r = decide(s, ctx, group_promote_message{"g1", std::nullopt, std::nullopt});
    REQUIRE(std::holds_alternative<ruling>(r));
    auto const& o = std::get<ruling>(r).change.objectives.at(0);
    CHECK(o.supports == 3); // c1's two and c2's one; not c3 (another group), not c4 (hidden)
    CHECK(o.contribution_supports == std::map<std::string, std::int64_t>{{"c1", 2}, {"c2", 1}});
    meeting_state after = s;
    after.apply(std::get<ruling>(r).change);
    auto const e = std::get<ruling>(r).make_event(after);
    auto const frame = nlohmann::json::parse(render(e, audience::peer));
    CHECK(frame["objective"]["supports"] == 3);

    SECTION("a group nobody supported has a total of 0, not none") {
        meeting_snapshot bare;
        bare.info.phase = meeting_phase::cluster;
        contribution c;
        c.id = "c1";
        bare.contributions.push_back(c);
        bare.board.groups.push_back({"g1", "Sanità", {}, {"c1"}, 0.5, false, ""});
        auto const unsupported = decide(meeting_state(std::move(bare)), ctx,
                                        group_promote_message{"g1", std::nullopt, std::nullopt});
        REQUIRE(std::holds_alternative<ruling>(unsupported));
        auto const& u = std::get<ruling>(unsupported).change.objectives.at(0);
        CHECK(u.supports == 0);
        CHECK(u.contribution_supports == std::map<std::string, std::int64_t>{{"c1", 0}});
    }
}

TEST_CASE("the board changes only in the cluster phase", "[live][board_rules]") {
    meeting_snapshot snap;
    snap.info.phase = meeting_phase::vote;
    meeting_state const s(snap);
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 1, .now_ms = 0, .new_id = {}};
    CHECK(code(decide(s, ctx, group_rename_message{"g1", "X"})) == errc::wrong_phase);
    CHECK(may_run_clustering(s, fabia)->code == errc::wrong_phase);
}

namespace {

// Describes a group by its texts' first words, and counts the calls.
struct describing_grouper : grouper {
    std::vector<std::vector<std::string>> asked;
    void group(std::vector<item>, completion) override {}
    std::optional<group_summary> describe(std::vector<std::string> const& texts) override {
        asked.push_back(texts);
        group_summary g{
            .title = "Gruppo di " + std::to_string(texts.size()), .keywords = {}, .cohesion = 0.3};
        for (auto const& t : texts)
            g.keywords.push_back(t.substr(t.find(' ') + 1));
        return g;
    }
};

cluster_board const& board_of(rule_result const& r) {
    REQUIRE(std::holds_alternative<ruling>(r));
    return *std::get<ruling>(r).change.board;
}

} // namespace

TEST_CASE("a move summarizes both groups again; one member's title is its text",
          "[live][board_rules]") {
    auto const s = clustering_meeting();
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 5, .now_ms = 1000, .new_id = {}};
    describing_grouper engine;

    // c3 into g1: three members, the engine's summary.
    auto const in = decide(s, ctx, group_move_message{"c3", "g1"}, &engine);
    auto const& grown = board_of(in).groups.at(0);
    CHECK(grown.title == "Gruppo di 3");
    CHECK(grown.keywords == std::vector<std::string>{"c1", "c2", "c3"});
    CHECK(grown.cohesion == 0.3);

    // c2 out: the group keeps c1 alone, titled by it (the stale "salute"
    // keywords gone).
    auto const out = decide(s, ctx, group_move_message{"c2", ""}, &engine);
    auto const& left = board_of(out).groups.at(0);
    CHECK(left.members == std::vector<std::string>{"c1"});
    CHECK(left.title == "Testo c1");
    CHECK(left.keywords == std::vector<std::string>{"c1"});
    CHECK(left.cohesion == 1.0);

    // Without an engine a lone member still speaks for itself.
    auto const bare = decide(s, ctx, group_move_message{"c2", ""});
    CHECK(board_of(bare).groups.at(0).title == "Testo c1");
}

TEST_CASE("a split summarizes the group it leaves; a named group keeps its title",
          "[live][board_rules]") {
    auto s = clustering_meeting();
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 5, .now_ms = 1000, .new_id = {}};
    describing_grouper engine;
    auto const split = decide(s, ctx, group_split_message{"g1", {"c2"}, "Referti"}, &engine);
    auto const& b = board_of(split);
    CHECK(b.groups.at(0).title == "Testo c1");
    CHECK(b.groups.at(1).title == "Referti");

    auto const renamed = decide(s, ctx, group_rename_message{"g1", "Sanità digitale"});
    meeting_change c = std::get<ruling>(renamed).change;
    c.seq = 5;
    s.apply(c);
    auto const moved = decide(s, ctx, group_move_message{"c3", "g1"}, &engine);
    CHECK(board_of(moved).groups.at(0).title == "Sanità digitale");
    CHECK(engine.asked.size() == 1); // the lone member's keywords; the named group none
}

TEST_CASE("a run sends every visible contribution, the fixed ones with their group",
          "[live][board_rules]") {
    auto const s = clustering_meeting();
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 5, .now_ms = 1000, .new_id = {}};
    meeting_state moved = s;
    auto change = std::get<ruling>(decide(s, ctx, group_move_message{"c3", "g1"})).change;
    change.seq = 5;
    moved.apply(change);
    // Before the move nothing is fixed.
    for (auto const& item : clustering_items(s))
        CHECK(item.anchor.empty());
    // c3 moved into g1: g1 is a group the facilitator built, and its other
    // members stay with it.
    auto const items = clustering_items(moved);
    REQUIRE(items.size() == 3);
    CHECK(items[0].anchor == "g1");
    CHECK(items[1].anchor == "g1");
    CHECK(items[2].id == "c3");
    CHECK(items[2].anchor == "g1");
    CHECK(items[2].text == "Testo c3");
}

TEST_CASE("a large group is summarized from an even sample of its members", "[live][board_rules]") {
    meeting_snapshot snap;
    snap.info.id = 7;
    snap.info.phase = meeting_phase::cluster;
    std::vector<std::string> ids;
    for (int i = 0; i < 1000; ++i) {
        contribution c;
        c.id = "c" + std::to_string(i);
        c.text = "Testo " + std::to_string(i);
        snap.contributions.push_back(c);
        ids.push_back(c.id);
    }
    meeting_state const s(std::move(snap));
    describing_grouper engine;
    auto const summary = group_summarizer(s, &engine)(ids);
    REQUIRE(summary);
    REQUIRE(engine.asked.size() == 1);
    CHECK(engine.asked[0].size() == 200);
    CHECK(engine.asked[0].front() == "Testo 0");
    CHECK(engine.asked[0].back() == "Testo 995"); // every fifth, to the end
    // A small group is summarized whole.
    engine.asked.clear();
    group_summarizer(s, &engine)({"c1", "c2", "c3"});
    CHECK(engine.asked.at(0) == std::vector<std::string>{"Testo 1", "Testo 2", "Testo 3"});
}
