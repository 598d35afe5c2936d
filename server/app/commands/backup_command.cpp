#include "backup_command.hpp"

#include "app/config.hpp"
#include "app/data_dir.hpp"

#include "tavolo/store/backup.hpp"
#include "tavolo/store/database.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace tavolo::app {
namespace {

struct options {
    std::optional<std::string> file, data, config_file;
};

// Parses "[--data DIR] [--config FILE]" plus the file: after `file_flag`
// ("--out"), or as the one positional argument when `file_flag` is empty.
std::optional<options> parse(std::vector<std::string> const& args, std::string const& file_flag,
                             std::string const& command, std::ostream& err) {
    options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto const& a = args[i];
        if ((a == "--data" || a == "--config" || (!file_flag.empty() && a == file_flag)) &&
            i + 1 < args.size())
            (a == "--data" ? o.data : a == "--config" ? o.config_file : o.file) = args[++i];
        else if (file_flag.empty() && a.rfind("--", 0) != 0 && !o.file)
            o.file = a;
        else {
            err << "tavolo " << command << ": unexpected '" << a << "'\n";
            return std::nullopt;
        }
    }
    if (!o.file) {
        err << "tavolo " << command << ": "
            << (file_flag.empty() ? "the backup file is missing" : file_flag + " FILE is required")
            << "\n";
        return std::nullopt;
    }
    return o;
}

} // namespace

int run_export_command(std::vector<std::string> const& args, std::ostream& out, std::ostream& err) {
    auto const o = parse(args, "--out", "export", err);
    if (!o)
        return 2;
    try {
        auto const cfg = command_config(o->config_file, o->data);
        auto const path = cfg.data_dir / "tavolo.db";
        if (cfg.store.database.backend == "sqlite" && !std::filesystem::exists(path)) {
            err << "tavolo export: no store at " << path.string() << "\n";
            return 1;
        }
        prepare_data_dir(cfg.data_dir);
        auto db = store::open_database(path, cfg.store.database);
        auto const text = store::export_backup(db);
        // Written beside, then renamed: a failed export leaves no half file.
        auto const tmp = *o->file + ".tmp";
        {
            std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
            f << text;
            if (!f.flush())
                throw std::runtime_error("cannot write " + tmp);
        }
        std::filesystem::rename(tmp, *o->file);
        out << "exported the store at " << store::store_name(path, cfg.store.database) << " to "
            << *o->file << " (" << text.size() << " bytes)\n";
        return 0;
    } catch (std::exception const& e) {
        err << "tavolo export: " << e.what() << "\n";
        return 1;
    }
}

int run_import_command(std::vector<std::string> const& args, std::ostream& out, std::ostream& err) {
    auto const o = parse(args, "", "import", err);
    if (!o)
        return 2;
    try {
        std::ifstream f(*o->file, std::ios::binary);
        if (!f) {
            err << "tavolo import: cannot read " << *o->file << "\n";
            return 1;
        }
        std::ostringstream text;
        text << f.rdbuf();
        auto const cfg = command_config(o->config_file, o->data);
        prepare_data_dir(cfg.data_dir);
        auto db = store::open_database(cfg.data_dir / "tavolo.db", cfg.store.database);
        store::import_backup(db, text.str());
        out << "imported " << *o->file << " into "
            << store::store_name(cfg.data_dir / "tavolo.db", cfg.store.database) << "\n";
        return 0;
    } catch (std::exception const& e) {
        err << "tavolo import: " << e.what() << "\n";
        return 1;
    }
}

} // namespace tavolo::app
