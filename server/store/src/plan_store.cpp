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

} // namespace

std::int64_t plan_store::create_community(community_row const& c) {
    SQLite::Statement q(db_, "INSERT INTO communities (slug, name, description, created_at) "
                             "VALUES (?, ?, ?, ?)");
    q.bind(1, c.slug);
    q.bind(2, c.name);
    q.bind(3, c.description);
    q.bind(4, static_cast<std::int64_t>(now_ms()));
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
    SQLite::Statement q(db_,
                        "INSERT INTO meetings (community_id, kind, title, scheduled_on, phase, "
                        "join_code, facilitator_secret_hash, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, static_cast<std::int64_t>(m.community_id));
    q.bind(2, m.kind);
    q.bind(3, m.title);
    q.bind(4, m.scheduled_on);
    q.bind(5, m.phase);
    q.bind(6, m.join_code);
    q.bind(7, m.facilitator_secret_hash);
    q.bind(8, static_cast<std::int64_t>(now_ms()));
    q.exec();
    return db_.getLastInsertRowid();
}

std::vector<meeting_row> plan_store::live_meetings() {
    SQLite::Statement q(db_, "SELECT m.id, m.community_id, c.name, m.kind, m.title, "
                             "m.scheduled_on, m.phase, m.join_code, m.facilitator_secret_hash "
                             "FROM meetings m JOIN communities c ON c.id = m.community_id "
                             "WHERE m.phase <> 'closed' ORDER BY m.id");
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
        out.push_back(std::move(m));
    }
    return out;
}

void plan_store::insert_participant(participant_row const& p) {
    SQLite::Statement q(db_, "INSERT INTO participants (id, meeting_id, name, organization, "
                             "role, joined_at) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, p.id);
    q.bind(2, static_cast<std::int64_t>(p.meeting_id));
    q.bind(3, p.name);
    q.bind(4, p.organization);
    q.bind(5, p.role);
    q.bind(6, static_cast<std::int64_t>(p.joined_at));
    q.exec();
}

void plan_store::insert_contribution(contribution_row const& c) {
    SQLite::Statement q(db_, "INSERT INTO contributions (meeting_id, client_id, seq, "
                             "participant_id, kind, text, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, static_cast<std::int64_t>(c.meeting_id));
    q.bind(2, c.client_id);
    q.bind(3, static_cast<std::int64_t>(c.seq));
    q.bind(4, c.participant_id);
    q.bind(5, c.kind);
    q.bind(6, c.text);
    q.bind(7, static_cast<std::int64_t>(c.created_at));
    q.exec();
}

std::vector<contribution_row> plan_store::contributions_of(std::int64_t meeting_id) {
    SQLite::Statement q(db_, "SELECT c.meeting_id, c.client_id, c.seq, c.participant_id, "
                             "p.name, p.organization, c.kind, c.text, c.created_at "
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
        out.push_back(std::move(c));
    }
    return out;
}

std::int64_t plan_store::count_contributions() {
    return db_.execAndGet("SELECT COUNT(*) FROM contributions").getInt64();
}

} // namespace tavolo::store
