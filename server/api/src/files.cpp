// Files attached to deliverables: a coordinator puts one (the body is the
// file, ?name= its name), removes it (both naming the objective's version in
// If-Match), downloads it.
#include "exports.hpp"
#include "routes.hpp"
#include "versioning.hpp"
#include "views.hpp"

#include "tavolo/core/text_checks.hpp"

#include <algorithm>

namespace tavolo::api {
namespace {

// Puts the request's file on the objective's deliverable, or removes it.
void put_or_remove(api_context& ctx, bool remove, store::plan_store& s, net::api_request const& req,
                   net::api_respond& respond) {
    auto const o = s.plans().objective(req.params.at("id"));
    if (!o)
        throw refusal{404, "not_found", "no such objective"};
    std::string name, type;
    if (remove)
        expect_no_fields(req.body);
    else {
        auto const given = net::query_value(req.query, "name");
        if (!given)
            refuse("the file's name goes in ?name=");
        auto const checked = core::check_text(*given, rules::file_name);
        if (!checked)
            refuse("the file's name must be one line of 1 to " +
                   std::to_string(rules::file_name.max_chars) + " characters");
        name = std::string(checked.text);
        if (name.find_first_of("/\\") != std::string::npos)
            refuse("the file's name must be one line without / or \\");
        if (req.body.empty())
            refuse("the file is empty");
        auto const t = req.headers.find("content-type");
        type = upload_type(t == req.headers.end() ? "" : t->second);
    }
    // The file's name and type are part of the objective's version: a file
    // put over one the client has not seen is 412, as an edit would be.
    auto const base = objective_etag(*o);
    if (auto refused = check_if_match(req, {{"objective", objective_json(*o)}}, base))
        return respond(std::move(*refused));
    write_if_unchanged(
        ctx, respond, base, objective_etag_now(o->id),
        [id = o->id, name, type, bytes = req.body](store::plan_store& w) {
            w.plans().set_deliverable_file(id, name, type, bytes);
            // New bytes under the same name are a new version too.
            if (auto now = w.plans().objective(id)) {
                now->updated_at = std::max(store::now_ms(), now->updated_at + 1);
                w.plans().save_objective(*now);
            }
        },
        [id = o->id](store::plan_store& r) { return objective_version(r, id); });
}

} // namespace

void add_file_routes(net::api_router& router, api_context& ctx) {
    auto const path = std::string("/api/v1/objectives/{id}/deliverable/file");
    // The upload's body is the file itself, of its own type; the request
    // must still come from tavolo's pages (net checks the Origin).
    for (bool const remove : {false, true})
        router.add(remove ? "DELETE" : "PUT", path,
                   ctx.signed_in_writer(
                       [&ctx, remove](store::plan_store& s, store::coordinator_row const&,
                                      net::api_request const& req, net::api_respond& respond) {
                           put_or_remove(ctx, remove, s, req, respond);
                       }),
                   remove ? net::body_kind::json : net::body_kind::file);
    router.add("GET", path,
               ctx.signed_in([](store::plan_store& s, store::coordinator_row const&,
                                net::api_request const& req) {
                   auto const f = s.plans().deliverable_file(req.params.at("id"));
                   if (!f)
                       return net::api_error(404, "not_found", "this deliverable has no file");
                   return file_response(*f);
               }));
}

} // namespace tavolo::api
