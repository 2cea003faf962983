"""One way of writing dates per language: the history page, the GDPR PDF, e-mails and every template agree."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

from secon.registry.privacy.pdf import readable_date

SOURCE = Path(settings.BASE_DIR) / "secon"
NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
}
# Machine-readable forms, allowed only inside a datetime="…" attribute.
MACHINE = {"c", "Y-m-d"}
DATE_FILTER = re.compile(r"""\|date:["']([^"']+)["']""")
IN_DATETIME_ATTRIBUTE = re.compile(r"""datetime=["']\{\{[^}]*\|date:["']([^"']+)["']""")


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("pl", "31 sierpnia 2024", "31 sierpnia 2024, 14:05"),
        ("en", "31 August 2024", "31 August 2024, 14:05"),
    ],
)
def test_each_language_writes_dates_one_way_long_or_short(language: str, day: str, moment: str) -> None:
    date, when = dt.date(2024, 8, 31), dt.datetime(2024, 8, 31, 14, 5)
    with translation.override(language):
        assert {formats.date_format(date, name) for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT")} == {day}
        assert {formats.date_format(when, name) for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT")} == {
            moment
        }
        assert Template("{{ d|date }}").render(Context({"d": date})) == day  # the English home's `|date`


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_gdpr_pdf_writes_dates_as_the_pages_do(language: str) -> None:
    with translation.override(language):
        assert readable_date("2024-08-31") == formats.date_format(dt.date(2024, 8, 31), "DATE_FORMAT")


def test_templates_show_dates_only_in_the_named_formats() -> None:
    stray: list[str] = []
    for path in SOURCE.rglob("templates/**/*"):
        if path.suffix not in {".html", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8")
        machine_in_attributes = [f for f in IN_DATETIME_ATTRIBUTE.findall(text) if f in MACHINE]
        machine = [f for f in DATE_FILTER.findall(text) if f in MACHINE]
        other = [f for f in DATE_FILTER.findall(text) if f not in NAMED | MACHINE]
        if other or len(machine) != len(machine_in_attributes):
            stray.append(f"{path.relative_to(SOURCE)}: {other or machine}")
    assert not stray, f"use |date:'DATE_FORMAT' or 'DATETIME_FORMAT' (secon/formats): {stray}"
