#include "application.hpp"

#include "app/adapters/engine_grouper.hpp"
#include "app/adapters/lease_keeper.hpp"
#include "app/adapters/live_relay.hpp"
#include "app/adapters/store_bridge.hpp"
#include "app/data_dir.hpp"
#include "app/demo/demo.hpp"
#include "metrics.hpp"
#include "tavolo/api/coordinator_api.hpp"
#include "tavolo/core/log.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/live/hub.hpp"
#include "tavolo/net/server.hpp"
#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <malloc.h>
#include <sys/resource.h>

#include <atomic>
#include <csignal>
#include <cstdlib>

#include <condition_variable>
#include <functional>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

namespace tavolo::app {
namespace {

using json = nlohmann::json;

// GET /healthz: the version and whether the store answers.
net::api_sync_handler health_handler(store::plan_store& reads, std::mutex& db_mutex) {
    return [&reads, &db_mutex](net::api_request const&) {
        json store;
        unsigned status = 200;
        try {
            std::lock_guard lock(db_mutex);
            store = {{"status", "ok"},
                     {"schema_version", reads.stored_schema_version()},
                     {"contributions", reads.count_contributions()}};
        } catch (std::exception const& e) {
            store = {{"status", "unavailable"}, {"error", e.what()}};
            status = 503;
        }
        json body{{"status", status == 200 ? "ok" : "degraded"},
                  {"version", TAVOLO_VERSION},
                  {"store", store}};
        net::api_response r;
        r.status = status;
        r.body = body.dump();
        return r;
    };
}

std::string base_url(std::string const& bind, unsigned short port, bool tls) {
    auto host = bind == "0.0.0.0" || bind == "::" ? std::string("localhost") : bind;
    if (host.find(':') != std::string::npos)
        host = "[" + host + "]";
    return (tls ? "https://" : "http://") + host + ":" + std::to_string(port) + "/";
}

metrics_snapshot gather_metrics(net::server const& server, live::hub const& hub,
                                store::write_queue const& writer) {
    metrics_snapshot m;
    auto const& n = server.counters();
    auto const get = [](auto const& counter) { return counter.load(std::memory_order_relaxed); };
    m.websockets_open = get(n.websockets_open);
    m.websockets_total = get(n.websockets_total);
    m.frames_in = get(n.frames_in);
    m.frames_out = get(n.frames_out);
    m.slow_clients_dropped = get(n.slow_clients_dropped);
    m.origins_refused = get(n.origins_refused);
    m.tls_handshakes_failed = get(n.tls_handshakes_failed);
    for (std::size_t c = 0; c < m.http_responses.size(); ++c)
        m.http_responses[c] = get(n.http_responses[c]);
    m.meetings = hub.meeting_count();
    m.joins = get(hub.counters().joins);
    m.joins_refused = get(hub.counters().joins_refused);
    m.errors = live::errors_sent();
    m.store = writer.stats();
    return m;
}

void print_demo_banner(std::string const& url, std::optional<demo_access> const& demo) {
    std::cout << "\ntavolo is running at " << url << "\n";
    if (demo) {
        std::cout << "  Demo meeting join code:  " << core::format_join_code(demo->join_code)
                  << "\n"
                  << "  Participant link:        " << participant_link(url, demo->join_code) << "\n"
                  << "  Facilitator link:        "
                  << facilitator_link(url, demo->join_code, demo->facilitator_secret) << "\n"
                  << "  (keep the facilitator link private; it is also in demo-access.json "
                     "in the data directory)\n";
    }
    std::cout << "Press Ctrl+C to stop.\n" << std::endl;
}

// Every connection is a file: a large meeting needs more than the usual
// soft limit of 1,024. Raised to the hard limit the system allows.
std::uint64_t raise_file_limit() {
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) != 0)
        return 0;
    if (r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
        getrlimit(RLIMIT_NOFILE, &r);
    }
    return r.rlim_cur;
}

// Runs the io_context; an exception escaping a handler (a bug) is logged and
// the thread goes on serving, rather than ending every meeting at once.
void run_guarded(boost::asio::io_context& ioc) {
    for (;;) {
        try {
            ioc.run();
            return;
        } catch (std::exception const& e) {
            core::log_error("handler_failed", {{"reason", e.what()}});
        }
    }
}

// Once started, ends the process (exit status 1) if finish() is not called
// within the timeout: a shutdown never hangs, whatever it waits for.
class shutdown_watchdog {
public:
    shutdown_watchdog() = default;
    shutdown_watchdog(shutdown_watchdog const&) = delete;
    shutdown_watchdog& operator=(shutdown_watchdog const&) = delete;
    ~shutdown_watchdog() { finish(); }

    void start(std::chrono::seconds timeout) {
        thread_ = std::thread([this, timeout] {
            std::unique_lock lock(mutex_);
            if (!cv_.wait_for(lock, timeout, [this] { return finished_; })) {
                core::log_error("shutdown_timeout", {{"timeout_seconds", timeout.count()}});
                std::_Exit(1);
            }
        });
    }
    void finish() {
        {
            std::lock_guard lock(mutex_);
            finished_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable())
            thread_.join();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool finished_ = false;
    std::thread thread_;
};

} // namespace

void tune_allocator() {
    mallopt(M_TRIM_THRESHOLD, 32 << 20); // bytes free at a heap's top before trimming
}

int serve(config const& cfg) {
    tune_allocator();
    auto const open_files = raise_file_limit();
    // Past a file size limit a write fails (EFBIG) like on a full disk; the
    // default action of the signal that comes with it would kill the server.
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        prepare_data_dir(cfg.data_dir);
        auto const db_path = cfg.data_dir / "tavolo.db";
        // Opening migrates the schema; the writer opens its own connection after.
        auto reader_db = store::open_database(db_path, cfg.store.database);
        store::plan_store reader(reader_db);
        std::mutex reader_mutex;
        std::optional<demo_access> demo;
        if (cfg.demo)
            demo = ensure_demo(reader, cfg.data_dir, cfg.meetings);

        store::write_queue writer(db_path, cfg.store);
        store_bridge bridge(reader, writer);

        auto const threads =
            cfg.threads ? cfg.threads : std::max(1u, std::thread::hardware_concurrency());
        boost::asio::io_context ioc(static_cast<int>(threads));
        engine_grouper grouper(
            cfg.vectors.empty() ? std::nullopt : std::optional<std::filesystem::path>(cfg.vectors),
            cfg.clustering_threads);
        auto live_limits = cfg.live;
        live_limits.rooms.lanes = threads; // one lane per I/O thread
        // Several nodes: meetings are served once their lease is taken.
        bool const clustered = !cfg.cluster.node.empty();
        std::optional<lease_keeper> leases;
        if (clustered) {
            leases.emplace(ioc, writer, cfg.cluster);
            bridge.fence_with(*leases);
        }
        live::hub hub(ioc, bridge, live_limits, &grouper, clustered ? &*leases : nullptr);
        hub.restore();
        if (leases)
            leases->start(hub);

        api::live_hooks hooks;
        hooks.meeting_created = [&hub,
                                 clustered](store::meeting_row const& m,
                                            std::vector<store::objective_record> const& plan) {
            if (clustered)
                return; // served by whichever node takes it when someone joins
            live::meeting_snapshot snapshot;
            snapshot.info = to_meeting_info(m);
            snapshot.plan = to_plan(plan);
            hub.add_meeting(std::move(snapshot));
            // A plan of its year may be published already.
            if (auto const room = hub.find_meeting(m.id))
                room->refresh_plan();
        };
        // Several nodes: the API's changes reach the node that serves the
        // meeting (live_relay.hpp).
        std::optional<live_relay> relay;
        if (clustered) {
            relay.emplace(
                ioc, writer, hub,
                relay_options{.url = cfg.store.database.postgresql_url, .node = leases->node()});
            relay->start();
            hooks.plan_changed = [&relay] { relay->plan_changed(); };
            hooks.change_meeting = [&relay](std::int64_t id, std::string const& code,
                                            live::meeting_room::outside_change c,
                                            api::live_hooks::meeting_changed done) {
                return relay->change_meeting(id, code, std::move(c), std::move(done));
            };
        } else {
            hooks.plan_changed = [&hub] { hub.plan_changed(); };
            hooks.change_meeting = [&hub](std::int64_t id, std::string const&,
                                          live::meeting_room::outside_change c,
                                          api::live_hooks::meeting_changed done) {
                auto const room = hub.find_meeting(id);
                if (!room)
                    return false;
                room->change_from_outside(std::move(c), std::move(done));
                return true;
            };
        }
        api::coordinator_api api(db_path, cfg.store.database, writer, cfg.coordinators,
                                 std::move(hooks));
        net::api_router routes;
        routes.add("GET", "/healthz", health_handler(reader, reader_mutex));
        api.add_routes(routes);
        net::server* metrics_source = nullptr; // set once the server exists
        if (cfg.metrics)
            routes.add("GET", "/metrics", net::api_sync_handler([&](net::api_request const&) {
                           net::api_response r;
                           r.body = render_metrics(gather_metrics(*metrics_source, hub, writer));
                           r.content_type = "text/plain; version=0.0.4; charset=utf-8";
                           return r;
                       }));
        net::server server(ioc, hub, cfg.net, std::move(routes));
        metrics_source = &server;
        // Signals are caught from before "listening" is announced: one sent
        // as soon as the log says so waits for the handler below.
        boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
        auto const port = server.start();
        auto const url = base_url(cfg.net.bind, port, server.tls());
        core::log_info("listening", {{"url", url},
                                     {"port", port},
                                     {"data_dir", cfg.data_dir.string()},
                                     {"store", store::store_name(db_path, cfg.store.database)},
                                     {"node", leases ? leases->node() : std::string()},
                                     {"meetings", hub.meeting_count()},
                                     {"open_files_limit", open_files},
                                     {"tls", server.tls()},
                                     {"threads", threads}});
        print_demo_banner(url, demo);

        boost::asio::steady_timer grace(ioc);
        std::chrono::steady_clock::time_point stop_by;
        std::function<void()> wait_for_clients;
        shutdown_watchdog watchdog;
        signals.async_wait([&](boost::system::error_code ec, int signo) {
            if (ec)
                return;
            core::log_info("shutting_down",
                           {{"signal", signo}, {"timeout_seconds", cfg.shutdown_timeout.count()}});
            watchdog.start(cfg.shutdown_timeout);
            server.stop();
            if (relay)
                relay->stop();
            if (leases)
                leases->stop(); // another node may take this one's meetings at once
            hub.shutdown("server shutting down");
            // Give close frames time to leave (a quarter of the timeout at
            // most), then stop serving; queued writes are committed below.
            stop_by = std::chrono::steady_clock::now() + cfg.shutdown_timeout / 4;
            wait_for_clients = [&] {
                if (server.counters().websockets_open.load() <= 0 ||
                    std::chrono::steady_clock::now() >= stop_by)
                    return ioc.stop();
                grace.expires_after(std::chrono::milliseconds(20));
                grace.async_wait([&](boost::system::error_code) { wait_for_clients(); });
            };
            wait_for_clients();
        });

        std::vector<std::thread> pool;
        for (unsigned i = 1; i < threads; ++i)
            pool.emplace_back([&ioc] { run_guarded(ioc); });
        run_guarded(ioc);
        for (auto& t : pool)
            t.join();
        api.stop();
        grouper.stop();
        writer.stop(); // commits whatever is still queued
        watchdog.finish();
        core::log_info("stopped");
        return 0;
    } catch (std::exception const& e) {
        core::log_error("startup_failed", {{"reason", e.what()}});
        std::cerr << "tavolo: " << e.what() << std::endl;
        return 1;
    }
}

} // namespace tavolo::app
