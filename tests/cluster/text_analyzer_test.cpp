#include "tavolo/cluster/text_analyzer.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::cluster;
using words = std::vector<std::string>;

TEST_CASE("Snowball stems group the forms of a word", "[cluster][analyzer]") {
    text_analyzer a;
    CHECK(a.stem("formazione", language::it) == a.stem("formazioni", language::it));
    CHECK(a.stem("digitale", language::it) == a.stem("digitali", language::it));
    CHECK(a.stem("comunale", language::it) == a.stem("comunali", language::it));
    CHECK(a.stem("services", language::en) == a.stem("service", language::en));
    CHECK(a.stem("training", language::en) == a.stem("trained", language::en));
    CHECK(a.stem("attività", language::it) == a.stem("attività", language::it));
}

TEST_CASE("analysis: elisions, accents, case and stop words", "[cluster][analyzer]") {
    text_analyzer a;
    auto const r = a.analyze("Formazione dell'ente sull’USO dei Servizi Digitali e della PEC");
    CHECK(r.lang == language::it);
    CHECK(r.words == words{"formazione", "ente", "uso", "servizi", "digitali", "pec"});
    REQUIRE(r.terms.size() == r.words.size());
    CHECK(r.terms[0] == a.stem("formazioni", language::it));
    CHECK(r.terms[4] == a.stem("digitale", language::it));

    auto const same = a.analyze("FORMAZIONI per gli enti sui servizi digitali");
    CHECK(same.terms[0] == r.terms[0]);

    auto const en = a.analyze("Training of the staff on digital services");
    CHECK(en.lang == language::en);
    CHECK(en.words == words{"training", "staff", "digital", "services"});
    CHECK(en.terms.at(3) == a.stem("service", language::en));
}

TEST_CASE("edge cases give empty or sensible results", "[cluster][analyzer]") {
    text_analyzer a;
    CHECK(a.analyze("").terms.empty());
    CHECK(a.analyze("  !!! ... ").terms.empty());
    CHECK(a.analyze("il la di che per").terms.empty()); // only stop words
    CHECK(a.analyze("l'a e d'o").terms.empty());
    CHECK(a.analyze("bad \xFF\xFE bytes", language::en).words == words{"bad", "bytes"});
    // The language may be forced.
    CHECK(a.analyze("the cloud", language::it).words == words{"the", "cloud"});
    // Deterministic.
    CHECK(a.analyze("Dati aperti e interoperabilità").terms ==
          a.analyze("Dati aperti e interoperabilità").terms);
}
