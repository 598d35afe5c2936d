// Accepts TCP connections and starts an http_session for each (over TLS when
// the server has a certificate), on a strand of its own. Runs on its own
// strand.
#pragma once

#include "beast.hpp"
#include "context.hpp"

#include <memory>

namespace tavolo::net {

class listener : public std::enable_shared_from_this<listener> {
public:
    // Binds and listens at once; throws boost::system::system_error naming the
    // address when that fails.
    listener(asio::io_context& ioc, tcp::endpoint endpoint, context const& ctx);

    void run();
    void stop();
    tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

private:
    void do_accept();
    void on_accept(error_code ec, tcp::socket socket);

    asio::io_context& ioc_;
    tcp::acceptor acceptor_;
    context const& ctx_;
};

} // namespace tavolo::net
