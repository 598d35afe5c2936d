#include "bodies.hpp"

#include "tavolo/core/calendar.hpp"

#include <set>
#include <utility>

namespace tavolo::api {
namespace {

// The fields of the deliverable present in the object `f` reads (with the
// prefix "deliverable."), applied to `to`.
void apply_deliverable(store::deliverable_row& to, core::json_fields& f) {
    f.allow_only({"description", "due_month", "status", "link"});
    if (auto v = f.optional_text("description", rules::short_description))
        to.description = std::move(*v);
    if (auto v = f.month("due_month", /*allow_empty=*/true))
        to.due_month = std::move(*v);
    if (f.has("status"))
        to.status = f.choice("status", {"planned", "in_progress", "delivered"});
    if (auto v = f.optional_text("link", rules::link)) {
        if (!v->empty() && v->rfind("https://", 0) != 0 && v->rfind("http://", 0) != 0)
            f.fail("link", core::field_problem::bad_choice,
                   f.quoted("link") + " must start with https:// or http://");
        to.link = std::move(*v);
    }
}

// A member of the working group, read with `m` (prefix "members[i].");
// `confirmed` defaults to whether the group is past forming.
store::member_row member_from(core::json_fields& m, bool confirmed_by_default) {
    store::member_row row;
    m.allow_only({"name", "organization", "confirmed"});
    row.name = m.text("name", rules::name);
    row.organization = m.text("organization", rules::organization);
    row.confirmed = m.flag("confirmed").value_or(confirmed_by_default);
    return row;
}

// A meeting's start time and duration, when present: a start "HH:MM" in
// Europe/Rome ("" for all day) and 5 minutes to a day.
void apply_schedule(store::meeting_row& m, core::json_fields& f) {
    if (auto v = f.optional_text("starts_at", rules::clock_time)) {
        if (!v->empty() && !core::is_clock_time(*v))
            f.fail("starts_at", core::field_problem::bad_choice,
                   "field 'starts_at' must be a time HH:MM from 00:00 to 23:59 (Europe/Rome), "
                   "or empty for all day");
        m.starts_at = std::move(*v);
    }
    if (auto v = f.integer("duration_minutes", 5, 24 * 60))
        m.duration_minutes = *v;
}

} // namespace

// Applies the fields present in `body` to `o`, checking each; refuses the
// first problem, naming its field.
void apply_objective_fields(store::objective_record& o, json const& body, bool new_one) {
    core::json_fields f(body);
    f.allow_only({"title", "description", "year", "needs_working_group", "start_month", "end_month",
                  "owners", "deliverable"});
    if (new_one && f.ok() && !f.has("title"))
        f.fail("title", core::field_problem::missing, "a new objective needs its 'title'");
    if (auto v = f.optional_text("title", rules::title))
        o.title = std::move(*v);
    if (auto v = f.optional_text("description", rules::description))
        o.description = std::move(*v);
    if (auto v = f.integer("year", 2000, 2100))
        o.year = *v;
    if (auto v = f.flag("needs_working_group"))
        o.needs_working_group = *v;
    if (auto v = f.month("start_month", /*allow_empty=*/true))
        o.start_month = std::move(*v);
    if (auto v = f.month("end_month", /*allow_empty=*/true))
        o.end_month = std::move(*v);
    if (f.ok() && !o.start_month.empty() && !o.end_month.empty() && o.end_month < o.start_month)
        f.fail("end_month", core::field_problem::out_of_range,
               "field 'end_month' is before 'start_month'");
    if (f.ok() && f.has("owners"))
        o.owners = text_list(f, "owners", 20, rules::organization);
    if (f.ok() && f.has("deliverable")) {
        // A null deliverable reads as absent, as any null field.
        core::json_fields d(*body.find("deliverable"), "deliverable.");
        apply_deliverable(o.deliverable, d);
        f.take_error_from(d);
    }
    refuse_if_bad(f);
}

store::working_group_row working_group_from(json const& body) {
    core::json_fields f(body);
    f.allow_only({"status", "start_date", "members"});
    store::working_group_row w;
    if (f.has("status"))
        w.status = f.choice("status", {"forming", "composed", "enabled"});
    if (auto v = f.date("start_date", /*allow_empty=*/true))
        w.start_date = std::move(*v);
    if (f.ok() && w.status == "enabled" && w.start_date.empty())
        f.fail("start_date", core::field_problem::missing,
               "an enabled working group needs its 'start_date'");
    if (f.ok() && f.has("members")) {
        auto const* members = f.array("members", 200);
        std::set<std::pair<std::string, std::string>> seen;
        for (std::size_t i = 0; members && i < members->size() && f.ok(); ++i) {
            core::json_fields m((*members)[i], f.element_prefix("members", i));
            auto row = member_from(m, w.status != "forming");
            f.take_error_from(m);
            if (f.ok() && !seen.emplace(row.name, row.organization).second)
                f.fail("members", core::field_problem::out_of_range,
                       "'" + row.name + "' of '" + row.organization + "' is listed twice");
            w.members.push_back(std::move(row));
        }
    }
    refuse_if_bad(f);
    return w;
}

store::community_row community_from(json const& body) {
    core::json_fields f(body);
    f.allow_only({"slug", "name", "description"});
    store::community_row c;
    c.slug = f.text("slug", rules::slug);
    if (f.ok() && !is_slug(c.slug))
        f.fail("slug", core::field_problem::bad_choice,
               "field 'slug' must be lower-case letters and digits joined by dashes, "
               "like ct-dati-aperti");
    c.name = f.text("name", rules::title);
    c.description = f.optional_text("description", rules::short_description).value_or("");
    refuse_if_bad(f);
    return c;
}

// Two lists, each name once per role.
std::vector<store::person_row> people_from(json const& body) {
    core::json_fields f(body);
    f.allow_only({"coordinators", "referents"});
    std::vector<store::person_row> people;
    std::set<std::pair<std::string, std::string>> seen;
    for (std::string_view const key : {"coordinators", "referents"}) {
        if (!f.ok() || !f.has(key))
            continue;
        auto const* list = f.array(key, 50);
        auto const role = key == "coordinators" ? "coordinator" : "referent";
        for (std::size_t i = 0; list && i < list->size() && f.ok(); ++i) {
            core::json_fields who((*list)[i], f.element_prefix(key, i));
            who.allow_only({"name", "organization"});
            store::person_row p{
                who.text("name", rules::name),
                who.optional_text("organization", rules::optional_organization).value_or(""), role};
            f.take_error_from(who);
            if (f.ok() && !seen.emplace(p.name, p.role).second)
                f.fail(key, core::field_problem::out_of_range,
                       "'" + p.name + "' is listed twice as " + p.role);
            people.push_back(std::move(p));
        }
    }
    refuse_if_bad(f);
    return people;
}

// The kind defaults to kickoff; the date is required.
store::meeting_row meeting_from(json const& body, std::int64_t community_id) {
    core::json_fields f(body);
    f.allow_only({"kind", "title", "scheduled_on", "starts_at", "duration_minutes", "anonymous",
                  "private_writing", "question"});
    store::meeting_row m;
    m.community_id = community_id;
    m.kind = f.has("kind") ? f.choice("kind", {"kickoff", "followup"}) : "kickoff";
    m.title = f.text("title", rules::title);
    if (f.ok() && !f.has("scheduled_on"))
        f.fail("scheduled_on", core::field_problem::missing,
               "field 'scheduled_on' is missing: a meeting needs its date");
    m.scheduled_on = f.date("scheduled_on").value_or("");
    apply_schedule(m, f);
    m.anonymous = f.flag("anonymous").value_or(false);
    m.private_writing = f.flag("private_writing").value_or(false);
    m.question = f.optional_text("question", rules::question).value_or("");
    refuse_if_bad(f);
    m.phase = "lobby";
    return m;
}

store::meeting_row rescheduled(store::meeting_row m, json const& body) {
    core::json_fields f(body);
    f.allow_only({"scheduled_on", "starts_at", "duration_minutes"});
    if (auto v = f.date("scheduled_on"))
        m.scheduled_on = std::move(*v);
    apply_schedule(m, f);
    refuse_if_bad(f);
    return m;
}

} // namespace tavolo::api
