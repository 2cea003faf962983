"""Background tasks of the registry (run by `manage.py db_worker`): reading, checking and writing imports.

Each import task carries the batch's attempt; see secon/registry/imports/services.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django_tasks import task

if TYPE_CHECKING:
    from secon.accounts.models import User


def _actor(actor_id: int | None) -> User | None:
    from secon.accounts.models import User

    return User.objects.filter(pk=actor_id).first() if actor_id else None


@task()
def read_import_task(batch_id: int, actor_id: int | None, attempt: int) -> None:
    from secon.registry.imports import services

    services.read_import(batch_id, attempt=attempt, actor=_actor(actor_id))


@task()
def check_import_task(batch_id: int, actor_id: int | None, attempt: int) -> None:
    from secon.registry.imports import services

    services.run_check(batch_id, attempt=attempt, actor=_actor(actor_id))


@task()
def write_import_task(batch_id: int, actor_id: int | None, attempt: int | None = None) -> None:
    from secon.registry.imports import services

    services.write_import(batch_id, actor=_actor(actor_id), attempt=attempt)
