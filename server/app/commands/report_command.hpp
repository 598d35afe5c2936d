// `tavolo report --year Y [--data DIR] [--config FILE]`: the summary figures
// of a year's system plan as one JSON object on standard output:
// {"year":Y,"communities":N,"objectives":N,"need_working_group":N,
//  "working_groups_enabled_by_month":{"YYYY-MM":N,...}}
// (approved objectives of the year; communities with at least one; enabled
// working groups by the month they start).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tavolo::app {

int run_report_command(std::vector<std::string> const& args, std::ostream& out, std::ostream& err);

} // namespace tavolo::app
