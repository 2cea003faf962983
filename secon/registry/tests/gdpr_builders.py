"""A person who holds one of every kind of data the registry keeps, for the GDPR tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from secon.accounts.models import User
from secon.projects.models import Partner
from secon.registry.models import JoinRequest, JoinRequestStatus, Organisation, Person, RsgMembership
from secon.registry.models.people import split_full_name
from secon.registry.records import services
from secon.tests.factories import make_organisation, make_person

NAME = "Zażółć Gęślą-Jaźń"
EMAIL = "zazolc.jazn@example.org"
PHONE = "+48 600 123 456"
NOTES = "Prefers phone calls in the morning."


@dataclass
class RichPerson:
    person: Person
    organisation: Organisation
    membership: RsgMembership
    join_request: JoinRequest


def make_join_request(partner: Partner, **fields: object) -> JoinRequest:
    values: dict[str, object] = {
        "partner": partner,
        "full_name": "Someone",
        "email": "someone@example.org",
        "organisation_name": "Spółdzielnia",
        "message": "Chcę działać w grupie.",
        "clause_version": "clause-2024-01",
        "consent_given_at": timezone.now(),
    }
    values.update(fields)
    values["given_names"], values["surname"] = split_full_name(str(values["full_name"]))
    return JoinRequest.objects.create(**values)


def make_rich_person(partner: Partner, *, actor: User, name: str = NAME, email: str = EMAIL) -> RichPerson:
    """A person with roles, a position, a consent history, a membership and a "join us" request."""
    join_request = make_join_request(
        partner,
        full_name=name,
        email=email.upper(),  # matched whatever its case
        organisation_name="Spółdzielnia Socjalna w Drobinie",
        message="Proszę o kontakt: " + PHONE,
        status=JoinRequestStatus.ACCEPTED,
    )
    person = make_person(
        partner, full_name=name + " (old)", email=email, phone=PHONE, notes=NOTES, language="pl"
    )
    given_names, surname = split_full_name(name)
    person = services.update_person(
        person, actor=actor, given_names=given_names, surname=surname, roles=["rsg_member", "speaker"]
    )
    organisation = make_organisation(partner, name="Spółdzielnia Socjalna w Drobinie")
    services.set_affiliation(person, actor=actor, organisation=organisation, position="Prezeska zarządu")
    services.record_consent(
        person, actor=actor, purpose="rsg_communication", legal_basis="public_task", source="staff"
    )
    services.record_consent(
        person, actor=actor, purpose="newsletter", legal_basis="consent", source="form", text_version="v1"
    )
    services.record_consent(  # replaces v1, which stays in the history
        person, actor=actor, purpose="newsletter", legal_basis="consent", source="form", text_version="v2"
    )
    services.withdraw_consent(person, actor=actor, purpose="newsletter", through="opt_out_link")
    membership = services.add_membership(
        person, actor=actor, organisation=organisation, since=dt.date(2023, 4, 21)
    )
    join_request.person = person
    join_request.save()
    return RichPerson(
        person=person, organisation=organisation, membership=membership, join_request=join_request
    )
