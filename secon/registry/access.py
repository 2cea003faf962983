"""The only way a view gets registry objects: the partner rule of secon.core.access."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from secon.core.access import check_partner_access, register_access
from secon.registry.models import (
    ImportBatch,
    JoinRequest,
    JoinRequestStatus,
    Organisation,
    Person,
    RsgMembership,
)

if TYPE_CHECKING:
    from secon.accounts.models import User


def get_organisation_for_user(user: User, pk: int | str, *, write: bool = False) -> Organisation:
    organisation: Organisation | None = (
        Organisation.objects.select_related("partner", "type").filter(pk=pk).first()
    )
    if organisation is None:
        raise Http404
    return check_partner_access(user, organisation, write=write)


def get_person_for_user(user: User, pk: int | str, *, write: bool = False) -> Person:
    person: Person | None = Person.objects.select_related("partner").filter(pk=pk).first()
    if person is None:
        raise Http404
    return check_partner_access(user, person, write=write)


def get_membership_for_user(user: User, pk: int | str, *, write: bool = False) -> RsgMembership:
    membership = (
        RsgMembership.objects.select_related("partner", "person", "organisation").filter(pk=pk).first()
    )
    if membership is None:
        raise Http404
    return check_partner_access(user, membership, write=write)


def get_join_request_for_user(user: User, pk: int | str, *, write: bool = False) -> JoinRequest:
    """A request its sender has not confirmed yet does not exist for staff: not its page, not its history."""
    request = (
        JoinRequest.objects.select_related("partner")
        .exclude(status=JoinRequestStatus.UNCONFIRMED)
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise Http404
    return check_partner_access(user, request, write=write)


def get_import_batch_for_user(user: User, pk: int | str, *, write: bool = False) -> ImportBatch:
    batch: ImportBatch | None = (
        ImportBatch.objects.select_related("partner", "created_by").filter(pk=pk).first()
    )
    if batch is None:
        raise Http404
    return check_partner_access(user, batch, write=write)


register_access(Organisation, get_organisation_for_user)
register_access(Person, get_person_for_user)
register_access(RsgMembership, get_membership_for_user)
register_access(JoinRequest, get_join_request_for_user)
register_access(ImportBatch, get_import_batch_for_user)
