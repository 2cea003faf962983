"""Registry writes the back-office pages need beyond services.py: statuses, deleting an organisation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from secon.core.audit import record_event
from secon.registry.models import Organisation, OrganisationStatus, StatusType

if TYPE_CHECKING:
    from secon.accounts.models import User


@transaction.atomic
def add_status(
    organisation: Organisation,
    *,
    actor: User | None,
    kind: StatusType | str,
    granted_on: dt.date,
    valid_until: dt.date | None = None,
    reference: str = "",
    purpose: str = "",
) -> OrganisationStatus:
    """`kind` is a status of the organisation's country (or of none), given as the row or its code."""
    if isinstance(kind, str):
        kind = StatusType.objects.filter(code=kind).first() or StatusType(code=kind)
    if kind.pk is None or (kind.country_id and kind.country_id != organisation.country_code):
        raise ValidationError({"kind": _("This status is not one of the organisation's country.")})
    status = OrganisationStatus(
        organisation=organisation,
        kind=kind,
        granted_on=granted_on,
        valid_until=valid_until,
        reference=reference,
        purpose=purpose,
    )
    status.full_clean()
    status.save()
    record_event(
        "registry.organisation.status_added",
        actor=actor,
        obj=organisation,
        changes={
            # The status's own field with the type's id, so the history names it in either language
            # (the key "status" of older events is shared with other apps' lists of states).
            "kind": kind.pk,
            "granted_on": granted_on,
            "valid_until": valid_until,
            "reference": reference,
            "purpose": purpose,
        },
    )
    return status


@transaction.atomic
def end_status(status: OrganisationStatus, *, actor: User | None, valid_until: dt.date) -> OrganisationStatus:
    status = (
        OrganisationStatus.objects.select_for_update()
        .select_related("organisation", "kind")
        .get(pk=status.pk)
    )
    if valid_until < status.granted_on:
        raise ValidationError({"valid_until": _("A status cannot end before it was granted.")})
    before = status.valid_until
    status.valid_until = valid_until
    status.save(update_fields=["valid_until"])
    record_event(
        "registry.organisation.status_ended",
        actor=actor,
        obj=status.organisation,
        changes={"kind": status.kind.pk, "valid_until": [before, valid_until]},
    )
    return status


def deletion_blockers(organisation: Organisation) -> list[str]:
    """The kinds of record that keep an organisation from being deleted (empty when it can be).

    Asked of Django's own deletion collector, without deleting, so the page that offers "Delete" and the
    deletion itself agree on every protected relation, present and future.
    """
    collector = Collector(using=router.db_for_write(Organisation))
    try:
        collector.collect([organisation])
    except ProtectedError as error:
        return sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
    return []


def blocked_message(name: str, blockers: list[str]) -> str:
    return _("“%(name)s” cannot be deleted while these records refer to it: %(records)s.") % {
        "name": name,
        "records": ", ".join(blockers),
    }


@transaction.atomic
def delete_organisation(organisation: Organisation, *, actor: User | None) -> None:
    """Delete an organisation; refuse with a readable message when other records still point at it."""
    name = organisation.name
    # The audit row goes first so that it names the record; a refused deletion rolls it back too.
    record_event("registry.organisation.deleted", actor=actor, obj=organisation, changes={"name": name})
    try:
        with transaction.atomic():
            organisation.delete()
    except ProtectedError as error:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
        raise ValidationError(blocked_message(name, kinds)) from error
