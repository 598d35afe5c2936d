#include "tavolo/api/coordinator_api.hpp"

#include "context.hpp"
#include "routes.hpp"

namespace tavolo::api {

coordinator_api::coordinator_api(std::filesystem::path const& db_path,
                                 store::database_options const& db, store::write_queue& writer,
                                 coordinator_api_options options, live_hooks hooks)
    : context_(std::make_unique<api_context>(db_path, db, writer, options, std::move(hooks))) {}

coordinator_api::~coordinator_api() {
    stop();
}

void coordinator_api::add_routes(net::api_router& router) {
    add_all_routes(router, *context_);
}

void coordinator_api::stop() {
    context_->stop();
}

} // namespace tavolo::api
