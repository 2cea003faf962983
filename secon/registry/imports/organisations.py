"""Planning an import of organisations: how each row meets the registry (identifier, name and town)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from secon.countries.identifiers import clean_identifier
from secon.countries.models import IdentifierScheme
from secon.countries.postal import clean_postal_code
from secon.lib.text import fold
from secon.registry.imports.plan import (
    Plan,
    Rows,
    Target,
    apply_values,
    check_width,
    choices_by_name,
    email_cell,
    split_list,
    text_cell,
    url_validator,
)
from secon.registry.limits import field_limit, field_limits
from secon.registry.models import (
    HelixCategory,
    ImportKind,
    Organisation,
    OrganisationIdentifier,
    OrganisationType,
    Theme,
)
from secon.registry.records.duplicates import name_key
from secon.registry.records.organisation_identifiers import schemes_of

if TYPE_CHECKING:
    from secon.projects.models import Partner

_HELIX_BY_TYPE = {
    "public-authority": HelixCategory.PUBLIC,
    "research": HelixCategory.ACADEMIA,
    "business": HelixCategory.BUSINESS,
    "media": HelixCategory.BUSINESS,
}
ORG_VALUE_FIELDS = [
    "name",
    "name_en",
    "short_name",
    "type_id",
    "helix",
    "street",
    "postal_code",
    "city",
    "territory_id",
    "website",
    "email",
    "phone",
    "notes",
]


class _OrganisationLookups:
    """The partner's registry as dictionaries, built with a few queries."""

    def __init__(self, partner: Partner) -> None:
        self.types: dict[str, int] = {}
        self.type_codes: dict[int, str] = {}
        # The partner's country's legal forms and identifiers: a Spanish file names Spanish forms.
        self.country = partner.country
        self.schemes = schemes_of(partner.country)
        # Read once: a number refused here is tried against them to say which country it belongs to.
        self.other_schemes = list(
            IdentifierScheme.objects.exclude(country_id=partner.country).select_related("country")
        )
        for type_ in OrganisationType.objects.for_country(partner.country):
            for name in (type_.code, type_.name, type_.name_en):
                self.types[fold(name)] = type_.pk
            self.type_codes[type_.pk] = type_.code
        self.helix = choices_by_name(
            HelixCategory.choices,
            {
                "publiczny": "public",
                "biznes": "business",
                "nauka": "academia",
                "spoleczenstwo obywatelskie": "civil_society",
            },
        )
        self.themes: dict[str, int] = {}
        for theme in Theme.objects.all():
            for name in (theme.code, theme.name, theme.name_en):
                self.themes[fold(name)] = theme.pk
        from secon.territory.partners import units_for_partner

        # The partner's own units only: Mazovia's powiats and gminas, another partner's local units
        # (codes and names repeat across countries).
        self.territory_codes: dict[str, int] = {}
        self.territory_names: dict[str, list[int]] = defaultdict(list)
        for pk, code, search_name, level in units_for_partner(partner).values_list(
            "pk", "code", "search_name", "level"
        ):
            self.territory_codes[code] = pk
            if level != "voivodeship":
                self.territory_names[search_name].append(pk)
        self.records: dict[int, dict[str, Any]] = {}
        self.by_identifier: dict[tuple[str, str], int] = {}
        self.identifiers: dict[int, dict[str, str]] = defaultdict(dict)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for values in Organisation.objects.for_partner(partner.pk).values("pk", *ORG_VALUE_FIELDS):
            pk = values.pop("pk")
            self.records[pk] = values
            self.by_name[name_key(values["name"], values["city"])].append(pk)
        for pk, code, value in OrganisationIdentifier.objects.filter(
            organisation__partner_id=partner.pk
        ).values_list("organisation_id", "scheme__code", "value"):
            self.by_identifier[(code, value)] = pk
            self.identifiers[pk][code] = value


def _organisation_values(
    cells: dict[str, str], rows: Rows, line: int, plan: Plan, lookups: _OrganisationLookups
) -> tuple[dict[str, Any], list[int], dict[str, str]] | None:
    """The row's non-empty values as model field values, or None (and bad-row entries) when invalid."""
    bad_before = len(plan.bad)
    values: dict[str, Any] = {}
    limits = field_limits(Organisation, "name", "name_en", "short_name", "street", "city", "phone", "notes")
    for key, limit in limits.items():
        if key in cells:
            text = text_cell(cells[key], limit, rows.header(key), line, plan)
            if text:
                values[key] = text
    if "name" not in values and not any(b.line == line and b.column == rows.header("name") for b in plan.bad):
        plan.fail(line, rows.header("name"), _("The name is missing."))
    identifiers: dict[str, str] = {}
    for scheme in lookups.schemes:
        raw = cells.get(scheme.code, "").strip()
        if raw:
            try:
                identifiers[scheme.code] = clean_identifier(scheme, raw, others=lookups.other_schemes)
            except ValidationError as error:
                plan.fail(line, rows.header(scheme.code), error.messages[0])
    postal = cells.get("postal_code", "").strip()
    if postal:
        try:
            values["postal_code"] = clean_postal_code(lookups.country, postal)
        except ValidationError as error:
            plan.fail(line, rows.header("postal_code"), error.messages[0])
    type_name = cells.get("type", "").strip()
    if type_name:
        type_id = lookups.types.get(fold(type_name))
        if type_id is None:
            plan.fail(
                line, rows.header("type"), _("Unknown legal form or type “%(value)s”.") % {"value": type_name}
            )
        else:
            values["type_id"] = type_id
    helix = cells.get("helix", "").strip()
    if helix:
        code = lookups.helix.get(fold(helix))
        if code is None:
            plan.fail(line, rows.header("helix"), _("Unknown helix category “%(value)s”.") % {"value": helix})
        else:
            values["helix"] = code
    territory = cells.get("territory", "").strip()
    if territory:
        compact = territory.replace(" ", "")
        unit = lookups.territory_codes.get(compact)  # some countries' LAU codes have letters
        if unit is None and not compact.isdigit():
            found = lookups.territory_names.get(
                fold(territory.removeprefix("powiat ").removeprefix("gmina ")), []
            )
            if len(found) > 1:
                plan.fail(
                    line,
                    rows.header("territory"),
                    _("Several units are called “%(value)s”; give its code.") % {"value": territory},
                )
                found = []
            unit = found[0] if found else None
        if unit is None and not any(
            b.line == line and b.column == rows.header("territory") for b in plan.bad
        ):
            plan.fail(
                line,
                rows.header("territory"),
                _("No unit “%(value)s” is known in the partner's region.") % {"value": territory},
            )
        elif unit is not None:
            values["territory_id"] = unit
    website = cells.get("website", "").strip()
    if website:
        if "://" not in website:
            website = "https://" + website
        try:
            url_validator(website)
        except ValidationError:
            plan.fail(
                line, rows.header("website"), _("“%(value)s” is not a web address.") % {"value": website}
            )
        else:
            # Never cut short: a shortened address leads somewhere else.
            limit = field_limit(Organisation, "website")
            checked = text_cell(website, limit, rows.header("website"), line, plan)
            if checked:
                values["website"] = checked
    if "email" in cells:
        email = email_cell(cells["email"], rows.header("email"), line, plan)
        if email:
            values["email"] = email
    themes: list[int] = []
    for theme_name in split_list(cells.get("themes", "")):
        theme_id = lookups.themes.get(fold(theme_name))
        if theme_id is None:
            plan.fail(line, rows.header("themes"), _("Unknown theme “%(value)s”.") % {"value": theme_name})
        else:
            themes.append(theme_id)
    if len(plan.bad) > bad_before:
        return None
    return values, themes, identifiers


def plan_organisations(
    partner: Partner, header: list[str], records: Iterable[tuple[int, list[str]]], mapping: dict[str, str]
) -> Plan:
    """Validate every row against the partner's registry (read once into dictionaries); writes nothing."""
    plan = Plan(kind=ImportKind.ORGANISATIONS)
    lookups = _OrganisationLookups(partner)
    rows = Rows(header, records, mapping)
    default_type = lookups.types.get("other")
    existing: dict[int, Target] = plan.updates
    # In-file: identifiers and name keys of records this file creates, pointing at their Target.
    new_by_identifier: dict[tuple[str, str], Target] = {}
    new_by_name: dict[str, Target] = {}
    for line, record, cells in rows:
        plan.rows += 1
        check_width(record, rows, line, plan)
        parsed = _organisation_values(cells, rows, line, plan, lookups)
        if parsed is None or line in plan.bad_lines:
            continue
        values, themes, numbers = parsed
        identifiers = list(numbers.items())
        key_of_name = name_key(values["name"], values.get("city", ""))

        matched_pks = {lookups.by_identifier[i] for i in identifiers if i in lookups.by_identifier}
        matched_new = {
            id(new_by_identifier[i]): new_by_identifier[i] for i in identifiers if i in new_by_identifier
        }
        if len(matched_pks) + len(matched_new) > 1:
            plan.fail(
                line,
                "/".join(rows.header(code) for code in numbers),
                _("The identifiers point at different organisations."),
            )
            continue
        target: Target | None = None
        mode = "update"
        if matched_pks:
            pk = matched_pks.pop()
            target = existing.get(pk) or Target(pk=pk, values=dict(lookups.records[pk]), lines=[])
        elif matched_new:
            target = next(iter(matched_new.values()))
        elif not identifiers:
            same_name = lookups.by_name.get(key_of_name, [])
            if key_of_name in new_by_name:
                target = new_by_name[key_of_name]
            elif len(same_name) == 1:
                pk = same_name[0]
                target = existing.get(pk) or Target(pk=pk, values=dict(lookups.records[pk]), lines=[])
                mode = "merge"
            elif len(same_name) > 1:
                plan.fail(
                    line,
                    rows.header("name"),
                    _(
                        "Several organisations of the registry have this name and town; "
                        "add an identifier to say which."
                    ),
                )
                continue
        if target is not None and not _consistent(target, identifiers, line, plan, lookups):
            continue

        if target is None:
            values.setdefault("type_id", default_type)
            if values["type_id"] is None:
                plan.fail(line, rows.header("type"), _("The legal form is missing."))
                continue
            values.setdefault(
                "helix",
                _HELIX_BY_TYPE.get(lookups.type_codes[values["type_id"]], HelixCategory.CIVIL_SOCIETY),
            )
            target = Target(
                pk=None,
                values=values,
                lines=[line],
                extra={"themes": set(themes), "identifiers": dict(numbers)},
            )
            plan.creates.append(target)
            for same in lookups.by_name.get(key_of_name, []):
                plan.candidates.append(
                    {
                        "line": line,
                        "name": values["name"],
                        "pk": same,
                        "existing": lookups.records[same]["name"],
                    }
                )
        else:
            if target.pk is None:
                plan.duplicates.append({"line": line, "first_line": target.lines[0], "name": values["name"]})
            elif mode == "merge":
                plan.merged += 1
            apply_values(target, values, fill_only=mode == "merge")
            if themes:
                new_themes = set(themes) - target.extra.get("themes_existing", set())
                target.extra.setdefault("themes", set()).update(new_themes)
            target.lines.append(line)
            known = lookups.identifiers.get(target.pk, {}) if target.pk is not None else {}
            new_numbers = {code: value for code, value in numbers.items() if code not in known}
            if new_numbers:
                target.extra.setdefault("identifiers", {}).update(new_numbers)
            if target.pk is not None:
                existing[target.pk] = target
        for identifier in identifiers:
            if target.pk is None:
                new_by_identifier[identifier] = target
        if target.pk is None:
            new_by_name.setdefault(name_key(target.values["name"], target.values.get("city", "")), target)
    _drop_existing_themes(plan)
    return plan


def _consistent(
    target: Target, identifiers: list[tuple[str, str]], line: int, plan: Plan, lookups: _OrganisationLookups
) -> bool:
    known = {**(lookups.identifiers.get(target.pk, {}) if target.pk is not None else {})}
    known.update(target.extra.get("identifiers", {}))
    labels = {scheme.code: scheme.short_label for scheme in lookups.schemes}
    for key, value in identifiers:
        current = known.get(key)
        if current and current != value:
            where = (
                _("the registry has %(field)s %(value)s for this organisation")
                if target.pk is not None
                else _("line %(line)s gives %(field)s %(value)s for this organisation")
            ) % {"field": labels[key], "value": current, "line": target.lines[0] if target.lines else ""}
            plan.fail(
                line,
                labels[key],
                _("This row says %(value)s, but %(where)s.") % {"value": value, "where": where},
            )
            return False
    return True


def _drop_existing_themes(plan: Plan) -> None:
    """Themes already linked need no write; only links that are new count as a change."""
    with_themes = [pk for pk, target in plan.updates.items() if target.extra.get("themes")]
    if not with_themes:
        return
    linked: dict[int, set[int]] = defaultdict(set)
    through = Organisation.themes.through
    for org_id, theme_id in through.objects.filter(organisation_id__in=with_themes).values_list(
        "organisation_id", "theme_id"
    ):
        linked[org_id].add(theme_id)
    for pk in with_themes:
        target = plan.updates[pk]
        target.extra["themes"] = target.extra["themes"] - linked[pk]
        if not target.extra["themes"]:
            del target.extra["themes"]
