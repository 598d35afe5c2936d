#include "tavolo/cluster/text_analysis.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::cluster;
using words = std::vector<std::string>;

TEST_CASE("case folding knows accented letters", "[cluster][text]") {
    CHECK(fold_case("È PERCHÉ") == "è perché");
    CHECK(fold_case("ÀÉÌÒÙ àéìòù") == "àéìòù àéìòù");
    CHECK(fold_case("ŁÓDŹ Ÿ") == "łódź ÿ");
    CHECK(fold_case("l’ente") == "l'ente");
    CHECK(fold_case("bad\xFFstop") == "bad stop");
}

TEST_CASE("overlong forms, surrogates and code points past U+10FFFF become spaces",
          "[cluster][text]") {
    // Found by fuzz_text: fold_case decoded them as characters and wrote
    // invalid UTF-8 (or a NUL) back out.
    CHECK(fold_case("a\xED\xA0\x80z") == "a   z");      // U+D800, a surrogate
    CHECK(fold_case("a\xC1\xA1z") == "a  z");           // "a" in two bytes
    CHECK(fold_case("a\xE0\x80\x80z") == "a   z");      // NUL in three bytes
    CHECK(fold_case("a\xF4\x90\x80\x80z") == "a    z"); // U+110000
    CHECK(tokenize("dell\xED\xBD\x94zona") == words{"dell", "zona"});
}

TEST_CASE("tokens split elisions and punctuation", "[cluster][text]") {
    CHECK(tokenize("Formazione dell'ente sull’uso del Cloud!") ==
          words{"formazione", "dell", "ente", "sull", "uso", "del", "cloud"});
    CHECK(tokenize("PNRR 2026: attività, servizi-digitali") ==
          words{"pnrr", "2026", "attività", "servizi", "digitali"});
    CHECK(tokenize("  ...  ").empty());
    CHECK(tokenize("").empty());
}
