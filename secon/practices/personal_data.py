"""What good practices hold on a person (being a practice's contact) in the GDPR export, and erasure.

Erasure keeps the practice (a project output, counted for the programme) and drops the link to the
person: the contact is emptied, not shown publicly any more, and the person's name is replaced in the
practice's saved versions, so the history never shows it again.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.core.cache import invalidate_public_pages
from secon.core.personal_data import ErasedPart, PdfTable, Row, register_person_data
from secon.core.scrubbing import ERASED
from secon.practices.models import GoodPractice, PracticeSnapshot
from secon.registry.models import Person


def export_contacts(person: Person) -> list[Row]:
    practices = GoodPractice.objects.filter(contact_person=person).prefetch_related("versions").order_by("pk")
    return [
        {
            "practice_id": practice.pk,
            "practice": str(practice),
            "state": practice.state,
            "shown_publicly": practice.public_contact is not None,
        }
        for practice in practices
    ]


def contacts_table(rows: list[Row]) -> PdfTable:
    return PdfTable(
        _("Good practices"),
        [_("Practice"), _("Role"), _("Shown publicly")],
        [
            [row["practice"], _("Contact person"), _("yes") if row["shown_publicly"] else _("no")]
            for row in rows
        ],
    )


def erase_contacts(person: Person, now: dt.datetime) -> ErasedPart:
    practices = GoodPractice.objects.filter(contact_person=person)
    ids = list(practices.values_list("pk", flat=True))
    name = str(person)
    public = practices.filter(show_contact=True).exists()
    practices.update(contact_person=None, show_contact=False, updated_at=now)
    # The saved versions keep names as they were read; the person's name goes from every one of them.
    for snapshot in PracticeSnapshot.objects.filter(practice_id__in=ids):
        fields = snapshot.data.get("fields", {})
        if fields.get("contact_person") == name:
            fields["contact_person"] = ERASED
            PracticeSnapshot.objects.filter(pk=snapshot.pk).update(data=snapshot.data)
    if public:
        invalidate_public_pages()
    return ErasedPart(counts={"practice_contacts_unlinked": len(ids)}, values={name} if ids else set())


def register() -> None:
    register_person_data(
        "practices",
        title=gettext_lazy("Good practices"),
        export=export_contacts,
        anonymise=erase_contacts,
        table=contacts_table,
    )
