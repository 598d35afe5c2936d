// `tavolo account add|list|disable|enable|reset-password|revoke-sessions`:
// the coordinator accounts from the command line, on the store in the data
// directory (safe while the server runs: SQLite WAL; a disabled account's
// sessions end at once). Generated passwords are printed once (only their
// argon2id hash is kept). `tavolo coordinator add NAME` is the older form of
// `account add`: the first account made is the admin, later ones referents.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tavolo::app {

// Both return the exit code (0, 1 on a failure, 2 on bad usage); errors go
// to `err`.
int run_account_command(std::vector<std::string> const& args, std::ostream& out, std::ostream& err);
int run_coordinator_command(std::vector<std::string> const& args, std::ostream& out,
                            std::ostream& err);

} // namespace tavolo::app
