// Groups a facilitator fixed (cluster_options::anchors): they come back with
// their fixed texts, and free texts that continue them are drawn to them.
#include "tavolo/cluster/engine.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace tavolo::cluster;

namespace {

std::vector<std::string> const meeting{
    "Formazione del personale sul cloud", // 0
    "Corsi di formazione sul cloud per i dipendenti",
    "Formazione cloud per il personale comunale", // 2
    "Dati aperti dei comuni da pubblicare",
    "Pubblicare i dati aperti comunali", // 4
    "Portale regionale dei dati aperti",
    "Autobus più frequenti nelle linee di periferia", // 6
};

group const* anchored(clustering const& r, int anchor) {
    auto const it = std::find_if(r.groups.begin(), r.groups.end(),
                                 [&](group const& g) { return g.anchor == anchor; });
    return it == r.groups.end() ? nullptr : &*it;
}

bool has(group const& g, std::size_t member) {
    return std::find(g.members.begin(), g.members.end(), member) != g.members.end();
}

} // namespace

TEST_CASE("a fixed text stays in its group however unlike the others", "[cluster][anchors]") {
    cluster_options options;
    // The bus text fixed with one training text: a facilitator's choice.
    options.anchors = {3, -1, -1, -1, -1, -1, 3};
    auto const r = cluster_texts(meeting, options);
    auto const* fixed = anchored(r, 3);
    REQUIRE(fixed);
    CHECK(has(*fixed, 0));
    CHECK(has(*fixed, 6));
    CHECK(r.assignment[0] == r.assignment[6]);
    CHECK_FALSE(fixed->title.empty());
    // The free groups have no anchor.
    for (auto const& g : r.groups)
        if (&g != fixed)
            CHECK(g.anchor == -1);
}

TEST_CASE("the free texts that continue a fixed group are drawn to it", "[cluster][anchors]") {
    cluster_options options;
    // One open-data text pinned: the other open-data texts come with it,
    // the training ones stay a free group of their own.
    options.anchors = {-1, -1, -1, -1, 0, -1, -1};
    auto const r = cluster_texts(meeting, options);
    auto const* data = anchored(r, 0);
    REQUIRE(data);
    CHECK(data->members.size() == 3);
    CHECK(has(*data, 3));
    CHECK(has(*data, 4));
    CHECK(has(*data, 5));
    CHECK_THAT(data->title, Catch::Contains("dati") || Catch::Contains("Dati"));
    REQUIRE(r.assignment[0] >= 0);
    auto const& training = r.groups[static_cast<std::size_t>(r.assignment[0])];
    CHECK(training.anchor == -1);
    CHECK(r.assignment[1] == r.assignment[0]);
    CHECK(r.assignment[2] == r.assignment[0]);
    CHECK(r.assignment[6] != r.assignment[4]); // the bus is nothing like open data
}

TEST_CASE("each fixed group keeps its own theme", "[cluster][anchors]") {
    cluster_options options;
    options.anchors = {7, -1, -1, -1, -1, 2, -1};
    auto const r = cluster_texts(meeting, options);
    auto const* training = anchored(r, 7);
    auto const* data = anchored(r, 2);
    REQUIRE(training);
    REQUIRE(data);
    CHECK(has(*training, 1));
    CHECK(has(*training, 2));
    CHECK_FALSE(has(*training, 3));
    CHECK(has(*data, 3));
    CHECK(has(*data, 4));
    CHECK_FALSE(has(*data, 1));
}

TEST_CASE("a fixed group of one text is still a group", "[cluster][anchors]") {
    cluster_options options;
    options.anchors = {-1, -1, -1, -1, -1, -1, 5};
    auto const r = cluster_texts(meeting, options);
    auto const* bus = anchored(r, 5);
    REQUIRE(bus);
    CHECK(bus->members == std::vector<std::size_t>{6});
    CHECK(bus->cohesion == 1.0);
    CHECK(r.assignment[6] >= 0);
}

TEST_CASE("no anchor, or all free, groups as before; the same input the same groups",
          "[cluster][anchors]") {
    auto const plain = cluster_texts(meeting);
    cluster_options options;
    options.anchors.assign(meeting.size(), -1);
    auto const free = cluster_texts(meeting, options);
    CHECK(free.assignment == plain.assignment);
    for (auto const& g : free.groups)
        CHECK(g.anchor == -1);

    options.anchors = {-1, 1, -1, 0, -1, -1, -1};
    auto const a = cluster_texts(meeting, options);
    auto const b = cluster_texts(meeting, options);
    CHECK(a.assignment == b.assignment);
    REQUIRE(a.groups.size() == b.groups.size());
    for (std::size_t i = 0; i < a.groups.size(); ++i) {
        CHECK(a.groups[i].members == b.groups[i].members);
        CHECK(a.groups[i].title == b.groups[i].title);
        CHECK(a.groups[i].anchor == b.groups[i].anchor);
    }
}

TEST_CASE("a text that fits no free group goes to the fixed group it resembles",
          "[cluster][anchors]") {
    auto texts = meeting;
    texts.push_back("Linee di autobus in periferia più frequenti la sera"); // 7
    cluster_options options;
    options.anchors = {-1, -1, -1, -1, -1, -1, 0, -1};
    auto const r = cluster_texts(texts, options);
    auto const* bus = anchored(r, 0);
    REQUIRE(bus);
    // The other bus text alone, nothing of the other themes.
    CHECK(bus->members == std::vector<std::size_t>{6, 7});
    CHECK(r.assignment[7] == r.assignment[6]);
}
