#include "labels.hpp"

namespace tavolo::plans::detail {
namespace {

labels const italian{"Proposta",
                     "Esigenza",
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
                     "Sostegni",
                     "it",
                     {"comunita",
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
                     "Supports",
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
