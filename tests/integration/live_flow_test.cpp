// The live flow against the real server: join, submit, and every client sees
// every contribution exactly once, in seq order; bad frames get their errors.
#include "support/demo_access.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <set>

using namespace tavolo;
using nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("every participant receives every contribution exactly once, in order",
          "[integration][live]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    auto const code = test::demo_code(dir.path());

    constexpr int clients = 6, submitters = 3, per_submitter = 10;
    std::vector<std::unique_ptr<test::ws_client>> c;
    for (int i = 0; i < clients; ++i) {
        c.push_back(std::make_unique<test::ws_client>(server.port()));
        auto const ack =
            c.back()->join(code, "Persona " + std::to_string(i), "Ente " + std::to_string(i));
        REQUIRE(ack["type"] == "ack");
        CHECK(ack["result"]["contributions"].empty());
        CHECK(ack["result"]["seq"] == 0);
    }

    std::set<std::string> sent;
    for (int round = 0; round < per_submitter; ++round)
        for (int s = 0; s < submitters; ++s) {
            auto const id = "c-" + std::to_string(s) + "-" + std::to_string(round);
            sent.insert(id);
            c[s]->send({{"type", "submit"},
                        {"ref", id},
                        {"id", id},
                        {"kind", round % 2 ? "need" : "proposal"},
                        {"text", "Proposta " + id + " con accenti: attività è già"}});
        }

    std::map<int, int> acks;
    for (int i = 0; i < clients; ++i) {
        std::set<std::string> got;
        std::int64_t last_seq = 0;
        int expected_frames = submitters * per_submitter + (i < submitters ? per_submitter : 0);
        for (int n = 0; n < expected_frames; ++n) {
            auto f = c[i]->read();
            REQUIRE(f);
            if ((*f)["type"] == "ack") {
                ++acks[i];
                continue;
            }
            REQUIRE((*f)["type"] == "contribution");
            auto const seq = (*f)["seq"].get<std::int64_t>();
            CHECK(seq == last_seq + 1); // no gap, no reordering
            last_seq = seq;
            auto const id = (*f)["contribution"]["id"].get<std::string>();
            CHECK(got.insert(id).second); // no duplicate
            CHECK((*f)["contribution"]["text"] ==
                  "Proposta " + id + " con accenti: attività è già");
        }
        CHECK(got == sent);
        // Exactly once: nothing more arrives.
        CHECK_FALSE(c[i]->read(300ms));
    }
    for (int s = 0; s < submitters; ++s)
        CHECK(acks[s] == per_submitter);
}

TEST_CASE("a retried submit is stored and broadcast once", "[integration][live]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    auto const code = test::demo_code(dir.path());
    test::ws_client a(server.port()), b(server.port());
    a.join(code, "Anna", "Comune di Lecce");
    b.join(code, "Bruno", "Regione Puglia");
    json const submit{{"type", "submit"},
                      {"ref", "1"},
                      {"id", "same"},
                      {"kind", "activity"},
                      {"text", "Laboratorio sui dati aperti"}};
    a.send(submit);
    auto ack1 = a.read_until([](auto const& f) { return f["type"] == "ack"; });
    REQUIRE(ack1);
    auto retry = submit;
    retry["ref"] = "2";
    a.send(retry);
    auto ack2 = a.read_until([](auto const& f) { return f["type"] == "ack"; });
    REQUIRE(ack2);
    CHECK((*ack2)["ref"] == "2");
    CHECK((*ack2)["result"]["seq"] == (*ack1)["result"]["seq"]);
    auto const event = b.read();
    REQUIRE(event);
    CHECK((*event)["type"] == "contribution");
    auto const more = b.read(300ms);
    CHECK_FALSE(more);
    if (more)
        FAIL("unexpected " << more->dump());
}

TEST_CASE("bad input gets an error reply and the connection goes on", "[integration][live]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    auto const code = test::demo_code(dir.path());
    test::ws_client a(server.port());

    a.send_text("{not json");
    CHECK(a.read().value()["code"] == "bad_json");
    a.send({{"type", "fly"}, {"ref", "u"}});
    auto unknown = a.read().value();
    CHECK(unknown["code"] == "unknown_type");
    CHECK(unknown["ref"] == "u");
    a.send({{"type", "submit"}, {"ref", "s"}, {"id", "x"}, {"kind", "need"}, {"text", "t"}});
    CHECK(a.read().value()["code"] == "not_joined");
    a.send({{"type", "join"},
            {"ref", "j"},
            {"code", "NOPE-NOPE"},
            {"name", "A"},
            {"organization", "B"}});
    CHECK(a.read().value()["code"] == "meeting_not_found");

    REQUIRE(a.join(code, "Anna", "Comune")["type"] == "ack");
    a.send({{"type", "submit"},
            {"ref", "long"},
            {"id", "x"},
            {"kind", "need"},
            {"text", std::string(1001, 'a')}});
    auto too_long = a.read().value();
    CHECK(too_long["code"] == "text_too_long");
    CHECK(too_long["ref"] == "long");
    for (auto const& [frame, code] : std::vector<std::pair<json, std::string>>{
             {{{"type", "submit"}, {"ref", "m"}, {"kind", "need"}, {"text", "t"}}, "bad_message"},
             {{{"type", "submit"}, {"ref", "w"}, {"id", 5}, {"kind", "need"}, {"text", "t"}},
              "bad_message"},
             {{{"type", "submit"}, {"ref", "e"}, {"id", "x"}, {"kind", "need"}, {"text", "  "}},
              "text_empty"},
             {{{"type", "submit"}, {"ref", "c"}, {"id", "x"}, {"kind", "need"}, {"text", "a\x07"}},
              "control_characters"},
             {{{"type", "set_phase"}, {"ref", "r"}, {"phase", "vote"}}, "forbidden"},
         }) {
        a.send(frame);
        auto const reply = a.read().value();
        CHECK(reply["code"] == code);
        CHECK(reply["ref"] == frame["ref"]);
    }
    a.send_text(R"({"type":"ping","ref":"d","x":)" + std::string(50, '[') + std::string(50, ']') +
                "}");
    CHECK(a.read().value()["code"] == "too_deep");
    // Numbers past any range: refused, not rounded into something valid.
    a.send_text(R"({"type":"ping","ref":1e400})");
    auto const huge = a.read().value()["code"];
    CHECK((huge == "bad_json" || huge == "bad_message"));
    a.send_text(R"({"type":"timer","ref":"t","seconds":184467440737095516150})");
    auto const big = a.read().value()["code"];
    CHECK((big == "bad_message" || big == "forbidden"));
    // HTML and script are stored and sent back as the text they are.
    std::string const html = "<img src=x onerror=alert(1)><script>alert(2)</script> & \"q\"";
    a.send({{"type", "submit"}, {"ref", "h"}, {"id", "html"}, {"kind", "need"}, {"text", html}});
    auto const stored = a.read_until([](json const& f) { return f["type"] == "contribution"; });
    REQUIRE(stored);
    CHECK((*stored)["contribution"]["text"] == html);
    a.send({{"type", "ping"}, {"ref", "p"}});
    CHECK(a.read_until(test::reply_to("p")).value() == json{{"type", "ack"}, {"ref", "p"}});
}

TEST_CASE("a frame over the limit closes the connection with 1009", "[integration][live]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    test::ws_client a(server.port());
    a.send_text(std::string(70 * 1024, ' '));
    CHECK_FALSE(a.read());
    CHECK(a.closed());
    CHECK(a.close_reason().code == boost::beast::websocket::close_code::too_big);

    // The server is unharmed.
    test::ws_client b(server.port());
    b.send({{"type", "ping"}, {"ref", 1}});
    CHECK(b.read().value()["type"] == "ack");
}

TEST_CASE("invalid UTF-8: an error for a binary frame, close 1007 for a text frame",
          "[integration][live]") {
    test::temp_dir dir;
    test::server_process server(dir.path());
    test::ws_client a(server.port());
    a.send_binary("{\"type\":\"ping\",\"ref\":\"\xC3\x28\"}");
    CHECK(a.read().value()["code"] == "invalid_utf8");
    a.send_binary(R"({"type":"ping","ref":"b"})");
    CHECK(a.read().value() == json{{"type", "ack"}, {"ref", "b"}});

    a.send_text("{\"type\":\"ping\",\"ref\":\"\xFF\"}");
    CHECK_FALSE(a.read());
    CHECK(a.closed());
    CHECK(a.close_reason().code == boost::beast::websocket::close_code::bad_payload);
}
