"""What each CLI command does, once arguments are parsed."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from typing import Iterator

from bot.app import Hub, build_hub
from bot.errors import CommandError
from bot.database import current_revision, downgrade_database, upgrade_database
from bot.services.shared import audit
from bot.services.shared.identities import InvalidPhoneNumber, mask_phone, normalise_phone
from bot.services.running.scheduler import run_due_work
from bot.services.shared.unit_of_work import UnitOfWork
from bot.settings import Settings
from models import IdentityKind


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    from bot.database import alembic_config

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def database(args: argparse.Namespace, settings: Settings) -> int:
    url = settings.database_url.get_secret_value()
    if args.db_command == "upgrade":
        upgrade_database(url, args.revision)
        print(f"Database is at revision {current_revision(url)}.")
    elif args.db_command == "downgrade":
        downgrade_database(url, args.revision)
        print(f"Database is at revision {current_revision(url) or 'base'}.")
    else:
        print(current_revision(url) or "base (empty)")
    return 0


def ensure_schema(settings: Settings) -> None:
    """Bring an embedded SQLite database up to date; ask for PostgreSQL to be migrated."""
    url = settings.database_url.get_secret_value()
    revision = current_revision(url)
    if revision == head_revision():
        return
    if settings.is_sqlite:
        upgrade_database(url)
        return
    raise CommandError("the database schema is not up to date: run `neighbourly db upgrade`")


@contextmanager
def running_hub(settings: Settings) -> Iterator[Hub]:
    ensure_schema(settings)
    hub = build_hub(settings)
    try:
        yield hub
    finally:
        hub.close()


def chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.console import ConsoleChat

    if not args.who.strip():
        raise CommandError("--as needs a phone number or a name")
    with running_hub(settings) as hub:
        # No server may be running to move on offers that ran out of time.
        run_due_work(hub.session_factory, hub.offers, hub.concerns, hub.clock(), hub.checkins,
                     retention_days=hub.settings.retention_days, receipts=hub.receipts,
                     campaigns=hub.admin.campaigns,
                     takeovers=hub.admin, standing=hub.standing, thanks=hub.thanks)
        try:
            console = ConsoleChat(hub, args.who, sys.stdout)
        except InvalidPhoneNumber as error:
            raise CommandError(str(error)) from None
        if sys.stdin.isatty():
            console.run_interactive()
        else:
            console.show_waiting_messages()
            console.run_lines(sys.stdin, echo=True)
    return 0


def identity_from_args(args: argparse.Namespace, settings: Settings) -> tuple[str, str]:
    """The identity named by --phone or --telegram-id."""
    if args.phone:
        try:
            return IdentityKind.PHONE, normalise_phone(args.phone, settings.default_phone_region)
        except InvalidPhoneNumber as error:
            raise CommandError(str(error)) from None
    if not args.telegram_id.isdigit():
        raise CommandError("--telegram-id must be the numeric Telegram user id")
    return IdentityKind.TELEGRAM, args.telegram_id


def shown(kind: str, address: str) -> str:
    """An identity as the command line may print it back: a number masked."""
    return mask_phone(address) if kind == IdentityKind.PHONE else "that Telegram id"


def coordinator(args: argparse.Namespace, settings: Settings) -> int:
    return {"add": add_coordinator, "remove": remove_coordinator,
            "list": list_coordinators}[args.coordinator_command](args, settings)


def add_coordinator(args: argparse.Namespace, settings: Settings) -> int:
    from bot.understanding.names import tidy_name
    from bot.services.people.coordinators import add_coordinator as add

    name = tidy_name(args.name.split(" ")[0]) if args.name.strip() else None
    if not name:
        raise CommandError(f"{args.name!r} is not a first name")
    kind, address = identity_from_args(args, settings)
    with running_hub(settings) as hub, UnitOfWork(hub.session_factory) as uow:
        person, added = add(uow.session, kind, address, name, hub.clock())
        uow.commit()
    print(f"{name} is {'now' if added else 'already'} a coordinator (person {person.id}).")
    return 0


def remove_coordinator(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.people.coordinators import LastCoordinator
    from bot.services.people.coordinators import remove_coordinator as remove

    kind, address = identity_from_args(args, settings)
    with running_hub(settings) as hub, UnitOfWork(hub.session_factory) as uow:
        try:
            person = remove(uow.session, kind, address, hub.clock())
        except LastCoordinator as last:
            raise CommandError(
                f"{last} is the only coordinator: safeguarding concerns and missed-call "
                "alerts would reach nobody. Add another coordinator first.") from None
        if person is None:
            raise CommandError(f"nobody with {shown(kind, address)} is a coordinator")
        uow.commit()
    print(f"{person.first_name or 'They'} is no longer a coordinator (person {person.id}); "
          "their dashboard links and sign-ins stop working.")
    return 0


def list_coordinators(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.shared.describe import coordinators

    with running_hub(settings) as hub, UnitOfWork(hub.session_factory) as uow:
        for person in coordinators(uow.session):
            reach = ", ".join(f"{i.kind} {i.address}" for i in person.identities) or "-"
            print(f"{person.first_name or '?'} (person {person.id}): {reach}")
    return 0


def volunteers(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.help_requests.matching import match_config
    from bot.services.people.volunteers_csv import export_volunteers, import_volunteers

    with running_hub(settings) as hub:
        if args.volunteers_command == "import":
            report = import_csv(hub, args.file, "volunteers", lambda session, stream: (
                import_volunteers(session, stream, hub.locate_postcode, hub.clock(),
                                  settings.default_phone_region, match_config(settings))))
            for line, reason in report.not_approved:
                print(f"{args.file}:{line}: not approved: {reason}", file=sys.stderr)
            for line, warning in report.warnings:
                print(f"{args.file}:{line}: warning: {warning}", file=sys.stderr)
            # Which kinds of help they can be offered, by the checks each kind needs.
            for line in report.what_they_can_be_offered():
                print(line)
            return 0
        with UnitOfWork(hub.session_factory) as uow:
            count = write_csv(export_volunteers, uow.session, args.file)
        print(f"Exported {count} {'volunteer' if count == 1 else 'volunteers'} to {args.file}.",
              file=sys.stderr)
        return 0


def directory(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.community.directory_csv import export_directory, import_directory

    with running_hub(settings) as hub:
        if args.directory_command == "import":
            import_csv(hub, args.file, "directory entries", lambda session, stream: (
                import_directory(session, stream, hub.directory, hub.clock())))
            return 0
        with UnitOfWork(hub.session_factory) as uow:
            count = write_csv(export_directory, uow.session, args.file)
        print(f"Exported {count} directory entries to {args.file}.", file=sys.stderr)
        return 0


def import_csv(hub, file, what: str, read):
    """Read a CSV file in one transaction; report skipped rows by line on stderr. The
    import's report, for anything more to say."""
    try:
        stream = file.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise CommandError(f"cannot read {file}: {error.strerror}") from None
    with stream, UnitOfWork(hub.session_factory) as uow:
        try:
            report = read(uow.session, stream)
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not a UTF-8 CSV file") from None
        uow.commit()
    for line, reason in report.errors:
        print(f"{file}:{line}: skipped: {reason}", file=sys.stderr)
    skipped = len(report.errors)
    print(f"Imported {report.added} new and updated {report.updated} {what}; "
          f"skipped {skipped} {'row' if skipped == 1 else 'rows'}.")
    return report


def serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.serve import run_server

    overrides = {key: value for key, value in (("host", args.host), ("port", args.port),
                                               ("workers", args.workers))
                 if value is not None}
    settings = settings.with_changes(**overrides)
    problem = settings.workers_problem()
    if problem:
        raise CommandError(problem)
    ensure_schema(settings)
    run_server(settings)
    return 0


def export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.coordinating.exports import export_calls, export_requests
    from bot.services.people.volunteers_csv import export_volunteers

    if args.what == "person":
        return export_person(args, settings)
    if args.phone or args.telegram_id:
        raise CommandError("--phone and --telegram-id are for 'export person'")
    write = {"requests": export_requests, "volunteers": export_volunteers,
             "calls": export_calls}[args.what]
    with running_hub(settings) as hub, UnitOfWork(hub.session_factory) as uow:
        count = write_csv(write, uow.session, args.file)
    if str(args.file) != "-":
        print(f"Wrote {count} {args.what} to {args.file}.")
    return 0


def export_person(args: argparse.Namespace, settings: Settings) -> int:
    """A subject access request: everything held about one person, as JSON."""
    import json

    from bot.services.shared.identities import find_identity
    from bot.services.people.subject_access import subject_access_report

    if not (args.phone or args.telegram_id):
        raise CommandError("say whose data: export person --phone 07700900123 FILE "
                           "(or --telegram-id)")
    kind, address = identity_from_args(args, settings)
    with running_hub(settings) as hub, UnitOfWork(hub.session_factory) as uow:
        identity = find_identity(uow.session, kind, address)
        if identity is None:
            raise CommandError(f"nobody uses {shown(kind, address)} (erased, or never here)")
        report = subject_access_report(uow.session, identity.person_id, hub.clock())
        audit.record(uow.session, "person.data_exported", hub.clock(), channel="cli",
                     subject=f"person:{identity.person_id}")
        uow.commit()
    write_out(args.file, lambda stream: stream.write(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n"))
    if str(args.file) == "-":
        return 0
    print(f"Wrote everything held about person {identity.person_id} to {args.file}; review "
          f"{', '.join(report['review_before_sending'])} before sending it.")
    return 0


def report(args: argparse.Namespace, settings: Settings) -> int:
    """A month's figures as a page to print (--out) and as CSV (--csv)."""
    import io
    import re
    from datetime import timedelta

    from bot.channels.figures_view import Words
    from bot.channels.report_page import report_html
    from bot.services.coordinating.figures import (
        PeriodError,
        figures_for,
        month_of,
        previous_period,
        today_in,
    )
    from bot.services.coordinating.figures_csv import write_figures_csv

    if args.out is None and args.csv is None:
        raise CommandError("say where to write it: --out report.html, --csv figures.csv, "
                           "or both")
    with running_hub(settings) as hub:
        now = hub.clock()
        if args.month is None:
            last_month = today_in(settings.timezone, now).replace(day=1) - timedelta(days=1)
            year, month = last_month.year, last_month.month
        else:
            found = re.fullmatch(r"(\d{4})-(\d{1,2})", args.month.strip())
            if found is None:
                raise CommandError(f"--month {args.month}: write the month as 2026-11")
            year, month = int(found[1]), int(found[2])
        try:
            period = month_of(year, month, now, settings.timezone)
        except PeriodError as error:
            raise CommandError(f"--month {args.month}: {error}") from None
        with UnitOfWork(hub.session_factory) as uow:
            current = figures_for(uow.session, period, now)
            previous = figures_for(uow.session, previous_period(period), now)
    if args.out is not None:
        page = report_html(current, previous, settings.hub_name, args.language, now)
        write_out(args.out, lambda stream: stream.write(page))
    if args.csv is not None:
        figures = io.StringIO()
        write_figures_csv(figures, current, previous)
        write_out(args.csv, lambda stream: stream.write(figures.getvalue()))
    written = [str(file) for file in (args.out, args.csv) if file is not None and str(file) != "-"]
    if written:
        named = Words("en").period(period)
        print(f"Wrote the figures for {named} ({how_many(current.requests, 'request')}) to "
              f"{' and '.join(written)}.")
    return 0


def how_many(count: int, noun: str) -> str:
    """"1 request", "2 requests": the command line's own English (the hub's words to people
    are in the catalogue, with each language's plural forms)."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def write_csv(write, session, file) -> int:
    """Run an exporter into FILE, or onto the screen for "-"; returns the rows written."""
    return write_out(file, lambda stream: write(session, stream))


def write_out(file, write):
    """`write` into FILE (UTF-8, newlines as written), or onto the screen for "-"."""
    if str(file) == "-":
        return write(sys.stdout)
    try:
        with file.open("w", newline="", encoding="utf-8") as stream:
            return write(stream)
    except OSError as error:
        raise CommandError(f"cannot write {file}: {error.strerror}") from None


def erase(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.shared.identities import find_identity
    from bot.services.people.privacy import erase_person

    kind, address = identity_from_args(args, settings)
    with running_hub(settings) as hub, UnitOfWork(hub.session_factory) as uow:
        identity = find_identity(uow.session, kind, address)
        if identity is None:
            raise CommandError(
                f"nobody uses {shown(kind, address)} (already erased, or never here)")
        erased = erase_person(uow.session, identity.person_id, hub.clock(), None, "cli",
                              offers=hub.offers)
        uow.commit()
    print(f"Erased person {erased.person_id}: "
          f"{how_many(erased.requests_cancelled, 'open request')} cancelled, "
          f"{how_many(erased.tasks_returned, 'task')} offered again, "
          f"{how_many(erased.messages_blanked, 'message')} blanked.")
    return 0


def purge(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.people.privacy import purge_expired_personal_data

    with running_hub(settings) as hub, UnitOfWork(hub.session_factory) as uow:
        count = purge_expired_personal_data(uow.session, hub.clock(), settings.retention_days)
        uow.commit()
    print(f"Purged personal data from {how_many(count, 'request')} closed more than "
          f"{settings.retention_days} days ago.")
    return 0


def demo(args: argparse.Namespace, settings: Settings) -> int:
    """A day in a hub on a fresh database (temporary unless --keep), printed as it happens."""
    import tempfile
    import time as timer
    from datetime import datetime, time
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from bot.app import system_clock
    from bot.channels.demo import (
        DemoClock,
        DemoStuck,
        demo_day,
        demo_settings,
        keep_path_problem,
        run_demo,
    )

    started = timer.perf_counter()
    kept = args.keep.expanduser().resolve() if args.keep else None
    if kept is not None and keep_path_problem(kept):
        raise CommandError(keep_path_problem(kept))
    with tempfile.TemporaryDirectory(prefix="neighbourly-demo-") as folder:
        path = kept or Path(folder) / "demo.db"
        demo_hub_settings = demo_settings(settings, f"sqlite:///{path}")
        zone = ZoneInfo(demo_hub_settings.timezone)
        start = datetime.combine(demo_day(system_clock(), zone), time(8, 30), tzinfo=zone)
        clock = DemoClock(start.astimezone(system_clock().tzinfo))
        print("Setting up a fresh hub database...", flush=True)
        ensure_schema(demo_hub_settings)
        hub = build_hub(demo_hub_settings, clock=clock)
        try:
            run_demo(hub, clock, sys.stdout, args.seed, kept, started)
        except DemoStuck as error:
            raise CommandError(f"the demo could not go on: {error}") from None
        finally:
            hub.close()
    return 0
