#include "tavolo/cluster/language.hpp"
#include "tavolo/cluster/text_analysis.hpp"

#include <catch2/catch.hpp>

using namespace tavolo::cluster;

TEST_CASE("stop words of each language", "[cluster][language]") {
    for (auto w : {"il", "della", "dell", "nell", "sull", "che", "per", "è", "sono", "anche"})
        CHECK(is_stop_word(w, language::it));
    for (auto w : {"the", "of", "and", "which", "should"})
        CHECK(is_stop_word(w, language::en));
    for (auto w : {"formazione", "cloud", "dati", "comune", "servizi"})
        CHECK_FALSE(is_stop_word(w, language::it));
    CHECK_FALSE(is_stop_word("della", language::en));
}

TEST_CASE("language detection on short contributions", "[cluster][language]") {
    auto detect = [](char const* text) { return detect_language(tokenize(text)); };
    CHECK(detect("Formazione del personale sull'uso dei servizi cloud") == language::it);
    CHECK(detect("Serve più interoperabilità tra gli enti") == language::it);
    CHECK(detect("Training for the staff on the use of cloud services") == language::en);
    CHECK(detect("We need a shared data platform for all municipalities") == language::en);
    // No evidence either way: Italian first.
    CHECK(detect("PNRR cloud") == language::it);
    CHECK(detect("") == language::it);
    CHECK(language_from_string(to_string(language::en)) == language::en);
    CHECK_FALSE(language_from_string("fr"));
}
