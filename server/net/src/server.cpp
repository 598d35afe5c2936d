#include "tavolo/net/server.hpp"

#include "context.hpp"
#include "listener.hpp"
#include "tavolo/net/static_cache.hpp"

#include <stdexcept>

namespace tavolo::net {
namespace {

// Files up to this size are held in memory (the design kit's CSS, the
// largest today, is 612 KB); larger ones are streamed from disk each time.
constexpr std::size_t max_cached_file_bytes = 8 << 20;

std::unique_ptr<ssl::context> make_tls(options const& opts) {
    if (opts.tls_certificate.empty() && opts.tls_private_key.empty())
        return nullptr;
    if (opts.tls_certificate.empty() || opts.tls_private_key.empty())
        throw std::runtime_error("TLS needs both a certificate and a private key");
    auto tls = std::make_unique<ssl::context>(ssl::context::tls_server);
    tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                     ssl::context::single_dh_use);
    error_code ec;
    tls->use_certificate_chain_file(opts.tls_certificate.string(), ec);
    if (ec)
        throw std::runtime_error("cannot load the TLS certificate " +
                                 opts.tls_certificate.string() + ": " + ec.message());
    tls->use_private_key_file(opts.tls_private_key.string(), ssl::context::pem, ec);
    if (ec)
        throw std::runtime_error("cannot load the TLS private key " +
                                 opts.tls_private_key.string() + ": " + ec.message());
    return tls;
}

} // namespace

server::server(boost::asio::io_context& ioc, live::gateway& live, options opts, api_router routes)
    : ioc_(ioc), opts_(std::move(opts)), routes_(std::move(routes)),
      files_(std::make_unique<static_cache>(max_cached_file_bytes)), tls_(make_tls(opts_)),
      context_(std::make_unique<context>(
          context{live, opts_, routes_, counters_, *files_, tls_.get()})) {}

server::~server() = default;

unsigned short server::start() {
    error_code ec;
    auto const address = asio::ip::make_address(opts_.bind, ec);
    if (ec)
        throw std::runtime_error("bind address '" + opts_.bind + "' is not an IP address");
    try {
        listener_ = std::make_shared<listener>(ioc_, tcp::endpoint{address, opts_.port}, *context_);
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
