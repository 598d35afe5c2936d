#include "lease_keeper.hpp"

#include "store_bridge.hpp"

#include "tavolo/core/log.hpp"
#include "tavolo/core/secrets.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace tavolo::app {

lease_keeper::lease_keeper(boost::asio::io_context& ioc, store::write_queue& writer,
                           lease_options options)
    : ioc_(ioc), writer_(writer), options_(std::move(options)),
      node_(options_.node + "-" + core::random_hex(4)), timer_(ioc) {}

void lease_keeper::start(live::hub& hub) {
    hub_ = &hub;
    schedule();
}

void lease_keeper::stop() {
    std::unordered_map<std::int64_t, std::int64_t> held;
    {
        std::lock_guard lock(mutex_);
        if (stopped_)
            return;
        stopped_ = true;
        held.swap(fences_);
    }
    timer_.cancel();
    // Handed over at once rather than when the leases run out: the node that
    // takes them next need not wait.
    for (auto const& [meeting, fence] : held)
        writer_.push([this, meeting = meeting, fence = fence](
                         store::plan_store& s) { s.release_lease(meeting, node_, fence); },
                     nullptr);
}

void lease_keeper::take(std::string const& join_code, std::function<void(outcome)> done) {
    auto result = std::make_shared<outcome>(unknown{});
    auto fence = std::make_shared<std::int64_t>(0);
    auto const retry = std::chrono::duration_cast<std::chrono::milliseconds>(options_.lease / 10);
    writer_.push(
        [this, join_code, result, fence, retry](store::plan_store& s) {
            auto const m = s.find_meeting_by_join_code(join_code);
            if (!m) {
                *result = unknown{};
                return;
            }
            auto const lease = s.take_lease(m->id, node_, options_.lease.count());
            if (auto const* taken = std::get_if<store::plan_store::lease_taken>(&lease)) {
                *fence = taken->fence;
                *result = live::meeting_host::taken{snapshot_of(s, *m)};
            } else {
                // Just after the holder's lease runs out.
                auto const left = std::get<store::plan_store::lease_elsewhere>(lease).remaining_ms;
                *result = elsewhere{std::chrono::milliseconds(left) + retry};
            }
        },
        [this, result, fence, retry, done = std::move(done)](std::optional<std::string> error) {
            if (error) {
                core::log_error("meeting_not_taken", {{"reason", *error}});
                done(elsewhere{retry});
                return;
            }
            if (auto const* t = std::get_if<live::meeting_host::taken>(result.get())) {
                std::lock_guard lock(mutex_);
                fences_[t->snapshot.info.id] = *fence;
                core::log_info(
                    "meeting_taken",
                    {{"meeting", t->snapshot.info.id}, {"node", node_}, {"fence", *fence}});
            }
            done(std::move(*result));
        });
}

void lease_keeper::released(std::int64_t meeting_id) {
    std::int64_t fence = 0;
    {
        std::lock_guard lock(mutex_);
        auto const it = fences_.find(meeting_id);
        if (it == fences_.end())
            return;
        fence = it->second;
        fences_.erase(it);
    }
    core::log_info("meeting_released", {{"meeting", meeting_id}, {"node", node_}});
    writer_.push([this, meeting_id,
                  fence](store::plan_store& s) { s.release_lease(meeting_id, node_, fence); },
                 nullptr);
}

std::optional<std::int64_t> lease_keeper::fence_of(std::int64_t meeting_id) const {
    std::lock_guard lock(mutex_);
    auto const it = fences_.find(meeting_id);
    return it == fences_.end() ? std::nullopt : std::optional(it->second);
}

void lease_keeper::schedule() {
    timer_.expires_after(options_.lease / 3);
    timer_.async_wait([this](boost::system::error_code ec) {
        if (ec)
            return;
        {
            std::lock_guard lock(mutex_);
            if (stopped_)
                return;
        }
        renew();
        if (hub_)
            hub_->release_idle(options_.idle_release);
        schedule();
    });
}

void lease_keeper::renew() {
    auto held = std::make_shared<std::vector<std::pair<std::int64_t, std::int64_t>>>();
    // Writes run and complete in the order they are queued, so a lease taken
    // after this renewal is not in `held` and not yet in fences_ either.
    writer_.push(
        [this, held](store::plan_store& s) {
            *held = s.renew_leases(node_, options_.lease.count());
        },
        [this, held](std::optional<std::string> error) {
            if (error) {
                // The leases run out unless a later renewal succeeds; writes
                // stay fenced meanwhile.
                core::log_error("leases_not_renewed", {{"node", node_}, {"reason", *error}});
                return;
            }
            std::vector<std::int64_t> lost;
            {
                std::lock_guard lock(mutex_);
                for (auto it = fences_.begin(); it != fences_.end();) {
                    std::pair<std::int64_t, std::int64_t> const lease{it->first, it->second};
                    bool const kept = std::find(held->begin(), held->end(), lease) != held->end();
                    if (kept) {
                        ++it;
                        continue;
                    }
                    lost.push_back(it->first);
                    it = fences_.erase(it);
                }
            }
            if (lost.empty())
                return;
            boost::asio::post(ioc_, [this, lost] {
                for (auto const id : lost) {
                    core::log_info("meeting_lost", {{"meeting", id}, {"node", node_}});
                    if (hub_)
                        hub_->evict(id, "meeting moved");
                }
            });
        });
}

} // namespace tavolo::app
