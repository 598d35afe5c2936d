#include "tavolo/cluster/engine.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace tavolo::cluster;

namespace {

std::vector<std::string> const two_themes{
    "Formazione del personale sul cloud",         "Corsi di formazione sul cloud per i dipendenti",
    "Formazione cloud per il personale comunale", "Dati aperti dei comuni da pubblicare",
    "Pubblicare i dati aperti comunali",          "Portale regionale dei dati aperti",
};

} // namespace

TEST_CASE("two clear themes become two groups with readable titles", "[cluster][engine]") {
    auto const r = cluster_texts(two_themes);
    REQUIRE(r.assignment.size() == 6);
    REQUIRE(r.groups.size() == 2);
    CHECK(r.assignment[0] == r.assignment[1]);
    CHECK(r.assignment[1] == r.assignment[2]);
    CHECK(r.assignment[3] == r.assignment[4]);
    CHECK(r.assignment[4] == r.assignment[5]);
    CHECK(r.assignment[0] != r.assignment[3]);
    auto const& training = r.groups[static_cast<std::size_t>(r.assignment[0])];
    CHECK_THAT(training.title, Catch::Contains("Formazione"));
    CHECK_THAT(training.title, Catch::Contains("cloud"));
    CHECK(training.members.size() == 3);
    CHECK(training.cohesion > 0.1);
    CHECK(training.cohesion <= 1.0);
    auto const& data = r.groups[static_cast<std::size_t>(r.assignment[3])];
    CHECK_THAT(data.title, Catch::Contains("Dati") || Catch::Contains("dati"));
}

TEST_CASE("the same input gives the same groups", "[cluster][engine]") {
    auto const a = cluster_texts(two_themes);
    auto const b = cluster_texts(two_themes);
    CHECK(a.assignment == b.assignment);
    REQUIRE(a.groups.size() == b.groups.size());
    for (std::size_t i = 0; i < a.groups.size(); ++i)
        CHECK(a.groups[i].title == b.groups[i].title);
}

TEST_CASE("edge cases", "[cluster][engine]") {
    CHECK(cluster_texts({}).groups.empty());
    auto const one = cluster_texts({"Un solo contributo"});
    CHECK(one.assignment == std::vector<int>{-1});
    CHECK(one.groups.empty());

    // Duplicates group together; a text that is only stop words stays out.
    auto const dup = cluster_texts({"Dati aperti", "Dati aperti", "il la di che", "Dati aperti"});
    CHECK(dup.assignment[0] >= 0);
    CHECK(dup.assignment[0] == dup.assignment[1]);
    CHECK(dup.assignment[1] == dup.assignment[3]);
    CHECK(dup.assignment[2] == -1);

    // Mixed languages: each text is analyzed in its own.
    auto const mixed = cluster_texts({"Formazione sul cloud", "Formazione cloud per tutti",
                                      "Training on the cloud", "Cloud training for staff"});
    REQUIRE(mixed.assignment.size() == 4);
    CHECK(mixed.assignment[0] >= 0);
    CHECK(mixed.assignment[0] == mixed.assignment[1]);
    CHECK(mixed.assignment[2] >= 0);
    CHECK(mixed.assignment[2] == mixed.assignment[3]);
    CHECK_THAT(mixed.groups[static_cast<std::size_t>(mixed.assignment[2])].title,
               Catch::Contains("training", Catch::CaseSensitive::No));

    // A given number of groups is honoured (ungrouped singletons aside).
    cluster_options three;
    three.k = 3;
    auto const r = cluster_texts(two_themes, three);
    CHECK(r.groups.size() <= 3);
}

TEST_CASE("no group holds more than 35 % of a meeting unless it is one topic",
          "[cluster][engine][balance]") {
    // Four themes of five texts that share the meeting's words ("enti",
    // "formazione", "digitale").
    std::vector<std::string> const texts{
        "Formazione digitale sul cloud per il personale degli enti",
        "Corsi sul cloud e sulla migrazione dei server degli enti",
        "Migrazione al cloud dei gestionali degli enti con formazione",
        "Il cloud regionale per i server degli enti piccoli",
        "Formazione dei tecnici sulla migrazione cloud",
        "Formazione digitale degli anziani nelle biblioteche",
        "Corsi per anziani sull'uso dello smartphone e dello SPID",
        "Facilitatori digitali per gli anziani nei comuni",
        "Punti di facilitazione digitale per anziani e stranieri",
        "Anziani soli che non sanno usare lo smartphone",
        "Dati aperti degli enti pubblicati sul portale regionale",
        "Formazione digitale sulla pubblicazione dei dati aperti",
        "Catalogo regionale dei dati aperti degli enti",
        "Licenze e formati dei dati aperti",
        "Qualità dei dati aperti pubblicati dai comuni",
        "Concorsi per assumere informatici negli enti",
        "Assumere tecnici informatici con concorsi aggregati",
        "Gli informatici degli enti se ne vanno nel privato",
        "Stipendi e carriere degli informatici pubblici",
        "Concorsi deserti per i profili informatici",
    };
    // A low resolution makes Louvain put most of them in one or two groups;
    // the split of oversized groups brings them back under 35 %.
    cluster_options coarse;
    coarse.resolution = 0.4;
    auto unbalanced = coarse;
    unbalanced.max_group_share = 1.0;
    auto const lumped = cluster_texts(texts, unbalanced);
    std::size_t largest = 0;
    for (auto const& g : lumped.groups)
        largest = std::max(largest, g.members.size());
    CHECK(static_cast<double>(largest) > 0.35 * static_cast<double>(texts.size()));
    auto const r = cluster_texts(texts, coarse);
    REQUIRE(r.groups.size() >= 3);
    for (auto const& g : r.groups)
        CHECK(static_cast<double>(g.members.size()) <= 0.35 * static_cast<double>(texts.size()));
    CHECK(cluster_texts(texts).groups.size() >= 3);

    // Texts of one topic stay one group, however many.
    std::vector<std::string> one_topic;
    for (int i = 0; i < 12; ++i)
        one_topic.push_back("Dati aperti dei comuni da pubblicare sul portale regionale, parte " +
                            std::to_string(i % 3));
    auto const same = cluster_texts(one_topic, coarse);
    REQUIRE(same.groups.size() == 1);
    CHECK(same.groups[0].members.size() == one_topic.size());
}
