"""Writing a plan: bulk inserts and updates in chunks, one audit event per record, progress told as it goes.

Called inside the write's transaction (imports.services.write_import): any failure rolls all of it back.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connections
from django.utils import timezone

from secon.registry.imports.plan import Plan, Target
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    ConsentSource,
    ImportBatch,
    Organisation,
    OrganisationIdentifier,
    Person,
    PersonRoleAssignment,
)
from secon.registry.records.organisation_identifiers import schemes_of

if TYPE_CHECKING:
    from secon.accounts.models import User

CHUNK = 2000


class Progress:
    """Rows written so far, told through a side connection so pollers see it before the commit.

    Each report is also the task's heartbeat. SQLite allows one writer at a time, so there the bar and
    the heartbeat move only when the import commits (REGISTRY_IMPORT_STALE_SECONDS must exceed the
    longest write on SQLite).
    """

    def __init__(self, batch: ImportBatch) -> None:
        self.batch_id = batch.pk
        self.done = 0
        self.connection = None
        if connections["default"].vendor != "sqlite":
            self.connection = connections.create_connection("default")

    def add(self, rows: int) -> None:
        self.done += rows
        if self.connection is None:
            return
        with self.connection.cursor() as cursor:
            table = ImportBatch._meta.db_table
            cursor.execute(
                f"UPDATE {table} SET progress_done = %s, heartbeat_at = %s WHERE id = %s",  # noqa: S608 - table name from the model
                [self.done, timezone.now(), self.batch_id],
            )

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def _pk(target: Target) -> int:
    assert target.pk is not None, "written before its links"
    return target.pk


def _chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def audit_rows(
    batch: ImportBatch,
    code: str,
    objects: list[Any],
    changes: Callable[[Any], dict[str, Any]],
    actor: User | None,
) -> None:
    """One audit event per written record, inserted in bulk, so each record's history shows the import."""
    from secon.core.audit import record_events

    record_events(
        code,
        actor=actor,
        objects=objects,
        changes=lambda obj: {"import": batch.pk, **changes(obj)},
        partner_id=batch.partner_id,
        batch_size=CHUNK,
    )


# Organisations and people are written the same way: created in chunks, changed rows updated in bulk,
# each with its search text and sort key derived as the services derive them.
Record = TypeVar("Record", Organisation, Person)


def _create_records(model: type[Record], batch: ImportBatch, plan: Plan, progress: Progress) -> list[Record]:
    created: list[Record] = []
    language = batch.partner.language  # for the sort keys, read once rather than once a row
    for chunk in _chunks(plan.creates):
        objects = []
        for target in chunk:
            record = model(partner_id=batch.partner_id, **target.values)
            record.refresh_search_text(language)
            objects.append(record)
        model.objects.bulk_create(objects)
        created.extend(objects)
        progress.add(sum(len(t.lines) for t in chunk))
    for target, record in zip(plan.creates, created, strict=True):
        target.pk = record.pk
    return created


def _update_records(model: type[Record], batch: ImportBatch, plan: Plan) -> list[Record]:
    """The records whose row changed something, updated; unchanged ones are not written."""
    updated = [t for t in plan.updates.values() if t.changed]
    changed_fields: list[str] = sorted({f for t in updated for f in t.changed})
    language = batch.partner.language
    now = timezone.now()
    objects: list[Record] = []
    for target in updated:
        assert target.pk is not None
        record = model(pk=target.pk, partner_id=batch.partner_id, **target.values)
        record.updated_at = now
        record.refresh_search_text(language)
        objects.append(record)
    derived: list[str] = ["search_text", "name_order", "updated_at"]
    if model is Person:
        derived.append("full_name")  # follows the parts even when only one of them changed
    if objects:
        model.objects.bulk_update(objects, [*changed_fields, *derived], batch_size=CHUNK)
    return objects


def write_organisations(
    batch: ImportBatch, plan: Plan, *, actor: User | None, progress: Progress
) -> dict[str, Any]:
    created = _create_records(Organisation, batch, plan, progress)
    numbers = _write_identifiers(batch, plan)
    audit_rows(
        batch,
        "registry.organisation.imported",
        created,
        lambda o: {"name": o.name, **({"identifiers": numbers[o.pk]} if o.pk in numbers else {})},
        actor,
    )

    objects = _update_records(Organisation, batch, plan)
    # A row that only adds a number to a record changes no field, but is recorded all the same.
    written = {o.pk for o in objects}
    objects += [
        Organisation(pk=pk, partner_id=batch.partner_id)
        for pk, target in plan.updates.items()
        if pk in numbers and pk not in written
    ]

    def update_changes(o: Organisation) -> dict[str, Any]:
        changes: dict[str, Any] = {f: str(getattr(o, f)) for f in plan.updates[o.pk].changed}
        if o.pk in numbers:
            changes["identifiers"] = numbers[o.pk]
        return changes

    audit_rows(batch, "registry.organisation.updated", objects, update_changes, actor)
    progress.add(sum(len(t.lines) for t in plan.updates.values()))
    through = Organisation.themes.through
    links = [
        through(organisation_id=target.pk, theme_id=theme_id)
        for target in [*plan.creates, *plan.updates.values()]
        for theme_id in sorted(target.extra.get("themes", ()))
    ]
    through.objects.bulk_create(links, batch_size=CHUNK, ignore_conflicts=True)
    return {
        "created": len(created),
        "updated": len(objects),
        "unchanged": len(plan.updates) - plan.updated_records,
        "merged_rows": plan.merged,
        "duplicates_in_file": len(plan.duplicates),
        "theme_links": len(links),
    }


def _write_identifiers(batch: ImportBatch, plan: Plan) -> dict[int, list[str]]:
    """The rows' new numbers (only those a record lacked, as the plan found them); per record, as audited."""
    schemes = {scheme.code: scheme for scheme in schemes_of(batch.partner.country)}
    rows = []
    described: dict[int, list[str]] = {}
    for target in [*plan.creates, *plan.updates.values()]:
        for code, value in sorted(target.extra.get("identifiers", {}).items()):
            scheme = schemes[code]
            rows.append(OrganisationIdentifier(organisation_id=_pk(target), scheme=scheme, value=value))
            described.setdefault(_pk(target), []).append(f"{scheme.label} {value}")
    OrganisationIdentifier.objects.bulk_create(rows, batch_size=CHUNK)
    return described


def write_people(batch: ImportBatch, plan: Plan, *, actor: User | None, progress: Progress) -> dict[str, Any]:
    created = _create_records(Person, batch, plan, progress)
    audit_rows(batch, "registry.person.imported", created, lambda p: {"full_name": p.full_name}, actor)

    objects = _update_records(Person, batch, plan)
    audit_rows(
        batch,
        "registry.person.updated",
        objects,
        lambda p: {f: str(getattr(p, f)) for f in plan.updates[p.pk].changed},
        actor,
    )
    progress.add(sum(len(t.lines) for t in plan.updates.values()))

    targets = [*plan.creates, *plan.updates.values()]
    targets = [t for t in targets if t.pk is not None]
    roles = [
        PersonRoleAssignment(person_id=_pk(t), role=role)
        for t in targets
        for role in sorted(t.extra.get("roles", ()))
    ]
    PersonRoleAssignment.objects.bulk_create(roles, batch_size=CHUNK, ignore_conflicts=True)
    affiliations = [
        Affiliation(
            person_id=_pk(t), organisation_id=t.extra["affiliation"][0], position=t.extra["affiliation"][1]
        )
        for t in targets
        if "affiliation" in t.extra
    ]
    Affiliation.objects.bulk_create(
        affiliations,
        batch_size=CHUNK,
        update_conflicts=True,
        unique_fields=["person", "organisation"],
        update_fields=["position"],
    )
    now = timezone.now()
    consents = []
    replaced: list[tuple[int, str]] = []
    for target in targets:
        for consent in target.extra.get("consents", ()):
            given = consent["given"]
            given_at = (
                timezone.make_aware(dt.datetime.combine(given, dt.time(12))) if given is not None else now
            )
            consents.append(
                ConsentRecord(
                    person_id=_pk(target),
                    purpose=consent["purpose"],
                    legal_basis=consent["legal_basis"],
                    source=ConsentSource.IMPORT,
                    text_version=consent["text_version"],
                    given_at=min(given_at, now),
                )
            )
            replaced.append((_pk(target), consent["purpose"]))
    # A new basis for a purpose replaces the one in force, as record_consent does.
    by_purpose: dict[str, list[int]] = defaultdict(list)
    for person_id, purpose in replaced:
        by_purpose[purpose].append(person_id)
    for purpose, person_ids in by_purpose.items():
        for chunk_ids in _chunks(person_ids):
            ConsentRecord.objects.filter(person_id__in=chunk_ids, purpose=purpose).in_force().update(
                withdrawn_at=now, withdrawal_source="replaced"
            )
    ConsentRecord.objects.bulk_create(consents, batch_size=CHUNK)
    return {
        "created": len(created),
        "updated": len(objects),
        "unchanged": len(plan.updates) - plan.updated_records,
        "merged_rows": plan.merged,
        "duplicates_in_file": len(plan.duplicates),
        "roles": len(roles),
        "affiliations": len(affiliations),
        "consents": len(consents),
    }
