"""Creation forms create once: the same form sent twice (double click, resend) shows the first result.

Every back-office creation view is wrapped in `core.idempotency.create_once`; each test reads the
one-time token from the form page as a browser would, then posts the form twice with it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import resolve, reverse

from conftest import World
from secon.core.idempotency import FIELD
from secon.core.models import AuditEvent, SubmissionToken
from secon.core.tests.test_access_walk import URL_CASES, back_office_patterns
from secon.registry.models import Organisation
from secon.tests.factories import make_person

pytestmark = pytest.mark.django_db

_TOKEN = re.compile(rf'name="{FIELD}" value="([^"]+)"')
_POST_FORM = re.compile(
    r'<form method="post"(?: action="(?P<action>[^"]*)")?[^>]*>(?P<body>.*?)</form>', re.S
)

# Back-office URLs that create a record but are not guarded, and why.
NOT_GUARDED = {
    # Uploading starts a batch that is only checked, never written, until confirmed; a second upload
    # is a second draft the coordinator discards (and the view belongs to the import work).
    "import_start",
}


def _creation_views() -> list[str]:
    return sorted(
        name
        for name in back_office_patterns()
        if (name.endswith(("_create", "_add")) or name == "person_consent_record") and name not in NOT_GUARDED
    )


def token_on(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    found: list[str] = _TOKEN.findall(response.content.decode())
    assert len(found) == 1, f"{url}: expected one form token, found {len(found)}"
    return found[0]


def organisation_data(world: World) -> dict[str, Any]:
    from secon.registry.models import OrganisationType

    return {
        "name": "Fundacja Bez Numeru",
        "type": OrganisationType.objects.get(code="foundation").pk,
        "helix": "civil_society",
    }


def _news_data(world: World) -> dict[str, Any]:
    return {
        "pl-title": "Dwa kliknięcia",
        "pl-lead": "Zajawka",
        "pl-body": "Treść",
        "en-title": "Two clicks",
        "en-body": "Text",
    }


def _attachment_data(world: World) -> dict[str, Any]:
    from secon.news.tests.builders import pdf_upload

    return {"title": "Agenda", "file": pdf_upload()}


def _practice_data(world: World) -> dict[str, Any]:
    from secon.practices.tests.builders import ENGLISH, POLISH

    return {
        **{f"pl-{name}": text for name, text in POLISH.items()},
        **{f"en-{name}": text for name, text in ENGLISH.items()},
    }


def _practice_image_data(world: World) -> dict[str, Any]:
    from secon.news.tests.builders import png_upload

    return {"image": png_upload(), "alt": "Warsztat spółdzielni"}


# The access walk posts these forms empty; here they need to succeed.
def _event_data(world: World) -> dict[str, Any]:
    from secon.events.tests.test_manage_views import event_form, rsg_type_pk

    return event_form(type=rsg_type_pk())


def _agenda_item_data(world: World) -> dict[str, Any]:
    return {"starts_at": "10:00", "kind": "opening", "title": "Otwarcie", "title_en": "Opening"}


def _presenter_data(world: World) -> dict[str, Any]:
    return {"person": make_person(world.partner).pk, "function": "Prezes", "title_form": "", "place": ""}


def _slides_data(world: World) -> dict[str, Any]:
    from secon.events.tests.builders import pdf_upload

    return {"title": "Slajdy", "file": pdf_upload()}


EXTRA_DATA = {
    "event_create": _event_data,
    "event_agenda_item_add": _agenda_item_data,
    "event_presenter_add": _presenter_data,
    "event_attachment_add": _slides_data,
    "news_create": _news_data,
    "news_attachment_add": _attachment_data,
    "practice_create": _practice_data,
    "practice_image_add": _practice_image_data,
    "practice_attachment_add": _attachment_data,
}


def test_every_creation_view_creates_once() -> None:
    patterns = back_office_patterns()
    unguarded = [
        name for name in _creation_views() if not getattr(patterns[name].callback, "creates_once", False)
    ]
    assert not unguarded, f"Wrap these creation views in core.idempotency.create_once: {unguarded}"


def test_the_same_organisation_form_sent_twice_creates_one_organisation(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    url = reverse("manage:organisation_create")
    data = {**organisation_data(world), FIELD: token_on(client, url)}

    first = client.post(url, data)
    second = client.post(url, data)

    organisation = Organisation.objects.get(name="Fundacja Bez Numeru")
    assert first.status_code == second.status_code == 302
    assert (
        second["Location"]
        == first["Location"]
        == reverse("manage:organisation_detail", args=[organisation.pk])
    )
    shown = client.get(second["Location"])
    assert "Nic nie zostało dodane dwa razy" in shown.content.decode()


def test_a_new_form_creates_again(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    url = reverse("manage:organisation_create")
    for _ in range(2):
        client.post(url, {**organisation_data(world), FIELD: token_on(client, url)})
    assert Organisation.objects.filter(name="Fundacja Bez Numeru").count() == 2


def test_a_form_with_errors_does_not_use_up_its_token(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    url = reverse("manage:organisation_create")
    token = token_on(client, url)
    refused = client.post(url, {**organisation_data(world), "name": "", FIELD: token})
    corrected = client.post(url, {**organisation_data(world), FIELD: token})
    assert refused.status_code == 200
    assert corrected.status_code == 302
    assert Organisation.objects.filter(name="Fundacja Bez Numeru").count() == 1


def test_another_user_cannot_replay_a_token_to_see_the_result(client: Client, world: World) -> None:
    client.force_login(world.coordinator)
    url = reverse("manage:organisation_create")
    data = {**organisation_data(world), FIELD: token_on(client, url)}
    first = client.post(url, data)
    other = Client()
    other.force_login(world.staff)
    replay = other.post(url, data)
    assert replay.status_code == 302
    assert replay["Location"] != first["Location"]
    assert Organisation.objects.filter(name="Fundacja Bez Numeru").count() == 1


@pytest.mark.parametrize("name", _creation_views())
def test_each_creation_form_sent_twice_creates_once_and_shows_the_first_result(
    client: Client, world: World, name: str
) -> None:
    case = URL_CASES[name]
    client.force_login(world.coordinator)
    url = reverse(f"manage:{name}", kwargs=case.kwargs(world))
    token = token_on(client, url)
    data = {**EXTRA_DATA.get(name, case.data)(world), FIELD: token}
    events_before = AuditEvent.objects.count()

    first = client.post(url, data)
    created = AuditEvent.objects.count()
    second = client.post(url, data)

    assert first.status_code == 302, f"{name}: the first submission did not succeed"
    assert created > events_before
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert AuditEvent.objects.count() == created, f"{name}: the second submission wrote again"


@pytest.mark.parametrize(
    "page",
    [
        lambda w: reverse("manage:person_detail", args=[make_person(w.partner).pk]),
        lambda w: reverse("manage:rsg"),
    ],
    ids=["person page", "stakeholder group page"],
)
def test_creation_forms_embedded_in_other_pages_carry_their_own_token(
    client: Client, world: World, page: Any
) -> None:
    client.force_login(world.coordinator)
    html = client.get(page(world)).content.decode()
    creating = [
        match
        for match in _POST_FORM.finditer(html)
        if match["action"] and getattr(resolve(match["action"].split("?")[0]).func, "creates_once", False)
    ]
    assert creating, "no creation form found on the page"
    tokens = [_TOKEN.findall(match["body"]) for match in creating]
    assert all(len(found) == 1 for found in tokens)
    assert len({found[0] for found in tokens}) == len(tokens), "two forms share one token"


def test_old_tokens_are_deleted(client: Client, world: World) -> None:
    import datetime as dt

    from django.utils import timezone

    old = SubmissionToken.objects.create(token="x" * 43, user=world.coordinator, result_url="/manage/")
    SubmissionToken.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    client.force_login(world.coordinator)
    url = reverse("manage:organisation_create")
    client.post(url, {**organisation_data(world), FIELD: token_on(client, url)})
    assert not SubmissionToken.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_submissions_of_one_form_create_one_organisation(tmp_path: Path) -> None:
    from secon.core.tests.race import run_scenario

    result = run_scenario("secon.core.tests.idempotency_race:double_click", tmp_path)
    assert result["errors"] == []
    assert result["created"] == 1
    assert result["statuses"] == [302] * 10
    assert len(set(result["locations"])) == 1
