// The request bodies of the API's resources, read into the store's rows
// (internal to tavolo::api): each reads its fields with core::json_fields and
// the rules of support.hpp, and throws a refusal (400 bad_request naming the
// first field at fault) before anything is stored. Pure functions, callable
// on any thread; the handlers of objectives.cpp, communities.cpp and
// meetings.cpp call them and docs/api.md states their rules.
#pragma once

#include "support.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"

#include <cstdint>
#include <vector>

namespace tavolo::api {

// Applies to `o` the fields present in an objective's body (title,
// description, year, needs_working_group, start_month, end_month, owners,
// deliverable); `new_one` makes the title required.
void apply_objective_fields(store::objective_record& o, json const& body, bool new_one);

// A working group as a PUT replaces it whole: status, start_date, members.
store::working_group_row working_group_from(json const& body);

// A new community: slug, name, description.
store::community_row community_from(json const& body);

// {"coordinators": [...], "referents": [...]} as the store's people.
std::vector<store::person_row> people_from(json const& body);

// A new meeting of `community_id`, in lobby and without its secrets.
store::meeting_row meeting_from(json const& body, std::int64_t community_id);

// `m` moved as a PATCH of its schedule says: scheduled_on, starts_at
// ("HH:MM", or "" for all day), duration_minutes; absent fields keep theirs.
store::meeting_row rescheduled(store::meeting_row m, json const& body);

} // namespace tavolo::api
