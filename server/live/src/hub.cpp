#include "tavolo/live/hub.hpp"

namespace tavolo::live {

hub::hub(boost::asio::io_context& ioc, persistence& store, hub_limits limits)
    : ioc_(ioc), store_(store), limits_(limits) {}

void hub::restore() {
    for (auto& snapshot : store_.load_live_meetings())
        add_meeting(std::move(snapshot));
}

void hub::add_meeting(meeting_snapshot snapshot) {
    auto room = std::make_shared<meeting_room>(ioc_, std::move(snapshot), limits_.rooms, store_);
    std::lock_guard lock(mutex_);
    rooms_[room->join_code()] = std::move(room);
}

std::size_t hub::meeting_count() const {
    std::lock_guard lock(mutex_);
    return rooms_.size();
}

std::shared_ptr<meeting_room> hub::find(std::string const& join_code) const {
    std::lock_guard lock(mutex_);
    auto const it = rooms_.find(join_code);
    return it == rooms_.end() ? nullptr : it->second;
}

bool hub::closing() const {
    std::lock_guard lock(mutex_);
    return closing_;
}

std::shared_ptr<peer> hub::connect(std::weak_ptr<connection> conn) {
    return std::make_shared<peer>(std::move(conn));
}

void hub::on_message(std::shared_ptr<peer> const& p, std::string_view frame) {
    auto parsed = parse_client_message(frame, limits_.messages);
    if (auto* failure = std::get_if<parse_failure>(&parsed)) {
        p->send(make_error(failure->ref, failure->error.code, failure->error.message));
        return;
    }
    auto& msg = std::get<client_message>(parsed);
    std::visit(
        [&](auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, ping_message>) {
                p->send(make_ack(msg.ref));
            } else if constexpr (std::is_same_v<T, join_message>) {
                if (closing()) {
                    p->send(make_error(msg.ref, errc::shutting_down,
                                       "the server is shutting down; try again shortly"));
                    return;
                }
                auto room = find(body.code);
                if (!room) {
                    p->send(make_error(msg.ref, errc::meeting_not_found,
                                       "no open meeting has this join code"));
                    return;
                }
                if (auto current = p->room_.lock(); current && current != room) {
                    p->send(make_error(msg.ref, errc::already_joined,
                                       "this connection has joined another meeting"));
                    return;
                }
                p->room_ = room;
                room->join(p, std::move(msg.ref), std::move(body));
            } else if constexpr (std::is_same_v<T, submit_message>) {
                auto room = p->room_.lock();
                if (!room) {
                    p->send(make_error(msg.ref, errc::not_joined,
                                       "join the meeting before submitting"));
                    return;
                }
                room->submit(p, std::move(msg.ref), std::move(body));
            }
        },
        msg.body);
}

void hub::on_close(std::shared_ptr<peer> const& p) {
    if (auto room = p->room_.lock())
        room->leave(p);
    p->room_.reset();
}

void hub::shutdown(std::string const& reason) {
    std::lock_guard lock(mutex_);
    closing_ = true;
    for (auto const& [code, room] : rooms_)
        room->close_all(reason);
}

} // namespace tavolo::live
