// A community's plan for a year as one document (JSON), and its exports:
// CSV, Markdown and a printable HTML page. The same document is what a
// published plan keeps as its snapshot, what the read-only link and the
// public page show, and what the system plan's figures are counted from.
//
// Public by nature: contributions carry the body they came from (never a
// person's name, and nothing at all from an anonymous meeting); working
// groups carry their bodies and how many members they have.
//
// Pure functions over values: no store, no network; any thread.
#pragma once

#include "tavolo/plans/records.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tavolo::plans {

struct plan_header {
    community_row community;
    std::int64_t year = 0;
    std::int64_t version = 0; // 0: no plan version yet (the objectives as they stand)
    std::string status = "draft";
    std::int64_t published_at = 0;
};

// The approved objectives of `objectives` (others are left out), in order.
nlohmann::json plan_document(plan_header const& header,
                             std::vector<objective_record> const& objectives);

// Figures of a set of plan documents: {"communities", "objectives",
// "need_working_group", "working_groups_enabled_by_month"}.
nlohmann::json plan_figures(std::vector<nlohmann::json> const& documents);

// Where everyone can open the file attached to a published objective's
// deliverable.
std::string deliverable_file_url(std::string const& objective_id);

// The style sheet inside every HTML export (a <style> element, so the page
// prints the same from disk); whoever serves a page allows exactly this
// sheet, by its hash, in the page's Content-Security-Policy.
std::string_view html_style();

// csv: RFC 4180 with "," (AgID's open-data rules: UTF-8, CRLF, one header
// row); csv_excel_it: the same rows for a spreadsheet set up in Italian
// (Excel's list separator there is ";"): ";" between cells and a UTF-8 byte
// order mark, so it opens in columns with its accents intact.
enum class export_format { json, csv, csv_excel_it, markdown, html };
// "json", "csv", "csv-excel-it", "md" or "html"; nullopt otherwise.
std::optional<export_format> export_format_from(std::string const& name);

// The language of an export's words (the plan's own texts are as written).
enum class export_language { it, en };
// "it" or "en"; nullopt otherwise.
std::optional<export_language> export_language_from(std::string const& name);

// The body that publishes the pages and where people reach it about
// accessibility (config "site"): the footer of every HTML export, as of every
// page of tavolo. Each part empty: left out; all empty: no footer.
struct page_footer {
    std::string body_name;
    std::string accessibility_statement_url; // absolute http(s); anything else is left out
    std::string feedback_email;
};

struct rendered {
    std::string body;
    std::string content_type;
    std::string file_extension;
};
rendered render_plan(nlohmann::json const& document, export_format format,
                     export_language lang = export_language::it, page_footer const& footer = {});
// The system plan: figures and every community's plan, for one year.
rendered render_system_plan(nlohmann::json const& system, export_format format,
                            export_language lang = export_language::it,
                            page_footer const& footer = {});

} // namespace tavolo::plans
