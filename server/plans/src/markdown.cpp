#include "renderers.hpp"

#include "tavolo/plans/text_blocks.hpp"

#include <cstdio>
#include <string_view>

namespace tavolo::plans::detail {

using json = nlohmann::json;

namespace {

// Markdown: text stays text (no HTML, entity, link, emphasis, heading or
// list made from it); one line. Every ASCII punctuation mark CommonMark or
// GitHub gives a meaning is backslash-escaped; a leading "1." or "1)" loses
// its list meaning the same way.
std::string md_escape(std::string const& s) {
    std::string out;
    bool digits_only = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char const c = s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i];
        if (std::string_view("\\`*_[]<>#|!&~").find(c) != std::string_view::npos ||
            (i == 0 && std::string_view("-+=").find(c) != std::string_view::npos) ||
            (digits_only && i > 0 && (c == '.' || c == ')')))
            out += '\\';
        digits_only = digits_only && c >= '0' && c <= '9';
        out += c;
    }
    return out;
}

// Every byte outside a URL's plain characters percent-encoded, so that no
// <, >, space, quote, bracket or parenthesis can end a link early.
std::string url_encoded(std::string const& url) {
    std::string out;
    for (unsigned char c : url) {
        bool const plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z') ||
                           std::string_view("-._~:/?#@$&+,;=%").find(static_cast<char>(c)) !=
                               std::string_view::npos;
        if (plain) {
            out += static_cast<char>(c);
            continue;
        }
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
    }
    return out;
}

// A deliverable's link: http(s) only (anything else is left out, as in the
// HTML export).
std::string md_link(std::string const& url) {
    if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
        return {};
    return url_encoded(url);
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
        out << (text.empty() && defined ? "" : " (") << l.by << " " << md_escape(month_text(l, due))
            << (text.empty() && defined ? "" : ")");
    if (defined)
        out << ", " << md_escape(deliverable_status_label(l, d["status"]));
    if (auto const link = md_link(d["link"]); !link.empty())
        out << " — <" << link << ">";
    if (!d["file_name"].get<std::string>().empty() && published)
        out << " — [" << md_escape(d["file_name"]) << "]("
            << url_encoded(deliverable_file_url(o["id"])) << ")";
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
            << md_escape(plan_status_label(l, doc["status"])) << ".\n\n";
    int n = 0;
    for (auto const& o : doc["objectives"]) {
        out << heading << "# " << ++n << ". " << md_escape(o["title"]) << "\n\n";
        markdown_text(out, o["description"]);
        markdown_deliverable(out, o, doc["status"] == "published", l);
        if (!o["start_month"].get<std::string>().empty())
            out << "- **" << l.period << ":** " << md_escape(month_text(l, o["start_month"]))
                << " – " << md_escape(month_text(l, o["end_month"])) << "\n";
        if (!o["owners"].empty())
            out << "- **" << l.owners << ":** " << md_escape(joined(o["owners"])) << "\n";
        auto const& g = o["working_group"];
        if (o["needs_working_group"].get<bool>()) {
            out << "- **" << l.working_group << ":** ";
            if (g.is_null())
                out << l.to_compose;
            else {
                out << md_escape(group_status_label(l, g["status"]));
                if (!g["start_date"].get<std::string>().empty())
                    out << " " << l.since << " " << md_escape(date_text(l, g["start_date"]));
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
                out << "  - *" << md_escape(kind_label(l, c["kind"]))
                    << "*: " << md_escape(c["text"]);
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
        out << "- " << l.enabled_starting << " " << md_escape(month_text(l, month)) << ": "
            << n.get<int>() << "\n";
    out << "\n";
}

} // namespace tavolo::plans::detail
