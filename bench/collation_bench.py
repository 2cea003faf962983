"""One page of a list in alphabetical order: the collation of core/collation.py against the stored key.

Run: `.venv/bin/python bench/collation_bench.py` (SQLite, in memory), and on PostgreSQL
`DATABASE_URL=postgres://… .venv/bin/python bench/collation_bench.py --postgres` (a temporary table in
that database, gone when the run ends). Prints milliseconds per page (25 rows at offset 100 of one
partner's rows, as the registry list asks for them) for:

- "code point": `ORDER BY name` from an index, the wrong order (the floor);
- "collated": `ORDER BY name COLLATE …`, the order before registry.0007 (SQLite calls back into Python);
- "stored key": `ORDER BY name_order` from the index `(partner, name_order, id)`, the order since then.

The three are timed in turns, round after round, so that a change of load on a shared machine hits each.

`SECON_VAR_DIR=/tmp/regbench .venv/bin/python bench/collation_bench.py --registry` times instead, on the
database that `python -m bench.registry_bench --var-dir /tmp/regbench` generated, the registry list's own
page query (the ORM's, with its joins) for the largest partner's organisations and people, and the whole
organisation list page through Django's test client (development settings, in this process), each by the
collation against by the stored key.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secon.settings")

import django

django.setup()

from secon.core.collation import _compare, stored_sort_key  # noqa: E402

LETTERS = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż"
PAGE = "WHERE partner = 1 ORDER BY {order} LIMIT 25 OFFSET 100"
ORDERS = {
    "sqlite": {
        "code point": "name, id",
        "collated": "name COLLATE secon_pl, id",
        "stored key": "name_order, id",
    },
    "postgresql": {
        "code point": "name, id",
        "collated": 'name COLLATE "pl-x-icu", id',
        "stored key": "name_order, id",
    },
}
ROUNDS = 7


def sqlite_connection() -> Any:
    db = sqlite3.connect(":memory:")
    db.create_collation("secon_pl", functools.partial(_compare, "pl"))
    db.execute("CREATE TABLE o (id INTEGER PRIMARY KEY, partner INTEGER, name TEXT, name_order TEXT)")
    return db


def postgres_connection() -> Any:
    import psycopg

    db = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    db.execute(
        "CREATE TEMPORARY TABLE o (id serial PRIMARY KEY, partner integer, name text, name_order text)"
    )
    return db


def fill(db: Any, vendor: str, rows: int, rng: random.Random) -> None:
    db.execute("DELETE FROM o")
    for index in ("o_name", "o_order"):
        db.execute(f"DROP INDEX IF EXISTS {index}")
    names = [
        "".join(rng.choice(LETTERS) for _ in range(rng.randint(8, 40))).capitalize() for _ in range(rows)
    ]
    insert = "INSERT INTO o (partner, name, name_order) VALUES (?, ?, ?)"
    if vendor == "postgresql":
        insert = insert.replace("?", "%s")
    values = [(1, name, stored_sort_key(name, "pl")) for name in names]
    if vendor == "sqlite":
        db.executemany(insert, values)
    else:
        with db.cursor() as cursor:
            cursor.executemany(insert, values)
    db.execute("CREATE INDEX o_name ON o (partner, name, id)")
    db.execute("CREATE INDEX o_order ON o (partner, name_order, id)")
    db.execute("ANALYZE o" if vendor == "postgresql" else "ANALYZE")


def timed(run: Callable[[], Any], repeat: int = 5) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        run()
    return (time.perf_counter() - started) / repeat * 1000


def _page(rows: Any, order: Any) -> list[Any]:
    return list(rows.order_by(order, "pk")[100:125])


def _fetch(db: Any, sql: str) -> list[Any]:
    return list(db.execute(sql).fetchall())


def registry_pages() -> None:
    """On a generated registry: the list's query through the ORM, and the whole list page through
    Django's test client (signed in as the Mazovia coordinator), by the collation against by the key."""
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from secon.accounts.models import User
    from secon.core.collation import collated
    from secon.registry.models import Organisation, Person
    from secon.registry.records import filters

    busiest = Organisation.objects.values("partner").annotate(n=Count("pk")).order_by("-n").first()
    partner_id = busiest["partner"] if busiest else None
    queries: dict[str, Callable[[], Any]] = {}
    for model, name, related in (
        (Organisation, "name", ("type", "territory", "partner")),
        (Person, "full_name", ("partner",)),
    ):
        rows = model.objects.filter(partner_id=partner_id).select_related(*related)
        label = model.__name__
        queries[f"{label} query, collated"] = functools.partial(_page, rows, collated(name))
        queries[f"{label} query, stored key"] = functools.partial(_page, rows, "name_order")

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email="koordynator@mazowsze.example"))
    sorts = {"collated": (collated("name"), "pk"), "stored key": ("name_order", "pk")}

    def page(order: tuple[Any, ...]) -> None:
        filters.ORGANISATION_SORTS["name"] = order  # the list's sort, as before registry.0007 or since
        response = client.get("/manage/registry/organisations/?page=5")
        assert response.status_code == 200, response

    for label, order in sorts.items():
        queries[f"organisation list page, {label}"] = functools.partial(page, order)
    counts = {m.__name__: m.objects.filter(partner_id=partner_id).count() for m in (Organisation, Person)}
    samples: dict[str, list[float]] = {label: [] for label in queries}
    for _ in range(ROUNDS):
        for label, run in queries.items():
            samples[label].append(timed(run))
    print(f"{connection.vendor}, {counts}")
    for label, values in samples.items():
        print(
            f"{label}: median {statistics.median(values):.2f} ms "
            f"(min {min(values):.2f}, max {max(values):.2f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", action="store_true", help="measure on the database of DATABASE_URL")
    parser.add_argument("--registry", action="store_true", help="time the registry list's own query")
    args = parser.parse_args()
    if args.registry:
        registry_pages()
        return
    vendor = "postgresql" if args.postgres else "sqlite"
    db = postgres_connection() if args.postgres else sqlite_connection()
    rng = random.Random(1)
    for rows in (10_000, 50_000):
        fill(db, vendor, rows, rng)
        samples: dict[str, list[float]] = {label: [] for label in ORDERS[vendor]}
        for _ in range(ROUNDS):
            for label, order in ORDERS[vendor].items():
                sql = "SELECT id, name FROM o " + PAGE.format(order=order)  # noqa: S608 (constants)
                samples[label].append(timed(functools.partial(_fetch, db, sql)))
        for label, values in samples.items():
            print(
                f"{vendor}, {rows} rows, {label}: median {statistics.median(values):.2f} ms per page "
                f"(min {min(values):.2f}, max {max(values):.2f})"
            )


if __name__ == "__main__":
    main()
