#include "account_command.hpp"

#include "app/config.hpp"
#include "app/data_dir.hpp"

#include "tavolo/core/secrets.hpp"
#include "tavolo/core/text_checks.hpp"
#include "tavolo/store/database.hpp"
#include "tavolo/store/plan_store.hpp"

#include <algorithm>
#include <optional>
#include <ostream>

namespace tavolo::app {
namespace {

constexpr char const* account_usage =
    "usage: tavolo account add NAME --role admin|referent|co-coordinator [--community SLUG ...]\n"
    "       tavolo account list\n"
    "       tavolo account disable|enable|reset-password|revoke-sessions NAME\n"
    "       (each also takes --data DIR and --config FILE)\n";

// The API's rule for a name (one line, trimmed, not blank, at most 100
// characters), so an account made here can be managed from the pages.
constexpr core::text_rule account_name{.max_chars = 100};

struct account_args {
    std::string action;
    std::optional<std::string> name, role, data, config_file;
    std::vector<std::string> communities;
};

// Reads the words after the action; nullopt (and a message) when they do not fit.
std::optional<account_args> parse(std::vector<std::string> const& args, std::string const& command,
                                  std::ostream& err) {
    account_args a;
    a.action = args.empty() ? "" : args[0];
    for (std::size_t i = 1; i < args.size(); ++i) {
        auto const& w = args[i];
        bool const has_value = i + 1 < args.size();
        if (w == "--data" && has_value)
            a.data = args[++i];
        else if (w == "--config" && has_value)
            a.config_file = args[++i];
        else if (w == "--role" && has_value && command == "account")
            a.role = args[++i];
        else if (w == "--community" && has_value && command == "account")
            a.communities.push_back(args[++i]);
        else if (w.rfind("--", 0) == 0) {
            err << "tavolo " << command << " " << a.action << ": unknown option or missing value '"
                << w << "'\n";
            return std::nullopt;
        } else if (!a.name)
            a.name = w;
        else {
            err << "tavolo " << command << " " << a.action << ": one name expected\n";
            return std::nullopt;
        }
    }
    bool const takes_name = a.action != "list";
    if (takes_name && !a.name) {
        err << "tavolo " << command << " " << a.action << ": the account's name is missing\n";
        return std::nullopt;
    }
    if (!takes_name && a.name) {
        err << "tavolo " << command << " list: takes no name\n";
        return std::nullopt;
    }
    if (a.name) {
        auto const checked = core::check_text(*a.name, account_name);
        if (!checked) {
            err << "tavolo " << command << " " << a.action
                << ": the name must be one line of 1 to 100 characters, not blank\n";
            return std::nullopt;
        }
        a.name = std::string(checked.text);
    }
    return a;
}

int add(store::plan_store& s, account_args const& a, std::ostream& out, std::ostream& err) {
    if (s.find_coordinator(*a.name)) {
        err << "tavolo account add: an account named '" << *a.name << "' exists already\n";
        return 1;
    }
    std::vector<std::int64_t> ids;
    for (auto const& slug : a.communities) {
        auto const c = s.find_community(slug);
        if (!c) {
            err << "tavolo account add: there is no community '" << slug << "'\n";
            return 1;
        }
        ids.push_back(c->id);
    }
    auto const password = core::generate_password();
    if (a.role)
        s.create_account(*a.name, core::hash_password(password), *a.role, ids);
    else
        s.create_coordinator(*a.name, core::hash_password(password));
    out << "Account '" << *a.name << "' added as " << s.find_coordinator(*a.name)->role << ".\n"
        << "Password (shown only now; keep it safe): " << password << "\n";
    return 0;
}

void list(store::plan_store& s, std::ostream& out) {
    out << "name\trole\tcommunities\tdisabled\n";
    for (auto const& a : s.coordinators()) {
        std::string communities;
        for (auto const& [id, slug] : a.communities)
            communities += (communities.empty() ? "" : ",") + slug;
        out << a.name << "\t" << a.role << "\t" << (communities.empty() ? "-" : communities) << "\t"
            << (a.disabled ? "yes" : "no") << "\n";
    }
}

int change(store::plan_store& s, account_args const& a, std::ostream& out, std::ostream& err) {
    auto const who = s.find_coordinator(*a.name);
    if (!who) {
        err << "tavolo account " << a.action << ": no account named '" << *a.name << "'\n";
        return 1;
    }
    if (a.action == "disable" || a.action == "enable") {
        s.set_disabled(who->id, a.action == "disable");
        out << "Account '" << who->name << "' " << a.action << "d.\n";
    } else if (a.action == "reset-password") {
        auto const password = core::generate_password();
        s.atomically([&] {
            s.set_password(who->id, core::hash_password(password));
            s.delete_sessions_of(who->id);
        });
        out << "New password for '" << who->name << "' (shown only now; keep it safe): " << password
            << "\n";
    } else {
        auto const ended = s.delete_sessions_of(who->id);
        out << "Signed '" << who->name << "' out everywhere (" << ended << " sessions ended).\n";
    }
    return 0;
}

// Checks the words, then runs the action on the store.
int run(std::vector<std::string> const& args, std::string const& command, std::ostream& out,
        std::ostream& err) {
    auto const a = parse(args, command, err);
    if (!a)
        return 2;
    if (a->action == "add" && command == "account") {
        if (!a->role ||
            (*a->role != "admin" && *a->role != "referent" && *a->role != "co-coordinator")) {
            err << "tavolo account add: --role must be admin, referent or co-coordinator\n";
            return 2;
        }
        if ((*a->role == "co-coordinator") == a->communities.empty()) {
            err << "tavolo account add: a co-coordinator needs --community SLUG (one or more); "
                   "the other roles take none\n";
            return 2;
        }
    }
    try {
        auto const cfg = command_config(a->config_file, a->data);
        prepare_data_dir(cfg.data_dir);
        auto db = store::open_database(cfg.data_dir / "tavolo.db", cfg.store.database);
        store::plan_store s(db);
        if (a->action == "add")
            return add(s, *a, out, err);
        if (a->action == "list") {
            list(s, out);
            return 0;
        }
        return change(s, *a, out, err);
    } catch (std::exception const& e) {
        err << "tavolo " << command << " " << a->action << ": " << e.what() << "\n";
        return 1;
    }
}

} // namespace

int run_account_command(std::vector<std::string> const& args, std::ostream& out,
                        std::ostream& err) {
    static std::vector<std::string> const actions{"add",    "list",           "disable",
                                                  "enable", "reset-password", "revoke-sessions"};
    if (args.empty() || std::find(actions.begin(), actions.end(), args[0]) == actions.end()) {
        err << account_usage;
        return 2;
    }
    return run(args, "account", out, err);
}

int run_coordinator_command(std::vector<std::string> const& args, std::ostream& out,
                            std::ostream& err) {
    if (args.empty() || args[0] != "add") {
        err << "tavolo coordinator: expected 'add NAME [--data DIR] [--config FILE]' (see also "
               "'tavolo account')\n";
        return 2;
    }
    return run(args, "coordinator", out, err);
}

} // namespace tavolo::app
