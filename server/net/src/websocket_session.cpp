#include "websocket_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

namespace tavolo::net {

namespace {

// The upgraded plain connection's socket: moved from the HTTP session's
// tcp_stream onto a bare socket on the same strand.
ws_plain_socket to_ws_layer(plain_stream&& s) {
    auto socket = s.release_socket();
    auto const executor = socket.get_executor();
    auto const* strand = executor.target<strand_executor>();
    auto const on = strand ? *strand
                           : asio::make_strand(static_cast<asio::io_context&>(
                                 asio::query(executor, asio::execution::context)));
    error_code ec;
    auto const protocol = socket.local_endpoint(ec).protocol();
    ws_plain_socket out(on);
    if (!ec)
        out.assign(protocol, socket.release(ec), ec);
    return out; // on failure, closed: the first read fails and the session ends
}

} // namespace

template <>
websocket_session<plain_stream>::websocket_session(plain_stream&& stream, context const& ctx,
                                                   std::string remote)
    : ws_(to_ws_layer(std::move(stream)), ctx.counters.frames_out), ctx_(ctx),
      remote_(std::move(remote)) {}

template <>
websocket_session<tls_stream>::websocket_session(tls_stream&& stream, context const& ctx,
                                                 std::string remote)
    : ws_(std::move(stream)), ctx_(ctx), remote_(std::move(remote)) {}

template <typename Stream> websocket_session<Stream>::~websocket_session() = default;

template <typename Stream>
void websocket_session<Stream>::run(http::request<http::string_body> req) {
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.idle_timeout = ctx_.opts.ws_idle_timeout;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(ctx_.opts.max_frame_bytes);
    ws_.auto_fragment(false);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "tavolo"); }));
    if constexpr (!is_tls<Stream>) {
        ws_.next_layer().set_owner(this->weak_from_this());
        ws_.next_layer().set_linger(ctx_.opts.ws_close_linger);
    }
    peer_ = ctx_.live.connect(this->weak_from_this(), remote_);
    ws_.async_accept(
        req, beast::bind_front_handler(&websocket_session::on_accept, this->shared_from_this()));
}

template <typename Stream> void websocket_session<Stream>::on_accept(error_code ec) {
    if (ec || finished_)
        return finish();
    accepted_ = true;
    if constexpr (!is_tls<Stream>)
        ws_.next_layer().open(); // not if close() came first
    counted_ = true;
    ctx_.counters.websockets_open.fetch_add(1, std::memory_order_relaxed);
    ctx_.counters.websockets_total.fetch_add(1, std::memory_order_relaxed);
    do_read();
    // Closed during the handshake (a shutdown): the close frame goes now.
    if (close_requested_)
        do_close();
}

template <typename Stream> void websocket_session<Stream>::do_read() {
    ws_.async_read(
        buffer_, beast::bind_front_handler(&websocket_session::on_read, this->shared_from_this()));
}

template <typename Stream> void websocket_session<Stream>::on_read(error_code ec, std::size_t) {
    if (ec || !peer_) {
        // message_too_big: Beast answers with close code 1009 by itself.
        return finish();
    }
    ctx_.counters.frames_in.fetch_add(1, std::memory_order_relaxed);
    auto const data = buffer_.cdata();
    ctx_.live.on_message(peer_,
                         std::string_view(static_cast<char const*>(data.data()), data.size()));
    buffer_.consume(buffer_.size());
    do_read();
}

template <typename Stream>
void websocket_session<Stream>::send(std::shared_ptr<std::string const> frame) {
    if constexpr (!is_tls<Stream>) {
        auto const outcome = ws_.next_layer().send_text(frame, ctx_.opts.max_send_queue_bytes);
        if (outcome == ws_socket::outcome::over_limit)
            ctx_.counters.slow_clients_dropped.fetch_add(1, std::memory_order_relaxed);
    } else {
        asio::post(ws_.get_executor(), [self = this->shared_from_this(),
                                        frame = std::move(frame)]() mutable {
            if (self->finished_ || self->closing_ || self->close_requested_)
                return;
            self->queued_bytes_ += frame->size();
            if (self->queued_bytes_ > self->ctx_.opts.max_send_queue_bytes) {
                // Too far behind: drop the client rather than buffer without end.
                self->ctx_.counters.slow_clients_dropped.fetch_add(1, std::memory_order_relaxed);
                self->queue_.clear();
                self->queued_bytes_ = 0;
                error_code ignored;
                auto& socket = beast::get_lowest_layer(self->ws_).socket();
                socket.shutdown(tcp::socket::shutdown_both, ignored);
                socket.close(ignored);
                return;
            }
            self->queue_.push_back(std::move(frame));
            if (!self->writing_)
                self->do_write();
        });
    }
}

template <typename Stream> void websocket_session<Stream>::do_write() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(
        asio::buffer(*queue_.front()),
        beast::bind_front_handler(&websocket_session::on_write, this->shared_from_this()));
}

template <typename Stream> void websocket_session<Stream>::on_write(error_code ec, std::size_t) {
    writing_ = false;
    if (ec)
        return finish();
    ctx_.counters.frames_out.fetch_add(1, std::memory_order_relaxed);
    queued_bytes_ -= queue_.front()->size();
    queue_.pop_front();
    if (!queue_.empty())
        return do_write();
    if (close_requested_)
        do_close();
}

template <typename Stream> void websocket_session<Stream>::close(std::string_view reason) {
    // Over plain TCP, messages go out from the caller's thread: none sent
    // after this call may precede the close frame.
    if constexpr (!is_tls<Stream>)
        ws_.next_layer().stop_messages();
    asio::post(ws_.get_executor(), [self = this->shared_from_this(), reason = std::string(reason)] {
        if (self->finished_ || self->close_requested_)
            return;
        self->close_requested_ = true;
        // A close frame's reason holds at most 123 bytes.
        self->close_reason_ = reason.substr(0, 123);
        // Before the handshake ends there is no WebSocket to close yet:
        // on_accept sends the close frame.
        if (!self->writing_ && self->accepted_)
            self->do_close();
    });
}

template <typename Stream> void websocket_session<Stream>::do_close() {
    if (closing_)
        return;
    closing_ = true;
    websocket::close_reason cr(websocket::close_code::going_away);
    cr.reason = close_reason_;
    ws_.async_close(cr, [self = this->shared_from_this()](error_code) { self->finish(); });
}

template <typename Stream> void websocket_session<Stream>::finish() {
    if (finished_)
        return;
    finished_ = true;
    if constexpr (!is_tls<Stream>)
        ws_.next_layer().close_now();
    if (counted_)
        ctx_.counters.websockets_open.fetch_sub(1, std::memory_order_relaxed);
    queue_.clear();
    queued_bytes_ = 0;
    if (peer_) {
        ctx_.live.on_close(peer_);
        peer_.reset();
    }
}

template class websocket_session<plain_stream>;
template class websocket_session<tls_stream>;

} // namespace tavolo::net
