"""The programme's visibility elements where its rules ask for them: every public page, documents, e-mails.

The EU emblem with "Co-funded by the European Union" (in the page's language) is always there; the
project's, programme's and partners' logos only when an administrator has uploaded them.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse
from PIL import Image
from weasyprint.formatting_structure import boxes

from conftest import World
from secon.core.cache import invalidate_public_pages
from secon.events.documents import agenda_document
from secon.events.tests.builders import make_event
from secon.projects.models import Partner, Project
from secon.registry.privacy import export
from secon.registry.privacy import pdf as pdf_layout
from secon.registry.tests.join_builders import form_data
from secon.tests.factories import make_person

pytestmark = pytest.mark.django_db

STATEMENT = {"pl": "Współfinansowane przez Unię Europejską", "en": "Co-funded by the European Union"}
FLAG = {"pl": "Flaga Unii Europejskiej", "en": "Flag of the European Union"}


def png(size: tuple[int, int] = (300, 100)) -> ContentFile[bytes]:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


def upload_logos(world: World) -> Project:
    project = Project.objects.select_related("programme").get(pk=world.project.pk)
    project.logo.save("x.png", png())
    project.programme.logo.save("y.png", png((400, 120)))
    return project


def page_html(client: Client, language: str, name: str = "public:home", **kwargs: Any) -> str:
    from django.utils import translation

    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# ---- public pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["pl", "en"])
def test_every_public_page_shows_the_emblem_with_the_statement_in_its_language(
    client: Client, world: World, language: str
) -> None:
    for name in ("public:home", "public:partner_list", "public:privacy"):
        html = page_html(client, language, name)
        assert f'src="/eu-emblem.svg" width="72" height="48" alt="{FLAG[language]}"' in html
        assert f'<span class="eu-statement">{STATEMENT[language]}</span>' in html


def test_without_uploaded_logos_the_header_names_the_project_in_text_and_shows_no_logo(
    client: Client, world: World
) -> None:
    html = page_html(client, "pl")
    assert "identity-logo" not in html and "/media/" not in html
    assert '<span class="brand-acronym">SECON</span>' in html


def test_uploaded_project_and_programme_logos_show_in_the_header_with_their_names(
    client: Client, world: World
) -> None:
    project = upload_logos(world)

    html = page_html(client, "en")

    logos = re.findall(r'<img class="identity-logo" src="([^"]+)" alt="([^"]+)">', html)
    assert logos == [
        (f"/media/{project.logo.name}", "Logo: SECON"),
        (f"/media/{project.programme.logo.name}", "Logo: Interreg Europe"),
    ]
    assert client.get(logos[0][0])["Content-Type"] == "image/png"


def test_a_partner_page_shows_the_partners_logo_only_when_one_is_uploaded(
    client: Client, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    partner = Partner.objects.get(pk=world.partner.pk)
    assert "partner-logo" not in page_html(client, "pl", "public:partner_detail", slug=partner.slug)

    with django_capture_on_commit_callbacks(execute=True):
        partner.logo.save("z.png", png())
        invalidate_public_pages()  # as the admin does when it saves a partner

    html = page_html(client, "pl", "public:partner_detail", slug=partner.slug)
    assert (
        f'<img class="partner-logo" src="/media/{partner.logo.name}" alt="Logo: {partner.short_name}">'
        in html
    )


def test_the_emblem_is_served_as_svg_and_png_for_a_long_time(client: Client) -> None:
    svg = client.get("/eu-emblem.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<?xml") and svg.content.count(b"<path") == 12
    assert "max-age=2592000" in svg["Cache-Control"] and "public" in svg["Cache-Control"]

    png_response = client.get("/eu-emblem.png")
    assert png_response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(png_response.content)).size == (144, 96)


# ---- documents -------------------------------------------------------------------------------------


def _document(world: World, language: str) -> Any:
    person = make_person(world.partner, language=language)
    return pdf_layout.person_export_document(export.collect_person_data(person))


def _boxes(document: Any, kind: type) -> list[Any]:
    found: list[Any] = []

    def walk(box: Any) -> None:
        if isinstance(box, kind):
            found.append(box)
        for child in getattr(box, "children", None) or []:
            walk(child)

    walk(document.pages[0]._page_box)
    return found


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_pdf_export_starts_with_the_emblem_and_the_statement_in_its_language(
    world: World, language: str
) -> None:
    document = _document(world, language)

    text = " ".join(box.text for box in _boxes(document, boxes.TextBox))
    assert text.startswith(STATEMENT[language])  # before the title: the top of the first page
    assert "SECON" in text  # the project's name as text, no logo having been uploaded
    images = _boxes(document, boxes.ReplacedBox)
    assert len(images) == 1  # the emblem (inline SVG)
    height_mm = images[0].height * 25.4 / 96
    assert height_mm >= 10  # the rules' minimum height


def test_the_pdf_export_carries_the_uploaded_logos(world: World) -> None:
    upload_logos(world)

    document = _document(world, "pl")
    images = _boxes(document, boxes.ReplacedBox)

    assert len(images) == 3  # the emblem, the project's logo, the programme's logo
    assert max(box.height for box in images[1:]) <= images[0].height  # no logo larger than the emblem
    page = document.pages[0]._page_box
    right_margin_edge = page.margin_width() - page.margin_right
    assert all(box.position_x + box.width <= right_margin_edge for box in images)  # none past the margin


# ---- e-mails ---------------------------------------------------------------------------------------


def test_html_e_mails_show_the_emblem_with_the_statement_and_text_e_mails_the_statement(
    client: Client, world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SITE_URL = "https://secon.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("public:join"), form_data(world.partner))
    assert response.status_code == 302

    [message] = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    html = str(message.alternatives[0][0])
    assert (
        f'<img src="https://secon.example.org/eu-emblem.png" width="60" height="40" alt="{FLAG["pl"]}"'
        in html
    )
    assert STATEMENT["pl"] in html
    assert STATEMENT["pl"] in message.body.split("\n-- \n", 1)[1]


def test_account_e_mails_end_with_the_statement(client: Client, world: World) -> None:
    client.post(reverse("account_reset_password"), {"email": world.staff.email})

    [message] = mail.outbox
    assert message.body.rstrip().endswith(STATEMENT["pl"])


def test_an_events_agenda_pdf_starts_with_the_emblem_and_carries_the_partners_logo(world: World) -> None:
    event = make_event(world.partner, is_public=True, title="Posiedzenie", title_en="Meeting")
    text = " ".join(box.text for box in _boxes(agenda_document(event, "en"), boxes.TextBox))
    assert text.startswith(STATEMENT["en"])

    Partner.objects.get(pk=world.partner.pk).logo.save("p.png", png())
    event.partner.refresh_from_db()

    images = _boxes(agenda_document(event, "pl"), boxes.ReplacedBox)
    assert len(images) == 2  # the emblem and the partner's logo
