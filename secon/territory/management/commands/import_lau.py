"""`manage.py import_lau FILE --country XX`: load one country's local administrative units (Eurostat)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secon.territory.lau import LauFileError, ParsedLau, country_code, parse_lau
from secon.territory.models import NutsRegion
from secon.territory.services import import_lau

# Eurostat names its files after the year of the list: "EU-27-LAU-2023-NUTS-2021.xlsx".
_YEAR_IN_NAME = re.compile(r"LAU[-_ ]?((?:19|20)\d\d)", re.IGNORECASE)


def file_date(path: Path, given: str | None) -> dt.date:
    """The date the list is valid for: --as-of, else 1 January of the LAU year in Eurostat's file name."""
    if given:
        try:
            return dt.date.fromisoformat(given)
        except ValueError:
            raise CommandError(
                _("--as-of “%(value)s” is not a date in the form YYYY-MM-DD.") % {"value": given}
            ) from None
    match = _YEAR_IN_NAME.search(path.name)
    if match is None:
        raise CommandError(
            _(
                "The file name does not say the year of the list (as Eurostat's “EU-27-LAU-2023-…” does); "
                "give the date the list is valid for with --as-of YYYY-MM-DD."
            )
        )
    return dt.date(int(match.group(1)), 1, 1)


class Command(BaseCommand):
    help = (
        "Import one country's local administrative units (LAU) from Eurostat's list: the country's sheet "
        "of the yearly XLSX workbook, or a CSV file with its header. Every row is checked first; if any "
        "row is bad nothing is written. Only the units of the partners' regions are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to the LAU workbook (.xlsx) or a CSV file with its columns.")
        parser.add_argument(
            "--country", required=True, help="The country's NUTS code (ES, EL, DE, …; GR is taken as EL)."
        )
        parser.add_argument(
            "--as-of",
            default=None,
            help="The date the list is valid for (YYYY-MM-DD); by default 1 January of the file name's year.",
        )
        parser.add_argument(
            "--sheet", default=None, help="The workbook's sheet to read, if it is not named by the country."
        )
        parser.add_argument(
            "--encoding", default=None, help="Read a CSV file in this encoding instead of detecting it."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count everything, then write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        regions = dict(NutsRegion.objects.values_list("code", "level"))
        try:
            country = country_code(
                options["country"], known={code for code, level in regions.items() if level == 0}
            )
        except LauFileError as error:
            raise CommandError(str(error)) from error
        as_of = file_date(path, options["as_of"])
        try:
            with path.open("rb") as stream:
                parsed = parse_lau(
                    stream,
                    country=country,
                    nuts3_codes={code for code, level in regions.items() if level == 3},
                    nuts2_codes={code for code, level in regions.items() if level == 2},
                    encoding=options["encoding"],
                    sheet=options["sheet"],
                )
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path, "error": error}
            ) from error
        except LauFileError as error:
            raise CommandError(f"{path}: {error}") from error

        if parsed.encoding not in ("", "utf-8"):
            self.stdout.write(_("Read as %(encoding)s.") % {"encoding": parsed.encoding})
        if parsed.errors:
            self._report_errors(parsed)
            rows = len({error.line for error in parsed.errors})
            raise CommandError(
                ngettext(
                    "%(rows)s row is invalid (%(errors)s problems in all); nothing was imported.",
                    "%(rows)s rows are invalid (%(errors)s problems in all); nothing was imported.",
                    rows,
                )
                % {"rows": rows, "errors": len(parsed.errors)}
            )
        if not parsed.rows:
            raise CommandError(
                _(
                    "None of the %(count)s units lies in a region of the platform's partners in %(country)s; "
                    "nothing was imported."
                )
                % {"count": parsed.outside, "country": country}
            )

        result = import_lau(parsed, actor=None, as_of=as_of, source=path.name, dry_run=options["dry_run"])
        summary = _(
            "created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s, "
            "no longer listed: %(retired)s, skipped as older than the database: %(older)s, "
            "outside the partners' regions: %(outside)s (%(country)s, LAU as of %(date)s)."
        ) % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "retired": result.retired,
            "older": result.skipped_older,
            "outside": parsed.outside,
            "country": country,
            "date": result.stan_na,
        }
        if result.dry_run:
            self.stdout.write(_("Dry run, nothing was written: %(summary)s") % {"summary": summary})
        else:
            self.stdout.write(self.style.SUCCESS(_("LAU imported: %(summary)s") % {"summary": summary}))

    def _report_errors(self, parsed: ParsedLau) -> None:
        self.stderr.write(_("Rejected rows:"))
        for error in sorted(parsed.errors, key=lambda e: e.line):
            self.stderr.write(f"  {error}")
