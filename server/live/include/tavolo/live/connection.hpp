// What the live module needs from a client connection. The network module
// implements it (net::websocket_session); tests implement it with a recorder.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace tavolo::live {

class connection {
public:
    virtual ~connection() = default;

    // Queues one frame for the client. Thread-safe and never blocks: a client
    // whose queue is over its limit is disconnected instead of slowing anyone.
    virtual void send(std::shared_ptr<std::string const> frame) = 0;

    // Closes the connection, telling the client why. Thread-safe.
    virtual void close(std::string_view reason) = 0;
};

} // namespace tavolo::live
