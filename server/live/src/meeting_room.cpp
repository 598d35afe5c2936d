#include "tavolo/live/meeting_room.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/live/working_groups.hpp"

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

template <typename T> T const* as(client_body const& b) {
    return std::get_if<T>(&b);
}

// The event for a change to one contribution, once durable.
std::function<event(meeting_state const&)> contribution_event(std::string id, std::int64_t seq) {
    return [id = std::move(id), seq](meeting_state const& s) {
        return event{event_kind::contribution,
                     seq,
                     *s.find(id),
                     s.supports_of(id),
                     {},
                     s.info(),
                     {},
                     {},
                     {},
                     {},
                     {}};
    };
}

std::function<json(meeting_state const&)> contribution_result(std::string id) {
    return [id = std::move(id)](meeting_state const& s) {
        auto const* c = s.find(id);
        return json{{"id", id}, {"status", to_string(c->status)}};
    };
}

} // namespace

meeting_room::meeting_room(boost::asio::io_context& ioc, meeting_snapshot snapshot,
                           room_limits limits, persistence& store, grouper* clustering)
    : strand_(boost::asio::make_strand(ioc)), id_(snapshot.info.id),
      join_code_(snapshot.info.join_code), limits_(limits), store_(store), clustering_(clustering),
      durable_(std::move(snapshot)), working_(durable_), next_seq_(durable_.last_seq()),
      presence_timer_(strand_) {
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

json meeting_room::you_json(participant const& me) const {
    json supports = json::object();
    for (auto const& [cid, n] : durable_.supports_by(me.id))
        supports[cid] = n;
    auto const budget = durable_.info().settings.support_budget;
    return json{
        {"id", me.id},
        {"name", me.name},
        {"organization", me.organization},
        {"role", to_string(me.role)},
        {"supports", std::move(supports)},
        {"budget_left", std::max<std::int64_t>(0, budget - durable_.supports_given(me.id))}};
}

void meeting_room::send_snapshot(std::shared_ptr<peer> const& p, json const& ref,
                                 participant const& me,
                                 std::optional<std::string> const& resume_token,
                                 std::optional<std::int64_t> since) {
    json result{{"meeting", meeting_json(durable_.info(), now_ms())},
                {"you", you_json(me)},
                {"seq", durable_.last_seq()},
                {"board", board_json(durable_.board())}};
    if (durable_.info().kind == meeting_kind::followup)
        result["plan"] = plan_json(durable_.plan());
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
    json list = json::array();
    bool const staff = is_staff(me.role);
    bool const anonymous = durable_.info().settings.anonymous;
    for (auto const& c : durable_.contributions()) {
        auto const supports = durable_.supports_of(c.id);
        if (staff)
            list.push_back(contribution_json(c, supports, audience::staff, anonymous));
        else if (c.participant_id == me.id)
            list.push_back(contribution_json(c, supports, audience::author, anonymous));
        else if (visible_to_peers(c, durable_.info()))
            list.push_back(contribution_json(c, supports, audience::peer, anonymous));
    }
    result["contributions"] = std::move(list);
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
    auto const& info = working_.info();
    // A closed meeting is read-only; staff may still reopen it.
    if (info.phase == meeting_phase::closed && !as<phase_message>(body)) {
        send_to(p, make_error(ref, errc::wrong_phase, "the meeting is closed"));
        return;
    }

    if (auto* m = std::get_if<submit_message>(&body)) {
        if (auto err = on_submit(p, ref, me, *m))
            send_to(p, make_error(ref, err->first, err->second));
        return;
    }
    if (as<cluster_run_message>(body)) {
        if (auto err = on_cluster_run(p, ref, me))
            send_to(p, make_error(ref, err->first, err->second));
        return;
    }

    pending_change pc;
    pc.change.meeting_id = id_;
    std::optional<reply_error> err;
    if (auto* m = std::get_if<edit_message>(&body))
        err = on_edit(me, *m, pc);
    else if (auto* t = std::get_if<target_message>(&body))
        err = on_target(me, *t, pc);
    else if (auto* mm = std::get_if<merge_message>(&body))
        err = on_merge(me, *mm, pc);
    else if (auto* r = std::get_if<remove_message>(&body))
        err = on_remove(me, *r, pc);
    else if (as<group_move_message>(body) || as<group_merge_message>(body) ||
             as<group_split_message>(body) || as<group_rename_message>(body) ||
             as<group_promote_message>(body))
        err = on_board(me, body, pc);
    else if (as<volunteer_message>(body) || as<working_group_remove_message>(body) ||
             as<working_group_status_message>(body))
        err = on_working_group(me, body, pc);
    else
        err = on_meeting(me, body, pc);
    if (err) {
        send_to(p, make_error(ref, err->first, err->second));
        return;
    }
    pc.waiters.push_back({p, ref});
    commit(std::move(pc));
}

void meeting_room::include_author(meeting_change& change, participant const& me) const {
    if (!working_.find_participant(me.id))
        change.participants.push_back(people_.at(me.id));
}

std::optional<meeting_room::reply_error> meeting_room::on_submit(std::shared_ptr<peer> const& p,
                                                                 json const& ref,
                                                                 participant const& me,
                                                                 submit_message& m) {
    // A retried submit (same client id, possibly after a reconnect) is
    // answered with the original, never stored twice.
    if (auto const it = creating_.find(m.id); it != creating_.end()) {
        it->second->waiters.push_back({p, ref});
        return std::nullopt;
    }
    if (auto const* c = durable_.find(m.id)) {
        send_to(p, make_ack(ref, {{"id", c->id}, {"seq", c->seq}}));
        return std::nullopt;
    }
    auto const& info = working_.info();
    if (info.phase != meeting_phase::collect)
        return reply_error{errc::wrong_phase, "contributions are sent in the collect phase"};
    if (info.locked && !is_staff(me.role))
        return reply_error{errc::submissions_locked, "the facilitator has locked submissions"};

    pending_change pc;
    pc.change.meeting_id = id_;
    pc.change.seq = ++next_seq_;
    include_author(pc.change, me);
    contribution c;
    c.id = m.id;
    c.meeting_id = id_;
    c.seq = pc.change.seq;
    c.kind = m.kind;
    c.text = std::move(m.text);
    c.participant_id = me.id;
    c.author_name = me.name;
    c.author_organization = me.organization;
    c.created_at_ms = now_ms();
    pc.change.contributions.push_back(std::move(c));
    pc.creates = m.id;
    auto const id = m.id;
    pc.make_event = contribution_event(id, pc.change.seq);
    pc.make_result = [id](meeting_state const& s) {
        return json{{"id", id}, {"seq", s.find(id)->seq}};
    };
    pc.waiters.push_back({p, ref});
    commit(std::move(pc));
    return std::nullopt;
}

std::optional<meeting_room::reply_error>
meeting_room::on_edit(participant const& me, edit_message& m, pending_change& pc) {
    auto const* c = working_.find(m.id);
    if (!c || c->status == contribution_status::withdrawn ||
        c->status == contribution_status::merged)
        return reply_error{errc::not_found, "no such contribution"};
    if (!is_staff(me.role)) {
        if (c->participant_id != me.id)
            return reply_error{errc::forbidden, "only its author or a facilitator may edit it"};
        if (working_.info().phase != meeting_phase::collect)
            return reply_error{errc::wrong_phase, "contributions are edited in the collect phase"};
    }
    if (c->text == m.text)
        return reply_error{errc::no_change, "the text is the same"};
    contribution updated = *c;
    pc.change.edits.push_back({c->id, c->text, m.text, me.id, now_ms()});
    updated.text = std::move(m.text);
    updated.edited = true;
    include_author(pc.change, me);
    change_contribution(pc, std::move(updated));
    return std::nullopt;
}

std::optional<meeting_room::reply_error>
meeting_room::on_target(participant const& me, target_message const& m, pending_change& pc) {
    auto const* c = working_.find(m.id);
    auto const& info = working_.info();
    bool const staff = is_staff(me.role);
    if (!c || (!staff && c->participant_id != me.id && !visible_to_peers(*c, info)))
        return reply_error{errc::not_found, "no such contribution"};

    if (m.action == target_action::support || m.action == target_action::unsupport) {
        if (staff)
            return reply_error{errc::forbidden, "facilitators do not give supports"};
        if (info.phase != meeting_phase::vote)
            return reply_error{errc::wrong_phase, "supports are given in the vote phase"};
        if (c->status != contribution_status::visible)
            return reply_error{errc::not_found, "no such contribution"};
        auto const mine = working_.support_count(me.id, c->id);
        std::int64_t next = mine;
        if (m.action == target_action::support) {
            if (working_.supports_given(me.id) >= info.settings.support_budget)
                return reply_error{errc::budget_exhausted, "you have no supports left"};
            if (mine >= info.settings.max_supports_per_contribution)
                return reply_error{errc::support_limit,
                                   "you have given this contribution all the supports allowed"};
            next = mine + 1;
        } else {
            if (mine == 0)
                return reply_error{errc::no_change, "you have not supported this contribution"};
            next = mine - 1;
        }
        pc.change.seq = ++next_seq_;
        include_author(pc.change, me);
        pc.change.supports.push_back({me.id, c->id, next});
        auto const id = c->id;
        pc.make_event = [id, seq = pc.change.seq](meeting_state const& s) {
            return event{event_kind::supports,
                         seq,
                         *s.find(id),
                         s.supports_of(id),
                         {},
                         s.info(),
                         {},
                         {},
                         {},
                         {},
                         {}};
        };
        pc.make_result = [id, who = me.id](meeting_state const& s) {
            return json{{"id", id},
                        {"supports", s.supports_of(id)},
                        {"mine", s.support_count(who, id)},
                        {"budget_left", std::max<std::int64_t>(0, s.info().settings.support_budget -
                                                                      s.supports_given(who))}};
        };
        return std::nullopt;
    }

    contribution updated = *c;
    switch (m.action) {
    case target_action::withdraw:
        if (c->participant_id != me.id)
            return reply_error{errc::forbidden, "only its author may withdraw a contribution"};
        if (info.phase != meeting_phase::collect)
            return reply_error{errc::wrong_phase,
                               "contributions are withdrawn in the collect phase"};
        if (c->status != contribution_status::visible)
            return reply_error{errc::no_change, "the contribution is not visible"};
        updated.status = contribution_status::withdrawn;
        break;
    case target_action::hide:
    case target_action::restore: {
        if (!staff)
            return reply_error{errc::forbidden, "only a facilitator may hide or restore"};
        auto const from = m.action == target_action::hide ? contribution_status::visible
                                                          : contribution_status::hidden;
        if (c->status != from)
            return reply_error{errc::no_change, std::string("the contribution is ") +
                                                    std::string(to_string(c->status))};
        updated.status = m.action == target_action::hide ? contribution_status::hidden
                                                         : contribution_status::visible;
        break;
    }
    default:
        break;
    }
    change_contribution(pc, std::move(updated));
    return std::nullopt;
}

void meeting_room::change_contribution(pending_change& pc, contribution updated) {
    pc.change.seq = ++next_seq_;
    auto const id = updated.id;
    pc.change.contributions.push_back(std::move(updated));
    pc.make_event = contribution_event(id, pc.change.seq);
    pc.make_result = contribution_result(id);
}

std::optional<meeting_room::reply_error>
meeting_room::on_merge(participant const& me, merge_message const& m, pending_change& pc) {
    if (!is_staff(me.role))
        return reply_error{errc::forbidden, "only a facilitator may merge contributions"};
    auto const usable = [](contribution const* c) {
        return c && (c->status == contribution_status::visible ||
                     c->status == contribution_status::hidden);
    };
    auto const* keep = working_.find(m.keep);
    if (!usable(keep))
        return reply_error{errc::not_found, "no contribution '" + m.keep + "' to keep"};
    std::vector<contribution const*> merged;
    for (auto const& id : m.ids) {
        auto const* c = working_.find(id);
        if (id == m.keep || !usable(c))
            return reply_error{errc::not_found, "no contribution '" + id + "' to merge"};
        if (std::find(merged.begin(), merged.end(), c) == merged.end())
            merged.push_back(c);
    }
    // Supports are added up, but no participant counts twice beyond what one
    // contribution may receive from them; the excess goes back to their budget.
    auto const cap = working_.info().settings.max_supports_per_contribution;
    std::map<std::string, std::int64_t> totals = working_.supporters_of(keep->id);
    for (auto const* c : merged)
        for (auto const& [who, n] : working_.supporters_of(c->id)) {
            totals[who] += n;
            pc.change.supports.push_back({who, c->id, 0});
        }
    for (auto const& [who, n] : totals)
        pc.change.supports.push_back({who, keep->id, std::min(n, cap)});
    std::vector<std::string> ids;
    for (auto const* c : merged) {
        contribution updated = *c;
        updated.status = contribution_status::merged;
        updated.merged_into = keep->id;
        ids.push_back(c->id);
        pc.change.contributions.push_back(std::move(updated));
    }
    pc.change.seq = ++next_seq_;
    pc.make_event = [keep = keep->id, ids, seq = pc.change.seq](meeting_state const& s) {
        return event{event_kind::merge,
                     seq,
                     *s.find(keep),
                     s.supports_of(keep),
                     ids,
                     s.info(),
                     {},
                     {},
                     {},
                     {},
                     {}};
    };
    pc.make_result = [keep = keep->id, ids](meeting_state const& s) {
        return json{{"keep", keep}, {"merged", ids}, {"supports", s.supports_of(keep)}};
    };
    return std::nullopt;
}

std::optional<meeting_room::reply_error>
meeting_room::on_remove(participant const& me, remove_message const& m, pending_change& pc) {
    if (!is_staff(me.role))
        return reply_error{errc::forbidden, "only a facilitator may remove a participant"};
    auto const it = people_.find(m.participant);
    if (it == people_.end())
        return reply_error{errc::not_found, "no such participant"};
    if (is_staff(it->second.role))
        return reply_error{errc::forbidden, "facilitators cannot be removed"};
    if (it->second.removed)
        return reply_error{errc::no_change, "the participant was removed already"};
    participant updated = it->second;
    updated.removed = true;
    pc.change.seq = ++next_seq_;
    pc.change.participants.push_back(updated);
    pc.make_event = [id = updated.id, seq = pc.change.seq](meeting_state const& s) {
        return event{
            event_kind::participant_removed, seq, {}, 0, {id}, s.info(), {}, {}, {}, {}, {}};
    };
    pc.make_result = [id = updated.id](meeting_state const&) { return json{{"participant", id}}; };
    pc.after = [self = shared_from_this(), id = updated.id] {
        auto& person = self->people_[id];
        person.removed = true;
        self->removed_identities_.insert(identity_key(person.name, person.organization));
        // Copy: leaving changes the member list.
        auto const members = self->members_;
        for (auto const& m : members)
            if (m->member_ && m->member_->id == id) {
                self->close_to(m, "removed by the facilitator");
                self->do_leave(m);
            }
    };
    return std::nullopt;
}

std::optional<meeting_room::reply_error>
meeting_room::on_meeting(participant const& me, client_body const& body, pending_change& pc) {
    if (!is_staff(me.role))
        return reply_error{errc::forbidden, "only a facilitator may do this"};
    meeting_info info = working_.info();
    auto const kind = as<reveal_message>(body) ? event_kind::revealed : event_kind::meeting;
    if (auto const* m = as<phase_message>(body)) {
        if (info.phase == m->phase)
            return reply_error{errc::no_change, "the meeting is in this phase already"};
        info.phase = m->phase;
    } else if (auto const* m = as<lock_message>(body)) {
        if (info.locked == m->locked)
            return reply_error{errc::no_change, m->locked ? "submissions are locked already"
                                                          : "submissions are open already"};
        info.locked = m->locked;
    } else if (auto const* m = as<configure_message>(body)) {
        if (info.phase != meeting_phase::lobby)
            return reply_error{errc::wrong_phase, "a meeting is configured in the lobby"};
        auto& s = info.settings;
        s.anonymous = m->anonymous.value_or(s.anonymous);
        s.private_writing = m->private_writing.value_or(s.private_writing);
        s.support_budget = m->support_budget.value_or(s.support_budget);
        s.max_supports_per_contribution =
            m->max_supports_per_contribution.value_or(s.max_supports_per_contribution);
    } else if (as<reveal_message>(body)) {
        if (!info.settings.private_writing || info.revealed)
            return reply_error{errc::no_change, "there is nothing to reveal"};
        info.revealed = true;
    } else if (auto const* m = as<timer_message>(body)) {
        info.timer_ends_at_ms = m->seconds ? now_ms() + m->seconds * 1000 : 0;
    } else {
        return reply_error{errc::unknown_type, "this message is not handled here"};
    }
    pc.change.seq = ++next_seq_;
    pc.change.info = info;
    pc.make_event = [kind, seq = pc.change.seq](meeting_state const& s) {
        event e{kind, seq, {}, 0, {}, s.info(), {}, {}, {}, {}, {}};
        if (kind == event_kind::revealed)
            for (auto const& c : s.contributions())
                e.contributions.emplace_back(c, s.supports_of(c.id));
        return e;
    };
    pc.make_result = [](meeting_state const& s) { return meeting_json(s.info(), now_ms()); };
    return std::nullopt;
}

// --- the cluster board ------------------------------------------------------------

bool meeting_room::on_board_eligible(std::string const& contribution_id) const {
    auto const* c = working_.find(contribution_id);
    return c && c->status == contribution_status::visible;
}

std::optional<meeting_room::reply_error>
meeting_room::on_cluster_run(std::shared_ptr<peer> const& p, json const& ref,
                             participant const& me) {
    if (!is_staff(me.role))
        return reply_error{errc::forbidden, "only a facilitator may run the clustering"};
    if (working_.info().phase != meeting_phase::cluster)
        return reply_error{errc::wrong_phase, "clustering runs in the cluster phase"};
    // Groups show words of the texts to everyone: not before the reveal.
    if (working_.info().settings.private_writing && !working_.info().revealed)
        return reply_error{errc::wrong_phase, "reveal the contributions before grouping them"};
    if (!clustering_)
        return reply_error{errc::clustering_failed, "clustering is not available on this server"};
    if (!clustering_waiters_.empty()) {
        // One run at a time: whoever asks meanwhile gets its result.
        clustering_waiters_.push_back({p, ref});
        return std::nullopt;
    }
    std::vector<std::string> candidates;
    for (auto const& c : working_.contributions())
        candidates.push_back(c.id);
    auto const eligible = [this](std::string const& id) { return on_board_eligible(id); };
    std::vector<grouper::item> items;
    for (auto const& id : free_contributions(working_.board(), candidates, eligible))
        items.push_back({id, working_.find(id)->text});
    clustering_waiters_.push_back({p, ref});
    clustering_->group(std::move(items),
                       [self = shared_from_this()](std::optional<std::vector<proposed_group>> r) {
                           boost::asio::post(self->strand_, [self, r = std::move(r)]() mutable {
                               self->on_grouped(std::move(r));
                           });
                       });
    return std::nullopt;
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
    // The state may have moved on while the engine ran: the board's rules
    // drop what is no longer visible or free.
    auto const eligible = [this](std::string const& id) { return on_board_eligible(id); };
    pending_change pc;
    pc.change.meeting_id = id_;
    change_board(pc, apply_run(working_.board(), *proposed, eligible), std::nullopt);
    pc.make_result = [](meeting_state const& s) {
        std::size_t grouped = 0;
        for (auto const& g : s.board().groups)
            grouped += g.members.size();
        std::size_t visible = 0;
        for (auto const& c : s.contributions())
            visible += c.status == contribution_status::visible;
        return json{{"groups", s.board().groups.size()},
                    {"ungrouped", visible > grouped ? visible - grouped : 0},
                    {"runs", s.board().runs}};
    };
    pc.waiters = std::move(waiters);
    commit(std::move(pc));
}

void meeting_room::change_board(pending_change& pc, cluster_board next,
                                std::optional<objective> created) {
    pc.change.seq = ++next_seq_;
    pc.change.board = std::move(next);
    if (created)
        pc.change.objectives.push_back(*created);
    pc.make_event = [seq = pc.change.seq, created](meeting_state const& s) {
        event e{event_kind::board, seq, {}, 0, {}, s.info(), {}, {}, {}, {}, {}};
        e.board = std::make_shared<cluster_board const>(s.board());
        e.created = created;
        return e;
    };
}

namespace {

// "Telemedicina per i pazienti cronici nelle zone..." from a member's text.
std::string shortened(std::string const& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes)
        return text;
    auto cut = text.rfind(' ', max_bytes);
    if (cut == std::string::npos || cut < max_bytes / 2)
        cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // not inside a UTF-8 sequence
    return text.substr(0, cut) + "…";
}

} // namespace

std::optional<meeting_room::reply_error>
meeting_room::on_board(participant const& me, client_body const& body, pending_change& pc) {
    if (!is_staff(me.role))
        return reply_error{errc::forbidden, "only a facilitator may change the groups"};
    auto const phase = working_.info().phase;
    bool const promote = as<group_promote_message>(body) != nullptr;
    if (phase != meeting_phase::cluster && !(promote && phase == meeting_phase::plan))
        return reply_error{errc::wrong_phase,
                           promote ? "groups are promoted in the cluster or plan phase"
                                   : "groups are changed in the cluster phase"};
    auto const& board = working_.board();
    board_result result = board;
    std::optional<objective> created;
    if (auto const* m = as<group_move_message>(body)) {
        if (!on_board_eligible(m->contribution))
            return reply_error{errc::not_found, "no contribution '" + m->contribution + "'"};
        result = move_contribution(board, m->contribution, m->group);
        pc.make_result = [c = m->contribution, g = m->group](meeting_state const&) {
            return json{{"contribution", c}, {"group", g.empty() ? json(nullptr) : json(g)}};
        };
    } else if (auto const* m = as<group_merge_message>(body)) {
        result = merge_groups(board, m->keep, m->groups);
        pc.make_result = [keep = m->keep, merged = m->groups](meeting_state const&) {
            return json{{"keep", keep}, {"merged", merged}};
        };
    } else if (auto const* m = as<group_split_message>(body)) {
        std::string title = m->title;
        if (title.empty() && !m->ids.empty())
            if (auto const* c = working_.find(m->ids.front()))
                title = shortened(c->text, 60);
        result = split_group(board, m->group, m->ids, title);
        pc.make_result = [](meeting_state const& s) {
            auto const& g = s.board().groups.back();
            return json{{"group", g.id}, {"title", g.title}};
        };
    } else if (auto const* m = as<group_rename_message>(body)) {
        result = rename_group(board, m->group, m->title);
        pc.make_result = [g = m->group, t = m->title](meeting_state const&) {
            return json{{"group", g}, {"title", t}};
        };
    } else if (auto const* m = as<group_promote_message>(body)) {
        auto const* g = find_group(board, m->group);
        if (!g)
            return reply_error{errc::not_found, "no group '" + m->group + "' on the board"};
        if (!g->objective_id.empty())
            return reply_error{errc::already_promoted,
                               "group '" + m->group + "' is objective " + g->objective_id};
        objective o;
        o.id = "obj-" + core::random_hex(8);
        o.meeting_id = id_;
        o.group_id = g->id;
        o.title = m->title.value_or(g->title);
        o.created_by = me.id;
        o.created_at_ms = now_ms();
        std::string drafted;
        for (auto const& id : g->members) {
            auto const* c = working_.find(id);
            if (!c || c->status != contribution_status::visible)
                continue;
            o.contributions.push_back(id);
            drafted += "- " + c->text;
            // Everyone sees the objective: in an anonymous meeting, no bodies.
            if (!c->author_organization.empty() && !working_.info().settings.anonymous)
                drafted += " (" + c->author_organization + ")";
            drafted += "\n";
        }
        if (o.contributions.empty())
            return reply_error{errc::not_found, "group '" + m->group + "' has no contributions"};
        o.description = m->description.value_or(drafted);
        cluster_board next = board;
        for (auto& group : next.groups)
            if (group.id == g->id)
                group.objective_id = o.id;
        result = std::move(next);
        created = o;
        pc.make_result = [o](meeting_state const&) {
            return json{{"objective", objective_json(o)}};
        };
    }
    if (auto const* e = std::get_if<board_error>(&result))
        return reply_error{e->code, e->message};
    change_board(pc, std::get<cluster_board>(std::move(result)), std::move(created));
    return std::nullopt;
}

// --- follow-up meetings: the plan and its working groups ----------------------------

std::optional<meeting_room::reply_error>
meeting_room::on_working_group(participant const& me, client_body const& body, pending_change& pc) {
    auto const& info = working_.info();
    if (info.kind != meeting_kind::followup)
        return reply_error{errc::not_found, "this meeting presents no plan"};
    std::string const& objective_id = as<volunteer_message>(body)
                                          ? as<volunteer_message>(body)->objective
                                      : as<working_group_remove_message>(body)
                                          ? as<working_group_remove_message>(body)->objective
                                          : as<working_group_status_message>(body)->objective;
    auto const* item = find_item(working_.plan(), objective_id);
    if (!item)
        return reply_error{errc::not_found, "no objective '" + objective_id + "' in this plan"};
    if (!item->needs_working_group)
        return reply_error{errc::no_working_group,
                           "objective '" + objective_id + "' does not need a working group"};
    group_change change;
    change.objective_id = objective_id;
    if (auto const* m = as<volunteer_message>(body)) {
        if (info.phase != meeting_phase::plan)
            return reply_error{errc::wrong_phase, "volunteers sign up in the plan phase"};
        if (item->group_status != group_status::forming)
            return reply_error{errc::group_closed,
                               "this working group's composition is confirmed; ask the "
                               "facilitator"};
        auto const* mine = find_member(*item, me.name, me.organization);
        if (!m->leave) {
            if (me.organization.empty())
                return reply_error{errc::forbidden, "join with the name of your body to volunteer"};
            if (mine)
                return reply_error{errc::already_member, "you are in this working group already"};
            change.what = group_change::action::join;
            change.member = {me.name, me.organization, me.id, false, now_ms()};
        } else {
            if (!mine)
                return reply_error{errc::not_found, "you are not in this working group"};
            change.what = group_change::action::leave;
            change.member = *mine;
        }
    } else if (!is_staff(me.role)) {
        return reply_error{errc::forbidden, "only a facilitator may change a working group"};
    } else if (auto const* m = as<working_group_remove_message>(body)) {
        auto const* member = find_member(*item, m->name, m->organization);
        if (!member)
            return reply_error{errc::not_found, "no such member in this working group"};
        change.what = group_change::action::leave;
        change.member = *member;
    } else if (auto const* m = as<working_group_status_message>(body)) {
        auto const date = m->status == group_status::enabled ? m->start_date : std::string();
        if (item->group_status == m->status && item->start_date == date)
            return reply_error{errc::no_change, "the working group is so already"};
        if (m->status != group_status::forming && item->members.empty())
            return reply_error{errc::group_empty, "nobody is in this working group yet"};
        change.what = group_change::action::status;
        change.status = m->status;
        change.start_date = date;
    }
    include_author(pc.change, me);
    pc.change.seq = ++next_seq_;
    pc.change.groups.push_back(std::move(change));
    pc.make_event = [seq = pc.change.seq, objective_id](meeting_state const& s) {
        event e{event_kind::working_group, seq, {}, 0, {}, s.info(), {}, {}, {}, {}, {}};
        e.item = std::make_shared<plan_item const>(*find_item(s.plan(), objective_id));
        return e;
    };
    pc.make_result = [objective_id](meeting_state const& s) {
        return plan_item_json(*find_item(s.plan(), objective_id));
    };
    return std::nullopt;
}

void meeting_room::refresh_plan() {
    boost::asio::post(strand_, [self = shared_from_this()] {
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
    // The store read the plan after every change written before it; changes
    // still under way come after it and are laid on top again.
    auto plan = std::move(*loaded);
    for (auto const& pc : pending_)
        for (auto const& g : pc.change.groups)
            live::apply(plan, g);
    if (plan == working_.plan())
        return;
    pending_change pc;
    pc.change.meeting_id = id_;
    pc.change.seq = ++next_seq_;
    pc.change.plan = std::move(plan);
    pc.make_event = [seq = pc.change.seq](meeting_state const& s) {
        event e{event_kind::plan, seq, {}, 0, {}, s.info(), {}, {}, {}, {}, {}};
        e.plan = std::make_shared<std::vector<plan_item> const>(s.plan());
        return e;
    };
    commit(std::move(pc));
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
    meeting_info info = working_.info();
    if (change.phase) {
        if (info.phase == *change.phase) {
            done({std::pair<std::string, std::string>{errc::no_change,
                                                      "the meeting is in this phase already"},
                  meeting_json(durable_.info(), now_ms())});
            return;
        }
        info.phase = *change.phase;
    }
    if (change.facilitator_hash)
        info.facilitator_secret_hash = *change.facilitator_hash;
    pending_change pc;
    pc.change.meeting_id = id_;
    pc.change.seq = ++next_seq_;
    pc.change.info = info;
    pc.make_event = [seq = pc.change.seq](meeting_state const& s) {
        return event{event_kind::meeting, seq, {}, 0, {}, s.info(), {}, {}, {}, {}, {}};
    };
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
            publish(event{
                event_kind::skip, pc.change.seq, {}, 0, {}, durable_.info(), {}, {}, {}, {}, {}});
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
    durable_.apply(pc.change);
    if (pc.make_event)
        publish(pc.make_event(durable_));
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
    std::shared_ptr<std::string const> frames[3];
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
