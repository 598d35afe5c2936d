// The meeting room's sequencing, commit, publication and sending. Over 500
// lines because it is one strand-bound class whose parts share its state
// (joining and presence, the seq order of pending changes, lanes): what is
// pure has moved out (the message rules to the *_rules files, the welcome to
// welcome.cpp), and splitting the rest would spread one invariant (changes
// go out durable and in seq order) over several files.
#include "tavolo/live/meeting_room.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/live/board_rules.hpp"
#include "tavolo/live/contribution_rules.hpp"
#include "tavolo/live/facilitation_rules.hpp"
#include "tavolo/live/support_rules.hpp"
#include "tavolo/live/welcome.hpp"
#include "tavolo/live/working_group_rules.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <cctype>

namespace tavolo::live {
namespace {

using json = nlohmann::json;

// Name and body compared without case, for refusing a removed person who
// comes back under a new connection.
std::string identity_key(std::string_view name, std::string_view organization) {
    std::string key;
    for (char c : name)
        key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    key.push_back('\n');
    for (char c : organization)
        key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return key;
}

// The handlers of one std::visit, as one overload set.
template <typename... F> struct overloaded : F... { using F::operator()...; };
template <typename... F> overloaded(F...) -> overloaded<F...>;

} // namespace

meeting_room::meeting_room(boost::asio::io_context& ioc, meeting_snapshot snapshot,
                           room_limits limits, message_limits messages, persistence& store,
                           grouper* clustering)
    : strand_(boost::asio::make_strand(ioc)), id_(snapshot.info.id),
      join_code_(snapshot.info.join_code), limits_(limits), messages_(messages), store_(store),
      clustering_(clustering), durable_(std::move(snapshot)), working_(durable_),
      next_seq_(durable_.last_seq()), presence_timer_(strand_) {
    for (std::size_t i = 0; limits_.lanes > 1 && i < limits_.lanes; ++i)
        lanes_.push_back(boost::asio::make_strand(ioc));
    for (auto const& p : durable_.participants()) {
        people_.emplace(p.id, p);
        if (!p.resume_hash.empty())
            by_resume_.emplace(p.resume_hash, p.id);
        if (p.removed)
            removed_identities_.insert(identity_key(p.name, p.organization));
    }
}

void meeting_room::join(std::shared_ptr<peer> p, json ref, join_message m, bool as_coordinator) {
    boost::asio::post(strand_, [self = shared_from_this(), p = std::move(p), ref = std::move(ref),
                                m = std::move(m), as_coordinator]() mutable {
        self->do_join(p, ref, m, as_coordinator);
    });
}

void meeting_room::handle(std::shared_ptr<peer> p, json ref, client_body body) {
    boost::asio::post(strand_,
                      [self = shared_from_this(), p = std::move(p), ref = std::move(ref),
                       body = std::move(body)]() mutable { self->do_handle(p, ref, body); });
}

void meeting_room::leave(std::shared_ptr<peer> p) {
    boost::asio::post(strand_,
                      [self = shared_from_this(), p = std::move(p)] { self->do_leave(p); });
}

void meeting_room::close_all(std::string reason) {
    boost::asio::post(strand_, [self = shared_from_this(), reason = std::move(reason)] {
        for (auto const& m : self->members_)
            self->close_to(m, reason);
    });
}

// --- joining -----------------------------------------------------------------

void meeting_room::do_join(std::shared_ptr<peer> const& p, json const& ref, join_message& m,
                           bool as_coordinator) {
    if (p->member_) {
        send_to(p, make_error(ref, errc::already_joined, "this connection has already joined"));
        return;
    }
    role r = role::participant;
    if (as_coordinator) {
        r = role::coordinator;
    } else if (m.secret) {
        if (!core::verify_secret(*m.secret, durable_.info().facilitator_secret_hash)) {
            send_to(p, make_error(ref, errc::bad_secret, "the facilitator link is not valid"));
            return;
        }
        r = role::facilitator;
    }

    // A resume token brings back the same person: their contributions,
    // supports and budget.
    participant const* known = nullptr;
    if (m.resume) {
        auto const it = by_resume_.find(core::hash_secret(*m.resume));
        if (it != by_resume_.end()) {
            known = &people_.at(it->second);
            if (known->removed) {
                send_to(p, make_error(ref, errc::removed,
                                      "you were removed from this meeting by its facilitator"));
                return;
            }
            if (known->role != r)
                known = nullptr; // a different role is a different person
        }
    }

    std::optional<std::string> new_token;
    participant me;
    if (known) {
        me = *known;
    } else {
        if (r == role::participant &&
            removed_identities_.count(identity_key(m.name, m.organization))) {
            send_to(p, make_error(ref, errc::removed,
                                  "you were removed from this meeting by its facilitator"));
            return;
        }
        new_token = core::generate_secret();
        me.id = core::random_hex(12);
        me.meeting_id = id_;
        me.name = std::move(m.name);
        me.organization = std::move(m.organization);
        me.role = r;
        me.joined_at_ms = now_ms();
        me.resume_hash = core::hash_secret(*new_token);
    }
    if (r == role::participant) {
        if (participants_present_ >= limits_.max_participants) {
            send_to(p, make_error(ref, errc::meeting_full,
                                  "the meeting has reached its limit of " +
                                      std::to_string(limits_.max_participants) + " participants"));
            return;
        }
    }
    if (!known) {
        people_.emplace(me.id, me);
        by_resume_.emplace(me.resume_hash, me.id);
    }
    p->member_ = me;
    p->index_ = members_.size();
    members_.push_back(p);
    if (!lanes_.empty()) {
        p->lane_ = next_lane_++ % lanes_.size();
        if (members_.size() >= limits_.lanes_from)
            use_lanes_ = true;
    }
    if (r == role::participant)
        ++participants_present_;
    send_snapshot(p, ref, me, new_token, known ? m.since : std::nullopt);
    presence_changed();
}

void meeting_room::send_snapshot(std::shared_ptr<peer> const& p, json const& ref,
                                 participant const& me,
                                 std::optional<std::string> const& resume_token,
                                 std::optional<std::int64_t> since) {
    json result = welcome_json(durable_, me, now_ms(), messages_);
    if (resume_token)
        result["resume"] = *resume_token;

    // Replay when every event after `since` is still in the log.
    auto const first_logged = log_.empty() ? durable_.last_seq() + 1 : log_.front().seq;
    if (since && *since <= durable_.last_seq() && *since + 1 >= first_logged) {
        result["mode"] = "replay";
        send_to(p, make_ack(ref, std::move(result)));
        viewer const v{me.role, me.id};
        for (auto const& e : log_)
            if (e.seq > *since)
                send_to(p, render(e, audience_of(e, v)));
        return;
    }

    result["mode"] = "snapshot";
    result["contributions"] = contributions_seen_by(durable_, me);
    send_to(p, make_ack(ref, std::move(result)));
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
        if (p->member_->role == role::participant)
            --participants_present_;
    }
    p->member_.reset();
    presence_changed();
}

// --- presence ------------------------------------------------------------------

// Joins and leaves are coalesced: one presence frame per interval at most,
// so a join storm does not become a storm of presence frames.
void meeting_room::presence_changed() {
    member_count_.store(members_.size(), std::memory_order_relaxed);
    if (presence_pending_)
        return;
    presence_pending_ = true;
    presence_timer_.expires_after(limits_.presence_interval);
    presence_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec)
            self->send_presence();
    });
}

void meeting_room::send_presence() {
    presence_pending_ = false;
    json list = json::array();
    for (auto const& m : members_) {
        auto const& me = *m->member_;
        list.push_back({{"id", me.id},
                        {"name", me.name},
                        {"organization", me.organization},
                        {"role", to_string(me.role)}});
    }
    auto const everyone = std::make_shared<std::string const>(
        json{{"type", "presence"}, {"count", participants_present_}}.dump());
    auto const staff = std::make_shared<std::string const>(json{
        {"type", "presence"},
        {"count", participants_present_},
        {"members", std::move(list)}}.dump());
    send_all([&](peer const& m) { return is_staff(m.member_->role) ? staff : everyone; });
}

// --- changes -------------------------------------------------------------------

void meeting_room::do_handle(std::shared_ptr<peer> const& p, json const& ref, client_body& body) {
    if (!p->member_) {
        send_to(p, make_error(ref, errc::not_joined, "join the meeting first"));
        return;
    }
    participant const me = *p->member_;
    // A closed meeting is read-only; staff may still reopen it.
    if (working_.info().phase == meeting_phase::closed &&
        !std::holds_alternative<phase_message>(body)) {
        send_to(p, make_error(ref, errc::wrong_phase, "the meeting is closed"));
        return;
    }
    rule_context const ctx{.me = me, .seq = next_seq_ + 1, .now_ms = now_ms(), .new_id = [] {
                               return core::random_hex(8);
                           }};
    // One handler per message: a message without one (no rule `decide` for
    // it either) does not compile.
    std::visit(overloaded{
                   [&](join_message const&) { not_here(p, ref); },
                   [&](ping_message const&) { not_here(p, ref); },
                   [&](submit_message const& m) { on_submit(p, ref, ctx, m); },
                   [&](cluster_run_message const&) { on_cluster_run(p, ref, me); },
                   // Board edits summarize the groups they change with the engine.
                   [&](group_move_message const& m) {
                       settle(p, ref, decide(working_, ctx, m, clustering_));
                   },
                   [&](group_merge_message const& m) {
                       settle(p, ref, decide(working_, ctx, m, clustering_));
                   },
                   [&](group_split_message const& m) {
                       settle(p, ref, decide(working_, ctx, m, clustering_));
                   },
                   [&](remove_message const& m) { on_remove(p, ref, ctx, m); },
                   [&](target_message const& m) {
                       bool const vote = m.action == target_action::support ||
                                         m.action == target_action::unsupport;
                       settle(p, ref,
                              vote ? decide_support(working_, ctx, m)
                                   : decide_status(working_, ctx, m));
                   },
                   // Every other message is one rule's: contribution_rules,
                   // facilitation_rules, board_rules, working_group_rules.
                   [&](auto const& m) { settle(p, ref, decide(working_, ctx, m)); },
               },
               body);
}

void meeting_room::not_here(std::shared_ptr<peer> const& p, json const& ref) {
    // The hub answers joins and pings itself; it never hands them to a room.
    send_to(p, make_error(ref, errc::unknown_type, "this message is not handled here"));
}

meeting_room::pending_change meeting_room::to_pending(ruling r) {
    pending_change pc;
    pc.change = std::move(r.change);
    pc.change.meeting_id = id_;
    pc.change.seq = ++next_seq_;
    pc.make_event = std::move(r.make_event);
    pc.make_result = std::move(r.make_result);
    return pc;
}

void meeting_room::settle(std::shared_ptr<peer> const& p, json const& ref, rule_result result,
                          std::function<void()> after) {
    if (auto const* e = std::get_if<rule_error>(&result)) {
        send_to(p, make_error(ref, e->code, e->message));
        return;
    }
    auto pc = to_pending(std::get<ruling>(std::move(result)));
    pc.after = std::move(after);
    pc.waiters.push_back({p, ref});
    commit(std::move(pc));
}

void meeting_room::on_submit(std::shared_ptr<peer> const& p, json const& ref,
                             rule_context const& ctx, submit_message const& m) {
    // A retried submit (same client id, possibly after a reconnect) is
    // answered with the original, never stored twice.
    if (auto const it = creating_.find(m.id); it != creating_.end()) {
        it->second->waiters.push_back({p, ref});
        return;
    }
    if (auto const* c = durable_.find(m.id)) {
        send_to(p, make_ack(ref, {{"id", c->id}, {"seq", c->seq}}));
        return;
    }
    auto result = decide(working_, ctx, m);
    if (auto const* e = std::get_if<rule_error>(&result)) {
        send_to(p, make_error(ref, e->code, e->message));
        return;
    }
    auto pc = to_pending(std::get<ruling>(std::move(result)));
    pc.creates = m.id;
    pc.waiters.push_back({p, ref});
    commit(std::move(pc));
}

void meeting_room::on_remove(std::shared_ptr<peer> const& p, json const& ref,
                             rule_context const& ctx, remove_message const& m) {
    // Everyone who joined, not only those the store has.
    auto const it = people_.find(m.participant);
    auto result = remove_participant(ctx, it == people_.end() ? nullptr : &it->second);
    settle(p, ref, std::move(result), [self = shared_from_this(), id = m.participant] {
        auto& person = self->people_[id];
        person.removed = true;
        self->removed_identities_.insert(identity_key(person.name, person.organization));
        // Copy: leaving changes the member list.
        auto const members = self->members_;
        for (auto const& member : members)
            if (member->member_ && member->member_->id == id) {
                self->close_to(member, "removed by the facilitator");
                self->do_leave(member);
            }
    });
}

// --- the cluster board ------------------------------------------------------------

void meeting_room::on_cluster_run(std::shared_ptr<peer> const& p, json const& ref,
                                  participant const& me) {
    auto err = may_run_clustering(working_, me);
    if (!err && !clustering_)
        err = rule_error{errc::clustering_failed, "clustering is not available on this server"};
    if (err) {
        send_to(p, make_error(ref, err->code, err->message));
        return;
    }
    // One run at a time: whoever asks meanwhile gets its result.
    bool const running = !clustering_waiters_.empty();
    clustering_waiters_.push_back({p, ref});
    if (running)
        return;
    clustering_->group(clustering_items(working_),
                       [self = shared_from_this()](std::optional<std::vector<proposed_group>> r) {
                           boost::asio::post(self->strand_, [self, r = std::move(r)]() mutable {
                               self->on_grouped(std::move(r));
                           });
                       });
}

void meeting_room::on_grouped(std::optional<std::vector<proposed_group>> proposed) {
    auto waiters = std::move(clustering_waiters_);
    clustering_waiters_.clear();
    if (!proposed) {
        for (auto const& w : waiters)
            send_to(w.who, make_error(w.ref, errc::clustering_failed,
                                      "the clustering failed; the board is unchanged"));
        return;
    }
    if (working_.info().phase == meeting_phase::closed) {
        for (auto const& w : waiters)
            send_to(w.who, make_error(w.ref, errc::wrong_phase, "the meeting is closed"));
        return;
    }
    auto pc = to_pending(after_run(working_, *proposed, clustering_));
    pc.waiters = std::move(waiters);
    commit(std::move(pc));
}

// --- follow-up meetings: the plan read again ------------------------------------------

void meeting_room::refresh_plan() {
    boost::asio::post(strand_, [self = shared_from_this()] {
        // An open meeting does not show it: no read, no event for nothing.
        if (self->working_.info().phase == meeting_phase::closed)
            self->load_published_plan();
        if (self->working_.info().kind != meeting_kind::followup)
            return;
        self->store_.load_plan(self->id_, [self](std::optional<std::vector<plan_item>> plan) {
            boost::asio::post(self->strand_, [self, plan = std::move(plan)]() mutable {
                self->on_plan_loaded(std::move(plan));
            });
        });
    });
}

void meeting_room::on_plan_loaded(std::optional<std::vector<plan_item>> loaded) {
    if (!loaded)
        return; // the store has logged why
    std::vector<group_change> unsaved;
    for (auto const& pc : pending_)
        unsaved.insert(unsaved.end(), pc.change.groups.begin(), pc.change.groups.end());
    if (auto r = plan_reloaded(working_, std::move(*loaded), unsaved))
        commit(to_pending(std::move(*r)));
}

void meeting_room::load_published_plan() {
    store_.load_published_plan(
        id_, [self = shared_from_this()](std::optional<published_plan_ref> found) {
            boost::asio::post(self->strand_, [self, found = std::move(found)]() mutable {
                self->on_published_loaded(std::move(found));
            });
        });
}

void meeting_room::on_published_loaded(std::optional<published_plan_ref> found) {
    if (auto r = published_plan_reloaded(working_, std::move(found)))
        commit(to_pending(std::move(*r)));
}

// --- changes from outside the meeting ------------------------------------------------

void meeting_room::change_from_outside(outside_change change,
                                       std::function<void(outside_result)> done) {
    boost::asio::post(strand_,
                      [self = shared_from_this(), change = std::move(change),
                       done = std::move(done)] { self->do_change_from_outside(change, done); });
}

void meeting_room::do_change_from_outside(outside_change const& change,
                                          std::function<void(outside_result)> const& done) {
    auto result = live::change_from_outside(working_, change.phase, change.facilitator_hash);
    if (auto const* e = std::get_if<rule_error>(&result)) {
        done({std::pair<std::string, std::string>{e->code, e->message},
              meeting_json(durable_.info(), now_ms())});
        return;
    }
    auto pc = to_pending(std::get<ruling>(std::move(result)));
    bool const new_link = change.facilitator_hash.has_value();
    pc.outside = [self = shared_from_this(), done,
                  new_link](std::optional<std::string> const& error) {
        if (error) {
            done({std::pair<std::string, std::string>{errc::store_failed,
                                                      "the change could not be saved"},
                  nullptr});
            return;
        }
        if (new_link) {
            // The old link no longer opens the meeting: facilitators who came
            // in with it leave and come back with the new one.
            auto const members = self->members_;
            for (auto const& m : members)
                if (m->member_ && m->member_->role == role::facilitator) {
                    self->close_to(m, "the facilitator link was replaced");
                    self->do_leave(m);
                }
        }
        done({std::nullopt, meeting_json(self->durable_.info(), now_ms())});
    };
    commit(std::move(pc));
}

// --- durability and publication ----------------------------------------------------

void meeting_room::commit(pending_change pc) {
    working_.apply(pc.change);
    pending_.push_back(std::move(pc));
    auto& entry = pending_.back();
    if (!entry.creates.empty())
        creating_[entry.creates] = &entry;
    store_.save(entry.change, [self = shared_from_this()](std::optional<std::string> error) {
        boost::asio::post(self->strand_,
                          [self, error = std::move(error)] { self->on_saved(error); });
    });
}

void meeting_room::on_saved(std::optional<std::string> const& error) {
    pending_change pc = std::move(pending_.front());
    pending_.pop_front();
    if (!pc.creates.empty())
        creating_.erase(pc.creates);
    if (error) {
        // As on success, the event (here: its skip) goes out before the reply.
        if (pc.change.seq)
            publish(
                event{.kind = event_kind::skip, .seq = pc.change.seq, .meeting = durable_.info()});
        for (auto const& w : pc.waiters)
            send_to(w.who, make_error(w.ref, errc::store_failed,
                                      "the change could not be saved; try again"));
        alert_staff_store_failed();
        if (pc.outside)
            pc.outside(error);
        // The working state assumed this change: rebuild it without it.
        working_ = durable_;
        for (auto const& later : pending_)
            working_.apply(later.change);
        return;
    }
    bool const was_closed = durable_.info().phase == meeting_phase::closed;
    durable_.apply(pc.change);
    // A plan published while the meeting was open: read it as it closes.
    if (!was_closed && durable_.info().phase == meeting_phase::closed)
        load_published_plan();
    if (pc.make_event) {
        auto e = pc.make_event(durable_);
        e.seq = pc.change.seq;
        publish(std::move(e));
    }
    if (!pc.waiters.empty()) {
        auto const result = pc.make_result ? pc.make_result(durable_) : json();
        for (auto const& w : pc.waiters)
            send_to(w.who, make_ack(w.ref, result));
    }
    if (pc.after)
        pc.after();
    if (pc.outside)
        pc.outside(std::nullopt);
}

void meeting_room::alert_staff_store_failed() {
    // Facilitators must know at once that the meeting is not being saved (a
    // full disk, a read-only data directory), not only the one who wrote.
    auto const now = std::chrono::steady_clock::now();
    if (store_alerted_ != std::chrono::steady_clock::time_point{} &&
        now - store_alerted_ < std::chrono::seconds(10))
        return;
    store_alerted_ = now;
    auto const frame = std::make_shared<std::string const>(
        make_alert(errc::store_failed,
                   "changes to this meeting cannot be saved: the server's store is failing (see "
                   "the server log); nothing unsaved was acknowledged"));
    send_all([&](peer const& m) {
        return is_staff(m.member_->role) ? frame : std::shared_ptr<std::string const>();
    });
}

void meeting_room::publish(event e) {
    // Rendered once per audience and shared by every member's queue.
    std::shared_ptr<std::string const> frames[audience_count];
    send_all([&](peer const& m) {
        auto const a = audience_of(e, viewer{m.member_->role, m.member_->id});
        auto& frame = frames[static_cast<int>(a)];
        if (!frame)
            frame = std::make_shared<std::string const>(render(e, a));
        return frame;
    });
    log_.push_back(std::move(e));
    while (log_.size() > limits_.replay_events)
        log_.pop_front();
}

// --- sending -------------------------------------------------------------------

template <typename Action>
void meeting_room::to_member(std::shared_ptr<peer> const& p, Action action) {
    if (use_lanes_ && p->member_)
        boost::asio::post(lanes_[p->lane_], std::move(action));
    else
        action();
}

void meeting_room::send_to(std::shared_ptr<peer> const& p,
                           std::shared_ptr<std::string const> frame) {
    to_member(p, [p, frame = std::move(frame)]() mutable { p->send(std::move(frame)); });
}

void meeting_room::send_to(std::shared_ptr<peer> const& p, std::string frame) {
    send_to(p, std::make_shared<std::string const>(std::move(frame)));
}

void meeting_room::close_to(std::shared_ptr<peer> const& p, std::string reason) {
    to_member(p, [p, reason = std::move(reason)] { p->close(reason); });
}

template <typename Pick> void meeting_room::send_all(Pick pick) {
    if (!use_lanes_) {
        for (auto const& m : members_)
            if (auto frame = pick(*m))
                m->send(std::move(frame));
        return;
    }
    using batch = std::vector<std::pair<std::shared_ptr<peer>, std::shared_ptr<std::string const>>>;
    std::vector<batch> batches(lanes_.size());
    for (auto& b : batches)
        b.reserve(members_.size() / lanes_.size() + 1);
    for (auto const& m : members_)
        if (auto frame = pick(*m))
            batches[m->lane_].emplace_back(m, std::move(frame));
    for (std::size_t i = 0; i < lanes_.size(); ++i)
        if (!batches[i].empty())
            boost::asio::post(lanes_[i], [b = std::move(batches[i])] {
                for (auto const& [m, frame] : b)
                    m->send(frame);
            });
}

} // namespace tavolo::live
