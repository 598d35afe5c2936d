#include "ical.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace tavolo::api;

namespace {

// The lines of a file, without their CRLF; fails on a bare LF or CR.
std::vector<std::string> lines_of(std::string const& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        auto const end = text.find("\r\n", at);
        REQUIRE(end != std::string::npos); // every line ends with CRLF
        auto l = text.substr(at, end - at);
        CHECK(l.find('\n') == std::string::npos);
        CHECK(l.find('\r') == std::string::npos);
        out.push_back(std::move(l));
        at = end + 2;
    }
    return out;
}

// Content lines as RFC 5545 unfolds them.
std::vector<std::string> unfolded(std::string const& text) {
    std::vector<std::string> out;
    for (auto& l : lines_of(text)) {
        if (!l.empty() && l[0] == ' ')
            out.back() += l.substr(1);
        else
            out.push_back(l);
    }
    return out;
}

bool has_line(std::vector<std::string> const& lines, std::string const& l) {
    return std::find(lines.begin(), lines.end(), l) != lines.end();
}

bool valid_utf8(std::string const& s) {
    for (std::size_t i = 0; i < s.size();) {
        auto const c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80         ? 1
                        : (c >> 5) == 6  ? 2
                        : (c >> 4) == 14 ? 3
                        : (c >> 3) == 30 ? 4
                                         : 0;
        if (n == 0 || i + n > s.size())
            return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += n;
    }
    return true;
}

ical::event sample() {
    return ical::event{.uid = "meeting-7-abc@tavolo",
                       .sequence = 2,
                       .summary = "Kick-off 2027",
                       .description =
                           "Comunità: Dati\nPer partecipare apri https://x/#/join/ABCD-2345",
                       .url = "https://x/#/join/ABCD-2345",
                       .location = "Online (tavolo): https://x/#/join/ABCD-2345",
                       .categories = {"tavolo", "Kick-off"},
                       .date = "2027-07-15",
                       .starts_at = "10:30",
                       .duration_minutes = 90,
                       .stamp_ms = 1801123200000, // 2027-01-28T08:00:00Z
                       .modified_ms = 0};
}

} // namespace

TEST_CASE("lines fold at 75 octets without splitting a character", "[api][ical]") {
    CHECK(ical::fold("SUMMARY:short") == "SUMMARY:short\r\n");
    auto const exact = "X:" + std::string(73, 'a'); // 75 octets: no fold
    CHECK(ical::fold(exact) == exact + "\r\n");
    auto const longer = "X:" + std::string(74, 'a');
    CHECK(ical::fold(longer) == "X:" + std::string(73, 'a') + "\r\n a\r\n");

    // Accented letters (2 octets) and a symbol (3) around every cut.
    for (std::size_t pad = 0; pad < 4; ++pad) {
        std::string text = "DESCRIPTION:" + std::string(pad, 'x');
        for (int i = 0; i < 60; ++i)
            text += i % 3 == 0 ? "è" : i % 3 == 1 ? "€" : "o";
        auto const folded = ical::fold(text);
        std::string back;
        bool first = true;
        for (auto const& l : lines_of(folded)) {
            CHECK(l.size() <= 75);
            CHECK(valid_utf8(l)); // no line begins or ends inside a character
            back += first ? l : l.substr(1);
            CHECK((first || l[0] == ' '));
            first = false;
        }
        CHECK(back == text);
    }
}

TEST_CASE("text values escape backslash, semicolon, comma and line breaks", "[api][ical]") {
    CHECK(ical::escape_text(R"(a\b;c,d)") == R"(a\\b\;c\,d)");
    CHECK(ical::escape_text("uno\ndue\r\ntre\rquattro") == R"(uno\ndue\ntre\nquattro)");
    CHECK(ical::escape_text("tab\tok, bell\a gone") == "tab\tok\\, bell gone");
    CHECK(ical::escape_text("Comunità «Dati»: sì") == "Comunità «Dati»: sì");
}

TEST_CASE("a timed meeting is in Europe/Rome time with its time zone", "[api][ical]") {
    auto const text = ical::render({.name = {}, .events = {sample()}});
    auto const l = unfolded(text);
    CHECK(l.front() == "BEGIN:VCALENDAR");
    CHECK(l.back() == "END:VCALENDAR");
    CHECK(has_line(l, "VERSION:2.0"));
    CHECK(has_line(l, "METHOD:PUBLISH"));
    CHECK(has_line(l, "PRODID:-//tavolo//tavolo calendar//IT"));
    CHECK(has_line(l, "DTSTART;TZID=Europe/Rome:20270715T103000"));
    CHECK(has_line(l, "DTEND;TZID=Europe/Rome:20270715T120000"));
    CHECK(has_line(l, "DTSTAMP:20270128T080000Z"));
    CHECK(has_line(l, "LAST-MODIFIED:19700101T000000Z"));
    CHECK(has_line(l, "UID:meeting-7-abc@tavolo"));
    CHECK(has_line(l, "SEQUENCE:2"));
    CHECK(has_line(l, "SUMMARY:Kick-off 2027"));
    CHECK(has_line(
        l, R"(DESCRIPTION:Comunità: Dati\nPer partecipare apri https://x/#/join/ABCD-2345)"));
    CHECK(has_line(l, "URL:https://x/#/join/ABCD-2345"));
    CHECK(has_line(l, "LOCATION:Online (tavolo): https://x/#/join/ABCD-2345"));
    CHECK(has_line(l, "CATEGORIES:tavolo,Kick-off"));
    CHECK_FALSE(has_line(l, "STATUS:CANCELLED"));
    CHECK_FALSE(has_line(l, "X-WR-CALNAME:")); // a single file has no calendar name

    // The zone: CET and CEST with the EU rule.
    CHECK(has_line(l, "BEGIN:VTIMEZONE"));
    CHECK(has_line(l, "TZID:Europe/Rome"));
    CHECK(has_line(l, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
    CHECK(has_line(l, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
    CHECK(has_line(l, "TZNAME:CEST"));
    CHECK(has_line(l, "TZNAME:CET"));
    auto const tz = std::find(l.begin(), l.end(), "BEGIN:VTIMEZONE");
    auto const ev = std::find(l.begin(), l.end(), "BEGIN:VEVENT");
    CHECK(tz < ev); // defined before it is used
}

TEST_CASE("a meeting without a start time is an all-day event", "[api][ical]") {
    auto e = sample();
    e.starts_at = "";
    e.date = "2028-02-29";
    auto const l = unfolded(ical::render({.name = {}, .events = {e}}));
    CHECK(has_line(l, "DTSTART;VALUE=DATE:20280229"));
    CHECK(has_line(l, "DTEND;VALUE=DATE:20280301"));
    for (auto const& x : l)
        CHECK(x.rfind("DTSTART;TZID", 0) != 0);
}

TEST_CASE("an evening meeting ends the next day", "[api][ical]") {
    auto e = sample();
    e.date = "2027-12-31";
    e.starts_at = "23:00";
    e.duration_minutes = 120;
    auto const l = unfolded(ical::render({.name = {}, .events = {e}}));
    CHECK(has_line(l, "DTSTART;TZID=Europe/Rome:20271231T230000"));
    CHECK(has_line(l, "DTEND;TZID=Europe/Rome:20280101T010000"));
}

TEST_CASE("a feed names itself and escapes what it is given", "[api][ical]") {
    auto e = sample();
    e.summary = "Dati, mobilità; e \\ altro";
    e.description = std::string(200, 'd') + "\nàèìòù€ " + std::string(100, 'z');
    auto second = sample();
    second.uid = "meeting-8-def@tavolo";
    auto const text = ical::render({.name = "Dati · incontri", .events = {e, second}});
    for (auto const& raw : lines_of(text))
        CHECK(raw.size() <= 75);
    auto const l = unfolded(text);
    CHECK(has_line(l, "X-WR-CALNAME:Dati · incontri"));
    CHECK(has_line(l, "X-WR-TIMEZONE:Europe/Rome"));
    CHECK(has_line(l, R"(SUMMARY:Dati\, mobilità\; e \\ altro)"));
    CHECK(
        has_line(l, "DESCRIPTION:" + std::string(200, 'd') + "\\nàèìòù€ " + std::string(100, 'z')));
    CHECK(std::count(l.begin(), l.end(), "BEGIN:VEVENT") == 2);
}

TEST_CASE("UTC times", "[api][ical]") {
    CHECK(ical::utc_date_time(0) == "19700101T000000Z");
    CHECK(ical::utc_date_time(1801123200999) == "20270128T080000Z");
    CHECK(ical::utc_date_time(4102444799000) == "20991231T235959Z");
}
