"""Every write to the work plan: one function each, with an actor, a transaction and an audit event."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.core.audit import diff_fields, record_event, snapshot
from secon.core.cache import invalidate_public_pages
from secon.projects.models import Partner, WorkItem, WorkItemKind, WorkItemStatus

if TYPE_CHECKING:
    from secon.accounts.models import User

WORK_ITEM_FIELDS = [
    "semester",
    "kind",
    "title",
    "title_en",
    "description",
    "owner",
    "due_date",
    "status",
    "is_public",
]


def _check_owner(partner: Partner, owner: User | None) -> None:
    if owner is not None and owner.partner_id != partner.pk:
        raise ValidationError({"owner": _("The owner must belong to the same partner.")})


@transaction.atomic
def create_work_item(
    partner: Partner,
    *,
    actor: User,
    semester: int,
    title: str,
    due_date: dt.date,
    kind: str = WorkItemKind.ACTIVITY,
    title_en: str = "",
    description: str = "",
    owner: User | None = None,
    status: str = WorkItemStatus.PLANNED,
    is_public: bool = False,
) -> WorkItem:
    _check_owner(partner, owner)
    item = WorkItem(
        partner=partner,
        semester=semester,
        kind=kind,
        title=title,
        title_en=title_en,
        description=description,
        owner=owner,
        due_date=due_date,
        status=status,
        is_public=is_public,
    )
    item.full_clean()
    item.save()
    record_event(
        "projects.work_item.created", actor=actor, obj=item, changes=snapshot(item, WORK_ITEM_FIELDS)
    )
    return item


@transaction.atomic
def update_work_item(item: WorkItem, *, actor: User, **values: object) -> WorkItem:
    unknown = set(values) - set(WORK_ITEM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown work-item fields: {sorted(unknown)}")
    item = WorkItem.objects.select_for_update().get(pk=item.pk)
    before = snapshot(item, WORK_ITEM_FIELDS)
    for field, value in values.items():
        setattr(item, field, value)
    _check_owner(item.partner, item.owner)
    item.full_clean()
    changes = diff_fields(before, snapshot(item, WORK_ITEM_FIELDS))
    if changes:
        item.save()
        if item.is_public or "is_public" in changes:
            invalidate_public_pages()
        record_event("projects.work_item.updated", actor=actor, obj=item, changes=changes)
    return item


@transaction.atomic
def delete_work_item(item: WorkItem, *, actor: User) -> None:
    record_event(
        "projects.work_item.deleted", actor=actor, obj=item, changes=snapshot(item, WORK_ITEM_FIELDS)
    )
    if item.is_public:
        invalidate_public_pages()
    item.delete()
