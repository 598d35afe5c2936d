// The demo community: on first start, a community with an open kick-off
// meeting, so that a new user can join at once, and a finished year of ten
// more communities with their plans (demo_year.hpp). Its access (join code and
// facilitator secret) is kept in <data>/demo-access.json, readable by the
// owner only, to be shown again on later starts.
#pragma once

#include "tavolo/live/model.hpp"
#include "tavolo/store/plan_store.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace tavolo::app {

struct demo_access {
    std::string join_code; // canonical
    std::string facilitator_secret;
};

// Creates the demo community and meeting unless they exist; returns their
// access, or nullopt when the demo exists but its access file is gone.
std::optional<demo_access> ensure_demo(store::plan_store& s, std::filesystem::path const& data_dir,
                                       live::meeting_settings const& settings);

std::string participant_link(std::string const& base_url, std::string const& join_code);
std::string facilitator_link(std::string const& base_url, std::string const& join_code,
                             std::string const& secret);

} // namespace tavolo::app
