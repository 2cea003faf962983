"""The project this installation runs: one project per installation."""

from __future__ import annotations

from secon.projects.models import Project


def current_project() -> Project | None:
    """The installation's project (the first one created), or None before any data is loaded."""
    return Project.objects.select_related("programme", "lead_partner").order_by("pk").first()
