#include "tavolo/store/plan_store.hpp"

#include "bind.hpp"
#include "meeting_rows.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/schema.hpp"

#include "tavolo/store/sql.hpp"

#include <chrono>

namespace tavolo::store {

std::int64_t plan_store::create_community(community_row const& c) {
    sql::statement q(db_, "INSERT INTO communities (slug, name, description, created_at) "
                          "VALUES (?, ?, ?, ?)");
    bind_all(q, c.slug, c.name, c.description, now_ms());
    q.exec();
    return db_.getLastInsertRowid();
}

std::optional<community_row> plan_store::find_community(std::string const& slug) {
    sql::statement q(db_, "SELECT id, slug, name, description FROM communities WHERE slug = ?");
    q.bind(1, slug);
    if (!q.executeStep())
        return std::nullopt;
    return community_row{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                         q.getColumn(2).getString(), q.getColumn(3).getString()};
}

std::vector<community_row> plan_store::communities() {
    sql::statement q(db_, "SELECT id, slug, name, description FROM communities ORDER BY name");
    std::vector<community_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getString()});
    return out;
}

std::int64_t plan_store::create_meeting(meeting_row const& m) {
    sql::statement q(db_, "INSERT INTO meetings (community_id, kind, title, scheduled_on, "
                          "phase, join_code, facilitator_secret_hash, created_at, anonymous, "
                          "private_writing, support_budget, max_supports_per_contribution, "
                          "question, starts_at, duration_minutes, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto const at = now_ms();
    bind_all(q, m.community_id, m.kind, m.title, m.scheduled_on, m.phase, m.join_code,
             m.facilitator_secret_hash, at, m.anonymous, m.private_writing, m.support_budget,
             m.max_supports_per_contribution, m.question, m.starts_at, m.duration_minutes, at);
    q.exec();
    return db_.getLastInsertRowid();
}

sql::statement& plan_store::prepared(char const* sql) {
    auto& slot = prepared_[sql];
    if (!slot)
        slot = std::make_unique<sql::statement>(db_, sql);
    else {
        slot->reset();
        slot->clearBindings();
    }
    return *slot;
}

std::vector<meeting_row> plan_store::meetings() {
    sql::statement q(db_, std::string(meeting_select) + "ORDER BY m.id");
    std::vector<meeting_row> out;
    while (q.executeStep())
        out.push_back(read_meeting(q));
    return out;
}

void plan_store::update_meeting_state(meeting_row const& m) {
    sql::statement q(db_, "UPDATE meetings SET phase = ?, anonymous = ?, private_writing = ?, "
                          "revealed = ?, locked = ?, support_budget = ?, "
                          "max_supports_per_contribution = ?, timer_ends_at = ?, "
                          "question = ?, facilitator_secret_hash = COALESCE(NULLIF(?, ''), "
                          "facilitator_secret_hash) WHERE id = ?");
    bind_all(q, m.phase, m.anonymous, m.private_writing, m.revealed, m.locked, m.support_budget,
             m.max_supports_per_contribution, m.timer_ends_at, m.question,
             m.facilitator_secret_hash, m.id);
    q.exec();
}

constexpr char const* advance_last_seq_sql =
    "UPDATE meetings SET last_seq = MAX(last_seq, ?) WHERE id = ?";

void plan_store::advance_last_seq(std::int64_t meeting_id, std::int64_t seq) {
    auto& q = prepared(advance_last_seq_sql);
    bind_all(q, seq, meeting_id);
    q.exec();
}

constexpr char const* upsert_participant_sql =
    "INSERT INTO participants (id, meeting_id, name, organization, role, "
    "joined_at, resume_hash, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
    "organization = excluded.organization, removed = excluded.removed";

void plan_store::upsert_participant(participant_row const& p) {
    auto& q = prepared(upsert_participant_sql);
    bind_all(q, p.id, p.meeting_id, p.name, p.organization, p.role, p.joined_at, p.resume_hash,
             p.removed);
    q.exec();
}

std::vector<participant_row> plan_store::participants_of(std::int64_t meeting_id) {
    sql::statement q(db_, "SELECT id, meeting_id, name, organization, role, joined_at, "
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

constexpr char const* upsert_contribution_sql =
    "INSERT INTO contributions (meeting_id, client_id, seq, "
    "participant_id, kind, text, created_at, status, merged_into, edited) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (meeting_id, client_id) DO UPDATE SET "
    "text = excluded.text, status = excluded.status, "
    "merged_into = excluded.merged_into, edited = excluded.edited";

void plan_store::upsert_contribution(contribution_row const& c) {
    auto& q = prepared(upsert_contribution_sql);
    bind_all(q, c.meeting_id, c.client_id, c.seq, c.participant_id, c.kind, c.text, c.created_at,
             c.status, c.merged_into, c.edited);
    q.exec();
}

std::vector<contribution_row> plan_store::contributions_of(std::int64_t meeting_id) {
    sql::statement q(db_, "SELECT c.meeting_id, c.client_id, c.seq, c.participant_id, "
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

constexpr char const* insert_edit_sql =
    "INSERT INTO contribution_edits (meeting_id, client_id, old_text, "
    "new_text, editor_id, at) VALUES (?, ?, ?, ?, ?, ?)";

void plan_store::insert_edit(edit_row const& e) {
    auto& q = prepared(insert_edit_sql);
    bind_all(q, e.meeting_id, e.client_id, e.old_text, e.new_text, e.editor_id, e.at);
    q.exec();
}

std::vector<edit_row> plan_store::edits_of(std::int64_t meeting_id, std::string const& client_id) {
    sql::statement q(db_, "SELECT meeting_id, client_id, old_text, new_text, editor_id, at "
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
        sql::statement q(db_, "INSERT INTO supports (meeting_id, participant_id, client_id, "
                              "count) VALUES (?, ?, ?, ?) ON CONFLICT (meeting_id, "
                              "participant_id, client_id) DO UPDATE SET count = excluded.count");
        bind_all(q, s.meeting_id, s.participant_id, s.client_id, s.count);
        q.exec();
    } else {
        sql::statement q(db_, "DELETE FROM supports WHERE meeting_id = ? AND "
                              "participant_id = ? AND client_id = ?");
        bind_all(q, s.meeting_id, s.participant_id, s.client_id);
        q.exec();
    }
}

std::vector<support_row> plan_store::supports_of(std::int64_t meeting_id) {
    sql::statement q(db_, "SELECT meeting_id, participant_id, client_id, count FROM supports "
                          "WHERE meeting_id = ? ORDER BY participant_id, client_id");
    q.bind(1, static_cast<std::int64_t>(meeting_id));
    std::vector<support_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getInt64()});
    return out;
}

namespace {

constexpr char const* contribution_by_client_id =
    "(SELECT id FROM contributions WHERE meeting_id = ? AND client_id = ?)";

std::string join_lines(std::vector<std::string> const& items) {
    std::string out;
    for (auto const& i : items)
        out += (out.empty() ? "" : "\n") + i;
    return out;
}

std::vector<std::string> split_lines(std::string const& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        auto const end = s.find('\n', start);
        out.push_back(s.substr(start, end == std::string::npos ? end : end - start));
        start = end == std::string::npos ? s.size() : end + 1;
    }
    return out;
}

} // namespace

void plan_store::save_board(board_row const& b) {
    for (auto const* table : {"cluster_members", "cluster_pins", "cluster_groups"}) {
        sql::statement q(db_, std::string("DELETE FROM ") + table + " WHERE meeting_id = ?");
        q.bind(1, b.meeting_id);
        q.exec();
    }
    {
        sql::statement q(db_, "INSERT INTO cluster_boards (meeting_id, next_group, runs) "
                              "VALUES (?, ?, ?) ON CONFLICT (meeting_id) DO UPDATE SET "
                              "next_group = excluded.next_group, runs = excluded.runs");
        bind_all(q, b.meeting_id, b.next_group, b.runs);
        q.exec();
    }
    sql::statement group(db_, "INSERT INTO cluster_groups (meeting_id, group_id, position, "
                              "title, keywords, cohesion, renamed, objective_id) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    sql::statement member(db_, std::string("INSERT INTO cluster_members (meeting_id, group_id, "
                                           "contribution_id, position) VALUES (?, ?, ") +
                                   contribution_by_client_id + ", ?)");
    for (std::size_t g = 0; g < b.groups.size(); ++g) {
        auto const& row = b.groups[g];
        group.reset();
        bind_all(group, b.meeting_id, row.id, g, row.title, join_lines(row.keywords), row.cohesion,
                 row.renamed);
        if (row.objective_id.empty())
            group.bind(8);
        else
            group.bind(8, row.objective_id);
        group.exec();
        for (std::size_t m = 0; m < row.members.size(); ++m) {
            member.reset();
            bind_all(member, b.meeting_id, row.id, b.meeting_id, row.members[m], m);
            member.exec();
        }
    }
    sql::statement pin(db_, std::string("INSERT INTO cluster_pins (meeting_id, "
                                        "contribution_id, group_id) VALUES (?, ") +
                                contribution_by_client_id + ", ?)");
    for (auto const& [client_id, group_id] : b.pins) {
        pin.reset();
        bind_all(pin, b.meeting_id, b.meeting_id, client_id, group_id);
        pin.exec();
    }
}

std::optional<board_row> plan_store::board_of(std::int64_t meeting_id) {
    sql::statement head(db_, "SELECT next_group, runs FROM cluster_boards WHERE meeting_id = ?");
    head.bind(1, meeting_id);
    if (!head.executeStep())
        return std::nullopt;
    board_row b;
    b.meeting_id = meeting_id;
    b.next_group = head.getColumn(0).getInt64();
    b.runs = head.getColumn(1).getInt64();
    sql::statement groups(db_, "SELECT group_id, title, keywords, cohesion, renamed, "
                               "COALESCE(objective_id, '') FROM cluster_groups "
                               "WHERE meeting_id = ? ORDER BY position");
    groups.bind(1, meeting_id);
    while (groups.executeStep())
        b.groups.push_back({groups.getColumn(0).getString(),
                            groups.getColumn(1).getString(),
                            split_lines(groups.getColumn(2).getString()),
                            groups.getColumn(3).getDouble(),
                            groups.getColumn(4).getInt() != 0,
                            groups.getColumn(5).getString(),
                            {}});
    sql::statement members(db_, "SELECT m.group_id, c.client_id FROM cluster_members m "
                                "JOIN contributions c ON c.id = m.contribution_id "
                                "WHERE m.meeting_id = ? ORDER BY m.group_id, m.position");
    members.bind(1, meeting_id);
    while (members.executeStep()) {
        auto const gid = members.getColumn(0).getString();
        for (auto& g : b.groups)
            if (g.id == gid)
                g.members.push_back(members.getColumn(1).getString());
    }
    sql::statement pins(db_, "SELECT c.client_id, p.group_id FROM cluster_pins p "
                             "JOIN contributions c ON c.id = p.contribution_id "
                             "WHERE p.meeting_id = ? ORDER BY c.client_id");
    pins.bind(1, meeting_id);
    while (pins.executeStep())
        b.pins.emplace_back(pins.getColumn(0).getString(), pins.getColumn(1).getString());
    return b;
}

void plan_store::create_objective(objective_row const& o) {
    // The objective belongs to the year of its meeting.
    sql::statement q(db_, "INSERT INTO objectives (id, community_id, meeting_id, group_id, "
                          "title, description, status, created_by, created_at, updated_at, "
                          "supports, year) SELECT ?, community_id, id, ?, ?, ?, ?, ?, ?, ?, ?, "
                          "CAST(substr(scheduled_on, 1, 4) AS INTEGER) FROM meetings "
                          "WHERE id = ?");
    bind_all(q, o.id, o.group_id, o.title, o.description, o.status, o.created_by, o.created_at,
             o.created_at, o.supports, o.meeting_id);
    if (q.exec() != 1)
        throw sql::error("objective " + o.id + ": no meeting " + std::to_string(o.meeting_id));
    sql::statement link(db_, std::string("INSERT INTO objective_contributions (objective_id, "
                                         "contribution_id, position, supports) VALUES (?, ") +
                                 contribution_by_client_id + ", ?, ?)");
    for (std::size_t i = 0; i < o.contributions.size(); ++i) {
        auto const known = o.contribution_supports.find(o.contributions[i]);
        std::optional<std::int64_t> const supports =
            known == o.contribution_supports.end() ? std::nullopt
                                                   : std::optional<std::int64_t>(known->second);
        link.reset();
        bind_all(link, o.id, o.meeting_id, o.contributions[i], i, supports);
        link.exec();
    }
}

namespace {

std::vector<objective_row> read_objectives(sql::database& db, sql::statement& q) {
    std::vector<objective_row> out;
    while (q.executeStep()) {
        objective_row o;
        o.id = q.getColumn(0).getString();
        o.community_id = q.getColumn(1).getInt64();
        o.meeting_id = q.getColumn(2).getInt64();
        o.group_id = q.getColumn(3).getString();
        o.title = q.getColumn(4).getString();
        o.description = q.getColumn(5).getString();
        o.status = q.getColumn(6).getString();
        o.created_by = q.getColumn(7).getString();
        o.created_at = q.getColumn(8).getInt64();
        if (!q.getColumn(9).isNull())
            o.supports = q.getColumn(9).getInt64();
        out.push_back(std::move(o));
    }
    sql::statement links(db, "SELECT c.client_id, l.supports FROM objective_contributions l "
                             "JOIN contributions c ON c.id = l.contribution_id "
                             "WHERE l.objective_id = ? ORDER BY l.position");
    for (auto& o : out) {
        links.reset();
        links.bind(1, o.id);
        while (links.executeStep()) {
            auto id = links.getColumn(0).getString();
            if (!links.getColumn(1).isNull())
                o.contribution_supports.emplace(id, links.getColumn(1).getInt64());
            o.contributions.push_back(std::move(id));
        }
    }
    return out;
}

constexpr char const* objective_columns =
    "SELECT o.id, o.community_id, COALESCE(o.meeting_id, 0), o.group_id, o.title, "
    "o.description, o.status, o.created_by, o.created_at, o.supports FROM objectives o ";

} // namespace

std::vector<objective_row> plan_store::objectives_of_meeting(std::int64_t meeting_id) {
    sql::statement q(db_, std::string(objective_columns) +
                              "WHERE o.meeting_id = ? ORDER BY o.created_at, o.id");
    q.bind(1, meeting_id);
    return read_objectives(db_, q);
}

std::vector<objective_row> plan_store::objectives_of_contribution(std::int64_t meeting_id,
                                                                  std::string const& client_id) {
    sql::statement q(db_, std::string(objective_columns) +
                              "JOIN objective_contributions l ON l.objective_id = o.id "
                              "WHERE l.contribution_id = " +
                              contribution_by_client_id + " ORDER BY o.created_at, o.id");
    bind_all(q, meeting_id, client_id);
    return read_objectives(db_, q);
}

} // namespace tavolo::store

namespace tavolo::store {

void plan_store::atomically(std::function<void()> const& work) {
    // Inside a transaction, a savepoint; outside one, a transaction of its
    // own (PostgreSQL has no savepoint outside a transaction, SQLite would
    // open one).
    bool const own = !db_.in_transaction();
    db_.exec(own ? "BEGIN" : "SAVEPOINT atomically");
    try {
        work();
    } catch (...) {
        try {
            if (own)
                db_.exec("ROLLBACK");
            else {
                db_.exec("ROLLBACK TO atomically");
                db_.exec("RELEASE atomically");
            }
        } catch (...) {
            // The first failure is the one worth reporting.
        }
        throw;
    }
    db_.exec(own ? "COMMIT" : "RELEASE atomically");
}

int plan_store::stored_schema_version() {
    return read_schema_version(db_);
}

std::optional<std::int64_t> plan_store::contribution_id(std::int64_t meeting_id,
                                                        std::string const& client_id) {
    sql::statement q(db_, "SELECT id FROM contributions WHERE meeting_id = ? AND client_id = ?");
    bind_all(q, meeting_id, client_id);
    if (!q.executeStep())
        return std::nullopt;
    return q.getColumn(0).getInt64();
}

} // namespace tavolo::store
