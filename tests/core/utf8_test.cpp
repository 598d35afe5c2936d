#include "tavolo/core/utf8.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::core;

TEST_CASE("UTF-8 validity", "[core][utf8]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("ciao"));
    CHECK(is_valid_utf8("attività dell'ente è già €"));
    CHECK(is_valid_utf8("\xF0\x9F\x98\x80")); // 😀
    SECTION("malformed sequences are refused") {
        CHECK_FALSE(is_valid_utf8("\xC3"));             // truncated
        CHECK_FALSE(is_valid_utf8("\xC0\xAF"));         // overlong '/'
        CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));     // overlong
        CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));     // surrogate
        CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80")); // above U+10FFFF
        CHECK_FALSE(is_valid_utf8("\xFF"));
        CHECK_FALSE(is_valid_utf8("a\x80z"));
    }
}

TEST_CASE("code points and control characters", "[core][utf8]") {
    CHECK(count_code_points("attività") == 8);
    CHECK(count_code_points("😀😀") == 2);
    CHECK_FALSE(has_control_chars("riga uno\nriga due\ttab", true));
    CHECK(has_control_chars("riga uno\nriga due", false));
    CHECK(has_control_chars(std::string("a\0b", 3), true));
    CHECK(has_control_chars("bell\x07", true));
    CHECK(has_control_chars("del\x7F", true));
    CHECK(has_control_chars("c1\xC2\x85", true));
    CHECK_FALSE(has_control_chars("à è \xC2\xA0", true)); // NBSP is not a control
    CHECK(trim("  testo \n") == "testo");
    CHECK(trim(" \t ").empty());
}
