"""Demo events: Mazovia's five Regional Stakeholder Group meetings, the third with its agenda as the seed
article tells it (chair, two good practices with their presenters, the MCPS talk).

Facts come from the seed article and the product brief; the hours and the venue are illustrative.
Idempotent: a meeting is found by its partner, type and day; an agenda is written only when the
meeting has none, so an agenda edited by hand is kept.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any
from zoneinfo import ZoneInfo

from secon.events import invitations_demo, minutes_demo, services
from secon.events.models import AgendaItemKind, Event, EventStatus, EventType, TitleForm
from secon.events.reference_data import load_event_types
from secon.projects.models import Partner
from secon.registry.models import Organisation, Person, Purpose, Theme
from secon.registry.records import services as registry_services

WARSAW = ZoneInfo("Europe/Warsaw")
VENUE = "Urząd Marszałkowski Województwa Mazowieckiego w Warszawie"
VENUE_ADDRESS = ""
CHAIR_EMAIL = "aleksandra.szwed@mazowsze.example"
CHAIR_FUNCTION = "Zastępca Dyrektora Departamentu Rozwoju Regionalnego i Funduszy Europejskich"
CHAIR_DEPARTMENT = "Departament Rozwoju Regionalnego i Funduszy Europejskich"
# The presenters of the seed agreed on paper to be named in the project's reports and news.
CONSENT_TEXT = "klauzula-rgi-2023-04"

# (day, Polish title, English title, Polish description, English description, theme codes)
MEETINGS: list[tuple[dt.date, str, str, str, str, list[str]]] = [
    (
        dt.date(2023, 4, 21),
        "Pierwsze posiedzenie Regionalnej Grupy Interesariuszy",
        "First meeting of the Regional Stakeholder Group",
        "Cele projektu SECON; kwestionariusz do mapy instrumentów wsparcia ekonomii społecznej.",
        "The goals of the SECON project; a questionnaire for a map of social-economy support instruments.",
        ["financing", "non-financial-support"],
    ),
    (
        dt.date(2023, 6, 16),
        "Drugie posiedzenie Regionalnej Grupy Interesariuszy",
        "Second meeting of the Regional Stakeholder Group",
        "Wyniki pierwszego semestru: mapowanie polityk, wywiady eksperckie; dobre praktyki Lidera Projektu.",
        "Results of the first semester: policy mapping, expert interviews; "
        "the Lead Partner's good practices.",
        ["non-financial-support"],
    ),
    (
        dt.date(2024, 2, 23),
        "Trzecie posiedzenie Regionalnej Grupy Interesariuszy",
        "Third meeting of the Regional Stakeholder Group",
        "Ostatnie działania w projekcie i plany na trzeci semestr; dobre praktyki z Mazowsza zaakceptowane "
        "przez Lidera Projektu do prezentacji na forum europejskim; wystąpienie Mazowieckiego Centrum "
        "Polityki Społecznej.",
        "Recent project activities and plans for the third semester; good practices from Mazovia accepted by "
        "the Lead Partner for presentation at a European forum; a talk by the Mazovian Centre for Social "
        "Policy.",
        ["social-inclusion", "non-financial-support", "promotion"],
    ),
    (
        dt.date(2024, 8, 30),
        "Czwarte posiedzenie Regionalnej Grupy Interesariuszy",
        "Fourth meeting of the Regional Stakeholder Group",
        "Wyniki badania regionalnych potrzeb, postaw i perspektyw dotyczących promocji ekonomii społecznej.",
        "Results of the survey of regional needs, attitudes and prospects for promoting the social economy.",
        ["promotion"],
    ),
    (
        dt.date(2025, 1, 30),
        "Piąte posiedzenie Regionalnej Grupy Interesariuszy",
        "Fifth meeting of the Regional Stakeholder Group",
        "Proponowane zmiany w programie regionalnym, m.in. kryterium premiujące podmioty ekonomii "
        "społecznej; relacja z wizyty studyjnej w Estremadurze.",
        "Proposed changes to the regional programme, e.g. a premium selection criterion for social-economy "
        "entities; a report from the study visit in Extremadura.",
        ["financing", "local-development"],
    ),
]

# The third meeting's agenda: (time, kind, Polish title, English title, presenters), each presenter
# (e-mail, organisation key by short name, function as written, place, in a public function).
Presenter = tuple[str, str, str, str, bool]
RSG3_AGENDA: list[tuple[dt.time, str, str, str, list[Presenter]]] = [
    (
        dt.time(10, 0),
        AgendaItemKind.OPENING,
        "Otwarcie posiedzenia",
        "Opening of the meeting",
        [(CHAIR_EMAIL, "DRRiFE", CHAIR_FUNCTION, "Warszawa", True)],
    ),
    (
        dt.time(10, 10),
        AgendaItemKind.PROJECT_UPDATE,
        "Ostatnie działania w projekcie SECON i plany na trzeci semestr",
        "Recent activities of the SECON project and plans for the third semester",
        [],
    ),
    (
        dt.time(10, 40),
        AgendaItemKind.GOOD_PRACTICE,
        "Dobra praktyka: funkcjonowanie wielosektorowej spółdzielni socjalnej",
        "Good practice: how a multi-sector social cooperative works",
        [("aleksandra.pecherzewska@drobin.example", "CUS Drobin", "Prezes", "Drobin", False)],
    ),
    (
        dt.time(11, 10),
        AgendaItemKind.GOOD_PRACTICE,
        "Dobra praktyka: działania Centrum Integracji Społecznej wobec wyzwań społecznych "
        "jednej z najmniejszych gmin w Polsce",
        "Good practice: a Social Integration Centre's answer to the social challenges of one of Poland's "
        "smallest gminas",
        [
            (
                "anita.dygas@zbijow.example",
                "CIS Zbijów Mały",
                "Kierownik Centrum Integracji Społecznej",
                "Zbijów Mały, gmina Mirów",
                False,
            )
        ],
    ),
    (
        dt.time(11, 40),
        AgendaItemKind.GUEST_TALK,
        "Rozwój integracji społecznej i ekonomii społecznej w województwie mazowieckim; inicjatywy ekonomii "
        "społecznej w 2024 roku",
        "Developing social inclusion and the social economy in Mazowieckie; "
        "social-economy initiatives in 2024",
        [("krzysztof.pilecki@mcps.example", "MCPS", "", "Warszawa", True)],
    ),
    (
        dt.time(12, 20),
        AgendaItemKind.DISCUSSION,
        "Dyskusja i zakończenie",
        "Discussion and close",
        [],
    ),
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=WARSAW)


def _meeting(partner: Partner, rsg: EventType, chair: Person | None, row: tuple[Any, ...]) -> Event:
    day, title, title_en, description, description_en, theme_codes = row
    event = Event.objects.filter(partner=partner, type=rsg, starts_at__date=day).first()
    if event is not None:
        return event
    event = services.create_event(
        partner,
        actor=None,
        type=rsg,
        themes=list(Theme.objects.filter(code__in=theme_codes)),
        title=title,
        title_en=title_en,
        description=description,
        description_en=description_en,
        starts_at=_at(day, 10),
        ends_at=_at(day, 13),
        venue_name=VENUE,
        venue_address=VENUE_ADDRESS,
        chair=chair,
        chair_function=CHAIR_FUNCTION if chair else "",
        chair_department=CHAIR_DEPARTMENT if chair else "",
        chair_title_form=TitleForm.FEMININE if chair else "",
        is_public=True,
    )
    return services.change_status(event, actor=None, status=EventStatus.HELD)


def _consent_to_publication(person: Person) -> None:
    if not person.consents.in_force().filter(purpose=Purpose.PUBLICATION).exists():
        registry_services.record_consent(
            person,
            actor=None,
            purpose=Purpose.PUBLICATION,
            legal_basis="consent",
            source="paper",
            text_version=CONSENT_TEXT,
            given_at=_at(dt.date(2024, 2, 23), 9),
        )


def _agenda(event: Event, partner: Partner) -> None:
    if event.agenda_items.exists():
        return
    for time, kind, title, title_en, presenters in RSG3_AGENDA:
        item = services.add_agenda_item(
            event, actor=None, starts_at=time, kind=kind, title=title, title_en=title_en
        )
        for email, org_short, function, place, public in presenters:
            person = Person.objects.filter(partner=partner, email=email).first()
            if person is None:
                continue
            if not public:
                _consent_to_publication(person)
            services.add_presenter(
                item,
                actor=None,
                person=person,
                organisation=Organisation.objects.filter(partner=partner, short_name=org_short).first(),
                function=function,
                place=place,
                title_form=person.title_form,
                public_function=public,
            )


def load(stdout: IO[str]) -> None:
    partner = Partner.objects.filter(slug="mazovia").order_by("pk").first()
    load_event_types()  # shipped by a migration; a flushed test database lacks them
    rsg = EventType.objects.filter(code=EventType.RSG_MEETING).first()
    if partner is None or rsg is None:
        stdout.write("Events: no partner 'mazovia' or no RSG meeting type, no events loaded.")
        return
    chair = Person.objects.filter(partner=partner, email=CHAIR_EMAIL).first()
    meetings = [_meeting(partner, rsg, chair, row) for row in MEETINGS]
    third = meetings[2]
    _agenda(third, partner)
    # Approved minutes move each held meeting to "minutes approved"; the third's record is then published.
    minutes_demo.load(partner, meetings)
    third.refresh_from_db()
    if third.status == EventStatus.MINUTES_APPROVED:
        services.change_status(third, actor=None, status=EventStatus.PUBLISHED)
    stdout.write(f"Events: Mazovia's {len(meetings)} RSG meetings, the third with its agenda.")
    invitations_demo.load(partner, rsg, stdout)
