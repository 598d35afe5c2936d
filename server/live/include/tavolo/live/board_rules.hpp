// The rules of the cluster board as messages: who may run the clustering and
// when, what a run regroups and how its result becomes a change, and the
// facilitators' edits (move, merge, split, rename, promote). The board's own
// rules are cluster_board's; these add roles, phases and the contributions.
// Pure functions (see rules.hpp): callable from any thread, the room calls
// them on its strand with its working state. The room owns the run itself
// (one at a time, its waiters, the grouper).
#pragma once

#include "tavolo/live/grouper.hpp"
#include "tavolo/live/protocol.hpp"
#include "tavolo/live/rules.hpp"

#include <optional>
#include <vector>

namespace tavolo::live {

// Whether staff may run the clustering now (phase, reveal). Does not know
// whether the server has an engine: the room does.
std::optional<rule_error> may_run_clustering(meeting_state const& s, participant const& me);
// The texts a run groups: every visible contribution but those pinned out of
// every group, the fixed ones (pinned, or in a kept group) with their group
// as anchor.
std::vector<grouper::item> clustering_items(meeting_state const& s);
// The summaries of a group of contributions: one member's title is its
// text shortened, several members' are `describer`'s (nullptr: left as
// they are).
summarize_fn group_summarizer(meeting_state const& s, grouper* describer);
// The board after a run, replied with its size. Drops what is no longer
// visible or free (the state may have moved on while the engine ran).
ruling after_run(meeting_state const& s, std::vector<proposed_group> const& proposed,
                 grouper* describer = nullptr);

// Move, merge and split summarize again the groups they change (see
// group_summarizer) unless a facilitator named them.
rule_result decide(meeting_state const& s, rule_context const& ctx, group_move_message const& m,
                   grouper* describer = nullptr);
rule_result decide(meeting_state const& s, rule_context const& ctx, group_merge_message const& m,
                   grouper* describer = nullptr);
rule_result decide(meeting_state const& s, rule_context const& ctx, group_split_message const& m,
                   grouper* describer = nullptr);
rule_result decide(meeting_state const& s, rule_context const& ctx, group_rename_message const& m);
// Makes a group a draft objective (cluster or plan phase), with ctx.new_id().
rule_result decide(meeting_state const& s, rule_context const& ctx, group_promote_message const& m);

} // namespace tavolo::live
