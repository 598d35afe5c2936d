#include "tavolo/store/plans.hpp"

#include "bind.hpp"

#include "tavolo/plans/quotes.hpp"
#include "tavolo/store/database.hpp"

#include "tavolo/store/sql.hpp"
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>

namespace tavolo::store {
namespace {

// A contribution that may not be published or linked anew: hidden by a
// facilitator, withdrawn by its author, or by someone the facilitator
// removed from the meeting. `k` is the contribution, `p` its author.
constexpr char const* unavailable_sql =
    "(k.status IN ('hidden', 'withdrawn') OR COALESCE(p.removed, 0) = 1)";

constexpr char const* objective_select =
    "SELECT o.id, o.community_id, c.slug, COALESCE(o.meeting_id, 0), o.year, o.title, "
    "o.description, o.status, o.needs_working_group, o.start_month, o.end_month, o.owners, "
    "o.created_by, o.created_at, o.updated_at, o.supports FROM objectives o "
    "JOIN communities c ON c.id = o.community_id ";

std::optional<std::int64_t> optional_number(sql::column const& c) {
    if (c.isNull())
        return std::nullopt;
    return c.getInt64();
}

objective_record read_objective(sql::statement& q) {
    objective_record o;
    o.id = q.getColumn(0).getString();
    o.community_id = q.getColumn(1).getInt64();
    o.community_slug = q.getColumn(2).getString();
    o.meeting_id = q.getColumn(3).getInt64();
    o.year = q.getColumn(4).getInt64();
    o.title = q.getColumn(5).getString();
    o.description = q.getColumn(6).getString();
    o.status = q.getColumn(7).getString();
    o.needs_working_group = q.getColumn(8).getInt() != 0;
    o.start_month = q.getColumn(9).getString();
    o.end_month = q.getColumn(10).getString();
    auto const owners = nlohmann::json::parse(q.getColumn(11).getString(), nullptr, false);
    if (owners.is_array())
        for (auto const& x : owners)
            if (x.is_string())
                o.owners.push_back(x.get<std::string>());
    o.created_by = q.getColumn(12).getString();
    o.created_at = q.getColumn(13).getInt64();
    o.updated_at = q.getColumn(14).getInt64();
    o.supports = optional_number(q.getColumn(15));
    return o;
}

// The search as PostgreSQL reads it: the FTS5 query that search_query.cpp
// builds ("a"* AND ("b"* OR "c"*)) as a tsquery ('a':* & ('b':* | 'c':*)),
// which PostgreSQL's Italian configuration stems as it stemmed the texts
// (Snowball's, as tavolo's own analysis), so "citta" finds "città" and
// "fascicoli" finds "fascicolo".
std::string tsquery_of(std::string const& fts) {
    std::string out;
    for (std::size_t i = 0; i < fts.size();) {
        if (fts[i] == '"') {
            auto const end = fts.find('"', i + 1);
            std::string word = fts.substr(i + 1, end - i - 1);
            out += '\'';
            for (char c : word)
                out += c == '\''   ? std::string("''")
                       : c == '\\' ? std::string("\\\\")
                                   : std::string(1, c);
            out += '\'';
            i = end == std::string::npos ? fts.size() : end + 1;
            if (i < fts.size() && fts[i] == '*') {
                out += ":*";
                ++i;
            }
        } else if (fts.compare(i, 5, " AND ") == 0) {
            out += " & ";
            i += 5;
        } else if (fts.compare(i, 4, " OR ") == 0) {
            out += " | ";
            i += 4;
        } else
            out += fts[i++];
    }
    return out;
}

} // namespace

void plans::fill(objective_record& o) {
    sql::statement d(db_, "SELECT description, due_month, status, link, file_name, file_type, "
                          "file_data IS NOT NULL FROM deliverables WHERE objective_id = ?");
    d.bind(1, o.id);
    if (d.executeStep())
        o.deliverable = {d.getColumn(0).getString(),  d.getColumn(1).getString(),
                         d.getColumn(2).getString(),  d.getColumn(3).getString(),
                         d.getColumn(4).getString(),  d.getColumn(5).getString(),
                         d.getColumn(6).getInt() != 0};
    sql::statement g(db_, "SELECT status, start_date FROM working_groups WHERE objective_id = ?");
    g.bind(1, o.id);
    if (g.executeStep()) {
        working_group_row w;
        w.status = g.getColumn(0).getString();
        w.start_date = g.getColumn(1).getString();
        sql::statement m(db_, "SELECT name, organization, participant_id, confirmed, joined_at "
                              "FROM working_group_members WHERE objective_id = ? "
                              "ORDER BY joined_at, name");
        m.bind(1, o.id);
        while (m.executeStep())
            w.members.push_back({m.getColumn(0).getString(), m.getColumn(1).getString(),
                                 m.getColumn(2).getString(), m.getColumn(3).getInt() != 0,
                                 m.getColumn(4).getInt64()});
        o.working_group = std::move(w);
    }
    // A link to a contribution that became unavailable stays in the table (a
    // restored one comes back) but is never read: no plan shows it.
    sql::statement c(db_,
                     std::string("SELECT k.id, k.meeting_id, k.client_id, k.kind, k.text, "
                                 "COALESCE(p.name, ''), COALESCE(p.organization, ''), m.anonymous, "
                                 "l.supports FROM objective_contributions l ") +
                         "JOIN contributions k ON k.id = l.contribution_id "
                         "JOIN meetings m ON m.id = k.meeting_id "
                         "LEFT JOIN participants p ON p.id = k.participant_id "
                         "WHERE l.objective_id = ? AND NOT " +
                         std::string(unavailable_sql) + " ORDER BY l.position");
    c.bind(1, o.id);
    while (c.executeStep())
        o.contributions.push_back({c.getColumn(0).getInt64(), c.getColumn(1).getInt64(),
                                   c.getColumn(2).getString(), c.getColumn(3).getString(),
                                   c.getColumn(4).getString(), c.getColumn(5).getString(),
                                   c.getColumn(6).getString(), c.getColumn(7).getInt() != 0,
                                   optional_number(c.getColumn(8))});
    if (o.description.empty())
        return;
    sql::statement u(db_, std::string("SELECT k.id, k.text FROM contributions k "
                                      "JOIN meetings m ON m.id = k.meeting_id "
                                      "LEFT JOIN participants p ON p.id = k.participant_id "
                                      "WHERE m.community_id = ? AND ") +
                              unavailable_sql + " ORDER BY k.id");
    u.bind(1, o.community_id);
    while (u.executeStep())
        if (tavolo::plans::quotes(o.description, u.getColumn(1).getString()))
            o.quotes_unavailable.push_back(u.getColumn(0).getInt64());
}

bool plans::contribution_available(std::int64_t contribution_id) {
    sql::statement q(db_, std::string("SELECT NOT ") + unavailable_sql +
                              " FROM contributions k LEFT JOIN participants p "
                              "ON p.id = k.participant_id WHERE k.id = ?");
    q.bind(1, contribution_id);
    return q.executeStep() && q.getColumn(0).getInt() != 0;
}

std::vector<objective_record> plans::objectives(std::int64_t community_id,
                                                std::optional<std::int64_t> year) {
    sql::statement q(db_, std::string(objective_select) +
                              "WHERE o.community_id = ? AND (? = 1 OR o.year = ?) "
                              "ORDER BY o.created_at, o.id");
    bind_all(q, community_id, year ? 0 : 1, year.value_or(0));
    std::vector<objective_record> out;
    while (q.executeStep())
        out.push_back(read_objective(q));
    for (auto& o : out)
        fill(o);
    return out;
}

void plans::join_working_group(std::string const& objective_id, member_row const& member) {
    sql::statement g(db_, "INSERT OR IGNORE INTO working_groups (objective_id) VALUES (?)");
    g.bind(1, objective_id);
    g.exec();
    sql::statement m(db_, "INSERT OR IGNORE INTO working_group_members (objective_id, name, "
                          "organization, participant_id, confirmed, joined_at) "
                          "VALUES (?, ?, ?, ?, ?, ?)");
    bind_all(m, objective_id, member.name, member.organization, member.participant_id,
             member.confirmed ? 1 : 0, member.joined_at);
    m.exec();
}

void plans::leave_working_group(std::string const& objective_id, std::string const& name,
                                std::string const& organization) {
    sql::statement m(db_, "DELETE FROM working_group_members WHERE objective_id = ? AND "
                          "name = ? AND organization = ?");
    bind_all(m, objective_id, name, organization);
    m.exec();
}

void plans::set_working_group_status(std::string const& objective_id, std::string const& status,
                                     std::string const& start_date) {
    sql::statement g(db_, "INSERT INTO working_groups (objective_id, status, start_date) "
                          "VALUES (?, ?, ?) ON CONFLICT (objective_id) DO UPDATE SET "
                          "status = excluded.status, start_date = excluded.start_date");
    bind_all(g, objective_id, status, status == "enabled" ? start_date : std::string());
    g.exec();
    sql::statement m(db_, "UPDATE working_group_members SET confirmed = ? WHERE objective_id = ?");
    bind_all(m, status == "forming" ? 0 : 1, objective_id);
    m.exec();
}

std::vector<objective_record> plans::followup_plan(std::int64_t meeting_id) {
    sql::statement q(db_, "SELECT community_id, kind, CAST(substr(scheduled_on, 1, 4) AS "
                          "INTEGER) FROM meetings WHERE id = ?");
    q.bind(1, meeting_id);
    if (!q.executeStep() || q.getColumn(1).getString() != "followup")
        return {};
    auto all = objectives(q.getColumn(0).getInt64(), q.getColumn(2).getInt64());
    std::erase_if(all, [](objective_record const& o) { return o.status != "approved"; });
    return all;
}

std::optional<objective_record> plans::objective(std::string const& id) {
    sql::statement q(db_, std::string(objective_select) + "WHERE o.id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        return std::nullopt;
    auto o = read_objective(q);
    fill(o);
    return o;
}

void plans::save_objective(objective_record const& o) {
    auto const owners = nlohmann::json(o.owners).dump();
    auto const now = now_ms();
    sql::statement q(
        db_, "INSERT INTO objectives (id, community_id, meeting_id, title, description, status, "
             "created_by, created_at, year, needs_working_group, start_month, end_month, owners, "
             "updated_at) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
             "ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
             "description = excluded.description, status = excluded.status, "
             "year = excluded.year, needs_working_group = excluded.needs_working_group, "
             "start_month = excluded.start_month, end_month = excluded.end_month, "
             "owners = excluded.owners, updated_at = excluded.updated_at");
    bind_all(q, o.id, o.community_id, o.meeting_id, o.title, o.description, o.status, o.created_by,
             o.created_at ? o.created_at : now, o.year, o.needs_working_group ? 1 : 0,
             o.start_month, o.end_month, owners, o.updated_at ? o.updated_at : now);
    q.exec();

    auto const& d = o.deliverable;
    sql::statement dq(
        db_, "INSERT INTO deliverables (objective_id, description, due_month, status, link, "
             "file_name, file_type) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (objective_id) DO "
             "UPDATE SET description = excluded.description, due_month = excluded.due_month, "
             "status = excluded.status, link = excluded.link, file_name = excluded.file_name, "
             "file_type = excluded.file_type");
    bind_all(dq, o.id, d.description, d.due_month, d.status, d.link, d.file_name, d.file_type);
    dq.exec();

    sql::statement clear_members(db_, "DELETE FROM working_group_members WHERE objective_id = ?");
    clear_members.bind(1, o.id);
    clear_members.exec();
    if (!o.working_group) {
        sql::statement drop(db_, "DELETE FROM working_groups WHERE objective_id = ?");
        drop.bind(1, o.id);
        drop.exec();
        return;
    }
    auto const& w = *o.working_group;
    sql::statement gq(db_, "INSERT INTO working_groups (objective_id, status, start_date) "
                           "VALUES (?, ?, ?) ON CONFLICT (objective_id) DO UPDATE SET "
                           "status = excluded.status, start_date = excluded.start_date");
    bind_all(gq, o.id, w.status, w.start_date);
    gq.exec();
    sql::statement mq(db_, "INSERT INTO working_group_members (objective_id, name, organization, "
                           "participant_id, confirmed, joined_at) VALUES (?, ?, ?, ?, ?, ?)");
    for (auto const& m : w.members) {
        mq.reset();
        bind_all(mq, o.id, m.name, m.organization, m.participant_id, m.confirmed ? 1 : 0,
                 m.joined_at ? m.joined_at : now);
        mq.exec();
    }
}

bool plans::link(std::string const& objective_id, std::int64_t contribution_id) {
    sql::statement q(db_, "INSERT OR IGNORE INTO objective_contributions (objective_id, "
                          "contribution_id, position) SELECT ?, ?, COALESCE(MAX(position), -1) "
                          "+ 1 FROM objective_contributions WHERE objective_id = ?");
    bind_all(q, objective_id, contribution_id, objective_id);
    return q.exec() == 1;
}

bool plans::unlink(std::string const& objective_id, std::int64_t contribution_id) {
    sql::statement q(db_, "DELETE FROM objective_contributions WHERE objective_id = ? AND "
                          "contribution_id = ?");
    bind_all(q, objective_id, contribution_id);
    return q.exec() == 1;
}

year_summary plans::summarise(std::int64_t year) {
    year_summary s;
    s.year = year;
    sql::statement q(db_, "SELECT COUNT(DISTINCT community_id), COUNT(*), "
                          "COALESCE(SUM(needs_working_group), 0) FROM objectives "
                          "WHERE year = ? AND status = 'approved'");
    q.bind(1, year);
    if (q.executeStep()) {
        s.communities = q.getColumn(0).getInt64();
        s.objectives = q.getColumn(1).getInt64();
        s.need_working_group = q.getColumn(2).getInt64();
    }
    sql::statement g(db_, "SELECT substr(g.start_date, 1, 7) AS month, COUNT(*) "
                          "FROM working_groups g JOIN objectives o ON o.id = g.objective_id "
                          "WHERE o.year = ? AND o.status = 'approved' AND g.status = 'enabled' "
                          "AND o.needs_working_group = 1 GROUP BY month ORDER BY month");
    g.bind(1, year);
    while (g.executeStep())
        s.working_groups_enabled_by_month[g.getColumn(0).getString()] = g.getColumn(1).getInt64();
    return s;
}

contribution_page plans::search_contributions(contribution_filter const& f) {
    std::string where = " WHERE 1 = 1";
    std::vector<std::function<void(sql::statement&, int&)>> binds;
    auto add = [&](std::string clause, auto value) {
        where += " AND " + std::move(clause);
        binds.push_back([value](sql::statement& q, int& i) { q.bind(++i, value); });
    };
    if (f.community_id)
        add("m.community_id = ?", *f.community_id);
    if (f.meeting_id)
        add("k.meeting_id = ?", *f.meeting_id);
    if (f.organization)
        add("p.organization = ?", *f.organization);
    if (f.kind)
        add("k.kind = ?", *f.kind);
    if (f.status)
        add("k.status = ?", *f.status);
    if (!f.fts_query.empty() && db_.is_postgresql())
        add("to_tsvector('italian'::regconfig, k.text) @@ to_tsquery('italian', ?)",
            tsquery_of(f.fts_query));
    else if (!f.fts_query.empty())
        add("k.id IN (SELECT rowid FROM contributions_fts WHERE contributions_fts MATCH ?)",
            f.fts_query);
    std::string const from = " FROM contributions k JOIN meetings m ON m.id = k.meeting_id "
                             "JOIN communities c ON c.id = m.community_id "
                             "LEFT JOIN participants p ON p.id = k.participant_id";
    contribution_page page;
    {
        sql::statement q(db_, "SELECT COUNT(*)" + from + where);
        int i = 0;
        for (auto const& b : binds)
            b(q, i);
        if (q.executeStep())
            page.total = q.getColumn(0).getInt64();
    }
    std::string const meeting_order = "m.scheduled_on DESC, k.meeting_id DESC, k.seq";
    sql::statement q(
        db_, "SELECT k.id, k.meeting_id, k.client_id, k.kind, k.text, "
             "COALESCE(p.name, ''), COALESCE(p.organization, ''), m.anonymous, "
             "k.status, k.created_at, m.title, m.scheduled_on, c.slug, "
             "(SELECT COALESCE(SUM(s.count), 0) FROM supports s WHERE s.meeting_id = k.meeting_id "
             "AND s.client_id = k.client_id) AS total_supports" +
                 from + where + " ORDER BY " +
                 (f.order == contribution_order::by_supports ? "total_supports DESC, " : "") +
                 meeting_order + " LIMIT ? OFFSET ?");
    int i = 0;
    for (auto const& b : binds)
        b(q, i);
    q.bind(++i, f.limit);
    q.bind(++i, f.offset);
    while (q.executeStep()) {
        contribution_hit h;
        h.contribution = {
            q.getColumn(0).getInt64(),  q.getColumn(1).getInt64(),    q.getColumn(2).getString(),
            q.getColumn(3).getString(), q.getColumn(4).getString(),   q.getColumn(5).getString(),
            q.getColumn(6).getString(), q.getColumn(7).getInt() != 0, std::nullopt};
        h.status = q.getColumn(8).getString();
        h.created_at = q.getColumn(9).getInt64();
        h.meeting_title = q.getColumn(10).getString();
        h.meeting_date = q.getColumn(11).getString();
        h.community_slug = q.getColumn(12).getString();
        h.supports = q.getColumn(13).getInt64();
        page.hits.push_back(std::move(h));
    }
    sql::statement o(db_, "SELECT o.id, o.title FROM objective_contributions l "
                          "JOIN objectives o ON o.id = l.objective_id "
                          "WHERE l.contribution_id = ? ORDER BY o.created_at, o.id");
    for (auto& h : page.hits) {
        o.reset();
        o.bind(1, h.contribution.id);
        while (o.executeStep())
            h.objectives.emplace_back(o.getColumn(0).getString(), o.getColumn(1).getString());
    }
    return page;
}

std::vector<person_row> plans::community_people(std::int64_t community_id) {
    sql::statement q(db_, "SELECT name, organization, role FROM community_people "
                          "WHERE community_id = ? ORDER BY role, name");
    q.bind(1, community_id);
    std::vector<person_row> out;
    while (q.executeStep())
        out.push_back(
            {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()});
    return out;
}

void plans::set_community_people(std::int64_t community_id, std::vector<person_row> const& people) {
    sql::statement clear(db_, "DELETE FROM community_people WHERE community_id = ?");
    clear.bind(1, community_id);
    clear.exec();
    sql::statement q(db_, "INSERT INTO community_people (community_id, name, organization, "
                          "role) VALUES (?, ?, ?, ?)");
    for (auto const& p : people) {
        q.reset();
        bind_all(q, community_id, p.name, p.organization, p.role);
        q.exec();
    }
}

void plans::set_deliverable_file(std::string const& objective_id, std::string const& name,
                                 std::string const& type, std::string const& bytes) {
    sql::statement q(db_, "UPDATE deliverables SET file_name = ?, file_type = ?, file_data = ? "
                          "WHERE objective_id = ?");
    bind_all(q, name, name.empty() ? std::string() : type);
    if (name.empty())
        q.bind(3);
    else
        q.bind(3, bytes.data(), static_cast<int>(bytes.size()));
    q.bind(4, objective_id);
    if (q.exec() != 1)
        throw sql::error("no deliverable for objective " + objective_id);
}

std::optional<plans::file> plans::deliverable_file(std::string const& objective_id) {
    sql::statement q(db_, "SELECT file_name, file_type, file_data FROM deliverables "
                          "WHERE objective_id = ? AND file_data IS NOT NULL");
    q.bind(1, objective_id);
    if (!q.executeStep())
        return std::nullopt;
    auto const data = q.getColumn(2);
    return file{q.getColumn(0).getString(), q.getColumn(1).getString(), data.getBlob()};
}

bool plans::in_published_plan(std::string const& objective_id) {
    sql::statement q(db_, "SELECT p.snapshot FROM plans p JOIN objectives o "
                          "ON o.community_id = p.community_id AND o.year = p.year "
                          "WHERE o.id = ? AND p.status = 'published'");
    q.bind(1, objective_id);
    auto const needle = "\"id\":\"" + objective_id + "\"";
    while (q.executeStep())
        if (q.getColumn(0).getString().find(needle) != std::string::npos)
            return true;
    return false;
}

std::optional<plans::file> plans::published_file(std::string const& objective_id) {
    // The newest published version that holds the objective decides: its
    // file, or none when it was published without one.
    sql::statement q(db_, "SELECT f.name, f.type, f.data FROM plans p JOIN objectives o "
                          "ON o.community_id = p.community_id AND o.year = p.year "
                          "LEFT JOIN published_files f ON f.plan_id = p.id "
                          "AND f.objective_id = o.id WHERE o.id = ? AND "
                          "p.status = 'published' AND "
                          "instr(p.snapshot, '\"id\":\"' || o.id || '\"') > 0 "
                          "ORDER BY p.version DESC LIMIT 1");
    q.bind(1, objective_id);
    if (!q.executeStep() || q.getColumn(2).isNull())
        return std::nullopt;
    auto const data = q.getColumn(2);
    return file{q.getColumn(0).getString(), q.getColumn(1).getString(), data.getBlob()};
}

namespace {

constexpr char const* plan_select = "SELECT id, community_id, year, version, status, snapshot, "
                                    "created_at, shared_at, published_at FROM plans ";

plan_row read_plan(sql::statement& q) {
    return {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),  q.getColumn(2).getInt64(),
            q.getColumn(3).getInt64(), q.getColumn(4).getString(), q.getColumn(5).getString(),
            q.getColumn(6).getInt64(), q.getColumn(7).getInt64(),  q.getColumn(8).getInt64()};
}

} // namespace

std::vector<plan_row> plans::plan_versions(std::int64_t community_id, std::int64_t year) {
    sql::statement q(db_, std::string(plan_select) +
                              "WHERE community_id = ? AND year = ? ORDER BY version DESC");
    bind_all(q, community_id, year);
    std::vector<plan_row> out;
    while (q.executeStep())
        out.push_back(read_plan(q));
    return out;
}

std::vector<plan_row> plans::published_plans() {
    sql::statement q(db_, "SELECT id, community_id, year, version, status, created_at, shared_at, "
                          "published_at FROM plans p WHERE status = 'published' AND version = "
                          "(SELECT MAX(version) FROM plans n WHERE n.community_id = p.community_id "
                          "AND n.year = p.year AND n.status = 'published') "
                          "ORDER BY community_id, year");
    std::vector<plan_row> out;
    while (q.executeStep())
        out.push_back({.id = q.getColumn(0).getInt64(),
                       .community_id = q.getColumn(1).getInt64(),
                       .year = q.getColumn(2).getInt64(),
                       .version = q.getColumn(3).getInt64(),
                       .status = q.getColumn(4).getString(),
                       .snapshot = "",
                       .created_at = q.getColumn(5).getInt64(),
                       .shared_at = q.getColumn(6).getInt64(),
                       .published_at = q.getColumn(7).getInt64()});
    return out;
}

std::optional<plan_row> plans::plan_by_share_hash(std::string const& hash) {
    sql::statement q(db_, std::string(plan_select) + "WHERE share_token_hash = ?");
    q.bind(1, hash);
    if (hash.empty() || !q.executeStep())
        return std::nullopt;
    return read_plan(q);
}

plan_row plans::create_plan(std::int64_t community_id, std::int64_t year) {
    sql::statement q(db_, "INSERT INTO plans (community_id, year, version, created_at) "
                          "SELECT ?, ?, COALESCE(MAX(version), 0) + 1, ? FROM plans "
                          "WHERE community_id = ? AND year = ?");
    bind_all(q, community_id, year, now_ms(), community_id, year);
    q.exec();
    sql::statement r(db_, std::string(plan_select) + "WHERE id = ?");
    r.bind(1, db_.getLastInsertRowid());
    r.executeStep();
    return read_plan(r);
}

void plans::share_plan(std::int64_t plan_id, std::string const& share_hash) {
    sql::statement q(db_, "UPDATE plans SET status = 'shared', share_token_hash = ?, "
                          "shared_at = ? WHERE id = ?");
    bind_all(q, share_hash, now_ms(), plan_id);
    if (q.exec() != 1)
        throw sql::error("no plan " + std::to_string(plan_id));
}

void plans::publish_plan(std::int64_t plan_id, std::string const& snapshot,
                         std::int64_t published_at) {
    // The files go with the version as they are now: replacing one later
    // changes the next version only.
    sql::statement files(db_,
                         "INSERT INTO published_files (plan_id, objective_id, name, type, data) "
                         "SELECT p.id, o.id, d.file_name, d.file_type, d.file_data FROM plans p "
                         "JOIN objectives o ON o.community_id = p.community_id AND o.year = p.year "
                         "JOIN deliverables d ON d.objective_id = o.id "
                         "WHERE p.id = ? AND p.status <> 'published' AND d.file_data IS NOT NULL "
                         "AND instr(?, '\"id\":\"' || o.id || '\"') > 0");
    bind_all(files, plan_id, snapshot);
    files.exec();
    sql::statement q(db_, "UPDATE plans SET status = 'published', snapshot = ?, "
                          "published_at = ? WHERE id = ?");
    bind_all(q, snapshot, published_at, plan_id);
    if (q.exec() != 1)
        throw sql::error("no plan " + std::to_string(plan_id));
}

} // namespace tavolo::store

namespace tavolo::store {

void plans::add_organization(std::string const& name) {
    sql::statement q(db_, "INSERT OR IGNORE INTO organizations (name) VALUES (?)");
    q.bind(1, name);
    q.exec();
}

} // namespace tavolo::store
