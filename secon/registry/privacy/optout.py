"""Opt-out links: signed, expiring tokens naming a person and a purpose (or a pending “join us” request).

Anyone holding the link may stop the e-mails it names, without logging in. The page a link opens only
shows what will stop; the change happens on a POST, because mail scanners follow links in e-mails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from secon.core.audit import record_event
from secon.registry.models import ConsentRecord, JoinRequest, Person, Purpose
from secon.registry.records import services

SALT = "secon.registry.optout"
THROUGH = "opt_out_link"


def link_days() -> int:
    """How long an opt-out link works; old e-mails should keep working for a long time."""
    return int(settings.OPTOUT_LINK_DAYS)


def make_person_token(person: Person, purpose: str) -> str:
    return signing.dumps({"k": "p", "id": person.pk, "u": str(purpose)}, salt=SALT)


def make_join_token(join_request: JoinRequest) -> str:
    return signing.dumps({"k": "j", "id": join_request.pk}, salt=SALT)


def optout_url(token: str, *, language: str) -> str:
    """The absolute address of the opt-out page, in the recipient's language."""
    with translation.override(language):
        return settings.SITE_URL + reverse("public:optout", args=[token])


def purpose_label(purpose: str, language: str | None = None) -> str:
    labels = dict(Purpose.choices)
    if language is None:
        return str(labels.get(purpose, purpose))
    with translation.override(language):
        return str(labels.get(purpose, purpose))


def mask_email(email: str) -> str:
    """Enough of the address to recognise it, not enough to read it off a forwarded link: j***@example.org."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


@dataclass(frozen=True)
class OptOutTarget:
    """What a valid link names, and whether there is still something to stop."""

    kind: str  # "person" or "join"
    pk: int
    purpose: str
    person: Person | None
    join_request: JoinRequest | None

    @property
    def already(self) -> bool:
        if self.person is not None:
            if self.person.anonymised_at is not None:
                return True
            return (
                not ConsentRecord.objects.filter(person=self.person, purpose=self.purpose).in_force().exists()
            )
        return self.join_request is None

    @property
    def email(self) -> str:
        if self.person is not None:
            return mask_email(self.person.email)
        if self.join_request is not None:
            return mask_email(self.join_request.email)
        return ""

    @property
    def purpose_label(self) -> str:
        return purpose_label(self.purpose)

    @property
    def partner(self) -> object | None:
        owner = self.person or self.join_request
        return owner.partner if owner is not None else None


def read_token(token: str) -> OptOutTarget:
    """The target a link names; raises BadSignature when tampered with, SignatureExpired when old."""
    from secon.registry.join.services import JOIN_PURPOSE

    data = signing.loads(token, salt=SALT, max_age=dt.timedelta(days=link_days()))
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise signing.BadSignature("malformed opt-out token")
    if data.get("k") == "p" and data.get("u") in Purpose.values:
        person = Person.objects.select_related("partner").filter(pk=data["id"]).first()
        return OptOutTarget("person", data["id"], data["u"], person, None)
    if data.get("k") == "j":
        join_request = (
            JoinRequest.objects.select_related("partner", "person__partner").filter(pk=data["id"]).first()
        )
        if join_request is not None and join_request.person is not None:
            # Once accepted, the request's link stops what the request consented to.
            return OptOutTarget("person", join_request.person.pk, JOIN_PURPOSE, join_request.person, None)
        return OptOutTarget("join", data["id"], JOIN_PURPOSE, None, join_request)
    raise signing.BadSignature("unknown opt-out token")


@transaction.atomic
def opt_out(target: OptOutTarget) -> bool:
    """Stop what the link names; False (and no audit event) when it was already stopped."""
    if target.kind == "person":
        person = Person.objects.select_for_update().filter(pk=target.pk).first()
        if person is None:
            return False
        return services.withdraw_consent(person, actor=None, purpose=target.purpose, through=THROUGH) > 0
    join_request = JoinRequest.objects.select_for_update().filter(pk=target.pk, person__isnull=True).first()
    if join_request is None:
        return False
    # The visitor withdraws the request: it is erased, and the trail keeps no personal data of it.
    record_event(
        "registry.join_request.withdrawn",
        actor=None,
        partner=join_request.partner,
        changes={"join_request": join_request.pk, "status": join_request.status, "through": THROUGH},
    )
    join_request.delete()
    return True
