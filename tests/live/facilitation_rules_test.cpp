// facilitation_rules: the meeting's question as a pure rule over a meeting's
// state (who may set it, in which phases, and what everyone then sees).
#include "tavolo/live/facilitation_rules.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::live;
using nlohmann::json;

namespace {

meeting_state meeting_in(meeting_phase phase, std::string question = "") {
    meeting_snapshot s;
    s.info.id = 7;
    s.info.phase = phase;
    s.info.question = std::move(question);
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

std::string const question = "Quali esigenze ha il vostro ente sulla sanità digitale?";

} // namespace

TEST_CASE("staff set the meeting's question; everyone sees it in the meeting",
          "[live][facilitation_rules]") {
    auto s = meeting_in(meeting_phase::lobby);
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 5, .now_ms = 1000, .new_id = {}};

    auto const set = decide(s, ctx, question_message{question});
    REQUIRE(std::holds_alternative<ruling>(set));
    auto const& r = std::get<ruling>(set);
    REQUIRE(r.change.info);
    CHECK(r.change.info->question == question);
    CHECK(r.change.info->phase == meeting_phase::lobby); // nothing else changes

    s.apply(r.change);
    auto const e = r.make_event(s);
    CHECK(e.kind == event_kind::meeting);
    CHECK(json::parse(render(e, audience::peer))["meeting"]["question"] == question);
    CHECK(r.make_result(s)["question"] == question);

    // The same question again changes nothing; an empty one removes it.
    CHECK(code(decide(s, ctx, question_message{question})) == errc::no_change);
    auto const cleared = decide(s, ctx, question_message{""});
    REQUIRE(std::holds_alternative<ruling>(cleared));
    CHECK(std::get<ruling>(cleared).change.info->question.empty());
}

TEST_CASE("a participant may not set the question", "[live][facilitation_rules]") {
    auto const s = meeting_in(meeting_phase::collect);
    auto const anna = someone(role::participant);
    rule_context const ctx{.me = anna, .seq = 5, .now_ms = 1000, .new_id = {}};
    CHECK(code(decide(s, ctx, question_message{question})) == errc::forbidden);

    auto const carla = someone(role::coordinator);
    rule_context const by_coordinator{.me = carla, .seq = 5, .now_ms = 1000, .new_id = {}};
    CHECK(std::holds_alternative<ruling>(decide(s, by_coordinator, question_message{question})));
}

TEST_CASE("the question is set in the lobby and while collecting, not after",
          "[live][facilitation_rules]") {
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 5, .now_ms = 1000, .new_id = {}};
    for (auto phase : {meeting_phase::lobby, meeting_phase::collect}) {
        INFO(to_string(phase));
        CHECK(std::holds_alternative<ruling>(
            decide(meeting_in(phase, "Prima"), ctx, question_message{question})));
    }
    for (auto phase : {meeting_phase::cluster, meeting_phase::vote, meeting_phase::plan,
                       meeting_phase::closed}) {
        INFO(to_string(phase));
        CHECK(code(decide(meeting_in(phase, "Prima"), ctx, question_message{question})) ==
              errc::wrong_phase);
    }
}

TEST_CASE("a newly published plan is announced once, and kept by other changes",
          "[live][facilitation_rules]") {
    auto s = meeting_in(meeting_phase::closed);
    published_plan_ref const v1{.year = 2027, .version = 1, .path = "/p/2027"};
    CHECK_FALSE(published_plan_reloaded(s, std::nullopt)); // nothing new
    // An open meeting does not show it, so it has nothing to announce.
    CHECK_FALSE(
        published_plan_reloaded(meeting_in(meeting_phase::collect),
                                published_plan_ref{.year = 2027, .version = 1, .path = "/p"}));
    auto r = published_plan_reloaded(s, v1);
    REQUIRE(r);
    REQUIRE(r->change.info);
    CHECK(r->change.info->published_plan == v1);
    CHECK(r->change.info->phase == meeting_phase::closed);
    s.apply(r->change);
    CHECK(json::parse(render(r->make_event(s),
                             audience::peer))["meeting"]["published_plan"]["version"] == 1);
    CHECK_FALSE(published_plan_reloaded(s, v1)); // the same one again
    auto const v2 = published_plan_reloaded(s, published_plan_ref{2027, 2, "/p/2027"});
    REQUIRE(v2);
    CHECK(v2->change.info->published_plan->version == 2);

    // Reopening the meeting keeps what the store said.
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 5, .now_ms = 1000, .new_id = {}};
    auto const reopened = decide(s, ctx, phase_message{meeting_phase::plan});
    REQUIRE(std::holds_alternative<ruling>(reopened));
    CHECK(std::get<ruling>(reopened).change.info->published_plan == v1);
}

TEST_CASE("changing the phase or the settings keeps the question", "[live][facilitation_rules]") {
    auto const s = meeting_in(meeting_phase::lobby, question);
    auto const fabia = someone(role::facilitator);
    rule_context const ctx{.me = fabia, .seq = 5, .now_ms = 1000, .new_id = {}};
    auto const moved = decide(s, ctx, phase_message{meeting_phase::collect});
    REQUIRE(std::holds_alternative<ruling>(moved));
    CHECK(std::get<ruling>(moved).change.info->question == question);
    configure_message c;
    c.support_budget = 3;
    auto const configured = decide(s, ctx, c);
    REQUIRE(std::holds_alternative<ruling>(configured));
    CHECK(std::get<ruling>(configured).change.info->question == question);
}
