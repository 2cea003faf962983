"""`manage.py purge_personal_data [--apply]`: the retention rules, reported by default, applied on request."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from secon.registry.privacy.retention import purge_personal_data


class Command(BaseCommand):
    help = (
        "Delete unconfirmed and declined “join us” requests and the uploaded files of finished imports, and "
        "anonymise people whose every legal basis was withdrawn long ago, by the retention settings. "
        "A dry run (only a report) unless --apply."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--apply", action="store_true", help="Change the data (and record it in the audit log)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = purge_personal_data(dry_run=not options["apply"])
        for line in report.lines():
            self.stdout.write(line)
        if report.dry_run and report.total:
            self.stdout.write("Run again with --apply to do this.")
