// Adapts the store to what live meetings need (live::persistence): reads at
// start-up through a connection of its own, writes through the write_queue,
// each meeting_change as one unit (fenced by the meeting's lease when several
// nodes share the store).
#pragma once

#include "tavolo/live/persistence.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"
#include "tavolo/store/write_queue.hpp"

namespace tavolo::app {

class lease_keeper;

class store_bridge : public live::persistence {
public:
    // `reader` is used only by load_meetings(), before serving.
    store_bridge(store::plan_store& reader, store::write_queue& writer)
        : reader_(reader), writer_(writer) {}

    // Several nodes: every write of a meeting carries this node's lease of it
    // and fails unless the store confirms the lease (plan_store::check_lease).
    void fence_with(lease_keeper const& leases) { leases_ = &leases; }

    std::vector<live::meeting_snapshot> load_meetings() override;
    void save(live::meeting_change const& change, completion done) override;
    void load_plan(std::int64_t meeting_id, plan_loaded done) override;
    void load_published_plan(std::int64_t meeting_id, published_loaded done) override;

private:
    store::plan_store& reader_;
    store::write_queue& writer_;
    lease_keeper const* leases_ = nullptr;
};

// A meeting as the live module serves it, read whole through `reads`.
live::meeting_snapshot snapshot_of(store::plan_store& reads, store::meeting_row const& m);

// Conversions between the store's rows and live's values.
live::meeting_info to_meeting_info(store::meeting_row const& m);
live::contribution to_contribution(store::contribution_row const& r);
live::participant to_participant(store::participant_row const& r);
// A follow-up meeting's plan (store::plans::followup_plan) as live presents it.
std::vector<live::plan_item> to_plan(std::vector<store::objective_record> const& objectives);

// The newest published version of the meeting's community plan for the year
// of its date, with the public path that serves it as a page (public.cpp's
// route); nullopt when none is published.
std::optional<live::published_plan_ref> published_plan_of(store::plan_store& s,
                                                          store::meeting_row const& m);

// Applies one change through a plan_store (inside the writer's savepoint).
void write_change(store::plan_store& s, live::meeting_change const& change);

} // namespace tavolo::app
