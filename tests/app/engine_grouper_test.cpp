// engine_grouper: the cluster engine behind the live module's grouper, its
// board-group anchors mapped to the engine's and back, and its summaries.
#include "app/adapters/engine_grouper.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <future>
#include <set>

using namespace tavolo;

namespace {

std::vector<live::grouper::item> const items{
    {"a", "Formazione del personale sul cloud", ""},
    {"b", "Corsi di formazione sul cloud per i dipendenti", ""},
    {"c", "Formazione cloud per il personale comunale", ""},
    {"d", "Dati aperti dei comuni da pubblicare", ""},
    {"e", "Pubblicare i dati aperti comunali", "g7"},
    {"f", "Portale regionale dei dati aperti", ""},
};

std::vector<live::proposed_group> run(app::engine_grouper& g, std::vector<live::grouper::item> in) {
    std::promise<std::optional<std::vector<live::proposed_group>>> done;
    g.group(std::move(in), [&](auto r) { done.set_value(std::move(r)); });
    auto r = done.get_future().get();
    REQUIRE(r);
    return *r;
}

} // namespace

TEST_CASE("the engine continues a board group it is told is fixed", "[app][engine_grouper]") {
    app::engine_grouper g(std::nullopt, 1);
    auto const groups = run(g, items);
    live::proposed_group const* data = nullptr;
    for (auto const& p : groups)
        if (p.anchor == "g7")
            data = &p;
        else
            CHECK(p.anchor.empty());
    REQUIRE(data);
    CHECK(std::set<std::string>(data->members.begin(), data->members.end()) ==
          std::set<std::string>{"d", "e", "f"});
    CHECK_FALSE(data->title.empty());
}

TEST_CASE("the engine describes a group of texts on the caller's thread", "[app][engine_grouper]") {
    app::engine_grouper g(std::nullopt, 1);
    auto const s =
        g.describe({"Dati aperti dei comuni da pubblicare", "Pubblicare i dati aperti comunali"});
    REQUIRE(s);
    CHECK_FALSE(s->title.empty());
    CHECK(std::find(s->keywords.begin(), s->keywords.end(), "aperti") != s->keywords.end());
    CHECK(s->cohesion > 0);
    CHECK(s->cohesion <= 1);
}
