"""GDPR services of the registry: export of everything held on a person, erasure by anonymisation, retention.

Why anonymisation rather than deletion: the platform's records are the project's evidence (who attended a
meeting, how the Regional Stakeholder Group was composed on a day). Erasing a person therefore removes
everything that identifies them — name, contact details, free text, their values in the audit log — and
keeps the rows that counts are made of (memberships, affiliations, roles, consent dates), attached to a
record named "Erased person #id". docs/decisions/0005-personal-data.md records the reasoning.

Other apps that hold data on a person (attendance, registrations, survey invitations) add their part to
the export and to the erasure with `register_person_data`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import Cast, Coalesce
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.audit import mask_secrets, record_event
from secon.core.models import AuditEvent
from secon.projects.models import Partner
from secon.registry.imports.files import (
    delete_import_files,
    files_past_retention,
    files_to_erase_with_person,
    retention_cutoff,
)
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    ImportBatch,
    JoinRequest,
    JoinRequestStatus,
    Person,
    RsgMembership,
)

if TYPE_CHECKING:
    from weasyprint import Document

    from secon.accounts.models import User

EXPORT_SCHEMA = "secon.registry.person-export"
# Raise when a key is renamed or removed; adding keys keeps the version.
EXPORT_SCHEMA_VERSION = 1

# What replaces a personal value in the audit log after erasure.
ERASED = "[erased]"
# The person's fields that identify them; all are emptied (the name replaced) on erasure.
PERSONAL_FIELDS = ("full_name", "email", "phone", "notes")
# Keys under which audit events carry a person's identifying values (services.py, join.py): after
# erasure these values are searched for, and replaced, everywhere in the partner's audit log.
PERSONAL_VALUE_KEYS = frozenset({"full_name", "email", "phone", "person"})
# Keys erased on the events about the erased records themselves, whatever their value: free text about
# the person, and what could point to them (a position in a small organisation). The same words in
# other records' events are not theirs, so these are not searched for elsewhere.
PERSONAL_CHANGE_KEYS = PERSONAL_VALUE_KEYS | {
    "notes", "message", "decision_note", "note", "position", "organisation_name",
}  # fmt: skip
# Shorter values would match inside unrelated words when the audit log is searched for them.
MIN_SCRUB_LENGTH = 3
# A withdrawal through a known channel is recorded as a code; anything else may be free text.
_CODE = re.compile(r"^[a-z0-9_.-]*$")


class ErasureReason(models.TextChoices):
    REQUEST = "request", gettext_lazy("The person asked for erasure (art. 17 GDPR)")
    WITHDRAWN = "withdrawn", gettext_lazy("Consent withdrawn or objection upheld, no other basis")
    NO_LONGER_NEEDED = "no_longer_needed", gettext_lazy("The data is no longer needed for its purposes")
    RETENTION = "retention", gettext_lazy("Retention period ended")


# --- Other apps' data on a person ----------------------------------------------------------------------


@dataclass(frozen=True)
class PersonDataSection:
    """What another app holds on a person: rows for the export, and how to erase its personal values."""

    key: str
    title: str | Promise
    export: Callable[[Person], list[dict[str, Any]]]
    anonymise: Callable[[Person], None] | None = None


_SECTIONS: dict[str, PersonDataSection] = {}


def register_person_data(
    key: str,
    *,
    title: str | Promise,
    export: Callable[[Person], list[dict[str, Any]]],
    anonymise: Callable[[Person], None] | None = None,
) -> None:
    """Add an app's records to every export (rows of plain values) and, if it keeps any, to erasure.

    `anonymise` runs inside the erasure's transaction, before the person's own fields are emptied, and
    must keep the rows that counts are made of (e.g. attendance) while emptying free text about them.
    """
    _SECTIONS[key] = PersonDataSection(key=key, title=title, export=export, anonymise=anonymise)


def registered_sections() -> list[PersonDataSection]:
    return list(_SECTIONS.values())


# --- Export --------------------------------------------------------------------------------------------


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _join_requests_of(person: Person) -> models.QuerySet[JoinRequest]:
    """The person's "join us" requests: linked to them, or sent with their e-mail to the same partner."""
    match = Q(person=person)
    if person.email:
        match |= Q(email__iexact=person.email)
    return JoinRequest.objects.filter(partner_id=person.partner_id).filter(match)


def _audit_events_about(
    person: Person, membership_ids: Iterable[int], join_request_ids: Iterable[int]
) -> models.QuerySet[AuditEvent]:
    """Events whose record is the person, one of their memberships, or one of their join requests."""
    types = ContentType.objects.get_for_models(Person, RsgMembership, JoinRequest, for_concrete_models=False)
    return AuditEvent.objects.filter(
        Q(content_type=types[Person], object_id=str(person.pk))
        | Q(content_type=types[RsgMembership], object_id__in=[str(pk) for pk in membership_ids])
        | Q(content_type=types[JoinRequest], object_id__in=[str(pk) for pk in join_request_ids])
    )


def collect_person_data(person: Person) -> dict[str, Any]:
    """Everything the platform holds on a person, as plain JSON values (no audit event: see export)."""
    person = Person.objects.select_related("partner").get(pk=person.pk)
    language = person.language if person.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        roles = [
            {"code": assignment.role, "label": assignment.get_role_display()}
            for assignment in person.role_assignments.order_by("role")
        ]
        affiliations = [
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
        consents = [
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
        membership_rows = list(
            RsgMembership.objects.filter(person=person).select_related("organisation").order_by("since", "pk")
        )
        memberships = [
            {
                "id": membership.pk,
                "organisation": {"id": membership.organisation_id, "name": membership.organisation.name},
                "role": membership.role,
                "role_label": membership.get_role_display(),
                "since": _iso(membership.since),
                "until": _iso(membership.until),
            }
            for membership in membership_rows
        ]
        join_rows = list(_join_requests_of(person).prefetch_related("interests").order_by("created_at", "pk"))
        join_requests = [
            {
                "id": request.pk,
                "created_at": _iso(request.created_at),
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
            for request in join_rows
        ]
        events = _audit_events_about(
            person, [m.pk for m in membership_rows], [r.pk for r in join_rows]
        ).select_related("actor", "content_type")
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
        other = {section.key: section.export(person) for section in _SECTIONS.values()}
        return {
            "schema": EXPORT_SCHEMA,
            "schema_version": EXPORT_SCHEMA_VERSION,
            "exported_at": _iso(timezone.now()),
            "language": language,
            "controller": {"name": settings.PRIVACY_CONTROLLER, "dpo_email": settings.PRIVACY_DPO_EMAIL},
            "partner": {"id": person.partner_id, "name": person.partner.name},
            "person": {
                "id": person.pk,
                "full_name": person.full_name,
                "email": person.email,
                "phone": person.phone,
                "language": person.language,
                "notes": person.notes,
                "created_at": _iso(person.created_at),
                "updated_at": _iso(person.updated_at),
                "anonymised_at": _iso(person.anonymised_at),
            },
            "roles": roles,
            "affiliations": affiliations,
            "consents": consents,
            "memberships": memberships,
            "join_requests": join_requests,
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


# --- The readable PDF ----------------------------------------------------------------------------------


def _when(value: str | None, *, with_time: bool = True) -> str:
    if not value:
        return "–"
    parsed: dt.date | dt.datetime
    if "T" in value:
        parsed = timezone.localtime(dt.datetime.fromisoformat(value))
        if with_time:
            return formats.date_format(parsed, "SHORT_DATETIME_FORMAT")
    else:
        parsed = dt.date.fromisoformat(value)
    return formats.date_format(parsed, "SHORT_DATE_FORMAT")


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, list):
        return "[" + ", ".join(_plain(item) for item in value) + "]"
    if isinstance(value, dict):
        return _changes_text(value)
    return str(value)


def _changes_text(changes: dict[str, Any]) -> str:
    return "; ".join(f"{key}: {_plain(value)}" for key, value in changes.items())


def _pdf_tables(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The export as titled tables of text, in the export's language (called under its override)."""
    dash = "–"
    tables: list[dict[str, Any]] = [
        {
            "title": _("Roles"),
            "columns": [_("Role")],
            "rows": [[role["label"]] for role in data["roles"]],
        },
        {
            "title": _("Organisations"),
            "columns": [_("Organisation"), _("Position"), _("Since"), _("Until")],
            "rows": [
                [
                    row["organisation"]["name"],
                    row["position"] or dash,
                    _when(row["since"]),
                    _when(row["until"]),
                ]
                for row in data["affiliations"]
            ],
        },
        {
            "title": _("Consents and legal bases"),
            "columns": [
                _("Purpose"),
                _("Legal basis"),
                _("Given"),
                _("Source"),
                _("Text version"),
                _("Withdrawn"),
            ],
            "rows": [
                [
                    row["purpose_label"],
                    row["legal_basis_label"],
                    _when(row["given_at"]),
                    row["source_label"],
                    row["text_version"] or dash,
                    _when(row["withdrawn_at"])
                    + (f" ({row['withdrawal_source']})" if row["withdrawal_source"] else ""),
                ]
                for row in data["consents"]
            ],
        },
        {
            "title": _("Regional Stakeholder Group membership"),
            "columns": [_("Organisation represented"), _("Role"), _("Since"), _("Until")],
            "rows": [
                [row["organisation"]["name"], row["role_label"], _when(row["since"]), _when(row["until"])]
                for row in data["memberships"]
            ],
        },
        {
            "title": _("“Join us” requests"),
            "columns": [_("Sent"), _("Name and e-mail"), _("Organisation"), _("Status"), _("Message")],
            "rows": [
                [
                    _when(row["created_at"]),
                    f"{row['full_name']} <{row['email']}>" if row["email"] else row["full_name"],
                    row["organisation_name"] or dash,
                    row["status_label"],
                    row["message"] or dash,
                ]
                for row in data["join_requests"]
            ],
        },
    ]
    for section in _SECTIONS.values():
        rows = data["other"].get(section.key, [])
        columns = list(rows[0]) if rows else []
        tables.append(
            {
                "title": str(section.title),
                "columns": columns,
                "rows": [[str(row.get(column, "")) for column in columns] for row in rows],
            }
        )
    tables.append(
        {
            "title": _("Record history"),
            "css_class": "history",
            "columns": [_("When"), _("Action"), _("By"), _("Changes")],
            "rows": [
                [_when(row["at"]), row["code"], row["actor_role"], _changes_text(row["changes"]) or dash]
                for row in data["audit_events"]
            ],
        }
    )
    return tables


def person_export_document(data: dict[str, Any]) -> Document:
    """The export laid out as a document (WeasyPrint), in the language the export was made in."""
    from weasyprint import HTML

    language = data.get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        person = data["person"]
        details = [
            (_("Full name"), person["full_name"]),
            (_("E-mail"), person["email"] or "–"),
            (_("Phone"), person["phone"] or "–"),
            (_("Preferred language"), person["language"]),
            (_("Notes"), person["notes"] or "–"),
            (_("In the registry since"), _when(person["created_at"])),
            (_("Last changed"), _when(person["updated_at"])),
        ]
        if person["anonymised_at"]:
            details.append((_("Anonymised"), _when(person["anonymised_at"])))
        html = render_to_string(
            "registry/gdpr_export_pdf.html",
            {
                "language": language,
                "data": data,
                "details": details,
                "tables": _pdf_tables(data),
                "exported_at": _when(data["exported_at"]),
            },
        )
    return HTML(string=html).render()


def render_person_export_pdf(data: dict[str, Any]) -> bytes:
    pdf = person_export_document(data).write_pdf()
    assert pdf is not None  # write_pdf returns the bytes when no target is given
    return pdf


# --- Erasure -------------------------------------------------------------------------------------------


def anonymous_name(person: Person) -> str:
    """The name an erased person's record keeps, in its partner's language (e.g. "Osoba usunięta #12")."""
    language = getattr(person.partner, "language", "") or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = "en"
    with translation.override(language):
        return _("Erased person #%(id)s") % {"id": person.pk}


def _scrub(value: Any, needles: list[re.Pattern[str]]) -> Any:
    if isinstance(value, str):
        for needle in needles:
            value = needle.sub(ERASED, value)
        return value
    if isinstance(value, list):
        return [_scrub(item, needles) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, needles) for key, item in value.items()}
    return value


def _erase_personal_keys(changes: dict[str, Any]) -> dict[str, Any]:
    """On the person's own records, values under personal keys go whatever they are (even short ones)."""

    def erased(value: Any) -> Any:
        if isinstance(value, list):
            return [erased(item) for item in value]
        return ERASED if value not in (None, "") else value

    return {key: erased(value) if key in PERSONAL_CHANGE_KEYS else value for key, value in changes.items()}


def _values_from_history(events: Iterable[AuditEvent]) -> set[str]:
    """Every value the person's own records ever had under a personal key (e.g. a previous surname)."""
    found: set[str] = set()

    def collect(value: Any) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for event in events:
        for key, value in (event.changes or {}).items():
            if key in PERSONAL_VALUE_KEYS:
                collect(value)
    return found


def scrub_audit_log(
    *,
    partner_id: int | None,
    values: Iterable[str],
    own_events: models.QuerySet[AuditEvent],
    own_repr: Callable[[AuditEvent], str],
) -> int:
    """Replace personal values in the audit log, keeping every event's code, date, actor and keys.

    `own_events` are the events about the erased records themselves: their personal keys are erased
    whatever the value and their record name is rewritten with `own_repr`. Every other event of the
    partner that mentions one of `values` (a name, an e-mail) has those words replaced. The audit log is
    otherwise append-only; erasure is the one lawful reason to change it (art. 17 GDPR).
    """
    needle_texts = sorted(
        {value.strip() for value in values if value and len(value.strip()) >= MIN_SCRUB_LENGTH},
        key=len,
        reverse=True,
    )
    needles = [re.compile(re.escape(text), re.IGNORECASE) for text in needle_texts]
    own_ids = set(own_events.values_list("pk", flat=True))

    # Narrow the search in SQL; both spellings, because JSON text may keep non-ASCII letters escaped.
    mentions = Q(pk__in=own_ids)
    for text in needle_texts:
        escaped = json.dumps(text)[1:-1]
        mentions |= Q(object_repr__icontains=text) | Q(changes_text__icontains=text)
        if escaped != text:
            mentions |= Q(changes_text__icontains=escaped)
    candidates = (
        AuditEvent.objects.filter(Q(partner_id=partner_id) | Q(partner__isnull=True))
        .annotate(changes_text=Cast("changes", models.TextField()))
        .filter(mentions)
        .only("pk", "object_repr", "changes")
    )

    changed: list[AuditEvent] = []
    for event in candidates.iterator(chunk_size=500):
        changes = event.changes or {}
        object_repr = event.object_repr
        if event.pk in own_ids:
            changes = _erase_personal_keys(changes)
            object_repr = own_repr(event)
        changes = _scrub(changes, needles)
        object_repr = _scrub(object_repr, needles)[:300]
        if changes != event.changes or object_repr != event.object_repr:
            event.changes, event.object_repr = changes, object_repr
            changed.append(event)
    AuditEvent.objects.bulk_update(changed, ["changes", "object_repr"], batch_size=500)
    return len(changed)


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
        "join_requests": _join_requests_of(person).count(),
    }


@transaction.atomic
def anonymise_person(
    person: Person, *, actor: User | None, reason: str, now: dt.datetime | None = None
) -> Person:
    """Erase a person by anonymisation (art. 17 GDPR), keeping the rows counts are made of.

    Erased: name (replaced by "Erased person #id"), e-mail, phone, notes, search text, positions held,
    free-text withdrawal notes, their "join us" requests' name, e-mail, organisation and messages, and
    their values everywhere in the audit log. Kept: the record itself, roles, affiliations with their
    dates, RSG memberships (open ones end today, so past and today's composition are unchanged), consent
    records with their dates (evidence that contact had a legal basis), and "join us" requests' dates.
    """
    if reason not in ErasureReason.values:
        raise ValidationError({"reason": _("Choose why the data is erased.")})
    person = Person.objects.select_for_update().select_related("partner").get(pk=person.pk)
    if person.anonymised_at is not None:
        raise ValidationError(_("This person's data has already been erased."))
    now = now or timezone.now()
    today = timezone.localdate(now)
    label = anonymous_name(person)

    memberships = RsgMembership.objects.filter(person=person)
    membership_ids = list(memberships.values_list("pk", flat=True))
    # A membership that has not started yet never counted anywhere: it goes; open ones end today.
    not_started = memberships.filter(since__gt=today).delete()[0]
    ended = memberships.filter(Q(until__isnull=True) | Q(until__gt=today)).update(until=today, updated_at=now)

    consents = ConsentRecord.objects.filter(person=person)
    withdrawn = consents.filter(withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawal_source="erasure"
    )
    for consent in consents.exclude(withdrawal_source=""):
        if not _CODE.match(consent.withdrawal_source):
            consent.withdrawal_source = "erasure"
            consent.save(update_fields=["withdrawal_source"])
    Affiliation.objects.filter(person=person).update(position="")

    join_requests = _join_requests_of(person)
    join_values = list(join_requests.values_list("full_name", "email"))
    join_ids = list(join_requests.values_list("pk", flat=True))
    join_requests.update(
        full_name=label, email="", organisation_name="", message="", decision_note="", person=person
    )

    for section in _SECTIONS.values():
        if section.anonymise is not None:
            section.anonymise(person)

    own_events = _audit_events_about(person, membership_ids, join_ids)
    values = {person.full_name, person.email, person.phone}
    values |= {value for row in join_values for value in row}
    values |= _values_from_history(own_events)

    erased_fields = [name for name in PERSONAL_FIELDS if getattr(person, name)]
    person.full_name = label
    person.email = ""
    person.phone = ""
    person.notes = ""
    person.search_text = ""
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
        partner_id=person.partner_id,
        values=values,
        own_events=_audit_events_about(person, membership_ids, join_ids),
        own_repr=own_repr,
    )
    # Uploaded import files may hold the person's row: reading each would be slow, so all go.
    import_files = delete_import_files(
        files_to_erase_with_person(person.partner_id), actor=actor, reason="erasure", now=now
    )
    record_event(
        "registry.person.anonymised",
        actor=actor,
        obj=person,
        changes={
            "reason": reason,
            "erased": erased_fields,
            "memberships_ended": ended,
            "memberships_not_started_removed": not_started,
            "consents_withdrawn": withdrawn,
            "join_requests_anonymised": len(join_ids),
            "audit_events_scrubbed": scrubbed,
            "import_files_deleted": import_files,
        },
    )
    return person


# --- Retention -----------------------------------------------------------------------------------------


@dataclass
class RetentionRule:
    """One retention rule and the records it applies to at the run's moment."""

    code: str
    description: str
    cutoff: dt.datetime | None
    ids: list[int] = field(default_factory=list)
    partner_ids: dict[int, int] = field(default_factory=dict)  # partner id -> how many records
    acts: bool = True  # False: reported for a person to review, never changed by the purge

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass
class PurgeReport:
    now: dt.datetime
    dry_run: bool
    rules: list[RetentionRule]

    @property
    def total(self) -> int:
        return sum(rule.count for rule in self.rules if rule.acts)

    def lines(self) -> list[str]:
        head = _("Dry run: nothing was changed.") if self.dry_run else _("Applied.")
        lines = [f"{head} ({self.now:%Y-%m-%d %H:%M %Z})"]
        for rule in self.rules:
            verb = (
                _("to review")
                if not rule.acts
                else (_("would be processed") if self.dry_run else _("processed"))
            )
            cutoff = f" < {rule.cutoff:%Y-%m-%d}" if rule.cutoff else ""
            lines.append(f"- {rule.description}{cutoff}: {rule.count} {verb}")
            if rule.ids:
                lines.append("  ids: " + ", ".join(str(pk) for pk in rule.ids[:50]))
        return lines


def _by_partner(rows: Iterable[tuple[int, int]]) -> tuple[list[int], dict[int, int]]:
    ids: list[int] = []
    partners: dict[int, int] = {}
    for pk, partner_id in rows:
        ids.append(pk)
        partners[partner_id] = partners.get(partner_id, 0) + 1
    return ids, partners


def retention_rules(now: dt.datetime) -> list[RetentionRule]:
    """Which records each retention rule applies to at `now` (nothing is changed)."""
    day = timezone.localdate(now)

    # 1. Never confirmed: the e-mail owner may not even have sent it; no basis to keep it at all.
    unconfirmed_cutoff = now - dt.timedelta(days=settings.JOIN_UNCONFIRMED_RETENTION_DAYS)
    unconfirmed = JoinRequest.objects.filter(
        status=JoinRequestStatus.UNCONFIRMED, created_at__lt=unconfirmed_cutoff
    )
    # 2. Declined: kept for a while to answer questions about the decision, then deleted.
    declined_cutoff = now - dt.timedelta(days=settings.JOIN_DECLINED_RETENTION_DAYS)
    declined = JoinRequest.objects.annotate(decided=Coalesce("reviewed_at", "updated_at")).filter(
        status=JoinRequestStatus.DECLINED, decided__lt=declined_cutoff
    )
    # 3. Every basis withdrawn long ago and no part in the group now or later: nothing left to keep.
    withdrawal_cutoff = now - dt.timedelta(days=settings.PERSON_RETENTION_DAYS_AFTER_WITHDRAWAL)
    current_members = RsgMembership.objects.filter(Q(until__isnull=True) | Q(until__gte=day)).values(
        "person_id"
    )
    people = Person.objects.active().annotate(
        consent_count=Count("consents"),
        in_force=Count("consents", filter=Q(consents__withdrawn_at__isnull=True)),
        last_withdrawal=Max("consents__withdrawn_at"),
    )
    withdrawn = people.filter(consent_count__gt=0, in_force=0, last_withdrawal__lt=withdrawal_cutoff).exclude(
        pk__in=current_members
    )
    # 4. No basis recorded at all: the law needs one, but a person must judge (import, paper forms).
    without_basis = people.filter(consent_count=0)
    # 5. Uploaded import files of finished imports: the registry holds what was imported.
    import_files = files_past_retention(now)

    rules = [
        RetentionRule(
            "join_unconfirmed",
            _("Unconfirmed “join us” requests, deleted"),
            unconfirmed_cutoff,
        ),
        RetentionRule("join_declined", _("Declined “join us” requests, deleted"), declined_cutoff),
        RetentionRule(
            "person_withdrawn",
            _("People whose every legal basis was withdrawn, without an active membership, anonymised"),
            withdrawal_cutoff,
        ),
        RetentionRule(
            "person_without_basis",
            _("People with no legal basis recorded (review them; the purge leaves them)"),
            None,
            acts=False,
        ),
        RetentionRule(
            "import_files", _("Uploaded files of finished imports, deleted"), retention_cutoff(now)
        ),
    ]
    querysets: list[models.QuerySet[Any]] = [unconfirmed, declined, withdrawn, without_basis, import_files]
    for rule, queryset in zip(rules, querysets, strict=True):
        rule.ids, rule.partner_ids = _by_partner(queryset.order_by("pk").values_list("pk", "partner_id"))
    return rules


def _delete_join_requests(ids: list[int]) -> None:
    """Delete requests and erase what their own audit events say of the sender.

    Only the requests' own events are scrubbed: the same name or e-mail elsewhere in the log may belong
    to a person still in the registry (someone who sent a second request and never confirmed it).
    """
    join_type = ContentType.objects.get_for_model(JoinRequest, for_concrete_model=False)
    for partner_id in set(JoinRequest.objects.filter(pk__in=ids).values_list("partner_id", flat=True)):
        scrub_audit_log(
            partner_id=partner_id,
            values=(),
            own_events=AuditEvent.objects.filter(
                content_type=join_type,
                object_id__in=[str(pk) for pk in ids],
                partner_id=partner_id,
            ),
            own_repr=lambda event: _("Deleted “join us” request #%(id)s") % {"id": event.object_id},
        )
    JoinRequest.objects.filter(pk__in=ids).delete()


def purge_personal_data(*, now: dt.datetime | None = None, dry_run: bool = True) -> PurgeReport:
    """Apply the retention rules (or, in a dry run, only report what they would do).

    An applied run records "registry.retention.purged" once for the whole run (seen by administrators)
    and once for every partner it changed, with the counts per rule.
    """
    now = now or timezone.now()
    rules = retention_rules(now)
    report = PurgeReport(now=now, dry_run=dry_run, rules=rules)
    if dry_run:
        return report
    with transaction.atomic():
        by_code = {rule.code: rule for rule in rules}
        _delete_join_requests(by_code["join_unconfirmed"].ids + by_code["join_declined"].ids)
        for person in Person.objects.filter(pk__in=by_code["person_withdrawn"].ids):
            anonymise_person(person, actor=None, reason=ErasureReason.RETENTION, now=now)
        delete_import_files(
            ImportBatch.objects.filter(pk__in=by_code["import_files"].ids),
            actor=None,
            reason="retention",
            now=now,
        )
        # One event for the run, even when nothing was due: it shows the rules are enforced, and when.
        record_event(
            "registry.retention.purged",
            actor=None,
            changes={
                **{rule.code: rule.count for rule in rules if rule.acts},
                # Flat keys: the audit log keeps one level of values.
                "join_unconfirmed_after_days": settings.JOIN_UNCONFIRMED_RETENTION_DAYS,
                "join_declined_after_days": settings.JOIN_DECLINED_RETENTION_DAYS,
                "person_withdrawn_after_days": settings.PERSON_RETENTION_DAYS_AFTER_WITHDRAWAL,
                "import_files_after_days": settings.REGISTRY_IMPORT_FILE_RETENTION_DAYS,
            },
        )
        partner_ids = {pk for rule in rules if rule.acts for pk in rule.partner_ids}
        partners: dict[int, Partner] = Partner.objects.in_bulk(partner_ids)
        for partner_id in sorted(partner_ids):
            record_event(
                "registry.retention.purged",
                actor=None,
                partner=partners[partner_id],
                changes={rule.code: rule.partner_ids.get(partner_id, 0) for rule in rules if rule.acts},
            )
    return report
