// What a coordinator types in the contribution search, as an SQLite FTS5
// query over the contributions' text (indexed with accents removed): every
// word must match, by the prefix its Italian or English stem shares with it
// ("fascicoli" finds "fascicolo" and "fascicolazione", "citta" finds
// "città"). Each word is quoted, so nothing typed is FTS or SQL syntax.
#pragma once

#include <string>
#include <string_view>

namespace tavolo::api {

// "" when nothing searchable remains (no letters or digits).
std::string fts_query(std::string_view typed);

} // namespace tavolo::api
