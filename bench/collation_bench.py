"""One page of a list ordered by name on SQLite: code-point order against the collation of core/collation.py.

Run: `.venv/bin/python bench/collation_bench.py`. Prints milliseconds per page (25 rows at offset 100).
"""

from __future__ import annotations

import functools
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secon.settings")

import django

django.setup()

from secon.core.collation import _compare  # noqa: E402

LETTERS = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż"
QUERIES = {
    "code point": "SELECT id FROM o ORDER BY name, id LIMIT 25 OFFSET 100",
    "secon_pl": "SELECT id FROM o ORDER BY name COLLATE secon_pl, id LIMIT 25 OFFSET 100",
}


def main() -> None:
    rng = random.Random(1)
    db = sqlite3.connect(":memory:")
    db.create_collation("secon_pl", functools.partial(_compare, "pl"))
    db.execute("CREATE TABLE o (id INTEGER PRIMARY KEY, name TEXT)")
    db.execute("CREATE INDEX o_name ON o (name)")
    for rows in (10_000, 50_000):
        db.execute("DELETE FROM o")
        names = [
            "".join(rng.choice(LETTERS) for _ in range(rng.randint(8, 40))).capitalize() for _ in range(rows)
        ]
        db.executemany("INSERT INTO o (name) VALUES (?)", [(name,) for name in names])
        for label, sql in QUERIES.items():
            started = time.perf_counter()
            for _ in range(5):
                db.execute(sql).fetchall()
            print(f"{rows} rows, {label}: {(time.perf_counter() - started) / 5 * 1000:.1f} ms per page")


if __name__ == "__main__":
    main()
