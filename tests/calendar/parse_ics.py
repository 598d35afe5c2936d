#!/usr/bin/python3
"""Reads an iCalendar file with a real parser (Debian's python3-icalendar)
and prints what a calendar app would see, as JSON, for the integration
tests (tests/integration/calendar_test.cpp):

  {"calname": ..., "method": ..., "events": [{"uid", "sequence", "summary",
   "description", "url", "location", "categories", "all_day", "date",
   "tzid", "start_utc", "end_utc", "start_utc_by_vtimezone"}]}

start_utc is the instant the parser gives (through its own time-zone
database); start_utc_by_vtimezone is the same instant computed from the
file's own VTIMEZONE (its offsets and RRULEs), so a wrong rule in the file
shows even where the parser would ignore it.
"""
import json
import sys
from datetime import datetime, timezone

from dateutil import rrule
from icalendar import Calendar


def utc_by_vtimezone(cal, tzid, local):
    """The UTC instant of the naive `local` time by the file's VTIMEZONE."""
    best = None
    for tz in cal.walk("VTIMEZONE"):
        if str(tz["TZID"]) != tzid:
            continue
        for part in tz.subcomponents:
            start = part["DTSTART"].dt
            rule = part.get("RRULE")
            after = part["TZOFFSETTO"].td
            if rule:
                text = rule.to_ical()
                text = text.decode() if isinstance(text, bytes) else text
                onsets = rrule.rrulestr(text, dtstart=start)
                onset = onsets.before(local, inc=True)
            else:
                onset = start if start <= local else None
            if onset is not None and (best is None or onset > best[0]):
                best = (onset, after)
    if best is None:
        raise SystemExit("no VTIMEZONE rule for " + tzid)
    return (local - best[1]).replace(tzinfo=timezone.utc)


def iso(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(path):
    with open(path, "rb") as f:
        cal = Calendar.from_ical(f.read())
    out = {"calname": str(cal.get("X-WR-CALNAME", "")),
           "method": str(cal.get("METHOD", "")),
           "version": str(cal.get("VERSION", "")),
           "events": []}
    for ev in cal.walk("VEVENT"):
        start = ev["DTSTART"].dt
        end = ev["DTEND"].dt
        cats = ev.get("CATEGORIES")
        e = {"uid": str(ev["UID"]),
             "sequence": int(ev.get("SEQUENCE", 0)),
             "summary": str(ev["SUMMARY"]),
             "description": str(ev.get("DESCRIPTION", "")),
             "url": str(ev.get("URL", "")),
             "location": str(ev.get("LOCATION", "")),
             "categories": [str(c) for c in cats.cats] if cats is not None else [],
             "all_day": not isinstance(start, datetime)}
        if e["all_day"]:
            e["date"] = start.isoformat()
            e["end_date"] = end.isoformat()
        else:
            tzid = ev["DTSTART"].params.get("TZID", "")
            e["tzid"] = tzid
            e["start_utc"] = iso(start)
            e["end_utc"] = iso(end)
            e["start_utc_by_vtimezone"] = iso(
                utc_by_vtimezone(cal, tzid, start.replace(tzinfo=None)))
        out["events"].append(e)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
