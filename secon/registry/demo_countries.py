# ruff: noqa: E501 - a table of demo rows
"""Demo organisations of every partner outside Poland: a few of its own country, in its own terms.

Each has one of the country's legal forms, a name in the country's language that says it is an example
("Ejemplo", "Beispiel", "Παράδειγμα", …) and numbers of the country's schemes that pass their checks
but are made up (countries/examples.py). Mazovia's registry is demo.py's. Idempotent: organisations
are found by partner and name; a status is added once.
"""

from __future__ import annotations

import datetime as dt
import random

from secon.countries.examples import example_number
from secon.projects.models import Partner
from secon.registry.models import Organisation, OrganisationType, StatusType
from secon.registry.records import editing, services
from secon.registry.records.organisation_identifiers import schemes_of
from secon.territory.partners import units_for_partner

# country → [(name, English name, legal form, helix, town, status or "")]
ORGANISATIONS: dict[str, list[tuple[str, str, str, str, str, str]]] = {
    "ES": [
        ("Cooperativa Ejemplo del Jerte", "Example Cooperative of the Jerte Valley", "es-cooperativa",
         "civil_society", "Plasencia", ""),
        ("Empresa de Inserción Ejemplo", "Example Work-Integration Enterprise", "es-empresa-insercion",
         "civil_society", "Mérida", "es-registro-insercion"),
        ("Centro Especial de Empleo Ejemplo", "Example Special Employment Centre", "es-centro-especial-empleo",
         "civil_society", "Cáceres", "es-calificacion-cee"),
    ],
    "GR": [
        ("Κοιν.Σ.Επ. Παράδειγμα", "Example Social Cooperative Enterprise", "gr-koinsep-entaxis",
         "civil_society", "Τρίπολη", "gr-mitroo-kaloi"),
        ("Κοι.Σ.Π.Ε. Δείγμα", "Example Limited-Liability Social Cooperative", "gr-koispe", "civil_society",
         "Καλαμάτα", ""),
        ("ΑΜΚΕ Υπόδειγμα", "Example Civil Non-Profit Company", "gr-amke", "civil_society", "Ναύπλιο", ""),
    ],
    "DE": [
        ("Beispiel-Genossenschaft eG", "Example Cooperative", "de-eg", "civil_society", "Mannheim", ""),
        ("Muster Inklusionsbetrieb gGmbH", "Example Inclusion Enterprise", "de-inklusionsbetrieb",
         "civil_society", "Heidelberg", "de-gemeinnuetzigkeit"),
        ("Beispielverein e.V.", "Example Association", "de-ev", "civil_society", "Ludwigshafen am Rhein", ""),
    ],
    "BE": [
        ("Voorbeeld cv", "Example Cooperative Company", "be-cv-sociale-onderneming", "civil_society", "Leuven",
         "be-erkenning-so"),
        ("Maatwerkbedrijf Voorbeeld", "Example Custom-Work Company", "be-maatwerkbedrijf", "civil_society",
         "Vilvoorde", "be-erkenning-maatwerk"),
        ("Voorbeeld vzw", "Example Non-Profit Association", "be-vzw", "civil_society", "Tienen", ""),
    ],
    "RO": [
        ("Societatea Cooperativă Exemplu", "Example Cooperative Society", "ro-societate-cooperativa",
         "civil_society", "Miercurea Ciuc", "ro-atestat-is"),
        ("Asociația Exemplu", "Example Association", "ro-asociatie", "civil_society", "Odorheiu Secuiesc",
         "ro-marca-insertie"),
        ("Casa de Ajutor Reciproc Exemplu", "Example Mutual Aid House", "ro-car-salariati", "civil_society",
         "Gheorgheni", ""),
    ],
    "PT": [
        ("Cooperativa Exemplo, CRL", "Example Cooperative", "pt-cooperativa", "civil_society",
         "Oliveira de Azeméis", ""),
        ("Instituição Exemplo (IPSS)", "Example Social Solidarity Institution", "pt-ipss", "civil_society",
         "Oliveira de Azeméis", "pt-registo-ipss"),
        ("Associação Exemplo", "Example Association", "pt-associacao-altruistica", "civil_society",
         "São João da Madeira", ""),
    ],
    "LV": [
        ("SIA Piemērs", "Example Ltd (social enterprise)", "lv-sia-socialais-uznemums", "civil_society", "Rīga",
         "lv-socialais-uznemums"),
        ("Biedrība Paraugs", "Example Association", "lv-biedriba", "civil_society", "Jūrmala", ""),
        ("Nodibinājums Piemērs", "Example Foundation", "lv-nodibinajums", "civil_society", "Ogre", ""),
    ],
    "BG": [
        ("Кооперация Пример", "Example Cooperative", "bg-kooperatsiya", "civil_society", "Хасково",
         "bg-klas-a"),
        ("Сдружение Образец", "Example Association", "bg-yulnc", "civil_society", "Хасково", "bg-klas-a-plus"),
        ("Специализирано предприятие Пример", "Example Specialised Enterprise", "bg-spetsializirano-predpriyatie",
         "civil_society", "Димитровград", ""),
    ],
}  # fmt: skip

STATUS_GRANTED = dt.date(2023, 9, 1)


def load_partner(partner: Partner, rng: random.Random) -> int:
    """The demo organisations of `partner`'s country; returns how many it has."""
    rows = ORGANISATIONS.get(partner.country, [])
    types = {t.code: t for t in OrganisationType.objects.for_country(partner.country)}
    statuses = {s.code: s for s in StatusType.objects.for_country(partner.country)}
    schemes = schemes_of(partner.country)
    for name, name_en, type_code, helix, city, status_code in rows:
        organisation = Organisation.objects.filter(partner=partner, name=name).first()
        values = {"name_en": name_en, "type": types[type_code], "helix": helix, "city": city}
        # Placed in the town's municipality where the partner's local units are loaded (Extremadura's
        # demo has a few; the others come from their LAU file).
        values["territory"] = units_for_partner(partner).named(city).first()
        if organisation is None:
            numbers = {scheme.code: example_number(scheme.check_key, rng) for scheme in schemes}
            organisation = services.create_organisation(
                partner, actor=None, name=name, identifiers=numbers, **values
            )
        else:
            organisation = services.update_organisation(organisation, actor=None, **values)
        if status_code and not organisation.statuses.filter(kind__code=status_code).exists():
            editing.add_status(
                organisation, actor=None, kind=statuses[status_code], granted_on=STATUS_GRANTED
            )
    return len(rows)


def load_other_countries() -> list[str]:
    """Every partner outside Poland gets its country's demo organisations; lines for the demo's report."""
    rng = random.Random(2025)  # noqa: S311 - demo data, not secrets
    lines = []
    for partner in Partner.objects.exclude(country="PL").order_by("order", "pk"):
        count = load_partner(partner, rng)
        lines.append(f"{partner.slug} ({partner.country}): {count}")
    return lines
