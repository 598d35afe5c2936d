// Durable submissions a second through tavolo's store writer: each submission
// is the live module's own change (a new contribution, its author, the
// meeting's seq) written by app::write_change, and counts once its commit is
// durable (synchronous=FULL, WAL). Run with group commit (the writer batches
// what is queued into one transaction, up to 512) against one transaction per
// submission, on the same machine in the same run.
//
// With --postgresql URL the same runs go to that PostgreSQL database instead
// (synchronous_commit on; everything in it is dropped first).
//
// usage: store_bench [--meetings M] [--seconds T] [--in-flight N] [--dir DIR]
//                    [--without-search-index] [--postgresql URL]
#include "app/adapters/store_bridge.hpp"
#include "app/application.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"
#include "tavolo/store/write_queue.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <string>

using namespace tavolo;
using clock_type = std::chrono::steady_clock;

namespace {

struct options {
    int meetings = 200;
    double seconds = 5;
    int in_flight = 2000; // submissions queued and not yet durable, at most
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "tavolo-store-bench";
    // Diagnosis: without the full-text index's insert trigger, to measure
    // what keeping search up to date costs each submission.
    bool without_search_index = false;
    std::string postgresql_url;

    store::database_options database() const {
        store::database_options d;
        if (!postgresql_url.empty()) {
            d.backend = "postgresql";
            d.postgresql_url = postgresql_url;
        }
        return d;
    }
};

// A fresh store with `meetings` meetings, each with one participant.
std::filesystem::path prepare(options const& o, std::string const& name) {
    auto const path = o.dir / (name + ".db");
    for (auto const* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path.string() + suffix);
    if (!o.postgresql_url.empty()) {
        auto old = store::sql::open_postgresql(o.postgresql_url);
        old.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }
    auto db = store::open_database(path, o.database());
    if (o.without_search_index)
        db.exec(o.postgresql_url.empty() ? "DROP TRIGGER contributions_fts_insert"
                                         : "DROP INDEX contributions_text_search");
    store::plan_store s(db);
    auto const community = s.create_community({0, "bench", "Bench", ""});
    for (int i = 0; i < o.meetings; ++i) {
        store::meeting_row m;
        m.community_id = community;
        m.title = "M" + std::to_string(i);
        m.scheduled_on = "2027-03-01";
        m.join_code = "B" + std::to_string(1000000 + i);
        m.facilitator_secret_hash = "h";
        auto const id = s.create_meeting(m);
        s.upsert_participant(
            {"p" + std::to_string(id), id, "Anna", "Comune", "participant", 1, "", false});
    }
    return path;
}

struct result {
    std::int64_t durable = 0;
    double seconds = 0;
    std::size_t batches = 0;
    double per_second() const { return seconds > 0 ? static_cast<double>(durable) / seconds : 0; }
};

result run(options const& o, std::size_t max_batch, std::string const& name) {
    auto const path = prepare(o, name);
    store::write_queue_options wo;
    wo.max_batch = max_batch;
    wo.database = o.database();
    store::write_queue writer(path, wo);

    std::mutex mutex;
    std::condition_variable room;
    int outstanding = 0;
    std::atomic<std::int64_t> durable{0};
    std::vector<std::int64_t> seq(static_cast<std::size_t>(o.meetings) + 1, 0);

    auto const start = clock_type::now();
    auto const end = start + std::chrono::duration_cast<clock_type::duration>(
                                 std::chrono::duration<double>(o.seconds));
    std::int64_t n = 0;
    while (clock_type::now() < end) {
        {
            std::unique_lock lock(mutex);
            room.wait(lock, [&] { return outstanding < o.in_flight; });
            ++outstanding;
        }
        auto const meeting = 1 + (n % o.meetings); // meeting ids start at 1
        live::meeting_change change;
        change.meeting_id = meeting;
        change.seq = ++seq[static_cast<std::size_t>(meeting)];
        live::contribution c;
        c.id = "c" + std::to_string(n);
        c.meeting_id = meeting;
        c.seq = change.seq;
        c.text =
            "Una proposta di prova per misurare le scritture durevoli, numero " + std::to_string(n);
        c.participant_id = "p" + std::to_string(meeting);
        c.created_at_ms = n;
        change.contributions.push_back(std::move(c));
        ++n;
        writer.push([change](store::plan_store& s) { app::write_change(s, change); },
                    [&](std::optional<std::string> error) {
                        if (!error)
                            ++durable;
                        std::lock_guard lock(mutex);
                        --outstanding;
                        room.notify_one();
                    });
    }
    auto const counted = durable.load(); // durable within the time
    auto const seconds = std::chrono::duration<double>(clock_type::now() - start).count();
    {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return outstanding == 0; });
    }
    result r{counted, seconds, writer.batches_committed()};
    writer.stop();
    return r;
}

} // namespace

int main(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string const a = argv[i];
        bool const has_value = i + 1 < argc;
        if (a == "--without-search-index")
            o.without_search_index = true;
        else if (a == "--meetings" && has_value)
            o.meetings = std::stoi(argv[++i]);
        else if (a == "--seconds" && has_value)
            o.seconds = std::stod(argv[++i]);
        else if (a == "--in-flight" && has_value)
            o.in_flight = std::stoi(argv[++i]);
        else if (a == "--dir" && has_value)
            o.dir = argv[++i];
        else if (a == "--postgresql" && has_value)
            o.postgresql_url = argv[++i];
        else {
            std::cerr << "usage: store_bench [--meetings M] [--seconds T] [--in-flight N] "
                         "[--dir DIR] [--without-search-index] [--postgresql URL]\n";
            return 2;
        }
    }
    app::tune_allocator(); // as the server does
    std::filesystem::create_directories(o.dir);
    auto const single = run(o, 1, "single");
    auto const grouped = run(o, 512, "grouped");
    nlohmann::json out{
        {"store", o.postgresql_url.empty() ? "sqlite" : "postgresql"},
        {"meetings", o.meetings},
        {"seconds", o.seconds},
        {"one_transaction_per_submission",
         {{"durable_per_second", single.per_second()}, {"batches", single.batches}}},
        {"group_commit",
         {{"durable_per_second", grouped.per_second()},
          {"batches", grouped.batches},
          {"mean_batch",
           grouped.batches ? static_cast<double>(grouped.durable) / grouped.batches : 0}}},
        {"speedup", single.per_second() > 0 ? grouped.per_second() / single.per_second() : 0}};
    std::cout << out.dump() << std::endl;
    std::filesystem::remove_all(o.dir);
    return 0;
}
