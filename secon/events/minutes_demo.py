"""Demo minutes and action items of Mazovia's held RSG meetings (called from `secon/events/demo.py`).

Each meeting gets approved minutes in Polish and English (the third with a text per agenda item, as the
seed article tells it) and the action items agreed there; all are done but one from the fifth meeting,
which stays open and is carried onto the next meeting's draft agenda as "matters arising".
Mazovia's news templates say "na Mazowszu" / "in Mazovia" in the closing invitation.
Idempotent: a meeting that has minutes or action items keeps them; a template once saved is kept.
"""

from __future__ import annotations

import datetime as dt

from secon.events import minutes as service
from secon.events import news_drafts
from secon.events.models import ActionItemStatus, Event, EventStatus, EventType, NewsDraftTemplate
from secon.projects.models import Partner
from secon.registry.models import Person

# Per meeting (in date order): the summary (Polish, English) and action items
# (Polish, English, owner's e-mail, due date, done?).
Action = tuple[str, str, str, dt.date, bool]
RECORD: list[tuple[str, str, list[Action]]] = [
    (
        "Przedstawiono cele projektu SECON i zasady współpracy w Regionalnej Grupie Interesariuszy. "
        "Uczestnicy "
        "otrzymali kwestionariusz do mapy instrumentów wsparcia ekonomii społecznej.",
        "The goals of the SECON project and how the Regional Stakeholder Group works were presented. "
        "Participants received a questionnaire for a map of social-economy support instruments.",
        [
            (
                "Zebrać wypełnione kwestionariusze do mapy instrumentów wsparcia",
                "Collect the completed questionnaires for the map of support instruments",
                "aleksandra.szwed@mazowsze.example",
                dt.date(2023, 5, 31),
                True,
            )
        ],
    ),
    (
        "Omówiono wyniki pierwszego semestru: mapowanie polityk i wywiady eksperckie; przedstawiono dobre "
        "praktyki Lidera Projektu.",
        "The results of the first semester were discussed: policy mapping and expert interviews; the Lead "
        "Partner's good practices were presented.",
        [
            (
                "Zgłosić kandydatury dobrych praktyk z Mazowsza",
                "Propose good practices from Mazovia",
                "aleksandra.szwed@mazowsze.example",
                dt.date(2023, 12, 15),
                True,
            )
        ],
    ),
    (
        "Przedstawiono ostatnie działania w projekcie i plany na trzeci semestr, dwie dobre praktyki z "
        "Mazowsza "
        "zaakceptowane przez Lidera Projektu do prezentacji na forum europejskim oraz wystąpienie "
        "Mazowieckiego Centrum Polityki Społecznej.",
        "Recent project activities and the plans for the third semester were presented, with two good "
        "practices from Mazovia accepted by the Lead Partner for a European forum and a talk by the Mazovian "
        "Centre for Social Policy.",
        [
            (
                "Przeprowadzić badanie regionalnych potrzeb, postaw i perspektyw dotyczących promocji "
                "ekonomii "
                "społecznej",
                "Carry out the survey of regional needs, attitudes and prospects for promoting the social "
                "economy",
                "aleksandra.szwed@mazowsze.example",
                dt.date(2024, 8, 31),
                True,
            ),
            (
                "Zorganizować seminarium o sprzyjającym otoczeniu i niefinansowym wsparciu ekonomii "
                "społecznej",
                "Hold a seminar on an enabling environment and non-financial support for the social economy",
                "krzysztof.pilecki@mcps.example",
                dt.date(2024, 8, 31),
                True,
            ),
        ],
    ),
    (
        "Przedstawiono wyniki badania regionalnych potrzeb, postaw i perspektyw dotyczących promocji "
        "ekonomii "
        "społecznej.",
        "The results of the survey of regional needs, attitudes and prospects for promoting the social "
        "economy "
        "were presented.",
        [
            (
                "Opublikować raport z badania na stronie projektu",
                "Publish the survey report on the project's site",
                "aleksandra.szwed@mazowsze.example",
                dt.date(2024, 10, 31),
                True,
            )
        ],
    ),
    (
        "Omówiono proponowane zmiany w programie regionalnym, m.in. kryterium premiujące podmioty ekonomii "
        "społecznej, oraz wnioski z wizyty studyjnej w Estremadurze.",
        "Proposed changes to the regional programme were discussed, among them a premium selection criterion "
        "for social-economy entities, and the lessons of the study visit in Extremadura.",
        [
            (
                "Przekazać uwagi do kryterium premiującego podmioty ekonomii społecznej",
                "Send comments on the premium criterion for social-economy entities",
                "krzysztof.pilecki@mcps.example",
                dt.date(2025, 3, 31),
                False,
            )
        ],
    ),
]

# Per agenda item of the third meeting, by its position: (Polish summary, English summary, decisions PL/EN).
THIRD_ITEMS: dict[int, tuple[str, str, str, str]] = {
    2: (
        "W ramach wprowadzenia przedstawiono uczestnikom ostatnie działania w projekcie oraz plany na trzeci "
        "semestr.",
        "By way of introduction, the participants heard about the project's recent activities and the plans "
        "for the third semester.",
        "",
        "",
    ),
    5: (
        "Przedstawiono rozwój integracji społecznej i ekonomii społecznej w województwie mazowieckim oraz "
        "inicjatywy z zakresu ekonomii społecznej realizowane w 2024 roku.",
        "The development of social inclusion and the social economy in Mazowieckie and the social-economy "
        "initiatives of 2024 were presented.",
        "",
        "",
    ),
    1: (
        "Posiedzenie otworzyła i poprowadziła Przewodnicząca.",
        "The chair opened and led the meeting.",
        "",
        "",
    ),
    3: (
        "Przedstawiono funkcjonowanie wielosektorowej spółdzielni socjalnej w Drobinie.",
        "How the multi-sector social cooperative in Drobin works was presented.",
        "Praktyka zaakceptowana przez Lidera Projektu do prezentacji na forum europejskim.",
        "The practice was accepted by the Lead Partner for presentation at a European forum.",
    ),
    4: (
        "Przedstawiono działania Centrum Integracji Społecznej w Zbijowie Małym, gmina Mirów.",
        "The work of the Social Integration Centre in Zbijów Mały, gmina Mirów, was presented.",
        "Praktyka zaakceptowana przez Lidera Projektu do prezentacji na forum europejskim.",
        "The practice was accepted by the Lead Partner for presentation at a European forum.",
    ),
}


def _write(event: Event, summary: str, summary_en: str, third: bool) -> None:
    if event.minutes_versions.exists():
        return
    minutes = service.start_minutes(event, actor=None)
    for text in minutes.texts.prefetch_related("items"):
        english = text.language == "en"
        items: dict[int, tuple[str, str]] = {}
        for entry in text.items.all() if third else []:
            row = THIRD_ITEMS.get(entry.order)
            if row is not None:
                items[entry.pk] = (row[1], row[3]) if english else (row[0], row[2])
        service.save_minutes_text(
            minutes,
            actor=None,
            language=text.language,
            summary=summary_en if english else summary,
            items=items,
        )
    service.approve_minutes(minutes, actor=None)


def _actions(event: Event, partner: Partner, actions: list[Action]) -> None:
    if event.action_items.exists():
        return
    for text, text_en, email, due, done in actions:
        owner = Person.objects.filter(partner=partner, email=email).first()
        action = service.add_action_item(
            event, actor=None, text=text, text_en=text_en, owner_person=owner, due_on=due
        )
        if done:
            service.set_action_item_status(action, actor=None, status=ActionItemStatus.DONE)


# The default wording, and Mazovia's.
REGIONAL_WORDING = {
    "pl": ("ekonomii społecznej do udziału", "ekonomii społecznej na Mazowszu do udziału"),
    "en": ("the social economy to take part", "the social economy in Mazovia to take part"),
}


def _news_templates(partner: Partner) -> None:
    """Mazovia's own wording of the closing invitation ("na Mazowszu"): templates are configuration."""
    for language, (default, regional) in REGIONAL_WORDING.items():
        if NewsDraftTemplate.objects.filter(partner=partner, language=language).exists():
            continue
        title, lead, body = news_drafts.DEFAULT_TEMPLATES[language]
        body = body.replace(default, regional)
        news_drafts.save_template(partner, actor=None, language=language, title=title, lead=lead, body=body)


def load(partner: Partner, meetings: list[Event]) -> None:
    """Minutes and action items for the held meetings, then the open ones onto any draft agenda."""
    for index, (event, (summary, summary_en, actions)) in enumerate(zip(meetings, RECORD, strict=False)):
        if event.status not in service.HELD_STATUSES:
            continue
        _write(event, summary, summary_en, third=index == 2)
        _actions(event, partner, actions)
    upcoming = Event.objects.filter(
        partner=partner,
        type__code=EventType.RSG_MEETING,
        status__in=(EventStatus.PLANNED, EventStatus.INVITATIONS_SENT),
    ).select_related("partner", "type")
    for event in upcoming:
        service.carry_over_action_items(event, actor=None)
    _news_templates(partner)
