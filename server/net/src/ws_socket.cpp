#include "ws_socket.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

namespace tavolo::net {

namespace {

// At most this many buffers per sendmsg when the queue is flushed.
constexpr std::size_t max_iov = 64;

// A final, unmasked text frame's header (RFC 6455, 5.2) for `size` bytes.
std::string text_header(std::size_t size) {
    std::string h;
    h.push_back(static_cast<char>(0x81));
    if (size < 126) {
        h.push_back(static_cast<char>(size));
    } else if (size <= 0xffff) {
        h.push_back(static_cast<char>(126));
        h.push_back(static_cast<char>(size >> 8));
        h.push_back(static_cast<char>(size & 0xff));
    } else {
        h.push_back(static_cast<char>(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            h.push_back(static_cast<char>((static_cast<std::uint64_t>(size) >> shift) & 0xff));
    }
    return h;
}

// The part of `s` from `offset` on, as an iovec (empty if none is left).
iovec tail(char const* data, std::size_t size, std::size_t offset) {
    if (offset >= size)
        return {nullptr, 0};
    return {const_cast<char*>(data + offset), size - offset};
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
    item it{text_header(payload->size()), payload, 0, nullptr};
    if (queue_.empty()) {
        // Nothing is waiting: write straight away, from this thread.
        iovec iov[2] = {tail(it.bytes.data(), it.bytes.size(), 0),
                        tail(payload->data(), payload->size(), 0)};
        msghdr msg{};
        msg.msg_iov = iov;
        msg.msg_iovlen = payload->empty() ? 1 : 2;
        ssize_t n;
        do
            n = ::sendmsg(socket_.native_handle(), &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
        while (n < 0 && errno == EINTR);
        if (n >= 0 && static_cast<std::size_t>(n) == it.size()) {
            frames_out_.fetch_add(1, std::memory_order_relaxed);
            return outcome::sent;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            // Broken: the read side finds out too and ends the session.
            failed_ = error_code(errno, boost::system::system_category());
            accepting_ = false;
            return outcome::closed;
        }
        it.offset = n > 0 ? static_cast<std::size_t>(n) : 0;
    }
    if (queued_bytes_ + it.size() - it.offset > max_queued) {
        // Too far behind: drop the client rather than buffer without end.
        accepting_ = false;
        asio::post(socket_.get_executor(), [this, owner = owner_.lock()] { close_now(); });
        return outcome::over_limit;
    }
    queued_bytes_ += it.size() - it.offset;
    queue_.push_back(std::move(it));
    schedule_flush();
    return outcome::queued;
}

void ws_socket::open() {
    std::lock_guard lock(mutex_);
    accepting_ = !closed_ && !failed_;
}

void ws_socket::stop_messages() {
    std::lock_guard lock(mutex_);
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
                auto const head = tail(it.bytes.data(), it.bytes.size(), it.offset);
                if (head.iov_len)
                    iov[count++] = head;
                if (it.payload) {
                    auto const skip = it.offset > it.bytes.size() ? it.offset - it.bytes.size() : 0;
                    auto const body = tail(it.payload->data(), it.payload->size(), skip);
                    if (body.iov_len)
                        iov[count++] = body;
                }
            }
            msghdr msg{};
            msg.msg_iov = iov;
            msg.msg_iovlen = count;
            auto const n = ::sendmsg(socket_.native_handle(), &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK) {
                    wait = true;
                    break;
                }
                failed_ = error_code(errno, boost::system::system_category());
                accepting_ = false;
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

void ws_socket::abort_queue(error_code ec, finished& done) {
    for (auto& it : queue_)
        if (it.done)
            done.push_back({std::move(it.done), ec, 0});
    queue_.clear();
    queued_bytes_ = 0;
}

} // namespace tavolo::net

namespace tavolo::net {

void ws_socket::complete(finished& writes) {
    for (auto& w : writes)
        w.done->post(w.ec, w.bytes);
    writes.clear();
}

} // namespace tavolo::net
