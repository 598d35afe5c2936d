// What calendars need of the store: a meeting's schedule and the count of
// its changes (iCalendar's SEQUENCE), and the hashed secret address of a
// community's calendar feed.
#include "tavolo/store/plan_store.hpp"

#include "bind.hpp"

#include "tavolo/store/database.hpp"

#include "tavolo/store/sql.hpp"

namespace tavolo::store {

bool plan_store::reschedule_meeting(meeting_row const& m) {
    // One statement: the comparison and the count happen together, so two
    // writers never count one change twice or miss one.
    sql::statement q(db_, "UPDATE meetings SET scheduled_on = ?, starts_at = ?, "
                          "duration_minutes = ?, calendar_sequence = calendar_sequence + 1, "
                          "updated_at = ? WHERE id = ? AND (scheduled_on <> ? OR starts_at <> ? "
                          "OR duration_minutes <> ?)");
    bind_all(q, m.scheduled_on, m.starts_at, m.duration_minutes, now_ms(), m.id, m.scheduled_on,
             m.starts_at, m.duration_minutes);
    return q.exec() > 0;
}

void plan_store::set_calendar_token(std::int64_t community_id, std::string const& token_hash) {
    sql::statement q(db_, "UPDATE communities SET calendar_token_hash = ? WHERE id = ?");
    bind_all(q, token_hash, community_id);
    q.exec();
}

bool plan_store::has_calendar_token(std::int64_t community_id) {
    sql::statement q(db_, "SELECT calendar_token_hash <> '' FROM communities WHERE id = ?");
    q.bind(1, community_id);
    return q.executeStep() && q.getColumn(0).getInt() != 0;
}

std::optional<community_row>
plan_store::community_by_calendar_token(std::string const& token_hash) {
    if (token_hash.empty())
        return std::nullopt;
    sql::statement q(db_, "SELECT id, slug, name, description FROM communities "
                          "WHERE calendar_token_hash = ?");
    q.bind(1, token_hash);
    if (!q.executeStep())
        return std::nullopt;
    return community_row{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                         q.getColumn(2).getString(), q.getColumn(3).getString()};
}

} // namespace tavolo::store
