"""`manage.py generate_registry --partner mazovia --organisations 50000 --people 100000 [--seed 1]`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from secon.projects.models import Partner
from secon.registry.generator import generate_registry


class Command(BaseCommand):
    help = "Add a scaled, realistic, reproducible set of organisations and people to a partner's registry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partner", required=True, help="The partner's slug, e.g. mazovia.")
        parser.add_argument("--organisations", type=int, default=1000)
        parser.add_argument("--people", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        partners = list(Partner.objects.filter(slug=options["partner"]))
        if not partners:
            raise CommandError(f"No partner with the slug “{options['partner']}”.")
        if len(partners) > 1:
            raise CommandError(f"More than one project has a partner “{options['partner']}”.")
        if options["organisations"] < 0 or options["people"] < 0:
            raise CommandError("Counts cannot be negative.")
        started = time.perf_counter()
        counts = generate_registry(
            partners[0],
            organisations=options["organisations"],
            people=options["people"],
            seed=options["seed"],
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {counts.organisations} organisations, {counts.people} people, "
                f"{counts.affiliations} affiliations, {counts.consents} consents and "
                f"{counts.memberships} RSG memberships in {elapsed:.1f} s."
            )
        )
