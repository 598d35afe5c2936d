#include "tavolo/api/coordinator_api.hpp"

#include "access_rules.hpp"
#include "context.hpp"
#include "routes.hpp"

#include <stdexcept>

namespace tavolo::api {

coordinator_api::coordinator_api(std::filesystem::path const& db_path,
                                 store::database_options const& db, store::write_queue& writer,
                                 coordinator_api_options options, live_hooks hooks)
    : context_(std::make_unique<api_context>(db_path, db, writer, options, std::move(hooks))) {}

coordinator_api::~coordinator_api() {
    stop();
}

void coordinator_api::add_routes(net::api_router& router) {
    auto const before = router.routes().size();
    add_all_routes(router, *context_);
    // A route without an access rule would be open to every account: refuse
    // to start rather than serve it.
    auto const added = router.routes();
    for (auto i = before; i < added.size(); ++i)
        if (!rule_of_route(added[i].first, added[i].second))
            throw std::logic_error("the route " + added[i].first + " " + added[i].second +
                                   " has no access rule (server/api/src/access_rules.hpp)");
}

void coordinator_api::stop() {
    context_->stop();
}

} // namespace tavolo::api
