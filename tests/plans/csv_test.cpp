// The CSV exports as AgID's open-data rules and an Italian spreadsheet want
// them: RFC 4180 with ",", CRLF, UTF-8, one header row and its media type
// saying so; the "Excel (Italia)" variant with ";" after a byte order mark;
// statuses, kinds and yes/no in the export's language, never as codes.
#include "support/csv_rows.hpp"
#include "tavolo/plans/plan_document.hpp"

#include <catch2/catch.hpp>

using namespace tavolo;
using nlohmann::json;

namespace {

std::string const bom = "\xEF\xBB\xBF";

json sample() {
    plans::objective_record a;
    a.id = "obj-1";
    a.year = 2027;
    a.status = "approved";
    a.title = "Città più accessibili; per tutti";
    a.description = "Prima riga, con \"virgolette\"\nseconda riga";
    a.needs_working_group = true;
    a.deliverable.description = "Linee guida";
    a.deliverable.status = "in_progress";
    a.working_group =
        plans::working_group_row{"composed", "", {{"Anna", "Comune di Lecce", "", true, 1}}};
    a.contributions = {
        {1, 1, "c1", "need", "Serve un'università aperta", "Dario", "Comune di Bari", false, 2}};
    plans::objective_record b = a;
    b.id = "obj-2";
    b.title = "Senza gruppo";
    b.needs_working_group = false;
    b.working_group.reset();
    b.deliverable.status = "planned";
    plans::plan_header h;
    h.community = {1, "ct-dati", "Comunità Dati", ""};
    h.year = 2027;
    h.version = 1;
    h.status = "published";
    return plans::plan_document(h, {a, b});
}

std::string cell(std::vector<std::vector<std::string>> const& rows, std::size_t row,
                 std::string const& column) {
    for (std::size_t i = 0; i < rows[0].size(); ++i)
        if (rows[0][i] == column)
            return rows.at(row).at(i);
    FAIL("no column " << column);
    return "";
}

} // namespace

TEST_CASE("the CSV export is RFC 4180 with commas, one header row, no BOM", "[plans][csv]") {
    auto const r = plans::render_plan(sample(), plans::export_format::csv);
    CHECK(r.content_type == "text/csv; charset=utf-8; header=present");
    CHECK(r.file_extension == "csv");
    CHECK(r.body.rfind("\"comunita\",\"anno\",", 0) == 0); // no byte order mark
    auto const rows = test::csv_rows(r.body, ',');
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].size() == rows[0].size());
    // A separator of the other variant, quotes and a line break stay inside their cell.
    CHECK(cell(rows, 1, "obiettivo") == "Città più accessibili; per tutti");
    CHECK(cell(rows, 1, "descrizione") == "Prima riga, con \"virgolette\"\nseconda riga");
    CHECK(r.body.find("\"Prima riga, con \"\"virgolette\"\"\nseconda riga\"") != std::string::npos);
    // Every record ends CRLF, and no bare LF ends one.
    CHECK(r.body.substr(r.body.size() - 2) == "\r\n");
}

TEST_CASE("the Excel (Italia) CSV: a BOM, semicolons, the same cells", "[plans][csv]") {
    CHECK(plans::export_format_from("csv-excel-it") == plans::export_format::csv_excel_it);
    auto const plain = plans::render_plan(sample(), plans::export_format::csv);
    auto const excel = plans::render_plan(sample(), plans::export_format::csv_excel_it);
    CHECK(excel.content_type == "text/csv; charset=utf-8; header=present");
    CHECK(excel.file_extension == "csv");
    REQUIRE(excel.body.rfind(bom + "\"comunita\";\"anno\";", 0) == 0);
    CHECK(excel.body.find(bom, 1) == std::string::npos); // once, at the start
    auto const rows = test::csv_rows(excel.body.substr(bom.size()), ';');
    CHECK(rows == test::csv_rows(plain.body, ','));
    CHECK(cell(rows, 1, "obiettivo") == "Città più accessibili; per tutti");

    json system{
        {"year", 2027}, {"figures", plans::plan_figures({sample()})}, {"plans", {sample()}}};
    auto const sys = plans::render_system_plan(system, plans::export_format::csv_excel_it);
    CHECK(sys.body.rfind(bom + "\"comunita\";", 0) == 0);
    CHECK(test::csv_rows(sys.body.substr(bom.size()), ';').size() == 3);
    CHECK(plans::render_system_plan(system, plans::export_format::csv)
              .body.rfind("\"comunita\",", 0) == 0);
}

TEST_CASE("the CSV writes statuses, kinds and yes/no in its language", "[plans][csv]") {
    for (auto format : {plans::export_format::csv, plans::export_format::csv_excel_it}) {
        auto const separator = format == plans::export_format::csv ? ',' : ';';
        auto const skip = format == plans::export_format::csv ? 0 : bom.size();
        auto const it =
            test::csv_rows(plans::render_plan(sample(), format).body.substr(skip), separator);
        CHECK(cell(it, 1, "stato_piano") == "pubblicata");
        CHECK(cell(it, 1, "stato_prodotto") == "in corso");
        CHECK(cell(it, 2, "stato_prodotto") == "previsto");
        CHECK(cell(it, 1, "serve_gdl") == "sì");
        CHECK(cell(it, 2, "serve_gdl") == "no");
        CHECK(cell(it, 1, "stato_gdl") == "composto");
        CHECK(cell(it, 1, "contributi") == "Esigenza: Serve un'università aperta");

        auto const en = test::csv_rows(
            plans::render_plan(sample(), format, plans::export_language::en).body.substr(skip),
            separator);
        CHECK(cell(en, 1, "plan_status") == "published");
        CHECK(cell(en, 1, "deliverable_status") == "in progress");
        CHECK(cell(en, 1, "needs_working_group") == "yes");
        CHECK(cell(en, 2, "needs_working_group") == "no");
        CHECK(cell(en, 1, "working_group_status") == "composed");
        CHECK(cell(en, 1, "contributions") == "Need: Serve un'università aperta");
    }
}
