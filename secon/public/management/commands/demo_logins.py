"""Print the address of the running platform and one demo login per role (used by `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from secon.accounts.models import User
from secon.projects.demo import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = "Show the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--address", default="http://127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        address = options["address"]
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"SECON is running at {address}/  (back office: {address}/manage/)")
        )
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        users = {
            u.email: u
            for u in User.objects.filter(email__in=[e for e, *_ in USERS]).select_related("partner")
        }
        listed = [users[email] for email, *_rest in USERS if email in users]
        width = max((len(user.get_role_display()) for user in listed), default=0)
        for user in listed:
            partner = f" – {user.partner}" if user.partner else ""
            self.stdout.write(f"  {user.get_role_display():<{width}}  {user.email}{partner}")
        self.stdout.write("Press Ctrl-C to stop.")
