#include "renderers.hpp"

#include "tavolo/core/text_checks.hpp"

#include <set>
#include <string_view>

namespace tavolo::plans::detail {

using json = nlohmann::json;

namespace {

// CSV (RFC 4180: every cell quoted, quotes doubled, line breaks kept inside
// the quotes), and no cell a spreadsheet would take for a formula: one whose
// first character other than spacing is =, +, -, @ (or a tab or line break)
// gets a leading apostrophe.
std::string csv_cell(std::string s) {
    auto const first = s.find_first_not_of(' ');
    if (first != std::string::npos &&
        std::string_view("=+-@\t\r\n").find(s[first]) != std::string_view::npos)
        s.insert(s.begin(), '\'');
    return core::double_quoted(s);
}

csv_dialect const comma{.separator = ',', .preamble = ""};
csv_dialect const excel_italian{.separator = ';', .preamble = "\xEF\xBB\xBF"};

} // namespace

csv_dialect const& csv_dialect_of(export_format format) {
    return format == export_format::csv_excel_it ? excel_italian : comma;
}

std::string csv_row(std::vector<std::string> const& cells, csv_dialect const& dialect) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            out += dialect.separator;
        out += csv_cell(cells[i]);
    }
    return out + "\r\n";
}

void csv_objectives(std::ostringstream& out, json const& doc, labels const& l,
                    csv_dialect const& dialect) {
    for (auto const& o : doc["objectives"]) {
        std::string contributions, bodies, supports;
        std::set<std::string> seen;
        for (auto const& c : o["contributions"]) {
            if (!contributions.empty()) {
                contributions += " | ";
                supports += " | ";
            }
            contributions += kind_label(l, c["kind"]) + ": " + c["text"].get<std::string>();
            supports += supports_text(c); // in the order of the contributions
            auto const body = c["body"].get<std::string>();
            if (!body.empty() && seen.insert(body).second)
                bodies += (bodies.empty() ? "" : "; ") + body;
        }
        auto const& g = o["working_group"];
        out << csv_row({doc["community"]["name"],
                        std::to_string(doc["year"].get<int>()),
                        std::to_string(doc["version"].get<int>()),
                        plan_status_label(l, doc["status"]),
                        o["title"],
                        o["description"],
                        o["deliverable"]["description"],
                        o["deliverable"]["due_month"],
                        deliverable_status_label(l, o["deliverable"]["status"]),
                        o["deliverable"]["link"],
                        o["start_month"],
                        o["end_month"],
                        joined(o["owners"], "; "),
                        o["needs_working_group"] ? l.yes : l.no,
                        g.is_null() ? "" : group_status_label(l, g["status"]),
                        g.is_null() ? "" : g["start_date"].get<std::string>(),
                        g.is_null() ? "" : joined(g["bodies"], "; "),
                        g.is_null() ? "" : std::to_string(g["members"].get<int>()),
                        contributions,
                        bodies,
                        supports_text(o),
                        supports},
                       dialect);
    }
}

} // namespace tavolo::plans::detail
