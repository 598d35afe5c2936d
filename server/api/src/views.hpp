// How the API shows the store's records in JSON (internal to tavolo::api;
// docs/api.md gives each shape). Pure functions.
#pragma once

#include "support.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"

#include <cstddef>

namespace tavolo::api {

json community_json(store::community_row const& c, std::size_t meetings);
// A community's people: {"coordinators": [{"name", "organization"}], "referents": [...]}.
json community_people_json(std::vector<store::person_row> const& people);
// A meeting as the API shows it (never its facilitator secret).
json meeting_json(store::meeting_row const& m);
json objective_json(store::objective_record const& o);
json plan_json(store::plan_row const& p);

} // namespace tavolo::api
