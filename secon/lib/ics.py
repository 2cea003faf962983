"""iCalendar (RFC 5545) written by hand: events with a stable UID and SEQUENCE, escaped and folded.

Only what calendars need from us: VEVENTs in UTC with summary, description, location and URL, and a
cancelled event as STATUS:CANCELLED. Lines are folded at 75 octets without splitting a UTF-8
character, text is escaped (backslash, semicolon, comma, new line), and lines end in CRLF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

MAX_OCTETS = 75
CRLF = "\r\n"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, new lines as \\n."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets, continuations starting with a space."""
    encoded = line.encode()
    if len(encoded) <= MAX_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, MAX_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1  # the leading space counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def utc_stamp(moment: dt.datetime) -> str:
    """A DATE-TIME in UTC form (…Z)."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    stamp: dt.datetime
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    # For a calendar sent by e-mail (METHOD:REQUEST/CANCEL, RFC 6047): who organises and who is asked.
    organizer: str = ""
    attendee: str = ""


def _event_lines(event: CalendarEvent) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc_stamp(event.stamp)}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTART:{utc_stamp(event.starts_at)}",
        f"DTEND:{utc_stamp(event.ends_at)}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.organizer:
        lines.append(f"ORGANIZER:mailto:{event.organizer}")
    if event.attendee:
        lines.append(f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{event.attendee}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[CalendarEvent], *, product: str, name: str = "", method: str = "") -> str:
    """A whole VCALENDAR; `method` (PUBLISH, REQUEST, CANCEL) only for a calendar sent by e-mail."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{product}", "CALSCALE:GREGORIAN"]
    if method:
        lines.append(f"METHOD:{method}")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines.extend(_event_lines(event))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
