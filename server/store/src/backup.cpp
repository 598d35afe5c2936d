#include "tavolo/store/backup.hpp"

#include "tavolo/store/schema.hpp"

#include "tavolo/store/sql.hpp"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace tavolo::store {
namespace {

using json = nlohmann::ordered_json;

// Parents before children; each table in primary-key order.
constexpr std::array<char const*, 21> tables{"communities",
                                             "organizations",
                                             "community_people",
                                             "meetings",
                                             "participants",
                                             "contributions",
                                             "contribution_edits",
                                             "supports",
                                             "objectives",
                                             "objective_contributions",
                                             "deliverables",
                                             "working_groups",
                                             "working_group_members",
                                             "cluster_boards",
                                             "cluster_groups",
                                             "cluster_members",
                                             "cluster_pins",
                                             "plans",
                                             "published_files",
                                             "coordinators",
                                             "coordinator_communities"};

// The oldest backup this store imports. Every step since it only added
// columns with a default at the end of their tables (9: a meeting's schedule
// and calendar count, a community's feed token), so such a backup's rows
// come in with the defaults for what it lacks.
constexpr int oldest_importable = 8;

// Whether a backup's `columns` fit a table of this store's `expected` ones:
// all of them, or (from an older version) the first of them, in order.
bool columns_fit(std::vector<std::string> const& columns, std::vector<std::string> const& expected,
                 bool older) {
    if (columns == expected)
        return true;
    return older && !columns.empty() && columns.size() < expected.size() &&
           std::equal(columns.begin(), columns.end(), expected.begin());
}

constexpr char const* base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string const& bytes) {
    auto const* p = reinterpret_cast<unsigned char const*>(bytes.data());
    auto const size = static_cast<int>(bytes.size());
    std::string out;
    for (int i = 0; i < size; i += 3) {
        unsigned v = p[i] << 16;
        if (i + 1 < size)
            v |= p[i + 1] << 8;
        if (i + 2 < size)
            v |= p[i + 2];
        out += base64_alphabet[(v >> 18) & 63];
        out += base64_alphabet[(v >> 12) & 63];
        out += i + 1 < size ? base64_alphabet[(v >> 6) & 63] : '=';
        out += i + 2 < size ? base64_alphabet[v & 63] : '=';
    }
    return out;
}

std::string unbase64(std::string const& s) {
    std::string out;
    unsigned v = 0;
    int bits = 0;
    for (char c : s) {
        if (c == '=')
            break;
        auto const* at = std::char_traits<char>::find(base64_alphabet, 64, c);
        if (!at)
            throw std::runtime_error("a BLOB is not valid base64");
        v = (v << 6) | static_cast<unsigned>(at - base64_alphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((v >> bits) & 0xFF);
        }
    }
    return out;
}

std::string order_of(sql::database& db, std::string const& table) {
    std::string out;
    for (auto const& column : db.primary_key(table))
        out += (out.empty() ? "\"" : ", \"") + column + "\"";
    if (out.empty())
        throw std::logic_error("table " + table + " has no primary key to order its rows by");
    return out;
}

// After rows came in with their own ids, PostgreSQL's identity columns go on
// from the largest (SQLite's INTEGER PRIMARY KEY does so by itself).
void continue_identities(sql::database& db) {
    sql::statement q(db, "SELECT table_name::text, column_name::text FROM "
                         "information_schema.columns WHERE table_schema = current_schema() "
                         "AND is_identity = 'YES'");
    std::vector<std::pair<std::string, std::string>> identities;
    while (q.executeStep())
        identities.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
    for (auto const& [table, column] : identities)
        db.exec("SELECT setval(pg_get_serial_sequence('\"" + table + "\"', '" + column +
                "'), COALESCE(MAX(\"" + column + "\"), 0) + 1, false) FROM \"" + table + "\"");
}

} // namespace

std::string export_backup(sql::database& db) {
    json doc;
    doc["format"] = "tavolo-backup";
    doc["schema_version"] = read_schema_version(db);
    doc["tables"] = json::array();
    // One read transaction: the backup is one moment of the store.
    sql::transaction tx(db);
    if (db.is_postgresql())
        db.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    for (auto const* table : tables) {
        auto const columns = db.columns(table);
        json rows = json::array();
        sql::statement q(db, std::string("SELECT * FROM \"") + table + "\" ORDER BY " +
                                 order_of(db, table));
        while (q.executeStep()) {
            json row = json::array();
            for (int i = 0; i < q.getColumnCount(); ++i) {
                auto const c = q.getColumn(i);
                if (c.isNull())
                    row.push_back(nullptr);
                else if (c.isInteger())
                    row.push_back(c.getInt64());
                else if (c.isFloat())
                    row.push_back(c.getDouble());
                else if (c.isBlob())
                    row.push_back({{"base64", base64(c.getBlob())}});
                else
                    row.push_back(c.getString());
            }
            rows.push_back(std::move(row));
        }
        doc["tables"].push_back({{"name", table}, {"columns", columns}, {"rows", rows}});
    }
    tx.commit();
    return doc.dump(1) + "\n";
}

void import_backup(sql::database& db, std::string const& document) {
    auto const doc = json::parse(document, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("format", "") != "tavolo-backup" ||
        !doc.contains("tables") || !doc["tables"].is_array())
        throw std::runtime_error("this is not a tavolo backup");
    auto const version = doc.value("schema_version", -1);
    bool const older = version >= oldest_importable && version < read_schema_version(db);
    if (version != read_schema_version(db) && !older)
        throw std::runtime_error("the backup has schema version " + std::to_string(version) +
                                 ", this tavolo " + std::to_string(read_schema_version(db)) +
                                 ": restore it with the tavolo that made it");
    for (auto const* table : tables)
        if (db.execAndGet(std::string("SELECT COUNT(*) FROM \"") + table + "\"").getInt64() > 0)
            throw std::runtime_error(std::string("the store is not empty (table ") + table +
                                     " has rows): restore into a new data directory");
    sql::transaction tx(db);
    for (auto const& t : doc["tables"]) {
        auto const name = t.value("name", "");
        bool known = false;
        for (auto const* table : tables)
            known = known || name == table;
        if (!known)
            throw std::runtime_error("the backup has an unknown table '" + name + "'");
        auto const expected = db.columns(name);
        auto const columns = t.value("columns", std::vector<std::string>{});
        if (!columns_fit(columns, expected, older))
            throw std::runtime_error("table " + name + ": the columns differ from this store's");
        std::string names, values;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            names += (i ? ", \"" : "\"") + columns[i] + "\"";
            values += i ? ", ?" : "?";
        }
        sql::statement q(db,
                         "INSERT INTO \"" + name + "\" (" + names + ") VALUES (" + values + ")");
        std::size_t row_number = 0;
        for (auto const& row : t.value("rows", json::array())) {
            ++row_number;
            if (!row.is_array() || row.size() != columns.size())
                throw std::runtime_error("table " + name + ", row " + std::to_string(row_number) +
                                         ": wrong number of values");
            q.reset();
            q.clearBindings();
            for (std::size_t i = 0; i < row.size(); ++i) {
                auto const& v = row[i];
                auto const at = static_cast<int>(i + 1);
                if (v.is_null())
                    q.bind(at);
                else if (v.is_number_integer())
                    q.bind(at, v.get<std::int64_t>());
                else if (v.is_number())
                    q.bind(at, v.get<double>());
                else if (v.is_string())
                    q.bind(at, v.get<std::string>());
                else if (v.is_object() && v.contains("base64")) {
                    auto const bytes = unbase64(v["base64"].get<std::string>());
                    q.bind(at, bytes.data(), static_cast<int>(bytes.size()));
                } else
                    throw std::runtime_error("table " + name + ", row " +
                                             std::to_string(row_number) + ": a value of no type");
            }
            try {
                q.exec();
            } catch (sql::error const& e) {
                throw std::runtime_error("table " + name + ", row " + std::to_string(row_number) +
                                         ": " + e.what());
            }
        }
    }
    if (db.is_postgresql()) {
        // PostgreSQL checked every reference as the rows came in.
        continue_identities(db);
    } else {
        sql::statement check(db, "PRAGMA foreign_key_check");
        if (check.executeStep())
            throw std::runtime_error("the backup breaks a reference in table " +
                                     check.getColumn(0).getString());
        db.exec("INSERT INTO contributions_fts (contributions_fts) VALUES ('rebuild')");
    }
    tx.commit();
}

} // namespace tavolo::store
