"""Invitation benchmark: 10,000 RSG members invited to one meeting, sent by a real task worker that is
killed (SIGKILL) mid-way and restarted; every person must receive exactly one invitation.

    .venv/bin/python -m bench.invitations_bench [--people 10000] [--kill-after 3000]

Runs on a throw-away SQLite database (never point it at a database you keep). The worker is
`manage.py db_worker` in its own process with the file mail backend (one file per message, in a
temporary folder). Measured: the time to enqueue (the organiser's POST: the segment checked and one row
per person written), the time the worker takes to send, and after the kill and the restart (the
hourly command resumes the stopped sending) how many messages each address received.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _environment(folder: str, mail_folder: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        "SECON_VAR_DIR": folder,
        "DJANGO_SETTINGS_MODULE": "secon.settings",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "BENCH_MAIL_FOLDER": mail_folder,
    }


def _setup(folder: str, mail_folder: str) -> None:
    os.environ.update(_environment(folder, mail_folder))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.EMAIL_FILE_PATH = mail_folder
    call_command("migrate", verbosity=0)


def _people(count: int) -> Any:
    """A partner with `count` RSG members holding a legal basis, written in bulk (not measured)."""
    from django.utils import timezone

    from secon.events.models import EventType
    from secon.events.reference_data import load_event_types
    from secon.events.tests.test_invitations import upcoming_event
    from secon.projects.models import Project
    from secon.registry.models import ConsentRecord, Organisation, Person, RsgMembership
    from secon.tests.factories import make_organisation, make_partner, make_project

    load_event_types()
    assert EventType.objects.filter(code=EventType.RSG_MEETING).exists()
    project = Project.objects.order_by("pk").first() or make_project()
    partner = make_partner(project, slug="bench", name="Bench", name_en="Bench")
    organisation: Organisation = make_organisation(partner)
    people = Person.objects.bulk_create(
        [
            Person(
                partner=partner,
                given_names="Osoba",
                surname=f"Testowa {n}",
                email=f"osoba{n}@bench.example",
                language="pl" if n % 3 else "en",
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    since = timezone.localdate() - dt.timedelta(days=365)
    RsgMembership.objects.bulk_create(
        [RsgMembership(partner=partner, person=p, organisation=organisation, since=since) for p in people],
        batch_size=2000,
    )
    ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(person=p, purpose="rsg_communication", legal_basis="public_task", source="staff")
            for p in people
        ],
        batch_size=2000,
    )
    return upcoming_event(partner)


def _worker(folder: str, mail_folder: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "bench.invitations_bench", "--worker"]
    return subprocess.Popen(
        [*command, "--folder", folder, "--mail", mail_folder],
        cwd=ROOT,
        env=_environment(folder, mail_folder),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _counts(event_id: int) -> dict[str, int]:
    from django.db.models import Count

    from secon.events.models import Invitation

    rows = Invitation.objects.filter(event_id=event_id).values("delivery").annotate(n=Count("pk"))
    return {row["delivery"]: row["n"] for row in rows}


def _wait(event_id: int, done: Any, timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if done(_counts(event_id)):
            return time.perf_counter() - started
        time.sleep(0.2)
    raise SystemExit(f"timed out; counts {_counts(event_id)}")


def _received(mail_folder: str) -> collections.Counter[str]:
    received: collections.Counter[str] = collections.Counter()
    for path in Path(mail_folder).iterdir():
        received.update(re.findall(r"^To: (\S+)$", path.read_text(errors="replace"), flags=re.MULTILINE))
    return received


def run(people: int, kill_after: int) -> dict[str, Any]:
    folder = tempfile.mkdtemp(prefix="secon-invitations-bench-")
    mail_folder = tempfile.mkdtemp(prefix="secon-invitations-mail-")
    _setup(folder, mail_folder)
    event = _people(people)

    from django.db import transaction

    from secon.events import invitations, sending

    started = time.perf_counter()
    with transaction.atomic():
        result = invitations.invite(event, invitations.rsg_members(event), actor=None, source="rsg")
    enqueue = time.perf_counter() - started  # the task is enqueued on commit, inside the measured time

    worker = _worker(folder, mail_folder)
    started = time.perf_counter()
    _wait(event.pk, lambda c: c.get("sent", 0) >= kill_after, timeout=900)
    first_run = time.perf_counter() - started
    sent_before_kill = _counts(event.pk).get("sent", 0)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    killed_at = _counts(event.pk)

    # The restart: a new worker, and the hourly command handing the stopped sending back to it. Rows the
    # killed worker was sending are released as uncertain once their lease is over (forced here).
    from django.utils import timezone

    sending.release_interrupted(event, now=timezone.now() + sending.lease() + dt.timedelta(seconds=1))
    worker = _worker(folder, mail_folder)
    started = time.perf_counter()
    sending.resume_stalled()
    _wait(event.pk, lambda c: not c.get("queued") and not c.get("sending"), timeout=1800)
    second_run = time.perf_counter() - started
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)

    final = _counts(event.pk)
    received = _received(mail_folder)
    expected = {f"osoba{n}@bench.example" for n in range(people)}
    sent_total = final.get("sent", 0)
    return {
        "people": people,
        "queued": result.queued,
        "enqueue_seconds": round(enqueue, 2),
        "sent_before_kill": sent_before_kill,
        "seconds_to_kill": round(first_run, 2),
        "rows_at_kill": killed_at,
        "seconds_after_restart": round(second_run, 2),
        "send_rate_per_second": round(sent_total / (first_run + second_run), 1),
        "final_rows": final,
        "messages_received": sum(received.values()),
        "addresses_with_two_or_more": sum(1 for n in received.values() if n > 1),
        "addresses_with_none": len(expected - set(received)),
        "addresses_with_exactly_one": sum(1 for a in expected if received.get(a) == 1),
    }


def worker_main(folder: str, mail_folder: str) -> None:
    _setup(folder, mail_folder)
    from django.core.management import call_command

    call_command("db_worker", "--queue-name", "default", "--interval", "0.2", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--kill-after", type=int, default=3_000)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--mail", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_main(args.folder, args.mail)
        return
    print(json.dumps(run(args.people, args.kill_after), indent=2))


if __name__ == "__main__":
    main()
