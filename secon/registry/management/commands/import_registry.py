"""`manage.py import_registry FILE --partner mazovia [--kind people] [--valid-rows-only] [--dry-run]`.

The command-line twin of the back-office import: the same mapping suggestion, dry run and all-or-nothing
write, run in this process (used by the import benchmark and for large files an administrator loads by hand).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from secon.projects.models import Partner
from secon.registry import imports
from secon.registry.models import ImportKind, ImportStatus


class Command(BaseCommand):
    help = "Import organisations or people from a CSV/XLSX file into a partner's registry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--partner", required=True, help="The partner's slug, e.g. mazovia.")
        parser.add_argument("--kind", choices=ImportKind.values, default=ImportKind.ORGANISATIONS)
        parser.add_argument(
            "--valid-rows-only", action="store_true", help="Import the valid rows of a file with bad rows."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")
        parser.add_argument("--show", type=int, default=20, help="How many bad rows to print.")

    def handle(self, *args: Any, **options: Any) -> None:
        partner = Partner.objects.filter(slug=options["partner"]).first()
        if partner is None:
            raise CommandError(f"No partner with the slug “{options['partner']}”.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        if path.stat().st_size > imports.max_import_bytes():
            raise CommandError(f"{path} is larger than the import limit (REGISTRY_IMPORT_MAX_BYTES).")
        started = time.perf_counter()
        try:
            batch = imports.import_file_for_partner(
                partner,
                path.read_bytes(),
                kind=options["kind"],
                actor=None,
                valid_rows_only=options["valid_rows_only"],
                name=path.name,
                write=False,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        if batch.status != ImportStatus.CHECKED:
            raise CommandError(batch.error or "The file could not be checked; nothing written.")
        report = batch.report
        self.stdout.write(
            f"{report['rows']} rows: {report['create']} to create, {report['update']} to update, "
            f"{report['unchanged']} unchanged, {report['merge']} merged by name, "
            f"{report['duplicates_in_file']} repeating an earlier row, {report['bad_rows']} bad."
        )
        for row in report["bad"][: options["show"]]:
            self.stdout.write(f"  row {row['line']}, {row['column']}: {row['reason']}")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing written.")
            return
        if report["bad_rows"] and not options["valid_rows_only"]:
            raise CommandError(
                "The file has bad rows; nothing written. Use --valid-rows-only to import the rest."
            )
        try:
            imports.confirm_import(
                batch, actor=None, valid_rows_only=options["valid_rows_only"], enqueue=False
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        batch = imports.write_import(batch.pk, actor=None)
        if batch.status != ImportStatus.DONE:
            raise CommandError(batch.error or "The import failed; nothing written.")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Imported in {elapsed:.1f} s: {batch.result}"))
