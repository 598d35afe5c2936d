#include "demo_year.hpp"

#include "tavolo/plans/plan_document.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/plans.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tavolo::app {
namespace {

using json = nlohmann::json;

std::string text(json const& j, char const* key) {
    if (!j.contains(key) || !j[key].is_string())
        throw std::runtime_error(std::string("missing text field '") + key + "'");
    return j[key].get<std::string>();
}

std::string text_or(json const& j, char const* key, std::string fallback = {}) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : fallback;
}

// Milliseconds at noon UTC of a YYYY-MM-DD date.
std::int64_t noon_ms(std::string const& date) {
    std::tm tm{};
    std::istringstream in(date);
    in >> std::get_time(&tm, "%Y-%m-%d");
    if (in.fail())
        throw std::runtime_error("bad date '" + date + "'");
    tm.tm_hour = 12;
    return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

json read_demo_file(std::filesystem::path const& file) {
    std::ifstream in(file);
    if (!in)
        throw std::runtime_error("demo data " + file.string() + " cannot be read");
    try {
        auto doc = json::parse(in);
        if (!doc.is_object() || !doc.contains("communities") || !doc["communities"].is_array() ||
            doc["communities"].empty() || !doc.contains("year") || !doc["year"].is_number_integer())
            throw std::runtime_error("expected {\"year\": N, \"communities\": [...]}");
        return doc;
    } catch (std::exception const& e) {
        throw std::runtime_error("demo data " + file.string() + ": " + e.what());
    }
}

// A community's kick-off, held and closed on its date; returns its id.
std::int64_t add_kickoff(store::plan_store& s, std::int64_t community_id, json const& kickoff) {
    store::meeting_row m;
    m.community_id = community_id;
    m.kind = "kickoff";
    m.title = text(kickoff, "title");
    m.scheduled_on = text(kickoff, "date");
    m.phase = "closed";
    m.join_code = core::generate_join_code();
    // Nobody facilitates a finished demo meeting: a secret no one knows.
    m.facilitator_secret_hash = core::hash_secret(core::generate_secret());
    return s.create_meeting(m);
}

// An objective of the file as the store keeps it (its links come after).
store::objective_record objective_from(json const& o, std::int64_t community_id,
                                       std::int64_t meeting_id, std::int64_t year,
                                       std::int64_t created_at, std::int64_t joined_at) {
    store::objective_record record;
    record.id = "obj-" + core::random_hex(8);
    record.community_id = community_id;
    record.meeting_id = meeting_id;
    record.year = year;
    record.title = text(o, "title");
    record.description = text_or(o, "description");
    record.status = text_or(o, "status", "approved");
    record.needs_working_group = o.value("needs_working_group", false);
    record.start_month = text_or(o, "start_month");
    record.end_month = text_or(o, "end_month");
    for (auto const& owner : o.value("owners", json::array()))
        record.owners.push_back(owner.get<std::string>());
    record.created_by = "demo";
    record.created_at = created_at;
    record.updated_at = created_at;
    if (o.contains("deliverable")) {
        auto const& d = o["deliverable"];
        record.deliverable.description = text_or(d, "description");
        record.deliverable.due_month = text_or(d, "due_month");
        record.deliverable.status = text_or(d, "status", "planned");
        record.deliverable.link = text_or(d, "link");
    }
    if (o.contains("working_group")) {
        auto const& g = o["working_group"];
        store::working_group_row w;
        w.status = text_or(g, "status", "forming");
        w.start_date = text_or(g, "start_date");
        for (auto const& who : g.value("members", json::array()))
            w.members.push_back({text(who, "name"), text(who, "organization"), "",
                                 w.status != "forming", joined_at});
        record.working_group = std::move(w);
    }
    return record;
}

// One community of the file: its people, its kick-off with participants and
// contributions, its objectives and the year's plan, published.
void load_community(store::plan_store& s, json const& c, std::int64_t year) {
    auto& p = s.plans();
    store::community_row community;
    community.slug = text(c, "slug");
    community.name = text(c, "name");
    community.description = text_or(c, "description");
    community.id = s.create_community(community);
    std::vector<store::person_row> people;
    for (auto const* role : {"coordinators", "referents"})
        for (auto const& who : c.value(role, json::array()))
            people.push_back({text(who, "name"), text_or(who, "organization"),
                              std::string(role) == "coordinators" ? "coordinator" : "referent"});
    p.set_community_people(community.id, people);

    auto const& kickoff = c.at("kickoff");
    auto const meeting_id = add_kickoff(s, community.id, kickoff);
    auto const at = noon_ms(text(kickoff, "date"));
    std::vector<std::string> participant_ids;
    for (auto const& who : c.at("participants")) {
        store::participant_row row;
        row.id = core::random_hex(16);
        row.meeting_id = meeting_id;
        row.name = text(who, "name");
        row.organization = text(who, "organization");
        row.joined_at = at;
        s.upsert_participant(row);
        participant_ids.push_back(row.id);
        p.add_organization(row.organization);
    }

    std::int64_t seq = 0, position = 0;
    for (auto const& o : c.at("objectives")) {
        // created_at keeps the file's order.
        auto const record =
            objective_from(o, community.id, meeting_id, year, at + (++position), at);
        p.save_objective(record);
        for (auto const& said : o.value("contributions", json::array())) {
            auto const author = said.at("author").get<std::size_t>();
            if (author >= participant_ids.size())
                throw std::runtime_error("contribution author " + std::to_string(author) +
                                         " is not a participant of " + community.slug);
            store::contribution_row row;
            row.meeting_id = meeting_id;
            row.client_id = core::random_hex(12);
            row.seq = ++seq;
            row.participant_id = participant_ids[author];
            row.kind = text(said, "kind");
            row.text = text(said, "text");
            row.created_at = at + seq * 60'000;
            s.upsert_contribution(row);
            p.link(record.id, s.contribution_id(meeting_id, row.client_id).value());
        }
    }
    s.advance_last_seq(meeting_id, seq);
    // The year's plan, published as it stands.
    auto const plan = p.create_plan(community.id, year);
    auto const published_at = noon_ms(std::to_string(year) + "-06-30");
    p.publish_plan(plan.id,
                   plans::plan_document({community, year, plan.version, "published", published_at},
                                        p.objectives(community.id, year))
                       .dump(),
                   published_at);
}

} // namespace

void load_demo_year(store::plan_store& s, std::filesystem::path const& file) {
    auto const doc = read_demo_file(file);
    if (s.find_community(text(doc["communities"][0], "slug")))
        return;
    auto const year = doc["year"].get<std::int64_t>();
    try {
        s.atomically([&] {
            for (auto const& c : doc["communities"])
                load_community(s, c, year);
        });
    } catch (std::exception const& e) {
        throw std::runtime_error("demo data " + file.string() + ": " + e.what());
    }
}

} // namespace tavolo::app
