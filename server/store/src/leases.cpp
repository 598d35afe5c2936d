// Leases of live meetings on PostgreSQL (plan_store.hpp). A lease row is
// taken with INSERT … ON CONFLICT DO UPDATE, which locks it; check_lease
// reads it FOR SHARE, so a node taking a lease waits for the writes under
// way to commit, and every later write of the old holder fails its check.
// notify() is here too: the nodes' messages to each other (listener.hpp).
#include "tavolo/store/plan_store.hpp"

#include "bind.hpp"

namespace tavolo::store {

std::variant<plan_store::lease_taken, plan_store::lease_elsewhere>
plan_store::take_lease(std::int64_t meeting_id, std::string const& node, std::int64_t ttl_ms) {
    sql::statement q(db_, "INSERT INTO meeting_leases (meeting_id, node, fencing, expires_at) "
                          "VALUES (?, ?, 1, tavolo_now_ms() + ?) "
                          "ON CONFLICT (meeting_id) DO UPDATE SET node = excluded.node, "
                          "fencing = meeting_leases.fencing + 1, "
                          "expires_at = excluded.expires_at "
                          "WHERE meeting_leases.expires_at < tavolo_now_ms() "
                          "OR meeting_leases.node = excluded.node RETURNING fencing");
    bind_all(q, meeting_id, node, ttl_ms);
    if (q.executeStep())
        return lease_taken{q.getColumn(0).getInt64()};
    sql::statement left(db_, "SELECT expires_at - tavolo_now_ms() FROM meeting_leases "
                             "WHERE meeting_id = ?");
    bind_all(left, meeting_id);
    return lease_elsewhere{
        left.executeStep() ? std::max<std::int64_t>(0, left.getColumn(0).getInt64()) : 0};
}

std::vector<std::pair<std::int64_t, std::int64_t>> plan_store::renew_leases(std::string const& node,
                                                                            std::int64_t ttl_ms) {
    sql::statement q(db_, "UPDATE meeting_leases SET expires_at = tavolo_now_ms() + ? "
                          "WHERE node = ? RETURNING meeting_id, fencing");
    bind_all(q, ttl_ms, node);
    std::vector<std::pair<std::int64_t, std::int64_t>> held;
    while (q.executeStep())
        held.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
    return held;
}

void plan_store::release_lease(std::int64_t meeting_id, std::string const& node,
                               std::int64_t fence) {
    // Run out at once, the row kept: the next holder's fence is still higher.
    sql::statement q(db_, "UPDATE meeting_leases SET expires_at = 0 WHERE meeting_id = ? "
                          "AND node = ? AND fencing = ?");
    bind_all(q, meeting_id, node, fence);
    q.exec();
}

void plan_store::check_lease(std::int64_t meeting_id, std::string const& node, std::int64_t fence) {
    auto& q = prepared("SELECT fencing FROM meeting_leases WHERE meeting_id = ? AND node = ? "
                       "FOR SHARE");
    bind_all(q, meeting_id, node);
    auto const held = q.executeStep() ? q.getColumn(0).getInt64() : 0;
    q.reset();
    if (held != fence)
        throw lease_lost("meeting " + std::to_string(meeting_id) +
                         " is no longer live on this node (lease " + std::to_string(fence) +
                         (held ? ", now " + std::to_string(held) : std::string(", released")) +
                         ")");
}

void plan_store::notify(std::string const& channel, std::string const& payload) {
    if (!db_.is_postgresql())
        throw sql::error("notifications need PostgreSQL", "");
    auto& q = prepared("SELECT pg_notify(?, ?)");
    bind_all(q, channel, payload);
    q.executeStep();
    q.reset();
}

} // namespace tavolo::store
