// iCalendar (RFC 5545) files of meetings (internal to tavolo::api): the
// events a calendar app imports or subscribes to, in Europe/Rome time. Pure
// functions, callable on any thread; calendars.cpp fills the events from the
// store and serves them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tavolo::api::ical {

// The time zone every meeting's time is given in.
inline constexpr std::string_view time_zone = "Europe/Rome";

struct event {
    std::string uid; // the same for the meeting's whole life
    std::int64_t sequence = 0;
    std::string summary; // the meeting's title
    std::string description;
    std::string url; // the join link, absolute
    std::string location;
    std::vector<std::string> categories;
    std::string date;      // YYYY-MM-DD
    std::string starts_at; // HH:MM in Europe/Rome; empty: an all-day event
    std::int64_t duration_minutes = 120;
    std::int64_t stamp_ms = 0;    // DTSTAMP: when the file was made
    std::int64_t modified_ms = 0; // LAST-MODIFIED: the meeting's last change
};

struct calendar {
    std::string name; // X-WR-CALNAME (a feed's); empty: none
    std::vector<event> events;
};

// The whole file, lines ended by CRLF and folded at 75 octets.
std::string render(calendar const& c);

// A TEXT value: backslash, semicolon and comma escaped, line breaks as \n.
std::string escape_text(std::string_view text);
// One content line folded into lines of at most 75 octets (the CRLF aside),
// each further line starting with a space, never inside a UTF-8 character;
// ends with CRLF.
std::string fold(std::string_view line);
// ms since the epoch as a UTC DATE-TIME, 20270210T093000Z.
std::string utc_date_time(std::int64_t ms);

} // namespace tavolo::api::ical
