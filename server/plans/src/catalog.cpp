#include "tavolo/plans/catalog.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace tavolo::plans {
namespace {

using rdf::iri;
using rdf::text;

constexpr char const* eu_authority = "http://publications.europa.eu/resource/authority/";

std::string catalog_iri(catalog_site const& site) {
    return site.base_url + "/api/v1/public/catalog";
}

std::string plan_url(catalog_site const& site, published_plan const& p) {
    return site.base_url + "/api/v1/public/communities/" + p.community.slug + "/plans/" +
           std::to_string(p.year);
}

std::string dataset_iri(catalog_site const& site, published_plan const& p) {
    return catalog_iri(site) + "#" + p.community.slug + "-" + std::to_string(p.year);
}

std::string body_name(catalog_site const& site) {
    return site.body_name.empty() ? catalog_prefix(site) : site.body_name;
}

// The Creative Commons Attribution licence, whichever way its address is written.
bool attribution_licence(std::string const& url) {
    return url.find("creativecommons.org/licenses/by/") != std::string::npos;
}

rdf::node agent(catalog_site const& site) {
    rdf::node n{.id = catalog_iri(site) + "#publisher",
                .types = {"dcatapit:Agent", "foaf:Agent"},
                .properties = {}};
    n.add("dct:identifier", text(catalog_prefix(site))).add("foaf:name", text(body_name(site)));
    return n;
}

rdf::node contact_point(catalog_site const& site) {
    rdf::node n{.id = catalog_iri(site) + "#contact-point",
                .types = {"dcatapit:Organization", "vcard:Organization", "vcard:Kind"},
                .properties = {}};
    n.add("vcard:fn", text(body_name(site)));
    if (!site.contact_email.empty())
        n.add("vcard:hasEmail", iri("mailto:" + site.contact_email));
    return n;
}

rdf::node licence(catalog_site const& site) {
    rdf::node n{.id = rdf::safe_iri(site.licence_url),
                .types = {"dcatapit:LicenseDocument", "dct:LicenseDocument"},
                .properties = {}};
    n.add("foaf:name", text(site.licence_name));
    if (attribution_licence(site.licence_url))
        n.add("dct:type", iri("http://purl.org/adms/licencetype/Attribution"));
    return n;
}

rdf::node catalog(catalog_site const& site, std::vector<published_plan> const& plans,
                  std::int64_t now_ms) {
    auto const body = body_name(site);
    rdf::node n{
        .id = catalog_iri(site), .types = {"dcatapit:Catalog", "dcat:Catalog"}, .properties = {}};
    n.add("dct:title", text("Piani di attività delle comunità tematiche — " + body, "it"))
        .add("dct:title", text("Activity plans of the thematic communities — " + body, "en"))
        .add("dct:description",
             text("I piani di attività annuali pubblicati dalle comunità tematiche di " + body +
                      ": obiettivi approvati, prodotti, gruppi di lavoro e contributi.",
                  "it"))
        .add("dct:description",
             text("The yearly activity plans published by the thematic communities of " + body +
                      ": approved objectives, deliverables, working groups and contributions.",
                  "en"))
        .add("dct:publisher", iri(catalog_iri(site) + "#publisher"));
    std::int64_t newest = 0;
    for (auto const& p : plans)
        newest = std::max(newest, p.published_at);
    n.add("dct:modified", rdf::typed(iso_day(plans.empty() ? now_ms : newest), "xsd:date"))
        .add("dct:language", iri(std::string(eu_authority) + "language/ITA"))
        .add("foaf:homepage", iri(site.base_url + "/"))
        .add("dcat:themeTaxonomy", iri(std::string(eu_authority) + "data-theme"));
    for (auto const& p : plans)
        n.add("dcat:dataset", iri(dataset_iri(site, p)));
    return n;
}

rdf::node dataset(catalog_site const& site, published_plan const& p) {
    auto const year = std::to_string(p.year);
    auto const& name = p.community.name;
    rdf::node n{.id = dataset_iri(site, p),
                .types = {"dcatapit:Dataset", "dcat:Dataset"},
                .properties = {}};
    n.add("dct:identifier", text(dataset_identifier(site, p)))
        .add("dct:title", text("Piano di attività " + year + " — " + name, "it"))
        .add("dct:title", text("Activity plan " + year + " — " + name, "en"))
        .add("dct:description",
             text("Gli obiettivi approvati per il " + year + " dalla comunità tematica " + name +
                      ", con i prodotti attesi, il periodo, gli enti responsabili, i gruppi di "
                      "lavoro e i contributi dei partecipanti da cui vengono (versione " +
                      std::to_string(p.version) + ").",
                  "it"))
        .add("dct:description",
             text("The objectives the thematic community " + name + " approved for " + year +
                      ", with their deliverables, period, lead bodies, working groups and the "
                      "participants' contributions they came from (version " +
                      std::to_string(p.version) + ").",
                  "en"))
        .add("dct:modified", rdf::typed(iso_day(p.published_at), "xsd:date"))
        .add("dcat:theme", iri(std::string(eu_authority) + "data-theme/GOVE"))
        .add("dct:rightsHolder", iri(catalog_iri(site) + "#publisher"))
        .add("dct:publisher", iri(catalog_iri(site) + "#publisher"))
        .add("dct:accrualPeriodicity", iri(std::string(eu_authority) + "frequency/ANNUAL"))
        .add("dcat:contactPoint", iri(catalog_iri(site) + "#contact-point"))
        .add("dct:language", iri(std::string(eu_authority) + "language/ITA"))
        .add("dcat:keyword", text("piano di attività", "it"))
        .add("dcat:keyword", text("comunità tematiche", "it"))
        .add("dcat:landingPage", iri(plan_url(site, p) + "?format=html"));
    for (auto const& f : distribution_formats())
        n.add("dcat:distribution", iri(dataset_iri(site, p) + "-" + f.name));
    return n;
}

rdf::node distribution(catalog_site const& site, published_plan const& p,
                       distribution_format const& f) {
    auto const url = plan_url(site, p) + "?format=" + f.name;
    rdf::node n{.id = dataset_iri(site, p) + "-" + f.name,
                .types = {"dcatapit:Distribution", "dcat:Distribution"},
                .properties = {}};
    n.add("dct:title", text(f.title_it, "it"))
        .add("dct:title", text(f.title_en, "en"))
        .add("dct:description", text(f.about_it, "it"))
        .add("dct:description", text(f.about_en, "en"))
        .add("dct:format", iri(std::string(eu_authority) + "file-type/" + f.file_type))
        .add("dcat:mediaType",
             iri(std::string("http://www.iana.org/assignments/media-types/") + f.media_type))
        .add("dcat:accessURL", iri(url))
        .add("dcat:downloadURL", iri(url + "&download=1"))
        .add("dct:license", iri(site.licence_url));
    return n;
}

} // namespace

std::vector<distribution_format> const& distribution_formats() {
    static std::vector<distribution_format> const all{
        {.name = "csv",
         .title_it = "CSV",
         .title_en = "CSV",
         .file_type = "CSV",
         .media_type = "text/csv",
         .about_it =
             "Una riga per obiettivo. RFC 4180: separatore virgola (,), UTF-8, righe terminate da "
             "CRLF, una riga di intestazione, ogni campo tra virgolette doppie.",
         .about_en =
             "One row per objective. RFC 4180: comma (,) separator, UTF-8, CRLF line ends, one "
             "header row, every field in double quotes."},
        {.name = "csv-excel-it",
         .title_it = "CSV Excel (Italia)",
         .title_en = "CSV Excel (Italy)",
         .file_type = "CSV",
         .media_type = "text/csv",
         .about_it = "Le stesse righe per un foglio di calcolo in italiano: separatore punto e "
                     "virgola (;), "
                     "UTF-8 con BOM, righe terminate da CRLF, una riga di intestazione.",
         .about_en =
             "The same rows for a spreadsheet set up in Italian: semicolon (;) separator, UTF-8 "
             "with a byte order mark, CRLF line ends, one header row."},
        {.name = "json",
         .title_it = "JSON",
         .title_en = "JSON",
         .file_type = "JSON",
         .media_type = "application/json",
         .about_it = "Il documento del piano: comunità, anno, versione e obiettivi.",
         .about_en = "The plan document: community, year, version and objectives."},
        {.name = "html",
         .title_it = "HTML",
         .title_en = "HTML",
         .file_type = "HTML",
         .media_type = "text/html",
         .about_it = "Il piano come pagina stampabile.",
         .about_en = "The plan as a printable page."},
        {.name = "md",
         .title_it = "Markdown",
         .title_en = "Markdown",
         .file_type = "TXT",
         .media_type = "text/markdown",
         .about_it = "Il piano come testo Markdown.",
         .about_en = "The plan as Markdown text."},
    };
    return all;
}

std::string catalog_prefix(catalog_site const& site) {
    if (!site.ipa_code.empty())
        return site.ipa_code;
    auto host = site.base_url.substr(
        site.base_url.find("://") == std::string::npos ? 0 : site.base_url.find("://") + 3);
    return host.substr(0, host.find('/'));
}

std::string dataset_identifier(catalog_site const& site, published_plan const& p) {
    return catalog_prefix(site) + ":" + p.community.slug + "-" + std::to_string(p.year);
}

std::string iso_day(std::int64_t ms) {
    using namespace std::chrono;
    year_month_day const d{floor<days>(sys_time<milliseconds>(milliseconds(ms)))};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                  unsigned(d.day()));
    return buf;
}

rdf::graph catalog_graph(catalog_site const& site, std::vector<published_plan> const& plans,
                         std::int64_t now_ms) {
    rdf::graph g{catalog(site, plans, now_ms), agent(site), contact_point(site), licence(site)};
    for (auto const& p : plans) {
        g.push_back(dataset(site, p));
        for (auto const& f : distribution_formats())
            g.push_back(distribution(site, p, f));
    }
    return g;
}

} // namespace tavolo::plans
