"""Demo good practices: Mazovia's two practices of the 3rd RSG meeting (Drobin, Zbijów Mały) in Polish and
English, accepted by the Lead Partner and presented at that meeting, and a few of other partners along
the review path. Safe to load repeatedly: a practice whose English title exists is left as it is.

The texts follow the seed (the news item of the 3rd meeting); dates and details beyond it are
illustrative demo content, not facts about the organisations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import IO

from secon.accounts.models import Role, User
from secon.events.models import Event
from secon.practices import emails, services
from secon.practices.models import GoodPractice, PracticeVersion, State
from secon.practices.services import VersionTexts
from secon.projects.models import Partner
from secon.registry.models import Organisation, Person, Theme

# The steps from a draft to each state, and who takes them ("owner": the partner's coordinator).
PATHS: dict[State, list[tuple[str, str]]] = {
    State.DRAFT: [],
    State.SUBMITTED: [("submit", "owner")],
    State.RETURNED: [("submit", "owner"), ("return", "lead")],
    State.REJECTED: [("submit", "owner"), ("reject", "lead")],
    State.ACCEPTED: [("submit", "owner"), ("accept", "lead")],
    State.VALIDATED: [
        ("submit", "owner"),
        ("accept", "lead"),
        ("submit_to_programme", "owner"),
        ("approve", "lead"),
        ("validate", "lead"),
    ],
    State.SELECTED: [
        ("submit", "owner"),
        ("accept", "lead"),
        ("submit_to_programme", "owner"),
        ("approve", "lead"),
        ("validate", "lead"),
        ("select", "lead"),
    ],
}
COMMENTS = {
    "return": "Please add figures to the evidence of success (jobs, people supported, years).",
    "reject": "A private initiative with no evidence yet that it inspired public policy.",
}


@dataclass
class DemoPractice:
    partner: str
    language: str
    state: State
    start: dt.date
    own: dict[str, str]
    english: dict[str, str]
    institution: str = ""  # short name of the registry organisation; else the partner's first one
    contact_email: str = ""
    themes: list[str] = field(default_factory=list)
    presented_at_rsg3: bool = False


DROBIN_PL = {
    "title": "Wielosektorowa spółdzielnia socjalna „Centrum Usług Środowiskowych” w Drobinie",
    "summary": (
        "Spółdzielnia socjalna założona przez gminę i partnerów społecznych łączy kilka branż usług"
        " środowiskowych, dzięki czemu daje stałe zatrudnienie osobom zagrożonym wykluczeniem i świadczy"
        " usługi potrzebne mieszkańcom małej gminy."
    ),
    "description": (
        "Spółdzielnia „Centrum Usług Środowiskowych” w Drobinie działa w kilku sektorach jednocześnie:"
        " usługi opiekuńcze i porządkowe, utrzymanie zieleni, drobne prace remontowe i obsługa"
        " wydarzeń lokalnych. Różne branże wyrównują sezonowość zleceń, więc członkowie i pracownicy"
        " mają pracę przez cały rok.\n\n"
        "Zatrudnia przede wszystkim osoby długotrwale bezrobotne i z niepełnosprawnościami, które"
        " przechodzą ścieżkę reintegracji: szkolenie stanowiskowe, wsparcie opiekuna i stopniowe"
        " przejmowanie odpowiedzialności. Samorząd gminy zleca spółdzielni zadania publiczne, stosując"
        " klauzule społeczne, a spółdzielnia współpracuje z ośrodkiem wsparcia ekonomii społecznej.\n\n"
        "Praktyka jest dobra, bo łączy cel społeczny z trwałym modelem biznesowym opartym na"
        " zróżnicowanych przychodach i na partnerstwie z samorządem."
    ),
    "resources": (
        "Kapitał założycielski i wkład gminy, dotacje na utworzenie miejsc pracy ze środków"
        " publicznych, wsparcie doradcze OWES; zespół zarządzający i opiekunowie pracowników."
    ),
    "evidence": (
        "Stałe zatrudnienie osób wcześniej bezrobotnych, zlecenia gminy i klientów prywatnych w kilku"
        " branżach, usamodzielnienie części pracowników na otwartym rynku pracy; praktyka przyjęta przez"
        " Partnera Wiodącego na forum europejskie."
    ),
    "difficulties": (
        "Sezonowość usług, ograniczony rynek małej gminy i zależność od zamówień publicznych; wymaga"
        " to dywersyfikacji branż i stałego budowania relacji z klientami."
    ),
    "transfer_potential": (
        "Model wielosektorowy nadaje się dla małych gmin wiejskich w innych regionach: pozwala"
        " utrzymać miejsca pracy mimo małego rynku. Warunkiem jest zaangażowanie samorządu (klauzule"
        " społeczne), wsparcie ośrodka ekonomii społecznej i lider z doświadczeniem w zarządzaniu."
    ),
    "further_information": (
        "Prezentacja na 3. posiedzeniu Regionalnej Grupy Interesariuszy, 23 lutego 2024 r."
    ),
}
DROBIN_EN = {
    "title": "Multi-sector social cooperative “Centrum Usług Środowiskowych” in Drobin",
    "summary": (
        "A social cooperative set up by the municipality and social partners combines several lines of"
        " community services, giving stable jobs to people at risk of exclusion and the services that"
        " residents of a small municipality need."
    ),
    "description": (
        "The “Centrum Usług Środowiskowych” cooperative in Drobin works in several sectors at once: care"
        " and cleaning services, green-space maintenance, small repairs and support for local events."
        " The different lines even out the seasonality of orders, so members and staff work all year.\n\n"
        "It mainly employs long-term unemployed people and people with disabilities, who follow a"
        " reintegration path: on-the-job training, a mentor's support and gradually more"
        " responsibility. The municipality contracts public tasks to the cooperative using social"
        " clauses, and the cooperative works with a social economy support centre.\n\n"
        "It is a good practice because it joins a social aim with a lasting business model based on"
        " diverse income and a partnership with local government."
    ),
    "resources": (
        "Founding capital and the municipality's contribution, public grants for creating jobs,"
        " advice from the social economy support centre; a management team and mentors."
    ),
    "evidence": (
        "Stable jobs for formerly unemployed people, orders from the municipality and private clients"
        " in several sectors, some workers moving on to the open labour market; accepted by the Lead"
        " Partner for a European forum."
    ),
    "difficulties": (
        "Seasonal services, the small market of a small municipality and dependence on public"
        " contracts; the answer is diversifying and constantly building relations with clients."
    ),
    "transfer_potential": (
        "The multi-sector model suits small rural municipalities in other regions: it keeps jobs"
        " despite a small market. It needs the local government's commitment (social clauses), a social"
        " economy support centre and a leader with management experience."
    ),
    "further_information": ("Presented at the 3rd Regional Stakeholder Group meeting, 23 February 2024."),
}
ZBIJOW_PL = {
    "title": "Centrum Integracji Społecznej w Zbijowie Małym – odpowiedź małej gminy na wyzwania społeczne",
    "summary": (
        "Centrum Integracji Społecznej w jednej z najmniejszych gmin w Polsce (Mirów) prowadzi"
        " reintegrację społeczną i zawodową osób zagrożonych wykluczeniem, łącząc warsztaty, pracę"
        " na rzecz społeczności i indywidualne wsparcie."
    ),
    "description": (
        "Centrum Integracji Społecznej w Zbijowie Małym (gmina Mirów) odpowiada na ogromne wyzwania"
        " społeczne małej gminy wiejskiej: długotrwałe bezrobocie, ubóstwo, brak usług i odpływ"
        " mieszkańców. Uczestnicy przez kilka miesięcy biorą udział w zajęciach reintegracji zawodowej"
        " (warsztaty praktyczne) i społecznej (wsparcie psychologa, doradcy zawodowego, pracownika"
        " socjalnego), otrzymując świadczenie integracyjne.\n\n"
        "Prace wykonywane w warsztatach służą społeczności: utrzymanie terenów publicznych, pomoc"
        " osobom starszym, przygotowanie wydarzeń. Centrum współpracuje z ośrodkiem pomocy społecznej,"
        " urzędem pracy i pracodawcami, którzy przyjmują absolwentów.\n\n"
        "To dobra praktyka, bo pokazuje, że instrument ustawowy (CIS) działa także tam, gdzie zasoby"
        " gminy są najmniejsze, i że wspiera jednocześnie ludzi i lokalne usługi."
    ),
    "resources": (
        "Środki gminy i dotacje na reintegrację, zespół instruktorów i specjalistów, pomieszczenia"
        " warsztatowe; współpraca z ośrodkiem pomocy społecznej i urzędem pracy."
    ),
    "evidence": (
        "Absolwenci podejmujący pracę lub dalszą naukę, usługi dla mieszkańców wykonywane w"
        " warsztatach; praktyka przyjęta przez Partnera Wiodącego na forum europejskie."
    ),
    "difficulties": (
        "Mała liczba mieszkańców i pracodawców, dojazdy uczestników, niepewność finansowania z roku na rok."
    ),
    "transfer_potential": (
        "Przydatna dla bardzo małych gmin wiejskich: pokazuje, jak prowadzić reintegrację przy"
        " niewielkich zasobach, w partnerstwie instytucji pomocy społecznej, rynku pracy i pracodawców."
    ),
    "further_information": (
        "Prezentacja na 3. posiedzeniu Regionalnej Grupy Interesariuszy, 23 lutego 2024 r."
    ),
}
ZBIJOW_EN = {
    "title": "Social Integration Centre in Zbijów Mały – a small municipality's answer to social challenges",
    "summary": (
        "A Social Integration Centre in one of Poland's smallest municipalities (Mirów) runs social and"
        " vocational reintegration for people at risk of exclusion, combining workshops, work for the"
        " community and individual support."
    ),
    "description": (
        "The Social Integration Centre in Zbijów Mały (Mirów municipality) answers the great social"
        " challenges of a small rural municipality: long-term unemployment, poverty, missing services"
        " and people moving away. For several months participants take part in vocational"
        " reintegration (practical workshops) and social reintegration (a psychologist, a career"
        " adviser, a social worker), receiving an integration allowance.\n\n"
        "The work done in the workshops serves the community: upkeep of public spaces, help for older"
        " people, preparing events. The Centre works with the social welfare centre, the labour office"
        " and employers who take on its graduates.\n\n"
        "It is a good practice because it shows that a statutory instrument (CIS) works where a"
        " municipality's resources are smallest, supporting people and local services at once."
    ),
    "resources": (
        "Municipal funds and reintegration grants, a team of instructors and specialists, workshop"
        " premises; cooperation with the social welfare centre and the labour office."
    ),
    "evidence": (
        "Graduates taking up jobs or further education, services for residents done in the workshops;"
        " accepted by the Lead Partner for a European forum."
    ),
    "difficulties": (
        "Few residents and employers, participants' travel, funding uncertain from year to year."
    ),
    "transfer_potential": (
        "Useful for very small rural municipalities: it shows how to run reintegration with few"
        " resources, in a partnership of social welfare, the labour market and employers."
    ),
    "further_information": ("Presented at the 3rd Regional Stakeholder Group meeting, 23 February 2024."),
}


def _short(title: str, summary: str, evidence: str) -> dict[str, str]:
    """A complete but brief version of another partner's practice (every required field filled)."""
    return {
        "title": title,
        "summary": summary,
        "description": summary,
        "resources": "Regional and municipal funds; a small team.",
        "evidence": evidence,
        "difficulties": "Stable funding over the years.",
        "transfer_potential": "Regions with similar social economy support structures can adapt it.",
        "further_information": "",
    }


PRACTICES: list[DemoPractice] = [
    DemoPractice(
        "mazovia",
        "pl",
        State.ACCEPTED,
        dt.date(2016, 1, 1),
        DROBIN_PL,
        DROBIN_EN,
        institution="CUS Drobin",
        contact_email="aleksandra.pecherzewska@drobin.example",
        themes=["social-services", "social-inclusion"],
        presented_at_rsg3=True,
    ),
    DemoPractice(
        "mazovia",
        "pl",
        State.ACCEPTED,
        dt.date(2015, 1, 1),
        ZBIJOW_PL,
        ZBIJOW_EN,
        institution="CIS Zbijów Mały",
        contact_email="anita.dygas@zbijow.example",
        themes=["social-inclusion"],
        presented_at_rsg3=True,
    ),
    DemoPractice(
        "extremadura",
        "es",
        State.VALIDATED,
        dt.date(2012, 1, 1),
        _short(
            "Centros especiales de empleo en zonas rurales",
            "Empleo protegido para personas con discapacidad en municipios rurales de Extremadura.",
            "Empleo estable para personas con discapacidad en municipios pequeños.",
        ),
        _short(
            "Special employment centres in rural areas",
            "Sheltered employment for people with disabilities in rural municipalities of Extremadura.",
            "Stable jobs for people with disabilities in small municipalities.",
        ),
    ),
    DemoPractice(
        "flemish-brabant",
        "nl",
        State.RETURNED,
        dt.date(2020, 9, 1),
        _short(
            "Sociale clausules in provinciale aanbestedingen",
            "De provincie reserveert opdrachten voor sociale-economiebedrijven.",
            "Meer opdrachten voor maatwerkbedrijven.",
        ),
        _short(
            "Social clauses in provincial procurement",
            "The province reserves contracts for social economy enterprises.",
            "More contracts for social workshops.",
        ),
    ),
    DemoPractice(
        "harghita",
        "ro",
        State.SUBMITTED,
        dt.date(2019, 5, 1),
        _short(
            "Incubator pentru întreprinderi sociale",
            "Consultanță și spațiu de lucru pentru întreprinderi sociale noi din județ.",
            "Întreprinderi sociale noi atestate.",
        ),
        _short(
            "Social enterprise incubator",
            "Advice and workspace for new social enterprises in the county.",
            "New certified social enterprises.",
        ),
    ),
    DemoPractice(
        "riga",
        "lv",
        State.DRAFT,
        dt.date(2023, 1, 1),
        _short(
            "Sociālo uzņēmumu tīkls",
            "Reģiona sociālo uzņēmumu sadarbības tīkls.",
            "Kopīgi pasākumi un pasūtījumi.",
        ),
        {},
    ),
]


def _user(role: str, partner: Partner | None = None) -> User | None:
    users = User.objects.filter(role=role, is_active=True)
    if partner is not None:
        users = users.filter(partner=partner)
    return users.order_by("pk").first()


def _exists(partner: Partner, title: str) -> bool:
    return PracticeVersion.objects.filter(practice__partner=partner, title=title).exists()


def _load_one(row: DemoPractice, rsg3: Event | None, admin: User, lead: User) -> GoodPractice | None:
    partner = Partner.objects.filter(slug=row.partner).first()
    title = (row.english or row.own)["title"]
    if partner is None or _exists(partner, title):
        return None
    organisations = Organisation.objects.filter(partner=partner)
    institution = (
        organisations.filter(short_name=row.institution).first() if row.institution else None
    ) or organisations.order_by("pk").first()
    owner = _user(Role.COORDINATOR, partner) or admin
    writer = _user(Role.STAFF, partner) or owner
    contact = (
        Person.objects.filter(partner=partner, email=row.contact_email).first() if row.contact_email else None
    )
    versions = {row.language: VersionTexts(row.own)}
    if row.english:
        versions["en"] = VersionTexts(row.english)
    practice = services.create_practice(
        partner,
        actor=writer,
        language=row.language,
        values={
            "start_date": row.start,
            "main_institution": institution,
            "entity_type": institution.type if institution else None,
            "nuts_region": institution.nuts_region if institution else None,
            "territory": institution.territory if institution else None,
            "contact_person": contact,
            "show_contact": contact is not None,
            "themes": list(Theme.objects.filter(code__in=row.themes)),
            "presented_at": [rsg3] if row.presented_at_rsg3 and rsg3 is not None else [],
        },
        versions=versions,
    )
    actors = {"owner": owner, "lead": lead}
    for step, who in PATHS[row.state]:
        practice = services.STEP_SERVICES[step](practice, actor=actors[who], comment=COMMENTS.get(step, ""))
    return practice


def load(stdout: IO[str]) -> None:
    admin = _user(Role.ADMIN)
    lead = _user(Role.LEAD_COORDINATOR) or admin
    if admin is None or lead is None:
        stdout.write("Practices: no administrator in the demo, no practices loaded.")
        return
    mazovia = Partner.objects.filter(slug="mazovia").first()
    rsg3 = (
        Event.objects.filter(partner=mazovia, starts_at__date=dt.date(2024, 2, 23)).first()
        if mazovia
        else None
    )
    with emails.muted():
        loaded = [practice for row in PRACTICES if (practice := _load_one(row, rsg3, admin, lead))]
    stdout.write(
        f"Practices: {len(loaded)} loaded (Mazovia's two of the 3rd RSG meeting accepted by the Lead Partner,"
        f" {GoodPractice.objects.count()} in all)."
    )
