"""Import benchmark: 100,000 organisations from CSV against a plain parse + bulk insert of the same file.

    .venv/bin/python -m bench.import_bench [--rows 100000] [--database-url postgres://…/secon_bench]

Runs on a throw-away SQLite database unless told otherwise (never point it at a database you keep: it
migrates it and fills it). The file has 1% bad rows and 5% rows repeating an earlier organisation. The
full import (read, map, validate every row against the registry, detect duplicates, write the valid rows
with their audit events in one transaction) is timed against the baseline the same run measures: the
csv module and bulk_create of the same rows, no checks. The baseline runs before and after the import and
the ratio uses their mean.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _setup(database_url: str | None) -> str:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        folder = tempfile.mkdtemp(prefix="secon-import-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["SECON_VAR_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secon.settings")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor


def _partner(slug: str) -> Any:
    from secon.projects.models import Project
    from secon.tests.factories import make_partner, make_project

    project = Project.objects.order_by("pk").first() or make_project()
    return make_partner(project, slug=slug, name=slug, name_en=slug)


def plain_insert(data: bytes, partner: Any) -> tuple[float, int]:
    """The baseline: parse with the csv module and bulk_create every row as it is, in one transaction."""
    import csv

    from django.db import transaction

    from secon.countries.models import IdentifierScheme
    from secon.registry.models import Organisation, OrganisationIdentifier, OrganisationType

    started = time.perf_counter()
    types = dict(OrganisationType.objects.values_list("name", "pk"))
    other = types.get("Inna") or next(iter(types.values()))
    schemes = dict(
        IdentifierScheme.objects.filter(code__in=("krs", "nip", "regon")).values_list("code", "pk")
    )
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
    next(reader)
    rows = list(reader)
    objects = [
        Organisation(
            partner=partner,
            name=row[0],
            type_id=types.get(row[1], other),
            helix="civil_society",
            street=row[5],
            postal_code=row[6],
            city=row[7],
            email=row[8],
            phone=row[9],
        )
        for row in rows
    ]
    with transaction.atomic():
        Organisation.objects.bulk_create(objects, batch_size=2000)
        # The numbers as they are, a row each, as the product stores them.
        numbers = [
            OrganisationIdentifier(organisation_id=organisation.pk, scheme_id=schemes[code], value=value)
            for organisation, row in zip(objects, rows, strict=True)
            for code, value in (("krs", row[2]), ("nip", row[3]), ("regon", row[4]))
            if value
        ]
        OrganisationIdentifier.objects.bulk_create(numbers, batch_size=2000)
    return time.perf_counter() - started, len(objects)


def full_import(data: bytes, partner: Any) -> tuple[float, float, Any]:
    """The product's import: upload + dry run, then the write of the valid rows (timed apart and together)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from secon.registry import imports

    started = time.perf_counter()
    batch = imports.upload_import(
        partner, actor=None, kind="organisations", upload=SimpleUploadedFile("bench.csv", data), enqueue=False
    )
    batch = imports.read_import(batch.pk, attempt=batch.attempt)
    batch = imports.check_import(batch, actor=None, mapping=batch.mapping, enqueue=False)
    batch = imports.run_check(batch.pk, attempt=batch.attempt, actor=None)
    checked = time.perf_counter()
    imports.confirm_import(batch, actor=None, valid_rows_only=True, enqueue=False)
    batch = imports.write_import(batch.pk, actor=None)
    finished = time.perf_counter()
    if batch.status != "done":
        raise SystemExit(f"import failed: {batch.error}")
    return checked - started, finished - started, batch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--bad", type=float, default=0.01)
    parser.add_argument("--duplicates", type=float, default=0.05)
    parser.add_argument("--database-url", default=None, help="Default: a throw-away SQLite file.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    vendor = _setup(args.database_url)

    from secon.registry.generator import write_organisation_import_csv

    stream = io.StringIO()
    stats = write_organisation_import_csv(
        stream, rows=args.rows, bad_share=args.bad, duplicate_share=args.duplicates, seed=args.seed
    )
    data = stream.getvalue().encode("utf-8-sig")
    print(
        f"{vendor}: {args.rows} rows, {len(data) / 1e6:.1f} MB, "
        f"{stats.bad} bad, {stats.duplicates} duplicates"
    )

    suffix = str(int(time.time()))
    plain_before, plain_rows = plain_insert(data, _partner(f"plain-a-{suffix}"))
    print(f"plain parse + bulk insert: {plain_before:.2f} s ({plain_rows / plain_before:,.0f} rows/s)")
    dry_run, total, batch = full_import(data, _partner(f"import-{suffix}"))
    print(f"full import: dry run {dry_run:.2f} s, total {total:.2f} s ({args.rows / total:,.0f} rows/s)")
    plain_after, _rows = plain_insert(data, _partner(f"plain-b-{suffix}"))
    print(f"plain parse + bulk insert again: {plain_after:.2f} s")
    plain = (plain_before + plain_after) / 2
    result = {
        "database": vendor,
        "rows": args.rows,
        "megabytes": round(len(data) / 1e6, 1),
        "bad_rows": batch.report["bad_rows"],
        "duplicates_in_file": batch.report["duplicates_in_file"],
        "created": batch.result["created"],
        "dry_run_s": round(dry_run, 2),
        "import_s": round(total, 2),
        "import_rows_per_s": round(args.rows / total),
        "plain_s": round(plain, 2),
        "plain_rows_per_s": round(plain_rows / plain),
        "ratio_import_to_plain": round(total / plain, 2),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
