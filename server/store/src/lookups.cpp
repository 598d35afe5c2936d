// Lookups by key that callers once made by scanning every row or with their
// own SQL (issue 17): a meeting by id or join code, a community's meetings
// and the meeting counts, a community by id, a contribution's community.
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"

#include "meeting_rows.hpp"

#include "tavolo/store/sql.hpp"

namespace tavolo::store {

std::optional<meeting_row> plan_store::find_meeting(std::int64_t id) {
    sql::statement q(db_, std::string(meeting_select) + "WHERE m.id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        return std::nullopt;
    return read_meeting(q);
}

std::optional<meeting_row> plan_store::find_meeting_by_join_code(std::string const& join_code) {
    sql::statement q(db_, std::string(meeting_select) + "WHERE m.join_code = ?");
    q.bind(1, join_code);
    if (!q.executeStep())
        return std::nullopt;
    return read_meeting(q);
}

std::vector<meeting_row> plan_store::meetings_of_community(std::int64_t community_id) {
    sql::statement q(db_, std::string(meeting_select) + "WHERE m.community_id = ? ORDER BY m.id");
    q.bind(1, community_id);
    std::vector<meeting_row> out;
    while (q.executeStep())
        out.push_back(read_meeting(q));
    return out;
}

std::unordered_map<std::int64_t, std::int64_t> plan_store::meeting_counts() {
    sql::statement q(db_, "SELECT community_id, COUNT(*) FROM meetings GROUP BY community_id");
    std::unordered_map<std::int64_t, std::int64_t> out;
    while (q.executeStep())
        out.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
    return out;
}

std::optional<community_row> plan_store::find_community_by_id(std::int64_t id) {
    sql::statement q(db_, "SELECT id, slug, name, description FROM communities WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        return std::nullopt;
    return community_row{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                         q.getColumn(2).getString(), q.getColumn(3).getString()};
}

bool plans::contribution_in_community(std::int64_t contribution_id, std::int64_t community_id) {
    sql::statement q(db_, "SELECT 1 FROM contributions k JOIN meetings m ON m.id = k.meeting_id "
                          "WHERE k.id = ? AND m.community_id = ?");
    q.bind(1, contribution_id);
    q.bind(2, community_id);
    return q.executeStep();
}

} // namespace tavolo::store
