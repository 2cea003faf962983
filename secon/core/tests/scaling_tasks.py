"""A task for the scaling test: each run leaves one audit event, so double execution would show."""

from __future__ import annotations

from django_tasks import task

from secon.core.audit import record_event, register_actions

register_actions({"core.test.stamped": "Stamped by the scaling test"})


@task()
def stamp(number: int) -> None:
    record_event("core.test.stamped", actor=None, changes={"number": number})
