"""“Join us” requests: submission with double opt-in, confirmation by e-mail, and the staff review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.core import ratelimit
from secon.core.audit import record_event
from secon.lib.text import fold
from secon.registry import emails
from secon.registry.models import (
    Affiliation,
    ConsentSource,
    JoinRequest,
    JoinRequestStatus,
    LegalBasis,
    Organisation,
    Person,
    Purpose,
    Theme,
)
from secon.registry.models.people import join_names
from secon.registry.records import services

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.projects.models import Partner

CONFIRM_SALT = "secon.registry.join.confirm"
# What a visitor consents to on the form: taking part in the Regional Stakeholder Group's work.
JOIN_PURPOSE = Purpose.RSG_COMMUNICATION
# Submissions from one IP address: settings.RATE_LIMITS["join"] (JOIN_RATE_LIMIT).
RATE_LIMIT = "join"
# A visitor who submits again with the same address gets the confirmation again, but not endlessly.
RESENDS_PER_DAY = 3
RESEND_RATE = (ratelimit.Rate(RESENDS_PER_DAY, 86400, per="key"),)


def clause_version() -> str:
    """The version of the information clause shown next to the form, stored on every request."""
    return str(settings.JOIN_CLAUSE_VERSION)


def confirm_days() -> int:
    return int(settings.JOIN_CONFIRM_DAYS)


# --- Rate limits (core/ratelimit.py: counted atomically in the database, shared by every web process) ---


def over_limit(ip: str) -> bool:
    """True when this address has used up its submissions; counts nothing (asked before the form is read)."""
    return ratelimit.exceeded(RATE_LIMIT, ip=ip)


def take_submission(ip: str) -> bool:
    """Count one submission from this address; False (and nothing counted) when the limit is reached."""
    return ratelimit.hit(RATE_LIMIT, ip=ip).allowed


def limit_minutes() -> int:
    """At most how long a refused visitor waits, for the message on the limit page."""
    return max(1, ratelimit.period_seconds(RATE_LIMIT) // 60)


def _resend_allowed(email: str) -> bool:
    return ratelimit.hit("join_resend", key=email, fixed=RESEND_RATE).allowed


# --- Confirmation tokens ---------------------------------------------------------------------------------


def make_confirm_token(join_request: JoinRequest) -> str:
    return signing.dumps({"j": join_request.pk}, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> JoinRequest | None:
    """The request a confirmation link names; raises signing.BadSignature (or SignatureExpired)."""
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=dt.timedelta(days=confirm_days()))
    if not isinstance(data, dict) or not isinstance(data.get("j"), int):
        raise signing.BadSignature("malformed join token")
    return JoinRequest.objects.select_related("partner").filter(pk=data["j"]).first()


# --- Services --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    join_request: JoinRequest
    created: bool
    resent: bool


@transaction.atomic
def submit_join_request(
    partner: Partner,
    *,
    actor: User | None = None,
    given_names: str,
    surname: str,
    email: str,
    organisation_name: str = "",
    interests: Iterable[Theme] = (),
    message: str = "",
    language: str = "pl",
) -> Submission:
    """Store a request and e-mail the confirmation link; a repeat within a day re-sends it instead."""
    email = email.strip().lower()
    now = timezone.now()
    pending = (
        JoinRequest.objects.filter(
            email__iexact=email,
            status=JoinRequestStatus.UNCONFIRMED,
            created_at__gte=now - dt.timedelta(days=1),
        )
        .order_by("-created_at")
        .first()
    )
    if pending is not None:
        resent = _resend_allowed(email)
        if resent:
            emails.send_join_confirmation(pending, token=make_confirm_token(pending))
        record_event(
            "registry.join_request.resubmitted",
            actor=actor,
            obj=pending,
            changes={"confirmation_resent": resent},
        )
        return Submission(pending, created=False, resent=resent)
    join_request = JoinRequest(
        partner=partner,
        given_names=" ".join(given_names.split()),
        surname=" ".join(surname.split()),
        full_name=join_names(given_names, surname),
        email=email,
        organisation_name=organisation_name.strip(),
        message=message.strip(),
        language=language,
        clause_version=clause_version(),
        consent_given_at=now,
    )
    join_request.full_clean()
    join_request.save()
    themes = list(interests)
    join_request.interests.set(themes)
    record_event(
        "registry.join_request.submitted",
        actor=actor,
        obj=join_request,
        changes={
            "clause_version": join_request.clause_version,
            "language": language,
            "interests": sorted(theme.code for theme in themes),
        },
    )
    emails.send_join_confirmation(join_request, token=make_confirm_token(join_request))
    return Submission(join_request, created=True, resent=False)


@transaction.atomic
def confirm_join_request(join_request: JoinRequest, *, actor: User | None = None) -> bool:
    """The visitor followed the link: the request goes to the review queue. False when nothing changed."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequestStatus.UNCONFIRMED:
        return False  # confirming twice is harmless
    join_request.status = JoinRequestStatus.CONFIRMED
    join_request.confirmed_at = timezone.now()
    join_request.save(update_fields=["status", "confirmed_at", "updated_at"])
    record_event("registry.join_request.confirmed", actor=actor, obj=join_request)
    return True


def _check_reviewable(join_request: JoinRequest) -> None:
    if join_request.status != JoinRequestStatus.CONFIRMED:
        raise ValidationError(
            _("This request is “%(status)s”; only a confirmed request waiting for review can be decided.")
            % {"status": join_request.get_status_display()}
        )


def find_organisation(partner_id: int, name: str) -> Organisation | None:
    """The one organisation of the partner's registry with this name (diacritics and case aside)."""
    wanted = fold(name)
    if not wanted:
        return None
    candidates = Organisation.objects.for_partner(partner_id).search(name)[:50]
    matches = [
        organisation
        for organisation in candidates
        if wanted in {fold(organisation.name), fold(organisation.name_en), fold(organisation.short_name)}
    ]
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def accept_join_request(join_request: JoinRequest, *, actor: User, note: str = "") -> Person:
    """Create the person (or link the one with this e-mail), record the consent, welcome them."""
    join_request = JoinRequest.objects.select_for_update().select_related("partner").get(pk=join_request.pk)
    _check_reviewable(join_request)
    person = (
        Person.objects.for_partner(join_request.partner_id).filter(email__iexact=join_request.email).first()
    )
    created = person is None
    if person is None:
        person = services.create_person(
            join_request.partner,
            actor=actor,
            given_names=join_request.given_names,
            surname=join_request.surname,
            email=join_request.email,
            language=join_request.language,
        )
    services.record_consent(
        person,
        actor=actor,
        purpose=JOIN_PURPOSE,
        legal_basis=LegalBasis.CONSENT,
        source=ConsentSource.JOIN_US,
        text_version=join_request.clause_version,
        given_at=join_request.consent_given_at,
    )
    organisation = find_organisation(join_request.partner_id, join_request.organisation_name)
    if (
        organisation is not None
        and not Affiliation.objects.filter(person=person, organisation=organisation).exists()
    ):
        services.set_affiliation(person, actor=actor, organisation=organisation)
    join_request.status = JoinRequestStatus.ACCEPTED
    join_request.reviewed_at = timezone.now()
    join_request.reviewed_by = actor
    join_request.decision_note = note.strip()
    join_request.person = person
    join_request.save()
    record_event(
        "registry.join_request.accepted",
        actor=actor,
        obj=join_request,
        changes={
            "person": str(person),
            "person_id": person.pk,
            "person_created": created,
            "organisation": organisation.name if organisation else "",
            "note": join_request.decision_note,
        },
    )
    emails.send_join_welcome(person, join_request=join_request)
    return person


@transaction.atomic
def decline_join_request(join_request: JoinRequest, *, actor: User, note: str = "") -> JoinRequest:
    join_request = JoinRequest.objects.select_for_update().select_related("partner").get(pk=join_request.pk)
    _check_reviewable(join_request)
    join_request.status = JoinRequestStatus.DECLINED
    join_request.reviewed_at = timezone.now()
    join_request.reviewed_by = actor
    join_request.decision_note = note.strip()
    join_request.save()
    record_event(
        "registry.join_request.declined",
        actor=actor,
        obj=join_request,
        changes={"note": join_request.decision_note},
    )
    emails.send_join_declined(join_request)
    return join_request


def was_created_by(join_request: JoinRequest) -> bool:
    """Whether accepting this request created its person (rather than linking someone already held)."""
    from secon.core.models import AuditEvent

    event = AuditEvent.objects.for_object(join_request).filter(code="registry.join_request.accepted").first()
    return bool(event and event.changes.get("person_created"))
