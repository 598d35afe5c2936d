// Reading meeting rows (internal to the store): the one SELECT every meeting
// query starts with, and the row it gives.
#pragma once

#include "tavolo/store/plan_store.hpp"

#include "tavolo/store/sql.hpp"

namespace tavolo::store {

// Ends before WHERE / ORDER BY; the meeting is `m`, its community `c`.
inline constexpr char const* meeting_select =
    "SELECT m.id, m.community_id, c.name, m.kind, m.title, "
    "m.scheduled_on, m.phase, m.join_code, m.facilitator_secret_hash, "
    "m.last_seq, m.anonymous, m.private_writing, m.revealed, m.locked, "
    "m.support_budget, m.max_supports_per_contribution, m.timer_ends_at, m.question, c.slug, "
    "m.starts_at, m.duration_minutes, m.calendar_sequence, m.updated_at "
    "FROM meetings m JOIN communities c ON c.id = m.community_id ";

// The row of a statement that began with meeting_select, at its current step.
inline meeting_row read_meeting(sql::statement& q) {
    meeting_row m;
    m.id = q.getColumn(0).getInt64();
    m.community_id = q.getColumn(1).getInt64();
    m.community_name = q.getColumn(2).getString();
    m.kind = q.getColumn(3).getString();
    m.title = q.getColumn(4).getString();
    m.scheduled_on = q.getColumn(5).getString();
    m.phase = q.getColumn(6).getString();
    m.join_code = q.getColumn(7).getString();
    m.facilitator_secret_hash = q.getColumn(8).getString();
    m.last_seq = q.getColumn(9).getInt64();
    m.anonymous = q.getColumn(10).getInt() != 0;
    m.private_writing = q.getColumn(11).getInt() != 0;
    m.revealed = q.getColumn(12).getInt() != 0;
    m.locked = q.getColumn(13).getInt() != 0;
    m.support_budget = q.getColumn(14).getInt64();
    m.max_supports_per_contribution = q.getColumn(15).getInt64();
    m.timer_ends_at = q.getColumn(16).getInt64();
    m.question = q.getColumn(17).getString();
    m.community_slug = q.getColumn(18).getString();
    m.starts_at = q.getColumn(19).getString();
    m.duration_minutes = q.getColumn(20).getInt64();
    m.calendar_sequence = q.getColumn(21).getInt64();
    m.updated_at = q.getColumn(22).getInt64();
    return m;
}

} // namespace tavolo::store
