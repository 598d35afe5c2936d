#include "views.hpp"

#include "tavolo/core/secrets.hpp"

namespace tavolo::api {

json community_json(store::community_row const& c, std::size_t meetings) {
    return {
        {"slug", c.slug}, {"name", c.name}, {"description", c.description}, {"meetings", meetings}};
}

json community_people_json(std::vector<store::person_row> const& people) {
    json out{{"coordinators", json::array()}, {"referents", json::array()}};
    for (auto const& person : people)
        out[person.role == "coordinator" ? "coordinators" : "referents"].push_back(
            {{"name", person.name}, {"organization", person.organization}});
    return out;
}

json meeting_json(store::meeting_row const& m) {
    return {{"id", m.id},
            {"kind", m.kind},
            {"title", m.title},
            {"scheduled_on", m.scheduled_on},
            {"starts_at", m.starts_at},
            {"duration_minutes", m.duration_minutes},
            {"calendar_sequence", m.calendar_sequence},
            {"phase", m.phase},
            {"question", m.question},
            {"join_code", core::format_join_code(m.join_code)},
            {"anonymous", m.anonymous},
            {"private_writing", m.private_writing}};
}

namespace {

json working_group_json(store::working_group_row const& w) {
    json members = json::array();
    for (auto const& m : w.members)
        members.push_back(
            {{"name", m.name}, {"organization", m.organization}, {"confirmed", m.confirmed}});
    return {{"status", w.status}, {"start_date", w.start_date}, {"members", members}};
}

} // namespace

json objective_json(store::objective_record const& o) {
    auto const number_or_null = [](std::optional<std::int64_t> n) {
        return n ? json(*n) : json(nullptr);
    };
    json contributions = json::array();
    for (auto const& c : o.contributions)
        contributions.push_back(
            {{"id", c.id},
             {"meeting_id", c.meeting_id},
             {"kind", c.kind},
             {"text", c.text},
             {"author", {{"name", c.author_name}, {"organization", c.author_organization}}},
             {"supports", number_or_null(c.supports)}});
    // What its editor must know: the description quotes words that may not
    // be published.
    json notices = json::array();
    for (auto const id : o.quotes_unavailable)
        notices.push_back({{"code", "quotes_withdrawn"}, {"contribution", id}});
    auto const& d = o.deliverable;
    return {{"id", o.id},
            {"community", o.community_slug},
            {"meeting_id", o.meeting_id ? json(o.meeting_id) : json(nullptr)},
            {"year", o.year},
            {"title", o.title},
            {"description", o.description},
            {"status", o.status},
            {"needs_working_group", o.needs_working_group},
            {"start_month", o.start_month},
            {"end_month", o.end_month},
            {"owners", o.owners},
            {"deliverable",
             {{"description", d.description},
              {"due_month", d.due_month},
              {"status", d.status},
              {"link", d.link},
              {"file_name", d.file_name},
              {"has_file", d.has_file}}},
            {"working_group", o.working_group ? working_group_json(*o.working_group) : json()},
            {"contributions", contributions},
            {"supports", number_or_null(o.supports)},
            {"notices", notices},
            {"created_at", o.created_at},
            {"updated_at", o.updated_at}};
}

json plan_json(store::plan_row const& p) {
    return {{"version", p.version},     {"year", p.year},
            {"status", p.status},       {"created_at", p.created_at},
            {"shared_at", p.shared_at}, {"published_at", p.published_at}};
}

} // namespace tavolo::api
