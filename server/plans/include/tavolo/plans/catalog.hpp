// The open-data catalogue of the published plans, as the Italian national
// catalogue (dati.gov.it) harvests it: a DCAT-AP_IT graph with one
// dcatapit:Dataset per community and year that has a published plan, and a
// dcatapit:Distribution per format its public path serves. One builder; the
// API writes its graph as JSON-LD or Turtle (rdf.hpp).
// Pure functions over values; any thread.
#pragma once

#include "tavolo/plans/plan_document.hpp"
#include "tavolo/plans/rdf.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace tavolo::plans {

// Who publishes and where (config "site" and "open_data").
struct catalog_site {
    std::string base_url; // "https://partecipa.regione.example", no trailing slash
    std::string body_name;
    // The body's code in the IPA index; the prefix of every dataset's
    // identifier ("r_toscan:ct-dati-2027"). Empty: the host of base_url
    // stands in for it (see catalog_prefix).
    std::string ipa_code;
    std::string contact_email; // empty: the contact point has no e-mail
    std::string licence_name;
    std::string licence_url;
};

// The newest published version of a community's plan for a year.
struct published_plan {
    community_row community;
    std::int64_t year = 0;
    std::int64_t version = 0;
    std::int64_t published_at = 0; // milliseconds since the epoch
};

// A format the public plan path serves, as the catalogue offers it.
struct distribution_format {
    char const* name;     // ?format=
    char const* title_it; // "CSV Excel (Italia)"
    char const* title_en;
    char const* file_type; // the EU file-type authority's code: "CSV"
    char const* media_type;
    char const* about_it; // what a reader should know (the CSV separator)
    char const* about_en;
};
std::vector<distribution_format> const& distribution_formats();

// The IPA code, or with none configured the host of base_url: what
// identifiers start with and what the publishing agent's dct:identifier is.
std::string catalog_prefix(catalog_site const& site);
// "{prefix}:{slug}-{year}".
std::string dataset_identifier(catalog_site const& site, published_plan const& p);
// "2027-06-30": the UTC day of a time in milliseconds.
std::string iso_day(std::int64_t ms);

// The catalogue: dcatapit:Catalog, its publishing agent, contact point,
// licence, and each plan's dataset and distributions; `plans` in the order
// to list them. The catalogue's dct:modified is the newest publication's
// day, or with none published the day of `now_ms`.
rdf::graph catalog_graph(catalog_site const& site, std::vector<published_plan> const& plans,
                         std::int64_t now_ms);

} // namespace tavolo::plans
