#include "websocket_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

namespace tavolo::net {

websocket_session::websocket_session(tcp::socket&& socket, live::hub& hub, options const& opts)
    : ws_(std::move(socket)), hub_(hub), opts_(opts) {}

websocket_session::~websocket_session() = default;

void websocket_session::run(http::request<http::string_body> req) {
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.idle_timeout = opts_.ws_idle_timeout;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(opts_.max_frame_bytes);
    ws_.auto_fragment(false);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "tavolo"); }));
    peer_ = hub_.connect(weak_from_this());
    ws_.async_accept(req,
                     beast::bind_front_handler(&websocket_session::on_accept, shared_from_this()));
}

void websocket_session::on_accept(error_code ec) {
    if (ec)
        return finish();
    do_read();
}

void websocket_session::do_read() {
    ws_.async_read(buffer_,
                   beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
}

void websocket_session::on_read(error_code ec, std::size_t) {
    if (ec) {
        // message_too_big: Beast answers with close code 1009 by itself.
        return finish();
    }
    auto const data = buffer_.cdata();
    hub_.on_message(peer_, std::string_view(static_cast<char const*>(data.data()), data.size()));
    buffer_.consume(buffer_.size());
    do_read();
}

void websocket_session::send(std::shared_ptr<std::string const> frame) {
    asio::post(ws_.get_executor(), [self = shared_from_this(), frame = std::move(frame)]() mutable {
        if (self->finished_ || self->closing_ || self->close_requested_)
            return;
        self->queued_bytes_ += frame->size();
        if (self->queued_bytes_ > self->opts_.max_send_queue_bytes) {
            // Too far behind: drop the client rather than buffer without end.
            self->queue_.clear();
            self->queued_bytes_ = 0;
            error_code ignored;
            beast::get_lowest_layer(self->ws_).socket().shutdown(tcp::socket::shutdown_both,
                                                                 ignored);
            beast::get_lowest_layer(self->ws_).close();
            return;
        }
        self->queue_.push_back(std::move(frame));
        if (!self->writing_)
            self->do_write();
    });
}

void websocket_session::do_write() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(*queue_.front()),
                    beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::on_write(error_code ec, std::size_t) {
    writing_ = false;
    if (ec)
        return finish();
    queued_bytes_ -= queue_.front()->size();
    queue_.pop_front();
    if (!queue_.empty())
        return do_write();
    if (close_requested_)
        do_close();
}

void websocket_session::close(std::string_view reason) {
    asio::post(ws_.get_executor(), [self = shared_from_this(), reason = std::string(reason)] {
        if (self->finished_ || self->close_requested_)
            return;
        self->close_requested_ = true;
        // A close frame's reason holds at most 123 bytes.
        self->close_reason_ = reason.substr(0, 123);
        if (!self->writing_)
            self->do_close();
    });
}

void websocket_session::do_close() {
    if (closing_)
        return;
    closing_ = true;
    websocket::close_reason cr(websocket::close_code::going_away);
    cr.reason = close_reason_;
    ws_.async_close(cr, [self = shared_from_this()](error_code) { self->finish(); });
}

void websocket_session::finish() {
    if (finished_)
        return;
    finished_ = true;
    queue_.clear();
    queued_bytes_ = 0;
    if (peer_) {
        hub_.on_close(peer_);
        peer_.reset();
    }
}

} // namespace tavolo::net
