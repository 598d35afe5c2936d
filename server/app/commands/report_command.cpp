#include "report_command.hpp"

#include "app/config.hpp"
#include "app/data_dir.hpp"

#include "tavolo/store/database.hpp"
#include "tavolo/store/plans.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <optional>
#include <ostream>

namespace tavolo::app {

int run_report_command(std::vector<std::string> const& args, std::ostream& out, std::ostream& err) {
    std::optional<std::string> year_text, data, config_file;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto const& a = args[i];
        if ((a == "--year" || a == "--data" || a == "--config") && i + 1 < args.size())
            (a == "--year" ? year_text : a == "--data" ? data : config_file) = args[++i];
        else {
            err << "tavolo report: unexpected '" << a
                << "' (usage: tavolo report --year Y [--data DIR] [--config FILE])\n";
            return 2;
        }
    }
    if (!year_text) {
        err << "tavolo report: --year is required\n";
        return 2;
    }
    int year = 0;
    auto const [p, ec] =
        std::from_chars(year_text->data(), year_text->data() + year_text->size(), year);
    if (ec != std::errc() || p != year_text->data() + year_text->size() || year < 1900 ||
        year > 9999) {
        err << "tavolo report: --year must be a year like 2026, not '" << *year_text << "'\n";
        return 2;
    }
    try {
        auto const cfg = command_config(config_file, data);
        auto const path = cfg.data_dir / "tavolo.db";
        if (cfg.store.database.backend == "sqlite" && !std::filesystem::exists(path)) {
            err << "tavolo report: no store at " << path.string() << "\n";
            return 1;
        }
        prepare_data_dir(cfg.data_dir);
        auto db = store::open_database(path, cfg.store.database);
        auto const s = store::plans(db).summarise(year);
        // In the order the figures are read (ordered_json keeps insertion order).
        nlohmann::ordered_json by_month = nlohmann::ordered_json::object();
        for (auto const& [month, n] : s.working_groups_enabled_by_month)
            by_month[month] = n;
        out << nlohmann::ordered_json{{"year", s.year},
                                      {"communities", s.communities},
                                      {"objectives", s.objectives},
                                      {"need_working_group", s.need_working_group},
                                      {"working_groups_enabled_by_month", by_month}}
                   .dump()
            << "\n";
        return 0;
    } catch (std::exception const& e) {
        err << "tavolo report: " << e.what() << "\n";
        return 1;
    }
}

} // namespace tavolo::app
