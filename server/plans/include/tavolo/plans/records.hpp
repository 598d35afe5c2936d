// The plain records a plan is made of: a community, its objectives with
// their deliverables, working groups and linked contributions. Values only
// (no behaviour, no storage): server/store reads and writes them (and keeps
// their names as aliases in tavolo::store), plan documents are built from
// them. Safe to use from any thread, like any value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tavolo::plans {

struct community_row {
    std::int64_t id = 0;
    std::string slug;
    std::string name;
    std::string description;
};

struct deliverable_row {
    std::string description;
    std::string due_month;          // YYYY-MM, or empty
    std::string status = "planned"; // planned | in_progress | delivered
    std::string link;               // once delivered: where to find it
    std::string file_name;          // or an attached file
    std::string file_type;
    bool has_file = false;
};

struct member_row {
    std::string name;
    std::string organization;
    std::string participant_id; // set when they volunteered in a meeting
    bool confirmed = false;
    std::int64_t joined_at = 0;
};

struct working_group_row {
    std::string status = "forming"; // forming | composed | enabled
    std::string start_date;         // YYYY-MM-DD once enabled
    std::vector<member_row> members;
};

struct linked_contribution {
    std::int64_t id = 0; // the contribution's row id
    std::int64_t meeting_id = 0;
    std::string client_id;
    std::string kind;
    std::string text;
    std::string author_name;
    std::string author_organization;
    bool anonymous = false; // from an anonymous meeting: peers never learn the author
    // Its supports when its group was promoted to the objective (nullopt: not
    // known, as for a link made by hand).
    std::optional<std::int64_t> supports;
};

struct objective_record {
    std::string id;
    std::int64_t community_id = 0;
    std::string community_slug;  // filled by reads
    std::int64_t meeting_id = 0; // 0: not from a meeting
    std::int64_t year = 0;
    std::string title;
    std::string description;
    std::string status = "draft"; // draft | approved | dropped
    bool needs_working_group = false;
    std::string start_month; // YYYY-MM
    std::string end_month;
    std::vector<std::string> owners; // the bodies that lead it
    std::string created_by;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    deliverable_row deliverable;
    std::optional<working_group_row> working_group;
    std::vector<linked_contribution> contributions; // in link order
    // The group's supports when it was promoted (nullopt: made by hand, or
    // promoted before the store kept them).
    std::optional<std::int64_t> supports;
    // Hidden, withdrawn or removed contributions of its community that its
    // description quotes (row ids, see quotes.hpp): its editor is told, a plan
    // document never carries them.
    std::vector<std::int64_t> quotes_unavailable;
};

} // namespace tavolo::plans
