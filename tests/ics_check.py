#!/usr/bin/env python3
"""Checks a re-check reminder file (what the widget's "Remind me to check
again" downloads) with a real iCalendar parser, the `icalendar` package
(installed by scripts/setup.sh into target/ics-venv).

    ics_check.py FILE EXPECTED_JSON

EXPECTED_JSON: {"dtstart": "2026-03-08T15:00:00+00:00", "summary": "...",
"description": ["a sentence it holds", ...], "url_prefix": "...",
"url_has": [...], "url_lacks": [...], "url_config": {"key": "value", ...}}:
url_config, when given, is the whole fragment of the link, decoded: exactly
these keys, each once, with these values (the clinic's configuration, every
key of it). Prints each problem and exits 1, or
prints one line and exits 0.
"""
import datetime
import json
import sys
import urllib.parse

import icalendar


def check(path, want):
    raw = open(path, "rb").read()
    problems = []

    def need(ok, what):
        if not ok:
            problems.append(what)

    # The form RFC 5545 asks for: CRLF endings, lines of at most 75 octets.
    need(raw.endswith(b"\r\n"), "the file does not end with CRLF")
    lines = raw[:-2].split(b"\r\n")
    need(not any(b"\n" in l or b"\r" in l for l in lines), "a bare CR or LF")
    need(all(len(l) <= 75 for l in lines), "a line longer than 75 octets")
    unfolded = raw.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    need(not any(l.startswith(("DTSTART;", "DTEND;")) for l in unfolded), "a time with a TZID")
    need("BEGIN:VTIMEZONE" not in unfolded, "a VTIMEZONE")

    cal = icalendar.Calendar.from_ical(raw)
    need(not cal.errors, f"parse errors: {cal.errors}")
    need(str(cal.get("VERSION")) == "2.0", "VERSION is not 2.0")
    need(cal.get("PRODID") is not None, "no PRODID")
    events = cal.walk("VEVENT")
    need(len(events) == 1, f"{len(events)} events")
    if not events:
        return problems
    ev = events[0]
    need(not ev.errors, f"event errors: {ev.errors}")
    for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL"):
        need(ev.get(prop) is not None, f"no {prop}")
    start = ev.decoded("DTSTART")
    end = ev.decoded("DTEND")
    stamp = ev.decoded("DTSTAMP")
    for name, t in (("DTSTART", start), ("DTEND", end), ("DTSTAMP", stamp)):
        need(isinstance(t, datetime.datetime) and t.utcoffset() == datetime.timedelta(0),
             f"{name} is not a UTC date-time: {t!r}")
        need(any(l.startswith(f"{name}:") and l.endswith("Z") for l in unfolded), f"{name} without a Z")
    expected = datetime.datetime.fromisoformat(want["dtstart"])
    need(start == expected, f"DTSTART is {start.isoformat()}, expected {expected.isoformat()}")
    need(end > start, "DTEND is not after DTSTART")
    if "dtstamp" in want:
        need(stamp == datetime.datetime.fromisoformat(want["dtstamp"]), f"DTSTAMP is {stamp.isoformat()}")
    summary = str(ev.get("SUMMARY"))
    need(summary == want["summary"], f"SUMMARY is {summary!r}")
    description = str(ev.get("DESCRIPTION"))
    for s in want["description"]:
        need(s in description, f"DESCRIPTION lacks {s!r}: {description!r}")
    url = str(ev.get("URL"))
    need(url.startswith(want["url_prefix"]), f"URL is {url!r}")
    for s in want.get("url_has", []):
        need(s in url, f"URL lacks {s!r}: {url!r}")
    for s in want.get("url_lacks", []):
        need(s not in url, f"URL holds {s!r}: {url!r}")
    if "url_config" in want:
        fragment = url.partition("#")[2]
        pairs = [p.partition("=") for p in fragment.split("&") if p]
        got = [(urllib.parse.unquote(k), urllib.parse.unquote(v)) for k, _, v in pairs]
        keys = [k for k, _ in got]
        need(len(set(keys)) == len(keys), f"a key twice in the link: {keys}")
        need(dict(got) == want["url_config"], f"the link's configuration is {dict(got)!r}, expected {want['url_config']!r}")
    need(url in description, "DESCRIPTION does not hold the link")
    alarms = ev.walk("VALARM")
    need(len(alarms) == 1, f"{len(alarms)} alarms")
    if alarms:
        a = alarms[0]
        need(str(a.get("ACTION")) == "DISPLAY", f"ACTION is {a.get('ACTION')!r}")
        need(a.decoded("TRIGGER") == datetime.timedelta(0), f"TRIGGER is {a.decoded('TRIGGER')!r}")
        need(str(a.get("DESCRIPTION")) == summary, "the alarm's DESCRIPTION is not the title")
    return problems


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    problems = check(sys.argv[1], json.loads(sys.argv[2]))
    for p in problems:
        print(f"{sys.argv[1]}: {p}")
    if problems:
        return 1
    print(f"{sys.argv[1]}: a valid iCalendar file with the expected event (icalendar {icalendar.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
