"""A task for the scaling test: each run leaves one audit event naming the process that ran it, so a
double execution would show, and so would a worker that never got any work."""

from __future__ import annotations

import os

from django_tasks import task

from secon.core.audit import record_event, register_actions

register_actions({"core.test.stamped": "Stamped by the scaling test"})


@task()
def stamp(number: int) -> None:
    record_event("core.test.stamped", actor=None, changes={"number": number, "process": os.getpid()})
