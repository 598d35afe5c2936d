#include "support.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::api;

namespace {

// The refusal a check throws, or nullopt when it passes.
template <typename F> std::optional<refusal> refusal_of(F&& f) {
    try {
        f();
    } catch (refusal const& r) {
        return r;
    }
    return std::nullopt;
}

} // namespace

TEST_CASE("a body's problem is refused as 400 naming the field", "[api][support]") {
    json const body{{"title", "  Dati aperti  "}, {"confirmed", "yes"}};
    tavolo::core::json_fields f(body);
    CHECK(f.text("title", rules::title) == "Dati aperti"); // trimmed
    CHECK_NOTHROW(refuse_if_bad(f));
    f.flag("confirmed");
    auto const wrong = refusal_of([&] { refuse_if_bad(f); });
    REQUIRE(wrong);
    CHECK(wrong->status == 400);
    CHECK(wrong->code == "bad_request");
    CHECK(wrong->message == "field 'confirmed' must be true or false");
}

TEST_CASE("a list of texts names the element refused", "[api][support]") {
    json const body{{"owners", {"ASL", "  Comune  ", "riga\u202Eexe"}}, {"few", {"a", "b"}}};
    tavolo::core::json_fields f(body);
    CHECK(text_list(f, "few", 5, rules::organization) == std::vector<std::string>{"a", "b"});
    text_list(f, "owners", 5, rules::organization);
    REQUIRE(f.error());
    CHECK(f.error()->message == "field 'owners[2]' holds bidirectional control characters");

    json const too_many{{"owners", {"a", "b", "c"}}};
    tavolo::core::json_fields g(too_many);
    text_list(g, "owners", 2, rules::organization);
    REQUIRE(g.error());
    CHECK(g.error()->field == "owners");
}

TEST_CASE("an action without fields refuses any field", "[api][support]") {
    CHECK_NOTHROW(expect_no_fields(""));
    CHECK_NOTHROW(expect_no_fields(" \n"));
    CHECK_NOTHROW(expect_no_fields("{}"));
    CHECK(refusal_of([] { expect_no_fields(R"({"force": true})"); })->message ==
          "field 'force' is not known");
    CHECK(refusal_of([] { expect_no_fields("[1]"); })->message == "the body must be a JSON object");
    CHECK(refusal_of([] { expect_no_fields("{nope"); })->message == "the body must be JSON");
}

TEST_CASE("slugs and numbers as the API accepts them", "[api][support]") {
    CHECK(is_slug("ct-dati-aperti"));
    CHECK_FALSE(is_slug("CT-dati"));
    CHECK_FALSE(is_slug("ct--dati"));
    CHECK_FALSE(is_slug(std::string(61, 'a')));

    CHECK(whole_number("2027", 2000, 2100) == 2027);
    CHECK_FALSE(whole_number("2027x", 2000, 2100));
    CHECK_FALSE(whole_number("1999", 2000, 2100));
    CHECK_FALSE(whole_number("", 0, 10));
    CHECK_FALSE(whole_number("99999999999999999999", 0, 10));
}

TEST_CASE("bodies that are not JSON are refused", "[api][support]") {
    CHECK(parse_body(R"({"a": 1})")["a"] == 1);
    CHECK(refusal_of([] { parse_body("{nope"); })->message == "the body must be JSON");
    auto const answer = ok({{"a", 1}}, 201);
    CHECK(answer.status == 201);
    CHECK(answer.body == R"({"a":1})");
    CHECK(answer.content_type == "application/json");
}
