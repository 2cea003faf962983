"""Builder functions for tests: typed, with sensible defaults, no fixtures with hard-coded ids."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from secon.accounts.models import Role, User
from secon.projects.models import (
    Partner,
    PartnerRole,
    Phase,
    PhaseKind,
    Programme,
    Project,
    WorkItem,
    WorkItemStatus,
)
from secon.registry.models import Organisation, Person
from secon.registry.models.people import split_full_name

_sequence = itertools.count(1)

PASSWORD = "correct-horse-battery-staple"


def make_project(**fields: Any) -> Project:
    programme = Programme.objects.get_or_create(name="Interreg Europe")[0]
    defaults: dict[str, Any] = {
        "programme": programme,
        "code": f"01C{next(_sequence):04d}",
        "acronym": "SECON",
        "title_pl": "Regionalne Polityki Wspierania Ekonomii Społecznej",
        "title_en": "Social Economy – Regional Policies for supporting Social Economy Enterprises",
        "start": dt.date(2023, 3, 1),
        "end": dt.date(2027, 5, 31),
    }
    defaults.update(fields)
    project = Project.objects.create(**defaults)
    if "start" not in fields and "end" not in fields:
        Phase.objects.create(
            project=project, kind=PhaseKind.CORE, start=dt.date(2023, 3, 1), end=dt.date(2026, 2, 28)
        )
        Phase.objects.create(
            project=project, kind=PhaseKind.FOLLOW_UP, start=dt.date(2026, 3, 1), end=dt.date(2027, 2, 28)
        )
        Phase.objects.create(
            project=project, kind=PhaseKind.CLOSURE, start=dt.date(2027, 3, 1), end=dt.date(2027, 5, 31)
        )
    return project


def make_partner(project: Project | None = None, **fields: Any) -> Partner:
    n = next(_sequence)
    project = project or Project.objects.order_by("pk").first() or make_project()
    defaults: dict[str, Any] = {
        "project": project,
        "slug": f"partner-{n}",
        "name": f"Partner {n}",
        "name_en": f"Partner {n}",
        "country": "PL",
        "nuts2": "PL91",
        "role": PartnerRole.PARTNER,
        "language": "pl",
        "order": n,
    }
    defaults.update(fields)
    return Partner.objects.create(**defaults)


def make_user(role: str = Role.STAFF, partner: Partner | None = None, **fields: Any) -> User:
    n = next(_sequence)
    if partner is None and role not in {Role.ADMIN, Role.LEAD_COORDINATOR}:
        partner = make_partner()
    user = User.objects.create_user(
        email=fields.pop("email", f"user{n}@example.org"),
        password=fields.pop("password", PASSWORD),
        full_name=fields.pop("full_name", f"User {n}"),
        role=role,
        partner=partner,
        **fields,
    )
    return user


def make_work_item(partner: Partner, **fields: Any) -> WorkItem:
    defaults: dict[str, Any] = {
        "partner": partner,
        "semester": 3,
        "title": f"Zadanie {next(_sequence)}",
        "due_date": dt.date(2024, 8, 31),
        "status": WorkItemStatus.PLANNED,
    }
    defaults.update(fields)
    return WorkItem.objects.create(**defaults)


def make_organisation(partner: Partner, **fields: Any) -> Organisation:
    """An organisation saved through the service (identifiers checked, search text built).

    Numbers are given by their scheme's code, as for the partner's country: `nip=...`, `nif=...`.
    Without `type_code`, the first social-economy form of the country (a social cooperative in Poland).
    """
    from secon.countries.models import IdentifierScheme
    from secon.registry.models import OrganisationType
    from secon.registry.records import services

    n = next(_sequence)
    codes = set(IdentifierScheme.objects.values_list("code", flat=True))
    identifiers = {code: fields.pop(code) for code in list(fields) if code in codes}
    type_code = fields.pop("type_code", None)
    if type_code is not None:
        kind = OrganisationType.objects.get(code=type_code)
    else:
        first = OrganisationType.objects.filter(country_id=partner.country, is_social_economy=True).first()
        kind = first or OrganisationType.objects.get(code="other")
    values: dict[str, Any] = {"name": f"Organizacja {n}", "type": kind, "helix": "civil_society"}
    values.update(fields)
    return services.create_organisation(partner, actor=None, identifiers=identifiers, **values)


def make_person(partner: Partner, **fields: Any) -> Person:
    from secon.registry.records import services

    n = next(_sequence)
    values: dict[str, Any] = {"given_names": "Osoba", "surname": str(n), "email": f"osoba{n}@example.org"}
    if "full_name" in fields:  # "Anna Nowak" for short: split as an import splits a single name column
        values["given_names"], values["surname"] = split_full_name(fields.pop("full_name"))
    values.update(fields)
    return services.create_person(partner, actor=None, **values)
