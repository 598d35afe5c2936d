#include "tavolo/live/board_rules.hpp"

#include <algorithm>

namespace tavolo::live {
namespace {

using json = nlohmann::json;
using result_fn = std::function<json(meeting_state const&)>;

bool eligible(meeting_state const& s, std::string const& contribution_id) {
    auto const* c = s.find(contribution_id);
    return c && c->status == contribution_status::visible;
}

eligible_fn eligible_in(meeting_state const& s) {
    return [&s](std::string const& id) { return eligible(s, id); };
}

// Staff only; in the cluster phase, and promotions also in the plan phase.
std::optional<rule_error> may_edit(meeting_state const& s, participant const& me, bool promote) {
    if (!is_staff(me.role))
        return rule_error{errc::forbidden, "only a facilitator may change the groups"};
    auto const phase = s.info().phase;
    if (phase != meeting_phase::cluster && !(promote && phase == meeting_phase::plan))
        return rule_error{errc::wrong_phase,
                          promote ? "groups are promoted in the cluster or plan phase"
                                  : "groups are changed in the cluster phase"};
    return std::nullopt;
}

// The change of the board to `next`, with its event.
ruling change_board(cluster_board next, std::optional<objective> created, result_fn result) {
    ruling r;
    r.change.board = std::move(next);
    if (created)
        r.change.objectives.push_back(*created);
    r.make_event = [created](meeting_state const& s) {
        return event{.kind = event_kind::board,
                     .meeting = s.info(),
                     .board = std::make_shared<cluster_board const>(s.board()),
                     .created = created};
    };
    r.make_result = std::move(result);
    return r;
}

// The edited board, its changed groups summarized again.
rule_result from_board(meeting_state const& s, board_result result, grouper* describer,
                       result_fn reply) {
    if (auto const* e = std::get_if<board_error>(&result))
        return rule_error{e->code, e->message};
    auto next = refresh_summaries(s.board(), std::get<cluster_board>(std::move(result)),
                                  group_summarizer(s, describer));
    return change_board(std::move(next), std::nullopt, std::move(reply));
}

// "Telemedicina per i pazienti cronici nelle zone..." from a member's text.
std::string shortened(std::string const& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes)
        return text;
    auto cut = text.rfind(' ', max_bytes);
    if (cut == std::string::npos || cut < max_bytes / 2)
        cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // not inside a UTF-8 sequence
    return text.substr(0, cut) + "…";
}

} // namespace

std::optional<rule_error> may_run_clustering(meeting_state const& s, participant const& me) {
    if (!is_staff(me.role))
        return rule_error{errc::forbidden, "only a facilitator may run the clustering"};
    if (s.info().phase != meeting_phase::cluster)
        return rule_error{errc::wrong_phase, "clustering runs in the cluster phase"};
    // Groups show words of the texts to everyone: not before the reveal.
    if (s.info().settings.private_writing && !s.info().revealed)
        return rule_error{errc::wrong_phase, "reveal the contributions before grouping them"};
    return std::nullopt;
}

std::vector<grouper::item> clustering_items(meeting_state const& s) {
    auto const fixed = fixed_contributions(s.board());
    std::vector<grouper::item> items;
    for (auto const& c : s.contributions()) {
        if (!eligible(s, c.id))
            continue;
        auto const it = fixed.find(c.id);
        if (it == fixed.end())
            items.push_back({c.id, c.text, ""});
        else if (!it->second.empty()) // pinned out of every group: not grouped at all
            items.push_back({c.id, c.text, it->second});
    }
    return items;
}

summarize_fn group_summarizer(meeting_state const& s, grouper* describer) {
    return [&s,
            describer](std::vector<std::string> const& members) -> std::optional<group_summary> {
        // Runs on the meeting's strand: a large group is summarized from an
        // even sample of its members, so that an edit costs the same in a
        // plenary as in a small meeting.
        constexpr std::size_t most = 200;
        auto const stride = std::max<std::size_t>(1, (members.size() + most - 1) / most);
        std::vector<std::string> texts;
        for (std::size_t k = 0; k < members.size(); k += stride)
            if (auto const* c = s.find(members[k]); c && c->status == contribution_status::visible)
                texts.push_back(c->text);
        if (texts.empty())
            return std::nullopt;
        auto summary = describer ? describer->describe(texts) : std::nullopt;
        if (texts.size() > 1)
            return summary && !summary->title.empty() ? summary : std::nullopt;
        // One member speaks for itself, as a split's untitled group does.
        return group_summary{.title = shortened(texts.front(), 60),
                             .keywords = summary ? summary->keywords : std::vector<std::string>{},
                             .cohesion = 1.0};
    };
}

ruling after_run(meeting_state const& s, std::vector<proposed_group> const& proposed,
                 grouper* describer) {
    return change_board(
        apply_run(s.board(), proposed, eligible_in(s), group_summarizer(s, describer)),
        std::nullopt, [](meeting_state const& st) {
            std::size_t grouped = 0;
            for (auto const& g : st.board().groups)
                grouped += g.members.size();
            std::size_t visible = 0;
            for (auto const& c : st.contributions())
                visible += c.status == contribution_status::visible;
            return json{{"groups", st.board().groups.size()},
                        {"ungrouped", visible > grouped ? visible - grouped : 0},
                        {"runs", st.board().runs}};
        });
}

rule_result decide(meeting_state const& s, rule_context const& ctx, group_move_message const& m,
                   grouper* describer) {
    if (auto err = may_edit(s, ctx.me, false))
        return *err;
    if (!eligible(s, m.contribution))
        return rule_error{errc::not_found, "no contribution '" + m.contribution + "'"};
    return from_board(
        s, move_contribution(s.board(), m.contribution, m.group), describer,
        [c = m.contribution, g = m.group](meeting_state const&) {
            return json{{"contribution", c}, {"group", g.empty() ? json(nullptr) : json(g)}};
        });
}

rule_result decide(meeting_state const& s, rule_context const& ctx, group_merge_message const& m,
                   grouper* describer) {
    if (auto err = may_edit(s, ctx.me, false))
        return *err;
    return from_board(s, merge_groups(s.board(), m.keep, m.groups), describer,
                      [keep = m.keep, merged = m.groups](meeting_state const&) {
                          return json{{"keep", keep}, {"merged", merged}};
                      });
}

rule_result decide(meeting_state const& s, rule_context const& ctx, group_split_message const& m,
                   grouper* describer) {
    if (auto err = may_edit(s, ctx.me, false))
        return *err;
    std::string title = m.title;
    if (title.empty() && !m.ids.empty())
        if (auto const* c = s.find(m.ids.front()))
            title = shortened(c->text, 60);
    return from_board(s, split_group(s.board(), m.group, m.ids, title), describer,
                      [](meeting_state const& st) {
                          auto const& g = st.board().groups.back();
                          return json{{"group", g.id}, {"title", g.title}};
                      });
}

rule_result decide(meeting_state const& s, rule_context const& ctx, group_rename_message const& m) {
    if (auto err = may_edit(s, ctx.me, false))
        return *err;
    return from_board(s, rename_group(s.board(), m.group, m.title), nullptr,
                      [g = m.group, t = m.title](meeting_state const&) {
                          return json{{"group", g}, {"title", t}};
                      });
}

rule_result decide(meeting_state const& s, rule_context const& ctx,
                   group_promote_message const& m) {
    if (auto err = may_edit(s, ctx.me, true))
        return *err;
    auto const* g = find_group(s.board(), m.group);
    if (!g)
        return rule_error{errc::not_found, "no group '" + m.group + "' on the board"};
    if (!g->objective_id.empty())
        return rule_error{errc::already_promoted,
                          "group '" + m.group + "' is objective " + g->objective_id};
    objective o;
    o.id = "obj-" + ctx.new_id();
    o.meeting_id = s.info().id;
    o.group_id = g->id;
    o.title = m.title.value_or(g->title);
    o.created_by = ctx.me.id;
    o.created_at_ms = ctx.now_ms;
    std::string drafted;
    o.supports = 0;
    for (auto const& id : g->members) {
        auto const* c = s.find(id);
        if (!c || c->status != contribution_status::visible)
            continue;
        o.contributions.push_back(id);
        auto const supports = s.supports_of(id);
        o.contribution_supports[id] = supports;
        *o.supports += supports;
        drafted += "- " + c->text;
        // Everyone sees the objective: in an anonymous meeting, no bodies.
        if (!c->author_organization.empty() && !s.info().settings.anonymous)
            drafted += " (" + c->author_organization + ")";
        drafted += "\n";
    }
    if (o.contributions.empty())
        return rule_error{errc::not_found, "group '" + m.group + "' has no contributions"};
    o.description = m.description.value_or(drafted);
    cluster_board next = s.board();
    for (auto& group : next.groups)
        if (group.id == g->id)
            group.objective_id = o.id;
    return change_board(std::move(next), o, [o](meeting_state const&) {
        return json{{"objective", objective_json(o)}};
    });
}

} // namespace tavolo::live
