// The open-data catalogue's paths (internal to tavolo::api): the published
// plans as a DCAT-AP_IT catalogue in JSON-LD and Turtle, built by
// tavolo::plans (catalog.hpp) from the store's published versions and the
// configuration's "site" and "open_data". Registered by routes.cpp; the
// handlers run on the API thread like every other read.
#pragma once

#include "support.hpp"
#include "tavolo/api/coordinator_api.hpp"

#include <optional>
#include <string>

namespace tavolo::api {

// Where people reach tavolo, without a trailing slash: site.public_url when
// configured, else the request's scheme (https under TLS or a trusted
// proxy's X-Forwarded-Proto) and its Host header. nullopt when the Host is
// missing or not a host name (letters, digits, ".-:[]"), so no header can
// write into the catalogue's IRIs.
std::optional<std::string> public_base_url(site_options const& site, net::api_request const& req);

} // namespace tavolo::api
