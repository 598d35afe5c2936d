// A real tavolo on a loopback port with its demo meeting, a facilitator
// connected, and helpers to join participants and to make requests.
#pragma once

#include "support/demo_access.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <fstream>
#include <memory>

namespace tavolo::test {

struct meeting_fixture {
    temp_dir dir;
    std::unique_ptr<server_process> server;
    std::string code;
    std::string secret;
    std::unique_ptr<ws_client> facilitator;
    int next_ref = 0;

    explicit meeting_fixture(nlohmann::json const& settings = nlohmann::json::object()) {
        auto const file = dir / "tavolo.json";
        std::ofstream(file) << settings.dump();
        start(file);
        auto const access = demo_access(dir / "data");
        code = access["join_code"];
        secret = access["facilitator_secret"];
        facilitator = std::make_unique<ws_client>(server->port());
        facilitator->send({{"type", "join"},
                           {"ref", "join"},
                           {"code", code},
                           {"name", "Fabia"},
                           {"organization", ""},
                           {"secret", secret}});
        auto const ack = facilitator->read();
        if (!ack || (*ack)["type"] != "ack")
            throw std::runtime_error("the facilitator could not join");
    }

    void start(std::filesystem::path const& config) {
        server = std::make_unique<server_process>(
            dir / "data", std::vector<std::string>{"--config", config.string()});
    }

    std::unique_ptr<ws_client> participant(std::string const& name,
                                           std::string const& organization = "Comune di Prova") {
        auto c = std::make_unique<ws_client>(server->port());
        auto const ack = c->join(code, name, organization);
        if (ack["type"] != "ack")
            throw std::runtime_error("could not join: " + ack.dump());
        return c;
    }

    // Sends a request and returns its reply (ack or error), skipping events.
    nlohmann::json request(ws_client& c, nlohmann::json msg) {
        auto const ref = "r" + std::to_string(++next_ref);
        msg["ref"] = ref;
        c.send(msg);
        auto const reply = c.read_until([&](auto const& f) {
            return (f["type"] == "ack" || f["type"] == "error") && f["ref"] == ref;
        });
        if (!reply)
            throw std::runtime_error("no reply to " + msg.dump());
        return *reply;
    }

    // The code of an error reply, or "ok" for an ack.
    std::string outcome(ws_client& c, nlohmann::json msg) {
        auto const r = request(c, std::move(msg));
        return r["type"] == "ack" ? "ok" : r["code"].get<std::string>();
    }

    void phase(std::string const& p) {
        auto const r = outcome(*facilitator, {{"type", "set_phase"}, {"phase", p}});
        if (r != "ok")
            throw std::runtime_error("set_phase " + p + ": " + r);
    }

    std::string submit(ws_client& c, std::string const& id, std::string const& text,
                       std::string const& kind = "proposal") {
        return outcome(c, {{"type", "submit"}, {"id", id}, {"kind", kind}, {"text", text}});
    }
};

} // namespace tavolo::test
