// tavolo's configuration: defaults, the JSON file (config/tavolo.example.json
// documents every key), and command-line flags, which override the file.
// Loading refuses an unknown key or a bad value with a message naming it.
#pragma once

#include "app/adapters/lease_keeper.hpp"
#include "tavolo/api/coordinator_api.hpp"

#include "tavolo/live/hub.hpp"
#include "tavolo/net/options.hpp"
#include "tavolo/store/write_queue.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tavolo::app {

struct config {
    net::options net;
    live::hub_limits live;
    store::write_queue_options store;
    live::meeting_settings meetings; // settings of newly created meetings
    std::filesystem::path data_dir = "./data";
    unsigned threads = 0; // 0: one per core
    // Word vectors for clustering; empty: cluster without them.
    // ("clustering.vectors": "" keeps the shipped file, "none" clears it.)
    std::filesystem::path vectors;
    unsigned clustering_threads = 1;
    bool demo = true; // create the demo community on first start
    // SIGTERM: time to close connections and commit queued writes before
    // exiting anyway.
    std::chrono::seconds shutdown_timeout{10};
    bool metrics = true; // serve GET /metrics
    api::coordinator_api_options coordinators;
    // Several nodes on one PostgreSQL store (docs/deploy.md): this node's
    // name (empty: one node, serving every meeting) and its leases.
    lease_options cluster;
};

struct config_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

config default_config();

// Applies the JSON text of a configuration file over `cfg`. `origin` names the
// file in error messages. Comments (// and /* */) are allowed.
void apply_config_json(config& cfg, std::string const& text, std::string const& origin);

// Reads and applies a configuration file.
void apply_config_file(config& cfg, std::filesystem::path const& file);

// The settings of a command (report, export, ...): the defaults, then the
// file given with --config, then the directory given with --data.
config command_config(std::optional<std::string> const& config_file,
                      std::optional<std::string> const& data_dir);

} // namespace tavolo::app
