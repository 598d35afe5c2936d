// The failover of issue 21, shared by its integration test and its benchmark
// (bench/failover_bench.cpp): two tavolo nodes on one PostgreSQL database
// behind HAProxy (config/haproxy.cfg), one meeting, `clients` participants
// each submitting `per_client` contributions through the proxy. Once a third
// of them are acknowledged, the node that hosts the meeting is killed
// (SIGKILL); each client reconnects through the proxy, joins again (retrying
// while the meeting moves) and sends again what was not acknowledged, under
// the same id, as the page's outbox does. Then the store and every client's
// view are checked.
#pragma once

#include "support/demo_access.hpp"
#include "support/haproxy_process.hpp"
#include "support/postgres_server.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tavolo::test {

struct failover_result {
    int clients = 0;
    std::int64_t acknowledged = 0;
    std::int64_t stored = 0;               // the meeting's contributions in the store
    std::int64_t stored_distinct = 0;      // by client id
    std::int64_t acknowledged_missing = 0; // acknowledged, not in the store
    int views_complete = 0;                // clients whose view after the move has every one
    double resumed_max_s = 0;              // from the kill to the last client joined again
    double resumed_median_s = 0;
    int lease_seconds = 0;
};

namespace failover_detail {

using clock = std::chrono::steady_clock;

// One participant: joins through the proxy, submits, and after a drop joins
// again and sends again what is not acknowledged.
struct participant {
    unsigned short proxy;
    std::string code;
    std::string name;
    std::unique_ptr<ws_client> ws;

    void join() {
        for (;;) {
            try {
                if (!ws || ws->closed())
                    ws = std::make_unique<ws_client>(proxy, 0, "", "/ws?meeting=" + code);
                auto const reply = ws->join(code, name, "Ente di prova");
                if (reply["type"] == "ack")
                    return;
                if (reply["code"] == "meeting_moving") {
                    std::this_thread::sleep_for(
                        std::chrono::milliseconds(reply["retry_after_ms"].get<int>()));
                    continue;
                }
            } catch (std::exception const&) {
                // Refused or dropped while the proxy notices the dead node.
            }
            ws.reset();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
};

} // namespace failover_detail

inline failover_result run_failover(int clients, int per_client, int lease_seconds) {
    using namespace failover_detail;
    temp_dir dir;
    auto const url = postgres_server::shared().fresh_database();
    auto config = [&](std::string const& node) {
        auto const file = dir / (node + ".json");
        std::ofstream(file) << nlohmann::json{
            {"store", {{"backend", "postgresql"}, {"postgresql", {{"url", url}}}}},
            {"cluster", {{"node", node}, {"lease_seconds", lease_seconds}}},
            {"limits",
             {{"messages_per_second", 1000},
              {"message_burst",
               1000}}}}.dump();
        return std::vector<std::string>{"--config", file.string()};
    };
    std::vector<std::unique_ptr<server_process>> nodes;
    nodes.push_back(std::make_unique<server_process>(dir / "node1", config("node1")));
    auto const code = demo_code(dir / "node1");
    nodes.push_back(std::make_unique<server_process>(dir / "node2", config("node2")));
    haproxy_process proxy({nodes[0]->port(), nodes[1]->port()});

    std::atomic<std::int64_t> acknowledged{0};
    std::atomic<bool> killed{false};
    clock::time_point killed_at;
    std::mutex mutex;
    std::vector<std::string> acked_ids;
    std::vector<double> resumed;

    std::vector<std::thread> threads;
    for (int k = 0; k < clients; ++k)
        threads.emplace_back([&, k] {
            participant p{proxy.port(), code, "Persona " + std::to_string(k), nullptr};
            p.join();
            for (int i = 0; i < per_client; ++i) {
                auto const id = "c" + std::to_string(k) + "-" + std::to_string(i);
                for (;;) {
                    bool acked = false;
                    try {
                        p.ws->send({{"type", "submit"},
                                    {"ref", id},
                                    {"id", id},
                                    {"kind", "proposal"},
                                    {"text", "Proposta " + id}});
                        auto const reply =
                            p.ws->read_until(reply_to(id), std::chrono::milliseconds(3000));
                        acked = reply && (*reply)["type"] == "ack";
                    } catch (std::exception const&) {
                    }
                    if (acked)
                        break;
                    // Dropped, refused or unanswered: join again, send again.
                    bool const after_kill = killed.load();
                    p.ws.reset();
                    p.join();
                    if (after_kill) {
                        std::lock_guard lock(mutex);
                        resumed.push_back(
                            std::chrono::duration<double>(clock::now() - killed_at).count());
                    }
                }
                ++acknowledged;
                std::lock_guard lock(mutex);
                acked_ids.push_back(id);
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });

    // Kill the node that hosts the meeting, mid-way.
    auto const total = static_cast<std::int64_t>(clients) * per_client;
    while (acknowledged.load() < total / 3)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto const holder = query_column(url, "SELECT node FROM meeting_leases WHERE expires_at > 0");
    std::size_t const victim = !holder.empty() && holder[0].rfind("node2", 0) == 0 ? 1 : 0;
    {
        std::lock_guard lock(mutex);
        killed_at = clock::now();
    }
    killed = true;
    nodes[victim]->kill();
    for (auto& t : threads)
        t.join();

    failover_result r;
    r.clients = clients;
    r.lease_seconds = lease_seconds;
    r.acknowledged = acknowledged.load();
    auto const in_meeting = "FROM contributions k JOIN meetings m ON m.id = k.meeting_id WHERE "
                            "m.join_code = '" +
                            code + "'";
    r.stored = std::stoll(query_column(url, "SELECT COUNT(*) " + std::string(in_meeting)).at(0));
    r.stored_distinct = std::stoll(
        query_column(url, "SELECT COUNT(DISTINCT client_id) " + std::string(in_meeting)).at(0));
    auto const stored_ids = query_column(url, "SELECT client_id " + std::string(in_meeting));
    std::set<std::string> const stored_set(stored_ids.begin(), stored_ids.end());
    for (auto const& id : acked_ids)
        r.acknowledged_missing += stored_set.count(id) ? 0 : 1;
    // Every client's view after the move: a fresh join shows every one.
    for (int k = 0; k < clients; ++k) {
        participant p{proxy.port(), code, "Persona " + std::to_string(k), nullptr};
        p.ws = std::make_unique<ws_client>(proxy.port(), 0, "", "/ws?meeting=" + code);
        auto const reply = p.ws->join(code, p.name, "Ente di prova");
        std::set<std::string> seen;
        if (reply["type"] == "ack")
            for (auto const& c : reply["result"]["contributions"])
                seen.insert(c["id"].get<std::string>());
        r.views_complete += std::all_of(acked_ids.begin(), acked_ids.end(),
                                        [&](auto const& id) { return seen.count(id) > 0; });
    }
    if (!resumed.empty()) {
        std::sort(resumed.begin(), resumed.end());
        r.resumed_max_s = resumed.back();
        r.resumed_median_s = resumed[resumed.size() / 2];
    }
    return r;
}

} // namespace tavolo::test
