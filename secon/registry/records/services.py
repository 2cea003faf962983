"""Every important write to the registry: one function each, with an actor, a transaction and an audit event.

Import, "join us", privacy and merge services live in their own modules (imports/, join/, privacy/,
records/merge.py) and build on these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core.audit import diff_fields, record_event, snapshot
from secon.core.cache import invalidate_public_pages
from secon.countries.postal import clean_postal_code
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    Organisation,
    Person,
    PersonRoleAssignment,
    Purpose,
    RsgMembership,
    Theme,
)
from secon.registry.records.organisation_identifiers import (
    check_identifiers_unique,
    clean_identifiers,
    described,
    write_identifiers,
)

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.projects.models import Partner
    from secon.registry.models import OrganisationType
    from secon.territory.models import NutsRegion, TerritorialUnit

ORGANISATION_FIELDS = [
    "name", "name_en", "short_name", "type", "helix", "street", "postal_code", "city",
    "territory", "nuts_region", "website", "email", "phone", "notes",
]  # fmt: skip
PERSON_FIELDS = ["given_names", "surname", "title_form", "email", "phone", "language", "notes"]
# The whole name is recorded too: erasure searches the audit log for it (core/scrubbing.py), not for the
# parts, which other people share.
PERSON_AUDITED = [*PERSON_FIELDS, "full_name"]
# What public pages show of registry records (a presenter's name and title, a practice's institution):
# changing it, or the consent to publish a name, drops the cached public pages.
PUBLIC_PERSON_FIELDS = frozenset({"given_names", "surname", "full_name", "title_form"})
PUBLIC_ORGANISATION_FIELDS = frozenset({"name", "name_en", "short_name", "city", "territory"})


class OrganisationValues(TypedDict, total=False):
    """The fields a service may set on an organisation, each optional (an update sets only those given)."""

    name: str
    name_en: str
    short_name: str
    type: OrganisationType
    helix: str
    street: str
    postal_code: str
    city: str
    territory: TerritorialUnit | None
    nuts_region: NutsRegion | None
    website: str
    email: str
    phone: str
    notes: str


class PersonValues(TypedDict, total=False):
    """The fields a service may set on a person, each optional (an update sets only those given)."""

    given_names: str
    surname: str
    title_form: str
    email: str
    phone: str
    language: str
    notes: str


def _check_known(values: dict[str, Any], allowed: list[str], what: str) -> None:
    # Callers outside the type checker (a form's cleaned data, a script) get the same refusal at run time.
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _check_postal_code(organisation: Organisation) -> None:
    try:
        organisation.postal_code = clean_postal_code(organisation.country_code, organisation.postal_code)
    except ValidationError as error:
        raise ValidationError({"postal_code": error.messages}) from error


def _check_type_of_country(organisation: Organisation) -> None:
    """A legal form of another country's law is refused: the form offered only the partner's."""
    kind = organisation.type
    if kind.country_id and kind.country_id != organisation.country_code:
        raise ValidationError(
            {"type": _("“%(type)s” is a legal form of another country.") % {"type": kind.display_name}}
        )


def _check_territory_of_partner(organisation: Organisation) -> None:
    """A unit outside the partner's own territory (a Mazovian powiat for Extremadura) is refused."""
    from secon.territory.partners import units_for_partner

    unit_id = organisation.territory_id
    if unit_id is not None and not units_for_partner(organisation.partner).filter(pk=unit_id).exists():
        raise ValidationError(
            {
                "territory": _("“%(unit)s” is not a current unit of this partner's region.")
                % {"unit": organisation.territory}
            }
        )


@transaction.atomic
def create_organisation(
    partner: Partner,
    *,
    actor: User | None,
    themes: Iterable[Theme] = (),
    identifiers: Mapping[str, str] | None = None,
    **values: Unpack[OrganisationValues],
) -> Organisation:
    """`identifiers` maps the codes of the partner's country's schemes ("nip", "nif") to numbers."""
    fields: dict[str, Any] = dict(values)
    _check_known(fields, ORGANISATION_FIELDS, "organisation")
    numbers = clean_identifiers(partner.country, identifiers or {})
    organisation = Organisation(partner=partner, **fields)
    _check_postal_code(organisation)
    organisation.full_clean()
    _check_type_of_country(organisation)
    _check_territory_of_partner(organisation)
    check_identifiers_unique(partner.pk, numbers, None)
    organisation.refresh_search_text()
    organisation.save()
    organisation.themes.set(themes)
    write_identifiers(organisation, numbers)
    changes = snapshot(organisation, ORGANISATION_FIELDS)
    if numbers:
        changes["identifiers"] = described(organisation)
    record_event("registry.organisation.created", actor=actor, obj=organisation, changes=changes)
    return organisation


@transaction.atomic
def update_organisation(
    organisation: Organisation,
    *,
    actor: User | None,
    themes: Iterable[Theme] | None = None,
    identifiers: Mapping[str, str] | None = None,
    **values: Unpack[OrganisationValues],
) -> Organisation:
    """Sets only what is given; in `identifiers`, "" removes a number and a scheme not named is kept."""
    fields: dict[str, Any] = dict(values)
    _check_known(fields, ORGANISATION_FIELDS, "organisation")
    organisation = Organisation.objects.select_for_update().select_related("partner").get(pk=organisation.pk)
    numbers = clean_identifiers(organisation.country_code, identifiers or {})
    before = snapshot(organisation, ORGANISATION_FIELDS)
    for field, value in fields.items():
        setattr(organisation, field, value)
    if "postal_code" in fields:
        _check_postal_code(organisation)
    organisation.full_clean()
    if "type" in fields:
        _check_type_of_country(organisation)
    if "territory" in fields and organisation.territory != before["territory"]:
        _check_territory_of_partner(organisation)
    check_identifiers_unique(organisation.partner_id, numbers, organisation.pk)
    organisation.refresh_search_text()
    changes: dict[str, Any] = diff_fields(before, snapshot(organisation, ORGANISATION_FIELDS))
    if numbers:
        old_numbers = described(organisation)
        write_identifiers(organisation, numbers)
        new_numbers = described(organisation)
        if old_numbers != new_numbers:
            changes["identifiers"] = [old_numbers, new_numbers]
    if themes is not None:
        old = sorted(organisation.themes.values_list("code", flat=True))
        new = sorted(theme.code for theme in themes)
        if old != new:
            organisation.themes.set(themes)
            changes["themes"] = [old, new]
    if changes:
        organisation.save()
        if PUBLIC_ORGANISATION_FIELDS.intersection(changes):
            invalidate_public_pages()
        record_event("registry.organisation.updated", actor=actor, obj=organisation, changes=changes)
    return organisation


def _check_email_free(person: Person) -> None:
    if person.email and (
        Person.objects.for_partner(person.partner_id)
        .filter(email__iexact=person.email)
        .exclude(pk=person.pk)
        .exists()
    ):
        raise ValidationError({"email": _("Someone with this e-mail address is already in the registry.")})


def _set_roles(person: Person, roles: Iterable[str]) -> list[list[str]] | None:
    old = sorted(person.role_assignments.values_list("role", flat=True))
    new = sorted(set(roles))
    if old == new:
        return None
    person.role_assignments.exclude(role__in=new).delete()
    PersonRoleAssignment.objects.bulk_create(
        [PersonRoleAssignment(person=person, role=role) for role in new if role not in old]
    )
    return [old, new]


@transaction.atomic
def create_person(
    partner: Partner, *, actor: User | None, roles: Iterable[str] = (), **values: Unpack[PersonValues]
) -> Person:
    fields: dict[str, Any] = dict(values)
    _check_known(fields, PERSON_FIELDS, "person")
    person = Person(partner=partner, **fields)
    person.email = person.email.strip().lower()
    person.full_clean(validate_constraints=False)
    _check_email_free(person)
    person.refresh_search_text()
    person.save()
    _set_roles(person, roles)
    record_event(
        "registry.person.created",
        actor=actor,
        obj=person,
        changes={**snapshot(person, PERSON_AUDITED), "roles": sorted(set(roles))},
    )
    return person


@transaction.atomic
def update_person(
    person: Person, *, actor: User | None, roles: Iterable[str] | None = None, **values: Unpack[PersonValues]
) -> Person:
    fields: dict[str, Any] = dict(values)
    _check_known(fields, PERSON_FIELDS, "person")
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person, PERSON_AUDITED)
    for field, value in fields.items():
        setattr(person, field, value)
    person.email = person.email.strip().lower()
    person.full_clean(validate_constraints=False)
    _check_email_free(person)
    person.refresh_search_text()
    changes: dict[str, Any] = diff_fields(before, snapshot(person, PERSON_AUDITED))
    if roles is not None:
        role_change = _set_roles(person, roles)
        if role_change:
            changes["roles"] = role_change
    if changes:
        person.save()
        if PUBLIC_PERSON_FIELDS.intersection(changes):
            invalidate_public_pages()
        record_event("registry.person.updated", actor=actor, obj=person, changes=changes)
    return person


@transaction.atomic
def set_affiliation(
    person: Person,
    *,
    actor: User | None,
    organisation: Organisation,
    position: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Affiliation:
    if organisation.partner_id != person.partner_id:
        raise ValidationError(_("The person and the organisation belong to different partners' registries."))
    affiliation, _created = Affiliation.objects.update_or_create(
        person=person,
        organisation=organisation,
        defaults={"position": position, "since": since, "until": until},
    )
    record_event(
        "registry.person.affiliation_set",
        actor=actor,
        obj=person,
        changes={"organisation": organisation.name, "position": position, "since": since, "until": until},
    )
    return affiliation


@transaction.atomic
def record_consent(
    person: Person,
    *,
    actor: User | None,
    purpose: str,
    legal_basis: str,
    source: str,
    text_version: str = "",
    given_at: dt.datetime | None = None,
) -> ConsentRecord:
    """Record a legal basis for a purpose; a new record for the same purpose replaces the one in force."""
    now = timezone.now()
    ConsentRecord.objects.filter(person=person, purpose=purpose).in_force().update(
        withdrawn_at=now, withdrawal_source="replaced"
    )
    consent = ConsentRecord(
        person=person,
        purpose=purpose,
        legal_basis=legal_basis,
        source=source,
        text_version=text_version,
        given_at=given_at or now,
    )
    consent.full_clean()
    consent.save()
    if purpose == Purpose.PUBLICATION:
        invalidate_public_pages()
    record_event(
        "registry.consent.recorded",
        actor=actor,
        obj=person,
        changes={
            "purpose": purpose,
            "legal_basis": legal_basis,
            "source": source,
            "text_version": text_version,
        },
    )
    return consent


@transaction.atomic
def withdraw_consent(person: Person, *, actor: User | None, purpose: str, through: str) -> int:
    """Withdraw (or object to) the use for one purpose; returns how many records were in force."""
    count = (
        ConsentRecord.objects.filter(person=person, purpose=purpose)
        .in_force()
        .update(withdrawn_at=timezone.now(), withdrawal_source=through)
    )
    if count and purpose == Purpose.PUBLICATION:
        invalidate_public_pages()  # the public pages named the person; from now on they must not
    if count:
        record_event(
            "registry.consent.withdrawn",
            actor=actor,
            obj=person,
            changes={"purpose": purpose, "through": through},
        )
    return count


def may_contact(person: Person, purpose: str) -> bool:
    """True when a legal basis for this purpose is in force: nobody is e-mailed without one."""
    if person.anonymised_at is not None or not person.email:
        return False
    return ConsentRecord.objects.filter(person=person, purpose=purpose).in_force().exists()


@transaction.atomic
def add_membership(
    person: Person,
    *,
    actor: User | None,
    organisation: Organisation,
    since: dt.date,
    role: str = "member",
    until: dt.date | None = None,
) -> RsgMembership:
    if organisation.partner_id != person.partner_id:
        raise ValidationError(_("The person and the organisation belong to different partners' registries."))
    overlapping = RsgMembership.objects.filter(person=person, organisation=organisation).filter(
        since__lte=until or dt.date.max
    )
    overlapping = overlapping.exclude(until__lt=since)
    if overlapping.exists():
        raise ValidationError(
            _("This person already represents this organisation in the group in that period.")
        )
    membership = RsgMembership(
        partner_id=person.partner_id,
        person=person,
        organisation=organisation,
        role=role,
        since=since,
        until=until,
    )
    membership.full_clean()
    membership.save()
    record_event(
        "registry.membership.added",
        actor=actor,
        obj=membership,
        changes={"person": str(person), "organisation": organisation.name, "role": role, "since": since},
    )
    return membership


@transaction.atomic
def end_membership(membership: RsgMembership, *, actor: User | None, until: dt.date) -> RsgMembership:
    membership = RsgMembership.objects.select_for_update().get(pk=membership.pk)
    if until < membership.since:
        raise ValidationError({"until": _("A membership cannot end before it starts.")})
    before = membership.until
    membership.until = until
    membership.save(update_fields=["until", "updated_at"])
    record_event("registry.membership.ended", actor=actor, obj=membership, changes={"until": [before, until]})
    return membership


def composition_on(partner: Partner, day: dt.date) -> dict[str, Any]:
    """The group's make-up on a day: members counted by helix category, organisation type and region."""
    from django.db.models import Count
    from django.db.models.functions import Coalesce

    from secon.territory.models import nuts3_of

    active = RsgMembership.objects.filter(partner=partner).on(day)
    return {
        "day": day,
        "members": active.values("person").distinct().count(),
        "organisations": active.values("organisation").distinct().count(),
        "by_helix": {
            row["organisation__helix"]: row["count"]
            for row in active.values("organisation__helix").annotate(count=Count("person", distinct=True))
        },
        "by_type": {
            row["organisation__type__code"]: row["count"]
            for row in active.values("organisation__type__code").annotate(
                count=Count("person", distinct=True)
            )
        },
        # The NUTS-3 region of the organisation's unit (a gmina's is its powiat's), else its own region.
        "by_region": {
            row["region"]: row["count"]
            for row in active.values(
                region=Coalesce(nuts3_of("organisation__territory"), "organisation__nuts_region__code")
            ).annotate(count=Count("person", distinct=True))
        },
    }
