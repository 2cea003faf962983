"""The only way a view gets projects objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from secon.core.access import check_partner_access, register_access
from secon.projects.models import Partner, WorkItem

if TYPE_CHECKING:
    from secon.accounts.models import User


def get_work_item_for_user(user: User, pk: int | str, *, write: bool = False) -> WorkItem:
    item = WorkItem.objects.select_related("partner", "owner").filter(pk=pk).first()
    if item is None:
        raise Http404
    return check_partner_access(user, item, write=write)


def get_partner_for_user(user: User, pk: int | str, *, write: bool = False) -> Partner:
    partner = Partner.objects.filter(pk=pk).first()
    if partner is None:
        raise Http404
    return check_partner_access(user, partner, write=write)


register_access(WorkItem, get_work_item_for_user)
register_access(Partner, get_partner_for_user)
