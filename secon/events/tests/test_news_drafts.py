"""News drafted from an event's record: grammatical Polish, the facts of the seed article in both
languages, nothing created without approved minutes, and templates that coordinators edit and preview."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import World
from secon.accounts.models import User
from secon.events.models import Event, EventNews, NewsDraftTemplate
from secon.events.news_drafts import draft_text, polish_ordinal, written_date
from secon.events.tests.builders import make_agenda_item, make_presenter
from secon.events.tests.minutes_builders import make_held_event, make_minutes
from secon.news.models import NewsItem, NewsTranslation
from secon.tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db

TOKEN = "n" * 43


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _messages(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


@pytest.mark.parametrize(
    ("number", "gender", "case", "word"),
    [
        (1, "n", "nom", "pierwsze"),
        (1, "n", "loc", "pierwszym"),
        (2, "n", "nom", "drugie"),
        (2, "n", "loc", "drugim"),
        (3, "n", "nom", "trzecie"),
        (3, "n", "loc", "trzecim"),
        (3, "m", "nom", "trzeci"),
        (3, "f", "nom", "trzecia"),
        (5, "n", "loc", "piątym"),
        (12, "m", "nom", "dwunasty"),
        (21, "n", "loc", "21."),
    ],
)
def test_polish_ordinals_agree_in_gender_and_case(number: int, gender: str, case: str, word: str) -> None:
    assert polish_ordinal(number, gender=gender, case=case) == word


def test_dates_are_written_out() -> None:
    assert written_date(dt.date(2024, 2, 23), "pl") == "23 lutego 2024 roku"
    assert written_date(dt.date(2024, 8, 31), "pl") == "31 sierpnia 2024 roku"
    assert written_date(dt.date(2024, 3, 1), "en") == "1 March 2024"


# Every fact the seed article states, as each draft must state it.
SEED_FACTS = {
    "pl": [
        "23 lutego 2024 roku",
        "trzecie posiedzenie Regionalnej Grupy Interesariuszy",
        "projektu SECON",
        "Regionalne Polityki Wspierania Ekonomii Społecznej",
        "otworzyła i poprowadziła pani Aleksandra Szwed",
        "Zastępca Dyrektora Departamentu Rozwoju Regionalnego i Funduszy Europejskich",
        "przedstawiono uczestnikom ostatnie działania w projekcie oraz plany na trzeci semestr",
        "Pani Prezes Aleksandra Pęcherzewska",
        "Centrum Usług Środowiskowych” w Drobinie",
        "Anita Dygas",
        "Zbijów Mały, gmina Mirów",
        "zaakceptowane przez Lidera Projektu i będą przedstawione na forum europejskim",
        "pan Krzysztof Pilecki (Mazowieckie Centrum Polityki Społecznej",
        "Trzeci semestr realizacji projektu",
        "od 1 marca 2024 roku do 31 sierpnia 2024 roku",
        "- Badanie regionalnych potrzeb",
        "- Seminarium",
        "posiedzenie Regionalnej Grupy Interesariuszy\n",
        "Serdecznie zapraszamy Państwa do współpracy w ramach projektu SECON",
        "na Mazowszu do udziału w kolejnych spotkaniach",
    ],
    "en": [
        "23 February 2024",
        "third meeting of the Regional Stakeholder Group",
        "SECON project",
        "opened and chaired by Ms Aleksandra Szwed",
        "Zastępca Dyrektora Departamentu Rozwoju Regionalnego i Funduszy Europejskich",
        "plans for the third semester",
        "Ms Aleksandra Pęcherzewska",
        "w Drobinie",
        "Ms Anita Dygas",
        "Zbijów Mały, gmina Mirów",
        "accepted by the Lead Partner and will be presented at a European forum",
        "Mr Krzysztof Pilecki (Mazowieckie Centrum Polityki Społecznej",
        "third semester",
        "from 1 March 2024 to 31 August 2024",
        "- Study of regional needs",
        "- Seminar",
        "Regional Stakeholder Group meeting\n",
        "We warmly invite you",
        "in Mazovia to take part in the next meetings",
    ],
}


def test_the_draft_of_the_third_mazovian_meeting_states_every_fact_of_the_seed_in_both_languages(
    demo,
) -> None:
    third = Event.objects.get(partner__slug="mazovia", ordinal=3, type__code="rsg_meeting")
    coordinator = User.objects.get(email="koordynator@mazowsze.example")
    before = NewsItem.objects.count()

    response = _client(coordinator).post(
        reverse("manage:event_news_draft", args=[third.pk]), {"once_token": TOKEN}
    )

    item = NewsItem.objects.exclude(pk__in=[]).order_by("-pk").first()
    assert NewsItem.objects.count() == before + 1 and item is not None
    assert response.status_code == 302 and response["Location"] == reverse("manage:news_edit", args=[item.pk])
    assert EventNews.objects.filter(event=third, news_item=item).exists()
    versions = {v.language: v for v in NewsTranslation.objects.filter(item=item)}
    assert versions["pl"].title == "Trzecie posiedzenie Regionalnej Grupy Interesariuszy"
    assert versions["en"].title == "Third meeting of the Regional Stakeholder Group"
    for language, facts in SEED_FACTS.items():
        body = versions[language].body
        missing = [fact for fact in facts if fact not in body]
        assert not missing, f"{language} draft lacks {missing}:\n{body}"
        assert versions[language].status == "draft"
    page = _client(coordinator).get(reverse("manage:event_minutes", args=[third.pk])).content.decode()
    assert reverse("manage:news_edit", args=[item.pk]) in page  # the event links to its news


def test_drafting_news_for_an_event_without_approved_minutes_creates_nothing(world: World) -> None:
    event = make_held_event(world.partner)
    make_minutes(event)  # a draft only
    before = NewsItem.objects.count()

    response = _client(world.staff).post(
        reverse("manage:event_news_draft", args=[event.pk]), {"once_token": TOKEN}, follow=True
    )

    assert "the minutes of this event are not approved yet" in _messages(response)
    assert NewsItem.objects.count() == before
    assert not EventNews.objects.filter(event=event).exists()


def test_a_presenter_without_consent_is_a_representative_of_the_organisation(world: World) -> None:
    event = make_held_event(world.partner)
    item = make_agenda_item(
        event, title="Dobra praktyka: spółdzielnia", title_en="Good practice: a cooperative"
    )
    organisation = make_organisation(world.partner, name="Spółdzielnia Socjalna Razem")
    make_presenter(item, person=make_person(world.partner, full_name="Ewa Tajna"), organisation=organisation)
    make_minutes(event, approved=True)

    polish, english = draft_text(event, "pl")[2], draft_text(event, "en")[2]

    assert "Ewa Tajna" not in polish and "Ewa Tajna" not in english
    assert "przedstawiciel organizacji Spółdzielnia Socjalna Razem" in polish
    assert "representative of Spółdzielnia Socjalna Razem" in english


def test_a_coordinator_previews_and_saves_the_partners_template(world: World) -> None:
    event = make_held_event(world.partner)
    make_minutes(event, approved=True)
    url = reverse("manage:event_news_template", args=["pl"])
    form = {"title": "{{ meeting_ordinal|capfirst }} spotkanie", "lead": "", "body": "Odbyło się {{ date }}."}
    client = _client(world.coordinator)

    preview = client.post(url, {**form, "preview": "1"})
    saved = client.post(url, {**form, "save": "1"})

    assert "Odbyło się 23 lutego 2024 roku." in preview.content.decode()
    assert saved.status_code == 302
    template = NewsDraftTemplate.objects.get(partner=world.partner, language="pl")
    assert template.body == "Odbyło się {{ date }}."
    assert draft_text(event, "pl")[2] == "Odbyło się 23 lutego 2024 roku.\n"


def test_a_template_that_does_not_parse_is_refused_and_staff_cannot_edit_templates(world: World) -> None:
    url = reverse("manage:event_news_template", args=["pl"])
    bad = {"title": "Tytuł", "lead": "", "body": "{% if date %}bez końca", "save": "1"}

    response = _client(world.coordinator).post(url, bad)
    refused = _client(world.staff).post(url, {**bad, "body": "Dobrze."})

    assert response.status_code == 200 and "The template cannot be read" in response.content.decode()
    assert refused.status_code == 403
    assert not NewsDraftTemplate.objects.filter(partner=world.partner).exists()


def test_a_template_cannot_reach_files_or_tag_libraries(world: World) -> None:
    url = reverse("manage:event_news_template", args=["pl"])
    client = _client(world.coordinator)

    for body in ('{% include "base.html" %}', "{% load static %}{% static 'x' %}", "{% debug %}"):
        response = client.post(url, {"title": "T", "lead": "", "body": body, "preview": "1"})
        assert response.status_code == 200
        assert "The template cannot be read" in response.content.decode(), body


def test_a_template_cannot_turn_into_unbounded_work(world: World) -> None:
    url = reverse("manage:event_news_template", args=["pl"])
    client = _client(world.coordinator)
    hostile = [
        '{{ partner|center:"999999999" }}',  # a padding filter would build a gigabyte string
        '{{ 1|stringformat:"999999999d" }}',
        "{% for a in key_tasks %}{% for b in key_tasks %}{{ a }}{{ b }}{% endfor %}{% endfor %}",
        "x" * 20_001,
    ]
    for body in hostile:
        response = client.post(url, {"title": "T", "lead": "", "body": body, "preview": "1"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "The template cannot be read" in page or "20000" in page.replace("\xa0", "").replace(
            " ", ""
        ), body[:40]
    assert not NewsDraftTemplate.objects.exists()
