// The open-data catalogue against the real server, read by a real RDF
// parser (rdflib, tests/opendata/check_catalog.py): the Turtle and the
// JSON-LD say the same graph, every published plan of the demo year is a
// dataset with DCAT-AP_IT's mandatory properties under the configured IPA
// code and licence, every distribution's URL answers with the type it
// states, and both CSV variants read back in Python's csv module with their
// accents.
#include "support/api_client.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace tavolo;
using namespace tavolo::test;

namespace {

// The checker's report (its stdout; its stderr stays the test's), run by
// Debian's python3, which has python3-rdflib (scripts/setup --tests), not by
// whatever python3 comes first on the PATH.
json check_catalog(unsigned short port, std::string const& ipa_code, std::string const& licence_url,
                   std::string const& licence_name) {
    auto const command =
        "/usr/bin/python3 '" + std::string(TAVOLO_SOURCE_DIR) +
        "/tests/opendata/check_catalog.py' http://127.0.0.1:" + std::to_string(port) + " '" +
        ipa_code + "' '" + licence_url + "' '" + licence_name + "'";
    FILE* p = popen(command.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    while (auto n = fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    REQUIRE(WEXITSTATUS(pclose(p)) == 0);
    INFO(out);
    auto report = json::parse(out, nullptr, false);
    REQUIRE(report.is_object());
    return report;
}

void check_report(json const& report) {
    for (auto const& problem : report["problems"])
        FAIL_CHECK(problem.get<std::string>());
    CHECK(report["isomorphic"] == true);
    // The demo's finished year: ten communities published their 2026 plan.
    CHECK(report["datasets"] == 10);
    CHECK(report["urls_checked"] == 10 * 5 * 2); // five formats, access and download
    CHECK(report["csv"]["columns"] == 22);
    CHECK(report["csv"]["rows"].get<int>() > 0);
    CHECK(report["csv"]["bom"] == true);
}

} // namespace

TEST_CASE("the DCAT-AP_IT catalogue, read by rdflib: the configured body, IPA code and licence",
          "[integration][open_data]") {
    temp_dir dir;
    std::ofstream(dir / "tavolo.json")
        << json{{"site", {{"body_name", "Regione Esempio"}, {"ipa_code", "r_esempio"}}},
                {"open_data",
                 {{"contact_email", "opendata@regione.example"},
                  {"licence_name", "IODL 2.0"},
                  {"licence_url", "https://www.dati.gov.it/iodl/2.0/"}}}}
               .dump();
    server_process server(dir / "data", {"--config", (dir / "tavolo.json").string()});
    auto const report =
        check_catalog(server.port(), "r_esempio", "https://www.dati.gov.it/iodl/2.0/", "IODL 2.0");
    check_report(report);
    auto const& ids = report["identifiers"];
    CHECK(std::find(ids.begin(), ids.end(), "r_esempio:ct-sanita-digitale-2026") != ids.end());
    // An accented community name came through the Excel variant intact.
    CHECK(report["csv"]["community"].get<std::string>().find("à") != std::string::npos);

    // The Turtle names the body and its contact.
    auto const ttl = request(server.port(), http::verb::get, "/api/v1/public/catalog.ttl");
    CHECK(ttl.text.find("foaf:name \"Regione Esempio\"") != std::string::npos);
    CHECK(ttl.text.find("vcard:hasEmail <mailto:opendata@regione.example>") != std::string::npos);

    // A Host that is no host name never reaches the catalogue's IRIs.
    http::request<http::string_body> bad{http::verb::get, "/api/v1/public/catalog.ttl", 11};
    bad.set(http::field::host, "x<y>");
    auto const refused = exchange(server.port(), bad);
    CHECK(refused.status == 400);
}

TEST_CASE("with no IPA code configured, identifiers fall back to the host; CC BY 4.0 by default",
          "[integration][open_data]") {
    temp_dir dir;
    server_process server(dir / "data");
    auto const host = "127.0.0.1:" + std::to_string(server.port());
    auto const report = check_catalog(server.port(), host,
                                      "https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0");
    check_report(report);
    auto const& ids = report["identifiers"];
    CHECK(std::find(ids.begin(), ids.end(), host + ":ct-sanita-digitale-2026") != ids.end());
}
