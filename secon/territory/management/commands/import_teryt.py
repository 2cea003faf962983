"""`manage.py import_teryt FILE`: load the official GUS TERC file, all voivodeships, checked row by row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from secon.territory.models import TerritorialUnit
from secon.territory.services import import_terc
from secon.territory.teryt import ParsedTerc, TercFileError, parse_terc


class Command(BaseCommand):
    help = (
        "Import the official TERC list (GUS TERYT) from a ';'-separated CSV file. Every row is checked "
        "first; if any row is bad nothing is written, unless --valid-only is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to the TERC CSV file (UTF-8 or windows-1250).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count everything, then write nothing."
        )
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="Import the valid rows and list the rejected ones instead of refusing the whole file.",
        )
        parser.add_argument(
            "--encoding", default=None, help="Read the file in this encoding instead of detecting it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path, "error": error}
            ) from error
        existing = set(TerritorialUnit.objects.teryt().values_list("code", flat=True))
        try:
            parsed = parse_terc(raw, existing_codes=existing, encoding=options["encoding"])
        except TercFileError as error:
            raise CommandError(f"{path}: {error}") from error

        if parsed.encoding != "utf-8":
            self.stdout.write(_("Read as %(encoding)s.") % {"encoding": parsed.encoding})
        if parsed.errors:
            self._report_errors(parsed)
            if not options["valid_only"]:
                rows = len(parsed.rejected_lines)
                raise CommandError(
                    ngettext(
                        "%(rows)s row is invalid (%(errors)s problems in all); nothing was imported. "
                        "Fix the file, or use --valid-only to import the valid rows.",
                        "%(rows)s rows are invalid (%(errors)s problems in all); nothing was imported. "
                        "Fix the file, or use --valid-only to import the valid rows.",
                        rows,
                    )
                    % {"rows": rows, "errors": len(parsed.errors)}
                )
        if not parsed.rows:
            raise CommandError(_("No valid rows to import; nothing was imported."))

        result = import_terc(parsed, actor=None, source=path.name, dry_run=options["dry_run"])
        summary = _(
            "created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s, "
            "no longer listed: %(retired)s, skipped as older than the database: %(older)s, "
            "rejected rows: %(rejected)s (TERC as of %(date)s)."
        ) % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "retired": result.retired,
            "older": result.skipped_older,
            "rejected": result.rejected,
            "date": result.stan_na,
        }
        if result.dry_run:
            self.stdout.write(_("Dry run, nothing was written: %(summary)s") % {"summary": summary})
        else:
            self.stdout.write(self.style.SUCCESS(_("TERC imported: %(summary)s") % {"summary": summary}))

    def _report_errors(self, parsed: ParsedTerc) -> None:
        self.stderr.write(_("Rejected rows:"))
        for error in parsed.errors:
            self.stderr.write(f"  {error}")
