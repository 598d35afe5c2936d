// `tavolo coordinator add NAME [--data DIR] [--config FILE]`: creates a
// coordinator account in the store and prints its password, once (only its
// argon2id hash is kept). Safe while the server runs (SQLite WAL).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tavolo::app {

// Returns the exit code; errors go to `err`.
int run_coordinator_command(std::vector<std::string> const& args, std::ostream& out,
                            std::ostream& err);

} // namespace tavolo::app
