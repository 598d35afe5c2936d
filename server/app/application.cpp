#include "application.hpp"

#include "coordinator_api.hpp"
#include "demo.hpp"
#include "engine_grouper.hpp"
#include "log.hpp"
#include "store_bridge.hpp"

#include "tavolo/live/hub.hpp"
#include "tavolo/live/secrets.hpp"
#include "tavolo/net/server.hpp"
#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/schema.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <sys/resource.h>

#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

namespace tavolo::app {
namespace {

using json = nlohmann::json;

// GET /healthz: the version and whether the store answers.
net::api_sync_handler health_handler(SQLite::Database& db, std::mutex& db_mutex) {
    return [&db, &db_mutex](net::api_request const&) {
        json store;
        unsigned status = 200;
        try {
            std::lock_guard lock(db_mutex);
            store = {{"status", "ok"},
                     {"schema_version", store::read_schema_version(db)},
                     {"contributions", store::plan_store(db).count_contributions()}};
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

std::string base_url(std::string const& bind, unsigned short port) {
    auto host = bind == "0.0.0.0" || bind == "::" ? std::string("localhost") : bind;
    if (host.find(':') != std::string::npos)
        host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(port) + "/";
}

void print_demo_banner(std::string const& url, std::optional<demo_access> const& demo) {
    std::cout << "\ntavolo is running at " << url << "\n";
    if (demo) {
        std::cout << "  Demo meeting join code:  " << live::format_join_code(demo->join_code)
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

} // namespace

int serve(config const& cfg) {
    auto const open_files = raise_file_limit();
    try {
        std::filesystem::create_directories(cfg.data_dir);
        auto const db_path = cfg.data_dir / "tavolo.db";
        // Opening migrates the schema; the writer opens its own connection after.
        SQLite::Database reader = store::open_database(db_path, cfg.store.database);
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
        live::hub hub(ioc, bridge, cfg.live, &grouper);
        hub.restore();

        live_hooks hooks;
        hooks.meeting_created = [&hub](live::meeting_snapshot m) { hub.add_meeting(std::move(m)); };
        hooks.plan_changed = [&hub] { hub.plan_changed(); };
        hooks.change_meeting = [&hub](std::int64_t id, live::meeting_room::outside_change c,
                                      live_hooks::meeting_changed done) {
            auto const room = hub.find_meeting(id);
            if (!room)
                return false;
            room->change_from_outside(std::move(c), std::move(done));
            return true;
        };
        coordinator_api api(db_path, cfg.store.database, writer, cfg.coordinators,
                            std::move(hooks));
        net::api_router routes;
        routes.add("GET", "/healthz", health_handler(reader, reader_mutex));
        api.add_routes(routes);
        net::server server(ioc, hub, cfg.net, std::move(routes));
        // Signals are caught from before "listening" is announced: one sent
        // as soon as the log says so waits for the handler below.
        boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
        auto const port = server.start();
        auto const url = base_url(cfg.net.bind, port);
        log_info("listening", {{"url", url},
                               {"port", port},
                               {"data_dir", cfg.data_dir.string()},
                               {"meetings", hub.meeting_count()},
                               {"open_files_limit", open_files},
                               {"threads", threads}});
        print_demo_banner(url, demo);

        boost::asio::steady_timer grace(ioc);
        signals.async_wait([&](boost::system::error_code ec, int signo) {
            if (ec)
                return;
            log_info("shutting_down", {{"signal", signo}});
            server.stop();
            hub.shutdown("server shutting down");
            // Give close frames a moment to leave, then stop.
            grace.expires_after(std::chrono::milliseconds(500));
            grace.async_wait([&](boost::system::error_code) { ioc.stop(); });
        });

        std::vector<std::thread> pool;
        for (unsigned i = 1; i < threads; ++i)
            pool.emplace_back([&ioc] { ioc.run(); });
        ioc.run();
        for (auto& t : pool)
            t.join();
        api.stop();
        grouper.stop();
        writer.stop(); // commits whatever is still queued
        log_info("stopped");
        return 0;
    } catch (std::exception const& e) {
        log_error("startup_failed", {{"reason", e.what()}});
        std::cerr << "tavolo: " << e.what() << std::endl;
        return 1;
    }
}

} // namespace tavolo::app
