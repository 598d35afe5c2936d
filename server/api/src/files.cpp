// Files attached to deliverables: a coordinator puts one (the body is the
// file, ?name= its name), removes it, downloads it.
#include "exports.hpp"
#include "routes.hpp"
#include "views.hpp"

#include "tavolo/core/text_checks.hpp"

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
    ctx.write_then(
        respond,
        [id = o->id, name, type, bytes = req.body](store::plan_store& w) {
            w.plans().set_deliverable_file(id, name, type, bytes);
        },
        [id = o->id](store::plan_store& r) {
            auto const back = r.plans().objective(id);
            return ok({{"objective", objective_json(*back)}});
        });
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
