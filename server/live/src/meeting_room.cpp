#include "tavolo/live/meeting_room.hpp"

#include "tavolo/live/secrets.hpp"

#include <boost/asio/post.hpp>

#include <chrono>

namespace tavolo::live {
namespace {

using json = nlohmann::json;

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

meeting_room::meeting_room(boost::asio::io_context& ioc, meeting_snapshot snapshot,
                           room_limits limits, persistence& store)
    : strand_(boost::asio::make_strand(ioc)), id_(snapshot.info.id),
      join_code_(snapshot.info.join_code), limits_(limits), store_(store),
      info_(std::move(snapshot.info)), contributions_(std::move(snapshot.contributions)),
      last_seq_(snapshot.last_seq) {
    stored_.reserve(contributions_.size());
    for (std::size_t i = 0; i < contributions_.size(); ++i)
        stored_.emplace(contributions_[i].id, i);
}

void meeting_room::join(std::shared_ptr<peer> p, json ref, join_message m) {
    boost::asio::post(strand_, [self = shared_from_this(), p = std::move(p), ref = std::move(ref),
                                m = std::move(m)]() mutable { self->do_join(p, ref, m); });
}

void meeting_room::submit(std::shared_ptr<peer> p, json ref, submit_message m) {
    boost::asio::post(strand_, [self = shared_from_this(), p = std::move(p), ref = std::move(ref),
                                m = std::move(m)]() mutable { self->do_submit(p, ref, m); });
}

void meeting_room::leave(std::shared_ptr<peer> p) {
    boost::asio::post(strand_,
                      [self = shared_from_this(), p = std::move(p)] { self->do_leave(p); });
}

void meeting_room::close_all(std::string reason) {
    boost::asio::post(strand_, [self = shared_from_this(), reason = std::move(reason)] {
        for (auto const& m : self->members_)
            m->close(reason);
    });
}

void meeting_room::do_join(std::shared_ptr<peer> const& p, json const& ref, join_message& m) {
    if (p->member_ || p->joining_) {
        p->send(make_error(ref, errc::already_joined, "this connection has already joined"));
        return;
    }
    role r = role::participant;
    if (m.secret) {
        if (!verify_secret(*m.secret, info_.facilitator_secret_hash)) {
            p->send(make_error(ref, errc::bad_secret, "the facilitator link is not valid"));
            return;
        }
        r = role::facilitator;
    } else if (members_.size() >= limits_.max_participants) {
        p->send(make_error(ref, errc::meeting_full,
                           "the meeting has reached its limit of " +
                               std::to_string(limits_.max_participants) + " participants"));
        return;
    }
    participant pt{random_hex(12), id_, std::move(m.name), std::move(m.organization), r, now_ms()};
    p->joining_ = true;
    store_.save_participant(pt, [self = shared_from_this(), p, ref,
                                 pt](std::optional<std::string> error) mutable {
        boost::asio::post(self->strand_, [self, p = std::move(p), ref = std::move(ref),
                                          pt = std::move(pt), error = std::move(error)]() mutable {
            self->on_participant_saved(p, ref, std::move(pt), error);
        });
    });
}

void meeting_room::on_participant_saved(std::shared_ptr<peer> const& p, json const& ref,
                                        participant pt, std::optional<std::string> const& error) {
    p->joining_ = false;
    if (p->left_)
        return;
    if (error) {
        p->send(make_error(ref, errc::store_failed, "the meeting could not record your joining"));
        return;
    }
    p->member_ = std::move(pt);
    p->index_ = members_.size();
    members_.push_back(p);
    p->send(make_ack(ref, snapshot_json(*p->member_)));
}

json meeting_room::snapshot_json(participant const& you) const {
    json list = json::array();
    for (auto const& c : contributions_)
        list.push_back(contribution_json(c));
    return json{
        {"meeting",
         {{"id", id_},
          {"title", info_.title},
          {"community", info_.community_name},
          {"phase", to_string(info_.phase)}}},
        {"you",
         {{"name", you.name}, {"organization", you.organization}, {"role", to_string(you.role)}}},
        {"seq", last_seq_},
        {"contributions", std::move(list)}};
}

void meeting_room::do_submit(std::shared_ptr<peer> const& p, json const& ref, submit_message& m) {
    if (!p->member_) {
        p->send(make_error(ref, errc::not_joined, "join the meeting before submitting"));
        return;
    }
    auto const& me = *p->member_;
    // A retried submit (same client id, possibly from a new connection after a
    // reconnect) is answered with the stored contribution, never stored twice.
    if (auto const it = stored_.find(m.id); it != stored_.end()) {
        auto const& c = contributions_[it->second];
        p->send(make_ack(ref, {{"id", c.id}, {"seq", c.seq}}));
        return;
    }
    if (auto const it = pending_.find(m.id); it != pending_.end()) {
        it->second.waiters.push_back({p, ref});
        return;
    }
    if (info_.phase != meeting_phase::collect) {
        p->send(make_error(ref, errc::submissions_closed,
                           "the meeting is not collecting contributions now"));
        return;
    }
    contribution c{m.id,  id_,     ++last_seq_,     m.kind,  std::move(m.text),
                   me.id, me.name, me.organization, now_ms()};
    auto const id = c.id;
    auto& entry = pending_[id];
    entry.value = c;
    entry.waiters.push_back({p, ref});
    store_.save_contribution(c, [self = shared_from_this(), id](std::optional<std::string> error) {
        boost::asio::post(self->strand_, [self, id, error = std::move(error)] {
            self->on_contribution_saved(id, error);
        });
    });
}

void meeting_room::on_contribution_saved(std::string const& id,
                                         std::optional<std::string> const& error) {
    auto node = pending_.extract(id);
    if (node.empty())
        return;
    auto& pend = node.mapped();
    if (error) {
        for (auto const& w : pend.waiters)
            w.who->send(make_error(w.ref, errc::store_failed,
                                   "the contribution could not be saved; try again"));
        return;
    }
    stored_.emplace(pend.value.id, contributions_.size());
    contributions_.push_back(std::move(pend.value));
    auto const& c = contributions_.back();
    // Serialised once, shared by every member's queue.
    broadcast(std::make_shared<std::string const>(make_contribution_event(c)));
    for (auto const& w : pend.waiters)
        w.who->send(make_ack(w.ref, {{"id", c.id}, {"seq", c.seq}}));
}

void meeting_room::do_leave(std::shared_ptr<peer> const& p) {
    p->left_ = true;
    if (!p->member_)
        return;
    auto const i = p->index_;
    if (i < members_.size() && members_[i] == p) {
        members_[i] = std::move(members_.back());
        members_[i]->index_ = i;
        members_.pop_back();
    }
    p->member_.reset();
}

void meeting_room::broadcast(std::shared_ptr<std::string const> const& frame) const {
    for (auto const& m : members_)
        m->send(frame);
}

} // namespace tavolo::live
