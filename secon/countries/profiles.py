"""The country profiles shipped with the platform: the partners' countries and their identifiers.

Rows, loaded by a migration and editable in the admin afterwards; `load_country_profiles` is
idempotent. The check of each identifier is a key of `checks.CHECKS` (code); the rest is data.
"""

from __future__ import annotations

from typing import Any

# (ISO code, Polish name, English name, national name, language, NUTS code)
COUNTRIES: list[tuple[str, str, str, str, str, str]] = [
    ("PL", "Polska", "Poland", "Polska", "pl", "PL"),
    ("GR", "Grecja", "Greece", "Ελλάδα", "el", "EL"),
    ("DE", "Niemcy", "Germany", "Deutschland", "de", "DE"),
    ("BE", "Belgia", "Belgium", "België", "nl", "BE"),
    ("RO", "Rumunia", "Romania", "România", "ro", "RO"),
    ("PT", "Portugalia", "Portugal", "Portugal", "pt", "PT"),
    ("LV", "Łotwa", "Latvia", "Latvija", "lv", "LV"),
    ("ES", "Hiszpania", "Spain", "España", "es", "ES"),
    ("BG", "Bułgaria", "Bulgaria", "България", "bg", "BG"),
]

# (country, code, national label, English label, check key), in the order forms show them.
IDENTIFIER_SCHEMES: list[tuple[str, str, str, str, str]] = [
    ("PL", "krs", "KRS", "KRS – National Court Register number", "pl.krs"),
    ("PL", "nip", "NIP", "NIP – tax identification number", "pl.nip"),
    ("PL", "regon", "REGON", "REGON – statistical number", "pl.regon"),
    ("GR", "afm", "ΑΦΜ", "AFM – tax registration number", "gr.vat"),
    ("DE", "handelsregister", "Registernummer", "Register number (court, register and number)",
     "de.handelsregisternummer"),
    ("DE", "ust_idnr", "USt-IdNr.", "VAT identification number (USt-IdNr.)", "de.vat"),
    ("BE", "ondernemingsnummer", "Ondernemingsnummer", "Enterprise number (KBO/BCE)", "be.vat"),
    ("RO", "cui", "CUI", "CUI – fiscal identification code", "ro.cui"),
    ("RO", "onrc", "Nr. ONRC", "Trade register number (ONRC)", "ro.onrc"),
    ("PT", "nipc", "NIPC", "NIPC – legal person identification number", "pt.nif"),
    ("LV", "regnr", "Reģistrācijas numurs", "Registration number", "lv.pvn"),
    ("ES", "nif", "NIF", "NIF – tax identification number", "es.nif"),
    ("BG", "eik", "ЕИК/БУЛСТАТ", "EIK/BULSTAT – unified identification code", "bg.eik"),
]  # fmt: skip


def load_country_profiles(apps: Any = None) -> None:
    """Create or update the shipped countries and identifier schemes (migrations pass `apps`)."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    country_model = apps.get_model("countries", "Country")
    scheme_model = apps.get_model("countries", "IdentifierScheme")
    for order, (code, name, name_en, national, language, nuts) in enumerate(COUNTRIES):
        country_model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "name_national": national,
                "language": language,
                "nuts_code": nuts,
                "order": order,
            },
        )
    for order, (country, code, label, label_en, check) in enumerate(IDENTIFIER_SCHEMES):
        scheme_model.objects.update_or_create(
            code=code,
            defaults={
                "country_id": country,
                "label": label,
                "label_en": label_en,
                "check_key": check,
                "order": order,
            },
        )
