// The coordinator accounts of plan_store: who may sign in, with which role,
// for which communities, and their sign-in sessions. Same thread rules as
// the rest of plan_store.
#include "tavolo/store/plan_store.hpp"

#include "bind.hpp"

#include "tavolo/store/database.hpp"

#include "tavolo/store/sql.hpp"

namespace tavolo::store {
namespace {

constexpr char const* account_columns = "SELECT c.id, c.name, c.password_hash, c.role, c.disabled "
                                        "FROM coordinators c ";

coordinator_row read_account(sql::database& db, sql::statement& q) {
    coordinator_row a{.id = q.getColumn(0).getInt64(),
                      .name = q.getColumn(1).getString(),
                      .password_hash = q.getColumn(2).getString(),
                      .role = q.getColumn(3).getString(),
                      .disabled = q.getColumn(4).getInt() != 0,
                      .communities = {}};
    sql::statement communities(db, "SELECT m.id, m.slug FROM coordinator_communities cc "
                                   "JOIN communities m ON m.id = cc.community_id "
                                   "WHERE cc.coordinator_id = ?");
    communities.bind(1, a.id);
    while (communities.executeStep())
        a.communities.emplace(communities.getColumn(0).getInt64(),
                              communities.getColumn(1).getString());
    return a;
}

void replace_communities(sql::database& db, std::int64_t id,
                         std::vector<std::int64_t> const& communities) {
    sql::statement clear(db, "DELETE FROM coordinator_communities WHERE coordinator_id = ?");
    clear.bind(1, id);
    clear.exec();
    for (auto const community : communities) {
        sql::statement add(db, "INSERT OR IGNORE INTO coordinator_communities "
                               "(coordinator_id, community_id) VALUES (?, ?)");
        bind_all(add, id, community);
        add.exec();
    }
}

} // namespace

std::int64_t plan_store::create_coordinator(std::string const& name,
                                            std::string const& password_hash) {
    bool const first = db_.execAndGet("SELECT COUNT(*) FROM coordinators").getInt64() == 0;
    return create_account(name, password_hash, first ? "admin" : "referent", {});
}

std::int64_t plan_store::create_account(std::string const& name, std::string const& password_hash,
                                        std::string const& role,
                                        std::vector<std::int64_t> const& communities) {
    std::int64_t id = 0;
    atomically([&] {
        sql::statement q(db_, "INSERT INTO coordinators (name, password_hash, created_at, role) "
                              "VALUES (?, ?, ?, ?)");
        bind_all(q, name, password_hash, now_ms(), role);
        q.exec();
        id = db_.getLastInsertRowid();
        replace_communities(db_, id, communities);
    });
    return id;
}

std::optional<coordinator_row> plan_store::find_coordinator(std::string const& name) {
    sql::statement q(db_, std::string(account_columns) + "WHERE c.name = ?");
    q.bind(1, name);
    if (!q.executeStep())
        return std::nullopt;
    return read_account(db_, q);
}

std::vector<coordinator_row> plan_store::coordinators() {
    sql::statement q(db_, std::string(account_columns) + "ORDER BY c.name");
    std::vector<coordinator_row> out;
    while (q.executeStep())
        out.push_back(read_account(db_, q));
    return out;
}

void plan_store::set_role(std::int64_t coordinator_id, std::string const& role,
                          std::vector<std::int64_t> const& communities) {
    atomically([&] {
        sql::statement q(db_, "UPDATE coordinators SET role = ? WHERE id = ?");
        bind_all(q, role, coordinator_id);
        q.exec();
        replace_communities(db_, coordinator_id, communities);
    });
}

void plan_store::set_disabled(std::int64_t coordinator_id, bool disabled) {
    atomically([&] {
        sql::statement q(db_, "UPDATE coordinators SET disabled = ? WHERE id = ?");
        bind_all(q, disabled, coordinator_id);
        q.exec();
        if (disabled)
            delete_sessions_of(coordinator_id);
    });
}

void plan_store::set_password(std::int64_t coordinator_id, std::string const& password_hash) {
    sql::statement q(db_, "UPDATE coordinators SET password_hash = ? WHERE id = ?");
    bind_all(q, password_hash, coordinator_id);
    q.exec();
}

void plan_store::create_session(std::string const& token_hash, std::int64_t coordinator_id,
                                std::int64_t expires_at) {
    sql::statement q(db_, "INSERT INTO coordinator_sessions (token_hash, coordinator_id, "
                          "created_at, expires_at) VALUES (?, ?, ?, ?)");
    bind_all(q, token_hash, coordinator_id, now_ms(), expires_at);
    q.exec();
}

std::optional<coordinator_row> plan_store::session_coordinator(std::string const& token_hash,
                                                               std::int64_t now) {
    // A disabled account's sessions are deleted as it is disabled; the check
    // here holds even for one a backup or a crash left behind.
    sql::statement q(db_, std::string(account_columns) +
                              "JOIN coordinator_sessions s ON c.id = s.coordinator_id "
                              "WHERE s.token_hash = ? AND s.expires_at > ? AND c.disabled = 0");
    bind_all(q, token_hash, now);
    if (!q.executeStep())
        return std::nullopt;
    return read_account(db_, q);
}

void plan_store::delete_session(std::string const& token_hash) {
    sql::statement q(db_, "DELETE FROM coordinator_sessions WHERE token_hash = ?");
    q.bind(1, token_hash);
    q.exec();
}

std::int64_t plan_store::delete_sessions_of(std::int64_t coordinator_id, std::string const& keep) {
    sql::statement q(db_, "DELETE FROM coordinator_sessions "
                          "WHERE coordinator_id = ? AND token_hash <> ?");
    bind_all(q, coordinator_id, keep);
    return q.exec();
}

std::int64_t plan_store::delete_expired_sessions(std::int64_t now) {
    sql::statement q(db_, "DELETE FROM coordinator_sessions WHERE expires_at <= ?");
    q.bind(1, now);
    return q.exec();
}

} // namespace tavolo::store
