"""The registry's own personal-data sections: roles, organisations, consents, memberships, "join us" requests.

They are registered with `secon.core.personal_data` like any other app's (the app's `ready()` imports
this module), so the export, the PDF and the erasure loop over one list. Each section exports rows of
plain values, lays them out for the PDF, and erases what identifies the person while keeping the rows
that counts are made of.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.personal_data import ErasedPart, PdfTable, Row, register_person_data
from secon.registry.models import Affiliation, ConsentRecord, JoinRequest, Person, RsgMembership
from secon.registry.privacy.pdf import readable_date

# A withdrawal through a known channel is recorded as a code; anything else may be free text.
_CODE = re.compile(r"^[a-z0-9_.-]*$")
DASH = "–"


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def join_requests_of(person: Person) -> models.QuerySet[JoinRequest]:
    """The person's "join us" requests: linked to them, or sent with their e-mail to the same partner."""
    match = Q(person=person)
    if person.email:
        match |= Q(email__iexact=person.email)
    return JoinRequest.objects.filter(partner_id=person.partner_id).filter(match)


# --- Roles ---------------------------------------------------------------------------------------------


def export_roles(person: Person) -> list[Row]:
    return [
        {"code": assignment.role, "label": assignment.title}
        for assignment in person.role_assignments.order_by("role")
    ]


def roles_table(rows: list[Row]) -> PdfTable:
    return PdfTable(_("Roles"), [_("Role")], [[row["label"]] for row in rows])


# --- Organisations -------------------------------------------------------------------------------------


def export_affiliations(person: Person) -> list[Row]:
    return [
        {
            "organisation": {
                "id": affiliation.organisation_id,
                "name": affiliation.organisation.name,
                "type": affiliation.organisation.type.display_name,
            },
            "position": affiliation.position,
            "since": _iso(affiliation.since),
            "until": _iso(affiliation.until),
        }
        for affiliation in Affiliation.objects.filter(person=person)
        .select_related("organisation__type")
        .order_by("organisation__name")
    ]


def affiliations_table(rows: list[Row]) -> PdfTable:
    return PdfTable(
        _("Organisations"),
        [_("Organisation"), _("Position"), _("Since"), _("Until")],
        [
            [
                row["organisation"]["name"],
                row["position"] or DASH,
                readable_date(row["since"]),
                readable_date(row["until"]),
            ]
            for row in rows
        ],
    )


def erase_affiliations(person: Person, now: dt.datetime) -> ErasedPart:
    """Positions go (in a small organisation they point to the person); the affiliations and dates stay."""
    Affiliation.objects.filter(person=person).update(position="")
    return ErasedPart()


# --- Consents ------------------------------------------------------------------------------------------


def export_consents(person: Person) -> list[Row]:
    return [
        {
            "purpose": consent.purpose,
            "purpose_label": consent.get_purpose_display(),
            "legal_basis": consent.legal_basis,
            "legal_basis_label": consent.get_legal_basis_display(),
            "given_at": _iso(consent.given_at),
            "source": consent.source,
            "source_label": consent.get_source_display(),
            "text_version": consent.text_version,
            "withdrawn_at": _iso(consent.withdrawn_at),
            "withdrawal_source": consent.withdrawal_source,
            "in_force": consent.in_force,
        }
        for consent in ConsentRecord.objects.filter(person=person).order_by("purpose", "given_at", "pk")
    ]


def consents_table(rows: list[Row]) -> PdfTable:
    return PdfTable(
        _("Consents and legal bases"),
        [_("Purpose"), _("Legal basis"), _("Given"), _("Source"), _("Text version"), _("Withdrawn")],
        [
            [
                row["purpose_label"],
                row["legal_basis_label"],
                readable_date(row["given_at"]),
                row["source_label"],
                row["text_version"] or DASH,
                readable_date(row["withdrawn_at"])
                + (f" ({row['withdrawal_source']})" if row["withdrawal_source"] else ""),
            ]
            for row in rows
        ],
    )


def erase_consents(person: Person, now: dt.datetime) -> ErasedPart:
    """Those in force are withdrawn; the records and dates stay as proof that every contact had a basis."""
    consents = ConsentRecord.objects.filter(person=person)
    withdrawn = consents.filter(withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawal_source="erasure"
    )
    for consent in consents.exclude(withdrawal_source=""):
        if not _CODE.match(consent.withdrawal_source):
            consent.withdrawal_source = "erasure"
            consent.save(update_fields=["withdrawal_source"])
    return ErasedPart(counts={"consents_withdrawn": withdrawn})


# --- Regional Stakeholder Group membership -------------------------------------------------------------


def export_memberships(person: Person) -> list[Row]:
    return [
        {
            "id": membership.pk,
            "organisation": {"id": membership.organisation_id, "name": membership.organisation.name},
            "role": membership.role,
            "role_label": membership.role_title,
            "since": _iso(membership.since),
            "until": _iso(membership.until),
        }
        # Through the person's manager: each membership knows its person, whose form its title takes.
        for membership in person.memberships.select_related("organisation").order_by("since", "pk")
    ]


def memberships_table(rows: list[Row]) -> PdfTable:
    return PdfTable(
        _("Regional Stakeholder Group membership"),
        [_("Organisation represented"), _("Role"), _("Since"), _("Until")],
        [
            [
                row["organisation"]["name"],
                row["role_label"],
                readable_date(row["since"]),
                readable_date(row["until"]),
            ]
            for row in rows
        ],
    )


def erase_memberships(person: Person, now: dt.datetime) -> ErasedPart:
    """An open membership ends today (the group's composition on any day stays right); a future one goes."""
    today = timezone.localdate(now)
    memberships = RsgMembership.objects.filter(person=person)
    ids = list(memberships.values_list("pk", flat=True))
    # A membership that has not started yet never counted anywhere: it goes; open ones end today.
    not_started = memberships.filter(since__gt=today).delete()[0]
    ended = memberships.filter(Q(until__isnull=True) | Q(until__gt=today)).update(until=today, updated_at=now)
    return ErasedPart(
        counts={"memberships_ended": ended, "memberships_not_started_removed": not_started},
        records={RsgMembership: ids},
    )


# --- "Join us" requests --------------------------------------------------------------------------------


def export_join_requests(person: Person) -> list[Row]:
    return [
        {
            "id": request.pk,
            "created_at": _iso(request.created_at),
            "given_names": request.given_names,
            "surname": request.surname,
            "full_name": request.full_name,
            "email": request.email,
            "organisation_name": request.organisation_name,
            "interests": [theme.display_name for theme in request.interests.all()],
            "message": request.message,
            "language": request.language,
            "clause_version": request.clause_version,
            "consent_given_at": _iso(request.consent_given_at),
            "status": request.status,
            "status_label": request.get_status_display(),
            "confirmed_at": _iso(request.confirmed_at),
            "reviewed_at": _iso(request.reviewed_at),
            "decision_note": request.decision_note,
        }
        for request in join_requests_of(person).prefetch_related("interests").order_by("created_at", "pk")
    ]


def join_requests_table(rows: list[Row]) -> PdfTable:
    return PdfTable(
        _("“Join us” requests"),
        [_("Sent"), _("Name and e-mail"), _("Organisation"), _("Status"), _("Message")],
        [
            [
                readable_date(row["created_at"]),
                f"{row['full_name']} <{row['email']}>" if row["email"] else row["full_name"],
                row["organisation_name"] or DASH,
                row["status_label"],
                row["message"] or DASH,
            ]
            for row in rows
        ],
    )


def erase_join_requests(person: Person, now: dt.datetime) -> ErasedPart:
    """The sender's name, e-mail, organisation and messages go; the requests' status and dates stay."""
    from secon.registry.privacy.erasure import anonymous_name

    requests = join_requests_of(person)
    values = {value for row in requests.values_list("full_name", "email") for value in row}
    ids = list(requests.values_list("pk", flat=True))
    JoinRequest.objects.filter(pk__in=ids).update(
        given_names="",
        surname=anonymous_name(person),
        full_name=anonymous_name(person),
        email="",
        organisation_name="",
        message="",
        decision_note="",
        person=person,
    )
    return ErasedPart(
        counts={"join_requests_anonymised": len(ids)}, values=values, records={JoinRequest: ids}
    )


def register() -> None:
    """Called once from the app's `ready()`: the order here is the order of the export and the PDF."""
    register_person_data(
        "roles", title=gettext_lazy("Roles"), export=export_roles, table=roles_table, top_level=True
    )
    register_person_data(
        "affiliations",
        title=gettext_lazy("Organisations"),
        export=export_affiliations,
        anonymise=erase_affiliations,
        table=affiliations_table,
        top_level=True,
    )
    register_person_data(
        "consents",
        title=gettext_lazy("Consents and legal bases"),
        export=export_consents,
        anonymise=erase_consents,
        table=consents_table,
        top_level=True,
    )
    register_person_data(
        "memberships",
        title=gettext_lazy("Regional Stakeholder Group membership"),
        export=export_memberships,
        anonymise=erase_memberships,
        table=memberships_table,
        top_level=True,
    )
    register_person_data(
        "join_requests",
        title=gettext_lazy("“Join us” requests"),
        export=export_join_requests,
        anonymise=erase_join_requests,
        table=join_requests_table,
        top_level=True,
    )
