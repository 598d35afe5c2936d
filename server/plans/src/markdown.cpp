#include "renderers.hpp"

#include "tavolo/plans/text_blocks.hpp"

#include <string_view>

namespace tavolo::plans::detail {

using json = nlohmann::json;

namespace {

// Markdown: text stays text (no HTML, links, emphasis or headings made
// from it); one line.
std::string md_escape(std::string const& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char const c = s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
        if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos ||
            (i == 0 && std::string_view("-+=").find(c) != std::string_view::npos))
            out += '\\';
        out += c;
    }
    return out;
}

// An objective's text: each paragraph on one line, its bullet lines as
// list items; a blank line before and after each block. A list that ends the
// text is closed with an empty comment, as CommonMark advises: else the
// objective's facts ("- **Prodotto:** …") would continue it.
void markdown_text(std::ostringstream& out, std::string const& text) {
    auto const blocks = text_blocks(text);
    for (auto const& b : blocks) {
        std::string paragraph;
        for (auto const& line : b.lines)
            if (b.list)
                out << "- " << md_escape(line) << "\n";
            else
                paragraph += (paragraph.empty() ? "" : " ") + line;
        if (!b.list)
            out << md_escape(paragraph) << "\n";
        out << "\n";
    }
    if (!blocks.empty() && blocks.back().list)
        out << "<!-- -->\n\n";
}

// The deliverable's item: its text, due month, status, link and file, with
// its bullet lines as a list inside the item; or, when the objective has
// none yet, that it is still to be defined.
void markdown_deliverable(std::ostringstream& out, json const& o, bool published, labels const& l) {
    auto const& d = o["deliverable"];
    auto const [text, items] = one_line(d["description"]);
    bool const defined = !text.empty() || !items.empty();
    out << "- **" << l.deliverable << ":** "
        << (defined ? md_escape(text) : l.deliverable_undefined);
    if (auto const due = d["due_month"].get<std::string>(); !due.empty())
        out << (text.empty() && defined ? "" : " (") << l.by << " " << month_text(l, due)
            << (text.empty() && defined ? "" : ")");
    if (defined)
        out << ", " << deliverable_status_label(l, d["status"]);
    if (!d["link"].get<std::string>().empty())
        out << " — <" << d["link"].get<std::string>() << ">";
    if (!d["file_name"].get<std::string>().empty() && published)
        out << " — [" << md_escape(d["file_name"]) << "](" << deliverable_file_url(o["id"]) << ")";
    out << "\n";
    for (auto const& item : items)
        out << "  - " << md_escape(item) << "\n";
}

} // namespace

void markdown_plan(std::ostringstream& out, json const& doc, std::string const& heading,
                   labels const& l) {
    out << heading << " " << md_escape(doc["community"]["name"]) << " — " << l.activity_plan << " "
        << doc["year"].get<int>() << "\n\n";
    if (doc["version"].get<int>() > 0)
        out << l.version << " " << doc["version"].get<int>() << ", "
            << plan_status_label(l, doc["status"]) << ".\n\n";
    int n = 0;
    for (auto const& o : doc["objectives"]) {
        out << heading << "# " << ++n << ". " << md_escape(o["title"]) << "\n\n";
        markdown_text(out, o["description"]);
        markdown_deliverable(out, o, doc["status"] == "published", l);
        if (!o["start_month"].get<std::string>().empty())
            out << "- **" << l.period << ":** " << month_text(l, o["start_month"]) << " – "
                << month_text(l, o["end_month"]) << "\n";
        if (!o["owners"].empty())
            out << "- **" << l.owners << ":** " << md_escape(joined(o["owners"])) << "\n";
        auto const& g = o["working_group"];
        if (o["needs_working_group"].get<bool>()) {
            out << "- **" << l.working_group << ":** ";
            if (g.is_null())
                out << l.to_compose;
            else {
                out << group_status_label(l, g["status"]);
                if (!g["start_date"].get<std::string>().empty())
                    out << " " << l.since << " " << date_text(l, g["start_date"]);
                out << ", " << g["members"].get<int>() << " " << l.members;
                if (!g["bodies"].empty())
                    out << " (" << md_escape(joined(g["bodies"])) << ")";
            }
            out << "\n";
        }
        if (auto const supports = supports_text(o); !supports.empty())
            out << "- **" << l.supports << ":** " << supports << "\n";
        if (!o["contributions"].empty()) {
            out << "- **" << l.from_contributions << ":**\n";
            for (auto const& c : o["contributions"]) {
                out << "  - *" << kind_label(l, c["kind"]) << "*: " << md_escape(c["text"]);
                if (!c["body"].get<std::string>().empty())
                    out << " — " << md_escape(c["body"]);
                if (auto const supports = supports_text(c); !supports.empty())
                    out << " (" << l.supports << ": " << supports << ")";
                out << "\n";
            }
        }
        out << "\n";
    }
    if (doc["objectives"].empty())
        out << l.no_objectives << "\n\n";
}

void markdown_figures(std::ostringstream& out, int year, json const& f, labels const& l) {
    out << "# " << l.system_plan << " " << year << "\n\n"
        << "- " << l.communities << ": " << f["communities"].get<int>() << "\n"
        << "- " << l.objectives << ": " << f["objectives"].get<int>() << "\n"
        << "- " << l.need_group << ": " << f["need_working_group"].get<int>() << "\n";
    for (auto const& [month, n] : f["working_groups_enabled_by_month"].items())
        out << "- " << l.enabled_starting << " " << month_text(l, month) << ": " << n.get<int>()
            << "\n";
    out << "\n";
}

} // namespace tavolo::plans::detail
