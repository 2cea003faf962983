"""Writing a good practice in the programme's template: limits, plain text, both languages, files."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.core.models import AuditEvent
from secon.core.uploads import is_private
from secon.news.tests.builders import png_upload
from secon.practices import services
from secon.practices.models import GoodPractice, PracticeImage, PracticeVersion, State
from secon.practices.services import VersionTexts
from secon.practices.tests.builders import ENGLISH, POLISH, make_practice

pytestmark = pytest.mark.django_db

TOKEN = "p" * 43


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def practice_form(**overrides: str) -> dict[str, str]:
    data = {f"pl-{name}": text for name, text in POLISH.items()}
    data.update({f"en-{name}": text for name, text in ENGLISH.items()})
    data.update({"start_date": "2019-03-01", "once_token": TOKEN})
    data.update(overrides)
    return data


def test_staff_write_a_draft_in_polish_and_english_with_a_trail_and_a_saved_version(world: World) -> None:
    response = _client(world.staff).post(reverse("manage:practice_create"), practice_form())

    practice = GoodPractice.objects.get(partner=world.partner)
    assert response.status_code == 302
    assert response["Location"] == reverse("manage:practice_detail", kwargs={"pk": practice.pk})
    assert practice.state == State.DRAFT
    assert {v.language: v.title for v in practice.versions.all()} == {
        "pl": POLISH["title"],
        "en": ENGLISH["title"],
    }
    assert AuditEvent.objects.for_object(practice).get().code == "practices.practice.created"
    assert practice.snapshots.count() == 1


def test_sending_the_creation_form_twice_creates_one_practice(world: World) -> None:
    client = _client(world.staff)
    client.post(reverse("manage:practice_create"), practice_form())
    client.post(reverse("manage:practice_create"), practice_form())

    assert GoodPractice.objects.filter(partner=world.partner).count() == 1


def test_a_title_over_100_characters_is_refused_with_how_many_characters_too_many(world: World) -> None:
    response = _client(world.staff).post(
        reverse("manage:practice_create"), practice_form(**{"pl-title": "x" * 103})
    )

    assert response.status_code == 200
    assert "At most 100 characters: this text has 103, 3 characters too many." in response.content.decode()
    assert not GoodPractice.objects.exists()


def test_the_summary_over_its_limit_is_refused_in_polish_too(world: World) -> None:
    response = _client(world.staff, "pl").post(
        reverse("manage:practice_create"), practice_form(**{"en-summary": "y" * 301})
    )

    assert "Najwyżej 300 znaków: ten tekst ma 301, o 1 znak za dużo." in response.content.decode()
    assert not GoodPractice.objects.exists()


def test_each_field_carries_its_limit_and_the_counter_words_for_the_script(world: World) -> None:
    response = _client(world.staff).get(reverse("manage:practice_create"))
    html = response.content.decode()

    assert 'data-limit="100"' in html
    assert 'data-limit="3000"' in html
    assert 'data-over="%(over)s characters too many"' in html
    assert "practices/counter" in html
    assert "<script>" not in html  # the counter is a static file: the CSP allows no inline script


def test_html_and_script_in_a_text_are_kept_as_written_and_shown_as_text(world: World) -> None:
    hostile = '<script>alert("x")</script><b onmouseover="steal()">bold</b>'
    practice = make_practice(world.partner, polish={**POLISH, "summary": hostile}, actor=world.staff)

    html = _client(world.staff).get(reverse("manage:practice_detail", kwargs={"pk": practice.pk})).content
    page = html.decode()

    assert PracticeVersion.objects.get(practice=practice, language="pl").summary == hostile
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "onmouseover=" not in page.replace("onmouseover=&quot;", "")


def test_an_image_without_alternative_text_is_refused_and_nothing_is_stored(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)

    response = _client(world.staff).post(
        reverse("manage:practice_image_add", kwargs={"pk": practice.pk}),
        {"image": png_upload(), "alt": "  ", "once_token": TOKEN},
    )

    assert response.status_code == 200
    assert "Describe the image: alternative text is required." in response.content.decode()
    assert not PracticeImage.objects.exists()


def test_an_image_with_alternative_text_is_stored_privately_until_the_practice_is_accepted(
    world: World,
) -> None:
    practice = make_practice(world.partner, actor=world.staff)

    _client(world.staff).post(
        reverse("manage:practice_image_add", kwargs={"pk": practice.pk}),
        {"image": png_upload(), "alt": "Warsztat stolarski spółdzielni", "once_token": TOKEN},
    )
    image = PracticeImage.objects.get(practice=practice)
    assert is_private(str(image.image.name))

    services.submit_practice(practice, actor=world.coordinator)
    services.accept_practice(practice, actor=world.lead)

    image.refresh_from_db()
    assert not is_private(str(image.image.name))


def test_editing_one_language_makes_the_other_out_of_date_until_it_is_marked_checked(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    services.update_practice(
        practice,
        actor=world.staff,
        values={},
        versions={"pl": VersionTexts({**POLISH, "evidence": "Piętnaście miejsc pracy."})},
    )
    client = _client(world.staff)
    detail = reverse("manage:practice_detail", kwargs={"pk": practice.pk})

    assert "changed since: Polish" in client.get(detail).content.decode()

    client.post(reverse("manage:practice_version_current", kwargs={"pk": practice.pk, "language": "en"}))

    assert "changed since" not in client.get(detail).content.decode()


def test_both_languages_edited_together_leave_neither_out_of_date(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    data = practice_form(**{"pl-evidence": "Piętnaście miejsc pracy.", "en-evidence": "Fifteen jobs."})

    _client(world.staff).post(reverse("manage:practice_edit", kwargs={"pk": practice.pk}), data)

    versions = list(PracticeVersion.objects.filter(practice=practice))
    assert all(not v.outdated_by(versions) for v in versions)
    assert {v.language: v.revision for v in versions} == {"pl": 2, "en": 2}


def test_a_submitted_practice_cannot_be_edited_and_nothing_changes(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    services.submit_practice(practice, actor=world.coordinator)

    response = _client(world.staff).post(
        reverse("manage:practice_edit", kwargs={"pk": practice.pk}), practice_form(**{"pl-title": "Nowy"})
    )

    assert response.status_code == 302
    assert PracticeVersion.objects.get(practice=practice, language="pl").title == POLISH["title"]


def test_staff_of_another_partner_do_not_see_a_draft_practice(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    client = _client(world.other_staff)

    assert client.get(reverse("manage:practice_detail", kwargs={"pk": practice.pk})).status_code == 404
    assert POLISH["title"] not in client.get(reverse("manage:practice_list")).content.decode()


def test_the_lead_partner_sees_every_partners_practice_in_the_list_filtered_by_state(world: World) -> None:
    draft = make_practice(world.partner, actor=world.staff)
    other_title = {**POLISH, "title": "Centrum Integracji"}
    submitted = make_practice(world.partner, actor=world.staff, polish=other_title)
    services.submit_practice(submitted, actor=world.coordinator)
    client = _client(world.lead)

    everything = client.get(reverse("manage:practice_list")).content.decode()
    waiting = client.get(reverse("manage:practice_list"), {"state": "submitted"}).content.decode()

    assert str(draft) in everything and str(submitted) in everything
    assert "Centrum Integracji" in waiting and POLISH["title"] not in waiting


def test_the_list_reads_a_constant_number_of_queries_however_many_practices(
    world: World, count_queries: Any
) -> None:
    client = _client(world.lead)
    make_practice(world.partner, actor=world.staff)
    one = count_queries(lambda: client.get(reverse("manage:practice_list")))
    for _n in range(5):
        make_practice(world.partner, actor=world.staff)

    assert count_queries(lambda: client.get(reverse("manage:practice_list"))) == one


def test_the_list_answers_htmx_with_its_rows_only_and_sorts_by_time_in_state(world: World) -> None:
    make_practice(world.partner, actor=world.staff)

    response = _client(world.lead).get(
        reverse("manage:practice_list"), {"sort": "state_changed"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()

    assert "<html" not in html
    assert POLISH["title"] in html
    assert 'aria-sort="ascending"' in html


def test_a_bad_sort_in_the_address_is_a_field_message_not_an_error(world: World) -> None:
    response = _client(world.lead).get(reverse("manage:practice_list"), {"sort": "drop table"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_unit_outside_the_partners_own_territory_is_refused_next_to_the_field(world: World) -> None:
    from secon.territory.partners import units_for_partner

    mazovian_unit = units_for_partner(world.partner).first()
    if mazovian_unit is None:
        pytest.skip("no TERYT units in this database")

    response = _client(world.other_staff).post(
        reverse("manage:practice_create"),
        {
            **{f"{world.other_partner.language}-{name}": text for name, text in POLISH.items()},
            "territory": str(mazovian_unit.pk),
            "once_token": TOKEN,
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_territory_errors"' in page and "Select a valid choice" in page
    assert not GoodPractice.objects.exists()


def test_a_step_from_the_wrong_state_is_refused_on_the_page_and_nothing_changes(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)

    response = _client(world.lead).post(
        reverse("manage:practice_step", kwargs={"pk": practice.pk, "step": "accept"}),
        {"accept-state": "draft", "accept-comment": ""},
    )

    assert response.status_code == 409
    assert "“Accept” is not possible for a practice that is “Draft”. Nothing was changed." in (
        response.content.decode()
    )
    assert GoodPractice.objects.get(pk=practice.pk).state == State.DRAFT
