"""Load the demo: SECON's real calendar and partners, Mazovia's work plan, news, one user per role.

Idempotent: every record is found by a natural key and updated, so running it twice changes nothing.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that ships demo data has a `demo.load(stdout)`; order matters (projects first).
DEMO_MODULES = [
    "secon.projects.demo",
    "secon.territory.demo",
    "secon.registry.demo",
    "secon.news.demo",
    "secon.events.demo",
    "secon.practices.demo",
]


class Command(BaseCommand):
    help = "Load (or refresh) the demo data. Safe to run repeatedly."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
