// A complete backup of the store as one JSON document, and its restore into
// an empty store: every table's rows, column by column (BLOBs in base64),
// in an order that satisfies the foreign keys. Exporting a restored store
// gives the same document byte for byte. Sign-in sessions are left out
// (they are short-lived; coordinators sign in again); the search index is
// rebuilt from the contributions.
#pragma once

#include "tavolo/store/sql.hpp"

#include <string>

namespace tavolo::store {

// The document: {"format":"tavolo-backup","schema_version":N,"tables":[
//   {"name":...,"columns":[...],"rows":[[...],...]}, ...]}
std::string export_backup(sql::database& db);

// Restores `document` into `db`, which must be at the same schema version
// and hold no data; all or nothing. Throws std::runtime_error saying what is
// wrong (not a backup, another schema version, a store with data, a row the
// store refuses).
void import_backup(sql::database& db, std::string const& document);

} // namespace tavolo::store
