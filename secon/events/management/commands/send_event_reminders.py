"""Send the reminders now due to invitees who answered yes or maybe, and resume sending that a killed
worker left unfinished (run hourly from cron or a timer)."""

from typing import Any

from django.core.management.base import BaseCommand

from secon.events.sending import resume_stalled, send_reminders


class Command(BaseCommand):
    help = "Remind invitees who answered yes or maybe, once, when their event is its reminder days away."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_reminders()} reminder(s) sent.")
        self.stdout.write(f"Sending resumed for {resume_stalled()} event(s).")
