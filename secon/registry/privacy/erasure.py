"""Erasure by anonymisation (art. 17 GDPR): everything that identifies a person goes, the counted rows stay.

Why anonymisation rather than deletion: the platform's records are the project's evidence (who attended a
meeting, how the Regional Stakeholder Group was composed on a day). Erasing a person therefore removes
everything that identifies them — name, contact details, free text, their values in the audit log — and
keeps the rows that counts are made of, attached to a record named "Erased person #id". Every
personal-data section (the registry's own and other apps') erases its part; docs/decisions/0005.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.audit import record_event
from secon.core.collation import stored_sort_key
from secon.core.models import AuditEvent
from secon.core.personal_data import merge_erased, registered_sections
from secon.core.scrubbing import scrub_audit_log, values_from_history
from secon.registry.imports.files import delete_import_files, files_to_erase_with_person
from secon.registry.models import Affiliation, ConsentRecord, JoinRequest, Person, RsgMembership
from secon.registry.privacy.export import audit_events_about, own_record_ids
from secon.registry.privacy.sections import join_requests_of

if TYPE_CHECKING:
    from secon.accounts.models import User

# The person's fields that identify them; all are emptied (the name replaced) on erasure.
PERSONAL_FIELDS = ("given_names", "surname", "email", "phone", "notes")


class ErasureReason(models.TextChoices):
    REQUEST = "request", gettext_lazy("The person asked for erasure (art. 17 GDPR)")
    WITHDRAWN = "withdrawn", gettext_lazy("Consent withdrawn or objection upheld, no other basis")
    NO_LONGER_NEEDED = "no_longer_needed", gettext_lazy("The data is no longer needed for its purposes")
    RETENTION = "retention", gettext_lazy("Retention period ended")


def anonymous_name(person: Person) -> str:
    """The name an erased person's record keeps, in its partner's language (e.g. "Osoba usunięta #12")."""
    language = getattr(person.partner, "language", "") or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = "en"
    with translation.override(language):
        return _("Erased person #%(id)s") % {"id": person.pk}


def anonymisation_preview(person: Person) -> dict[str, int]:
    """How many of each kept record the erasure leaves in place (shown on the confirmation page)."""
    today = timezone.localdate()
    memberships = RsgMembership.objects.filter(person=person)
    return {
        "memberships": memberships.count(),
        "open_memberships": memberships.filter(Q(until__isnull=True) | Q(until__gt=today)).count(),
        "affiliations": Affiliation.objects.filter(person=person).count(),
        "roles": person.role_assignments.count(),
        "consents": ConsentRecord.objects.filter(person=person).count(),
        "join_requests": join_requests_of(person).count(),
    }


@transaction.atomic
def anonymise_person(
    person: Person, *, actor: User | None, reason: str, now: dt.datetime | None = None
) -> Person:
    """Erase a person by anonymisation (art. 17 GDPR), keeping the rows counts are made of.

    Erased: name (replaced by "Erased person #id"), e-mail, phone, notes, search text, and whatever each
    personal-data section erases (positions held, free-text withdrawal notes, their "join us" requests'
    name, e-mail, organisation and messages, other apps' free text), and their values everywhere in the
    audit log. Kept: the record itself, roles, affiliations with their dates, RSG memberships (open ones
    end today), consent records with their dates, and the requests' dates.
    """
    if reason not in ErasureReason.values:
        raise ValidationError({"reason": _("Choose why the data is erased.")})
    person = Person.objects.select_for_update().select_related("partner").get(pk=person.pk)
    if person.anonymised_at is not None:
        raise ValidationError(_("This person's data has already been erased."))
    now = now or timezone.now()
    label = anonymous_name(person)
    membership_ids, join_ids = own_record_ids(person)

    erased = merge_erased(
        section.anonymise(person, now) for section in registered_sections() if section.anonymise is not None
    )
    membership_ids = sorted(set(membership_ids) | set(erased.records.get(RsgMembership, [])))
    join_ids = sorted(set(join_ids) | set(erased.records.get(JoinRequest, [])))

    own_events = audit_events_about(person, membership_ids, join_ids)
    values = {person.full_name, person.email, person.phone} | erased.values
    values |= values_from_history(own_events)

    erased_fields = [name for name in PERSONAL_FIELDS if getattr(person, name)]
    person.given_names = ""
    person.surname = label
    person.full_name = label
    person.title_form = ""
    person.email = ""
    person.phone = ""
    person.notes = ""
    person.search_text = ""
    person.name_order = stored_sort_key(label, person.partner.language)  # no trace of the erased name
    person.anonymised_at = now
    person.full_clean(validate_constraints=False)
    person.save()

    person_type = ContentType.objects.get_for_model(Person, for_concrete_model=False)
    membership_reprs = {
        str(m.pk): str(m)
        for m in RsgMembership.objects.filter(person=person).select_related("person", "organisation")
    }

    def own_repr(event: AuditEvent) -> str:
        if event.content_type_id == person_type.pk:
            return label
        return membership_reprs.get(event.object_id, label)

    scrubbed = scrub_audit_log(
        partner_id=person.partner_id, values=values, own_events=own_events, own_repr=own_repr
    )
    # Uploaded import files may hold the person's row: reading each would be slow, so all go.
    import_files = delete_import_files(
        files_to_erase_with_person(person.partner_id), actor=actor, reason="erasure", now=now
    )
    counts = erased.counts
    record_event(
        "registry.person.anonymised",
        actor=actor,
        obj=person,
        changes={
            "reason": reason,
            "erased": erased_fields,
            "memberships_ended": counts.get("memberships_ended", 0),
            "memberships_not_started_removed": counts.get("memberships_not_started_removed", 0),
            "consents_withdrawn": counts.get("consents_withdrawn", 0),
            "join_requests_anonymised": counts.get("join_requests_anonymised", 0),
            **{name: count for name, count in counts.items() if name not in _REGISTRY_COUNTS},
            "audit_events_scrubbed": scrubbed,
            "import_files_deleted": import_files,
        },
    )
    return person


_REGISTRY_COUNTS = frozenset(
    {"memberships_ended", "memberships_not_started_removed", "consents_withdrawn", "join_requests_anonymised"}
)
