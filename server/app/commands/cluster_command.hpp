// `tavolo cluster`: the clustering engine on JSON lines, for evaluation and
// scripts. Reads {"id","text"} lines, writes {"id","cluster","title"} lines in
// input order (cluster -1: ungrouped).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tavolo::app {

// Returns the exit code; errors go to `err` with the line number.
int run_cluster_command(std::vector<std::string> const& args, std::istream& in, std::ostream& out,
                        std::ostream& err);

} // namespace tavolo::app
