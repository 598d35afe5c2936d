#include "live_relay.hpp"

#include "tavolo/core/log.hpp"
#include "tavolo/core/secrets.hpp"
#include "tavolo/live/model.hpp"

#include <boost/asio/post.hpp>

#include <utility>
#include <vector>

namespace tavolo::app {
namespace {

using json = nlohmann::json;
using outside_result = live::meeting_room::outside_result;

outside_result refused(std::string code, std::string message) {
    outside_result r;
    r.error = std::pair{std::move(code), std::move(message)};
    return r;
}

outside_result not_live() {
    return refused("not_live", "no server is serving the meeting; try again");
}

// The change a "change" message asks for; nullopt when it is malformed.
std::optional<live::meeting_room::outside_change> change_in(json const& m) {
    live::meeting_room::outside_change c;
    if (auto const it = m.find("phase"); it != m.end()) {
        if (!it->is_string())
            return std::nullopt;
        c.phase = live::phase_from_string(it->get<std::string>());
        if (!c.phase)
            return std::nullopt;
    }
    if (auto const it = m.find("facilitator_hash"); it != m.end()) {
        if (!it->is_string())
            return std::nullopt;
        c.facilitator_hash = it->get<std::string>();
    }
    return c;
}

} // namespace

live_relay::live_relay(boost::asio::io_context& ioc, store::write_queue& writer, live::hub& hub,
                       relay_options options)
    : ioc_(ioc), writer_(writer), hub_(hub), options_(std::move(options)) {}

live_relay::~live_relay() {
    stop();
}

void live_relay::start() {
    store::listener_handlers h;
    h.notified = [this](std::string const& payload) {
        auto message = json::parse(payload, nullptr, false);
        if (!message.is_object())
            return;
        boost::asio::post(ioc_, [this, message = std::move(message)] { on_message(message); });
    };
    h.listening = [this](bool again) {
        core::log_info(again ? "listening_to_nodes_again" : "listening_to_nodes",
                       {{"node", options_.node}});
        if (again) // a plan_changed may have been missed meanwhile
            boost::asio::post(ioc_, [this] { hub_.plan_changed(); });
    };
    listener_ = std::make_unique<store::listener>(options_.url, channel, std::move(h));
}

void live_relay::stop() {
    if (listener_)
        listener_->stop();
    std::unordered_map<std::string, pending> left;
    {
        std::lock_guard lock(mutex_);
        left.swap(pending_);
    }
    for (auto& [request, p] : left) {
        p.timer->cancel();
        p.done(not_live());
    }
}

void live_relay::plan_changed() {
    hub_.plan_changed();
    send({{"type", "plan_changed"}, {"from", options_.node}});
}

bool live_relay::change_meeting(std::int64_t meeting_id, std::string const& join_code,
                                live::meeting_room::outside_change change, meeting_changed done) {
    if (auto const room = hub_.find_meeting(meeting_id)) {
        room->change_from_outside(std::move(change), std::move(done));
        return true;
    }
    // Taken here if no node holds it, as for a join, only to make the change,
    // then let go (unless someone joined meanwhile): the node HAProxy sends
    // its participants to takes it when they come. Else asked of its node.
    hub_.take(join_code, [this, meeting_id, change = std::move(change),
                          done = std::move(done)](std::shared_ptr<live::meeting_room> room) {
        if (!room)
            return ask_holder(meeting_id, change, done);
        room->change_from_outside(change, [this, meeting_id, done](outside_result r) {
            // Let go before answering: a client told "open" goes to its node.
            boost::asio::post(ioc_, [this, meeting_id, done, r = std::move(r)]() mutable {
                hub_.release_if_empty(meeting_id);
                done(std::move(r));
            });
        });
    });
    return true;
}

void live_relay::ask_holder(std::int64_t meeting_id, live::meeting_room::outside_change change,
                            meeting_changed done) {
    auto const request = core::random_hex(8);
    auto timer = std::make_shared<boost::asio::steady_timer>(ioc_, options_.reply_within);
    {
        std::lock_guard lock(mutex_);
        pending_[request] = {std::move(done), timer};
    }
    timer->async_wait([this, request](boost::system::error_code ec) {
        if (!ec)
            finish(request, not_live());
    });
    json message{
        {"type", "change"}, {"from", options_.node}, {"request", request}, {"meeting", meeting_id}};
    if (change.phase)
        message["phase"] = std::string(live::to_string(*change.phase));
    if (change.facilitator_hash)
        message["facilitator_hash"] = *change.facilitator_hash;
    send(message);
}

void live_relay::finish(std::string const& request, outside_result result) {
    pending p;
    {
        std::lock_guard lock(mutex_);
        auto const it = pending_.find(request);
        if (it == pending_.end())
            return;
        p = std::move(it->second);
        pending_.erase(it);
    }
    p.timer->cancel();
    p.done(std::move(result));
}

void live_relay::send(json const& message) {
    writer_.push([payload = message.dump()](store::plan_store& s) { s.notify(channel, payload); },
                 [message](std::optional<std::string> error) {
                     if (error)
                         core::log_error("node_message_not_sent",
                                         {{"type", message.value("type", "")}, {"reason", *error}});
                 });
}

void live_relay::on_message(json const& message) {
    auto const type = message.value("type", "");
    if (type == "plan_changed") {
        if (message.value("from", "") != options_.node)
            hub_.plan_changed();
    } else if (type == "change") {
        on_change(message);
    } else if (type == "changed" && message.value("to", "") == options_.node) {
        outside_result r;
        if (auto const it = message.find("error"); it != message.end() && it->is_object())
            r = refused(it->value("code", "not_live"), it->value("message", ""));
        finish(message.value("request", ""), std::move(r));
    }
}

void live_relay::on_change(json const& message) {
    auto const id = message.value("meeting", std::int64_t{0});
    auto const room = hub_.find_meeting(id);
    auto const change = change_in(message);
    if (!room || !change)
        return; // not served here: the node that serves it answers
    room->change_from_outside(*change, [this, to = message.value("from", ""),
                                        request = message.value("request", "")](outside_result r) {
        json answer{{"type", "changed"}, {"to", to}, {"request", request}};
        if (r.error)
            answer["error"] = {{"code", r.error->first}, {"message", r.error->second}};
        send(answer);
    });
}

} // namespace tavolo::app
