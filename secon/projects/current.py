"""The project this installation runs: one project per installation."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest

from secon.core.cache import forget_kept_values, per_public_version
from secon.projects.models import Partner, Programme, Project


def current_project() -> Project | None:
    """The installation's project (the first one created), or None before any data is loaded."""
    return Project.objects.select_related("programme", "lead_partner").order_by("pk").first()


# Every public page shows the project, so each process keeps it for anonymous visitors until published
# content changes: the services and the admin that edit a project, its programme or its partners
# invalidate the public pages. An uncached page then makes no query for it.
_kept_project = per_public_version(current_project)


def project_for(request: HttpRequest) -> Project | None:
    """The project for this request: this process's copy for anonymous visitors, a fresh one otherwise.

    Signed-in users never get a page rendered from kept data (an edit shows to its author at once,
    whichever process serves the next page); their pages are never cached either.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return current_project()
    return _kept_project()


@receiver(post_save, sender=Project)
@receiver(post_save, sender=Programme)
@receiver(post_save, sender=Partner)
@receiver(post_delete, sender=Project)
@receiver(post_delete, sender=Programme)
@receiver(post_delete, sender=Partner)
def _forget_kept_project(**kwargs: Any) -> None:
    # A write in this process shows at once here, even one that bypassed the services (shell, tests).
    forget_kept_values()
