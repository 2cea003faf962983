"""Merging two records of the same organisation or person into one (a coordinator's action).

Every reference to the record that goes — in the registry and in any other app (affiliations, RSG
memberships, consents, statuses, themes, invitations, attendance…) — moves to the survivor, so counts
across the platform stay right. Where the survivor already holds the same link (the same person in the
same organisation, the same role), the duplicate link is dropped rather than counted twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from secon.core.access import can_edit_partner
from secon.core.audit import record_event
from secon.registry.models import Organisation, Person
from secon.registry.records.organisation_identifiers import described, schemes_of, write_identifiers
from secon.registry.records.services import _check_email_free

if TYPE_CHECKING:
    from secon.accounts.models import User

ORGANISATION_MERGE_FIELDS = [
    "name", "name_en", "short_name", "type", "helix", "street", "postal_code", "city",
    "territory", "nuts_region", "website", "email", "phone", "notes",
]  # fmt: skip
PERSON_MERGE_FIELDS = ["given_names", "surname", "title_form", "email", "phone", "language", "notes"]


def _check(survivor: Any, other: Any, actor: User | None) -> None:
    if survivor.pk == other.pk:
        raise ValidationError(_("Choose two different records to merge."))
    if survivor.partner_id != other.partner_id:
        raise ValidationError(_("Only records of the same partner's registry can be merged."))
    if actor is not None and not (actor.is_coordinator and can_edit_partner(actor, survivor.partner)):
        raise PermissionDenied


def _move_references(survivor: models.Model, other: models.Model) -> dict[str, int]:
    """Point every foreign key and many-to-many link at `other` to `survivor`; returns moves per relation."""
    moved: dict[str, int] = {}
    meta = type(other)._meta
    for relation in meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            model = relation.related_model
            field_name = relation.field.name
            rows = model._default_manager.filter(**{field_name: other})
            label = f"{model._meta.label_lower}.{field_name}"
            moved[label] = _repoint(rows, field_name, survivor)
        elif relation.many_to_many:
            through = getattr(relation, "through", None)
            moved.update(_move_m2m(through, type(other), survivor, other))
    for m2m in meta.many_to_many:
        through = m2m.remote_field.through
        moved.update(_move_m2m(through, type(other), survivor, other))
    return {label: count for label, count in moved.items() if count}


def _repoint(rows: models.QuerySet[Any], field_name: str, survivor: models.Model) -> int:
    try:
        with transaction.atomic():
            return rows.update(**{field_name: survivor})
    except IntegrityError:
        pass
    # A unique constraint says the survivor already has an equivalent row: keep the survivor's, drop
    # the duplicate (the same person in the same organisation once, the same role once).
    moved = 0
    for row in list(rows):
        try:
            with transaction.atomic():
                setattr(row, field_name, survivor)
                row.save(update_fields=[field_name])
                moved += 1
        except IntegrityError:
            row.delete()
    return moved


def _move_m2m(
    through: Any, model: type[models.Model], survivor: models.Model, other: models.Model
) -> dict[str, int]:
    # The auto-created table of a ManyToManyField (e.g. organisation themes), not a model with a meaning.
    if not through._meta.auto_created:
        return {}
    field = next(f for f in through._meta.fields if f.is_relation and f.related_model is model)
    return {
        f"{through._meta.label_lower}.{field.name}": _repoint(
            through.objects.filter(**{field.name: other}), field.name, survivor
        )
    }


def _apply_choices(survivor: Any, other: Any, fields: list[str], choices: dict[str, str]) -> dict[str, Any]:
    """Take each field from the record the user chose ("survivor" is the default)."""
    values = {}
    for field in fields:
        source = other if choices.get(field) == "other" else survivor
        values[field] = getattr(source, field)
    return values


@transaction.atomic
def merge_organisations(
    survivor: Organisation, *, actor: User | None, other: Organisation, choices: dict[str, str]
) -> Organisation:
    """Merge `other` into `survivor`; `choices` maps a field to "survivor" or "other"."""
    survivor = Organisation.objects.select_for_update().get(pk=survivor.pk)
    other = Organisation.objects.select_for_update().get(pk=other.pk)
    _check(survivor, other, actor)
    values = _apply_choices(survivor, other, ORGANISATION_MERGE_FIELDS, choices)
    other_repr = {"merged_id": other.pk, "merged_name": other.name, "merged_identifiers": described(other)}
    # The other's numbers move with its references where the survivor has none; those chosen replace.
    other_numbers = other.identifier_values()
    moved = _move_references(survivor, other)
    other.delete()
    write_identifiers(
        survivor,
        {
            scheme: other_numbers.get(scheme.code, "")
            for scheme in schemes_of(survivor.country_code)
            if choices.get(scheme.code) == "other"
        },
    )
    for field, value in values.items():
        setattr(survivor, field, value)
    survivor.full_clean()
    survivor.refresh_search_text()
    survivor.save()
    record_event(
        "registry.organisation.merged",
        actor=actor,
        obj=survivor,
        changes={"survivor_id": survivor.pk, **other_repr, "moved": str(moved), "choices": str(choices)},
    )
    return survivor


@transaction.atomic
def merge_people(survivor: Person, *, actor: User | None, other: Person, choices: dict[str, str]) -> Person:
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    other = Person.objects.select_for_update().get(pk=other.pk)
    _check(survivor, other, actor)
    values = _apply_choices(survivor, other, PERSON_MERGE_FIELDS, choices)
    other_repr = {"merged_id": other.pk, "merged_name": other.full_name, "merged_email": other.email}
    moved = _move_references(survivor, other)
    other.delete()
    for field, value in values.items():
        setattr(survivor, field, value)
    survivor.email = survivor.email.strip().lower()
    survivor.full_clean(validate_constraints=False)
    _check_email_free(survivor)
    survivor.refresh_search_text()
    survivor.save()
    record_event(
        "registry.person.merged",
        actor=actor,
        obj=survivor,
        changes={"survivor_id": survivor.pk, **other_repr, "moved": str(moved), "choices": str(choices)},
    )
    return survivor


def compare_rows(survivor: Any, other: Any, fields: list[str]) -> list[dict[str, Any]]:
    """The side-by-side rows of the merge screen: label, both values, whether they differ."""
    rows = []
    for name in fields:
        field = type(survivor)._meta.get_field(name)
        left, right = _display(survivor, name), _display(other, name)
        rows.append(
            {
                "name": name,
                "label": field.verbose_name,
                "survivor": left,
                "other": right,
                "differs": left != right,
            }
        )
    return rows


def identifier_compare_rows(survivor: Organisation, other: Organisation) -> list[dict[str, Any]]:
    """The merge screen's rows of identifiers: one per scheme of the organisations' country."""
    left, right = survivor.identifier_values(), other.identifier_values()
    rows = []
    for scheme in schemes_of(survivor.country_code):
        a = scheme.format(left[scheme.code]) if scheme.code in left else ""
        b = scheme.format(right[scheme.code]) if scheme.code in right else ""
        rows.append(
            {"name": scheme.code, "label": scheme.display_label, "survivor": a, "other": b, "differs": a != b}
        )
    return rows


def _display(obj: Any, name: str) -> str:
    value = getattr(obj, name)
    display = getattr(obj, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    return "" if value is None else str(value)
