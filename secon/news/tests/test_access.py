"""Who may see and change news in the back office: every news URL against every persona."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from secon.news.models import NewsTranslation
from secon.news.tests.builders import make_news, pdf_upload

pytestmark = pytest.mark.django_db

READ_PAGES = ["news_edit"]
WRITE_PAGES = [
    ("news_text_edit", False),
    ("news_publish_ready", False),
    ("news_publish", True),
    ("news_unpublish", True),
    ("news_translation_delete", True),
    ("news_delete", False),
    ("news_image", False),
    ("news_image_remove", False),
    ("news_attachment_add", False),
]


def _get(client: Any, user: Any, url: str) -> int:
    if user is not None:
        client.force_login(user)
    return int(client.get(url).status_code)


@pytest.fixture
def item(world: Any) -> Any:
    return make_news(world.partner, {"pl": {"status": "ready"}, "en": {}})


def urls(item: Any) -> list[tuple[str, bool]]:
    result = [(reverse("manage:news_edit", args=[item.pk]), False)]
    for name, per_language in WRITE_PAGES:
        args = [item.pk, "pl"] if per_language else [item.pk]
        result.append((reverse(f"manage:{name}", args=args), True))
    return result


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("anonymous", 302, 302),
        ("stakeholder", 403, 403),
        ("other_staff", 404, 404),
        ("staff", 200, 200),
        ("coordinator", 200, 200),
        ("lead", 200, 403),
        ("admin", 200, 200),
    ],
)
def test_every_news_page_answers_each_persona_as_the_partner_rule_says(
    client: Any, world: Any, item: Any, persona: str, read: int, write: int
) -> None:
    user = world.personas()[persona]
    for url, is_write in urls(item):
        expected = write if is_write else read
        assert _get(client, user, url) == expected, url


def test_staff_of_another_partner_get_404_on_a_draft(client: Any, world: Any, item: Any) -> None:
    client.force_login(world.other_staff)
    assert client.get(reverse("manage:news_edit", args=[item.pk])).status_code == 404
    response = client.post(reverse("manage:news_mark_ready", args=[item.pk, "en"]))
    assert response.status_code == 404


def test_the_lead_partner_sees_other_partners_news_but_cannot_publish_it(
    client: Any, world: Any, item: Any
) -> None:
    client.force_login(world.lead)
    page = client.get(reverse("manage:news_edit", args=[item.pk]))
    assert page.status_code == 200
    assert reverse("manage:news_publish", args=[item.pk, "pl"]) not in page.content.decode()
    response = client.post(
        reverse("manage:news_publish", args=[item.pk, "pl"]), {"published_at": "2025-01-01T10:00"}
    )
    assert response.status_code == 403
    assert NewsTranslation.objects.get(item=item, language="pl").status == "ready"


def test_attachments_of_other_partners_cannot_be_removed(client: Any, world: Any, item: Any) -> None:
    from secon.news import services

    attachment = services.add_attachment(item, actor=world.staff, title="Agenda", file=pdf_upload())
    client.force_login(world.other_staff)
    url = reverse("manage:news_attachment_remove", args=[item.pk, attachment.pk])
    assert client.post(url).status_code == 404
    client.force_login(world.lead)
    assert client.post(url).status_code == 403
    assert item.attachments.count() == 1


def test_the_news_list_shows_staff_only_their_partners_items(client: Any, world: Any) -> None:
    ours = make_news(world.partner, {"pl": {"title": "Nasza wiadomość"}})
    theirs = make_news(world.other_partner, {"en": {"title": "Their news"}})
    client.force_login(world.staff)
    body = client.get(reverse("manage:news_list")).content.decode()
    assert "Nasza wiadomość" in body
    assert "Their news" not in body
    client.force_login(world.lead)
    body = client.get(reverse("manage:news_list")).content.decode()
    assert "Nasza wiadomość" in body and "Their news" in body
    assert ours.pk != theirs.pk


def test_coordinators_can_read_the_items_history(client: Any, world: Any, item: Any) -> None:
    client.force_login(world.coordinator)
    response = client.get(reverse("manage:record_history", args=["news.newsitem", item.pk]))
    assert response.status_code == 200
    client.force_login(world.other_staff)
    assert client.get(reverse("manage:record_history", args=["news.newsitem", item.pk])).status_code == 403
