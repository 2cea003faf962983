"""Demo data of the project calendar: SECON's real dates and partners, Mazovia's instrument and work plan,
and one demo user per role."""

from __future__ import annotations

import datetime as dt
from typing import IO

from secon.accounts.models import Role, User
from secon.projects.models import (
    Partner,
    PartnerRole,
    Phase,
    PhaseKind,
    PolicyInstrument,
    Programme,
    Project,
    WorkItem,
    WorkItemKind,
    WorkItemStatus,
)

DEMO_PASSWORD = "secon-demo-2026"  # noqa: S105 - printed by `make run`; demo installations only

D = dt.date

# (slug, own-language name, English name, Polish short name, English short name, country, NUTS-2, region,
#  role, language, website)
PARTNERS = [
    (
        "peloponnese",
        "Περιφέρεια Πελοποννήσου",
        "Region of Peloponnese",
        "Peloponez",
        "Peloponnese",
        "GR",
        "EL65",
        "Peloponnisos",
        PartnerRole.LEAD,
        "el",
        "https://www.ppel.gov.gr",
    ),
    (
        "rhein-neckar",
        "Verband Region Rhein-Neckar",
        "Verband Region Rhein-Neckar",
        "Ren-Neckar",
        "Rhein-Neckar",
        "DE",
        "DE12",
        "Karlsruhe",
        PartnerRole.PARTNER,
        "de",
        "https://www.m-r-n.com",
    ),
    (
        "flemish-brabant",
        "Provincie Vlaams-Brabant",
        "Province of Flemish Brabant",
        "Brabancja Flamandzka",
        "Flemish Brabant",
        "BE",
        "BE24",
        "Prov. Vlaams-Brabant",
        PartnerRole.PARTNER,
        "nl",
        "https://www.vlaamsbrabant.be",
    ),
    (
        "harghita",
        "Consiliul Județean Harghita",
        "Harghita County Council",
        "Harghita",
        "Harghita",
        "RO",
        "RO12",
        "Centru",
        PartnerRole.PARTNER,
        "ro",
        "https://judetulharghita.ro",
    ),
    (
        "mazovia",
        "Województwo Mazowieckie – Urząd Marszałkowski Województwa Mazowieckiego w Warszawie, "
        "Departament Rozwoju Regionalnego i Funduszy Europejskich",
        "Mazowieckie Voivodeship – Marshal's Office, Department of Regional Development and European Funds",
        "Mazowsze",
        "Mazovia",
        "PL",
        "PL91",
        "Mazowieckie (PL91, PL92)",
        PartnerRole.PARTNER,
        "pl",
        "https://mazovia.pl",
    ),
    (
        "oliveira-de-azemeis",
        "Município de Oliveira de Azeméis",
        "Oliveira de Azeméis Municipality",
        "Oliveira de Azeméis",
        "Oliveira de Azeméis",
        "PT",
        "PT11",
        "Norte",
        PartnerRole.PARTNER,
        "pt",
        "https://www.cm-oaz.pt",
    ),
    (
        "riga",
        "Rīgas plānošanas reģions",
        "Riga Planning Region",
        "Ryga",
        "Riga",
        "LV",
        "LV00",
        "Latvija",
        PartnerRole.PARTNER,
        "lv",
        "https://www.rpr.gov.lv",
    ),
    (
        "extremadura",
        "Junta de Extremadura",
        "Junta de Extremadura",
        "Estremadura",
        "Extremadura",
        "ES",
        "ES43",
        "Extremadura",
        PartnerRole.PARTNER,
        "es",
        "https://www.juntaex.es",
    ),
    (
        "haskovo",
        "Община Хасково",
        "Haskovo Municipality",
        "Chaskowo",
        "Haskovo",
        "BG",
        "BG42",
        "Yuzhen tsentralen",
        PartnerRole.PARTNER,
        "bg",
        "https://www.haskovo.bg",
    ),
    (
        "kmop",
        "ΚΜΟΠ – Κέντρο Κοινωνικής Δράσης και Καινοτομίας",
        "KMOP – Social Action and Innovation Centre",
        "KMOP",
        "KMOP",
        "GR",
        "EL30",
        "Attiki",
        PartnerRole.PARTNER,
        "el",
        "https://www.kmop.gr",
    ),
]

# (e-mail, full name, role, partner slug or None)
USERS = [
    ("admin@secon.example", "Administrator Platformy", Role.ADMIN, None),
    ("lead@peloponnese.example", "Eleni Papadopoulou", Role.LEAD_COORDINATOR, "peloponnese"),
    ("koordynator@mazowsze.example", "Joanna Kowalska", Role.COORDINATOR, "mazovia"),
    ("pracownik@mazowsze.example", "Piotr Nowak", Role.STAFF, "mazovia"),
    ("staff@extremadura.example", "Lucía Fernández", Role.STAFF, "extremadura"),
    ("interesariusz@mazowsze.example", "Anna Wiśniewska", Role.STAKEHOLDER, "mazovia"),
]


def load(stdout: IO[str]) -> None:
    programme, _ = Programme.objects.update_or_create(
        name="Interreg Europe",
        defaults={"name_en": "Interreg Europe", "website": "https://www.interregeurope.eu"},
    )
    project, _ = Project.objects.update_or_create(
        code="01C0224",
        defaults={
            "programme": programme,
            "acronym": "SECON",
            "title_pl": "Regionalne Polityki Wspierania Ekonomii Społecznej",
            "title_en": "Social Economy – Regional Policies for supporting Social Economy Enterprises",
            "summary_pl": (
                "Dziesięć europejskich regionów wspólnie doskonali polityki wspierania przedsiębiorstw "
                "ekonomii społecznej: wymienia się dobrymi praktykami, prowadzi badania i pracuje z "
                "Regionalnymi Grupami Interesariuszy nad zmianami w programach regionalnych."
            ),
            "summary_en": (
                "Ten European regions improve their policies for supporting social economy enterprises "
                "together: they exchange good practices, run studies and work with their Regional "
                "Stakeholder Groups on changes to regional programmes."
            ),
            "start": D(2023, 3, 1),
            "end": D(2027, 5, 31),
            "semester_months": 6,
            "report_due_months": 3,
            "website": "https://www.interregeurope.eu/secon",
        },
    )
    for kind, start, end in [
        (PhaseKind.CORE, D(2023, 3, 1), D(2026, 2, 28)),
        (PhaseKind.FOLLOW_UP, D(2026, 3, 1), D(2027, 2, 28)),
        (PhaseKind.CLOSURE, D(2027, 3, 1), D(2027, 5, 31)),
    ]:
        Phase.objects.update_or_create(project=project, kind=kind, defaults={"start": start, "end": end})

    partners: dict[str, Partner] = {}
    for order, (
        slug,
        name,
        name_en,
        short_pl,
        short_en,
        country,
        nuts2,
        region,
        role,
        language,
        website,
    ) in enumerate(PARTNERS):
        partners[slug], _ = Partner.objects.update_or_create(
            project=project,
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "short_name_pl": short_pl,
                "short_name_en": short_en,
                "country": country,
                "nuts2": nuts2,
                "region_name": region,
                "role": role,
                "language": language,
                "order": order,
                "website": website,
            },
        )
    mazovia = partners["mazovia"]
    mazovia.description_pl = (
        "Samorząd Województwa Mazowieckiego uczestniczy w projekcie SECON przez Departament Rozwoju "
        "Regionalnego i Funduszy Europejskich. Wraz z Regionalną Grupą Interesariuszy pracuje nad "
        "lepszym wsparciem ekonomii społecznej w programie Fundusze Europejskie dla Mazowsza 2021–2027."
    )
    mazovia.description_en = (
        "The Mazowieckie Voivodeship takes part in SECON through its Department of Regional Development and "
        "European Funds. With its Regional Stakeholder Group it works on better support for the social "
        "economy in the programme European Funds for Mazovia 2021–2027."
    )
    mazovia.save()
    if project.lead_partner_id != partners["peloponnese"].pk:
        project.lead_partner = partners["peloponnese"]
        project.save(update_fields=["lead_partner"])

    PolicyInstrument.objects.update_or_create(
        partner=mazovia,
        name="Fundusze Europejskie dla Mazowsza 2021–2027",
        defaults={
            "name_en": "European Funds for Mazovia 2021–2027",
            "managing_authority": "Zarząd Województwa Mazowieckiego",
            "url": "https://funduszeuedlamazowsza.eu",
        },
    )

    users = {}
    for email, full_name, user_role, partner_slug in USERS:
        user, created = User.objects.update_or_create(
            email=email,
            defaults={
                "full_name": full_name,
                "role": user_role,
                "partner": partners[partner_slug] if partner_slug else None,
                "is_staff": user_role == Role.ADMIN,
                "is_superuser": user_role == Role.ADMIN,
                "is_active": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[email] = user

    coordinator = users["koordynator@mazowsze.example"]
    staff = users["pracownik@mazowsze.example"]
    # (semester, kind, title PL, title EN, owner, due, status)
    work_plan = [
        (
            3,
            WorkItemKind.ACTIVITY,
            "Badanie regionalnych potrzeb, postaw i perspektyw promocji ekonomii społecznej",
            "Study of regional needs, attitudes and perspectives on promoting the social economy",
            coordinator,
            D(2024, 8, 30),
            WorkItemStatus.DONE,
        ),
        (
            3,
            WorkItemKind.ACTIVITY,
            "Seminarium: sprzyjające otoczenie i niefinansowe wsparcie ekonomii społecznej",
            "Seminar: an enabling environment and non-financial support for the social economy",
            staff,
            D(2024, 6, 28),
            WorkItemStatus.DONE,
        ),
        (
            3,
            WorkItemKind.ACTIVITY,
            "4. posiedzenie Regionalnej Grupy Interesariuszy",
            "4th Regional Stakeholder Group meeting",
            staff,
            D(2024, 8, 30),
            WorkItemStatus.DONE,
        ),
        (
            3,
            WorkItemKind.DELIVERABLE,
            "Raport z postępów za semestr 3",
            "Semester 3 progress report",
            coordinator,
            D(2024, 11, 30),
            WorkItemStatus.DONE,
        ),
        (
            7,
            WorkItemKind.ACTIVITY,
            "Spotkanie monitorujące z Instytucją Zarządzającą FEM 2021–2027",
            "Monitoring meeting with the managing authority of FEM 2021–2027",
            coordinator,
            D(2026, 6, 30),
            WorkItemStatus.DONE,
        ),
        (
            7,
            WorkItemKind.DELIVERABLE,
            "Raport z postępów za semestr 7",
            "Semester 7 progress report",
            coordinator,
            D(2026, 11, 30),
            WorkItemStatus.IN_PROGRESS,
        ),
        (
            8,
            WorkItemKind.ACTIVITY,
            "Monitorowanie kryterium premiującego podmioty ekonomii społecznej w FEM 2021–2027",
            "Monitoring the premium selection criterion for social-economy entities in FEM 2021–2027",
            coordinator,
            D(2027, 2, 15),
            WorkItemStatus.IN_PROGRESS,
        ),
        (
            8,
            WorkItemKind.ACTIVITY,
            "Aktualizacja listy kontaktów Regionalnej Grupy Interesariuszy",
            "Update of the Regional Stakeholder Group contact list",
            staff,
            D(2026, 11, 20),
            WorkItemStatus.PLANNED,
        ),
        (
            8,
            WorkItemKind.ACTIVITY,
            "Posiedzenie Regionalnej Grupy Interesariuszy w fazie monitorowania",
            "Regional Stakeholder Group meeting in the follow-up phase",
            staff,
            D(2027, 2, 19),
            WorkItemStatus.PLANNED,
        ),
    ]
    for semester, item_kind, title, title_en, owner, due, status in work_plan:
        WorkItem.objects.update_or_create(
            partner=mazovia,
            title=title,
            defaults={
                "semester": semester,
                "kind": item_kind,
                "title_en": title_en,
                "owner": owner,
                "due_date": due,
                "status": status,
                # The seed names these as the semester's key tasks; they are public.
                "is_public": semester in (3, 8) and item_kind == WorkItemKind.ACTIVITY,
            },
        )
    stdout.write(
        f"Project {project.acronym}: {len(partners)} partners, {len(work_plan)} work-plan items, "
        f"{len(users)} demo users."
    )
