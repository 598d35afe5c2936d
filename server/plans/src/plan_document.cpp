#include "tavolo/plans/plan_document.hpp"

#include "labels.hpp"
#include "renderers.hpp"

#include <map>
#include <set>
#include <sstream>

namespace tavolo::plans {

using json = nlohmann::json;
using namespace detail;

std::string deliverable_file_url(std::string const& objective_id) {
    return "/api/v1/public/objectives/" + objective_id + "/deliverable/file";
}

json plan_document(plan_header const& header, std::vector<objective_record> const& objectives) {
    json list = json::array();
    for (auto const& o : objectives) {
        if (o.status != "approved")
            continue;
        auto const number_or_null = [](std::optional<std::int64_t> n) {
            return n ? json(*n) : json(nullptr);
        };
        json contributions = json::array();
        for (auto const& c : o.contributions)
            contributions.push_back({{"kind", c.kind},
                                     {"text", c.text},
                                     {"body", c.anonymous ? "" : c.author_organization},
                                     {"supports", number_or_null(c.supports)}});
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
                        {"contributions", contributions},
                        {"supports", number_or_null(o.supports)}});
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
    if (name == "csv-excel-it")
        return export_format::csv_excel_it;
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

rendered render_plan(json const& doc, export_format format, export_language lang,
                     page_footer const& footer) {
    auto const& l = labels_for(lang);
    std::ostringstream out;
    switch (format) {
    case export_format::json:
        return {doc.dump(2) + "\n", "application/json", "json"};
    case export_format::csv:
    case export_format::csv_excel_it: {
        auto const& dialect = csv_dialect_of(format);
        out << dialect.preamble << csv_row(l.csv_header, dialect);
        csv_objectives(out, doc, l, dialect);
        return {out.str(), csv_content_type, "csv"};
    }
    case export_format::markdown:
        markdown_plan(out, doc, "#", l);
        return {out.str(), "text/markdown; charset=utf-8", "md"};
    case export_format::html:
        html_plan(out, doc, "h1", l);
        return {html_page(doc["community"]["name"].get<std::string>() + " — " + l.plan_title + " " +
                              std::to_string(doc["year"].get<int>()),
                          out.str(), l, footer),
                "text/html; charset=utf-8", "html"};
    }
    return {};
}

rendered render_system_plan(json const& system, export_format format, export_language lang,
                            page_footer const& footer) {
    auto const& l = labels_for(lang);
    std::ostringstream out;
    auto const year = system["year"].get<int>();
    switch (format) {
    case export_format::json:
        return {system.dump(2) + "\n", "application/json", "json"};
    case export_format::csv:
    case export_format::csv_excel_it: {
        auto const& dialect = csv_dialect_of(format);
        out << dialect.preamble << csv_row(l.csv_header, dialect);
        for (auto const& doc : system["plans"])
            csv_objectives(out, doc, l, dialect);
        return {out.str(), csv_content_type, "csv"};
    }
    case export_format::markdown:
        markdown_figures(out, year, system["figures"], l);
        for (auto const& doc : system["plans"])
            markdown_plan(out, doc, "##", l);
        return {out.str(), "text/markdown; charset=utf-8", "md"};
    case export_format::html:
        html_figures(out, year, system["figures"], l);
        for (auto const& doc : system["plans"])
            html_plan(out, doc, "h2", l);
        return {html_page(std::string(l.system_plan) + " " + std::to_string(year), out.str(), l,
                          footer),
                "text/html; charset=utf-8", "html"};
    }
    return {};
}

} // namespace tavolo::plans
