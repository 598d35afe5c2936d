#include "tavolo/live/hub.hpp"

#include "tavolo/core/secrets.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <optional>
#include <vector>

namespace tavolo::live {

hub::hub(boost::asio::io_context& ioc, persistence& store, hub_limits limits, grouper* clustering,
         meeting_host* host)
    : ioc_(ioc), store_(store), limits_(limits), clustering_(clustering), host_(host), sweep_(ioc),
      join_failures_(limits.join_failures_per_minute, limits.join_failure_burst) {}

void hub::restore() {
    if (host_)
        return;
    for (auto& snapshot : store_.load_meetings())
        add_meeting(std::move(snapshot));
}

void hub::add_meeting(meeting_snapshot snapshot) {
    bool const read_plan = snapshot.info.kind == meeting_kind::followup && snapshot.plan.empty();
    auto room = std::make_shared<meeting_room>(ioc_, std::move(snapshot), limits_.rooms,
                                               limits_.messages, store_, clustering_);
    if (read_plan)
        room->refresh_plan();
    std::lock_guard lock(mutex_);
    by_id_[room->id()] = room;
    rooms_[room->join_code()] = std::move(room);
}

std::shared_ptr<meeting_room> hub::find_meeting(std::int64_t id) const {
    std::lock_guard lock(mutex_);
    auto const it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
}

void hub::plan_changed() {
    std::vector<std::shared_ptr<meeting_room>> rooms;
    {
        std::lock_guard lock(mutex_);
        for (auto const& [code, room] : rooms_)
            rooms.push_back(room);
    }
    for (auto const& room : rooms)
        room->refresh_plan();
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

std::shared_ptr<peer> hub::connect(std::weak_ptr<connection> conn, std::string address) {
    auto p = std::make_shared<peer>(std::move(conn), std::move(address));
    std::optional<std::string> late;
    {
        std::lock_guard lock(mutex_);
        peers_[p.get()] = tracked{p};
        if (closing_)
            late = late_reason_;
    }
    if (late) // outside the lock: a connection may call back into it
        p->close(*late);
    return p;
}

std::size_t hub::connection_count() const {
    std::lock_guard lock(mutex_);
    return peers_.size();
}

bool hub::admit(peer& p) {
    auto const now = std::chrono::steady_clock::now();
    if (p.tokens_ < 0) {
        p.tokens_ = limits_.message_burst;
    } else {
        std::chrono::duration<double> const elapsed = now - p.refilled_;
        p.tokens_ = std::min(limits_.message_burst,
                             p.tokens_ + elapsed.count() * limits_.messages_per_second);
    }
    p.refilled_ = now;
    if (p.tokens_ < 1)
        return false;
    p.tokens_ -= 1;
    return true;
}

void hub::on_message(std::shared_ptr<peer> const& p, std::string_view frame) {
    if (!admit(*p)) {
        if (++p->refused_in_a_row_ >= static_cast<std::size_t>(limits_.message_burst)) {
            p->close("too many messages");
            return;
        }
        p->send(make_error(nullptr, errc::rate_limited,
                           "too many messages; slow down (the message was not processed)"));
        return;
    }
    p->refused_in_a_row_ = 0;
    auto parsed = parse_client_message(frame, limits_.messages);
    if (auto* failure = std::get_if<parse_failure>(&parsed)) {
        p->send(make_error(failure->ref, failure->error.code, failure->error.message));
        return;
    }
    auto& msg = std::get<client_message>(parsed);
    if (std::holds_alternative<ping_message>(msg.body)) {
        p->send(make_ack(msg.ref));
        return;
    }
    if (auto* join = std::get_if<join_message>(&msg.body)) {
        if (closing()) {
            p->send(make_error(msg.ref, errc::shutting_down,
                               "the server is shutting down; try again shortly"));
            return;
        }
        if (!join_failures_.may_try(p->address_)) {
            counters_.joins_refused.fetch_add(1, std::memory_order_relaxed);
            p->send(make_error(msg.ref, errc::too_many_attempts,
                               "too many failed joins from this address; wait a minute"));
            return;
        }
        bool as_coordinator = false;
        if (join->coordinator_token) {
            if (limits_.coordinator_token_hash.empty() ||
                !core::verify_secret(*join->coordinator_token, limits_.coordinator_token_hash)) {
                join_failures_.failed(p->address_);
                p->send(
                    make_error(msg.ref, errc::bad_secret, "the coordinator token is not valid"));
                return;
            }
            as_coordinator = true;
        }
        auto room = find(join->code);
        if (!room && host_) {
            auto const code = join->code;
            take_then_join(code, {p, std::move(msg.ref), std::move(*join), as_coordinator, {}});
            return;
        }
        if (!room) {
            join_failures_.failed(p->address_);
            p->send(make_error(msg.ref, errc::meeting_not_found, "no meeting has this join code"));
            return;
        }
        enter(p, room, std::move(msg.ref), std::move(*join), as_coordinator);
        return;
    }
    auto room = p->room_.lock();
    if (!room) {
        p->send(make_error(msg.ref, errc::not_joined, "join the meeting first"));
        return;
    }
    room->handle(p, std::move(msg.ref), std::move(msg.body));
}

void hub::enter(std::shared_ptr<peer> const& p, std::shared_ptr<meeting_room> const& room,
                nlohmann::json ref, join_message join, bool as_coordinator) {
    if (auto current = p->room_.lock(); current && current != room) {
        p->send(
            make_error(ref, errc::already_joined, "this connection has joined another meeting"));
        return;
    }
    p->room_ = room;
    {
        std::lock_guard lock(mutex_);
        if (auto const it = peers_.find(p.get()); it != peers_.end())
            it->second.sent_to_room = true;
    }
    counters_.joins.fetch_add(1, std::memory_order_relaxed);
    room->join(p, std::move(ref), std::move(join), as_coordinator);
}

void hub::take_then_join(std::string const& code, waiting_join w) {
    {
        std::lock_guard lock(mutex_);
        auto& waiting = taking_[code];
        waiting.push_back(std::move(w));
        if (waiting.size() > 1)
            return; // the host is already taking it
    }
    host_->take(code, [this, code](meeting_host::outcome outcome) {
        boost::asio::post(ioc_, [this, code, outcome = std::move(outcome)]() mutable {
            on_taken(code, std::move(outcome));
        });
    });
}

void hub::take(std::string const& join_code,
               std::function<void(std::shared_ptr<meeting_room>)> done) {
    if (auto const room = find(join_code))
        return done(room);
    if (!host_ || closing())
        return done(nullptr);
    waiting_join w;
    w.then = std::move(done);
    take_then_join(join_code, std::move(w));
}

void hub::on_taken(std::string const& code, meeting_host::outcome outcome) {
    std::vector<waiting_join> waiting;
    {
        std::lock_guard lock(mutex_);
        if (auto const it = taking_.find(code); it != taking_.end()) {
            waiting = std::move(it->second);
            taking_.erase(it);
        }
    }
    if (auto* taken = std::get_if<meeting_host::taken>(&outcome)) {
        if (!find(code))
            add_meeting(std::move(taken->snapshot));
        auto const room = find(code);
        for (auto& w : waiting)
            if (w.then)
                w.then(room);
            else
                enter(w.p, room, std::move(w.ref), std::move(w.join), w.as_coordinator);
        return;
    }
    // Not taken: a take() hears it at once; joins get the reason below.
    std::vector<waiting_join> joins;
    for (auto& w : waiting)
        if (w.then)
            w.then(nullptr);
        else
            joins.push_back(std::move(w));
    waiting = std::move(joins);
    if (auto* elsewhere = std::get_if<meeting_host::elsewhere>(&outcome)) {
        auto const ms = std::clamp<std::int64_t>(elsewhere->retry_after.count(), 100, 10000);
        for (auto& w : waiting)
            w.p->send(make_error(w.ref, errc::meeting_moving,
                                 "the meeting is moving to another server; join again shortly",
                                 {{"retry_after_ms", ms}}));
    } else {
        for (auto& w : waiting) {
            join_failures_.failed(w.p->address_);
            w.p->send(make_error(w.ref, errc::meeting_not_found, "no meeting has this join code"));
        }
    }
}

void hub::evict(std::int64_t meeting_id, std::string const& reason) {
    std::shared_ptr<meeting_room> room;
    {
        std::lock_guard lock(mutex_);
        auto const it = by_id_.find(meeting_id);
        if (it == by_id_.end())
            return;
        room = std::move(it->second);
        by_id_.erase(it);
        rooms_.erase(room->join_code());
        empty_since_.erase(meeting_id);
    }
    room->close_all(reason);
}

void hub::release_idle(std::chrono::steady_clock::duration idle) {
    auto const now = std::chrono::steady_clock::now();
    std::vector<std::int64_t> idle_rooms;
    {
        std::lock_guard lock(mutex_);
        for (auto const& [id, room] : by_id_) {
            if (room->member_count() > 0) {
                empty_since_.erase(id);
                continue;
            }
            auto const [it, first] = empty_since_.try_emplace(id, now);
            if (!first && now - it->second >= idle)
                idle_rooms.push_back(id);
        }
    }
    for (auto const id : idle_rooms) {
        evict(id, "meeting moved");
        if (host_)
            host_->released(id);
    }
}

void hub::release_if_empty(std::int64_t meeting_id) {
    auto const room = find_meeting(meeting_id);
    if (!room || room->member_count() > 0)
        return;
    evict(meeting_id, "meeting moved");
    if (host_)
        host_->released(meeting_id);
}

void hub::on_close(std::shared_ptr<peer> const& p) {
    if (auto room = p->room_.lock())
        room->leave(p);
    p->room_.reset();
    std::lock_guard lock(mutex_);
    peers_.erase(p.get());
}

void hub::shutdown(std::string const& reason) {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
        late_reason_ = reason;
        for (auto const& [code, room] : rooms_)
            room->close_all(reason);
    }
    // A room closes its members in order with what it sent them; closing
    // them from here could overtake their last frames. No room closes the
    // others, so the hub does: at once those that never asked a room to
    // join, and after shutdown_sweep (the rooms have closed theirs by then)
    // any still open, such as those a room refused.
    close_tracked(reason, true);
    sweep_.expires_after(shutdown_sweep);
    sweep_.async_wait([this, reason](boost::system::error_code ec) {
        if (!ec)
            close_tracked(reason, false);
    });
}

void hub::close_tracked(std::string const& reason, bool only_roomless) {
    std::vector<std::shared_ptr<peer>> to_close;
    {
        std::lock_guard lock(mutex_);
        for (auto const& [key, t] : peers_)
            if (!only_roomless || !t.sent_to_room)
                if (auto p = t.p.lock())
                    to_close.push_back(std::move(p));
    }
    for (auto const& p : to_close) // a second close of a connection does nothing
        p->close(reason);
}

} // namespace tavolo::live
