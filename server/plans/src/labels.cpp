#include "labels.hpp"

#include "tavolo/core/calendar.hpp"

namespace tavolo::plans::detail {
namespace {

labels const italian{.proposal = "Proposta",
                     .need = "Esigenza",
                     .activity = "Attività",
                     .planned = "previsto",
                     .in_progress = "in corso",
                     .delivered = "consegnato",
                     .forming = "in formazione",
                     .composed = "composto",
                     .enabled = "attivato",
                     .draft = "bozza",
                     .shared = "condivisa",
                     .published = "pubblicata",
                     .activity_plan = "piano di attività",
                     .version = "Versione",
                     .deliverable = "Prodotto",
                     .deliverable_undefined = "da definire",
                     .by = "entro",
                     .period = "Periodo",
                     .owners = "Enti responsabili",
                     .working_group = "Gruppo di lavoro",
                     .to_compose = "da comporre",
                     .since = "dal",
                     .members = "membri",
                     .from_contributions = "Dai contributi",
                     .no_objectives = "Nessun obiettivo approvato.",
                     .plan_title = "piano",
                     .system_plan = "Piano di sistema",
                     .communities = "Comunità",
                     .objectives = "Obiettivi",
                     .need_group = "Obiettivi che richiedono un gruppo di lavoro",
                     .enabled_starting = "Gruppi di lavoro attivati con avvio",
                     .yes = "sì",
                     .no = "no",
                     .supports = "Sostegni",
                     .html_lang = "it",
                     .months = {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
                                "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
                     .csv_header = {"comunita",
                                    "anno",
                                    "versione",
                                    "stato_piano",
                                    "obiettivo",
                                    "descrizione",
                                    "prodotto",
                                    "scadenza_prodotto",
                                    "stato_prodotto",
                                    "link_prodotto",
                                    "inizio",
                                    "fine",
                                    "enti_responsabili",
                                    "serve_gdl",
                                    "stato_gdl",
                                    "avvio_gdl",
                                    "enti_gdl",
                                    "membri_gdl",
                                    "contributi",
                                    "enti_contributi",
                                    "sostegni",
                                    "sostegni_contributi"}};

labels const english{.proposal = "Proposal",
                     .need = "Need",
                     .activity = "Activity",
                     .planned = "planned",
                     .in_progress = "in progress",
                     .delivered = "delivered",
                     .forming = "forming",
                     .composed = "composed",
                     .enabled = "enabled",
                     .draft = "draft",
                     .shared = "shared",
                     .published = "published",
                     .activity_plan = "activity plan",
                     .version = "Version",
                     .deliverable = "Deliverable",
                     .deliverable_undefined = "not yet defined",
                     .by = "by",
                     .period = "Period",
                     .owners = "Lead bodies",
                     .working_group = "Working group",
                     .to_compose = "to be formed",
                     .since = "from",
                     .members = "members",
                     .from_contributions = "From the contributions",
                     .no_objectives = "No approved objectives.",
                     .plan_title = "plan",
                     .system_plan = "System plan",
                     .communities = "Communities",
                     .objectives = "Objectives",
                     .need_group = "Objectives that need a working group",
                     .enabled_starting = "Working groups enabled starting",
                     .yes = "yes",
                     .no = "no",
                     .supports = "Supports",
                     .html_lang = "en",
                     .months = {"January", "February", "March", "April", "May", "June", "July",
                                "August", "September", "October", "November", "December"},
                     .csv_header = {"community",
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
                                    "contribution_bodies",
                                    "supports",
                                    "contribution_supports"}};

} // namespace

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

std::string supports_text(nlohmann::json const& item) {
    auto const it = item.find("supports");
    return it != item.end() && it->is_number_integer() ? std::to_string(it->get<std::int64_t>())
                                                       : "";
}

std::string month_text(labels const& l, std::string const& iso_month) {
    auto const ym = core::parse_iso_month(iso_month);
    if (!ym)
        return iso_month;
    return std::string(l.months[unsigned(ym->month()) - 1]) + " " + std::to_string(int(ym->year()));
}

std::string date_text(labels const& l, std::string const& iso_date) {
    auto const d = core::parse_iso_date(iso_date);
    if (!d)
        return iso_date;
    return std::to_string(unsigned(d->day())) + " " + l.months[unsigned(d->month()) - 1] + " " +
           std::to_string(int(d->year()));
}

std::string joined(nlohmann::json const& list, char const* separator) {
    std::string out;
    for (auto const& x : list) {
        if (!out.empty())
            out += separator;
        out += x.get<std::string>();
    }
    return out;
}

} // namespace tavolo::plans::detail
