// The body's accessibility statement and feedback address, as a deployer
// sets them (config "site"), against the real server: GET
// /api/v1/public/site gives them to the pages, and the published plans' and
// the system plan's HTML pages carry them in their footer; without the
// settings the answer is null and the pages have no footer.
#include "support/api_client.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace tavolo;
using namespace tavolo::test;
using verb = http::verb;

namespace {

bool has(std::string const& text, std::string const& what) {
    return text.find(what) != std::string::npos;
}

// A server on a fresh data directory (with the demo and its published year
// 2026) and the configuration file `config`.
struct site_server {
    temp_dir dir;
    std::unique_ptr<server_process> server;

    explicit site_server(json const& config) {
        std::ofstream(dir.path() / "tavolo.json") << config.dump();
        server = std::make_unique<server_process>(
            dir.path() / "data",
            std::vector<std::string>{"--config", (dir.path() / "tavolo.json").string()});
    }
    answer get(std::string const& target) { return request(server->port(), verb::get, target); }
};

std::vector<std::string> const html_pages{
    "/api/v1/public/system-plans/2026?format=html",
    "/api/v1/public/communities/ct-sanita-digitale/plans/2026?format=html",
    "/api/v1/public/communities/ct-sanita-digitale/plans/2026?format=html&download=1"};

} // namespace

TEST_CASE("the site's accessibility statement and feedback address reach the pages and the "
          "published plans",
          "[integration][site]") {
    site_server s(json{{"site",
                        {{"body_name", "Regione Esempio"},
                         {"accessibility_statement_url", "https://form.agid.gov.it/view/esempio"},
                         {"feedback_email", "accessibilita@regione.example"}}}});

    auto const site = s.get("/api/v1/public/site");
    REQUIRE(site.status == 200);
    CHECK(site.content_type == "application/json");
    CHECK(site.body ==
          json{{"body_name", "Regione Esempio"},
               {"accessibility_statement_url", "https://form.agid.gov.it/view/esempio"},
               {"feedback_email", "accessibilita@regione.example"}});

    for (auto const& target : html_pages) {
        INFO(target);
        auto const page = s.get(target);
        REQUIRE(page.status == 200);
        CHECK(has(page.content_type, "text/html"));
        CHECK(has(page.text, "<footer class=\"site-footer\">"));
        CHECK(has(page.text, "Regione Esempio"));
        CHECK(has(page.text, "<a href=\"https://form.agid.gov.it/view/esempio\">Dichiarazione di "
                             "accessibilità</a>"));
        CHECK(has(page.text, "<a href=\"mailto:accessibilita@regione.example\">Segnala un "
                             "problema di accessibilità</a>"));
    }
    auto const en = s.get("/api/v1/public/system-plans/2026?format=html&lang=en");
    CHECK(has(en.text, ">Accessibility statement</a>"));
    CHECK(has(en.text, ">Report an accessibility problem</a>"));
    // Only the HTML page has a footer.
    auto const md = s.get("/api/v1/public/system-plans/2026?format=md").text;
    CHECK(!has(md, "Dichiarazione di accessibilità"));
    CHECK(!has(md, "mailto:"));
}

TEST_CASE("without the site's settings the answer is null and the pages have no footer",
          "[integration][site]") {
    site_server s(json::object());
    auto const site = s.get("/api/v1/public/site");
    REQUIRE(site.status == 200);
    CHECK(site.body == json{{"body_name", nullptr},
                            {"accessibility_statement_url", nullptr},
                            {"feedback_email", nullptr}});
    for (auto const& target : html_pages) {
        INFO(target);
        auto const page = s.get(target);
        REQUIRE(page.status == 200);
        CHECK(!has(page.text, "<footer"));
        CHECK(has(page.text, "</main>\n</body>"));
    }
}

TEST_CASE("a statement address that is not a web address stops the start", "[integration][site]") {
    temp_dir dir;
    std::ofstream(dir.path() / "tavolo.json")
        << json{{"site", {{"accessibility_statement_url", "javascript:alert(1)"}}}}.dump();
    auto const [code, out] =
        run_tavolo("serve --port 0 --data '" + (dir.path() / "data").string() + "' --config '" +
                   (dir.path() / "tavolo.json").string() + "'");
    CHECK(code != 0);
    CHECK(has(out, "site.accessibility_statement_url"));
}
