#include "renderers.hpp"

#include "tavolo/plans/text_blocks.hpp"

namespace tavolo::plans::detail {

using json = nlohmann::json;

std::string html_escape(std::string const& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

namespace {

// An objective's text: paragraphs (the author's line breaks kept) and its
// bullet lines as a list.
void html_text(std::ostringstream& out, std::string const& text) {
    for (auto const& b : text_blocks(text)) {
        out << (b.list ? "<ul>\n" : "<p>");
        for (std::size_t i = 0; i < b.lines.size(); ++i) {
            if (b.list)
                out << "<li>" << html_escape(b.lines[i]) << "</li>\n";
            else
                out << (i ? "<br>\n" : "") << html_escape(b.lines[i]);
        }
        out << (b.list ? "</ul>\n" : "</p>\n");
    }
}

// The deliverable's line: its text, due month, status, link and file, and
// its bullet lines as a list under it; or, when the objective has none yet,
// that it is still to be defined (not a status of nothing).
void html_deliverable(std::ostringstream& out, json const& o, bool published, labels const& l) {
    auto const& d = o["deliverable"];
    out << "<dt>" << l.deliverable << "</dt><dd>";
    auto const [text, items] = one_line(d["description"]);
    bool const defined = !text.empty() || !items.empty();
    if (defined)
        out << html_escape(text);
    else
        out << "<span class=\"undefined\">" << l.deliverable_undefined << "</span>";
    if (auto const due = d["due_month"].get<std::string>(); !due.empty())
        out << (text.empty() && defined ? "" : " (") << l.by << " "
            << html_escape(month_text(l, due)) << (text.empty() && defined ? "" : ")");
    if (defined)
        out << ", " << html_escape(deliverable_status_label(l, d["status"]));
    auto const link = d["link"].get<std::string>();
    if (link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0)
        out << " — <a href=\"" << html_escape(link) << "\">" << html_escape(link) << "</a>";
    if (!d["file_name"].get<std::string>().empty() && published)
        out << " — <a href=\"" << html_escape(deliverable_file_url(o["id"])) << "\">"
            << html_escape(d["file_name"]) << "</a>";
    if (!items.empty()) {
        out << "\n<ul>\n";
        for (auto const& item : items)
            out << "<li>" << html_escape(item) << "</li>\n";
        out << "</ul>\n";
    }
    out << "</dd>\n";
}

} // namespace

void html_plan(std::ostringstream& out, json const& doc, char const* h, labels const& l) {
    std::string const h1 = h, h2 = h == std::string("h1") ? "h2" : "h3";
    out << "<section class=\"plan\">\n<" << h1 << ">" << html_escape(doc["community"]["name"])
        << " — " << l.activity_plan << " " << doc["year"].get<int>() << "</" << h1 << ">\n";
    if (doc["version"].get<int>() > 0)
        out << "<p class=\"plan-status\">" << l.version << " " << doc["version"].get<int>() << ", "
            << html_escape(plan_status_label(l, doc["status"])) << "</p>\n";
    if (doc["objectives"].empty())
        out << "<p>" << l.no_objectives << "</p>\n";
    int n = 0;
    for (auto const& o : doc["objectives"]) {
        out << "<article class=\"objective\">\n<" << h2 << ">" << ++n << ". "
            << html_escape(o["title"]) << "</" << h2 << ">\n";
        html_text(out, o["description"]);
        out << "<dl>\n";
        html_deliverable(out, o, doc["status"] == "published", l);
        if (!o["start_month"].get<std::string>().empty())
            out << "<dt>" << l.period << "</dt><dd>" << html_escape(month_text(l, o["start_month"]))
                << " – " << html_escape(month_text(l, o["end_month"])) << "</dd>\n";
        if (!o["owners"].empty())
            out << "<dt>" << l.owners << "</dt><dd>" << html_escape(joined(o["owners"]))
                << "</dd>\n";
        auto const& g = o["working_group"];
        if (o["needs_working_group"].get<bool>()) {
            out << "<dt>" << l.working_group << "</dt><dd>";
            if (g.is_null())
                out << l.to_compose;
            else {
                out << html_escape(group_status_label(l, g["status"]));
                if (!g["start_date"].get<std::string>().empty())
                    out << " " << l.since << " " << html_escape(date_text(l, g["start_date"]));
                out << ", " << g["members"].get<int>() << " " << l.members;
                if (!g["bodies"].empty())
                    out << " (" << html_escape(joined(g["bodies"])) << ")";
            }
            out << "</dd>\n";
        }
        if (auto const supports = supports_text(o); !supports.empty())
            out << "<dt>" << l.supports << "</dt><dd>" << supports << "</dd>\n";
        out << "</dl>\n";
        if (!o["contributions"].empty()) {
            // Open, so the contributions are on paper too (a closed <details>
            // prints its summary alone).
            out << "<details open><summary>" << l.from_contributions << " ("
                << o["contributions"].size() << ")</summary>\n<ul>\n";
            for (auto const& c : o["contributions"]) {
                out << "<li><em>" << html_escape(kind_label(l, c["kind"]))
                    << "</em>: " << html_escape(c["text"]);
                if (!c["body"].get<std::string>().empty())
                    out << " — " << html_escape(c["body"]);
                if (auto const supports = supports_text(c); !supports.empty())
                    out << " (" << l.supports << ": " << supports << ")";
                out << "</li>\n";
            }
            out << "</ul>\n</details>\n";
        }
        out << "</article>\n";
    }
    out << "</section>\n";
}

void html_figures(std::ostringstream& out, int year, json const& f, labels const& l) {
    out << "<h1>" << l.system_plan << " " << year << "</h1>\n<table class=\"figures\">\n"
        << "<tr><th scope=\"row\">" << l.communities << "</th><td>" << f["communities"].get<int>()
        << "</td></tr>\n<tr><th scope=\"row\">" << l.objectives << "</th><td>"
        << f["objectives"].get<int>() << "</td></tr>\n<tr><th scope=\"row\">" << l.need_group
        << "</th><td>" << f["need_working_group"].get<int>() << "</td></tr>\n";
    for (auto const& [month, n] : f["working_groups_enabled_by_month"].items())
        out << "<tr><th scope=\"row\">" << l.enabled_starting << " "
            << html_escape(month_text(l, month)) << "</th><td>" << n.get<int>() << "</td></tr>\n";
    out << "</table>\n";
}

std::string html_page(std::string const& title, std::string const& body, labels const& l,
                      page_footer const& footer) {
    return "<!doctype html>\n<html lang=\"" + std::string(l.html_lang) +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           html_escape(title) + "</title>\n<style>" + std::string(html_style()) +
           "</style>\n</head>\n<body>\n<main>\n" + body + "</main>\n" +
           html_footer(footer, l.html_lang) + "</body>\n</html>\n";
}

} // namespace tavolo::plans::detail
