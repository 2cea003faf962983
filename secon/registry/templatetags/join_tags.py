"""Template tags of “join us”: the requests that brought a person into the registry, for the person page."""

from __future__ import annotations

from typing import Any

from django import template

from secon.core.models import AuditEvent
from secon.registry.models import JoinRequest, Person

register = template.Library()


@register.simple_tag
def join_requests_of(person: Person) -> list[dict[str, Any]]:
    """Each accepted request linked to the person, and whether accepting it created the person."""
    requests = list(
        JoinRequest.objects.filter(person=person).select_related("reviewed_by").prefetch_related("interests")
    )
    if not requests:
        return []
    # One query for all of them: the accept event says whether the person was created or linked.
    events = AuditEvent.objects.filter(
        code="registry.join_request.accepted",
        object_id__in=[str(r.pk) for r in requests],
        content_type__model="joinrequest",
        content_type__app_label="registry",
    )
    created = {event.object_id: bool(event.changes.get("person_created")) for event in events}
    return [{"request": r, "created": created.get(str(r.pk), False)} for r in requests]
