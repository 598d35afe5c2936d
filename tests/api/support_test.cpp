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

TEST_CASE("a text field is checked and refused naming the field", "[api][support]") {
    json const body{
        {"title", "Dati aperti"},      {"blank", "  \t"},   {"number", 3}, {"bell", "a\x07z"},
        {"long", std::string(6, 'x')}, {"accents", "città"}};
    CHECK(text_field(body, "title", 200, false) == "Dati aperti");
    // Lengths count code points, not bytes.
    CHECK(text_field(body, "accents", 5) == "città");
    auto const blank = refusal_of([&] { text_field(body, "blank", 200, false); });
    REQUIRE(blank);
    CHECK(blank->status == 400);
    CHECK(blank->code == "bad_request");
    CHECK(blank->message == "'blank' must not be empty");
    CHECK(text_field(body, "blank", 200) == "  \t"); // blank allowed when empty is
    CHECK(refusal_of([&] { text_field(body, "number", 200); })->message ==
          "'number' must be a string");
    CHECK(refusal_of([&] { text_field(body, "bell", 200); })->message ==
          "'bell' has a control character");
    CHECK(refusal_of([&] { text_field(body, "long", 5); })->message ==
          "'long' is longer than 5 characters");
}

TEST_CASE("flags, months, dates, slugs and numbers as the API accepts them", "[api][support]") {
    json const body{{"yes", true}, {"text", "true"}};
    CHECK(flag(body, "yes"));
    CHECK_FALSE(flag(body, "absent"));
    CHECK(refusal_of([&] { flag(body, "text"); })->message == "'text' must be true or false");

    CHECK(is_month("2027-07"));
    CHECK_FALSE(is_month("2027-13"));
    CHECK_FALSE(is_month("2027-7"));
    CHECK(is_date("2027-02-10"));
    CHECK_FALSE(is_date("2027-02-1"));
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
