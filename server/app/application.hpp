// Runs tavolo's server: opens the store, restores live meetings, serves until
// SIGINT or SIGTERM, and shuts down committing every queued write.
#pragma once

#include "config.hpp"

namespace tavolo::app {

// Returns the process exit code. Errors that stop start-up are logged.
int serve(config const& cfg);

} // namespace tavolo::app
