"""The field-by-field history of a practice: every save keeps the whole practice; any two are compared.

A snapshot holds values as people read them at the time (an institution's name, a theme's name, a
state's label in English is not stored: the state's code is, and shown by its label), so comparing
two versions needs no lookups and an old version still reads right after a record was renamed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Max
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from secon.practices.models import TEMPLATE_FIELDS, GoodPractice, PracticeSnapshot, State

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from secon.accounts.models import User

# Fields of the practice itself, in the order the form shows them, with their labels.
GENERAL_FIELDS: tuple[tuple[str, Promise], ...] = (
    ("state", _("state")),
    ("start_date", _("started")),
    ("end_date", _("ended")),
    ("main_institution", _("main institution")),
    ("entity_type", _("type of entity")),
    ("country", _("country")),
    ("nuts_region", _("NUTS region")),
    ("territory", _("powiat, gmina or local unit")),
    ("themes", _("themes")),
    ("contact_person", _("contact person")),
    ("show_contact", _("show the contact person publicly")),
    ("presented_at", _("presented at")),
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def practice_data(practice: GoodPractice) -> dict[str, Any]:
    fields = {
        "state": practice.state,
        "start_date": practice.start_date.isoformat() if practice.start_date else "",
        "end_date": practice.end_date.isoformat() if practice.end_date else "",
        "main_institution": _text(practice.main_institution),
        "entity_type": _text(practice.entity_type),
        "country": _text(practice.country_id),
        "nuts_region": _text(practice.nuts_region),
        "territory": _text(practice.territory),
        "themes": ", ".join(sorted(str(theme) for theme in practice.themes.all())),
        "contact_person": _text(practice.contact_person),
        "show_contact": _text(practice.show_contact),
        "presented_at": ", ".join(sorted(str(event) for event in practice.presented_at.all())),
    }
    versions = {version.language: version.texts() for version in practice.versions.all()}
    return {"fields": fields, "versions": versions}


def take_snapshot(practice: GoodPractice, *, actor: User | None) -> PracticeSnapshot:
    """Keep the practice as it is now; called by every service that changes it, in its transaction."""
    last = PracticeSnapshot.objects.filter(practice=practice).aggregate(n=Max("number"))["n"] or 0
    return PracticeSnapshot.objects.create(
        practice=practice,
        number=last + 1,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        state=practice.state,
        data=practice_data(practice),
    )


@dataclass(frozen=True)
class FieldDiff:
    label: str
    old: str
    new: str

    @property
    def html(self) -> SafeString:
        """The words removed and added, marked with <del> and <ins>; everything else escaped."""
        return word_diff(self.old, self.new)


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # every piece of text above went through escape()


def _readable(name: str, value: str) -> str:
    if name == "state" and value:
        return str(State(value).label) if value in State.values else value
    return value


def compare(old: PracticeSnapshot, new: PracticeSnapshot) -> list[FieldDiff]:
    """The fields that differ between two saved versions, in the form's order; languages by name."""
    diffs: list[FieldDiff] = []
    old_fields, new_fields = old.data.get("fields", {}), new.data.get("fields", {})
    for name, label in GENERAL_FIELDS:
        before, after = _readable(name, old_fields.get(name, "")), _readable(name, new_fields.get(name, ""))
        if before != after:
            diffs.append(FieldDiff(str(label).capitalize(), before, after))
    old_versions, new_versions = old.data.get("versions", {}), new.data.get("versions", {})
    for language in sorted(set(old_versions) | set(new_versions), key=lambda code: code == "en"):
        for field in TEMPLATE_FIELDS:
            before = old_versions.get(language, {}).get(field.name, "")
            after = new_versions.get(language, {}).get(field.name, "")
            if before != after:
                diffs.append(
                    FieldDiff(f"{str(field.label).capitalize()} ({language.upper()})", before, after)
                )
    return diffs
