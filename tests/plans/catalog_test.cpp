// The open-data catalogue as a harvester reads it: every dataset with
// DCAT-AP_IT's mandatory properties, identifiers under the body's IPA code,
// the configured licence, a distribution per format with absolute URLs, and
// the same triples in Turtle and JSON-LD, strings escaped in both.
#include "tavolo/plans/catalog.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace tavolo;
using nlohmann::json;

namespace {

plans::catalog_site site() {
    return {.base_url = "https://partecipa.regione.example",
            .body_name = "Regione Esempio",
            .ipa_code = "r_esempio",
            .contact_email = "opendata@regione.example",
            .licence_name = "CC BY 4.0",
            .licence_url = "https://creativecommons.org/licenses/by/4.0/"};
}

std::vector<plans::published_plan> two_plans() {
    // 1782820800000: 2026-06-30T12:00:00Z.
    return {{.community = {1, "ct-dati", "Comunità \"Dati\"\\aperti\nlinea due", ""},
             .year = 2026,
             .version = 2,
             .published_at = 1782820800000},
            {.community = {2, "ct-sanita", "Sanità digitale", ""},
             .year = 2027,
             .version = 1,
             .published_at = 1782820800000 + 86400000LL * 3}};
}

plans::rdf::node const& node_of(plans::rdf::graph const& g, std::string const& id) {
    auto const at = std::find_if(g.begin(), g.end(), [&](auto const& n) { return n.id == id; });
    REQUIRE(at != g.end());
    return *at;
}

std::vector<plans::rdf::term> values(plans::rdf::node const& n, std::string const& predicate) {
    std::vector<plans::rdf::term> out;
    for (auto const& [p, o] : n.properties)
        if (p == predicate)
            out.push_back(o);
    return out;
}

} // namespace

TEST_CASE("every dataset has DCAT-AP_IT's mandatory properties", "[plans][catalog]") {
    auto const g = plans::catalog_graph(site(), two_plans(), 0);
    std::vector<plans::rdf::node> datasets;
    for (auto const& n : g)
        if (std::count(n.types.begin(), n.types.end(), "dcatapit:Dataset"))
            datasets.push_back(n);
    REQUIRE(datasets.size() == 2);
    for (auto const& d : datasets) {
        INFO(d.id);
        for (auto const* p :
             {"dct:identifier", "dct:title", "dct:description", "dct:modified", "dcat:theme",
              "dct:rightsHolder", "dct:accrualPeriodicity", "dct:publisher", "dcat:contactPoint",
              "dct:language", "dcat:distribution"})
            CHECK_FALSE(values(d, p).empty());
        CHECK(values(d, "dcat:theme")[0].value ==
              "http://publications.europa.eu/resource/authority/data-theme/GOVE");
        CHECK(values(d, "dct:accrualPeriodicity")[0].value ==
              "http://publications.europa.eu/resource/authority/frequency/ANNUAL");
        CHECK(values(d, "dcat:distribution").size() == plans::distribution_formats().size());
    }
    auto const& first =
        node_of(g, "https://partecipa.regione.example/api/v1/public/catalog#ct-dati-2026");
    CHECK(values(first, "dct:identifier")[0].value == "r_esempio:ct-dati-2026");
    CHECK(values(first, "dct:modified")[0].value == "2026-06-30");
    CHECK(values(first, "dct:modified")[0].datatype == "xsd:date");
    auto const titles = values(first, "dct:title");
    REQUIRE(titles.size() == 2);
    CHECK(titles[0].language == "it");
    CHECK(titles[0].value == "Piano di attività 2026 — Comunità \"Dati\"\\aperti\nlinea due");
    CHECK(titles[1].language == "en");

    // The rights holder and publisher: the body, by its IPA code.
    auto const& agent = node_of(g, values(first, "dct:rightsHolder")[0].value);
    CHECK(agent.types[0] == "dcatapit:Agent");
    CHECK(values(agent, "dct:identifier")[0].value == "r_esempio");
    CHECK(values(agent, "foaf:name")[0].value == "Regione Esempio");
    auto const& contact = node_of(g, values(first, "dcat:contactPoint")[0].value);
    CHECK(contact.types[0] == "dcatapit:Organization");
    CHECK(values(contact, "vcard:hasEmail")[0].value == "mailto:opendata@regione.example");

    // The catalogue lists both and is as new as the newest.
    auto const& catalog = node_of(g, "https://partecipa.regione.example/api/v1/public/catalog");
    CHECK(catalog.types[0] == "dcatapit:Catalog");
    CHECK(values(catalog, "dcat:dataset").size() == 2);
    CHECK(values(catalog, "dct:modified")[0].value == "2026-07-03");
}

TEST_CASE("a distribution per format, absolute URLs, the configured licence", "[plans][catalog]") {
    auto s = site();
    auto const g = plans::catalog_graph(s, two_plans(), 0);
    std::map<std::string, std::string> formats; // ?format= -> file type
    for (auto const& n : g) {
        if (n.types.empty() || n.types[0] != "dcatapit:Distribution")
            continue;
        auto const access = values(n, "dcat:accessURL")[0].value;
        auto const download = values(n, "dcat:downloadURL")[0].value;
        CHECK(access.rfind("https://partecipa.regione.example/api/v1/public/communities/", 0) == 0);
        CHECK(download == access + "&download=1");
        CHECK(values(n, "dct:license")[0].value == s.licence_url);
        if (access.find("ct-dati/plans/2026") != std::string::npos)
            formats[access.substr(access.find("format=") + 7)] = values(n, "dct:format")[0].value;
    }
    std::string const types = "http://publications.europa.eu/resource/authority/file-type/";
    CHECK(formats == std::map<std::string, std::string>{{"csv", types + "CSV"},
                                                        {"csv-excel-it", types + "CSV"},
                                                        {"json", types + "JSON"},
                                                        {"html", types + "HTML"},
                                                        {"md", types + "TXT"}});
    // The CSV's separator is stated where a reader looks.
    auto const& csv = node_of(
        g, "https://partecipa.regione.example/api/v1/public/catalog#ct-dati-2026-csv-excel-it");
    CHECK(values(csv, "dct:description")[0].value.find("punto e virgola (;)") != std::string::npos);

    auto const& licence = node_of(g, s.licence_url);
    CHECK(licence.types[0] == "dcatapit:LicenseDocument");
    CHECK(values(licence, "foaf:name")[0].value == "CC BY 4.0");
    CHECK(values(licence, "dct:type")[0].value == "http://purl.org/adms/licencetype/Attribution");

    SECTION("another licence carries its own name and no CC type") {
        s.licence_name = "IODL 2.0";
        s.licence_url = "https://www.dati.gov.it/iodl/2.0/";
        auto const other = plans::catalog_graph(s, two_plans(), 0);
        auto const& l = node_of(other, s.licence_url);
        CHECK(values(l, "foaf:name")[0].value == "IODL 2.0");
        CHECK(values(l, "dct:type").empty());
    }
}

TEST_CASE("with no IPA code, identifiers fall back to the host", "[plans][catalog]") {
    auto s = site();
    s.ipa_code.clear();
    s.body_name.clear();
    s.contact_email.clear();
    s.base_url = "http://127.0.0.1:8080";
    CHECK(plans::catalog_prefix(s) == "127.0.0.1:8080");
    auto const g = plans::catalog_graph(s, two_plans(), 0);
    auto const& d = node_of(g, "http://127.0.0.1:8080/api/v1/public/catalog#ct-sanita-2027");
    CHECK(values(d, "dct:identifier")[0].value == "127.0.0.1:8080:ct-sanita-2027");
    auto const& agent = node_of(g, values(d, "dct:publisher")[0].value);
    CHECK(values(agent, "foaf:name")[0].value == "127.0.0.1:8080");
    auto const& contact = node_of(g, values(d, "dcat:contactPoint")[0].value);
    CHECK(values(contact, "vcard:hasEmail").empty());
    CHECK(values(contact, "vcard:fn")[0].value == "127.0.0.1:8080");
}

TEST_CASE("an empty catalogue is still a catalogue, dated today", "[plans][catalog]") {
    auto const g = plans::catalog_graph(site(), {}, 1782820800000);
    REQUIRE(g.size() == 4); // catalogue, agent, contact point, licence
    CHECK(values(g[0], "dct:modified")[0].value == "2026-06-30");
    CHECK(values(g[0], "dcat:dataset").empty());
    CHECK(plans::rdf::to_json_ld(g)["@graph"].size() == 4);
}

TEST_CASE("Turtle escapes strings and IRIs", "[plans][catalog][rdf]") {
    plans::rdf::graph g{{.id = "http://x.example/a", .types = {"dcat:Dataset"}, .properties = {}}};
    g[0].add("dct:title", plans::rdf::text("a \"b\" \\ c\nd\re\tf\x01 è", "it"))
        .add("dct:modified", plans::rdf::typed("2026-06-30", "xsd:date"))
        .add("dcat:landingPage", plans::rdf::iri("http://x.example/p q<r>\"s\"{t}"));
    auto const ttl = plans::rdf::to_turtle(g);
    CHECK(ttl.find("@prefix dcatapit: <http://dati.gov.it/onto/dcatapit#> .\n") !=
          std::string::npos);
    CHECK(ttl.find("<http://x.example/a>\n    a dcat:Dataset ;\n") != std::string::npos);
    CHECK(ttl.find(R"(dct:title "a \"b\" \\ c\nd\re\tf\u0001 è"@it ;)") != std::string::npos);
    CHECK(ttl.find(R"(dct:modified "2026-06-30"^^xsd:date ;)") != std::string::npos);
    CHECK(ttl.find("dcat:landingPage <http://x.example/p%20q%3Cr%3E%22s%22%7Bt%7D> .\n") !=
          std::string::npos);
    // No raw line break inside a literal: each line is a prefix, a subject or a property.
    CHECK(ttl.find("\nd") == std::string::npos);
}

TEST_CASE("JSON-LD says what the Turtle says", "[plans][catalog][rdf]") {
    auto const g = plans::catalog_graph(site(), two_plans(), 0);
    auto const ld = plans::rdf::to_json_ld(g);
    CHECK(ld["@context"]["dcatapit"] == "http://dati.gov.it/onto/dcatapit#");
    CHECK(ld["@context"]["xsd"] == "http://www.w3.org/2001/XMLSchema#");
    REQUIRE(ld["@graph"].size() == g.size());
    std::size_t objects = 0, json_objects = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        auto const& n = ld["@graph"][i];
        CHECK(n["@id"] == g[i].id);
        CHECK(n["@type"] == json(g[i].types));
        objects += g[i].properties.size();
        for (auto const& [key, list] : n.items())
            if (key[0] != '@')
                json_objects += list.size();
    }
    CHECK(objects == json_objects);
    auto const& d = ld["@graph"][4]; // the first dataset
    CHECK(d["dct:modified"][0] == json{{"@value", "2026-06-30"}, {"@type", "xsd:date"}});
    CHECK(d["dct:title"][0]["@language"] == "it");
    CHECK(d["dct:title"][0]["@value"] ==
          "Piano di attività 2026 — Comunità \"Dati\"\\aperti\nlinea due");
    CHECK(d["dcat:theme"][0] ==
          json{{"@id", "http://publications.europa.eu/resource/authority/data-theme/GOVE"}});
}
