#include "ws_socket.hpp"

#include "tavolo/net/ws_frame.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

namespace tavolo::net {

namespace {

// At most this many buffers per sendmsg when the queue is flushed.
constexpr std::size_t max_iov = 64;

// What is left of a frame (`head`, then `body` if any) after its first
// `offset` bytes, as at most two iovecs in `out`; returns how many.
std::size_t unsent(std::string const& head, std::string const* body, std::size_t offset,
                   iovec* out) {
    std::size_t count = 0;
    if (offset < head.size())
        out[count++] = {const_cast<char*>(head.data() + offset), head.size() - offset};
    auto const skip = offset > head.size() ? offset - head.size() : 0;
    if (body && skip < body->size())
        out[count++] = {const_cast<char*>(body->data() + skip), body->size() - skip};
    return count;
}

bool would_block() {
    return errno == EAGAIN || errno == EWOULDBLOCK;
}

} // namespace

ws_socket::ws_socket(ws_plain_socket&& socket, std::atomic<std::uint64_t>& frames_out)
    : socket_(std::move(socket)), frames_out_(frames_out) {}

ws_socket::~ws_socket() = default;

ws_socket::outcome ws_socket::send_text(std::shared_ptr<std::string const> const& payload,
                                        std::size_t max_queued) {
    std::lock_guard lock(mutex_);
    if (!accepting_ || closed_ || failed_)
        return outcome::closed;
    auto header = frame_header(0x1, payload->size(), false);
    auto const size = header.size() + payload->size();
    std::size_t sent = 0;
    if (queue_.empty()) {
        // Nothing is waiting: write straight away, from this thread.
        iovec iov[2];
        auto const n = send_iov(iov, unsent(header, payload.get(), 0, iov));
        if (n >= 0 && static_cast<std::size_t>(n) == size) {
            frames_out_.fetch_add(1, std::memory_order_relaxed);
            return outcome::sent;
        }
        if (n < 0 && !would_block()) {
            fail(); // the read side finds out too and ends the session
            return outcome::closed;
        }
        sent = n > 0 ? static_cast<std::size_t>(n) : 0;
    }
    if (queued_bytes_ + size - sent > max_queued) {
        // Too far behind: drop the client rather than buffer without end.
        accepting_ = false;
        asio::post(socket_.get_executor(), [this, owner = owner_.lock()] { close_now(); });
        return outcome::over_limit;
    }
    queued_bytes_ += size - sent;
    queue_.push_back(item{std::move(header), payload, sent, nullptr});
    schedule_flush();
    return outcome::queued;
}

void ws_socket::open() {
    std::lock_guard lock(mutex_);
    accepting_ = !closed_ && !failed_ && !stopped_;
}

void ws_socket::stop_messages() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    accepting_ = false;
}

void ws_socket::close_now() {
    shut(true);
}

void ws_socket::begin_teardown() {
    // Beast closes the descriptor when the teardown ends, outside mutex_:
    // nothing may send on it from now on.
    shut(false);
}

void ws_socket::shut(bool close_socket) {
    finished done;
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        accepting_ = false;
        abort_queue(asio::error::operation_aborted, done);
        if (close_socket) {
            error_code ignored;
            socket_.shutdown(tcp::socket::shutdown_both, ignored);
            socket_.close(ignored);
        }
    }
    complete(done);
}

struct ws_socket::drain_state {
    drain_state(strand_executor ex, std::unique_ptr<teardown_done> d)
        : timer(ex), done(std::move(d)) {}
    asio::steady_timer timer;
    std::unique_ptr<teardown_done> done; // null once completed
    std::array<char, 16 * 1024> discard;
};

void ws_socket::drain(std::unique_ptr<teardown_done> done) {
    // The close frame is out (Beast waited for its write): FIN follows it.
    error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    auto state = std::make_shared<drain_state>(get_executor(), std::move(done));
    if (ec)
        return end_drain(*state, ec);
    state->timer.expires_after(linger_);
    state->timer.async_wait([this, state, owner = owner_.lock()](error_code timer_ec) {
        if (!timer_ec && state->done) {
            error_code ignored;
            socket_.cancel(ignored); // the pending read ends the drain
        }
    });
    drain_some(state);
}

void ws_socket::drain_some(std::shared_ptr<drain_state> const& state) {
    socket_.async_read_some(asio::buffer(state->discard),
                            [this, state, owner = owner_.lock()](error_code ec, std::size_t) {
                                if (!ec)
                                    return drain_some(state);
                                // EOF: the client closed its side. Aborted: the linger time is
                                // over (or the session closed the socket). Either way, done.
                                if (ec == asio::error::eof || ec == asio::error::operation_aborted)
                                    ec = {};
                                end_drain(*state, ec);
                            });
}

void ws_socket::end_drain(drain_state& state, error_code ec) {
    if (!state.done)
        return;
    state.timer.cancel();
    {
        std::lock_guard lock(mutex_); // as every close of the socket
        error_code ignored;
        socket_.close(ignored);
    }
    auto done = std::move(state.done);
    done->post(ec);
}

void ws_socket::enqueue_beast_write(std::string bytes, std::unique_ptr<completion> done) {
    std::unique_lock lock(mutex_);
    if (closed_ || failed_) {
        auto const ec = failed_ ? failed_ : error_code(asio::error::operation_aborted);
        lock.unlock();
        return done->post(ec, 0);
    }
    if (bytes.empty()) {
        lock.unlock();
        return done->post({}, 0);
    }
    // A close frame (opcode 8) is the last frame: no message may follow it.
    if ((static_cast<unsigned char>(bytes[0]) & 0x0f) == 0x8)
        accepting_ = false;
    queued_bytes_ += bytes.size();
    queue_.push_back(item{std::move(bytes), nullptr, 0, std::move(done)});
    schedule_flush();
}

void ws_socket::schedule_flush() {
    if (flushing_)
        return;
    flushing_ = true;
    asio::post(socket_.get_executor(), [this, owner = owner_.lock()] { flush(); });
}

void ws_socket::flush() {
    finished done;
    bool wait = false;
    {
        std::lock_guard lock(mutex_);
        for (;;) {
            if (closed_ || failed_ || queue_.empty()) {
                abort_queue(failed_ ? failed_ : error_code(asio::error::operation_aborted), done);
                break;
            }
            iovec iov[max_iov];
            std::size_t count = 0;
            for (auto const& it : queue_) {
                if (count + 2 > max_iov)
                    break;
                count += unsent(it.bytes, it.payload.get(), it.offset, iov + count);
            }
            auto const n = send_iov(iov, count);
            if (n < 0) {
                if (would_block()) {
                    wait = true;
                    break;
                }
                fail();
                continue; // aborts the queue
            }
            consume(static_cast<std::size_t>(n), done);
        }
        flushing_ = wait;
    }
    complete(done);
    if (wait)
        socket_.async_wait(tcp::socket::wait_write,
                           [this, owner = owner_.lock()](error_code) { flush(); });
}

void ws_socket::consume(std::size_t bytes, finished& done) {
    while (bytes > 0 && !queue_.empty()) {
        auto& front = queue_.front();
        auto const left = front.size() - front.offset;
        if (bytes < left) {
            front.offset += bytes;
            queued_bytes_ -= bytes;
            return;
        }
        bytes -= left;
        queued_bytes_ -= left;
        if (front.done)
            done.push_back({std::move(front.done), {}, front.size()});
        else
            frames_out_.fetch_add(1, std::memory_order_relaxed);
        queue_.pop_front();
    }
}

ssize_t ws_socket::send_iov(iovec* iov, std::size_t count) {
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = count;
    ssize_t n;
    do
        n = ::sendmsg(socket_.native_handle(), &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
}

void ws_socket::fail() {
    failed_ = error_code(errno, boost::system::system_category());
    accepting_ = false;
}

void ws_socket::abort_queue(error_code ec, finished& done) {
    for (auto& it : queue_)
        if (it.done)
            done.push_back({std::move(it.done), ec, 0});
    queue_.clear();
    queued_bytes_ = 0;
}

void ws_socket::complete(finished& writes) {
    for (auto& w : writes)
        w.done->post(w.ec, w.bytes);
    writes.clear();
}

} // namespace tavolo::net
