// Test doubles for the live module's two interfaces: a connection that records
// the frames it is sent, and a persistence that holds each write until the
// test completes it (or completes it at once when `immediate`).
#pragma once

#include "tavolo/live/connection.hpp"
#include "tavolo/live/persistence.hpp"

#include <nlohmann/json.hpp>

#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace tavolo::test {

class recording_connection : public live::connection {
public:
    // Presence frames come on a timer; they are kept apart so that tests of
    // other frames do not depend on timing.
    void send(std::shared_ptr<std::string const> frame) override {
        std::lock_guard lock(mutex_);
        auto j = nlohmann::json::parse(*frame);
        (j["type"] == "presence" ? presence_ : frames_).push_back(std::move(j));
    }
    std::vector<nlohmann::json> take_presence() {
        std::lock_guard lock(mutex_);
        return std::exchange(presence_, {});
    }
    void close(std::string_view reason) override {
        std::lock_guard lock(mutex_);
        closed_with_ = std::string(reason);
    }
    std::vector<nlohmann::json> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(frames_, {});
    }
    std::string closed_with() const {
        std::lock_guard lock(mutex_);
        return closed_with_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<nlohmann::json> frames_;
    std::vector<nlohmann::json> presence_;
    std::string closed_with_;
};

class manual_persistence : public live::persistence {
public:
    bool immediate = true;
    std::vector<live::meeting_snapshot> meetings;
    std::vector<live::meeting_change> saved; // every change asked for, in order
    std::vector<live::plan_item> plan;       // what load_plan reads (a copy, when it runs)
    std::size_t plan_loads = 0;
    std::optional<live::published_plan_ref> published; // what load_published_plan reads

    std::vector<live::meeting_snapshot> load_meetings() override { return meetings; }
    void save(live::meeting_change const& change, completion done) override {
        saved.push_back(change);
        if (immediate)
            done(std::nullopt);
        else
            held_.push_back(std::move(done));
    }
    // Held like a write, in order with them: the plan is read when completed.
    void load_plan(std::int64_t, plan_loaded done) override {
        ++plan_loads;
        auto read = [this, done = std::move(done)](std::optional<std::string> error) {
            if (error)
                done(std::nullopt);
            else
                done(plan);
        };
        if (immediate)
            read(std::nullopt);
        else
            held_.push_back(std::move(read));
    }
    // Answered at once: the tests that hold writes do not need it in order.
    void load_published_plan(std::int64_t, published_loaded done) override { done(published); }
    // Completes the oldest held write, successfully or with `error`.
    void complete_next(std::optional<std::string> error = std::nullopt) {
        auto done = std::move(held_.front());
        held_.pop_front();
        done(std::move(error));
    }
    std::size_t held() const { return held_.size(); }
    std::size_t contributions_saved() const {
        std::size_t n = 0;
        for (auto const& c : saved)
            n += c.contributions.size();
        return n;
    }

private:
    std::deque<completion> held_;
};

} // namespace tavolo::test
