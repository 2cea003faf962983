"""The hand-written iCalendar: read back by a small RFC 5545 reader, lines never over 75 octets."""

from __future__ import annotations

import datetime as dt

from secon.lib.ics import CalendarEvent, calendar, escape_text, fold

STAMP = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def test_long_polish_text_is_folded_at_75_octets_without_splitting_a_letter_and_reads_back():
    summary = "Trzecie posiedzenie Regionalnej Grupy Interesariuszy; ąćęłńóśźż, " * 4
    event = CalendarEvent(
        uid="abc@secon",
        sequence=2,
        starts_at=dt.datetime(2024, 2, 23, 9, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2024, 2, 23, 12, 0, tzinfo=dt.UTC),
        summary=summary,
        stamp=STAMP,
        description="Linia 1\nLinia 2, z przecinkiem; i średnikiem \\ ukośnikiem",
    )
    text = calendar([event], product="-//SECON//Events//PL", name="Mazowsze")
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
        line.encode().decode()  # every physical line is whole UTF-8: no letter cut in two
    lines = unfold(text)
    props = dict(line.split(":", 1) for line in lines)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert unescape(props["SUMMARY"]) == summary
    assert unescape(props["DESCRIPTION"]) == "Linia 1\nLinia 2, z przecinkiem; i średnikiem \\ ukośnikiem"
    assert (props["UID"], props["SEQUENCE"], props["DTSTART"]) == ("abc@secon", "2", "20240223T090000Z")
    assert props["DTSTAMP"] == "20261129T120000Z"


def test_escaping_and_a_short_line_left_alone():
    assert escape_text("a,b;c\\d\r\ne") == "a\\,b\\;c\\\\d\\ne"
    assert fold("SUMMARY:short") == "SUMMARY:short"


def test_a_cancelled_event_says_so():
    event = CalendarEvent(
        uid="x", sequence=1, starts_at=STAMP, ends_at=STAMP, summary="s", stamp=STAMP, cancelled=True
    )
    assert "STATUS:CANCELLED\r\n" in calendar([event], product="p", method="CANCEL")
    assert "METHOD:CANCEL\r\n" in calendar([event], product="p", method="CANCEL")
