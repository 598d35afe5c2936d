// The protocol fixtures in shared/protocol, which document the wire format for
// client authors, must say what the server really does.
#include "tavolo/live/events.hpp"
#include "tavolo/live/protocol.hpp"
#include "tavolo/live/welcome.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

using namespace tavolo::live;
using nlohmann::json;

namespace {

json load(char const* name) {
    std::ifstream in(std::string(TAVOLO_SOURCE_DIR "/shared/protocol/") + name);
    REQUIRE(in);
    return json::parse(in);
}

std::string_view type_of(client_body const& b) {
    return std::visit(
        [](auto const& m) -> std::string_view {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, join_message>)
                return "join";
            else if constexpr (std::is_same_v<T, submit_message>)
                return "submit";
            else if constexpr (std::is_same_v<T, edit_message>)
                return "edit";
            else if constexpr (std::is_same_v<T, target_message>)
                return "target";
            else if constexpr (std::is_same_v<T, merge_message>)
                return "merge";
            else if constexpr (std::is_same_v<T, phase_message>)
                return "set_phase";
            else if constexpr (std::is_same_v<T, lock_message>)
                return "lock";
            else if constexpr (std::is_same_v<T, configure_message>)
                return "configure";
            else if constexpr (std::is_same_v<T, question_message>)
                return "set_question";
            else if constexpr (std::is_same_v<T, reveal_message>)
                return "reveal";
            else if constexpr (std::is_same_v<T, remove_message>)
                return "remove_participant";
            else if constexpr (std::is_same_v<T, timer_message>)
                return "timer";
            else if constexpr (std::is_same_v<T, cluster_run_message>)
                return "cluster_run";
            else if constexpr (std::is_same_v<T, group_move_message>)
                return "group_move";
            else if constexpr (std::is_same_v<T, group_merge_message>)
                return "group_merge";
            else if constexpr (std::is_same_v<T, group_split_message>)
                return "group_split";
            else if constexpr (std::is_same_v<T, group_rename_message>)
                return "group_rename";
            else if constexpr (std::is_same_v<T, group_promote_message>)
                return "group_promote";
            else if constexpr (std::is_same_v<T, volunteer_message>)
                return m.leave ? "unvolunteer" : "volunteer";
            else if constexpr (std::is_same_v<T, working_group_remove_message>)
                return "working_group_remove";
            else if constexpr (std::is_same_v<T, working_group_status_message>)
                return "working_group_status";
            else
                return "ping";
        },
        b);
}

contribution from_json(json const& c) {
    contribution v;
    v.id = c["id"];
    v.seq = c["seq"];
    v.kind = *kind_from_string(c["kind"].get<std::string>());
    v.text = c["text"];
    v.status = *status_from_string(c["status"].get<std::string>());
    v.edited = c["edited"];
    v.author_name = c["author"]["name"];
    v.author_organization = c["author"]["organization"];
    v.created_at_ms = c["created_at"];
    return v;
}

std::string text_or_empty(json const& v) {
    return v.is_null() ? "" : v.get<std::string>();
}

plan_item plan_item_from(json const& j) {
    plan_item i;
    i.objective_id = j["objective"];
    i.title = j["title"];
    i.description = j["description"];
    i.deliverable = j["deliverable"]["description"];
    i.deliverable_due = text_or_empty(j["deliverable"]["due_month"]);
    i.start_month = text_or_empty(j["start_month"]);
    i.end_month = text_or_empty(j["end_month"]);
    i.owners = j["owners"].get<std::vector<std::string>>();
    i.needs_working_group = j["needs_working_group"];
    if (!j["working_group"].is_null()) {
        auto const& g = j["working_group"];
        i.group_status = *group_status_from_string(g["status"].get<std::string>());
        i.start_date = text_or_empty(g["start_date"]);
        for (auto const& m : g["members"])
            i.members.push_back({m["name"], m["organization"], "", m["confirmed"], 0});
    }
    return i;
}

// A join's answer as the fixture shows it has what welcome_json gives: the
// same fields, the meeting as meeting_json makes it, and the limits of a
// server with the default configuration.
void check_welcome(json const& result) {
    meeting_snapshot snap;
    auto const& mj = result["meeting"];
    snap.info.id = mj["id"];
    snap.info.title = mj["title"];
    snap.info.community_name = mj["community"];
    snap.info.phase = *phase_from_string(mj["phase"].get<std::string>());
    snap.info.question = mj["question"];
    snap.last_seq = result["seq"];
    participant anna;
    anna.id = result["you"]["id"];
    anna.name = result["you"]["name"];
    anna.organization = result["you"]["organization"];
    auto const built = welcome_json(meeting_state(snap), anna, mj["now"], message_limits{});
    for (auto const& [key, value] : built.items()) {
        INFO("welcome field " << key);
        CHECK(result.contains(key));
    }
    CHECK(built["meeting"] == mj);
    CHECK(built["limits"] == result["limits"]);
    CHECK(built["board"] == result["board"]);
}

} // namespace

TEST_CASE("every client fixture parses as it says", "[live][protocol][fixtures]") {
    auto const doc = load("client-frames.json");
    REQUIRE(doc["frames"].size() > 10);
    for (auto const& f : doc["frames"]) {
        auto const name = f["name"].get<std::string>();
        auto const text = f.contains("text") ? f["text"].get<std::string>() : f["frame"].dump();
        auto const result = parse_client_message(text, message_limits{});
        INFO(name);
        if (f.contains("accept")) {
            REQUIRE(std::holds_alternative<client_message>(result));
            CHECK(type_of(std::get<client_message>(result).body) == f["accept"].get<std::string>());
        } else {
            REQUIRE(std::holds_alternative<parse_failure>(result));
            CHECK(std::get<parse_failure>(result).error.code == f["error"].get<std::string>());
        }
    }
}

TEST_CASE("server fixtures match the frames the server builds", "[live][protocol][fixtures]") {
    auto const doc = load("server-frames.json");
    std::set<std::string> kinds;
    for (auto const& f : doc["frames"]) {
        auto const& frame = f["frame"];
        auto const type = frame["type"].get<std::string>();
        kinds.insert(type);
        INFO(f["name"].get<std::string>());
        meeting_info m;
        if (type == "contribution") {
            auto const c = from_json(frame["contribution"]);
            event e{.kind = event_kind::contribution,
                    .seq = frame["seq"],
                    .meeting = m,
                    .subject = c,
                    .subject_supports = frame["contribution"]["supports"]};
            CHECK(json::parse(render(e, audience::peer)) == frame);
        } else if (type == "contribution_removed") {
            contribution c;
            c.id = frame["id"];
            c.status = *status_from_string(frame["status"].get<std::string>());
            event e{
                .kind = event_kind::contribution, .seq = frame["seq"], .meeting = m, .subject = c};
            CHECK(json::parse(render(e, audience::peer)) == frame);
        } else if (type == "supports") {
            contribution c;
            c.id = frame["id"];
            event e{.kind = event_kind::supports,
                    .seq = frame["seq"],
                    .meeting = m,
                    .subject = c,
                    .subject_supports = frame["supports"]};
            CHECK(json::parse(render(e, audience::peer)) == frame);
        } else if (type == "merge") {
            auto const c = from_json(frame["keep"]);
            event e{.kind = event_kind::merge,
                    .seq = frame["seq"],
                    .meeting = m,
                    .subject = c,
                    .subject_supports = frame["keep"]["supports"],
                    .ids = frame["merged"].get<std::vector<std::string>>()};
            CHECK(json::parse(render(e, audience::peer)) == frame);
        } else if (type == "meeting") {
            auto const& mj = frame["meeting"];
            m.id = mj["id"];
            m.title = mj["title"];
            m.community_name = mj["community"];
            m.phase = *phase_from_string(mj["phase"].get<std::string>());
            m.kind = *meeting_kind_from_string(mj["kind"].get<std::string>());
            m.question = mj["question"];
            if (auto const& p = mj["published_plan"]; !p.is_null())
                m.published_plan = published_plan_ref{p["year"], p["version"], p["url"]};
            CHECK(meeting_json(m, mj["now"]) == mj);
        } else if (type == "skip") {
            CHECK(json::parse(
                      render(event{.kind = event_kind::skip, .seq = frame["seq"], .meeting = m},
                             audience::peer)) == frame);
        } else if (type == "board") {
            auto const& bj = frame["board"];
            cluster_board b;
            b.runs = bj["runs"];
            for (auto const& g : bj["groups"])
                b.groups.push_back(
                    {g["id"], g["title"], g["keywords"], g["members"], g["cohesion"], g["renamed"],
                     g["objective"].is_null() ? "" : g["objective"].get<std::string>()});
            for (auto const& [id, group] : bj["pins"].items())
                b.pins[id] = group.is_null() ? "" : group.get<std::string>();
            event e{.kind = event_kind::board,
                    .seq = frame["seq"],
                    .meeting = m,
                    .board = std::make_shared<cluster_board const>(b)};
            if (frame.contains("objective")) {
                auto const& o = frame["objective"];
                objective created;
                created.id = o["id"];
                created.group_id = o["group"];
                created.title = o["title"];
                created.description = o["description"];
                created.contributions = o["contributions"];
                created.created_at_ms = o["created_at"];
                created.supports = o["supports"].get<std::int64_t>();
                e.created = created;
            }
            for (auto a : {audience::staff, audience::peer})
                CHECK(json::parse(render(e, a)) == frame);
        } else if (type == "working_group") {
            event e{.kind = event_kind::working_group,
                    .seq = frame["seq"],
                    .meeting = m,
                    .item = std::make_shared<plan_item const>(plan_item_from(frame["item"]))};
            CHECK(json::parse(render(e, audience::peer)) == frame);
            CHECK(json::parse(render(e, audience::staff)) == frame);
        } else if (type == "plan") {
            std::vector<plan_item> plan;
            for (auto const& i : frame["plan"])
                plan.push_back(plan_item_from(i));
            event e{.kind = event_kind::plan,
                    .seq = frame["seq"],
                    .meeting = m,
                    .plan = std::make_shared<std::vector<plan_item> const>(plan)};
            CHECK(json::parse(render(e, audience::peer)) == frame);
        } else if (type == "ack") {
            CHECK(json::parse(make_ack(frame["ref"], frame.value("result", json()))) == frame);
            if (frame.contains("result") && frame["result"].contains("you"))
                check_welcome(frame["result"]);
        } else if (type == "error") {
            json more = json::object(); // fields beyond the four every error has
            for (auto const& [key, value] : frame.items())
                if (key != "type" && key != "ref" && key != "code" && key != "message")
                    more[key] = value;
            CHECK(json::parse(make_error(frame["ref"], frame["code"].get<std::string>(),
                                         frame["message"].get<std::string>(), more)) == frame);
        } else if (type == "alert") {
            CHECK(json::parse(make_alert(frame["code"].get<std::string>(),
                                         frame["message"].get<std::string>())) == frame);
        } else if (type != "presence") {
            FAIL("no check for frame type " << type);
        }
    }
    CHECK(kinds.size() >= 9);
}
