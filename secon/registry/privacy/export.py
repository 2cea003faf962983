"""Export of everything the platform holds on a person (art. 15 and 20 GDPR), as one versioned JSON document.

The document is built from the personal-data sections registered with `secon.core.personal_data`: the
registry's own (roles, organisations, consents, memberships, "join us" requests) at the top, as schema
version 1 placed them, and every other app's under "other". docs/decisions/0005-personal-data.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from secon.core.audit import mask_secrets, record_event
from secon.core.models import AuditEvent
from secon.core.personal_data import registered_sections
from secon.registry.models import JoinRequest, Person, RsgMembership
from secon.registry.privacy.sections import join_requests_of

if TYPE_CHECKING:
    from secon.accounts.models import User

EXPORT_SCHEMA = "secon.registry.person-export"
# Raise when a key is renamed or removed; adding keys keeps the version.
EXPORT_SCHEMA_VERSION = 1


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def audit_events_about(
    person: Person, membership_ids: Iterable[int], join_request_ids: Iterable[int]
) -> models.QuerySet[AuditEvent]:
    """Events whose record is the person, one of their memberships, or one of their join requests."""
    types = ContentType.objects.get_for_models(Person, RsgMembership, JoinRequest, for_concrete_models=False)
    return AuditEvent.objects.filter(
        Q(content_type=types[Person], object_id=str(person.pk))
        | Q(content_type=types[RsgMembership], object_id__in=[str(pk) for pk in membership_ids])
        | Q(content_type=types[JoinRequest], object_id__in=[str(pk) for pk in join_request_ids])
    )


def own_record_ids(person: Person) -> tuple[list[int], list[int]]:
    """The person's memberships and "join us" requests: the records whose events are about the person."""
    memberships = list(RsgMembership.objects.filter(person=person).values_list("pk", flat=True))
    return memberships, list(join_requests_of(person).values_list("pk", flat=True))


def collect_person_data(person: Person) -> dict[str, Any]:
    """Everything the platform holds on a person, as plain JSON values (no audit event: see export)."""
    person = Person.objects.select_related("partner").get(pk=person.pk)
    language = person.language if person.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        sections: dict[str, Any] = {}
        other: dict[str, Any] = {}
        for section in registered_sections():
            (sections if section.top_level else other)[section.key] = section.export(person)
        events = audit_events_about(person, *own_record_ids(person)).select_related("actor", "content_type")
        audit_events = [
            {
                "at": _iso(event.at),
                "code": event.code,
                "record": f"{event.content_type.app_label}.{event.content_type.model}"
                if event.content_type
                else "",
                # Who acted is given by role: the staff member's own name is not the subject's data.
                "actor_role": event.actor.get_role_display() if event.actor else _("system"),
                "changes": mask_secrets(event.changes or {}),
            }
            for event in events.order_by("at", "id")
        ]
        return {
            "schema": EXPORT_SCHEMA,
            "schema_version": EXPORT_SCHEMA_VERSION,
            "exported_at": _iso(timezone.now()),
            "language": language,
            "controller": {"name": settings.PRIVACY_CONTROLLER, "dpo_email": settings.PRIVACY_DPO_EMAIL},
            "partner": {"id": person.partner_id, "name": person.partner.name},
            "person": {
                "id": person.pk,
                "given_names": person.given_names,
                "surname": person.surname,
                "full_name": person.full_name,
                "title_form": person.title_form,
                "email": person.email,
                "phone": person.phone,
                "language": person.language,
                "notes": person.notes,
                "created_at": _iso(person.created_at),
                "updated_at": _iso(person.updated_at),
                "anonymised_at": _iso(person.anonymised_at),
            },
            **sections,
            "audit_events": audit_events,
            "other": other,
        }


@transaction.atomic
def export_person_data(person: Person, *, actor: User | None, file_format: str = "json") -> dict[str, Any]:
    """Everything held on a person (art. 15 and 20 GDPR), with the export itself audited."""
    data = collect_person_data(person)
    record_event(
        "registry.person.exported",
        actor=actor,
        obj=person,
        changes={"format": file_format, "schema_version": EXPORT_SCHEMA_VERSION},
    )
    return data


def export_as_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
