// The pieces of each export format (CSV, Markdown, HTML) that render_plan
// and render_system_plan put together. Internal to tavolo::plans; each
// escapes the plan's texts for its format.
#pragma once

#include "labels.hpp"

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace tavolo::plans::detail {

// How a CSV export is written: RFC 4180's "," (AgID's open-data rules), or
// the "Excel (Italia)" variant's ";" after a UTF-8 byte order mark. Both end
// records with CRLF and quote every cell; no column holds decimals (supports
// and members are whole numbers, dates are ISO 8601), so neither needs a
// decimal separator.
struct csv_dialect {
    char separator;
    std::string_view preamble; // before the header row
};
csv_dialect const& csv_dialect_of(export_format format);
// Both variants say their header row (RFC 4180's `header` parameter).
inline constexpr char const* csv_content_type = "text/csv; charset=utf-8; header=present";

// CSV (RFC 4180): one row; no cell a spreadsheet would take for a formula.
std::string csv_row(std::vector<std::string> const& cells, csv_dialect const& dialect);
// One row per objective of the plan document `doc`, its codes (statuses,
// kinds, yes/no) in the words of `l`.
void csv_objectives(std::ostringstream& out, nlohmann::json const& doc, labels const& l,
                    csv_dialect const& dialect);

// A plan under a heading of `heading` ("#" or "##"); its objectives one level down.
void markdown_plan(std::ostringstream& out, nlohmann::json const& doc, std::string const& heading,
                   labels const& l);
// The system plan's title and figures.
void markdown_figures(std::ostringstream& out, int year, nlohmann::json const& figures,
                      labels const& l);

std::string html_escape(std::string const& s);
// A plan as a <section> under an `h` ("h1" or "h2") heading.
void html_plan(std::ostringstream& out, nlohmann::json const& doc, char const* h, labels const& l);
// The system plan's title and figures (a table).
void html_figures(std::ostringstream& out, int year, nlohmann::json const& figures,
                  labels const& l);
// A whole printable page around `body`, with the site's footer after it.
std::string html_page(std::string const& title, std::string const& body, labels const& l,
                      page_footer const& footer);
// The site's footer (html_footer.cpp): the body's name, the accessibility
// statement and the feedback address, in the page's language; "" when none
// is set.
std::string html_footer(page_footer const& footer, std::string_view html_lang);

} // namespace tavolo::plans::detail
