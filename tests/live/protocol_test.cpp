#include "tavolo/live/protocol.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::live;
using nlohmann::json;

namespace {

message_limits const limits{};

parse_failure expect_failure(std::string_view frame) {
    auto r = parse_client_message(frame, limits);
    REQUIRE(std::holds_alternative<parse_failure>(r));
    return std::get<parse_failure>(r);
}

client_message expect_message(std::string_view frame) {
    auto r = parse_client_message(frame, limits);
    if (auto* f = std::get_if<parse_failure>(&r))
        FAIL("unexpected " << f->error.code << ": " << f->error.message);
    return std::get<client_message>(r);
}

} // namespace

TEST_CASE("a join message is parsed and its code normalised", "[live][protocol]") {
    auto m = expect_message(
        R"({"type":"join","ref":"1","code":"abcd-2345","name":" Anna ","organization":"Comune di Lecce"})");
    CHECK(m.ref == "1");
    auto const& j = std::get<join_message>(m.body);
    CHECK(j.code == "ABCD2345");
    CHECK(j.name == "Anna");
    CHECK(j.organization == "Comune di Lecce");
    CHECK_FALSE(j.secret);

    SECTION("a facilitator may omit the organization") {
        auto f = expect_message(
            R"({"type":"join","ref":2,"code":"ABCD2345","name":"Fac","organization":"","secret":"s3cret"})");
        CHECK(f.ref == 2);
        CHECK(std::get<join_message>(f.body).secret == "s3cret");
    }
    SECTION("a participant may not") {
        auto f = expect_failure(
            R"({"type":"join","ref":"1","code":"ABCD2345","name":"Anna","organization":"  "})");
        CHECK(f.error.code == errc::text_empty);
        CHECK(f.ref == "1");
    }
}

TEST_CASE("a submit message is parsed", "[live][protocol]") {
    auto m = expect_message(
        R"({"type":"submit","ref":"7","id":"c1","kind":"need","text":"Formazione sul cloud\nper i dipendenti"})");
    auto const& s = std::get<submit_message>(m.body);
    CHECK(s.id == "c1");
    CHECK(s.kind == contribution_kind::need);
    CHECK(s.text == "Formazione sul cloud\nper i dipendenti");
}

TEST_CASE("bad frames get stable error codes", "[live][protocol]") {
    CHECK(expect_failure("not json").error.code == errc::bad_json);
    CHECK(expect_failure("{\"type\":\"ping\",\"ref\":\"\xC3\"}").error.code == errc::invalid_utf8);
    CHECK(expect_failure("[1,2]").error.code == errc::bad_message);
    CHECK(expect_failure(R"({"type":"ping"})").error.code == errc::bad_message);
    CHECK(expect_failure(R"({"type":"ping","ref":{"a":1}})").error.code == errc::bad_message);
    CHECK(expect_failure(R"({"ref":"1"})").error.code == errc::bad_message);

    auto unknown = expect_failure(R"({"type":"explode","ref":"9"})");
    CHECK(unknown.error.code == errc::unknown_type);
    CHECK(unknown.ref == "9");

    SECTION("deep nesting is refused before parsing") {
        std::string deep = R"({"type":"ping","ref":"1","x":)" + std::string(100000, '[') +
                           std::string(100000, ']') + "}";
        CHECK(expect_failure(deep).error.code == errc::too_deep);
        // Brackets inside strings do not count.
        expect_message(R"({"type":"ping","ref":"[[[[[[[[[[[[[[[[[[[[[[["})");
    }
    SECTION("fields of the wrong kind") {
        auto f = expect_failure(R"({"type":"submit","ref":"1","id":"c","kind":"wish","text":"x"})");
        CHECK(f.error.code == errc::bad_message);
        CHECK(f.error.message.find("kind") != std::string::npos);
        CHECK(expect_failure(R"({"type":"submit","ref":"1","id":"c","kind":"need","text":5})")
                  .error.code == errc::bad_message);
        CHECK(expect_failure(R"({"type":"submit","ref":"1","id":"c","kind":"need","text":"  "})")
                  .error.code == errc::text_empty);
        CHECK(expect_failure(
                  R"({"type":"submit","ref":"1","id":"c","kind":"need","text":"a\u0000b"})")
                  .error.code == errc::control_characters);
    }
    SECTION("huge numbers do not break parsing") {
        auto f = expect_failure(R"({"type":"submit","ref":1e400,"id":"c"})");
        CHECK((f.error.code == errc::bad_json || f.error.code == errc::bad_message));
    }
}

TEST_CASE("text length is counted in characters, with the limit inclusive", "[live][protocol]") {
    auto frame = [](std::string const& text) {
        return json{
            {"type", "submit"}, {"ref", "1"}, {"id", "c"}, {"kind", "proposal"}, {"text", text}}
            .dump();
    };
    std::string at_limit;
    for (std::size_t i = 0; i < limits.max_text_chars; ++i)
        at_limit += "è"; // two bytes each: the limit is in characters, not bytes
    expect_message(frame(at_limit));
    auto f = expect_failure(frame(at_limit + "x"));
    CHECK(f.error.code == errc::text_too_long);
    CHECK(f.error.message.find(std::to_string(limits.max_text_chars)) != std::string::npos);
}

TEST_CASE("ack and error frames", "[live][protocol]") {
    CHECK(json::parse(make_ack("r1")) == json{{"type", "ack"}, {"ref", "r1"}});
    CHECK(json::parse(make_ack(3, {{"seq", 4}})) ==
          json{{"type", "ack"}, {"ref", 3}, {"result", {{"seq", 4}}}});
    CHECK(json::parse(make_error(nullptr, errc::bad_json, "nope")) ==
          json{{"type", "error"}, {"ref", nullptr}, {"code", "bad_json"}, {"message", "nope"}});
}

TEST_CASE("an unknown type is quoted in whole characters", "[live][protocol]") {
    // Found by fuzz_protocol: the quote was cut at 32 bytes, inside the emoji,
    // and make_error threw on the broken UTF-8, out of the hub's on_message.
    auto const h30 = std::string(30, 'H');
    auto f = expect_failure(R"({"type":")" + h30 + "\xF0\x9F\x98\x80" + R"(","ref":"1"})");
    CHECK(f.error.code == errc::unknown_type);
    CHECK(f.error.message == "unknown message type '" + h30 + "'");
    CHECK(json::parse(make_error(f.ref, f.error.code, f.error.message))["code"] == "unknown_type");

    auto const h32 = std::string(32, 'H');
    CHECK(expect_failure(R"({"type":")" + h32 + "è" + R"(","ref":"1"})").error.message ==
          "unknown message type '" + h32 + "'");
}

TEST_CASE("moderation and meeting messages are parsed", "[live][protocol]") {
    auto merge = expect_message(R"({"type":"merge","ref":"1","keep":"a","ids":["b","c"]})");
    CHECK(std::get<merge_message>(merge.body).ids == std::vector<std::string>{"b", "c"});
    CHECK(expect_failure(R"({"type":"merge","ref":"1","keep":"a","ids":[]})").error.code ==
          errc::bad_message);
    CHECK(std::get<target_message>(expect_message(R"({"type":"hide","ref":1,"id":"x"})").body)
              .action == target_action::hide);
    CHECK(std::get<phase_message>(
              expect_message(R"({"type":"set_phase","ref":1,"phase":"vote"})").body)
              .phase == meeting_phase::vote);
    CHECK(expect_failure(R"({"type":"set_phase","ref":1,"phase":"party"})").error.code ==
          errc::bad_message);
    CHECK(std::get<lock_message>(expect_message(R"({"type":"lock","ref":1,"locked":true})").body)
              .locked);
    CHECK(expect_failure(R"({"type":"lock","ref":1,"locked":"yes"})").error.code ==
          errc::bad_message);
    auto cfg = std::get<configure_message>(
        expect_message(R"({"type":"configure","ref":1,"anonymous":true,"support_budget":3})").body);
    CHECK(cfg.anonymous == true);
    CHECK_FALSE(cfg.private_writing);
    CHECK(cfg.support_budget == 3);
    CHECK(expect_failure(R"({"type":"configure","ref":1,"support_budget":-1})").error.code ==
          errc::bad_message);
    CHECK(std::get<timer_message>(expect_message(R"({"type":"timer","ref":1,"seconds":300})").body)
              .seconds == 300);
    CHECK(expect_failure(R"({"type":"timer","ref":1,"seconds":1e9})").error.code ==
          errc::bad_message);
    auto join = std::get<join_message>(
        expect_message(
            R"({"type":"join","ref":1,"code":"A","name":"N","organization":"O","resume":"tok","since":12})")
            .body);
    CHECK(join.resume == "tok");
    CHECK(join.since == 12);
}

TEST_CASE("kinds and phases round-trip", "[live][protocol]") {
    for (auto k :
         {contribution_kind::proposal, contribution_kind::need, contribution_kind::activity})
        CHECK(kind_from_string(to_string(k)) == k);
    CHECK_FALSE(kind_from_string("Proposal"));
    CHECK(phase_from_string("collect") == meeting_phase::collect);
    CHECK_FALSE(phase_from_string("done"));
}

namespace {

// A join frame from "Comune di Lecce" under `name`.
std::string join_as(std::string const& name) {
    return json{{"type", "join"},
                {"ref", "1"},
                {"code", "ABCD2345"},
                {"name", name},
                {"organization", "Comune di Lecce"}}
        .dump();
}

} // namespace

TEST_CASE("a name with bidirectional controls is refused, a text may hold them",
          "[live][protocol]") {
    // "Anna" + RIGHT-TO-LEFT OVERRIDE + "gpj.exe" shows as "Annaexe.jpg" in every
    // participant list; one-line fields refuse it.
    for (auto const* bidi : {"\u202A", "\u202E", "\u2066", "\u2069"}) {
        auto const f = expect_failure(join_as(std::string("Anna") + bidi + "gpj.exe"));
        CHECK(f.error.code == errc::control_characters);
        CHECK(f.error.message == "field 'name' holds bidirectional control characters");
        CHECK(f.ref == "1");
    }
    auto const title = expect_failure(
        json{{"type", "group_rename"}, {"ref", 2}, {"group", "g1"}, {"title", "A\u2067B"}}.dump());
    CHECK(title.error.code == errc::control_characters);
    CHECK(title.error.message.find("'title'") != std::string::npos);
    // A contribution, several lines long, may need them for right-to-left text.
    auto const s = expect_message(json{{"type", "submit"},
                                       {"ref", "1"},
                                       {"id", "c"},
                                       {"kind", "need"},
                                       {"text", "\u2067\u05E9\u05DC\u05D5\u05DD\u2069 e ciao"}}
                                      .dump());
    CHECK(std::get<submit_message>(s.body).text.find("\u2067") != std::string::npos);
    // Right-to-left letters alone are fine in a name.
    CHECK(std::get<join_message>(expect_message(join_as("\u05E9\u05DC\u05D5\u05DD")).body).name ==
          "\u05E9\u05DC\u05D5\u05DD");
}

TEST_CASE("a working group's start date must exist in the calendar", "[live][protocol]") {
    auto status = [](std::string const& date) {
        return json{{"type", "working_group_status"},
                    {"ref", 7},
                    {"objective", "o1"},
                    {"status", "enabled"},
                    {"start_date", date}}
            .dump();
    };
    for (auto const* impossible :
         {"2027-02-31", "2027-02-29", "2100-02-29", "2027-04-31", "2027-13-01", "2027-7-1"}) {
        INFO(impossible);
        auto const f = expect_failure(status(impossible));
        CHECK(f.error.code == errc::bad_message);
        CHECK(f.error.message == "field 'start_date' must be a date YYYY-MM-DD");
        CHECK(f.ref == 7);
    }
    auto const leap =
        std::get<working_group_status_message>(expect_message(status("2028-02-29")).body);
    CHECK(leap.start_date == "2028-02-29");
    CHECK(leap.status == group_status::enabled);
    auto const missing = expect_failure(
        R"({"type":"working_group_status","ref":7,"objective":"o1","status":"enabled"})");
    CHECK(missing.error.code == errc::bad_message);
    CHECK(missing.error.message == "field 'start_date' is needed to enable a working group");
    CHECK(expect_failure(
              R"({"type":"working_group_status","ref":7,"objective":"o1","status":"done"})")
              .error.message == "field 'status' must be forming, composed or enabled");
}

TEST_CASE("a name is one line of at most max_name_chars characters", "[live][protocol]") {
    std::string at_limit;
    for (std::size_t i = 0; i < limits.max_name_chars; ++i)
        at_limit += "\U0001F600"; // four bytes each: the limit is in characters
    CHECK(std::get<join_message>(expect_message(join_as("  " + at_limit + " ")).body).name ==
          at_limit);
    auto const over = expect_failure(join_as(at_limit + "a"));
    CHECK(over.error.code == errc::text_too_long);
    CHECK(over.error.message == "field 'name' has 81 characters, at most 80 allowed");
    CHECK(expect_failure(join_as("Anna\tBianchi")).error.code == errc::control_characters);
    CHECK(expect_failure(join_as("Anna\nBianchi")).error.code == errc::control_characters);
    CHECK(expect_failure(join_as(" \t ")).error.code == errc::text_empty);
}

TEST_CASE("a meeting's question is one line of at most 300 characters, or empty",
          "[live][protocol]") {
    auto ask = [](std::string const& q) {
        return json{{"type", "set_question"}, {"ref", "q"}, {"question", q}}.dump();
    };
    std::string at_limit;
    for (std::size_t i = 0; i < tavolo::core::question_rule.max_chars; ++i)
        at_limit += "à"; // two bytes each: the limit is in characters
    CHECK(tavolo::core::question_rule.max_chars == 300);
    CHECK(std::get<question_message>(expect_message(ask("  " + at_limit + " ")).body).question ==
          at_limit);
    auto const over = expect_failure(ask(at_limit + "?"));
    CHECK(over.error.code == errc::text_too_long);
    CHECK(over.error.message == "field 'question' has 301 characters, at most 300 allowed");
    CHECK(over.ref == "q");
    // Empty (after trimming) removes the question.
    CHECK(std::get<question_message>(expect_message(ask("  ")).body).question.empty());
    CHECK(expect_failure(ask("Quali esigenze\nha il vostro ente?")).error.code ==
          errc::control_characters);
    auto const bidi = expect_failure(ask("Quali esigenze\u202E?"));
    CHECK(bidi.error.code == errc::control_characters);
    CHECK(bidi.error.message == "field 'question' holds bidirectional control characters");
    CHECK(expect_failure(R"({"type":"set_question","ref":"q"})").error.code == errc::bad_message);
    CHECK(expect_failure(R"({"type":"set_question","ref":"q","question":7})").error.code ==
          errc::bad_message);
}
