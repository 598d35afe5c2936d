#include "tavolo/net/server.hpp"

#include "listener.hpp"

#include <stdexcept>

namespace tavolo::net {

server::server(boost::asio::io_context& ioc, live::hub& hub, options opts, api_router routes)
    : ioc_(ioc), hub_(hub), opts_(std::move(opts)), routes_(std::move(routes)) {}

server::~server() = default;

unsigned short server::start() {
    error_code ec;
    auto const address = asio::ip::make_address(opts_.bind, ec);
    if (ec)
        throw std::runtime_error("bind address '" + opts_.bind + "' is not an IP address");
    try {
        listener_ = std::make_shared<listener>(ioc_, tcp::endpoint{address, opts_.port}, hub_,
                                               opts_, routes_);
    } catch (boost::system::system_error const& e) {
        throw std::runtime_error("cannot listen on " + opts_.bind + ":" +
                                 std::to_string(opts_.port) + ": " + e.code().message());
    }
    listener_->run();
    return listener_->local_endpoint().port();
}

void server::stop() {
    if (listener_)
        listener_->stop();
}

} // namespace tavolo::net
