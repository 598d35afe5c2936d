#include "listener.hpp"

#include "http_session.hpp"

#include <boost/asio/post.hpp>

namespace tavolo::net {

listener::listener(asio::io_context& ioc, tcp::endpoint endpoint, context const& ctx)
    : ioc_(ioc), acceptor_(asio::make_strand(ioc)), ctx_(ctx) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

void listener::run() {
    do_accept();
}

void listener::stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
        error_code ignored;
        self->acceptor_.close(ignored);
    });
}

void listener::do_accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open())
        return;
    if (!ec) {
        error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        if (ctx_.tls)
            std::make_shared<http_session<tls_stream>>(
                tls_stream(plain_stream(std::move(socket)), *ctx_.tls), ctx_)
                ->run();
        else
            std::make_shared<http_session<plain_stream>>(plain_stream(std::move(socket)), ctx_)
                ->run();
    }
    // Other errors (too many open files, say) hit one connection, not the server.
    do_accept();
}

} // namespace tavolo::net
