#include "ical.hpp"

#include "tavolo/core/calendar.hpp"

#include <chrono>
#include <cstdio>

namespace tavolo::api::ical {
namespace {

using namespace std::chrono;

// Europe/Rome as every calendar app knows it: CET in winter, CEST from the
// last Sunday of March at 02:00 to the last Sunday of October at 03:00 (the
// EU rule since 1996).
constexpr char const* rome_time_zone[] = {"BEGIN:VTIMEZONE",
                                          "TZID:Europe/Rome",
                                          "X-LIC-LOCATION:Europe/Rome",
                                          "BEGIN:DAYLIGHT",
                                          "TZOFFSETFROM:+0100",
                                          "TZOFFSETTO:+0200",
                                          "TZNAME:CEST",
                                          "DTSTART:19700329T020000",
                                          "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                                          "END:DAYLIGHT",
                                          "BEGIN:STANDARD",
                                          "TZOFFSETFROM:+0200",
                                          "TZOFFSETTO:+0100",
                                          "TZNAME:CET",
                                          "DTSTART:19701025T030000",
                                          "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                                          "END:STANDARD",
                                          "END:VTIMEZONE"};

std::string basic_date(year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

// A local wall-clock moment (days and minutes, no zone) as 20270210T093000.
std::string local_date_time(sys_days day, minutes since_midnight) {
    auto const whole = day + since_midnight;
    auto const d = floor<days>(whole);
    auto const m = duration_cast<minutes>(whole - d).count();
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%02lld%02lld00", basic_date(year_month_day(d)).c_str(),
                  static_cast<long long>(m / 60), static_cast<long long>(m % 60));
    return buf;
}

minutes clock_minutes(std::string_view hh_mm) {
    return hours((hh_mm[0] - '0') * 10 + (hh_mm[1] - '0')) +
           minutes((hh_mm[3] - '0') * 10 + (hh_mm[4] - '0'));
}

void line(std::string& out, std::string_view name, std::string_view value) {
    std::string l(name);
    l += ':';
    l += value;
    out += fold(l);
}

void add_event(std::string& out, event const& e) {
    line(out, "BEGIN", "VEVENT");
    line(out, "UID", escape_text(e.uid));
    line(out, "SEQUENCE", std::to_string(e.sequence));
    line(out, "DTSTAMP", utc_date_time(e.stamp_ms));
    line(out, "LAST-MODIFIED", utc_date_time(e.modified_ms));
    auto const date = core::parse_iso_date(e.date);
    auto const on = sys_days(date ? *date : year_month_day(year(1970), January, day(1)));
    if (core::is_clock_time(e.starts_at)) {
        auto const start = clock_minutes(e.starts_at);
        auto const tz = std::string(";TZID=") + std::string(time_zone);
        line(out, "DTSTART" + tz, local_date_time(on, start));
        line(out, "DTEND" + tz, local_date_time(on, start + minutes(e.duration_minutes)));
    } else {
        line(out, "DTSTART;VALUE=DATE", basic_date(year_month_day(on)));
        line(out, "DTEND;VALUE=DATE", basic_date(year_month_day(on + days(1))));
    }
    line(out, "SUMMARY", escape_text(e.summary));
    line(out, "DESCRIPTION", escape_text(e.description));
    if (!e.url.empty())
        line(out, "URL", e.url);
    line(out, "LOCATION", escape_text(e.location));
    std::string categories;
    for (auto const& c : e.categories)
        categories += (categories.empty() ? "" : ",") + escape_text(c);
    if (!categories.empty())
        line(out, "CATEGORIES", categories);
    line(out, "STATUS", "CONFIRMED");
    line(out, "TRANSP", "OPAQUE");
    line(out, "END", "VEVENT");
}

} // namespace

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            out += "\\n";
            if (i + 1 < text.size() && text[i + 1] == '\n')
                ++i; // CRLF is one break
        } else if (c == '\n')
            out += "\\n";
        else if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
            continue; // no other control character may appear in a value
        else
            out += c;
    }
    return out;
}

std::string fold(std::string_view l) {
    std::string out;
    std::size_t limit = 75; // the first line's octets; then 74 after the space
    while (l.size() > limit) {
        auto cut = limit;
        // Back to the first byte of a UTF-8 character (never 10xxxxxx).
        while (cut > 0 && (static_cast<unsigned char>(l[cut]) & 0xC0) == 0x80)
            --cut;
        out.append(l.substr(0, cut));
        out += "\r\n ";
        l.remove_prefix(cut);
        limit = 74;
    }
    out.append(l);
    out += "\r\n";
    return out;
}

std::string utc_date_time(std::int64_t ms) {
    auto const t = sys_time<milliseconds>(milliseconds(ms));
    auto const d = floor<days>(t);
    auto const s = duration_cast<seconds>(t - d).count();
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%02lld%02lld%02lldZ", basic_date(year_month_day(d)).c_str(),
                  static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60),
                  static_cast<long long>(s % 60));
    return buf;
}

std::string render(calendar const& c) {
    std::string out;
    line(out, "BEGIN", "VCALENDAR");
    line(out, "VERSION", "2.0");
    line(out, "PRODID", "-//tavolo//tavolo calendar//IT");
    line(out, "CALSCALE", "GREGORIAN");
    line(out, "METHOD", "PUBLISH");
    if (!c.name.empty()) {
        line(out, "X-WR-CALNAME", escape_text(c.name));
        line(out, "X-WR-TIMEZONE", time_zone);
        // Subscribed apps read the feed again within the hour.
        line(out, "REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        line(out, "X-PUBLISHED-TTL", "PT1H");
    }
    for (auto const* l : rome_time_zone)
        out += fold(l);
    for (auto const& e : c.events)
        add_event(out, e);
    line(out, "END", "VCALENDAR");
    return out;
}

} // namespace tavolo::api::ical
