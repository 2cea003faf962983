"""Reference lists shipped with the platform: organisation types (the Polish social-economy entities of the
Act of 5 August 2022 on the social economy, plus the other kinds of stakeholder) and themes; the other
countries' legal forms and statuses are in legal_forms.py.

They are data, loaded by a migration and editable in the admin; `load_reference_data` is idempotent.
"""

from __future__ import annotations

from typing import Any

# (code, Polish name, English name, social-economy entity)
ORGANISATION_TYPES: list[tuple[str, str, str, bool]] = [
    ("social-cooperative", "Spółdzielnia socjalna", "Social cooperative", True),
    ("wtz", "Warsztat terapii zajęciowej (WTZ)", "Occupational therapy workshop (WTZ)", True),
    ("zaz", "Zakład aktywności zawodowej (ZAZ)", "Vocational activity establishment (ZAZ)", True),
    ("cis", "Centrum integracji społecznej (CIS)", "Social integration centre (CIS)", True),
    ("kis", "Klub integracji społecznej (KIS)", "Social integration club (KIS)", True),
    ("work-cooperative", "Spółdzielnia pracy", "Work cooperative", True),
    ("cooperative-disabled", "Spółdzielnia inwalidów", "Cooperative of the disabled", True),
    ("cooperative-blind", "Spółdzielnia niewidomych", "Cooperative of the blind", True),
    (
        "agricultural-cooperative",
        "Rolnicza spółdzielnia produkcyjna",
        "Agricultural production cooperative",
        True,
    ),
    ("foundation", "Fundacja", "Foundation", True),
    ("association", "Stowarzyszenie", "Association", True),
    ("other-ngo", "Inna organizacja pozarządowa", "Other non-governmental organisation", True),
    ("kgw", "Koło gospodyń wiejskich", "Rural housewives' circle", True),
    ("church-legal-person", "Kościelna osoba prawna", "Church legal person", True),
    (
        "local-government-association",
        "Stowarzyszenie jednostek samorządu terytorialnego",
        "Association of local governments",
        True,
    ),
    ("non-profit-company", "Spółka non-profit", "Non-profit company", True),
    ("public-authority", "Organ administracji publicznej", "Public authority", False),
    ("owes", "Ośrodek wsparcia ekonomii społecznej (OWES)", "Social economy support centre (OWES)", False),
    ("rops", "Regionalny ośrodek polityki społecznej (ROPS)", "Regional social policy centre (ROPS)", False),
    ("research", "Uczelnia lub instytut badawczy", "University or research institute", False),
    ("business", "Przedsiębiorstwo", "Business", False),
    ("media", "Media", "Media", False),
    ("other", "Inna", "Other", False),
]

THEMES: list[tuple[str, str, str]] = [
    ("social-inclusion", "Integracja społeczna i zawodowa", "Social and professional inclusion"),
    (
        "public-procurement",
        "Zamówienia publiczne i klauzule społeczne",
        "Public procurement and social clauses",
    ),
    ("financing", "Finansowanie i instrumenty zwrotne", "Financing and repayable instruments"),
    ("non-financial-support", "Wsparcie niefinansowe i doradztwo", "Non-financial support and advice"),
    ("promotion", "Promocja i informacja", "Promotion and information"),
    ("local-development", "Rozwój lokalny", "Local development"),
    ("social-services", "Usługi społeczne", "Social services"),
    ("education", "Edukacja i badania", "Education and research"),
    ("environment", "Środowisko i gospodarka obiegu zamkniętego", "Environment and circular economy"),
]


def load_reference_data(apps: Any = None) -> None:
    """Create or update the shipped lists; works in migrations (pass `apps`) and at run time."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    organisation_type = apps.get_model("registry", "OrganisationType")
    theme = apps.get_model("registry", "Theme")
    for order, (code, name, name_en, social) in enumerate(ORGANISATION_TYPES):
        organisation_type.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "is_social_economy": social, "order": order},
        )
    for code, name, name_en in THEMES:
        theme.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


def load_country_reference_data(apps: Any = None) -> None:
    """Place the shipped legal forms and statuses in their countries (legal_forms.py); idempotent.

    Poland's forms keep their codes and names and gain a country and a source; the kinds found in
    every country (a business, a university) stay without one. Needs the countries loaded first.
    """
    from secon.registry.legal_forms import LEGAL_FORMS, POLISH_FORMS, STATUS_TYPES

    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    organisation_type = apps.get_model("registry", "OrganisationType")
    status_type = apps.get_model("registry", "StatusType")
    for code, source in POLISH_FORMS.items():
        organisation_type.objects.filter(code=code).update(country_id="PL", source=source)
    first = len(ORGANISATION_TYPES)
    for order, (country, code, name, name_en, social, source) in enumerate(LEGAL_FORMS, start=first):
        organisation_type.objects.update_or_create(
            code=code,
            defaults={
                "country_id": country,
                "name": name,
                "name_en": name_en,
                "is_social_economy": social,
                "source": source,
                "order": order,
            },
        )
    for order, (country, code, name, name_en, source) in enumerate(STATUS_TYPES):
        status_type.objects.update_or_create(
            code=code,
            defaults={
                "country_id": country,
                "name": name,
                "name_en": name_en,
                "source": source,
                "order": order,
            },
        )
