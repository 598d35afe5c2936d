// Runs tavolo's server: opens the store, restores live meetings, serves until
// SIGINT or SIGTERM, and shuts down committing every queued write.
#pragma once

#include "config.hpp"

namespace tavolo::app {

// Returns the process exit code. Errors that stop start-up are logged.
int serve(config const& cfg);

// Keeps freed memory for reuse instead of handing it back to the system at
// once. glibc trims a thread's heap with madvise, which flushes the TLB of
// every core; the store's writer frees and allocates large buffers at each
// transaction, and the trimming took a quarter of its time (perf). Called by
// serve() and by the benchmarks that measure its parts.
void tune_allocator();

} // namespace tavolo::app
