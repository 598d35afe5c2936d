#include "search_query.hpp"

#include <catch2/catch.hpp>

using tavolo::api::fts_query;

TEST_CASE("typed words become quoted stem prefixes, all required", "[api][search]") {
    CHECK(fts_query("fascicoli") == R"("fascicol"*)");
    CHECK(fts_query("Qualità") == R"("qualit"*)");
    // The shorter of the Italian and English stems' prefixes.
    CHECK(fts_query("studies") == R"("studi"*)");
    // Every word must match; stop words are left out, repeats too.
    CHECK(fts_query("la cartella sociale, la CARTELLA") == R"("cartell"* AND "social"*)");
    // Only stop words: they are searched as they are.
    CHECK(fts_query("il") == R"("il"*)");
    CHECK(fts_query("") == "");
    CHECK(fts_query("?!. ,") == "");
    // Nothing typed is FTS or SQL syntax: words are quoted, marks drop out.
    CHECK(fts_query(R"(dati" OR 1=1; DROP TABLE contributions; --)") ==
          R"("dat"* AND "or"* AND "drop"* AND "tabl"* AND "contribut"*)");
}
