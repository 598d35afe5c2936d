#include "glossary.hpp"
#include "tavolo/cluster/text_analyzer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

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
    // PEC is in the glossary: its family is one more term.
    CHECK(r.words ==
          words{"formazione", "ente", "uso", "servizi", "digitali", "domicilio digitale", "pec"});
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

namespace {

bool has_term(analyzed_text const& a, std::string const& term) {
    return std::find(a.terms.begin(), a.terms.end(), term) != a.terms.end();
}

} // namespace

TEST_CASE("an acronym of the glossary meets its expansion and its spellings",
          "[cluster][analyzer][glossary]") {
    text_analyzer a;
    auto const acronym = a.analyze("Accesso con SPID ai servizi");
    auto const spelled = a.analyze("Accesso con il sistema pubblico di identità digitale");
    CHECK(has_term(acronym, "spid"));
    CHECK(has_term(spelled, "spid"));
    // The expansion's own words stay terms: the word vectors know them.
    CHECK(has_term(spelled, a.stem("identità", language::it)));
    // Variant spellings: one term.
    CHECK(has_term(a.analyze("pagamenti con pago pa"), "pagopa"));
    CHECK(has_term(a.analyze("pagamenti con PagoPA"), "pagopa"));
    CHECK(has_term(a.analyze("pubblicare su app io"), "appio"));
    // Members of a family share its term; one outside it does not.
    auto const family =
        a.stem("piattaforme", language::it) + " " + a.stem("abilitanti", language::it);
    CHECK(has_term(acronym, family));
    CHECK(has_term(a.analyze("rilascio della CIE"), family));
    CHECK_FALSE(has_term(a.analyze("posta elettronica certificata"), family));
    CHECK(has_term(a.analyze("posta elettronica certificata"), "pec"));
    // A matched form is not matched again from inside.
    auto const fse = a.analyze("fascicolo sanitario elettronico");
    CHECK(std::count(fse.terms.begin(), fse.terms.end(), "fse") == 1);
    // English texts are left alone ("send" is a verb there).
    CHECK(a.analyze("we send the notice", language::en).words == words{"send", "notice"});
}

TEST_CASE("words that say a contribution's kind are not its topic", "[cluster][analyzer]") {
    text_analyzer a;
    CHECK(a.analyze("Possiamo condividere il nostro modello").words ==
          words{"condividere", "modello"});
    CHECK(a.analyze("Servirebbe un kit comune").words == words{"kit", "comune"});
    CHECK(a.analyze("Si propone una newsletter").words == words{"newsletter"});
}

TEST_CASE("the glossary gives each acronym its usual spelling", "[cluster][glossary]") {
    using tavolo::cluster::detail::glossary_acronym;
    REQUIRE(glossary_acronym("pagopa"));
    CHECK(glossary_acronym("pagopa")->spelling == "PagoPA");
    CHECK(glossary_acronym("spid")->spelling == "SPID");
    CHECK(glossary_acronym("spid")->family == "piattaforme abilitanti");
    CHECK(glossary_acronym("nis2")->spelling == "NIS2");
    CHECK_FALSE(glossary_acronym("comune"));
    CHECK(tavolo::cluster::detail::glossary_size() > 50);
}
