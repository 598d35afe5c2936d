#include "demo.hpp"

#include "demo_year.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/store/plan_store.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace tavolo::app {
namespace {

constexpr char const* demo_slug = "demo";
constexpr char const* access_file = "demo-access.json";

std::optional<demo_access> read_access(std::filesystem::path const& file) {
    std::ifstream in(file);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    auto const j = nlohmann::json::parse(text.str(), nullptr, false);
    if (!j.is_object() || !j.contains("join_code") || !j.contains("facilitator_secret"))
        return std::nullopt;
    return demo_access{j["join_code"].get<std::string>(),
                       j["facilitator_secret"].get<std::string>()};
}

void write_access(std::filesystem::path const& file, demo_access const& a) {
    auto const tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        std::filesystem::permissions(tmp, std::filesystem::perms::owner_read |
                                              std::filesystem::perms::owner_write);
        out << nlohmann::json{{"join_code", a.join_code},
                              {"facilitator_secret", a.facilitator_secret}}
                   .dump(2)
            << "\n";
        if (!out.flush())
            throw std::runtime_error("cannot write " + tmp);
    }
    std::filesystem::rename(tmp, file);
}

} // namespace

std::optional<demo_access> ensure_demo(store::plan_store& s, std::filesystem::path const& data_dir,
                                       live::meeting_settings const& settings) {
    auto const file = data_dir / access_file;
    if (s.find_community(demo_slug))
        return read_access(file);

    demo_access access{core::generate_join_code(), core::generate_secret()};
    s.atomically([&] {
        store::community_row c;
        c.slug = demo_slug;
        c.name = "Comunità Tematica Trasformazione Digitale (demo)";
        c.description = "Comunità dimostrativa: enti locali che lavorano insieme alla "
                        "transizione digitale.";
        auto const community_id = s.create_community(c);
        store::meeting_row m;
        m.community_id = community_id;
        m.kind = "kickoff";
        m.title = "Kick-off del Piano di Attività";
        m.scheduled_on = "2027-01-20";
        m.phase = "collect";
        m.join_code = access.join_code;
        m.facilitator_secret_hash = core::hash_secret(access.facilitator_secret);
        m.anonymous = settings.anonymous;
        m.private_writing = settings.private_writing;
        m.support_budget = settings.support_budget;
        m.max_supports_per_contribution = settings.max_supports_per_contribution;
        s.create_meeting(m);
        // A finished year beside it, for the coordinator area.
        load_demo_year(s, TAVOLO_DEMO_YEAR_DEFAULT);
        // The access file first: a demo whose secret was lost cannot be run.
        write_access(file, access);
    });
    return access;
}

std::string participant_link(std::string const& base_url, std::string const& join_code) {
    return base_url + "#/join/" + core::format_join_code(join_code);
}

std::string facilitator_link(std::string const& base_url, std::string const& join_code,
                             std::string const& secret) {
    return base_url + "#/facilitate/" + core::format_join_code(join_code) + "/" + secret;
}

} // namespace tavolo::app
