// tavolo's command line: `tavolo serve [--config FILE] [--port P] [--bind ADDR]
// [--data DIR]`, `tavolo --version`, `tavolo --help`.
#include "app/application.hpp"
#include "app/commands/account_command.hpp"
#include "app/commands/backup_command.hpp"
#include "app/commands/cluster_command.hpp"
#include "app/commands/report_command.hpp"
#include "app/commands/vectors_command.hpp"
#include "app/config.hpp"
#include "app/data_dir.hpp"

#include <charconv>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr char const* usage = R"(usage:
  tavolo serve [--config FILE] [--port P] [--bind ADDR] [--data DIR]
  tavolo cluster [--lang it|en|auto] [--k N] [--vectors FILE] < in.jsonl > out.jsonl
  tavolo account add NAME --role admin|referent|co-coordinator [--community SLUG ...]
  tavolo account list|disable NAME|enable NAME|reset-password NAME|revoke-sessions NAME
  tavolo coordinator add NAME [--data DIR] [--config FILE]
  tavolo report --year Y [--data DIR] [--config FILE]
  tavolo export --out FILE [--data DIR] [--config FILE]
  tavolo import FILE [--data DIR] [--config FILE]
  tavolo vectors prepare|pack|info ...
  tavolo --version
  tavolo --help

serve    runs the server: the web page, the HTTP API and live meetings on one port.
  --config FILE  settings in JSON (see config/tavolo.example.json); flags override it
  --port P       TCP port (0: any free port; the log states the URL)
  --bind ADDR    IP address to listen on (default 127.0.0.1)
  --data DIR     where the SQLite store lives (default ./data)

cluster  groups texts: reads {"id":...,"text":...} lines, writes {"id","cluster","title"}
         lines in the same order (cluster -1: ungrouped).
  --lang L       it, en, or auto (default: detected per text)
  --k N          the number of groups (default: chosen automatically)
  --vectors FILE word vectors (default: none, words only)

account  manages the coordinator area's accounts (each takes --data DIR, --config FILE):
         add prints the new account's password once; a co-coordinator changes only
         its --community communities; list shows name, role, communities, disabled;
         disable ends the account's sessions at once; reset-password prints a new
         password once; revoke-sessions signs the account out everywhere.
coordinator add  the older form of account add: the first account made is the admin,
         later ones referents.

export   writes a complete backup of the store as JSON; import restores one into an
         empty store (a new data directory, with the server stopped).

report   prints a year's summary figures across all communities as one JSON object:
         communities, objectives and those needing a working group (approved ones),
         working groups enabled by start month.
)";

int fail(std::string const& message) {
    std::cerr << "tavolo: " << message << "\n\n" << usage;
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    // Before any command makes a file: the store, its WAL, exports and the
    // demo's access are for tavolo's own account only.
    tavolo::app::keep_files_private();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << usage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "tavolo " << TAVOLO_VERSION_STRING << "\n";
        return 0;
    }
    if (args[0] == "vectors")
        return tavolo::app::run_vectors_command({args.begin() + 1, args.end()}, std::cin, std::cout,
                                                std::cerr);
    if (args[0] == "account")
        return tavolo::app::run_account_command({args.begin() + 1, args.end()}, std::cout,
                                                std::cerr);
    if (args[0] == "coordinator")
        return tavolo::app::run_coordinator_command({args.begin() + 1, args.end()}, std::cout,
                                                    std::cerr);
    if (args[0] == "export")
        return tavolo::app::run_export_command({args.begin() + 1, args.end()}, std::cout,
                                               std::cerr);
    if (args[0] == "import")
        return tavolo::app::run_import_command({args.begin() + 1, args.end()}, std::cout,
                                               std::cerr);
    if (args[0] == "report")
        return tavolo::app::run_report_command({args.begin() + 1, args.end()}, std::cout,
                                               std::cerr);
    if (args[0] == "cluster")
        return tavolo::app::run_cluster_command({args.begin() + 1, args.end()}, std::cin, std::cout,
                                                std::cerr);
    if (args[0] != "serve")
        return fail("unknown command '" + args[0] + "'");

    std::optional<std::string> config_file, port, bind, data;
    for (std::size_t i = 1; i < args.size(); ++i) {
        auto const& a = args[i];
        auto take = [&](std::optional<std::string>& into) {
            if (i + 1 >= args.size())
                return false;
            into = args[++i];
            return true;
        };
        bool ok = false;
        if (a == "--config")
            ok = take(config_file);
        else if (a == "--port")
            ok = take(port);
        else if (a == "--bind")
            ok = take(bind);
        else if (a == "--data")
            ok = take(data);
        else
            return fail("unknown option '" + a + "'");
        if (!ok)
            return fail("option '" + a + "' needs a value");
    }

    auto cfg = tavolo::app::default_config();
    try {
        if (config_file)
            tavolo::app::apply_config_file(cfg, *config_file);
        // Flags are applied as settings, so they are checked the same way.
        nlohmann::json flags = nlohmann::json::object();
        if (port) {
            unsigned long value = 0;
            auto const [ptr, ec] =
                std::from_chars(port->data(), port->data() + port->size(), value);
            if (ec != std::errc() || ptr != port->data() + port->size())
                return fail("--port must be a number, not '" + *port + "'");
            flags["port"] = value;
        }
        if (bind)
            flags["bind"] = *bind;
        if (data)
            flags["data_dir"] = *data;
        tavolo::app::apply_config_json(cfg, flags.dump(), "command line");
    } catch (tavolo::app::config_error const& e) {
        std::cerr << "tavolo: " << e.what() << "\n";
        return 2;
    }
    return tavolo::app::serve(cfg);
}
