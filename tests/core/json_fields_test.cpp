#include "tavolo/core/json_fields.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::core;
using json = nlohmann::json;

namespace {
text_rule const title_rule{10, false, false};

field_error error_of(json_fields const& r) {
    REQUIRE(r.error());
    return *r.error();
}
} // namespace

TEST_CASE("fields are read with the text rules", "[core][json_fields]") {
    json const body{{"title", "  Formazione "}, {"notes", "riga uno\nriga due"}};
    json_fields r(body);
    CHECK(r.text("title", title_rule) == "Formazione");
    CHECK(r.text("notes", text_rule{100, true, false}) == "riga uno\nriga due");
    CHECK(r.ok());

    SECTION("each text problem names its field") {
        auto const problem_for = [](json value, text_rule rule) {
            json const b{{"title", std::move(value)}};
            json_fields f(b);
            f.text("title", rule);
            auto const e = error_of(f);
            CHECK(e.field == "title");
            CHECK(e.message.find("'title'") != std::string::npos);
            return e.problem;
        };
        CHECK(problem_for("", title_rule) == field_problem::empty);
        CHECK(problem_for("abcdefghijk", title_rule) == field_problem::too_long);
        CHECK(problem_for("a\nb", title_rule) == field_problem::control_characters);
        CHECK(problem_for("a\u202Eb", title_rule) == field_problem::bidi_controls);
        CHECK(problem_for(5, title_rule) == field_problem::wrong_type);
    }
    SECTION("the limit is inclusive and in code points") {
        json const b{{"a", "èèèèèèèèèè"}, {"b", "èèèèèèèèèèè"}};
        json_fields f(b);
        CHECK(f.text("a", title_rule) == "èèèèèèèèèè");
        CHECK(f.ok());
        f.text("b", title_rule);
        CHECK(error_of(f).message == "field 'b' has 11 characters, at most 10 allowed");
    }
}

TEST_CASE("a wrong JSON type is reported naming the field, never thrown", "[core][json_fields]") {
    // A working-group member with "confirmed":"yes" used to reach get<bool>()
    // and answer 500.
    json const member{{"name", "Anna"}, {"confirmed", "yes"}};
    json_fields r(member);
    CHECK_NOTHROW(r.flag("confirmed"));
    auto const e = error_of(r);
    CHECK(e.field == "confirmed");
    CHECK(e.problem == field_problem::wrong_type);
    CHECK(e.message == "field 'confirmed' must be true or false");
    CHECK(problem_code(e.problem) == "wrong_type");

    json const body = json::parse(R"({"n":1.5,"big":18446744073709551615,"neg":-1,"s":"3"})");
    CHECK(json_fields(body).integer("n", 0, 10) == std::nullopt);
    json_fields a(body);
    a.integer("n", 0, 10);
    CHECK(error_of(a).problem == field_problem::wrong_type);
    json_fields b(body);
    b.integer("big", 0, 10);
    CHECK(error_of(b).problem == field_problem::out_of_range);
    CHECK(error_of(b).message == "field 'big' must be an integer from 0 to 10");
    json_fields c(body);
    c.integer("neg", 0, 10);
    CHECK(error_of(c).problem == field_problem::out_of_range);
    json_fields d(body);
    d.integer("s", 0, 10);
    CHECK(error_of(d).problem == field_problem::wrong_type);
    json const ten{{"n", 10}};
    json_fields ok(ten);
    CHECK(ok.required_integer("n", 0, 10) == 10);
    CHECK(ok.ok());
}

TEST_CASE("missing and null fields", "[core][json_fields]") {
    json const body{{"gone", nullptr}};
    json_fields r(body);
    CHECK_FALSE(r.has("gone"));
    CHECK_FALSE(r.has("absent"));
    CHECK(r.optional_text("gone", title_rule) == std::nullopt);
    CHECK(r.flag("absent") == std::nullopt);
    CHECK(r.date("gone") == std::nullopt);
    CHECK(r.ok());
    r.required_flag("locked");
    CHECK(error_of(r).problem == field_problem::missing);
    CHECK(error_of(r).message == "field 'locked' is missing");
}

TEST_CASE("unknown keys are refused", "[core][json_fields]") {
    json const body{{"title", "a"}, {"titel", "b"}};
    json_fields r(body);
    r.allow_only({"title", "description"});
    auto const e = error_of(r);
    CHECK(e.problem == field_problem::unknown_field);
    CHECK(e.field == "titel");
    CHECK(e.message == "field 'titel' is not known");

    json const good{{"title", "a"}};
    json_fields known(good);
    known.allow_only({"title", "description"});
    CHECK(known.ok());
}

TEST_CASE("the first problem is kept, later reads are no-ops", "[core][json_fields]") {
    json const body{{"a", 1}, {"b", true}, {"c", "x"}};
    json_fields r(body);
    r.text("a", title_rule);
    CHECK(r.flag("b") == std::nullopt); // would be true, but a read failed first
    r.text("zzz", title_rule);
    r.fail("c", field_problem::bad_choice, "later");
    CHECK(error_of(r).field == "a");
    CHECK(error_of(r).message == "field 'a' must be a string");
}

TEST_CASE("the body must be an object", "[core][json_fields]") {
    for (auto const& body : {json::array(), json(3), json("x"), json(nullptr)}) {
        json_fields r(body);
        CHECK(error_of(r).problem == field_problem::not_an_object);
        CHECK(r.text("a", title_rule).empty());
        CHECK_NOTHROW(r.allow_only({}));
    }
}

TEST_CASE("nested objects are named by their path", "[core][json_fields]") {
    json const body = json::parse(
        R"({"members":[{"name":"Anna","confirmed":true},{"name":"Bo","confirmed":"yes"}]})");
    json_fields r(body);
    auto const* members = r.array("members", 10);
    REQUIRE(members);
    for (std::size_t i = 0; i < members->size(); ++i) {
        json_fields m((*members)[i], r.element_prefix("members", i));
        m.allow_only({"name", "organization", "confirmed"});
        m.text("name", text_rule{80, false, false});
        m.flag("confirmed");
        r.take_error_from(m);
    }
    auto const e = error_of(r);
    CHECK(e.field == "members[1].confirmed");
    CHECK(e.message == "field 'members[1].confirmed' must be true or false");

    json const five = 5;
    json_fields not_obj(five, r.element_prefix("members", 0));
    CHECK(error_of(not_obj).message == "field 'members[0]' must be a JSON object");
    json const three{{"members", json::array({1, 2, 3})}};
    json_fields too_many(three);
    CHECK(too_many.array("members", 2) == nullptr);
    CHECK(error_of(too_many).problem == field_problem::out_of_range);
}

TEST_CASE("dates and months", "[core][json_fields]") {
    json const body{{"start", " 2028-02-29 "},
                    {"bad", "2027-02-31"},
                    {"none", ""},
                    {"month", "2027-13"},
                    {"m", "2027-06"}};
    json_fields r(body);
    CHECK(r.date("start") == "2028-02-29");
    CHECK(r.date("none", true) == "");
    CHECK(r.month("m") == "2027-06");
    CHECK(r.ok());
    r.date("bad");
    CHECK(error_of(r).problem == field_problem::bad_date);
    CHECK(error_of(r).message == "field 'bad' must be a date YYYY-MM-DD");

    json_fields m(body);
    m.month("month");
    CHECK(error_of(m).problem == field_problem::bad_month);
    json_fields e(body);
    e.date("none");
    CHECK(error_of(e).problem == field_problem::empty);
}

TEST_CASE("choices and id lists", "[core][json_fields]") {
    json const body{
        {"kind", " need "}, {"bad", "want"}, {"ids", {"a", "b"}}, {"none", json::array()}};
    json_fields r(body);
    CHECK(r.choice("kind", {"proposal", "need", "activity"}) == "need");
    CHECK(r.id_list("ids", 2, 8) == std::vector<std::string>{"a", "b"});
    CHECK(r.ok());
    r.choice("bad", {"proposal", "need", "activity"});
    CHECK(error_of(r).message == "field 'bad' must be proposal, need or activity");
    CHECK(error_of(r).problem == field_problem::bad_choice);

    json_fields l(body);
    l.id_list("none", 2, 8);
    CHECK(error_of(l).message == "field 'none' must be a list of 1 to 2 ids");
    json_fields l2(body);
    l2.id_list("ids", 1, 8);
    CHECK(error_of(l2).problem == field_problem::out_of_range);
    json const mixed{{"ids", {"a", 3}}};
    json_fields l3(mixed);
    l3.id_list("ids", 5, 8);
    CHECK(error_of(l3).message == "field 'ids' must hold ids");
}
