#include "tavolo/cluster/engine.hpp"
#include "tavolo/cluster/text_analysis.hpp"

#include "titles.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace tavolo::cluster;

namespace {

std::string first_word(std::string const& title) {
    return fold_case(title.substr(0, title.find(' ')));
}

std::size_t word_count(std::string const& title) {
    return static_cast<std::size_t>(std::count(title.begin(), title.end(), ' ')) + 1;
}

// What every title must be: a capitalised phrase, no list, no trailing mark,
// starting with a content word, and no filler: of the stop words, only
// articles, prepositions and "e"/"and" inside.
void check_reads_as_a_title(std::string const& title, language lang) {
    INFO(title);
    REQUIRE_FALSE(title.empty());
    CHECK(title.find(',') == std::string::npos);
    CHECK(title.size() <= 60);
    CHECK(std::string(".;:!?").find(title.back()) == std::string::npos);
    CHECK(fold_case(title.substr(0, 1)) != title.substr(0, 1));
    CHECK_FALSE(is_stop_word(first_word(title), lang));
    std::set<std::string> const inside{
        "il",    "lo",    "la",    "i",     "gli",   "le",    "l",     "un",    "uno",
        "una",   "di",    "d",     "a",     "ad",    "da",    "in",    "con",   "su",
        "per",   "tra",   "fra",   "e",     "ed",    "o",     "del",   "dello", "della",
        "dei",   "degli", "delle", "dell",  "al",    "allo",  "alla",  "ai",    "agli",
        "alle",  "all",   "dal",   "dallo", "dalla", "dai",   "dagli", "dalle", "dall",
        "nel",   "nello", "nella", "nei",   "negli", "nelle", "nell",  "sul",   "sullo",
        "sulla", "sui",   "sugli", "sulle", "sull",  "of",    "for",   "the",   "and",
        "or",    "on",    "with",  "to",    "an",    "at",    "by",    "from"};
    for (auto const& word : tokenize(title))
        if (is_stop_word(word, lang)) {
            INFO(word);
            CHECK(inside.count(word) == 1);
        }
}

std::vector<std::string> const privacy{
    "Nominare un DPO condiviso tra i comuni piccoli",
    "Registro dei trattamenti dei dati personali uguale per tutti",
    "Informative privacy sui dati personali da aggiornare",
    "Il DPO deve verificare come trattiamo i dati personali",
};

} // namespace

TEST_CASE("a title is a phrase from the texts, not a list of keywords", "[cluster][titles]") {
    auto const g = summarize_group(privacy);
    check_reads_as_a_title(g.title, language::it);
    CHECK(word_count(g.title) >= 2);
    CHECK(word_count(g.title) <= 6);
    // The phrase most members share.
    CHECK(g.title == "Dati personali");
}

TEST_CASE("acronyms keep the case the texts write them in", "[cluster][titles]") {
    auto const g = summarize_group({
        "Accesso con SPID e CIE a tutti i servizi online",
        "Troppi cittadini non hanno ancora lo spid",
        "Integrare SPID e CIE nel portale dei servizi online",
        "Pagamenti con pagopa e avvisi su AppIO",
    });
    check_reads_as_a_title(g.title, language::it);
    CHECK_THAT(g.title, Catch::Contains("SPID"));
    CHECK_THAT(g.title, !Catch::Contains("spid") && !Catch::Contains("Spid"));
    CHECK(std::find(g.keywords.begin(), g.keywords.end(), "SPID") != g.keywords.end());

    // Written in two words by some, it is still one name.
    auto const paid =
        summarize_group({"Pagamento delle mense con pago PA", "Pagamento delle rette con PagoPA",
                         "Avvisi pagopa ai genitori"});
    check_reads_as_a_title(paid.title, language::it);
    CHECK_THAT(paid.title + " " + paid.keywords.front(), Catch::Contains("PagoPA"));
    CHECK_THAT(paid.title, !Catch::Contains("Pago PA"));

    detail::surface_forms forms;
    forms.add("Avvisi su AppIO e pagamenti con pagopa");
    forms.add("Formazione con Lepida. Formazione sul Syllabus, come dice Lepida");
    forms.add("NIS2 E GDPR: CHE COSA CAMBIA PER GLI ENTI LOCALI");
    CHECK(forms.of("appio", language::it) == "AppIO");
    CHECK(forms.of("pagopa", language::it) == "PagoPA");         // the usual spelling
    CHECK(forms.of("lepida", language::it) == "Lepida");         // a name, capitalised mid-sentence
    CHECK(forms.of("formazione", language::it) == "formazione"); // capitalised only at the start
    CHECK(forms.of("cambia", language::it) == "cambia");         // a shouted text says nothing
    CHECK(forms.of("nis2", language::it) == "NIS2");
    forms.add(
        "Migrating from Oracle to Postgres. ORACLE licences cost a lot, and Oracle support too");
    CHECK(forms.of("oracle", language::en) == "Oracle"); // emphasis, not an acronym
}

TEST_CASE("the same texts give the same title, in any order", "[cluster][titles]") {
    auto reversed = privacy;
    std::reverse(reversed.begin(), reversed.end());
    auto rotated = privacy;
    std::rotate(rotated.begin(), rotated.begin() + 1, rotated.end());
    auto const title = summarize_group(privacy).title;
    CHECK(summarize_group(privacy).title == title);
    CHECK(summarize_group(reversed).title == title);
    CHECK(summarize_group(rotated).title == title);
}

TEST_CASE("a title starts with a noun rather than a verb or a function word", "[cluster][titles]") {
    auto const g = summarize_group({
        "Valorizzare i tecnici informatici interni con progressioni di carriera",
        "Aprire concorsi per tecnici informatici con stipendi competitivi",
        "I tecnici informatici se ne vanno nel privato",
    });
    check_reads_as_a_title(g.title, language::it);
    CHECK(g.title.rfind("Tecnici informatici", 0) == 0);

    // One text: a phrase of it, not the infinitive it opens with.
    auto const one = summarize_group({"Aprire punti di facilitazione digitale nelle biblioteche"});
    check_reads_as_a_title(one.title, language::it);
    CHECK(first_word(one.title) != "aprire");
    CHECK(word_count(one.title) <= 6);
    CHECK_THAT("Aprire punti di facilitazione digitale nelle biblioteche",
               Catch::Contains(one.title.substr(1)));
    CHECK(one.cohesion == 1.0);
}

TEST_CASE("English groups get English titles", "[cluster][titles]") {
    auto const g = summarize_group({
        "A shared catalogue of public APIs for every agency",
        "Publish each API in the shared catalogue",
        "The shared catalogue should document every API",
    });
    check_reads_as_a_title(g.title, language::en);
    CHECK_THAT(g.title, Catch::Contains("catalogue", Catch::CaseSensitive::No));
    CHECK_THAT(g.title, Catch::Contains("shared", Catch::CaseSensitive::No));
}

TEST_CASE("every group of a meeting gets a title", "[cluster][titles]") {
    auto const r = cluster_texts({
        "Formazione del personale sul cloud",
        "Corsi di formazione sul cloud per i dipendenti",
        "Formazione cloud per il personale comunale",
        "Dati aperti dei comuni da pubblicare",
        "Pubblicare i dati aperti comunali",
        "Portale regionale dei dati aperti",
    });
    REQUIRE(r.groups.size() == 2);
    for (auto const& g : r.groups)
        check_reads_as_a_title(g.title, language::it);
}

TEST_CASE("titles of awkward texts", "[cluster][titles]") {
    // Nothing to name: no keywords, no title.
    CHECK(summarize_group({"", "...", "il la di che"}).title.empty());

    // A shouted text: its capitals say nothing, but acronyms keep theirs.
    auto const loud = summarize_group({"SERVE FORMAZIONE SU SPID E PAGOPA PER TUTTO IL PERSONALE"});
    check_reads_as_a_title(loud.title, language::it);
    CHECK_THAT(loud.title, !Catch::Contains("FORMAZIONE") && !Catch::Contains("PERSONALE"));
    CHECK_THAT(loud.title + " " + loud.keywords.front(),
               Catch::Contains("SPID") || Catch::Contains("PagoPA"));

    // One long run of words: still a short title.
    std::string run;
    for (int i = 0; i < 40; ++i)
        run += "formazione digitale del personale comunale sui servizi online ";
    auto const long_one = summarize_group({run, "Formazione digitale per il personale"});
    check_reads_as_a_title(long_one.title, language::it);
    CHECK(word_count(long_one.title) <= 6);

    // Typographic apostrophes and quotes, an elided article inside.
    auto const typed = summarize_group({"Formazione sull\u2019archivio digitale \u00abcomune\u00bb",
                                        "L\u2019archivio digitale dell\u2019ente"});
    check_reads_as_a_title(typed.title, language::it);
    CHECK_THAT(typed.title, Catch::Contains("rchivio digitale"));
}
