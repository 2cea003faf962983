"""The review path of a good practice, each step by the right role, at the HTTP boundary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.core.models import AuditEvent
from secon.core.tests.race import run_scenario
from secon.practices import services
from secon.practices.models import GoodPractice, State
from secon.practices.tests.builders import ENGLISH, POLISH, make_practice, move_to

pytestmark = pytest.mark.django_db


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _step(client: Client, practice: GoodPractice, step: str, *, state: str, comment: str = "") -> Any:
    return client.post(
        reverse("manage:practice_step", kwargs={"pk": practice.pk, "step": step}),
        {f"{step}-state": state, f"{step}-comment": comment},
    )


def _state(practice: GoodPractice) -> str:
    return GoodPractice.objects.get(pk=practice.pk).state


def test_the_partner_coordinator_submits_and_the_lead_partner_is_told_after_commit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    practice = make_practice(world.partner, actor=world.staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = _step(_client(world.coordinator), practice, "submit", state="draft")

    assert response.status_code == 302
    assert _state(practice) == State.SUBMITTED
    event = AuditEvent.objects.for_object(practice).filter(code="practices.practice.submitted").get()
    assert event.actor == world.coordinator
    assert event.changes["state"] == ["draft", "submitted"]
    assert [message.to for message in mail.outbox] == [[world.lead.email]]
    assert POLISH["title"] in mail.outbox[0].subject or ENGLISH["title"] in mail.outbox[0].subject


def test_the_whole_path_to_the_policy_learning_platform_by_the_right_roles(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    coordinator, lead = _client(world.coordinator), _client(world.lead)

    for client, step, before in [
        (coordinator, "submit", "draft"),
        (lead, "accept", "submitted"),
        (coordinator, "submit_to_programme", "accepted"),
        (lead, "approve", "submitted_to_programme"),
        (lead, "validate", "approved"),
        (lead, "select", "validated"),
    ]:
        assert _step(client, practice, step, state=before).status_code == 302, step

    assert _state(practice) == State.SELECTED
    assert GoodPractice.objects.identified().filter(pk=practice.pk).exists()
    codes = list(AuditEvent.objects.for_object(practice).order_by("at", "pk").values_list("code", flat=True))
    assert codes[-6:] == [
        "practices.practice.submitted",
        "practices.practice.accepted",
        "practices.practice.submitted_to_programme",
        "practices.practice.approved",
        "practices.practice.validated",
        "practices.practice.selected",
    ]


def test_only_validation_by_the_secretariat_counts_as_a_good_practice_identified(world: World) -> None:
    practice = move_to(
        make_practice(world.partner, actor=world.staff),
        State.APPROVED,
        coordinator=world.coordinator,
        lead=world.lead,
    )
    assert not GoodPractice.objects.identified().exists()

    services.validate_practice(practice, actor=world.lead)

    assert GoodPractice.objects.identified().count() == 1


@pytest.mark.parametrize("who", ["staff", "lead", "other_staff"])
def test_submission_by_anyone_but_the_partner_coordinator_is_refused_and_nothing_changes(
    world: World, who: str
) -> None:
    practice = make_practice(world.partner, actor=world.staff)

    response = _step(_client(getattr(world, who)), practice, "submit", state="draft")

    assert response.status_code in {403, 404}
    if response.status_code == 403:
        assert "Only the coordinator of the practice&#x27;s partner may do this" in response.content.decode()
    assert _state(practice) == State.DRAFT
    assert not AuditEvent.objects.for_object(practice).filter(code="practices.practice.submitted").exists()


def test_the_partner_cannot_accept_its_own_practice(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    services.submit_practice(practice, actor=world.coordinator)

    response = _step(_client(world.coordinator), practice, "accept", state="submitted")

    assert response.status_code == 403
    assert "Only the Lead Partner&#x27;s coordinator may do this: “Accept”." in response.content.decode()
    assert _state(practice) == State.SUBMITTED


def test_a_step_from_the_wrong_state_is_refused_clearly_and_nothing_changes(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)

    with pytest.raises(ValidationError) as refused:
        services.accept_practice(practice, actor=world.lead)

    assert refused.value.messages == [  # the interface starts in Polish
        "Krok „Przyjmij” nie jest możliwy dla praktyki w stanie „Wersja robocza”. Nic nie zostało zmienione."
    ]
    assert _state(practice) == State.DRAFT
    assert AuditEvent.objects.for_object(practice).count() == 1  # only its creation


def test_submission_without_the_english_version_is_refused_with_the_reason(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff, english=False)

    response = _step(_client(world.coordinator), practice, "submit", state="draft")

    assert (
        "The English version is required before submission to the Lead Partner." in response.content.decode()
    )
    assert _state(practice) == State.DRAFT


def test_submission_with_an_empty_required_field_names_the_field(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    services.update_practice(
        practice,
        actor=world.staff,
        values={},
        versions={"en": services.VersionTexts({**ENGLISH, "evidence": ""})},
    )

    with pytest.raises(ValidationError) as refused:
        services.submit_practice(practice, actor=world.coordinator)

    assert refused.value.messages == ["Wersja EN: proszę uzupełnić: dowody sukcesu."]


def test_returning_needs_a_comment_and_the_partner_sees_it_edits_and_resubmits(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    services.submit_practice(practice, actor=world.coordinator)
    lead = _client(world.lead)

    without = _step(lead, practice, "return", state="submitted")
    assert "a comment is required" in without.content.decode()
    assert _state(practice) == State.SUBMITTED

    _step(lead, practice, "return", state="submitted", comment="Dodajcie liczby w dowodach sukcesu.")
    detail = _client(world.staff).get(reverse("manage:practice_detail", kwargs={"pk": practice.pk}))
    assert "Dodajcie liczby w dowodach sukcesu." in detail.content.decode()

    services.update_practice(
        practice,
        actor=world.staff,
        values={},
        versions={
            "pl": services.VersionTexts({**POLISH, "evidence": "12 miejsc pracy w 2023 r."}),
            "en": services.VersionTexts({**ENGLISH, "evidence": "12 jobs in 2023."}),
        },
    )
    assert _step(_client(world.coordinator), practice, "submit", state="returned").status_code == 302
    assert _state(practice) == State.SUBMITTED
    assert GoodPractice.objects.get(pk=practice.pk).review_comment == ""


def test_two_reviewers_at_once_one_wins_and_the_other_is_told_what_happened(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    services.submit_practice(practice, actor=world.coordinator)
    # Both opened the practice while it was submitted; the first to confirm accepts it.
    first, second = _client(world.lead), _client(world.admin)

    assert _step(first, practice, "accept", state="submitted").status_code == 302
    response = _step(second, practice, "return", state="submitted", comment="Za mało liczb.")

    page = response.content.decode()
    assert response.status_code == 409
    assert f"Meanwhile {world.lead} changed the practice to “Accepted by the Lead Partner”" in page
    assert "Nothing was changed" in page
    assert _state(practice) == State.ACCEPTED
    assert not AuditEvent.objects.for_object(practice).filter(code="practices.practice.returned").exists()


def test_a_reviewer_whose_transaction_read_the_old_state_changes_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    submitted = services.submit_practice(practice, actor=world.coordinator)
    # The other reviewer's step lands between this reviewer's read and write (a database without row
    # locks): the read still says "submitted", the conditional update finds nothing to change.
    GoodPractice.objects.filter(pk=practice.pk).update(state=State.REJECTED)
    monkeypatch.setattr(services, "_locked", lambda _practice: submitted)

    with pytest.raises(ValidationError) as refused:
        services.accept_practice(submitted, actor=world.lead, expected_state="submitted")

    assert "Nic nie zostało zmienione" in refused.value.messages[0]
    assert _state(practice) == State.REJECTED
    assert not AuditEvent.objects.for_object(practice).filter(code="practices.practice.accepted").exists()


def test_the_wrong_role_is_refused_in_the_service_too(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)

    with pytest.raises(PermissionDenied):
        services.submit_practice(practice, actor=world.staff)


def test_the_practice_page_offers_only_the_steps_the_user_may_take(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    url = reverse("manage:practice_detail", kwargs={"pk": practice.pk})

    assert "Submit to the Lead Partner" in _client(world.coordinator).get(url).content.decode()
    assert "Submit to the Lead Partner" not in _client(world.lead).get(url).content.decode()


def test_the_history_compares_any_two_saved_versions_field_by_field(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    services.update_practice(
        practice,
        actor=world.staff,
        values={},
        versions={"pl": services.VersionTexts({**POLISH, "evidence": "Piętnaście <b>miejsc</b> pracy."})},
    )
    services.submit_practice(practice, actor=world.coordinator)

    response = _client(world.lead).get(
        reverse("manage:practice_versions", kwargs={"pk": practice.pk}), {"old": "1", "new": "3"}
    )
    page = response.content.decode()

    assert "Evidence of success (PL)" in page
    assert "<del>Dwanaście</del>" in page
    assert "<ins>Piętnaście</ins>" in page
    assert "&lt;b&gt;miejsc&lt;/b&gt;" in page  # the text is escaped inside the marks
    assert "Submitted to the Lead Partner" in page  # the state, by its label
    assert "Title (EN)" not in page  # an unchanged field is not listed


def test_the_practice_page_shows_the_whole_trail_with_the_reviewers_comment(world: World) -> None:
    practice = make_practice(world.partner, actor=world.staff)
    services.submit_practice(practice, actor=world.coordinator)
    services.reject_practice(practice, actor=world.lead, comment="Praktyka prywatna bez wpływu na politykę.")

    page = _client(world.coordinator).get(reverse("manage:practice_detail", kwargs={"pk": practice.pk}))
    html = page.content.decode()

    for label in ["Good practice created", "Submitted to the Lead Partner", "Rejected by the Lead Partner"]:
        assert label in html
    assert "Praktyka prywatna bez wpływu na politykę." in html


@pytest.mark.django_db(transaction=True)
def test_five_reviewers_confirming_at_once_move_the_practice_once(tmp_path: Path) -> None:
    # In a fresh process on a real database (see secon/core/tests/race.py): one step wins, the others
    # are told what happened (409) and write nothing.
    result = run_scenario("secon.practices.tests.review_race:reviewers_at_once", tmp_path)

    assert result["errors"] == []
    assert result["statuses"] == [302, 409, 409, 409, 409]
    assert result["steps"] == 1
    assert result["state"] in {"accepted", "returned", "rejected"}


def test_the_e_mail_is_plain_text_in_the_recipients_language_with_the_comment(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    practice = make_practice(world.partner, actor=world.staff, polish={**POLISH, "title": "Praca & „Dom”"})
    services.submit_practice(practice, actor=world.coordinator)
    world.coordinator.language = "en"
    world.coordinator.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.return_practice(practice, actor=world.lead, comment="Dodajcie <liczby>.")

    to_coordinator = next(m for m in mail.outbox if m.to == [world.coordinator.email])
    assert to_coordinator.subject == "Good practice “Praca & „Dom””: Returned with comments"
    assert "Dodajcie <liczby>." in to_coordinator.body
    assert {tuple(m.to) for m in mail.outbox} == {(world.coordinator.email,), (world.staff.email,)}


def test_a_long_trail_links_coordinators_to_the_whole_history(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secon.practices import views

    monkeypatch.setattr(views, "TRAIL_LENGTH", 1)
    practice = make_practice(world.partner, actor=world.staff)
    services.submit_practice(practice, actor=world.coordinator)
    url = reverse("manage:practice_detail", kwargs={"pk": practice.pk})
    history = reverse("manage:record_history", args=["practices.goodpractice", practice.pk])

    assert history in _client(world.coordinator).get(url).content.decode()
    assert history not in _client(world.staff).get(url).content.decode()  # the history is for coordinators
    assert _client(world.coordinator).get(history).status_code == 200
