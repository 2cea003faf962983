"""The only way a view gets a practice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from secon.core.access import check_partner_access, register_access
from secon.practices.models import GoodPractice

if TYPE_CHECKING:
    from secon.accounts.models import User


def get_practice_for_user(user: User, pk: int | str, *, write: bool = False) -> GoodPractice:
    """Partner staff reach their partner's practices; the Lead Partner and admins see all."""
    practice = (
        GoodPractice.objects.select_related("partner", "main_institution", "contact_person")
        .prefetch_related("versions", "themes")
        .filter(pk=pk)
        .first()
    )
    if practice is None:
        raise Http404
    return check_partner_access(user, practice, write=write)


register_access(GoodPractice, get_practice_for_user)
