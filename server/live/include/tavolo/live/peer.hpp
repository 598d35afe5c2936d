// One client connection as the live module sees it: created by hub::connect,
// owned by the network session and, once joined, shared with its room.
#pragma once

#include "tavolo/live/connection.hpp"
#include "tavolo/live/model.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace tavolo::live {

class meeting_room;

class peer {
public:
    explicit peer(std::weak_ptr<connection> conn, std::string address = {})
        : conn_(std::move(conn)), address_(std::move(address)) {}
    peer(peer const&) = delete;
    peer& operator=(peer const&) = delete;

    // Sends one frame if the connection is still there. Thread-safe.
    void send(std::shared_ptr<std::string const> frame) const {
        if (auto c = conn_.lock())
            c->send(std::move(frame));
    }
    void send(std::string frame) const {
        send(std::make_shared<std::string const>(std::move(frame)));
    }
    void close(std::string_view reason) const {
        if (auto c = conn_.lock())
            c->close(reason);
    }

private:
    friend class hub;
    friend class meeting_room;

    std::weak_ptr<connection> conn_;
    std::string const address_; // the client's IP address; empty when unknown

    // Touched only on the connection's strand (the caller of hub's methods).
    // Weak: the room holds its members, so a strong link back would be a cycle.
    std::weak_ptr<meeting_room> room_;
    double tokens_ = -1; // rate limit bucket; < 0: not started
    std::chrono::steady_clock::time_point refilled_;
    std::size_t refused_in_a_row_ = 0;

    // Touched only on room_'s strand.
    std::optional<participant> member_;
    bool left_ = false;
    std::size_t index_ = 0; // position in the room's member list
    std::size_t lane_ = 0;  // which of the room's lanes sends to it
};

} // namespace tavolo::live
