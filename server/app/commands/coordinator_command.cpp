#include "coordinator_command.hpp"

#include "app/config.hpp"
#include "app/data_dir.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>

namespace tavolo::app {
namespace {

// A name is shown on pages and in logs: printable, one line, not too long.
std::optional<std::string> name_problem(std::string const& name) {
    if (name.empty())
        return "the name is empty";
    if (name.size() > 100)
        return "the name is longer than 100 bytes";
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f)
            return "the name has a control character";
    return std::nullopt;
}

} // namespace

int run_coordinator_command(std::vector<std::string> const& args, std::ostream& out,
                            std::ostream& err) {
    if (args.empty() || args[0] != "add") {
        err << "tavolo coordinator: expected 'add NAME [--data DIR] [--config FILE]'\n";
        return 2;
    }
    std::optional<std::string> name, data, config_file;
    for (std::size_t i = 1; i < args.size(); ++i) {
        auto const& a = args[i];
        if ((a == "--data" || a == "--config") && i + 1 < args.size())
            (a == "--data" ? data : config_file) = args[++i];
        else if (a.rfind("--", 0) == 0) {
            err << "tavolo coordinator add: unknown option '" << a << "'\n";
            return 2;
        } else if (!name)
            name = a;
        else {
            err << "tavolo coordinator add: one name expected\n";
            return 2;
        }
    }
    if (!name) {
        err << "tavolo coordinator add: the coordinator's name is missing\n";
        return 2;
    }
    if (auto const problem = name_problem(*name)) {
        err << "tavolo coordinator add: " << *problem << "\n";
        return 2;
    }
    try {
        auto const cfg = command_config(config_file, data);
        prepare_data_dir(cfg.data_dir);
        auto db = store::open_database(cfg.data_dir / "tavolo.db", cfg.store.database);
        store::plan_store store(db);
        if (store.find_coordinator(*name)) {
            err << "tavolo coordinator add: a coordinator named '" << *name << "' exists already\n";
            return 1;
        }
        auto const password = core::generate_password();
        store.create_coordinator(*name, core::hash_password(password));
        out << "Coordinator '" << *name << "' added.\n"
            << "Password (shown only now; keep it safe): " << password << "\n";
        return 0;
    } catch (std::exception const& e) {
        err << "tavolo coordinator add: " << e.what() << "\n";
        return 1;
    }
}

} // namespace tavolo::app
