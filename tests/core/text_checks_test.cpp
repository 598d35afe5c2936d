#include "tavolo/core/text_checks.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace tavolo::core;

namespace {
text_rule const one_line{5, false, false};
text_rule const paragraph{5, true, false};

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}
} // namespace

TEST_CASE("a text is trimmed before it is checked", "[core][text_checks]") {
    auto const v = check_text("  \t Anna \r\n", one_line);
    REQUIRE(v);
    CHECK(v.text == "Anna");
    CHECK(v.chars == 4);
    // The white space around a one-line field is not a control character in it.
    CHECK(check_text("\tAnna\n", one_line));
}

TEST_CASE("length is counted in code points, the limit inclusive", "[core][text_checks]") {
    SECTION("ASCII") {
        CHECK(check_text(repeat("a", 5), one_line));
        CHECK(check_text(repeat("a", 6), one_line).problem == text_problem::too_long);
    }
    SECTION("two-byte characters") {
        auto const at_limit = repeat("è", 5); // 10 bytes
        CHECK(check_text(at_limit, one_line));
        auto const over = check_text(repeat("è", 6), one_line);
        CHECK(over.problem == text_problem::too_long);
        CHECK(over.chars == 6);
    }
    SECTION("four-byte characters") {
        CHECK(check_text(repeat("😀", 5), one_line));
        CHECK(check_text(repeat("😀", 6), one_line).problem == text_problem::too_long);
    }
    SECTION("trimmed white space does not count") {
        CHECK(check_text("  " + repeat("a", 5) + "  ", one_line));
    }
}

TEST_CASE("empty texts", "[core][text_checks]") {
    CHECK(check_text("", one_line).problem == text_problem::empty);
    CHECK(check_text(" \n\t ", paragraph).problem == text_problem::empty);
    CHECK(check_text("   ", text_rule{5, false, true}));
    CHECK(check_text("   ", text_rule{5, false, true}).text.empty());
}

TEST_CASE("control characters: newline, CR and tab only in multi-line fields",
          "[core][text_checks]") {
    CHECK(check_text("a\nb", paragraph));
    CHECK(check_text("a\r\nb", paragraph));
    CHECK(check_text("a\tb", paragraph));
    CHECK(check_text("a\nb", one_line).problem == text_problem::control_characters);
    CHECK(check_text("a\rb", one_line).problem == text_problem::control_characters);
    CHECK(check_text("a\tb", one_line).problem == text_problem::control_characters);
    CHECK(check_text("a\x07", paragraph).problem == text_problem::control_characters);
    CHECK(check_text(std::string("a\0b", 3), paragraph).problem ==
          text_problem::control_characters);
    CHECK(check_text("a\x7F", paragraph).problem == text_problem::control_characters);
    CHECK(check_text("a\xC2\x85", paragraph).problem == text_problem::control_characters); // NEL
}

TEST_CASE("bidirectional controls are refused in one-line fields", "[core][text_checks]") {
    // Each of U+202A..U+202E and U+2066..U+2069, then the neighbours that are
    // not bidi controls.
    for (auto const* bidi : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067",
                             "\u2068", "\u2069"}) {
        INFO("U+" << std::hex << static_cast<int>(static_cast<unsigned char>(bidi[2])));
        auto const name = std::string("Ann") + bidi + "a";
        CHECK(has_bidi_controls(name));
        CHECK(check_text(name, one_line).problem == text_problem::bidi_controls);
        // A paragraph of right-to-left text may need them.
        CHECK(check_text(name, paragraph));
    }
    for (auto const* other : {"\u2029", "\u202F", "\u2065", "\u206A", "\u200F", "é"})
        CHECK_FALSE(has_bidi_controls(std::string("a") + other + "b"));
    CHECK(check_text("Anna\u202Etxt.exe", text_rule{80, false, false}).problem ==
          text_problem::bidi_controls);
}

TEST_CASE("invalid UTF-8 is refused before anything else", "[core][text_checks]") {
    CHECK(check_text("a\xC3", paragraph).problem == text_problem::invalid_utf8);
    CHECK(check_text("\xED\xA0\x80", paragraph).problem == text_problem::invalid_utf8);
}

TEST_CASE("double_quoted doubles the quotes inside, as CSV and FTS5 read them",
          "[core][text_checks]") {
    CHECK(double_quoted("") == "\"\"");
    CHECK(double_quoted("Sanità") == "\"Sanità\"");
    CHECK(double_quoted("il \"fascicolo\"") == "\"il \"\"fascicolo\"\"\"");
    CHECK(double_quoted("\"") == "\"\"\"\"");
}
