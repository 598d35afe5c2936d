// The protocol fixtures in shared/protocol, which document the wire format for
// client authors, must say what the server really does.
#include "tavolo/live/protocol.hpp"

#include <catch2/catch.hpp>

#include <fstream>

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
            else
                return "ping";
        },
        b);
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
    for (auto const& f : doc["frames"]) {
        auto const& frame = f["frame"];
        INFO(f["name"].get<std::string>());
        if (frame["type"] == "contribution") {
            auto const& c = frame["contribution"];
            contribution value{c["id"],
                               0,
                               c["seq"],
                               *kind_from_string(c["kind"].get<std::string>()),
                               c["text"],
                               "p",
                               c["author"]["name"],
                               c["author"]["organization"],
                               c["created_at"]};
            CHECK(json::parse(make_contribution_event(value)) == frame);
        } else if (frame["type"] == "ack") {
            CHECK(json::parse(make_ack(frame["ref"], frame.value("result", json()))) == frame);
        } else if (frame["type"] == "error") {
            CHECK(json::parse(make_error(frame["ref"], frame["code"].get<std::string>(),
                                         frame["message"].get<std::string>())) == frame);
        } else {
            FAIL("no check for this frame type");
        }
    }
}
