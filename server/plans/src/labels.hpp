// The words the exports print, in each export language, the labels of the
// plan's codes (kinds, statuses) and its dates as words ("novembre 2027",
// "1 luglio 2027", as the pages write them). Internal to tavolo::plans.
#pragma once

#include "tavolo/plans/plan_document.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <vector>

namespace tavolo::plans::detail {

// Built with designated initializers (labels.cpp): -Wextra refuses one left
// out, and a name in the wrong place does not compile, so no label can shift.
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
    // A plan's statuses follow "Versione 2, …": they agree with "versione".
    char const* draft;
    char const* shared;
    char const* published;
    char const* activity_plan; // "— piano di attività 2027"
    char const* version;
    char const* deliverable;
    char const* deliverable_undefined; // an approved objective with no deliverable yet
    char const* by;                    // "(entro novembre 2027)"
    char const* period;
    char const* owners;
    char const* working_group;
    char const* to_compose;
    char const* since; // "attivato dal 1 luglio 2027"
    char const* members;
    char const* from_contributions;
    char const* no_objectives;
    char const* plan_title;  // "<community> — piano 2027" (page title)
    char const* system_plan; // "Piano di sistema 2027"
    char const* communities;
    char const* objectives;
    char const* need_group;
    char const* enabled_starting; // "Gruppi di lavoro attivati con avvio luglio 2027"
    char const* yes;
    char const* no;
    char const* supports; // "Sostegni: 3"
    char const* html_lang;
    std::array<char const*, 12> months; // "gennaio" … "dicembre"
    std::vector<std::string> csv_header;
};

labels const& labels_for(export_language lang);

std::string kind_label(labels const& l, std::string const& kind);
std::string deliverable_status_label(labels const& l, std::string const& s);
std::string group_status_label(labels const& l, std::string const& s);
std::string plan_status_label(labels const& l, std::string const& s);

// An objective's or a contribution's supports at the promotion, as text;
// "" when not known (made or linked by hand, or a document from before).
std::string supports_text(nlohmann::json const& item);

// "2027-11" as "novembre 2027" ("November 2027"); anything else as it is.
std::string month_text(labels const& l, std::string const& iso_month);
// "2027-07-01" as "1 luglio 2027" ("1 July 2027"); anything else as it is.
std::string date_text(labels const& l, std::string const& iso_date);

// The strings of a JSON array, one after the other.
std::string joined(nlohmann::json const& list, char const* separator = ", ");

} // namespace tavolo::plans::detail
