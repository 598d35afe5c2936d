// The pieces of each export format (CSV, Markdown, HTML) that render_plan
// and render_system_plan put together. Internal to tavolo::plans; each
// escapes the plan's texts for its format.
#pragma once

#include "labels.hpp"

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace tavolo::plans::detail {

// CSV (RFC 4180): one row; no cell a spreadsheet would take for a formula.
std::string csv_row(std::vector<std::string> const& cells);
// One row per objective of the plan document `doc`.
void csv_objectives(std::ostringstream& out, nlohmann::json const& doc, labels const& l);

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
// A whole printable page around `body`.
std::string html_page(std::string const& title, std::string const& body, labels const& l);

} // namespace tavolo::plans::detail
