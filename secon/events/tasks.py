"""Background tasks of events (run by `manage.py db_worker`): sending invitations, updates, reminders."""

from __future__ import annotations

from django_tasks import task


@task()
def send_invitations_task(event_id: int) -> int:
    """Queued invitations in batches, then any update or cancellation due; safe to run twice."""
    from secon.events import sending

    return sending.send_all(event_id)


@task()
def send_reminders_task() -> int:
    """Reminders due now (run it from cron or a timer, e.g. hourly: `manage.py send_event_reminders`)."""
    from secon.events import sending

    return sending.send_reminders()
