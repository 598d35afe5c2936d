// The demo's finished year: communities with their coordinators, a closed
// kick-off each with its participants and contributions, and the approved
// objectives those contributions led to, with deliverables and working
// groups. Read from a JSON file (server/app/data/demo-year-2026.json, in
// Italian), so that a new user finds a coordinator area with a real-looking
// year in it.
#pragma once

#include "tavolo/store/plan_store.hpp"

#include <filesystem>

namespace tavolo::app {

// Loads the file into the store, all or nothing (plan_store::atomically: it
// may run inside the caller's transaction), unless its first
// community exists already. Throws std::runtime_error naming the file when
// it cannot be read or does not have the expected shape.
void load_demo_year(store::plan_store& s, std::filesystem::path const& file);

} // namespace tavolo::app
