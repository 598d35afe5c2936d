// The cluster board's rules as pure functions: what a clustering run may
// regroup, how its result is laid onto the board, and the facilitator's
// edits (move, merge, split, rename). The meeting room validates roles and
// phases, persists the new board and broadcasts it.
//
// Curated groups are kept when clustering runs again: a group a facilitator
// renamed, a group promoted to an objective, and a group a facilitator built
// by moving, merging or splitting contributions into it (those moves pin the
// contributions they place; the group's other members stay with them). The
// engine sees their contributions as fixed in those groups (anchors),
// regroups the others, and may draw free contributions close to a fixed
// group into it.
//
// A group whose members change keeps its title only if a facilitator chose
// it; otherwise its title, keywords and cohesion are summarized again.
#pragma once

#include "tavolo/live/model.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tavolo::live {

// A group proposed by the clustering engine.
struct proposed_group {
    std::string title;
    std::vector<std::string> keywords;
    std::vector<std::string> members; // contribution ids
    double cohesion = 0;
    std::string anchor = {}; // the board group it continues (fixed members and those drawn), or ""
};

// What a group's members say together: its title, keywords and cohesion.
struct group_summary {
    std::string title;
    std::vector<std::string> keywords;
    double cohesion = 0;
};

// Whether a contribution may be on the board (it exists and is visible).
using eligible_fn = std::function<bool(std::string const& contribution_id)>;
// The summary of a group of these contributions, or nullopt to leave the
// group's as it is.
using summarize_fn =
    std::function<std::optional<group_summary>(std::vector<std::string> const& members)>;

// Per fixed contribution, the group it is fixed in: the one it is pinned
// to ("" when pinned out of every group), or its kept or built group.
std::map<std::string, std::string> fixed_contributions(cluster_board const& board);

// The board after a run: kept groups (with their fixed members) first, then
// the proposed groups over the contributions still free, with new ids.
// A proposal with an anchor adds its free members to that group, unpinned.
// Proposed members no longer eligible or free are left out; proposals left
// with fewer than two members are dropped (their contribution stays
// ungrouped). Groups whose members changed are summarized again: from the
// anchored proposal when it has them all, else by `summarize`.
cluster_board apply_run(cluster_board const& board, std::vector<proposed_group> const& proposed,
                        eligible_fn const& eligible, summarize_fn const& summarize = {});

// `next` with every group whose members differ from the same group in
// `before` and that no facilitator named summarized again. New groups, and
// those in `settled`, are left as they are.
cluster_board refresh_summaries(cluster_board const& before, cluster_board next,
                                summarize_fn const& summarize,
                                std::set<std::string> const& settled = {});

struct board_error {
    std::string_view code;
    std::string message;
};
using board_result = std::variant<cluster_board, board_error>;

cluster_group const* find_group(cluster_board const& board, std::string_view id);

// Moves a contribution to a group, or out of every group when `group` is
// empty, and pins it there.
board_result move_contribution(cluster_board const& board, std::string const& contribution,
                               std::string const& group);
// Moves every member of `merged` into `keep` (pinned there) and removes them.
board_result merge_groups(cluster_board const& board, std::string const& keep,
                          std::vector<std::string> const& merged);
// Moves `members` of `group` into a new group called `title` (pinned there).
// The new group's id is in the result's last group.
board_result split_group(cluster_board const& board, std::string const& group,
                         std::vector<std::string> const& members, std::string const& title);
// Renames the group and keeps it on later runs; its current title is
// refused with no_change.
board_result rename_group(cluster_board const& board, std::string const& group,
                          std::string const& title);

} // namespace tavolo::live
