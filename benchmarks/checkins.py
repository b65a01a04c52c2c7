"""How long one scheduler tick takes with 100,000 active call schedules.

    python benchmarks/checkins.py [--schedules 100000] [--pg-url URL] [--repeats 5]

A fresh database (SQLite in a temporary folder, and PostgreSQL when --pg-url
or NEIGHBOURLY_TEST_DATABASE_URL is given) gets the schedules, their
requests and people in bulk. Then, for 0, 100 and 10,000 schedules due in
the next half hour (the rest a week away), it times `CheckInService.due_work`
in its own transaction, commit included, exactly as `neighbourly serve`
runs it: reminders written to the outbox, calls created. Prints JSON; the
target is 50 ms or less per tick with 100 due.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, insert, text, update
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.database import build_engine, build_session_factory, upgrade_database  # noqa: E402
from bot.services.calls.checkins import CheckInService  # noqa: E402
from bot.services.sending.notify import Notifier  # noqa: E402
from bot.services.shared.unit_of_work import UnitOfWork  # noqa: E402
from models import (  # noqa: E402
    CallSchedule,
    CheckInCall,
    ContactIdentity,
    HelpRequest,
    OutboundMessage,
    Person,
)

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)
DUE_COUNTS = (0, 100, 10_000)
PEOPLE = 2_000  # volunteers and residents are shared: only the schedules need to be many


def fill(url: str, schedules: int) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(insert(Person), [
            {"id": i, "first_name": f"P{i}", "language": "en", "created_at": NOW}
            for i in range(1, PEOPLE + 1)])
        connection.execute(insert(ContactIdentity), [
            {"person_id": i, "kind": "phone", "address": f"+44770090{i:04d}", "created_at": NOW}
            for i in range(1, PEOPLE + 1)])
        for start in range(0, schedules, 10_000):
            ids = range(start + 1, min(schedules, start + 10_000) + 1)
            connection.execute(insert(HelpRequest), [
                {"id": i, "reference": f"R-B{i:07d}", "resident_id": 1 + i % (PEOPLE // 2),
                 "category": "befriending", "details": "", "urgency": "normal",
                 "consent_given": True, "status": "assigned", "created_at": NOW,
                 "assigned_volunteer_id": PEOPLE // 2 + 1 + i % (PEOPLE // 2)}
                for i in ids])
            connection.execute(insert(CallSchedule), [
                {"id": i, "request_id": i, "resident_id": 1 + i % (PEOPLE // 2),
                 "volunteer_id": PEOPLE // 2 + 1 + i % (PEOPLE // 2), "frequency": "weekly",
                 "weekday": NOW.weekday(), "start_minute": 10 * 60 + 30, "window_minutes": 120,
                 "status": "active", "next_call_at": NOW + timedelta(days=7),
                 "created_at": NOW}
                for i in ids])
        if engine.dialect.name == "postgresql":
            for table in ("people", "help_requests", "call_schedules"):
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"))
            connection.execute(text("ANALYZE"))
    engine.dispose()


def make_due(url: str, due: int) -> None:
    """`due` schedules come due in half an hour; everything else is a week away.

    Only rows a previous tick moved are put back, and the database is then tidied
    (SQLite's write-ahead log checkpointed, PostgreSQL vacuumed), so the tick is
    timed as it runs in service, not paying for the set-up's own writes."""
    engine = create_engine(url)
    week_away = NOW + timedelta(days=7)
    with engine.begin() as connection:
        connection.execute(CheckInCall.__table__.delete())
        connection.execute(OutboundMessage.__table__.delete())
        connection.execute(update(CallSchedule).where(CallSchedule.next_call_at != week_away)
                           .values(next_call_at=week_away))
        if due:
            connection.execute(update(CallSchedule).where(CallSchedule.id <= due)
                               .values(next_call_at=NOW + timedelta(minutes=30)))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        else:
            connection.execute(text("VACUUM ANALYZE call_schedules"))
    engine.dispose()


def time_ticks(url: str, repeats: int, schedules: int) -> dict[str, float]:
    engine = build_engine(url)
    session_factory = build_session_factory(engine)
    service = CheckInService(Notifier())
    results = {}
    for due in DUE_COUNTS:
        timings = []
        for _ in range(repeats if due < 10_000 else 1):
            make_due(url, due)
            started = time.perf_counter()
            with UnitOfWork(session_factory) as uow:
                handled = service.due_work(uow.session, NOW)
                uow.commit()
            timings.append((time.perf_counter() - started) * 1000)
            assert handled == min(due, schedules), (handled, due)
        results[str(due)] = round(statistics.median(timings), 1)
    engine.dispose()
    return results


def run(url: str, schedules: int, repeats: int) -> dict:
    upgrade_database(url)
    started = time.perf_counter()
    fill(url, schedules)
    filled = time.perf_counter() - started
    return {"fill_s": round(filled, 1), "tick_ms": time_ticks(url, repeats, schedules)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schedules", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pg-url", default=os.environ.get("NEIGHBOURLY_TEST_DATABASE_URL"))
    args = parser.parse_args()
    output = {"schedules": args.schedules, "target_ms_with_100_due": 50, "databases": {}}
    with tempfile.TemporaryDirectory() as folder:
        output["databases"]["sqlite"] = run(f"sqlite:///{folder}/checkins.db", args.schedules,
                                            args.repeats)
    if args.pg_url:
        name = f"nb_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(args.pg_url).set(database=name).render_as_string(hide_password=False)
        try:
            output["databases"]["postgresql"] = run(url, args.schedules, args.repeats)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    print(json.dumps(output, indent=2))


if __name__ == "__main__":
    main()
