#include "tavolo/core/calendar.hpp"

namespace tavolo::core {
namespace {

// The number written by the `n` ASCII digits of `s` from `at`; -1 when one of
// them is not a digit.
int digits(std::string_view s, std::size_t at, std::size_t n) noexcept {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

} // namespace

std::optional<std::chrono::year_month> parse_iso_month(std::string_view s) noexcept {
    if (s.size() != 7 || s[4] != '-')
        return std::nullopt;
    int const year = digits(s, 0, 4), month = digits(s, 5, 2);
    if (year < 0 || month < 1 || month > 12)
        return std::nullopt;
    return std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)};
}

bool is_iso_month(std::string_view s) noexcept {
    return parse_iso_month(s).has_value();
}

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view s) noexcept {
    if (s.size() != 10 || s[7] != '-')
        return std::nullopt;
    auto const ym = parse_iso_month(s.substr(0, 7));
    int const day = digits(s, 8, 2);
    if (!ym || day < 1)
        return std::nullopt;
    // year_month_day::ok() knows month lengths and the Gregorian leap years.
    auto const date = *ym / std::chrono::day{static_cast<unsigned>(day)};
    if (!date.ok())
        return std::nullopt;
    return date;
}

bool is_iso_date(std::string_view s) noexcept {
    return parse_iso_date(s).has_value();
}

bool is_clock_time(std::string_view s) noexcept {
    auto const digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9'; };
    if (s.size() != 5 || s[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4))
        return false;
    return (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6';
}

} // namespace tavolo::core
