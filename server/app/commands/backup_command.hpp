// `tavolo export --out FILE [--data DIR] [--config FILE]`: a complete backup
// of the store as JSON (store/backup.hpp). `tavolo import FILE [--data DIR]
// [--config FILE]`: restores one into an empty store (a new data directory;
// the server stopped). A restored store exports to the same file.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tavolo::app {

int run_export_command(std::vector<std::string> const& args, std::ostream& out, std::ostream& err);
int run_import_command(std::vector<std::string> const& args, std::ostream& out, std::ostream& err);

} // namespace tavolo::app
