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

TEST_CASE("tokens split elisions and punctuation", "[cluster][text]") {
    CHECK(tokenize("Formazione dell'ente sull’uso del Cloud!") ==
          words{"formazione", "dell", "ente", "sull", "uso", "del", "cloud"});
    CHECK(tokenize("PNRR 2026: attività, servizi-digitali") ==
          words{"pnrr", "2026", "attività", "servizi", "digitali"});
    CHECK(tokenize("  ...  ").empty());
    CHECK(tokenize("").empty());
}
