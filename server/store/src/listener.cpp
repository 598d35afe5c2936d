// The LISTEN of listener.hpp, over libpq: poll() on the connection's socket
// and on the eventfd that stop() writes; PQconsumeInput then PQnotifies.
#include "tavolo/store/listener.hpp"

#include <libpq-fe.h>

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>

namespace tavolo::store {
namespace {

struct connection_closer {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
using connection_ptr = std::unique_ptr<PGconn, connection_closer>;

bool command_ok(PGconn* c, std::string const& sql) {
    PGresult* r = PQexec(c, sql.c_str());
    auto const status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    PQclear(r);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

} // namespace

listener::listener(std::string url, std::string channel, listener_handlers handlers)
    : url_(std::move(url)), channel_(std::move(channel)), handlers_(std::move(handlers)),
      wake_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (wake_fd_ < 0)
        throw std::runtime_error("listener: no eventfd");
    thread_ = std::thread([this] { run(); });
}

listener::~listener() {
    stop();
    ::close(wake_fd_);
}

void listener::stop() {
    if (stopping_.exchange(true))
        return;
    std::uint64_t const one = 1;
    [[maybe_unused]] auto const n = ::write(wake_fd_, &one, sizeof one);
    if (thread_.joinable())
        thread_.join();
}

void listener::run() {
    bool again = false;
    auto backoff = std::chrono::milliseconds(100);
    while (!stopping_) {
        if (listen_once(again))
            return;
        again = true;
        if (pause(backoff))
            return;
        backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
    }
}

bool listener::pause(std::chrono::milliseconds d) {
    pollfd wake{wake_fd_, POLLIN, 0};
    ::poll(&wake, 1, static_cast<int>(d.count()));
    return stopping_;
}

bool listener::listen_once(bool again) {
    // Later keywords override the URL's: a stop() waits 5 s at most.
    char const* keys[] = {"dbname", "application_name", "connect_timeout", nullptr};
    char const* values[] = {url_.c_str(), application_name, "5", nullptr};
    connection_ptr conn(PQconnectdbParams(keys, values, 1));
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK)
        return stopping_;
    PQsetNoticeProcessor(
        conn.get(), [](void*, char const*) {}, nullptr);
    char* quoted = PQescapeIdentifier(conn.get(), channel_.c_str(), channel_.size());
    if (!quoted)
        return stopping_;
    std::string const listen = std::string("LISTEN ") + quoted;
    PQfreemem(quoted);
    if (!command_ok(conn.get(), listen))
        return stopping_;
    if (handlers_.listening)
        handlers_.listening(again);

    auto const check_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(check_every).count());
    while (!stopping_) {
        pollfd fds[] = {{PQsocket(conn.get()), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        auto const ready = ::poll(fds, 2, check_ms);
        if (stopping_)
            return true;
        if (ready == 0) {
            // Quiet: make sure the connection is still there.
            if (!command_ok(conn.get(), "SELECT 1"))
                return false;
        } else if (ready < 0 && errno == EINTR)
            continue;
        else if (ready < 0 || !PQconsumeInput(conn.get()))
            return false;
        while (PGnotify* n = PQnotifies(conn.get())) {
            std::string const payload = n->extra;
            PQfreemem(n);
            if (handlers_.notified)
                handlers_.notified(payload);
        }
        if (PQstatus(conn.get()) != CONNECTION_OK)
            return false;
    }
    return true;
}

} // namespace tavolo::store
