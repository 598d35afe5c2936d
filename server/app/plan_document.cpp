#include "plan_document.hpp"

#include <map>
#include <set>
#include <sstream>

namespace tavolo::app {

std::string deliverable_file_url(std::string const& objective_id) {
    return "/api/v1/public/objectives/" + objective_id + "/deliverable/file";
}

namespace {

using json = nlohmann::json;

std::string kind_label(std::string const& kind) {
    if (kind == "proposal")
        return "Proposta";
    if (kind == "need")
        return "Bisogno";
    if (kind == "activity")
        return "Attività";
    return kind;
}

std::string deliverable_status_label(std::string const& s) {
    if (s == "planned")
        return "previsto";
    if (s == "in_progress")
        return "in corso";
    if (s == "delivered")
        return "consegnato";
    return s;
}

std::string group_status_label(std::string const& s) {
    if (s == "forming")
        return "in formazione";
    if (s == "composed")
        return "composto";
    if (s == "enabled")
        return "attivato";
    return s;
}

std::string plan_status_label(std::string const& s) {
    if (s == "draft")
        return "bozza";
    if (s == "shared")
        return "condiviso";
    if (s == "published")
        return "pubblicato";
    return s;
}

std::string joined(json const& list, char const* separator = ", ") {
    std::string out;
    for (auto const& x : list) {
        if (!out.empty())
            out += separator;
        out += x.get<std::string>();
    }
    return out;
}

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

// CSV (RFC 4180), and no cell a spreadsheet would take for a formula.
std::string csv_cell(std::string s) {
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos)
        s.insert(s.begin(), '\'');
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_row(std::vector<std::string> const& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i)
        out += (i ? "," : "") + csv_cell(cells[i]);
    return out + "\r\n";
}

std::vector<std::string> const csv_header{
    "comunita",    "anno",     "versione",          "stato_piano",    "obiettivo",
    "descrizione", "prodotto", "scadenza_prodotto", "stato_prodotto", "link_prodotto",
    "inizio",      "fine",     "enti_responsabili", "serve_gdl",      "stato_gdl",
    "avvio_gdl",   "enti_gdl", "membri_gdl",        "contributi",     "enti_contributi"};

void csv_objectives(std::ostringstream& out, json const& doc) {
    for (auto const& o : doc["objectives"]) {
        std::string contributions, bodies;
        std::set<std::string> seen;
        for (auto const& c : o["contributions"]) {
            if (!contributions.empty())
                contributions += " | ";
            contributions += kind_label(c["kind"]) + ": " + c["text"].get<std::string>();
            auto const body = c["body"].get<std::string>();
            if (!body.empty() && seen.insert(body).second)
                bodies += (bodies.empty() ? "" : "; ") + body;
        }
        auto const& g = o["working_group"];
        out << csv_row({doc["community"]["name"],
                        std::to_string(doc["year"].get<int>()),
                        std::to_string(doc["version"].get<int>()),
                        doc["status"],
                        o["title"],
                        o["description"],
                        o["deliverable"]["description"],
                        o["deliverable"]["due_month"],
                        o["deliverable"]["status"],
                        o["deliverable"]["link"],
                        o["start_month"],
                        o["end_month"],
                        joined(o["owners"], "; "),
                        o["needs_working_group"] ? "si" : "no",
                        g.is_null() ? "" : g["status"].get<std::string>(),
                        g.is_null() ? "" : g["start_date"].get<std::string>(),
                        g.is_null() ? "" : joined(g["bodies"], "; "),
                        g.is_null() ? "" : std::to_string(g["members"].get<int>()),
                        contributions,
                        bodies});
    }
}

void markdown_plan(std::ostringstream& out, json const& doc, std::string const& heading) {
    out << heading << " " << md_escape(doc["community"]["name"]) << " — piano di attività "
        << doc["year"].get<int>() << "\n\n";
    if (doc["version"].get<int>() > 0)
        out << "Versione " << doc["version"].get<int>() << ", " << plan_status_label(doc["status"])
            << ".\n\n";
    int n = 0;
    for (auto const& o : doc["objectives"]) {
        out << heading << "# " << ++n << ". " << md_escape(o["title"]) << "\n\n";
        if (!o["description"].get<std::string>().empty())
            out << md_escape(o["description"]) << "\n\n";
        auto const& d = o["deliverable"];
        if (!d["description"].get<std::string>().empty()) {
            out << "- **Prodotto:** " << md_escape(d["description"]);
            if (!d["due_month"].get<std::string>().empty())
                out << " (entro " << d["due_month"].get<std::string>() << ")";
            out << ", " << deliverable_status_label(d["status"]);
            if (!d["link"].get<std::string>().empty())
                out << " — <" << d["link"].get<std::string>() << ">";
            if (!d["file_name"].get<std::string>().empty() && doc["status"] == "published")
                out << " — [" << md_escape(d["file_name"]) << "](" << deliverable_file_url(o["id"])
                    << ")";
            out << "\n";
        }
        if (!o["start_month"].get<std::string>().empty())
            out << "- **Periodo:** " << o["start_month"].get<std::string>() << " – "
                << o["end_month"].get<std::string>() << "\n";
        if (!o["owners"].empty())
            out << "- **Enti responsabili:** " << md_escape(joined(o["owners"])) << "\n";
        auto const& g = o["working_group"];
        if (o["needs_working_group"].get<bool>()) {
            out << "- **Gruppo di lavoro:** ";
            if (g.is_null())
                out << "da comporre";
            else {
                out << group_status_label(g["status"]);
                if (!g["start_date"].get<std::string>().empty())
                    out << " dal " << g["start_date"].get<std::string>();
                out << ", " << g["members"].get<int>() << " membri";
                if (!g["bodies"].empty())
                    out << " (" << md_escape(joined(g["bodies"])) << ")";
            }
            out << "\n";
        }
        if (!o["contributions"].empty()) {
            out << "- **Dai contributi:**\n";
            for (auto const& c : o["contributions"]) {
                out << "  - *" << kind_label(c["kind"]) << "*: " << md_escape(c["text"]);
                if (!c["body"].get<std::string>().empty())
                    out << " — " << md_escape(c["body"]);
                out << "\n";
            }
        }
        out << "\n";
    }
    if (doc["objectives"].empty())
        out << "Nessun obiettivo approvato.\n\n";
}

void html_plan(std::ostringstream& out, json const& doc, char const* h) {
    std::string const h1 = h, h2 = h == std::string("h1") ? "h2" : "h3";
    out << "<section class=\"plan\">\n<" << h1 << ">" << html_escape(doc["community"]["name"])
        << " — piano di attività " << doc["year"].get<int>() << "</" << h1 << ">\n";
    if (doc["version"].get<int>() > 0)
        out << "<p class=\"plan-status\">Versione " << doc["version"].get<int>() << ", "
            << plan_status_label(doc["status"]) << "</p>\n";
    if (doc["objectives"].empty())
        out << "<p>Nessun obiettivo approvato.</p>\n";
    int n = 0;
    for (auto const& o : doc["objectives"]) {
        out << "<article class=\"objective\">\n<" << h2 << ">" << ++n << ". "
            << html_escape(o["title"]) << "</" << h2 << ">\n";
        if (!o["description"].get<std::string>().empty())
            out << "<p>" << html_escape(o["description"]) << "</p>\n";
        out << "<dl>\n";
        auto const& d = o["deliverable"];
        if (!d["description"].get<std::string>().empty()) {
            out << "<dt>Prodotto</dt><dd>" << html_escape(d["description"]);
            if (!d["due_month"].get<std::string>().empty())
                out << " (entro " << html_escape(d["due_month"]) << ")";
            out << ", " << deliverable_status_label(d["status"]);
            auto const link = d["link"].get<std::string>();
            if (link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0)
                out << " — <a href=\"" << html_escape(link) << "\">" << html_escape(link) << "</a>";
            if (!d["file_name"].get<std::string>().empty() && doc["status"] == "published")
                out << " — <a href=\"" << html_escape(deliverable_file_url(o["id"])) << "\">"
                    << html_escape(d["file_name"]) << "</a>";
            out << "</dd>\n";
        }
        if (!o["start_month"].get<std::string>().empty())
            out << "<dt>Periodo</dt><dd>" << html_escape(o["start_month"]) << " – "
                << html_escape(o["end_month"]) << "</dd>\n";
        if (!o["owners"].empty())
            out << "<dt>Enti responsabili</dt><dd>" << html_escape(joined(o["owners"]))
                << "</dd>\n";
        auto const& g = o["working_group"];
        if (o["needs_working_group"].get<bool>()) {
            out << "<dt>Gruppo di lavoro</dt><dd>";
            if (g.is_null())
                out << "da comporre";
            else {
                out << group_status_label(g["status"]);
                if (!g["start_date"].get<std::string>().empty())
                    out << " dal " << html_escape(g["start_date"]);
                out << ", " << g["members"].get<int>() << " membri";
                if (!g["bodies"].empty())
                    out << " (" << html_escape(joined(g["bodies"])) << ")";
            }
            out << "</dd>\n";
        }
        out << "</dl>\n";
        if (!o["contributions"].empty()) {
            out << "<details><summary>Dai contributi (" << o["contributions"].size()
                << ")</summary>\n<ul>\n";
            for (auto const& c : o["contributions"]) {
                out << "<li><em>" << kind_label(c["kind"]) << "</em>: " << html_escape(c["text"]);
                if (!c["body"].get<std::string>().empty())
                    out << " — " << html_escape(c["body"]);
                out << "</li>\n";
            }
            out << "</ul>\n</details>\n";
        }
        out << "</article>\n";
    }
    out << "</section>\n";
}

std::string html_page(std::string const& title, std::string const& body) {
    return "<!doctype html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           html_escape(title) +
           "</title>\n<link rel=\"stylesheet\" "
           "href=\"/css/plan-print.css\">\n</head>\n<body>\n<main>\n" +
           body + "</main>\n</body>\n</html>\n";
}

} // namespace

json plan_document(plan_header const& header,
                   std::vector<store::objective_record> const& objectives) {
    json list = json::array();
    for (auto const& o : objectives) {
        if (o.status != "approved")
            continue;
        json contributions = json::array();
        for (auto const& c : o.contributions)
            contributions.push_back({{"kind", c.kind},
                                     {"text", c.text},
                                     {"body", c.anonymous ? "" : c.author_organization}});
        json group = nullptr;
        if (o.working_group) {
            json bodies = json::array();
            std::set<std::string> seen;
            for (auto const& m : o.working_group->members)
                if (seen.insert(m.organization).second)
                    bodies.push_back(m.organization);
            group = {{"status", o.working_group->status},
                     {"start_date", o.working_group->start_date},
                     {"members", o.working_group->members.size()},
                     {"bodies", bodies}};
        }
        list.push_back({{"id", o.id},
                        {"title", o.title},
                        {"description", o.description},
                        {"needs_working_group", o.needs_working_group},
                        {"start_month", o.start_month},
                        {"end_month", o.end_month},
                        {"owners", o.owners},
                        {"deliverable",
                         {{"description", o.deliverable.description},
                          {"due_month", o.deliverable.due_month},
                          {"status", o.deliverable.status},
                          {"link", o.deliverable.link},
                          {"file_name", o.deliverable.has_file ? o.deliverable.file_name : ""}}},
                        {"working_group", group},
                        {"contributions", contributions}});
    }
    return {{"community", {{"slug", header.community.slug}, {"name", header.community.name}}},
            {"year", header.year},
            {"version", header.version},
            {"status", header.status},
            {"published_at", header.published_at},
            {"objectives", list}};
}

json plan_figures(std::vector<json> const& documents) {
    std::int64_t communities = 0, objectives = 0, need = 0;
    std::map<std::string, std::int64_t> by_month;
    for (auto const& d : documents) {
        if (!d["objectives"].empty())
            ++communities;
        for (auto const& o : d["objectives"]) {
            ++objectives;
            if (!o["needs_working_group"].get<bool>())
                continue;
            ++need;
            auto const& g = o["working_group"];
            if (!g.is_null() && g["status"] == "enabled")
                ++by_month[g["start_date"].get<std::string>().substr(0, 7)];
        }
    }
    return {{"communities", communities},
            {"objectives", objectives},
            {"need_working_group", need},
            {"working_groups_enabled_by_month", by_month}};
}

std::optional<export_format> export_format_from(std::string const& name) {
    if (name == "json")
        return export_format::json;
    if (name == "csv")
        return export_format::csv;
    if (name == "md" || name == "markdown")
        return export_format::markdown;
    if (name == "html")
        return export_format::html;
    return std::nullopt;
}

rendered render_plan(json const& doc, export_format format) {
    std::ostringstream out;
    switch (format) {
    case export_format::json:
        return {doc.dump(2) + "\n", "application/json", "json"};
    case export_format::csv:
        out << csv_row(csv_header);
        csv_objectives(out, doc);
        return {out.str(), "text/csv; charset=utf-8", "csv"};
    case export_format::markdown:
        markdown_plan(out, doc, "#");
        return {out.str(), "text/markdown; charset=utf-8", "md"};
    case export_format::html:
        html_plan(out, doc, "h1");
        return {html_page(doc["community"]["name"].get<std::string>() + " — piano " +
                              std::to_string(doc["year"].get<int>()),
                          out.str()),
                "text/html; charset=utf-8", "html"};
    }
    return {};
}

rendered render_system_plan(json const& system, export_format format) {
    std::ostringstream out;
    auto const year = system["year"].get<int>();
    auto const& f = system["figures"];
    switch (format) {
    case export_format::json:
        return {system.dump(2) + "\n", "application/json", "json"};
    case export_format::csv:
        out << csv_row(csv_header);
        for (auto const& doc : system["plans"])
            csv_objectives(out, doc);
        return {out.str(), "text/csv; charset=utf-8", "csv"};
    case export_format::markdown:
        out << "# Piano di sistema " << year << "\n\n"
            << "- Comunità: " << f["communities"].get<int>() << "\n"
            << "- Obiettivi: " << f["objectives"].get<int>() << "\n"
            << "- Obiettivi che richiedono un gruppo di lavoro: "
            << f["need_working_group"].get<int>() << "\n";
        for (auto const& [month, n] : f["working_groups_enabled_by_month"].items())
            out << "- Gruppi di lavoro attivati con avvio " << month << ": " << n.get<int>()
                << "\n";
        out << "\n";
        for (auto const& doc : system["plans"])
            markdown_plan(out, doc, "##");
        return {out.str(), "text/markdown; charset=utf-8", "md"};
    case export_format::html: {
        out << "<h1>Piano di sistema " << year << "</h1>\n<table class=\"figures\">\n"
            << "<tr><th scope=\"row\">Comunità</th><td>" << f["communities"].get<int>()
            << "</td></tr>\n<tr><th scope=\"row\">Obiettivi</th><td>" << f["objectives"].get<int>()
            << "</td></tr>\n<tr><th scope=\"row\">Obiettivi che richiedono un gruppo di "
               "lavoro</th><td>"
            << f["need_working_group"].get<int>() << "</td></tr>\n";
        for (auto const& [month, n] : f["working_groups_enabled_by_month"].items())
            out << "<tr><th scope=\"row\">Gruppi di lavoro attivati con avvio "
                << html_escape(month) << "</th><td>" << n.get<int>() << "</td></tr>\n";
        out << "</table>\n";
        for (auto const& doc : system["plans"])
            html_plan(out, doc, "h2");
        return {html_page("Piano di sistema " + std::to_string(year), out.str()),
                "text/html; charset=utf-8", "html"};
    }
    }
    return {};
}

} // namespace tavolo::app
