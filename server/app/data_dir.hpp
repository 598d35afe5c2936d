// The data directory's privacy: it holds the store (password hashes, names,
// uploaded files), its WAL and SHM, exports and the demo's access, so only
// the account tavolo runs as may read any of it. Called from main and the
// commands before they touch the directory; not thread-safe (process start).
#pragma once

#include <filesystem>

namespace tavolo::app {

// umask 077: every file and directory this process makes from now on is its
// owner's alone (0600, 0700), whichever library makes it (SQLite's WAL too).
void keep_files_private();

// Creates `dir` when missing, then makes it 0700 and what it holds 0600
// (directories 0700): a directory an older tavolo left readable is closed.
// Symbolic links are left alone; a file it may not change is skipped.
void prepare_data_dir(std::filesystem::path const& dir);

} // namespace tavolo::app
