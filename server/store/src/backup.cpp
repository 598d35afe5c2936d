#include "tavolo/store/backup.hpp"

#include "tavolo/store/schema.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

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

constexpr char const* base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(void const* data, int size) {
    auto const* p = static_cast<unsigned char const*>(data);
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

std::vector<std::string> columns_of(SQLite::Database& db, std::string const& table) {
    SQLite::Statement q(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    q.bind(1, table);
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

std::string order_of(SQLite::Database& db, std::string const& table) {
    SQLite::Statement q(db, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk");
    q.bind(1, table);
    std::string out;
    while (q.executeStep())
        out += (out.empty() ? "\"" : ", \"") + q.getColumn(0).getString() + "\"";
    return out.empty() ? "rowid" : out;
}

} // namespace

std::string export_backup(SQLite::Database& db) {
    json doc;
    doc["format"] = "tavolo-backup";
    doc["schema_version"] = read_schema_version(db);
    doc["tables"] = json::array();
    // One read transaction: the backup is one moment of the store.
    SQLite::Transaction tx(db);
    for (auto const* table : tables) {
        auto const columns = columns_of(db, table);
        json rows = json::array();
        SQLite::Statement q(db, std::string("SELECT * FROM \"") + table + "\" ORDER BY " +
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
                    row.push_back({{"base64", base64(c.getBlob(), c.getBytes())}});
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

void import_backup(SQLite::Database& db, std::string const& document) {
    auto const doc = json::parse(document, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("format", "") != "tavolo-backup" ||
        !doc.contains("tables") || !doc["tables"].is_array())
        throw std::runtime_error("this is not a tavolo backup");
    auto const version = doc.value("schema_version", -1);
    if (version != read_schema_version(db))
        throw std::runtime_error("the backup has schema version " + std::to_string(version) +
                                 ", this tavolo " + std::to_string(read_schema_version(db)) +
                                 ": restore it with the tavolo that made it");
    for (auto const* table : tables)
        if (db.execAndGet(std::string("SELECT COUNT(*) FROM \"") + table + "\"").getInt64() > 0)
            throw std::runtime_error(std::string("the store is not empty (table ") + table +
                                     " has rows): restore into a new data directory");
    SQLite::Transaction tx(db);
    for (auto const& t : doc["tables"]) {
        auto const name = t.value("name", "");
        bool known = false;
        for (auto const* table : tables)
            known = known || name == table;
        if (!known)
            throw std::runtime_error("the backup has an unknown table '" + name + "'");
        auto const expected = columns_of(db, name);
        auto const columns = t.value("columns", std::vector<std::string>{});
        if (columns != expected)
            throw std::runtime_error("table " + name + ": the columns differ from this store's");
        std::string sql = "INSERT INTO \"" + name + "\" VALUES (";
        for (std::size_t i = 0; i < columns.size(); ++i)
            sql += i ? ", ?" : "?";
        SQLite::Statement q(db, sql + ")");
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
            } catch (SQLite::Exception const& e) {
                throw std::runtime_error("table " + name + ", row " + std::to_string(row_number) +
                                         ": " + e.what());
            }
        }
    }
    SQLite::Statement check(db, "PRAGMA foreign_key_check");
    if (check.executeStep())
        throw std::runtime_error("the backup breaks a reference in table " +
                                 check.getColumn(0).getString());
    db.exec("INSERT INTO contributions_fts (contributions_fts) VALUES ('rebuild')");
    tx.commit();
}

} // namespace tavolo::store
