// The plan side of the store, after the meetings: objectives in full (year,
// deliverable, working group, schedule, owners, linked contributions),
// working groups and their members, and the summary figures of a year across
// all communities. Like plan_store, one thread at a time over one connection;
// failures throw sql::error.
#pragma once

#include "tavolo/plans/records.hpp"

#include "tavolo/store/sql.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tavolo::store {

// The records of a plan live in tavolo::plans (pure, shared with the plan
// documents); the store keeps their names.
using deliverable_row = tavolo::plans::deliverable_row;
using member_row = tavolo::plans::member_row;
using working_group_row = tavolo::plans::working_group_row;
using linked_contribution = tavolo::plans::linked_contribution;
using objective_record = tavolo::plans::objective_record;

// How a contribution search is ordered: newest meeting first (in each
// meeting, in order), or most supported first (ties in that same order).
enum class contribution_order { by_meeting, by_supports };

struct contribution_filter {
    std::optional<std::int64_t> community_id;
    std::optional<std::int64_t> meeting_id;
    std::optional<std::string> organization; // the author's body, exactly
    std::optional<std::string> kind;
    std::optional<std::string> status;
    std::string fts_query; // an FTS5 query; empty: no text search
    contribution_order order = contribution_order::by_meeting;
    std::int64_t offset = 0;
    std::int64_t limit = 50;
};

struct contribution_hit {
    linked_contribution contribution;
    std::string status;
    std::int64_t created_at = 0;
    std::string meeting_title;
    std::string meeting_date;
    std::string community_slug;
    std::vector<std::pair<std::string, std::string>> objectives; // (id, title)
    std::int64_t supports = 0; // its supports now, from every participant
};

struct contribution_page {
    std::int64_t total = 0;
    std::vector<contribution_hit> hits;
};

// Who coordinates a community, or refers for it.
struct person_row {
    std::string name;
    std::string organization;
    std::string role; // coordinator | referent
};

// One version of a community's plan for a year.
struct plan_row {
    std::int64_t id = 0;
    std::int64_t community_id = 0;
    std::int64_t year = 0;
    std::int64_t version = 0;
    std::string status = "draft"; // draft | shared | published
    std::string snapshot;         // the published document (JSON)
    std::int64_t created_at = 0;
    std::int64_t shared_at = 0;
    std::int64_t published_at = 0;
};

struct year_summary {
    std::int64_t year = 0;
    std::int64_t communities = 0; // with at least one approved objective that year
    std::int64_t objectives = 0;  // approved
    std::int64_t need_working_group = 0;
    std::map<std::string, std::int64_t> working_groups_enabled_by_month; // "YYYY-MM" -> count
};

class plans {
public:
    explicit plans(sql::database& db) : db_(db) {}

    // A community's objectives (of one year, or all), oldest first.
    std::vector<objective_record> objectives(std::int64_t community_id,
                                             std::optional<std::int64_t> year = std::nullopt);
    std::optional<objective_record> objective(std::string const& id);

    // Inserts the objective or updates its fields, deliverable and working
    // group (members included) as given; links are left as they are.
    void save_objective(objective_record const& o);
    // Links a contribution (by row id) at the end, or unlinks it; false when
    // the link already was, or was not, there.
    bool link(std::string const& objective_id, std::int64_t contribution_id);
    bool unlink(std::string const& objective_id, std::int64_t contribution_id);

    // A working group changed one member or its status at a time (as a live
    // meeting's volunteers change it); each creates the group when the
    // objective has none yet. Joining twice, or leaving when not there,
    // changes nothing. Composed or enabled confirms the members then in the
    // group; forming confirms none.
    void join_working_group(std::string const& objective_id, member_row const& member);
    void leave_working_group(std::string const& objective_id, std::string const& name,
                             std::string const& organization);
    void set_working_group_status(std::string const& objective_id, std::string const& status,
                                  std::string const& start_date);

    // What a follow-up meeting presents: the approved objectives of its
    // community for the year it is held in (empty for a kick-off).
    std::vector<objective_record> followup_plan(std::int64_t meeting_id);

    // The year across all communities: approved objectives and their groups.
    year_summary summarise(std::int64_t year);

    // Contributions across meetings, filtered, in the order asked for, with
    // their supports and the objectives each went into.
    contribution_page search_contributions(contribution_filter const& filter);

    // A community's coordinators and referents, by role then name; replaced whole.
    std::vector<person_row> community_people(std::int64_t community_id);
    void set_community_people(std::int64_t community_id, std::vector<person_row> const& people);

    // The deliverable's attached file: replaces it (empty `name`: removes it).
    void set_deliverable_file(std::string const& objective_id, std::string const& name,
                              std::string const& type, std::string const& bytes);
    struct file {
        std::string name;
        std::string type;
        std::string bytes;
    };
    std::optional<file> deliverable_file(std::string const& objective_id);
    // Whether the objective is in a published version of its community's plan.
    bool in_published_plan(std::string const& objective_id);
    // The objective's file as the newest published version that holds the
    // objective has it (frozen when that version was published); none when
    // no published version holds it or it was published without a file.
    std::optional<file> published_file(std::string const& objective_id);

    // A community's plan versions for a year, newest first.
    std::vector<plan_row> plan_versions(std::int64_t community_id, std::int64_t year);
    // The newest published version of every community's plan for every year
    // (the open-data catalogue's datasets), by community then year; without
    // their snapshots.
    std::vector<plan_row> published_plans();
    // The plan version whose read-only link has this token hash.
    std::optional<plan_row> plan_by_share_hash(std::string const& hash);
    // A new draft version, numbered after the newest; returns its row.
    plan_row create_plan(std::int64_t community_id, std::int64_t year);
    // Shares a draft (or re-shares, with a new link). The store refuses
    // (sql::error) any change to a published version.
    void share_plan(std::int64_t plan_id, std::string const& share_hash);
    // Publishing keeps, with the version, the deliverable files of the
    // objectives its snapshot holds, as they are now.
    void publish_plan(std::int64_t plan_id, std::string const& snapshot, std::int64_t published_at);

    // Records a public body by name (the organizations list); a known name
    // changes nothing.
    void add_organization(std::string const& name);
    // Whether the contribution (by row id) was made in a meeting of the
    // community (lookups.cpp).
    bool contribution_in_community(std::int64_t contribution_id, std::int64_t community_id);
    // Whether the contribution may be linked and published: not hidden, not
    // withdrawn, its author not removed from the meeting. Reads of objectives
    // leave out the links to the others, and list in `quotes_unavailable`
    // those an objective's description quotes.
    bool contribution_available(std::int64_t contribution_id);

private:
    void fill(objective_record& o);

    sql::database& db_;
};

} // namespace tavolo::store
