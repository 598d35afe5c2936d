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
    void send(std::shared_ptr<std::string const> frame) override {
        std::lock_guard lock(mutex_);
        frames_.push_back(nlohmann::json::parse(*frame));
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
    std::string closed_with_;
};

class manual_persistence : public live::persistence {
public:
    bool immediate = true;
    std::vector<live::meeting_snapshot> meetings;
    std::vector<live::participant> participants;
    std::vector<live::contribution> contributions;

    std::vector<live::meeting_snapshot> load_live_meetings() override { return meetings; }
    void save_participant(live::participant const& p, completion done) override {
        participants.push_back(p);
        finish(std::move(done));
    }
    void save_contribution(live::contribution const& c, completion done) override {
        contributions.push_back(c);
        finish(std::move(done));
    }
    // Completes the oldest held write, successfully or with `error`.
    void complete_next(std::optional<std::string> error = std::nullopt) {
        auto done = std::move(held_.front());
        held_.pop_front();
        done(std::move(error));
    }
    std::size_t held() const { return held_.size(); }

private:
    void finish(completion done) {
        if (immediate)
            done(std::nullopt);
        else
            held_.push_back(std::move(done));
    }
    std::deque<completion> held_;
};

} // namespace tavolo::test
