"""Every write to territorial data: the shipped reference data, TERC and LAU imports, OWES service areas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.core.audit import diff_fields, record_event, snapshot
from secon.territory import data
from secon.territory.lau import ParsedLau
from secon.territory.models import TERYT_COUNTRY, NutsRegion, ServiceArea, TerritorialUnit, UnitLevel
from secon.territory.names import normalise_name
from secon.territory.teryt import ParsedTerc, TercRow

if TYPE_CHECKING:
    from secon.accounts.models import User
    from secon.projects.models import Partner

BATCH = 500

# --- Reference data ---------------------------------------------------------------------------------


def load_reference_data(nuts_model: Any = None, unit_model: Any = None) -> dict[str, int]:
    """Create or refresh the shipped NUTS regions, voivodeship 14 and its 42 powiats. Idempotent.

    Called by a data migration with that migration's historical models (which have no custom
    methods, hence the explicit `search_name`), and by the demo and tests with the real ones.
    Not audited: it runs inside migrations, before any user exists. Names of units that a TERC
    import has already dated are left as imported; the NUTS-3 of each shipped powiat is always set.
    """
    nuts_model = nuts_model or NutsRegion
    unit_model = unit_model or TerritorialUnit
    regions: dict[str, Any] = {}
    for row in data.NUTS_REGIONS:
        level = len(row.code) - 2
        regions[row.code], _created = nuts_model.objects.update_or_create(
            code=row.code,
            defaults={
                "level": level,
                "name": row.name,
                "name_latin": row.name_latin,
                "parent": regions[row.code[:-1]] if level > 0 else None,
            },
        )

    # Migration 0002 runs this with the model as it was before units had a country (all Polish then).
    polish = {"country": TERYT_COUNTRY} if _has_field(unit_model, "country") else {}

    def ensure(code: str, values: dict[str, Any], *, nuts3: Any = None) -> Any:
        unit = unit_model.objects.filter(code=code, **polish).first()
        if unit is None:
            unit = unit_model(code=code, stan_na=None, is_current=True, **polish, **values)
        elif unit.stan_na is None:
            for key, value in values.items():
                setattr(unit, key, value)
        unit.search_name = normalise_name(unit.name)
        if nuts3 is not None:
            unit.nuts3 = nuts3
        unit.save()
        return unit

    voivodeship = ensure(
        data.VOIVODESHIP_CODE,
        {
            "woj": data.VOIVODESHIP_CODE,
            "level": UnitLevel.VOIVODESHIP,
            "name": data.VOIVODESHIP_NAME,
            "kind_name": data.VOIVODESHIP_KIND,
            "parent": None,
        },
    )
    for powiat in data.POWIATS:
        if powiat.pow == "65":
            kind_name = data.CAPITAL_KIND
        elif data.is_city_powiat(powiat.pow):
            kind_name = data.CITY_POWIAT_KIND
        else:
            kind_name = data.LAND_POWIAT_KIND
        ensure(
            data.VOIVODESHIP_CODE + powiat.pow,
            {
                "woj": data.VOIVODESHIP_CODE,
                "pow": powiat.pow,
                "level": UnitLevel.POWIAT,
                "name": powiat.name,
                "kind_name": kind_name,
                "parent": voivodeship,
            },
            nuts3=regions[powiat.nuts3],
        )
    return {"nuts_regions": len(regions), "powiats": len(data.POWIATS)}


def _has_field(model: Any, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


# --- TERC import ------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    skipped_older: int = 0
    rejected: int = 0
    stan_na: str = ""
    dry_run: bool = False


UNIT_FIELDS = ["woj", "pow", "gmi", "rodz", "level", "name", "kind_name", "search_name", "stan_na"]
TRACKED_FIELDS = [*UNIT_FIELDS, "parent_id", "nuts3_id", "is_current", "retired_on"]


def _row_values(row: TercRow) -> dict[str, Any]:
    return {
        "woj": row.woj,
        "pow": row.pow,
        "gmi": row.gmi,
        "rodz": row.rodz,
        "level": row.level,
        "name": row.name,
        "kind_name": row.kind_name,
        "search_name": normalise_name(row.name),
        "stan_na": row.stan_na,
    }


@transaction.atomic
def import_terc(
    parsed: ParsedTerc, *, actor: User | None, source: str = "", dry_run: bool = False
) -> ImportResult:
    """Upsert the valid rows of a checked TERC file; retire units a newer file no longer lists.

    The caller decides whether rejected rows stop the import (they do, unless --valid-only).
    A row older than the unit in the database does not overwrite it. Units are never deleted.
    """
    result = ImportResult(rejected=len(parsed.rejected_lines), dry_run=dry_run)
    file_date = parsed.stan_na
    result.stan_na = file_date.isoformat() if file_date else ""
    units: dict[str, TerritorialUnit] = {
        u.code: u for u in TerritorialUnit.objects.teryt().select_for_update()
    }
    nuts3 = {region.code: region for region in NutsRegion.objects.nuts3()}

    for depth in sorted({row.depth for row in parsed.rows}):
        to_create: list[TerritorialUnit] = []
        to_update: list[TerritorialUnit] = []
        for row in (r for r in parsed.rows if r.depth == depth):
            values = _row_values(row)
            parent = units.get(row.parent_code) if row.parent_code else None
            unit = units.get(row.code)
            if unit is None:
                unit = TerritorialUnit(code=row.code, parent=parent, is_current=True, **values)
                if row.level == UnitLevel.POWIAT and row.code in data.POWIAT_NUTS3:
                    unit.nuts3 = nuts3.get(data.POWIAT_NUTS3[row.code])
                to_create.append(unit)
                units[row.code] = unit
                continue
            if unit.stan_na is not None and row.stan_na < unit.stan_na:
                result.skipped_older += 1
                continue
            before = snapshot(unit, TRACKED_FIELDS)
            for key, value in values.items():
                setattr(unit, key, value)
            unit.parent = parent
            unit.is_current = True
            unit.retired_on = None
            if unit.nuts3_id is None and row.code in data.POWIAT_NUTS3:
                unit.nuts3 = nuts3.get(data.POWIAT_NUTS3[row.code])
            if diff_fields(before, snapshot(unit, TRACKED_FIELDS)):
                to_update.append(unit)
            else:
                result.unchanged += 1
        for unit in to_create + to_update:
            # Uniqueness and foreign keys are settled above; these checks would cost a query per row.
            unit.full_clean(exclude=["parent", "nuts3"], validate_unique=False, validate_constraints=False)
        TerritorialUnit.objects.bulk_create(to_create, batch_size=BATCH)
        TerritorialUnit.objects.bulk_update(
            to_update,
            [*UNIT_FIELDS, "parent", "nuts3", "is_current", "retired_on"],
            batch_size=BATCH,
        )
        result.created += len(to_create)
        result.updated += len(to_update)

    if file_date is not None:
        result.retired = _retire_missing(units.values(), parsed, file_date)

    changes = {key: value for key, value in asdict(result).items() if key != "dry_run"}
    changes["file"] = source
    changes["encoding"] = parsed.encoding
    if not dry_run:
        record_event("territory.teryt.imported", actor=actor, changes=changes)
    else:
        transaction.set_rollback(True)
    return result


def _retire_missing(units: Iterable[TerritorialUnit], parsed: ParsedTerc, file_date: dt.date) -> int:
    """Units of the file's voivodeships that it no longer lists and that are older than it.

    Only a voivodeship whose own row is in the file counts as fully listed: the official file always
    has it, and an extract of a few gminas must not retire the rest of the voivodeship.
    """
    voivodeships = {code for code in parsed.listed_codes if len(code) == 2}
    retire = [
        unit.pk
        for unit in units
        if unit.pk is not None
        and unit.is_current
        and unit.woj in voivodeships
        and unit.code not in parsed.listed_codes
        and (unit.stan_na is None or unit.stan_na < file_date)
    ]
    for start in range(0, len(retire), BATCH):
        TerritorialUnit.objects.filter(pk__in=retire[start : start + BATCH]).update(
            is_current=False, retired_on=file_date
        )
    return len(retire)


# --- LAU import -------------------------------------------------------------------------------------

LAU_FIELDS = ["name", "name_latin", "search_name", "population", "area_m2", "stan_na"]
LAU_TRACKED = ["nuts3_id", *LAU_FIELDS, "is_current"]


@transaction.atomic
def import_lau(
    parsed: ParsedLau, *, actor: User | None, as_of: dt.date, source: str = "", dry_run: bool = False
) -> ImportResult:
    """Upsert a checked LAU list of one country; retire the country's units the list no longer names.

    The caller refuses a file with any bad row, so this writes all of it or nothing. A list older than
    a unit's data does not overwrite it. Units are never deleted: organisations may point at them.
    """
    country = parsed.country
    result = ImportResult(dry_run=dry_run, stan_na=as_of.isoformat())
    units = {u.code: u for u in TerritorialUnit.objects.local_units(country).select_for_update()}
    regions = {region.code: region for region in NutsRegion.objects.nuts3().in_country(country)}
    to_create: list[TerritorialUnit] = []
    to_update: list[TerritorialUnit] = []
    for row in parsed.rows:
        values: dict[str, Any] = {
            "nuts3_id": regions[row.nuts3].pk,
            "name": row.name,
            "name_latin": row.name_latin,
            "search_name": normalise_name(row.name),
            "population": row.population,
            "area_m2": row.area_m2,
            "stan_na": as_of,
        }
        unit = units.get(row.code)
        if unit is None:
            to_create.append(
                TerritorialUnit(
                    country=country, code=row.code, level=UnitLevel.LAU, is_current=True, **values
                )
            )
            continue
        if unit.stan_na is not None and as_of < unit.stan_na:
            result.skipped_older += 1
            continue
        before = snapshot(unit, LAU_TRACKED)
        for key, value in values.items():
            setattr(unit, key, value)
        unit.is_current = True
        unit.retired_on = None
        if diff_fields(before, snapshot(unit, LAU_TRACKED)):
            to_update.append(unit)
        else:
            result.unchanged += 1
    for unit in to_create + to_update:
        # Uniqueness and the region are settled above; these checks would cost a query per row.
        unit.full_clean(exclude=["parent", "nuts3"], validate_unique=False, validate_constraints=False)
    TerritorialUnit.objects.bulk_create(to_create, batch_size=BATCH)
    TerritorialUnit.objects.bulk_update(
        to_update, [*LAU_FIELDS, "nuts3", "is_current", "retired_on"], batch_size=BATCH
    )
    result.created, result.updated = len(to_create), len(to_update)

    retire = [
        unit.pk
        for unit in units.values()
        if unit.is_current
        and unit.code not in parsed.listed_codes
        and (unit.stan_na is None or unit.stan_na < as_of)
    ]
    for start in range(0, len(retire), BATCH):
        TerritorialUnit.objects.filter(pk__in=retire[start : start + BATCH]).update(
            is_current=False, retired_on=as_of
        )
    result.retired = len(retire)

    changes: dict[str, Any] = {key: value for key, value in asdict(result).items() if key != "dry_run"}
    changes.update(
        country=country, file=source, encoding=parsed.encoding, outside_partner_regions=parsed.outside
    )
    if dry_run:
        transaction.set_rollback(True)
    else:
        record_event("territory.lau.imported", actor=actor, changes=changes)
    return result


# --- Lookups that speak the domain ------------------------------------------------------------------


def units_in_subregion(nuts3_code: str, *, current_only: bool = True) -> Any:
    """Powiats of a NUTS-3 subregion (e.g. "PL913") with their gminas and the gminas' parts."""
    units = TerritorialUnit.objects.in_subregion(nuts3_code.upper())
    return units.current() if current_only else units


def nuts_region_for_partner(partner: Partner) -> NutsRegion | None:
    """The NUTS-2 region a partner's organisations are placed in when they have no TERYT unit."""
    return NutsRegion.objects.by_code(partner.nuts2) if partner.nuts2 else None


# --- Service areas ----------------------------------------------------------------------------------

SERVICE_AREA_FIELDS = ["name", "description", "valid_from", "valid_to"]


def _check_powiats(powiats: list[TerritorialUnit]) -> None:
    if not powiats:
        raise ValidationError({"powiats": _("Choose at least one powiat.")})
    not_powiats = [str(unit) for unit in powiats if unit.level != UnitLevel.POWIAT]
    if not_powiats:
        raise ValidationError(
            {
                "powiats": _("Only powiats can make up a service area, not: %(units)s.")
                % {"units": ", ".join(not_powiats)}
            }
        )


def _area_snapshot(area: ServiceArea, powiat_codes: list[str]) -> dict[str, Any]:
    return {**snapshot(area, SERVICE_AREA_FIELDS), "powiats": sorted(powiat_codes)}


@transaction.atomic
def create_service_area(
    partner: Partner,
    *,
    actor: User | None,
    name: str,
    powiats: Iterable[TerritorialUnit],
    description: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> ServiceArea:
    chosen = list(powiats)
    _check_powiats(chosen)
    area = ServiceArea(
        partner=partner, name=name, description=description, valid_from=valid_from, valid_to=valid_to
    )
    area.full_clean()
    area.save()
    area.powiats.set(chosen)
    record_event(
        "territory.service_area.created",
        actor=actor,
        obj=area,
        changes=_area_snapshot(area, [unit.code for unit in chosen]),
    )
    return area


@transaction.atomic
def update_service_area(
    area: ServiceArea,
    *,
    actor: User | None,
    powiats: Iterable[TerritorialUnit] | None = None,
    **values: Any,
) -> ServiceArea:
    unknown = set(values) - set(SERVICE_AREA_FIELDS)
    if unknown:
        raise TypeError(f"Unknown service-area fields: {sorted(unknown)}")
    area = ServiceArea.objects.select_for_update().get(pk=area.pk)
    old_codes = list(area.powiats.values_list("code", flat=True))
    before = _area_snapshot(area, old_codes)
    for key, value in values.items():
        setattr(area, key, value)
    area.full_clean()
    new_codes = old_codes
    chosen: list[TerritorialUnit] | None = None
    if powiats is not None:
        chosen = list(powiats)
        _check_powiats(chosen)
        new_codes = [unit.code for unit in chosen]
    changes = diff_fields(before, _area_snapshot(area, new_codes))
    if changes:
        area.save()
        if chosen is not None:
            area.powiats.set(chosen)
        record_event("territory.service_area.updated", actor=actor, obj=area, changes=changes)
    return area


@transaction.atomic
def delete_service_area(area: ServiceArea, *, actor: User | None) -> None:
    record_event(
        "territory.service_area.deleted",
        actor=actor,
        obj=area,
        changes=_area_snapshot(area, list(area.powiats.values_list("code", flat=True))),
    )
    area.delete()
