#include "tavolo/core/calendar.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::core;
using namespace std::chrono;

TEST_CASE("dates must exist in the calendar", "[core][calendar]") {
    CHECK(is_iso_date("2027-01-31"));
    CHECK(is_iso_date("2027-12-31"));
    CHECK_FALSE(is_iso_date("2027-02-31"));
    CHECK_FALSE(is_iso_date("2027-04-31"));
    CHECK_FALSE(is_iso_date("2027-13-01"));
    CHECK_FALSE(is_iso_date("2027-00-10"));
    CHECK_FALSE(is_iso_date("2027-01-00"));
    CHECK_FALSE(is_iso_date("2027-01-32"));
    auto const d = parse_iso_date("2027-07-01");
    REQUIRE(d);
    CHECK(*d == year{2027} / July / 1);
}

TEST_CASE("leap years follow the Gregorian rules", "[core][calendar]") {
    CHECK(is_iso_date("2028-02-29"));       // divisible by 4
    CHECK_FALSE(is_iso_date("2027-02-29")); // not
    CHECK_FALSE(is_iso_date("2100-02-29")); // a century
    CHECK(is_iso_date("2000-02-29"));       // divisible by 400
    CHECK(is_iso_date("2027-02-28"));
}

TEST_CASE("dates are written exactly YYYY-MM-DD", "[core][calendar]") {
    for (auto const* s : {"", "2027-7-01", "2027-07-1", "27-07-01", "2027/07/01", "2027-07-01 ",
                          " 2027-07-01", "2027-07-01T00:00", "+027-07-01", "２０２７-07-01",
                          "2027-0a-01", "20270701", "2027-07--1"})
        CHECK_FALSE(is_iso_date(s));
}

TEST_CASE("months are written YYYY-MM", "[core][calendar]") {
    CHECK(is_iso_month("2027-01"));
    CHECK(is_iso_month("2027-12"));
    CHECK_FALSE(is_iso_month("2027-00"));
    CHECK_FALSE(is_iso_month("2027-13"));
    CHECK_FALSE(is_iso_month("2027-1"));
    CHECK_FALSE(is_iso_month("2027-01-01"));
    CHECK_FALSE(is_iso_month("2027_01"));
    CHECK(parse_iso_month("2027-03") == year{2027} / March);
}

TEST_CASE("times of day are written HH:MM", "[core][calendar]") {
    CHECK(is_clock_time("00:00"));
    CHECK(is_clock_time("09:30"));
    CHECK(is_clock_time("23:59"));
    for (auto const* s :
         {"24:00", "9:30", "09:60", "09.30", "0930", "09:30:00", " 09:30", "", "ab:cd", "19:5a"})
        CHECK_FALSE(is_clock_time(s));
}
