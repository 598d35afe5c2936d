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

// Every word the exports print, per language.
struct labels {
    char const* proposal;
    char const* need;
    char const* activity;
    char const* planned;
    char const* in_progress;
    char const* delivered;
    char const* forming;
    char const* composed;
    char const* enabled;
    char const* draft;
    char const* shared;
    char const* published;
    char const* activity_plan; // "— piano di attività 2027"
    char const* version;
    char const* deliverable;
    char const* by; // "(entro 2027-11)"
    char const* period;
    char const* owners;
    char const* working_group;
    char const* to_compose;
    char const* since; // "attivato dal 2027-07-01"
    char const* members;
    char const* from_contributions;
    char const* no_objectives;
    char const* plan_title;  // "<community> — piano 2027" (page title)
    char const* system_plan; // "Piano di sistema 2027"
    char const* communities;
    char const* objectives;
    char const* need_group;
    char const* enabled_starting; // "Gruppi di lavoro attivati con avvio 2027-07"
    char const* yes;
    char const* html_lang;
    std::vector<std::string> csv_header;
};

labels const italian{"Proposta",
                     "Bisogno",
                     "Attività",
                     "previsto",
                     "in corso",
                     "consegnato",
                     "in formazione",
                     "composto",
                     "attivato",
                     "bozza",
                     "condiviso",
                     "pubblicato",
                     "piano di attività",
                     "Versione",
                     "Prodotto",
                     "entro",
                     "Periodo",
                     "Enti responsabili",
                     "Gruppo di lavoro",
                     "da comporre",
                     "dal",
                     "membri",
                     "Dai contributi",
                     "Nessun obiettivo approvato.",
                     "piano",
                     "Piano di sistema",
                     "Comunità",
                     "Obiettivi",
                     "Obiettivi che richiedono un gruppo di lavoro",
                     "Gruppi di lavoro attivati con avvio",
                     "si",
                     "it",
                     {"comunita",          "anno",          "versione",   "stato_piano",
                      "obiettivo",         "descrizione",   "prodotto",   "scadenza_prodotto",
                      "stato_prodotto",    "link_prodotto", "inizio",     "fine",
                      "enti_responsabili", "serve_gdl",     "stato_gdl",  "avvio_gdl",
                      "enti_gdl",          "membri_gdl",    "contributi", "enti_contributi"}};

labels const english{"Proposal",
                     "Need",
                     "Activity",
                     "planned",
                     "in progress",
                     "delivered",
                     "forming",
                     "composed",
                     "enabled",
                     "draft",
                     "shared",
                     "published",
                     "activity plan",
                     "Version",
                     "Deliverable",
                     "by",
                     "Period",
                     "Lead bodies",
                     "Working group",
                     "to be formed",
                     "from",
                     "members",
                     "From the contributions",
                     "No approved objectives.",
                     "plan",
                     "System plan",
                     "Communities",
                     "Objectives",
                     "Objectives that need a working group",
                     "Working groups enabled starting",
                     "yes",
                     "en",
                     {"community",
                      "year",
                      "version",
                      "plan_status",
                      "objective",
                      "description",
                      "deliverable",
                      "deliverable_due",
                      "deliverable_status",
                      "deliverable_link",
                      "start",
                      "end",
                      "lead_bodies",
                      "needs_working_group",
                      "working_group_status",
                      "working_group_start",
                      "working_group_bodies",
                      "working_group_members",
                      "contributions",
                      "contribution_bodies"}};

labels const& labels_for(export_language lang) {
    return lang == export_language::en ? english : italian;
}

std::string kind_label(labels const& l, std::string const& kind) {
    if (kind == "proposal")
        return l.proposal;
    if (kind == "need")
        return l.need;
    if (kind == "activity")
        return l.activity;
    return kind;
}

std::string deliverable_status_label(labels const& l, std::string const& s) {
    if (s == "planned")
        return l.planned;
    if (s == "in_progress")
        return l.in_progress;
    if (s == "delivered")
        return l.delivered;
    return s;
}

std::string group_status_label(labels const& l, std::string const& s) {
    if (s == "forming")
        return l.forming;
    if (s == "composed")
        return l.composed;
    if (s == "enabled")
        return l.enabled;
    return s;
}

std::string plan_status_label(labels const& l, std::string const& s) {
    if (s == "draft")
        return l.draft;
    if (s == "shared")
        return l.shared;
    if (s == "published")
        return l.published;
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

void csv_objectives(std::ostringstream& out, json const& doc, labels const& l) {
    for (auto const& o : doc["objectives"]) {
        std::string contributions, bodies;
        std::set<std::string> seen;
        for (auto const& c : o["contributions"]) {
            if (!contributions.empty())
                contributions += " | ";
            contributions += kind_label(l, c["kind"]) + ": " + c["text"].get<std::string>();
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
                        o["needs_working_group"] ? l.yes : "no",
                        g.is_null() ? "" : g["status"].get<std::string>(),
                        g.is_null() ? "" : g["start_date"].get<std::string>(),
                        g.is_null() ? "" : joined(g["bodies"], "; "),
                        g.is_null() ? "" : std::to_string(g["members"].get<int>()),
                        contributions,
                        bodies});
    }
}

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
        if (!o["description"].get<std::string>().empty())
            out << md_escape(o["description"]) << "\n\n";
        auto const& d = o["deliverable"];
        if (!d["description"].get<std::string>().empty()) {
            out << "- **" << l.deliverable << ":** " << md_escape(d["description"]);
            if (!d["due_month"].get<std::string>().empty())
                out << " (" << l.by << " " << d["due_month"].get<std::string>() << ")";
            out << ", " << deliverable_status_label(l, d["status"]);
            if (!d["link"].get<std::string>().empty())
                out << " — <" << d["link"].get<std::string>() << ">";
            if (!d["file_name"].get<std::string>().empty() && doc["status"] == "published")
                out << " — [" << md_escape(d["file_name"]) << "](" << deliverable_file_url(o["id"])
                    << ")";
            out << "\n";
        }
        if (!o["start_month"].get<std::string>().empty())
            out << "- **" << l.period << ":** " << o["start_month"].get<std::string>() << " – "
                << o["end_month"].get<std::string>() << "\n";
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
                    out << " " << l.since << " " << g["start_date"].get<std::string>();
                out << ", " << g["members"].get<int>() << " " << l.members;
                if (!g["bodies"].empty())
                    out << " (" << md_escape(joined(g["bodies"])) << ")";
            }
            out << "\n";
        }
        if (!o["contributions"].empty()) {
            out << "- **" << l.from_contributions << ":**\n";
            for (auto const& c : o["contributions"]) {
                out << "  - *" << kind_label(l, c["kind"]) << "*: " << md_escape(c["text"]);
                if (!c["body"].get<std::string>().empty())
                    out << " — " << md_escape(c["body"]);
                out << "\n";
            }
        }
        out << "\n";
    }
    if (doc["objectives"].empty())
        out << l.no_objectives << "\n\n";
}

void html_plan(std::ostringstream& out, json const& doc, char const* h, labels const& l) {
    std::string const h1 = h, h2 = h == std::string("h1") ? "h2" : "h3";
    out << "<section class=\"plan\">\n<" << h1 << ">" << html_escape(doc["community"]["name"])
        << " — " << l.activity_plan << " " << doc["year"].get<int>() << "</" << h1 << ">\n";
    if (doc["version"].get<int>() > 0)
        out << "<p class=\"plan-status\">" << l.version << " " << doc["version"].get<int>() << ", "
            << plan_status_label(l, doc["status"]) << "</p>\n";
    if (doc["objectives"].empty())
        out << "<p>" << l.no_objectives << "</p>\n";
    int n = 0;
    for (auto const& o : doc["objectives"]) {
        out << "<article class=\"objective\">\n<" << h2 << ">" << ++n << ". "
            << html_escape(o["title"]) << "</" << h2 << ">\n";
        if (!o["description"].get<std::string>().empty())
            out << "<p>" << html_escape(o["description"]) << "</p>\n";
        out << "<dl>\n";
        auto const& d = o["deliverable"];
        if (!d["description"].get<std::string>().empty()) {
            out << "<dt>" << l.deliverable << "</dt><dd>" << html_escape(d["description"]);
            if (!d["due_month"].get<std::string>().empty())
                out << " (" << l.by << " " << html_escape(d["due_month"]) << ")";
            out << ", " << deliverable_status_label(l, d["status"]);
            auto const link = d["link"].get<std::string>();
            if (link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0)
                out << " — <a href=\"" << html_escape(link) << "\">" << html_escape(link) << "</a>";
            if (!d["file_name"].get<std::string>().empty() && doc["status"] == "published")
                out << " — <a href=\"" << html_escape(deliverable_file_url(o["id"])) << "\">"
                    << html_escape(d["file_name"]) << "</a>";
            out << "</dd>\n";
        }
        if (!o["start_month"].get<std::string>().empty())
            out << "<dt>" << l.period << "</dt><dd>" << html_escape(o["start_month"]) << " – "
                << html_escape(o["end_month"]) << "</dd>\n";
        if (!o["owners"].empty())
            out << "<dt>" << l.owners << "</dt><dd>" << html_escape(joined(o["owners"]))
                << "</dd>\n";
        auto const& g = o["working_group"];
        if (o["needs_working_group"].get<bool>()) {
            out << "<dt>" << l.working_group << "</dt><dd>";
            if (g.is_null())
                out << l.to_compose;
            else {
                out << group_status_label(l, g["status"]);
                if (!g["start_date"].get<std::string>().empty())
                    out << " " << l.since << " " << html_escape(g["start_date"]);
                out << ", " << g["members"].get<int>() << " " << l.members;
                if (!g["bodies"].empty())
                    out << " (" << html_escape(joined(g["bodies"])) << ")";
            }
            out << "</dd>\n";
        }
        out << "</dl>\n";
        if (!o["contributions"].empty()) {
            out << "<details><summary>" << l.from_contributions << " (" << o["contributions"].size()
                << ")</summary>\n<ul>\n";
            for (auto const& c : o["contributions"]) {
                out << "<li><em>" << kind_label(l, c["kind"])
                    << "</em>: " << html_escape(c["text"]);
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

std::string html_page(std::string const& title, std::string const& body, labels const& l) {
    return "<!doctype html>\n<html lang=\"" + std::string(l.html_lang) +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
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

std::optional<export_language> export_language_from(std::string const& name) {
    if (name == "it")
        return export_language::it;
    if (name == "en")
        return export_language::en;
    return std::nullopt;
}

rendered render_plan(json const& doc, export_format format, export_language lang) {
    auto const& l = labels_for(lang);
    std::ostringstream out;
    switch (format) {
    case export_format::json:
        return {doc.dump(2) + "\n", "application/json", "json"};
    case export_format::csv:
        out << csv_row(l.csv_header);
        csv_objectives(out, doc, l);
        return {out.str(), "text/csv; charset=utf-8", "csv"};
    case export_format::markdown:
        markdown_plan(out, doc, "#", l);
        return {out.str(), "text/markdown; charset=utf-8", "md"};
    case export_format::html:
        html_plan(out, doc, "h1", l);
        return {html_page(doc["community"]["name"].get<std::string>() + " — " + l.plan_title + " " +
                              std::to_string(doc["year"].get<int>()),
                          out.str(), l),
                "text/html; charset=utf-8", "html"};
    }
    return {};
}

rendered render_system_plan(json const& system, export_format format, export_language lang) {
    auto const& l = labels_for(lang);
    std::ostringstream out;
    auto const year = system["year"].get<int>();
    auto const& f = system["figures"];
    switch (format) {
    case export_format::json:
        return {system.dump(2) + "\n", "application/json", "json"};
    case export_format::csv:
        out << csv_row(l.csv_header);
        for (auto const& doc : system["plans"])
            csv_objectives(out, doc, l);
        return {out.str(), "text/csv; charset=utf-8", "csv"};
    case export_format::markdown:
        out << "# " << l.system_plan << " " << year << "\n\n"
            << "- " << l.communities << ": " << f["communities"].get<int>() << "\n"
            << "- " << l.objectives << ": " << f["objectives"].get<int>() << "\n"
            << "- " << l.need_group << ": " << f["need_working_group"].get<int>() << "\n";
        for (auto const& [month, n] : f["working_groups_enabled_by_month"].items())
            out << "- " << l.enabled_starting << " " << month << ": " << n.get<int>() << "\n";
        out << "\n";
        for (auto const& doc : system["plans"])
            markdown_plan(out, doc, "##", l);
        return {out.str(), "text/markdown; charset=utf-8", "md"};
    case export_format::html: {
        out << "<h1>" << l.system_plan << " " << year << "</h1>\n<table class=\"figures\">\n"
            << "<tr><th scope=\"row\">" << l.communities << "</th><td>"
            << f["communities"].get<int>() << "</td></tr>\n<tr><th scope=\"row\">" << l.objectives
            << "</th><td>" << f["objectives"].get<int>() << "</td></tr>\n<tr><th scope=\"row\">"
            << l.need_group << "</th><td>" << f["need_working_group"].get<int>() << "</td></tr>\n";
        for (auto const& [month, n] : f["working_groups_enabled_by_month"].items())
            out << "<tr><th scope=\"row\">" << l.enabled_starting << " " << html_escape(month)
                << "</th><td>" << n.get<int>() << "</td></tr>\n";
        out << "</table>\n";
        for (auto const& doc : system["plans"])
            html_plan(out, doc, "h2", l);
        return {html_page(std::string(l.system_plan) + " " + std::to_string(year), out.str(), l),
                "text/html; charset=utf-8", "html"};
    }
    }
    return {};
}

} // namespace tavolo::app
