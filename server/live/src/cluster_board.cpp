#include "tavolo/live/cluster_board.hpp"

#include "tavolo/live/protocol.hpp"

#include <algorithm>
#include <set>

namespace tavolo::live {
namespace {

bool kept(cluster_group const& g) {
    return g.renamed || !g.objective_id.empty();
}

// A group a facilitator built: one a contribution was moved, merged or split
// into (pinned there). It is kept whole, as its other members were accepted
// beside the pinned one.
bool built(cluster_board const& board, cluster_group const& g) {
    return std::any_of(board.pins.begin(), board.pins.end(),
                       [&](auto const& pin) { return pin.second == g.id; });
}

cluster_group* find_mutable(cluster_board& board, std::string_view id) {
    for (auto& g : board.groups)
        if (g.id == id)
            return &g;
    return nullptr;
}

void remove_member(cluster_board& board, std::string const& contribution) {
    for (auto& g : board.groups)
        std::erase(g.members, contribution);
}

// Groups left empty go, unless promoted (their objective still points here).
void drop_empty(cluster_board& board) {
    std::erase_if(board.groups, [](cluster_group const& g) {
        return g.members.empty() && g.objective_id.empty();
    });
    for (auto it = board.pins.begin(); it != board.pins.end();)
        if (!it->second.empty() && !find_group(board, it->second))
            it = board.pins.erase(it);
        else
            ++it;
}

bool same_members(cluster_group const* was, cluster_group const& now) {
    return was && std::set<std::string>(was->members.begin(), was->members.end()) ==
                      std::set<std::string>(now.members.begin(), now.members.end());
}

std::string next_id(cluster_board& board) {
    return "g" + std::to_string(board.next_group++);
}

board_error no_group(std::string const& id) {
    return {errc::not_found, "no group '" + id + "' on the board"};
}

} // namespace

cluster_group const* find_group(cluster_board const& board, std::string_view id) {
    for (auto const& g : board.groups)
        if (g.id == id)
            return &g;
    return nullptr;
}

std::map<std::string, std::string> fixed_contributions(cluster_board const& board) {
    std::map<std::string, std::string> fixed(board.pins.begin(), board.pins.end());
    for (auto const& g : board.groups)
        if (kept(g) || built(board, g))
            for (auto const& m : g.members)
                fixed.emplace(m, g.id); // a pin elsewhere wins
    return fixed;
}

cluster_board apply_run(cluster_board const& board, std::vector<proposed_group> const& proposed,
                        eligible_fn const& eligible, summarize_fn const& summarize) {
    cluster_board out;
    out.next_group = board.next_group;
    out.runs = board.runs + 1;
    // Kept groups, and the groups pinned contributions were moved to, with
    // their fixed members.
    std::set<std::string> placed;
    for (auto const& g : board.groups) {
        bool const whole = kept(g) || built(board, g);
        cluster_group k = g;
        k.members.clear();
        for (auto const& m : g.members) {
            auto const pin = board.pins.find(m);
            bool const pinned_here = pin != board.pins.end() && pin->second == g.id;
            if ((whole || pinned_here) && eligible(m) && placed.insert(m).second)
                k.members.push_back(m);
        }
        if (!k.members.empty() || !k.objective_id.empty())
            out.groups.push_back(std::move(k));
    }
    for (auto const& [id, group] : board.pins)
        if (eligible(id) && (group.empty() || find_group(out, group)))
            out.pins.emplace(id, group);
    for (auto const& [id, group] : out.pins)
        placed.insert(id);

    // What the engine drew to a fixed group joins it, unpinned; a group
    // whose every member the engine saw takes the engine's summary.
    std::set<std::string> settled;
    for (auto const& p : proposed) {
        auto* anchor = p.anchor.empty() ? nullptr : find_mutable(out, p.anchor);
        if (!anchor)
            continue;
        for (auto const& m : p.members)
            if (eligible(m) && placed.insert(m).second)
                anchor->members.push_back(m);
        std::set<std::string> const seen(p.members.begin(), p.members.end());
        bool const whole = anchor->members.size() >= 2 &&
                           std::all_of(anchor->members.begin(), anchor->members.end(),
                                       [&](std::string const& m) { return seen.count(m) > 0; });
        if (whole && !anchor->renamed && !same_members(find_group(board, anchor->id), *anchor)) {
            anchor->title = p.title;
            anchor->keywords = p.keywords;
            anchor->cohesion = p.cohesion;
            settled.insert(anchor->id);
        }
    }
    for (auto const& p : proposed) {
        if (!p.anchor.empty() && find_group(out, p.anchor))
            continue;
        cluster_group g;
        g.title = p.title;
        g.keywords = p.keywords;
        g.cohesion = p.cohesion;
        for (auto const& m : p.members)
            if (eligible(m) && !placed.count(m))
                g.members.push_back(m);
        if (g.members.size() < 2)
            continue;
        placed.insert(g.members.begin(), g.members.end());
        g.id = next_id(out);
        out.groups.push_back(std::move(g));
    }
    return refresh_summaries(board, std::move(out), summarize, settled);
}

cluster_board refresh_summaries(cluster_board const& before, cluster_board next,
                                summarize_fn const& summarize,
                                std::set<std::string> const& settled) {
    if (!summarize)
        return next;
    for (auto& g : next.groups) {
        auto const* was = find_group(before, g.id);
        if (!was || g.renamed || g.members.empty() || settled.count(g.id) || same_members(was, g))
            continue;
        if (auto summary = summarize(g.members)) {
            g.title = std::move(summary->title);
            g.keywords = std::move(summary->keywords);
            g.cohesion = summary->cohesion;
        }
    }
    return next;
}

board_result move_contribution(cluster_board const& board, std::string const& contribution,
                               std::string const& group) {
    cluster_board out = board;
    if (!group.empty()) {
        if (!find_group(out, group))
            return no_group(group);
        if (auto const pin = out.pins.find(contribution);
            pin != out.pins.end() && pin->second == group)
            return board_error{errc::no_change, "the contribution is in this group already"};
    }
    remove_member(out, contribution);
    if (!group.empty())
        find_mutable(out, group)->members.push_back(contribution);
    out.pins[contribution] = group;
    drop_empty(out);
    return out;
}

board_result merge_groups(cluster_board const& board, std::string const& keep,
                          std::vector<std::string> const& merged) {
    cluster_board out = board;
    auto* target = find_mutable(out, keep);
    if (!target)
        return no_group(keep);
    std::set<std::string> ids;
    for (auto const& id : merged) {
        auto const* g = find_group(board, id);
        if (!g || id == keep)
            return no_group(id);
        if (!g->objective_id.empty())
            return board_error{errc::already_promoted,
                               "group '" + id + "' is an objective already and cannot be merged"};
        ids.insert(id);
    }
    if (ids.empty())
        return board_error{errc::no_change, "no group to merge"};
    std::vector<std::string> moving;
    for (auto const& g : board.groups)
        if (ids.count(g.id))
            moving.insert(moving.end(), g.members.begin(), g.members.end());
    std::erase_if(out.groups, [&](cluster_group const& g) { return ids.count(g.id) > 0; });
    target = find_mutable(out, keep);
    for (auto const& m : moving) {
        target->members.push_back(m);
        out.pins[m] = keep;
    }
    for (auto& [id, group] : out.pins)
        if (ids.count(group))
            group = keep;
    return out;
}

board_result split_group(cluster_board const& board, std::string const& group,
                         std::vector<std::string> const& members, std::string const& title) {
    auto const* source = find_group(board, group);
    if (!source)
        return no_group(group);
    if (!source->objective_id.empty())
        return board_error{errc::already_promoted,
                           "group '" + group + "' is an objective already and cannot be split"};
    std::set<std::string> const chosen(members.begin(), members.end());
    if (chosen.empty())
        return board_error{errc::no_change, "no contribution to split off"};
    for (auto const& m : chosen)
        if (std::find(source->members.begin(), source->members.end(), m) == source->members.end())
            return board_error{errc::not_found,
                               "contribution '" + m + "' is not in group '" + group + "'"};
    if (chosen.size() == source->members.size())
        return board_error{errc::no_change, "a split leaves at least one contribution behind"};
    cluster_board out = board;
    cluster_group fresh;
    fresh.id = next_id(out);
    fresh.title = title;
    fresh.renamed = true;
    auto* from = find_mutable(out, group);
    for (auto const& m : source->members)
        if (chosen.count(m)) {
            fresh.members.push_back(m);
            out.pins[m] = fresh.id;
        }
    std::erase_if(from->members, [&](std::string const& m) { return chosen.count(m) > 0; });
    out.groups.push_back(std::move(fresh));
    return out;
}

board_result rename_group(cluster_board const& board, std::string const& group,
                          std::string const& title) {
    auto const* g = find_group(board, group);
    if (!g)
        return no_group(group);
    // The title it has, whoever chose it, changes nothing: it neither renames
    // the group nor keeps it on the next run (docs/protocol.md: no_change).
    if (g->title == title)
        return board_error{errc::no_change, "the group has this title already"};
    cluster_board out = board;
    auto* target = find_mutable(out, group);
    target->title = title;
    target->renamed = true;
    return out;
}

} // namespace tavolo::live
