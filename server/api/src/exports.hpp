// Plans and files as they leave the API (internal to tavolo::api): the
// parameters of an export (?format=, ?lang=, ?download=), the plan document
// of a version, the system plan, and files served for download. Shared by
// the signed-in plans (plans.cpp, files.cpp) and the public paths (public.cpp).
#pragma once

#include "support.hpp"
#include "tavolo/api/coordinator_api.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"

// Issue 17: the plan documents move to tavolo::plans
// ("tavolo/plans/plan_document.hpp"); `docs` names wherever they live.
#include "tavolo/plans/plan_document.hpp"

namespace tavolo::api {

namespace docs = tavolo::plans;

// The path's {year}; refuses one that is not a year from 2000 to 2100.
// A year as written in a path or a query ("2027"), from 2000 to 2100; a
// refusal (400) otherwise.
std::int64_t year_from(std::string const& text);
std::int64_t year_of(net::api_request const& req);
// ?format= (json by default) and ?lang= (it by default); refuse others.
docs::export_format format_of(net::api_request const& req);
docs::export_language lang_of(net::api_request const& req);
// ?download= other than 0: the answer is an attachment.
bool download(net::api_request const& req);
// "piano-<slug>-<year>[-v<version>]", without extension.
std::string file_name(std::string const& slug, std::int64_t year, std::int64_t version);

// The footer of every HTML export: the body and its accessibility statement
// and feedback address (config "site"), as the pages show them.
docs::page_footer page_footer_of(site_options const& site);

// A rendered document as the answer, with its file name.
net::api_response as_export(docs::rendered r, std::string const& file_name, bool download);

// The document of a plan row: its snapshot once published, else the
// community's approved objectives of the year as they stand.
json document_of(store::plan_store& s, store::community_row const& c, store::plan_row const& p);
// A community's plan for the year as it stands: its newest version, or with
// no version yet its approved objectives as version 0 (status "none").
json current_document(store::plan_store& s, store::community_row const& c, std::int64_t year);
// A plan version exported in `format`, in the language and as the
// attachment the request asks for; an HTML page ends with `footer`.
net::api_response export_plan(store::plan_store& s, store::community_row const& c,
                              store::plan_row const& p, docs::export_format format,
                              net::api_request const& req, docs::page_footer const& footer);

// The system plan of the path's {year}: every community's plan and their
// figures; the published plans only, or for coordinators the plans as they
// stand.
net::api_response system_plan(store::plan_store& s, net::api_request const& req,
                              bool published_only, docs::page_footer const& footer);

// A stored file for download: a type a browser may be told, its name in
// Content-Disposition.
net::api_response file_response(store::plans::file const& f);
// The type an uploaded file is stored with: its Content-Type when a browser
// may be told it, else application/octet-stream.
std::string upload_type(std::string const& content_type);

} // namespace tavolo::api
