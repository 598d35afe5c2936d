// How the network module reaches the live module: one call when a WebSocket
// opens, one for each frame it reads, one when it ends. Implemented by
// live::hub; called by net::websocket_session, which sees nothing else of live
// (the peer stays an opaque handle to it). Outlives every connection.
//
// Executor: all three calls for one connection come from that connection's
// strand, so they never run concurrently for one peer; calls for different
// connections run concurrently on any I/O thread.
#pragma once

#include "tavolo/live/connection.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace tavolo::live {

class peer; // the live module's side of one connection; opaque here

class gateway {
public:
    virtual ~gateway() = default;

    // A WebSocket is opening (before its handshake ends). `address` is the
    // client's IP address. Keep the returned peer until on_close; the gateway
    // may call conn->close() at any time, even before the handshake ends.
    virtual std::shared_ptr<peer> connect(std::weak_ptr<connection> conn,
                                          std::string address = {}) = 0;
    // One complete text or binary message from the client.
    virtual void on_message(std::shared_ptr<peer> const& p, std::string_view frame) = 0;
    // The connection has ended (whoever closed it); the last call for `p`.
    virtual void on_close(std::shared_ptr<peer> const& p) = 0;

protected:
    gateway() = default;
    gateway(gateway const&) = default;
    gateway& operator=(gateway const&) = default;
};

} // namespace tavolo::live
