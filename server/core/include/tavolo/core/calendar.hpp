// Calendar dates and months as clients write them (YYYY-MM-DD, YYYY-MM): one
// parser for the live protocol and the REST API, so a date one accepts the
// other does not refuse. Only real dates pass: 2027-02-31 does not, 2028-02-29
// does. Pure functions, callable from any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace tavolo::core {

// The date written exactly YYYY-MM-DD (four-digit year, two-digit month and
// day, nothing around it), when it exists in the Gregorian calendar.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view s) noexcept;
bool is_iso_date(std::string_view s) noexcept;

// The month written exactly YYYY-MM, 01 to 12.
std::optional<std::chrono::year_month> parse_iso_month(std::string_view s) noexcept;
bool is_iso_month(std::string_view s) noexcept;

// A time of day written exactly HH:MM, 00:00 to 23:59.
bool is_clock_time(std::string_view s) noexcept;

} // namespace tavolo::core
