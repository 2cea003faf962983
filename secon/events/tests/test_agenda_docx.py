"""The agenda as a Word document, read back: the emblem and its statement on top, the same content as
the PDF in Polish and in English, presenters named only where they may be."""

from __future__ import annotations

import io

import docx
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.events.tests.builders import make_agenda_item, make_event, make_presenter
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


def _read(world: World, event_pk: int, language: str) -> docx.document.Document:
    client = Client()
    client.force_login(world.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("manage:event_agenda_docx", args=[event_pk, language]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return docx.Document(io.BytesIO(response.content))


def _cells(document: docx.document.Document) -> str:
    return "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)


def test_agenda_docx_has_the_emblem_statement_and_items_in_polish_and_english(world: World) -> None:
    event = make_event(world.partner)
    item = make_agenda_item(
        event, title="Dobra praktyka: spółdzielnia", title_en="Good practice: a cooperative"
    )
    organisation = make_organisation(world.partner, name="Spółdzielnia CUS")
    make_presenter(
        item,
        person=make_person(world.partner, full_name="Ewa Nowak"),
        organisation=organisation,
        place="Drobin",
    )

    polish, english = _read(world, event.pk, "pl"), _read(world, event.pk, "en")

    assert "Współfinansowane przez Unię Europejską" in polish.sections[0].header.paragraphs[0].text
    assert "Co-funded by the European Union" in english.sections[0].header.paragraphs[0].text
    for document in (polish, english):
        images = [rel for rel in document.sections[0].header.part.rels.values() if "image" in rel.reltype]
        assert len(images) == 1  # the EU emblem
    assert "Dobra praktyka: spółdzielnia" in _cells(polish)
    assert "Good practice: a cooperative" in _cells(english)
    # No consent to publication: a representative of the organisation, not the name.
    assert "Ewa Nowak" not in _cells(polish)
    assert "Spółdzielnia CUS (Drobin)" in _cells(polish)
    assert event.title in "\n".join(p.text for p in polish.paragraphs)


def test_agenda_docx_of_an_unknown_language_is_not_found(world: World) -> None:
    event = make_event(world.partner)
    client = Client()
    client.force_login(world.staff)

    assert client.get(reverse("manage:event_agenda_docx", args=[event.pk, "de"])).status_code == 404
