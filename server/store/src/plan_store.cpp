#include "tavolo/store/plan_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <chrono>

namespace tavolo::store {
namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Binds each argument to the next parameter, in order.
template <typename... Args> void bind_all(SQLite::Statement& q, Args const&... args) {
    int i = 0;
    auto one = [&](auto const& v) {
        ++i;
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>)
            q.bind(i, v ? 1 : 0);
        else if constexpr (std::is_integral_v<T>)
            q.bind(i, static_cast<std::int64_t>(v));
        else
            q.bind(i, v);
    };
    (one(args), ...);
}

} // namespace

std::int64_t plan_store::create_community(community_row const& c) {
    SQLite::Statement q(db_, "INSERT INTO communities (slug, name, description, created_at) "
                             "VALUES (?, ?, ?, ?)");
    bind_all(q, c.slug, c.name, c.description, now_ms());
    q.exec();
    return db_.getLastInsertRowid();
}

std::optional<community_row> plan_store::find_community(std::string const& slug) {
    SQLite::Statement q(db_, "SELECT id, slug, name, description FROM communities WHERE slug = ?");
    q.bind(1, slug);
    if (!q.executeStep())
        return std::nullopt;
    return community_row{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                         q.getColumn(2).getString(), q.getColumn(3).getString()};
}

std::int64_t plan_store::create_meeting(meeting_row const& m) {
    SQLite::Statement q(db_, "INSERT INTO meetings (community_id, kind, title, scheduled_on, "
                             "phase, join_code, facilitator_secret_hash, created_at, anonymous, "
                             "private_writing, support_budget, max_supports_per_contribution) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_all(q, m.community_id, m.kind, m.title, m.scheduled_on, m.phase, m.join_code,
             m.facilitator_secret_hash, now_ms(), m.anonymous, m.private_writing, m.support_budget,
             m.max_supports_per_contribution);
    q.exec();
    return db_.getLastInsertRowid();
}

std::vector<meeting_row> plan_store::meetings() {
    SQLite::Statement q(db_, "SELECT m.id, m.community_id, c.name, m.kind, m.title, "
                             "m.scheduled_on, m.phase, m.join_code, m.facilitator_secret_hash, "
                             "m.last_seq, m.anonymous, m.private_writing, m.revealed, m.locked, "
                             "m.support_budget, m.max_supports_per_contribution, m.timer_ends_at "
                             "FROM meetings m JOIN communities c ON c.id = m.community_id "
                             "ORDER BY m.id");
    std::vector<meeting_row> out;
    while (q.executeStep()) {
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
        out.push_back(std::move(m));
    }
    return out;
}

void plan_store::update_meeting_state(meeting_row const& m) {
    SQLite::Statement q(db_, "UPDATE meetings SET phase = ?, anonymous = ?, private_writing = ?, "
                             "revealed = ?, locked = ?, support_budget = ?, "
                             "max_supports_per_contribution = ?, timer_ends_at = ? WHERE id = ?");
    bind_all(q, m.phase, m.anonymous, m.private_writing, m.revealed, m.locked, m.support_budget,
             m.max_supports_per_contribution, m.timer_ends_at, m.id);
    q.exec();
}

void plan_store::advance_last_seq(std::int64_t meeting_id, std::int64_t seq) {
    SQLite::Statement q(db_, "UPDATE meetings SET last_seq = MAX(last_seq, ?) WHERE id = ?");
    bind_all(q, seq, meeting_id);
    q.exec();
}

void plan_store::upsert_participant(participant_row const& p) {
    SQLite::Statement q(db_, "INSERT INTO participants (id, meeting_id, name, organization, role, "
                             "joined_at, resume_hash, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                             "organization = excluded.organization, removed = excluded.removed");
    bind_all(q, p.id, p.meeting_id, p.name, p.organization, p.role, p.joined_at, p.resume_hash,
             p.removed);
    q.exec();
}

std::vector<participant_row> plan_store::participants_of(std::int64_t meeting_id) {
    SQLite::Statement q(db_, "SELECT id, meeting_id, name, organization, role, joined_at, "
                             "resume_hash, removed FROM participants WHERE meeting_id = ? "
                             "ORDER BY joined_at, id");
    q.bind(1, static_cast<std::int64_t>(meeting_id));
    std::vector<participant_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                       q.getColumn(2).getString(), q.getColumn(3).getString(),
                       q.getColumn(4).getString(), q.getColumn(5).getInt64(),
                       q.getColumn(6).getString(), q.getColumn(7).getInt() != 0});
    return out;
}

void plan_store::upsert_contribution(contribution_row const& c) {
    SQLite::Statement q(db_, "INSERT INTO contributions (meeting_id, client_id, seq, "
                             "participant_id, kind, text, created_at, status, merged_into, edited) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT (meeting_id, client_id) DO UPDATE SET "
                             "text = excluded.text, status = excluded.status, "
                             "merged_into = excluded.merged_into, edited = excluded.edited");
    bind_all(q, c.meeting_id, c.client_id, c.seq, c.participant_id, c.kind, c.text, c.created_at,
             c.status, c.merged_into, c.edited);
    q.exec();
}

std::vector<contribution_row> plan_store::contributions_of(std::int64_t meeting_id) {
    SQLite::Statement q(db_, "SELECT c.meeting_id, c.client_id, c.seq, c.participant_id, "
                             "p.name, p.organization, c.kind, c.text, c.created_at, c.status, "
                             "c.merged_into, c.edited "
                             "FROM contributions c JOIN participants p ON p.id = c.participant_id "
                             "WHERE c.meeting_id = ? ORDER BY c.seq");
    q.bind(1, static_cast<std::int64_t>(meeting_id));
    std::vector<contribution_row> out;
    while (q.executeStep()) {
        contribution_row c;
        c.meeting_id = q.getColumn(0).getInt64();
        c.client_id = q.getColumn(1).getString();
        c.seq = q.getColumn(2).getInt64();
        c.participant_id = q.getColumn(3).getString();
        c.author_name = q.getColumn(4).getString();
        c.author_organization = q.getColumn(5).getString();
        c.kind = q.getColumn(6).getString();
        c.text = q.getColumn(7).getString();
        c.created_at = q.getColumn(8).getInt64();
        c.status = q.getColumn(9).getString();
        c.merged_into = q.getColumn(10).getString();
        c.edited = q.getColumn(11).getInt() != 0;
        out.push_back(std::move(c));
    }
    return out;
}

std::int64_t plan_store::count_contributions() {
    return db_.execAndGet("SELECT COUNT(*) FROM contributions").getInt64();
}

void plan_store::insert_edit(edit_row const& e) {
    SQLite::Statement q(db_, "INSERT INTO contribution_edits (meeting_id, client_id, old_text, "
                             "new_text, editor_id, at) VALUES (?, ?, ?, ?, ?, ?)");
    bind_all(q, e.meeting_id, e.client_id, e.old_text, e.new_text, e.editor_id, e.at);
    q.exec();
}

std::vector<edit_row> plan_store::edits_of(std::int64_t meeting_id, std::string const& client_id) {
    SQLite::Statement q(db_, "SELECT meeting_id, client_id, old_text, new_text, editor_id, at "
                             "FROM contribution_edits WHERE meeting_id = ? AND client_id = ? "
                             "ORDER BY id");
    bind_all(q, meeting_id, client_id);
    std::vector<edit_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getString(),
                       q.getColumn(4).getString(), q.getColumn(5).getInt64()});
    return out;
}

void plan_store::set_support(support_row const& s) {
    if (s.count > 0) {
        SQLite::Statement q(db_, "INSERT INTO supports (meeting_id, participant_id, client_id, "
                                 "count) VALUES (?, ?, ?, ?) ON CONFLICT (meeting_id, "
                                 "participant_id, client_id) DO UPDATE SET count = excluded.count");
        bind_all(q, s.meeting_id, s.participant_id, s.client_id, s.count);
        q.exec();
    } else {
        SQLite::Statement q(db_, "DELETE FROM supports WHERE meeting_id = ? AND "
                                 "participant_id = ? AND client_id = ?");
        bind_all(q, s.meeting_id, s.participant_id, s.client_id);
        q.exec();
    }
}

std::vector<support_row> plan_store::supports_of(std::int64_t meeting_id) {
    SQLite::Statement q(db_, "SELECT meeting_id, participant_id, client_id, count FROM supports "
                             "WHERE meeting_id = ? ORDER BY participant_id, client_id");
    q.bind(1, static_cast<std::int64_t>(meeting_id));
    std::vector<support_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getInt64()});
    return out;
}

} // namespace tavolo::store
