"""Planning an import of people: e-mail or name matching, affiliations, roles and consents with a basis."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from secon.countries.checks import IdentifierProblem, get_check
from secon.lib.text import fold
from secon.registry.imports.plan import (
    Plan,
    Rows,
    Target,
    apply_values,
    check_width,
    choices_by_name,
    date_cell,
    email_cell,
    split_list,
    text_cell,
)
from secon.registry.limits import field_limit, field_limits
from secon.registry.models import (
    Affiliation,
    ConsentRecord,
    ImportKind,
    LegalBasis,
    Organisation,
    OrganisationIdentifier,
    Person,
    PersonRole,
    PersonRoleAssignment,
    Purpose,
)
from secon.registry.models.people import join_names, split_full_name
from secon.registry.records.duplicates import name_key
from secon.registry.records.organisation_identifiers import schemes_of

if TYPE_CHECKING:
    from secon.projects.models import Partner

PERSON_VALUE_FIELDS = ["given_names", "surname", "email", "phone", "language", "notes"]
_LANGUAGES = {"pl": "pl", "polski": "pl", "polish": "pl", "en": "en", "angielski": "en", "english": "en"}
_LEGAL_BASIS_ALIASES = {
    "zgoda": "consent",
    "zadanie publiczne": "public_task",
    "interes publiczny": "public_task",
    "prawnie uzasadniony interes": "legitimate_interest",
    "uzasadniony interes": "legitimate_interest",
    "umowa": "contract",
    "art 6 1 a": "consent",
    "art 6 1 b": "contract",
    "art 6 1 e": "public_task",
    "art 6 1 f": "legitimate_interest",
}
_PURPOSE_ALIASES = {
    "rgi": "rsg_communication",
    "rsg": "rsg_communication",
    "grupa": "rsg_communication",
    "newsletter": "newsletter",
    "informacje": "newsletter",
    "ankiety": "surveys",
    "badania": "surveys",
    "surveys": "surveys",
    "publikacja": "publication",
}
_ROLE_ALIASES = {
    "czlonek rgi": "rsg_member",
    "czlonek": "rsg_member",
    "prelegent": "speaker",
    "mowca": "speaker",
    "przewodniczacy": "chair",
    "przewodniczaca": "chair",
    "kontakt dobrej praktyki": "practice_contact",
}


class _PersonLookups:
    def __init__(self, partner: Partner) -> None:
        self.records: dict[int, dict[str, Any]] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.names: dict[int, str] = {}
        for values in Person.objects.for_partner(partner.pk).values("pk", "full_name", *PERSON_VALUE_FIELDS):
            pk = values.pop("pk")
            self.names[pk] = values.pop("full_name")
            self.records[pk] = values
            if values["email"]:
                self.by_email[values["email"].lower()] = pk
            self.by_name[fold(self.names[pk])].append(pk)
        self.organisations: dict[str, list[int]] = defaultdict(list)
        for pk, name, short_name in Organisation.objects.for_partner(partner.pk).values_list(
            "pk", "name", "short_name"
        ):
            for key in {name_key(name).removesuffix("|"), fold(short_name)} - {""}:
                self.organisations[key].append(pk)
        # Any identifier of the partner's country names its organisation (a NIP, a NIF), as stored.
        self.schemes = schemes_of(partner.country)
        for pk, number in OrganisationIdentifier.objects.filter(
            organisation__partner_id=partner.pk
        ).values_list("organisation_id", "value"):
            self.organisations[number].append(pk)
        self.purposes = choices_by_name(Purpose.choices, _PURPOSE_ALIASES)
        self.bases = choices_by_name(LegalBasis.choices, _LEGAL_BASIS_ALIASES)
        self.roles = choices_by_name(PersonRole.choices, _ROLE_ALIASES)

    def organisation(self, text: str) -> list[int]:
        """The organisations a cell names: by a number of the country's schemes, else by name."""
        found: set[int] = set()
        for scheme in self.schemes:
            try:
                number = get_check(scheme.check_key).validate(text)
            except IdentifierProblem:
                continue
            found.update(self.organisations.get(number, []))
        if found:
            return sorted(found)
        return sorted(set(self.organisations.get(name_key(text).removesuffix("|"), [])))


def _person_values(
    cells: dict[str, str], rows: Rows, line: int, plan: Plan, lookups: _PersonLookups
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    bad_before = len(plan.bad)
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, limit in field_limits(Person, "given_names", "surname", "phone", "notes").items():
        if key in cells:
            text = text_cell(cells[key], limit, rows.header(key), line, plan)
            if text:
                values[key] = " ".join(text.split())
    if "full_name" in cells:  # one column of whole names: the last word is the surname
        whole = text_cell(
            cells["full_name"], field_limit(Person, "surname"), rows.header("full_name"), line, plan
        )
        if whole:
            values["given_names"], values["surname"] = split_full_name(whole)
            if not values["given_names"]:
                del values["given_names"]
    if "surname" not in values and len(plan.bad) == bad_before:
        column = "full_name" if "full_name" in cells else "surname"
        plan.fail(line, rows.header(column), _("The name is missing."))
    if "email" in cells:
        email = email_cell(cells["email"], rows.header("email"), line, plan)
        if email:
            values["email"] = email
    language = cells.get("language", "").strip()
    if language:
        code = _LANGUAGES.get(fold(language))
        if code is None:
            plan.fail(
                line,
                rows.header("language"),
                _("Unknown language “%(value)s” (use pl or en).") % {"value": language},
            )
        else:
            values["language"] = code
    organisation = cells.get("organisation", "").strip()
    if organisation:
        found = lookups.organisation(organisation)
        if not found:
            plan.fail(
                line,
                rows.header("organisation"),
                _("No organisation “%(value)s” in the registry; import the organisations first.")
                % {"value": organisation},
            )
        elif len(found) > 1:
            plan.fail(
                line,
                rows.header("organisation"),
                _("Several organisations match “%(value)s”; give one of its identifiers.")
                % {"value": organisation},
            )
        else:
            position = text_cell(
                cells.get("position", ""),
                field_limit(Affiliation, "position"),
                rows.header("position"),
                line,
                plan,
            )
            extra["affiliation"] = (found[0], position or "")
    roles = set()
    for role in split_list(cells.get("roles", "")):
        code = lookups.roles.get(fold(role))
        if code is None:
            plan.fail(line, rows.header("roles"), _("Unknown role “%(value)s”.") % {"value": role})
        else:
            roles.add(code)
    if roles:
        extra["roles"] = roles
    purposes = []
    for purpose in split_list(cells.get("consent_purposes", "")):
        code = lookups.purposes.get(fold(purpose))
        if code is None:
            plan.fail(
                line, rows.header("consent_purposes"), _("Unknown purpose “%(value)s”.") % {"value": purpose}
            )
        else:
            purposes.append(code)
    basis_text = cells.get("legal_basis", "").strip()
    basis = (
        lookups.bases.get(fold(basis_text).replace("(", " ").replace(")", " ").strip())
        if basis_text
        else None
    )
    if basis_text and basis is None:
        basis = lookups.bases.get(re.sub(r"[^a-z0-9]+", " ", fold(basis_text)).strip())
    if basis_text and basis is None:
        plan.fail(
            line, rows.header("legal_basis"), _("Unknown legal basis “%(value)s”.") % {"value": basis_text}
        )
    given_text = cells.get("consent_date", "").strip()
    given = date_cell(given_text) if given_text else None
    if given_text and given is None:
        plan.fail(
            line,
            rows.header("consent_date"),
            _("“%(value)s” is not a date (use 2024-06-30 or 30.06.2024).") % {"value": given_text},
        )
    elif given and given > timezone.localdate():
        plan.fail(line, rows.header("consent_date"), _("The consent date is in the future."))
    if basis and not purposes:
        plan.fail(
            line, rows.header("consent_purposes"), _("A legal basis is given but not the purpose it covers.")
        )
    # Never cut short: the version is the evidence of which text the person saw.
    text_version = text_cell(
        cells.get("consent_text_version", ""),
        field_limit(ConsentRecord, "text_version"),
        rows.header("consent_text_version"),
        line,
        plan,
    )
    if purposes and basis and text_version is not None:
        extra["consents"] = [
            {
                "purpose": p,
                "legal_basis": basis,
                "given": given,
                "text_version": text_version,
            }
            for p in dict.fromkeys(purposes)
        ]
    elif purposes:
        # Without a stated legal basis nothing may be recorded: the person is not e-mailable for it.
        plan.notes.append(
            {
                "line": line,
                "reason": str(
                    _("No legal basis given: no consent is recorded, so this person will not be e-mailed.")
                ),
            }
        )
    if len(plan.bad) > bad_before:
        return None
    return values, extra


def _name(values: dict[str, Any]) -> str:
    return join_names(values.get("given_names", ""), values["surname"])


def plan_people(
    partner: Partner, header: list[str], records: Iterable[tuple[int, list[str]]], mapping: dict[str, str]
) -> Plan:
    """Validate every row against the partner's people (read once into dictionaries); writes nothing."""
    plan = Plan(kind=ImportKind.PEOPLE)
    lookups = _PersonLookups(partner)
    rows = Rows(header, records, mapping)
    new_by_email: dict[str, Target] = {}
    new_by_name: dict[str, Target] = {}
    email_lines: dict[str, int] = {}
    for line, record, cells in rows:
        plan.rows += 1
        check_width(record, rows, line, plan)
        parsed = _person_values(cells, rows, line, plan, lookups)
        if parsed is None or line in plan.bad_lines:
            continue
        values, extra = parsed
        email = values.get("email", "")
        if email and email in email_lines:
            plan.fail(
                line,
                rows.header("email"),
                _("The e-mail %(email)s is also on line %(line)s; each person needs their own.")
                % {"email": email, "line": email_lines[email]},
            )
            continue
        target: Target | None = None
        mode = "update"
        if email and email in lookups.by_email:
            pk = lookups.by_email[email]
            target = plan.updates.get(pk) or Target(pk=pk, values=dict(lookups.records[pk]), lines=[])
        elif not email:
            key = fold(_name(values))
            same = lookups.by_name.get(key, [])
            if key in new_by_name:
                target = new_by_name[key]
            elif len(same) == 1:
                pk = same[0]
                target = plan.updates.get(pk) or Target(pk=pk, values=dict(lookups.records[pk]), lines=[])
                mode = "merge"
            elif len(same) > 1:
                plan.fail(
                    line,
                    rows.header("full_name" if "full_name" in cells else "surname"),
                    _("Several people of the registry have this name; add the e-mail to say which."),
                )
                continue
        if email:
            email_lines[email] = line
        if target is None:
            target = Target(pk=None, values={"language": "pl", **values}, lines=[line], extra={})
            plan.creates.append(target)
            if email:
                new_by_email[email] = target
            else:
                new_by_name[fold(_name(values))] = target
            for same_pk in lookups.by_name.get(fold(_name(values)), []):
                plan.candidates.append(
                    {
                        "line": line,
                        "name": _name(values),
                        "pk": same_pk,
                        "existing": lookups.names[same_pk],
                    }
                )
        else:
            if target.pk is None:
                plan.duplicates.append({"line": line, "first_line": target.lines[0], "name": _name(values)})
            elif mode == "merge":
                plan.merged += 1
            apply_values(target, values, fill_only=mode == "merge")
            target.lines.append(line)
            if target.pk is not None:
                plan.updates[target.pk] = target
        for key, value in extra.items():
            if key == "roles":
                target.extra.setdefault("roles", set()).update(value)
            elif key == "consents":
                target.extra.setdefault("consents", []).extend(value)
            else:
                target.extra[key] = value
    _drop_known_person_links(plan)
    return plan


def _drop_known_person_links(plan: Plan) -> None:
    """Roles, affiliations and consents already held need no write (this keeps re-imports idempotent)."""
    pks = list(plan.updates)
    if not pks:
        return
    roles: dict[int, set[str]] = defaultdict(set)
    for person_id, role in PersonRoleAssignment.objects.filter(person_id__in=pks).values_list(
        "person_id", "role"
    ):
        roles[person_id].add(role)
    affiliations = {
        (person_id, org_id): position
        for person_id, org_id, position in Affiliation.objects.filter(person_id__in=pks).values_list(
            "person_id", "organisation_id", "position"
        )
    }
    consents = set(
        ConsentRecord.objects.filter(person_id__in=pks)
        .in_force()
        .values_list("person_id", "purpose", "legal_basis")
    )
    for pk, target in plan.updates.items():
        if "roles" in target.extra:
            target.extra["roles"] -= roles[pk]
            if not target.extra["roles"]:
                del target.extra["roles"]
        if "affiliation" in target.extra:
            org_id, position = target.extra["affiliation"]
            if (pk, org_id) in affiliations and (not position or affiliations[(pk, org_id)] == position):
                del target.extra["affiliation"]
        if "consents" in target.extra:
            target.extra["consents"] = [
                c for c in target.extra["consents"] if (pk, c["purpose"], c["legal_basis"]) not in consents
            ]
            if not target.extra["consents"]:
                del target.extra["consents"]
