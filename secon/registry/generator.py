"""A scaled, realistic registry for benchmarks and demos, and import files with a chosen share of faults.

Everything is seeded, so a run is reproducible: the same seed gives the same names, identifiers and
territory. Identifiers carry valid checksums; names come from small Polish word lists; organisations are
spread over the Mazowieckie units that exist in the database (gminas when the TERC file was imported,
otherwise the shipped powiats).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, TypeVar

from django.db import transaction
from django.utils import timezone

from secon.core.audit import record_event
from secon.countries.models import IdentifierScheme
from secon.lib.text import fold
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    ConsentSource,
    HelixCategory,
    LegalBasis,
    Organisation,
    OrganisationIdentifier,
    OrganisationType,
    Person,
    PersonRole,
    PersonRoleAssignment,
    Purpose,
    RsgMembership,
    Theme,
)
from secon.registry.models.people import TitleForm

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.projects.models import Partner
    from secon.territory.models import TerritorialUnit

BATCH = 2000
T = TypeVar("T")

# --- identifiers with valid checksums -------------------------------------------------------------

_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
_REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)


def nip_check_digit(first_nine: str) -> int | None:
    """The NIP check digit, or None when the weighted sum gives 10 (no valid NIP has those digits)."""
    digit = sum(int(d) * w for d, w in zip(first_nine, _NIP_WEIGHTS, strict=True)) % 11
    return None if digit == 10 else digit


def regon_check_digit(first_eight: str) -> int:
    return sum(int(d) * w for d, w in zip(first_eight, _REGON9_WEIGHTS, strict=True)) % 11 % 10


def random_nip(rng: random.Random) -> str:
    while True:
        # Tax-office prefixes never start with 0.
        first_nine = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        check = nip_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)


def random_regon(rng: random.Random) -> str:
    # Mazowieckie REGONs of the 1990s start with 01 or 14; the prefix only adds realism.
    first_eight = rng.choice(("01", "14")) + "".join(str(rng.randint(0, 9)) for _ in range(6))
    return first_eight + str(regon_check_digit(first_eight))


def random_krs(rng: random.Random) -> str:
    return f"{rng.randint(1, 1_150_000):010d}"


# --- word lists --------------------------------------------------------------------------------------

_ADJECTIVES = [
    "Razem", "Nowa Szansa", "Tęcza", "Promyk", "Wspólna Sprawa", "Otwarte Drzwi", "Dobry Start", "Przystań",
    "Horyzont", "Most", "Krok Dalej", "Sąsiedzi", "Pracownia", "Zielony Ogród", "Kuźnia", "Na Rozstajach",
    "Iskra", "Korzenie", "Perspektywa", "Wrzos", "Mazowiecka Pomoc", "Solidarni", "Ogniwo", "Przyszłość",
]  # fmt: skip
_KIND_PREFIX = {
    "social-cooperative": "Spółdzielnia Socjalna",
    "wtz": "Warsztat Terapii Zajęciowej",
    "zaz": "Zakład Aktywności Zawodowej",
    "cis": "Centrum Integracji Społecznej",
    "kis": "Klub Integracji Społecznej",
    "work-cooperative": "Spółdzielnia Pracy",
    "foundation": "Fundacja",
    "association": "Stowarzyszenie",
    "other-ngo": "Towarzystwo",
    "kgw": "Koło Gospodyń Wiejskich",
    "non-profit-company": "Spółka Non-Profit",
    "public-authority": "Urząd Gminy",
    "owes": "Ośrodek Wsparcia Ekonomii Społecznej",
    "research": "Instytut Badań",
    "business": "Przedsiębiorstwo",
    "media": "Gazeta",
}
# Weighted towards the kinds a social-economy registry mostly holds.
_TYPE_WEIGHTS = {
    "association": 30, "foundation": 25, "social-cooperative": 10, "other-ngo": 8, "kgw": 6, "cis": 2,
    "kis": 2, "wtz": 3, "zaz": 1, "work-cooperative": 2, "non-profit-company": 2, "public-authority": 4,
    "owes": 1, "research": 1, "business": 2, "media": 1,
}  # fmt: skip
_HELIX = {
    "public-authority": HelixCategory.PUBLIC,
    "owes": HelixCategory.CIVIL_SOCIETY,
    "research": HelixCategory.ACADEMIA,
    "business": HelixCategory.BUSINESS,
    "media": HelixCategory.BUSINESS,
}
_HAS_KRS = {
    "association",
    "foundation",
    "social-cooperative",
    "other-ngo",
    "work-cooperative",
    "non-profit-company",
}
_STREETS = ["Mickiewicza", "Kościuszki", "Słowackiego", "Polna", "Lipowa", "Ogrodowa", "Szkolna", "Kościelna",
            "Warszawska", "Rynek", "Żeromskiego", "Piłsudskiego", "Leśna", "Długa", "Kolejowa"]  # fmt: skip
# Small towns used when only powiats are known (a land powiat's name is not a town).
_TOWNS = ["Drobin", "Mirów", "Grodzisk Mazowiecki", "Mława", "Pułtusk", "Sierpc", "Garwolin", "Łosice",
          "Przasnysz", "Zwoleń", "Lipsko", "Białobrzegi", "Gostynin", "Węgrów", "Żuromin", "Maków Mazowiecki",
          "Wyszków", "Kozienice", "Szydłowiec", "Sokołów Podlaski"]  # fmt: skip

_FIRST_F = ["Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna",
            "Elżbieta", "Zofia", "Joanna", "Magdalena", "Monika", "Dorota", "Beata",
            "Aleksandra"]  # fmt: skip
_FIRST_M = ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin", "Stanisław",
            "Jakub", "Grzegorz", "Łukasz", "Adam", "Marek", "Wojciech", "Józef"]  # fmt: skip
# Surnames as (masculine, feminine).
_SURNAMES = [("Kowalski", "Kowalska"), ("Nowak", "Nowak"), ("Wiśniewski", "Wiśniewska"),
             ("Wójcik", "Wójcik"), ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska"),
             ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"),
             ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"),
             ("Mazur", "Mazur"), ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"),
             ("Grabowski", "Grabowska"), ("Pawłowski", "Pawłowska"), ("Michalski", "Michalska"),
             ("Król", "Król"), ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"),
             ("Majewski", "Majewska"), ("Olszewski", "Olszewska"), ("Stępień", "Stępień")]  # fmt: skip
_POSITIONS = ["prezes zarządu", "członek zarządu", "dyrektor", "koordynator projektu", "specjalista ds. ES",
              "kierownik", "wolontariusz", "księgowa", "animator lokalny", "wójt"]  # fmt: skip
_DOMAINS = ["example.org", "example.com", "example.net", "ngo.example.pl", "gmina.example.pl"]


def person_name(rng: random.Random) -> tuple[str, str, str]:
    """Given name, surname in the matching form ("Kowalska"/"Kowalski") and the form of titles."""
    masculine, feminine = rng.choice(_SURNAMES)
    if rng.random() < 0.55:
        return rng.choice(_FIRST_F), feminine, TitleForm.FEMININE
    return rng.choice(_FIRST_M), masculine, TitleForm.MASCULINE


def email_for(name: str, n: int, rng: random.Random) -> str:
    local = fold(name).replace(" ", ".")
    return f"{local}.{n}@{rng.choice(_DOMAINS)}"


@dataclass
class _Place:
    territory_id: int | None
    city: str
    postal_code: str


def _places(rng: random.Random) -> list[_Place]:
    """Mazowieckie places: gminas if the TERC file is loaded, otherwise powiats with towns."""
    from secon.territory.models import TerritorialUnit

    units: list[TerritorialUnit] = list(TerritorialUnit.objects.gminas().in_voivodeship("14").current())
    if not units:
        units = list(TerritorialUnit.objects.powiats().in_voivodeship("14").current())
    places = []
    for unit in units:
        city = unit.name if (unit.level == "gmina" or unit.is_city_powiat) else rng.choice(_TOWNS)
        places.append(_Place(unit.pk, city, ""))
    return places or [_Place(None, town, "") for town in _TOWNS]


def _phone(rng: random.Random, area: int | None = None) -> str:
    area = area or rng.randint(22, 89)
    return f"+48 {area} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def _postal_code(rng: random.Random) -> str:
    # Mazowieckie's postal codes start 00–09 (Warsaw and around) or 26–27 (Radom).
    return f"{rng.choice(('0' + str(rng.randint(0, 9)), '26', '27'))}-{rng.randint(0, 999):03d}"


@dataclass
class OrganisationRow:
    """One generated organisation, as plain values (used for the database and for import files)."""

    name: str
    type_code: str
    helix: str
    krs: str
    nip: str
    regon: str
    street: str
    postal_code: str
    city: str
    territory_id: int | None
    email: str
    phone: str
    website: str


class _Identifiers:
    """Draws identifiers never used before in this run (nor in the database, when told)."""

    def __init__(self, rng: random.Random, taken: set[str] | None = None) -> None:
        self.rng = rng
        self.taken = taken if taken is not None else set()

    def _fresh(self, make: object, tag: str) -> str:
        while True:
            value = make(self.rng)  # type: ignore[operator]
            if tag + value not in self.taken:
                self.taken.add(tag + value)
                return str(value)

    def nip(self) -> str:
        return self._fresh(random_nip, "n")

    def regon(self) -> str:
        return self._fresh(random_regon, "r")

    def krs(self) -> str:
        return self._fresh(random_krs, "k")


# The tag of each Polish scheme's numbers in `_Identifiers.taken`.
_TAGS = {"krs": "k", "nip": "n", "regon": "r"}


def organisation_rows(
    count: int, *, rng: random.Random, places: list[_Place] | None = None, taken: set[str] | None = None
) -> Iterator[OrganisationRow]:
    places = places if places is not None else _places(rng)
    type_codes = list(_TYPE_WEIGHTS)
    weights = list(_TYPE_WEIGHTS.values())
    ids = _Identifiers(rng, taken)
    for n in range(1, count + 1):
        type_code = rng.choices(type_codes, weights)[0]
        place = rng.choice(places)
        name = f"{_KIND_PREFIX[type_code]} „{rng.choice(_ADJECTIVES)}” {n}"
        if type_code == "public-authority":
            name = f"Urząd Gminy {place.city} {n}"
        slug = fold(name).replace(" ", "-").replace("„", "").replace("”", "")
        yield OrganisationRow(
            name=name,
            type_code=type_code,
            helix=_HELIX.get(type_code, HelixCategory.CIVIL_SOCIETY),
            krs=ids.krs() if type_code in _HAS_KRS else "",
            nip=ids.nip(),
            regon=ids.regon(),
            street=f"ul. {rng.choice(_STREETS)} {rng.randint(1, 120)}",
            postal_code=_postal_code(rng),
            city=place.city,
            territory_id=place.territory_id,
            email=f"biuro@{slug[:40].strip('-')}.example.pl" if rng.random() < 0.7 else "",
            phone=_phone(rng),
            website="",
        )


# --- the database generator ------------------------------------------------------------------------


@dataclass
class GeneratedCounts:
    organisations: int
    people: int
    affiliations: int
    consents: int
    memberships: int


def _batches(items: list[T], size: int = BATCH) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def generate_registry(
    partner: Partner,
    *,
    actor: User | None = None,
    organisations: int,
    people: int,
    seed: int = 1,
    membership_share: float = 0.02,
) -> GeneratedCounts:
    """Add `organisations` and `people` to a partner's registry in bulk, with affiliations and consents.

    Bypasses the per-record services on purpose (those write an audit row each): one audit event records
    the whole run. Identifiers already in the partner's registry are never reused.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    types = {t.code: t for t in OrganisationType.objects.all()}
    themes = list(Theme.objects.all())
    taken: set[str] = set()
    for code, value in OrganisationIdentifier.objects.filter(organisation__partner=partner).values_list(
        "scheme__code", "value"
    ):
        taken.add(_TAGS.get(code, code) + value)
    # The rows carry Polish numbers; a partner in another country gets none rather than wrong ones.
    schemes = {s.code: s for s in IdentifierScheme.objects.filter(country_id=partner.country, code__in=_TAGS)}

    org_objects = []
    rows = list(organisation_rows(organisations, rng=rng, taken=taken))
    for row in rows:
        organisation = Organisation(
            partner=partner,
            name=row.name,
            type=types[row.type_code],
            helix=row.helix,
            street=row.street,
            postal_code=row.postal_code,
            city=row.city,
            territory_id=row.territory_id,
            email=row.email,
            phone=row.phone,
        )
        organisation.refresh_search_text()
        org_objects.append(organisation)
    for batch in _batches(org_objects):
        Organisation.objects.bulk_create(batch)
    org_ids = [o.pk for o in org_objects]
    if not all(org_ids):  # a backend that does not return keys on bulk insert
        org_ids = list(
            Organisation.objects.for_partner(partner.pk)
            .order_by("-pk")
            .values_list("pk", flat=True)[: len(org_objects)]
        )
    numbers = [
        OrganisationIdentifier(organisation_id=org_id, scheme=schemes[code], value=value)
        for org_id, row in zip(org_ids, rows, strict=True)
        for code, value in (("krs", row.krs), ("nip", row.nip), ("regon", row.regon))
        if value and code in schemes
    ]
    OrganisationIdentifier.objects.bulk_create(numbers, batch_size=BATCH)
    theme_links = [
        Organisation.themes.through(organisation_id=org_id, theme_id=theme.pk)
        for org_id in org_ids
        for theme in rng.sample(themes, k=min(len(themes), rng.randint(0, 3)))
    ]
    for link_batch in _batches(theme_links):
        Organisation.themes.through.objects.bulk_create(link_batch)

    existing_emails = set(Person.objects.for_partner(partner.pk).values_list("email", flat=True))
    person_objects = []
    start = Person.objects.for_partner(partner.pk).count() + 1
    for n in range(start, start + people):
        given_names, surname, title_form = person_name(rng)
        name = f"{given_names} {surname}"
        email = email_for(name, n, rng)
        while email in existing_emails:
            email = email_for(name, rng.randint(10**6, 10**7), rng)
        existing_emails.add(email)
        person = Person(
            partner=partner,
            given_names=given_names,
            surname=surname,
            title_form=title_form,
            email=email,
            phone=f"+48 {rng.randint(500, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            language="pl" if rng.random() < 0.95 else "en",
        )
        person.refresh_search_text()
        person_objects.append(person)
    for person_batch in _batches(person_objects):
        Person.objects.bulk_create(person_batch)
    person_ids = [p.pk for p in person_objects]
    if not all(person_ids):
        person_ids = list(
            Person.objects.for_partner(partner.pk)
            .order_by("-pk")
            .values_list("pk", flat=True)[: len(person_objects)]
        )

    affiliations: list[Affiliation] = []
    consents: list[ConsentRecord] = []
    roles: list[PersonRoleAssignment] = []
    memberships: list[RsgMembership] = []
    now = timezone.now()
    for person_id in person_ids:
        organisation_id = rng.choice(org_ids) if org_ids else None
        if organisation_id is not None:
            affiliations.append(
                Affiliation(
                    person_id=person_id, organisation_id=organisation_id, position=rng.choice(_POSITIONS)
                )
            )
        # Most people are in the registry for the group's work (a public task); some also asked for news.
        if rng.random() < 0.8:
            consents.append(
                ConsentRecord(
                    person_id=person_id,
                    purpose=Purpose.RSG_COMMUNICATION,
                    legal_basis=LegalBasis.PUBLIC_TASK,
                    source=ConsentSource.STAFF,
                    given_at=now - dt.timedelta(days=rng.randint(1, 900)),
                )
            )
        if rng.random() < 0.4:
            consents.append(
                ConsentRecord(
                    person_id=person_id,
                    purpose=Purpose.NEWSLETTER,
                    legal_basis=LegalBasis.CONSENT,
                    source=ConsentSource.FORM,
                    text_version="clause-2024-01",
                    given_at=now - dt.timedelta(days=rng.randint(1, 900)),
                    withdrawn_at=now if rng.random() < 0.05 else None,
                )
            )
        if organisation_id is not None and rng.random() < membership_share:
            since = dt.date(2023, 3, 1) + dt.timedelta(days=rng.randint(0, 600))
            memberships.append(
                RsgMembership(
                    partner=partner, person_id=person_id, organisation_id=organisation_id, since=since
                )
            )
            roles.append(PersonRoleAssignment(person_id=person_id, role=PersonRole.RSG_MEMBER))
        elif rng.random() < 0.03:
            roles.append(PersonRoleAssignment(person_id=person_id, role=PersonRole.SPEAKER))
    Affiliation.objects.bulk_create(affiliations, batch_size=BATCH)
    ConsentRecord.objects.bulk_create(consents, batch_size=BATCH)
    PersonRoleAssignment.objects.bulk_create(roles, batch_size=BATCH)
    RsgMembership.objects.bulk_create(memberships, batch_size=BATCH)

    counts = GeneratedCounts(
        organisations=len(org_objects),
        people=len(person_objects),
        affiliations=len(affiliations),
        consents=len(consents),
        memberships=len(memberships),
    )
    record_event(
        "registry.registry.generated",
        actor=actor,
        partner=partner,
        changes={**counts.__dict__, "seed": seed},
    )
    return counts


# --- import files with faults --------------------------------------------------------------------------

ORGANISATION_CSV_HEADER = [
    "Nazwa", "Forma prawna", "KRS", "NIP", "REGON", "Ulica", "Kod pocztowy", "Miejscowość", "E-mail",
    "Telefon",
]  # fmt: skip


@dataclass
class ImportFileStats:
    rows: int
    bad: int
    duplicates: int


def _spoil(values: list[str], rng: random.Random) -> list[str]:
    """Make one row invalid in one of the ways real spreadsheets are."""
    spoiled = list(values)
    fault = rng.randrange(5)
    if fault == 0:  # a mistyped NIP (check digit off)
        nip = spoiled[3]
        spoiled[3] = nip[:-1] + str((int(nip[-1]) + 1) % 10)
    elif fault == 1:  # a REGON with a digit missing
        spoiled[4] = spoiled[4][:-1]
    elif fault == 2:  # no name
        spoiled[0] = ""
    elif fault == 3:  # a postal code without its dash
        spoiled[6] = spoiled[6].replace("-", "")
    else:  # an unknown legal form
        spoiled[1] = "Spółka z o.o. (chyba)"
    return spoiled


def write_organisation_import_csv(
    stream: IO[str],
    *,
    rows: int,
    bad_share: float = 0.01,
    duplicate_share: float = 0.05,
    seed: int = 1,
    delimiter: str = ";",
) -> ImportFileStats:
    """Write an organisation import file as users make them: Polish headers, `;`, legal forms by name.

    `bad_share` of the rows carry one fault each; `duplicate_share` repeat an earlier row's organisation
    (same identifiers, the name typed differently, a new phone) the way merged spreadsheets do.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    type_names = dict(OrganisationType.objects.values_list("code", "name"))
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(ORGANISATION_CSV_HEADER)
    n_bad = round(rows * bad_share)
    n_dup = round(rows * duplicate_share)
    n_unique = rows - n_dup
    bad_lines = set(rng.sample(range(rows), n_bad))
    # Duplicates go after their original, spread through the file.
    dup_positions = set(rng.sample(range(1, rows), n_dup)) if n_dup else set()
    originals: list[list[str]] = []
    source = organisation_rows(n_unique, rng=rng, places=None)
    bad = duplicates = 0
    for i in range(rows):
        if i in dup_positions and originals:
            values = list(rng.choice(originals))
            values[0] = values[0].upper() if rng.random() < 0.5 else "  " + values[0].lower()
            values[9] = _phone(rng, 22)
        else:
            row = next(source)
            values = [
                row.name, type_names[row.type_code], row.krs, row.nip, row.regon, row.street,
                row.postal_code, row.city, row.email, row.phone,
            ]  # fmt: skip
            if i not in bad_lines:
                originals.append(values)
        if i in bad_lines:
            values = _spoil(values, rng)
            bad += 1
        elif i in dup_positions and originals:
            duplicates += 1
        writer.writerow(values)
    return ImportFileStats(rows=rows, bad=bad, duplicates=duplicates)
