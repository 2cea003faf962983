"""Demo data of the registry: Mazovia's stakeholders as the seed article names them, plus generated ones.

The organisations named in the seed (the Marshal's Office department, MCPS, the multi-sector social
cooperative "Centrum Usług Środowiskowych" in Drobin, the CIS in Zbijów Mały in gmina Mirów) and the
people the article names with them are real; they get no identifiers, since the demo does not claim to
know them. Every other organisation and person is generated and says so by its name ("Przykładowa",
"Wzorcowy", …); their NIP and REGON numbers are made up, with valid check digits.

Idempotent: records are found by name or e-mail and only written when something differs.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import IO, Any

from django.utils import timezone

from secon.countries.profiles import load_country_profiles
from secon.projects.models import Partner
from secon.registry.demo_countries import load_other_countries
from secon.registry.generator import random_krs, random_nip, random_regon
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    Organisation,
    OrganisationType,
    Person,
    RsgMembership,
    Theme,
)
from secon.registry.models.people import TitleForm, split_full_name
from secon.registry.records import editing, services
from secon.registry.reference_data import load_country_reference_data, load_reference_data
from secon.territory.models import TerritorialUnit

FIRST_MEETING = dt.date(2023, 4, 21)
THIRD_MEETING = dt.date(2024, 2, 23)
FOURTH_MEETING = dt.date(2024, 8, 30)
CLAUSE = "klauzula-rgi-2023-04"


def _unit(powiat_code: str, gmina_name: str = "") -> TerritorialUnit | None:
    """The gmina when the TERC file was imported, else its powiat (shipped with the platform)."""
    if gmina_name:
        gmina = (
            TerritorialUnit.objects.gminas().filter(code__startswith=powiat_code).named(gmina_name).first()
        )
        if gmina is not None:
            return gmina
    return TerritorialUnit.objects.teryt().filter(code=powiat_code).first()


# key: (name, English name, short name, type, helix, town, postal code, powiat, gmina, themes, generated)
ORGANISATIONS: dict[str, tuple[Any, ...]] = {
    "drrife": (
        "Departament Rozwoju Regionalnego i Funduszy Europejskich, "
        "Urząd Marszałkowski Województwa Mazowieckiego",
        "Department of Regional Development and European Funds, "
        "Marshal's Office of the Mazowieckie Voivodeship",
        "DRRiFE",
        "public-authority",
        "public",
        "Warszawa",
        "",
        "1465",
        "",
        ["financing", "local-development"],
        False,
    ),
    "mcps": (
        "Mazowieckie Centrum Polityki Społecznej",
        "Mazovian Centre for Social Policy",
        "MCPS",
        "rops",
        "public",
        "Warszawa",
        "",
        "1465",
        "",
        ["social-inclusion", "non-financial-support", "promotion"],
        False,
    ),
    "cus-drobin": (
        "Spółdzielnia Socjalna „Centrum Usług Środowiskowych” w Drobinie",
        "Social cooperative “Centrum Usług Środowiskowych” in Drobin (multi-sector)",
        "CUS Drobin",
        "social-cooperative",
        "civil_society",
        "Drobin",
        "",
        "1419",
        "Drobin",
        ["social-services", "social-inclusion"],
        False,
    ),
    "cis-zbijow": (
        "Centrum Integracji Społecznej w Zbijowie Małym",
        "Social Integration Centre in Zbijów Mały",
        "CIS Zbijów Mały",
        "cis",
        "civil_society",
        "Zbijów Mały",
        "",
        "1430",
        "Mirów",
        ["social-inclusion"],
        False,
    ),
    "gmina-drobin": (
        "Gmina Drobin",
        "Drobin Municipality",
        "",
        "public-authority",
        "public",
        "Drobin",
        "",
        "1419",
        "Drobin",
        ["local-development"],
        False,
    ),
    "gmina-mirow": (
        "Gmina Mirów",
        "Mirów Municipality",
        "",
        "public-authority",
        "public",
        "Mirów",
        "",
        "1430",
        "Mirów",
        ["local-development"],
        False,
    ),
    # Support centres named by the subregion they serve (as the territory demo's service areas).
    "owes-radom": (
        "Ośrodek Wsparcia Ekonomii Społecznej – subregion radomski",
        "Social economy support centre – Radom subregion",
        "OWES radomski",
        "owes",
        "civil_society",
        "Radom",
        "26-600",
        "1463",
        "",
        ["non-financial-support", "financing"],
        True,
    ),
    "owes-plock": (
        "Ośrodek Wsparcia Ekonomii Społecznej – subregion płocki",
        "Social economy support centre – Płock subregion",
        "OWES płocki",
        "owes",
        "civil_society",
        "Płock",
        "09-400",
        "1462",
        "",
        ["non-financial-support"],
        True,
    ),
    "owes-ciechanow": (
        "Ośrodek Wsparcia Ekonomii Społecznej – subregion ciechanowski",
        "Social economy support centre – Ciechanów subregion",
        "OWES ciechanowski",
        "owes",
        "civil_society",
        "Ciechanów",
        "06-400",
        "1402",
        "",
        ["non-financial-support", "promotion"],
        True,
    ),
    "demo-cooperative": (
        "Spółdzielnia Socjalna „Przykładowa Kuchnia”",
        "Social cooperative “Przykładowa Kuchnia” (demo)",
        "",
        "social-cooperative",
        "civil_society",
        "Sierpc",
        "09-200",
        "1427",
        "",
        ["social-services", "public-procurement"],
        True,
    ),
    "demo-foundation": (
        "Fundacja „Wzorcowa Przyszłość”",
        "“Wzorcowa Przyszłość” Foundation (demo)",
        "",
        "foundation",
        "civil_society",
        "Siedlce",
        "08-110",
        "1464",
        "",
        ["education", "social-inclusion"],
        True,
    ),
    "demo-association": (
        "Stowarzyszenie „Przykładowi Sąsiedzi”",
        "“Przykładowi Sąsiedzi” Association (demo)",
        "",
        "association",
        "civil_society",
        "Ostrołęka",
        "07-410",
        "1461",
        "",
        ["local-development", "environment"],
        True,
    ),
    "demo-wtz": (
        "Warsztat Terapii Zajęciowej „Wzorcowa Pracownia”",
        "Occupational therapy workshop “Wzorcowa Pracownia” (demo)",
        "",
        "wtz",
        "civil_society",
        "Żyrardów",
        "96-300",
        "1438",
        "",
        ["social-inclusion"],
        True,
    ),
    "demo-university": (
        "Przykładowa Szkoła Wyższa w Radomiu",
        "Example University in Radom (demo)",
        "",
        "research",
        "academia",
        "Radom",
        "26-600",
        "1463",
        "",
        ["education"],
        True,
    ),
    "demo-business": (
        "Wzorcowa Piekarnia sp. z o.o.",
        "Wzorcowa Bakery Ltd (demo)",
        "",
        "business",
        "business",
        "Płock",
        "09-400",
        "1462",
        "",
        ["public-procurement"],
        True,
    ),
}

# Dated statuses of generated organisations only: the demo invents no facts about real ones.
STATUSES = [
    (
        "demo-cooperative",
        "social_enterprise",
        dt.date(2023, 9, 1),
        "Reintegracja społeczna i zawodowa osób zagrożonych wykluczeniem społecznym",
    ),
    ("demo-foundation", "public_benefit", dt.date(2019, 5, 10), "Edukacja i integracja społeczna młodzieży"),
]

# (e-mail, full name, language, organisation key, position, roles, RSG since, RSG until, RSG role)
# The first four are named in the seed article with their organisations; the rest are generated.
PEOPLE: list[tuple[Any, ...]] = [
    (
        "aleksandra.szwed@mazowsze.example",
        "Aleksandra Szwed",
        "pl",
        "drrife",
        "Zastępca Dyrektora Departamentu",
        ["chair", "rsg_member"],
        FIRST_MEETING,
        None,
        "chair",
    ),
    (
        "aleksandra.pecherzewska@drobin.example",
        "Aleksandra Pęcherzewska",
        "pl",
        "cus-drobin",
        "Prezes Spółdzielni",
        ["speaker", "practice_contact", "rsg_member"],
        FIRST_MEETING,
        None,
        "member",
    ),
    (
        "anita.dygas@zbijow.example",
        "Anita Dygas",
        "pl",
        "cis-zbijow",
        "Kierownik Centrum Integracji Społecznej",
        ["speaker", "practice_contact", "rsg_member"],
        FIRST_MEETING,
        None,
        "member",
    ),
    (
        "krzysztof.pilecki@mcps.example",
        "Krzysztof Pilecki",
        "pl",
        "mcps",
        "",
        ["speaker", "rsg_member"],
        FIRST_MEETING,
        None,
        "member",
    ),
    (
        "marta.przykladowa@owes-radom.example",
        "Marta Przykładowa",
        "pl",
        "owes-radom",
        "koordynatorka OWES",
        ["rsg_member"],
        FIRST_MEETING,
        None,
        "member",
    ),
    (
        "tomasz.wzorcowy@owes-plock.example",
        "Tomasz Wzorcowy",
        "pl",
        "owes-plock",
        "doradca kluczowy",
        ["rsg_member"],
        FIRST_MEETING,
        FOURTH_MEETING,
        "member",
    ),
    (
        "ewa.testowa@owes-plock.example",
        "Ewa Testowa",
        "pl",
        "owes-plock",
        "animatorka lokalna",
        ["rsg_member"],
        dt.date(2024, 8, 31),
        None,
        "member",
    ),
    (
        "jan.demonstracyjny@owes-ciechanow.example",
        "Jan Demonstracyjny",
        "pl",
        "owes-ciechanow",
        "kierownik OWES",
        ["rsg_member"],
        THIRD_MEETING,
        None,
        "member",
    ),
    (
        "katarzyna.fikcyjna@drobin.example",
        "Katarzyna Fikcyjna",
        "pl",
        "gmina-drobin",
        "sekretarz gminy",
        ["rsg_member"],
        FIRST_MEETING,
        None,
        "member",
    ),
    (
        "piotr.probny@mirow.example",
        "Piotr Próbny",
        "pl",
        "gmina-mirow",
        "wójt",
        [],
        None,
        None,
        "",
    ),
    (
        "zofia.przykladowa@kuchnia.example",
        "Zofia Przykładowa",
        "pl",
        "demo-cooperative",
        "prezeska zarządu",
        ["practice_contact", "rsg_member"],
        THIRD_MEETING,
        None,
        "member",
    ),
    (
        "adam.wzorcowy@fundacja.example",
        "Adam Wzorcowy",
        "en",
        "demo-foundation",
        "członek zarządu",
        ["rsg_member"],
        FIRST_MEETING,
        None,
        "observer",
    ),
    (
        "beata.testowa@sasiedzi.example",
        "Beata Testowa",
        "pl",
        "demo-association",
        "prezeska",
        [],
        None,
        None,
        "",
    ),
    (
        "michal.demonstracyjny@pracownia.example",
        "Michał Demonstracyjny",
        "pl",
        "demo-wtz",
        "kierownik warsztatu",
        ["speaker"],
        None,
        None,
        "",
    ),
    (
        "agnieszka.fikcyjna@uczelnia.example",
        "Agnieszka Fikcyjna",
        "en",
        "demo-university",
        "badaczka ekonomii społecznej",
        ["speaker", "rsg_member"],
        FIRST_MEETING,
        None,
        "member",
    ),
    (
        "pawel.probny@piekarnia.example",
        "Paweł Próbny",
        "pl",
        "demo-business",
        "właściciel",
        [],
        None,
        None,
        "",
    ),
]


def _aware(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=timezone.get_current_timezone())


def _load_organisations(partner: Partner, rng: random.Random) -> dict[str, Organisation]:
    types = {t.code: t for t in OrganisationType.objects.all()}
    themes = {t.code: t for t in Theme.objects.all()}
    found: dict[str, Organisation] = {}
    for key, row in ORGANISATIONS.items():
        name, name_en, short, type_code, helix, city, postal, powiat, gmina, theme_codes, generated = row
        values: dict[str, Any] = {
            "name_en": name_en,
            "short_name": short,
            "type": types[type_code],
            "helix": helix,
            "city": city,
            "postal_code": postal,
            "territory": _unit(powiat, gmina),
        }
        chosen = [themes[code] for code in theme_codes if code in themes]
        organisation = Organisation.objects.filter(partner=partner, name=name).first()
        if organisation is None:
            numbers: dict[str, str] = {}
            if generated and type_code != "owes":
                numbers.update(nip=random_nip(rng), regon=random_regon(rng))
                if type_code in {"social-cooperative", "foundation", "association"}:
                    numbers["krs"] = random_krs(rng)
            organisation = services.create_organisation(
                partner, actor=None, themes=chosen, name=name, identifiers=numbers, **values
            )
        else:
            organisation = services.update_organisation(organisation, actor=None, themes=chosen, **values)
        found[key] = organisation
    for key, kind, granted, purpose in STATUSES:
        organisation = found[key]
        if not organisation.statuses.filter(kind__code=kind).exists():
            editing.add_status(organisation, actor=None, kind=kind, granted_on=granted, purpose=purpose)
    return found


# The form of titles each demo person uses (the platform writes "Przewodnicząca" for the chair).
FEMININE = {
    "Aleksandra Szwed",
    "Aleksandra Pęcherzewska",
    "Anita Dygas",
    "Marta Przykładowa",
    "Ewa Testowa",
    "Katarzyna Fikcyjna",
    "Zofia Przykładowa",
    "Beata Testowa",
    "Agnieszka Fikcyjna",
}


def _load_people(partner: Partner, organisations: dict[str, Organisation], rng: random.Random) -> int:
    count = 0
    for email, full_name, language, org_key, position, roles, since, until, rsg_role in PEOPLE:
        person = Person.objects.filter(partner=partner, email=email).first()
        given_names, surname = split_full_name(full_name)
        title_form = TitleForm.FEMININE if full_name in FEMININE else TitleForm.MASCULINE
        values = {
            "given_names": given_names,
            "surname": surname,
            "title_form": title_form,
            "language": language,
        }
        if person is None:
            person = services.create_person(partner, actor=None, roles=roles, email=email, **values)
            created = True
        else:
            person = services.update_person(person, actor=None, roles=roles, **values)
            created = False
        count += 1
        organisation = organisations[org_key]
        affiliation = Affiliation.objects.filter(person=person, organisation=organisation).first()
        if affiliation is None or affiliation.position != position:
            services.set_affiliation(
                person, actor=None, organisation=organisation, position=position, since=since or FIRST_MEETING
            )
        if created:
            _consents(person, rng, member=since is not None, joined=since or FIRST_MEETING)
        if since and not RsgMembership.objects.filter(person=person, organisation=organisation).exists():
            services.add_membership(
                person, actor=None, organisation=organisation, since=since, until=until, role=rsg_role
            )
    return count


def _consents(person: Person, rng: random.Random, *, member: bool, joined: dt.date) -> None:
    """RSG work rests on the public task; news and surveys on consent, which some have withdrawn."""
    if member:
        services.record_consent(
            person,
            actor=None,
            purpose="rsg_communication",
            legal_basis="public_task",
            source="staff",
            given_at=_aware(joined),
        )
    for purpose in ("newsletter", "surveys", "publication"):
        if rng.random() < 0.6:
            services.record_consent(
                person,
                actor=None,
                purpose=purpose,
                legal_basis="consent",
                source=rng.choice(["paper", "form"]),
                text_version=CLAUSE,
                given_at=_aware(joined),
            )
    if rng.random() < 0.25 and ConsentRecord.objects.filter(person=person, purpose="newsletter").exists():
        services.withdraw_consent(person, actor=None, purpose="newsletter", through="email")


def load(stdout: IO[str]) -> None:
    partner = Partner.objects.filter(slug="mazovia").order_by("pk").first()
    if partner is None:
        stdout.write("Registry: no partner 'mazovia', no registry loaded.")
        return
    # The shipped lists come from a migration; a flushed test database lacks them, so make sure.
    load_country_profiles()
    load_reference_data()
    load_country_reference_data()
    # A fixed seed: the same made-up identifiers and consents on every machine.
    rng = random.Random(2024)  # noqa: S311 - demo data, not secrets
    organisations = _load_organisations(partner, rng)
    people = _load_people(partner, organisations, rng)
    members = RsgMembership.objects.filter(partner=partner).active().count()
    stdout.write(
        f"Registry: {len(organisations)} organisations, {people} people, "
        f"{members} current RSG members of Mazovia."
    )
    # Every other partner's registry gets a few organisations of its own country.
    stdout.write("Registry of the other partners: " + ", ".join(load_other_countries()) + ".")
