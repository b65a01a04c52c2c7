"""`neighbourly`: the command line for whoever runs a hub.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from bot.errors import CommandError
from bot.logs import configure_logging
from bot.settings import Settings, SettingsError, load_settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neighbourly",
        description="Neighbourly: a community help hub. Residents ask for help, "
        "volunteers answer, coordinators run it.",
        epilog="Settings come from the environment or a .env file: "
        "NEIGHBOURLY_DATABASE_URL (default sqlite:///neighbourly.db), NEIGHBOURLY_HUB_NAME.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    db = commands.add_parser("db", help="manage the database schema",
                             description="Create or migrate the database schema.")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_commands.add_parser("upgrade", help="migrate to the newest schema (or --revision)")
    upgrade.add_argument("--revision", default="head", help="target revision (default: head)")
    downgrade = db_commands.add_parser("downgrade", help="migrate back to a revision")
    downgrade.add_argument("revision", help="target revision, e.g. base or 0001")
    db_commands.add_parser("current", help="show the schema revision the database is at")

    chat = commands.add_parser(
        "chat", help="talk to the hub from this terminal as a person",
        description="Talk to the hub as a resident, volunteer or coordinator. Interactive in a "
        "terminal; with piped input each line is one message. Messages the hub sent this "
        "person while they were away are shown first.",
    )
    chat.add_argument("--as", dest="who", required=True, metavar="PHONE_OR_NAME",
                      help="a phone number (07700 900123 or +447700900123) or a name")

    coordinator = commands.add_parser("coordinator", help="manage coordinators")
    coordinator_commands = coordinator.add_subparsers(dest="coordinator_command",
                                                      metavar="ACTION", required=True)
    add = coordinator_commands.add_parser("add", help="make someone a coordinator")
    who = add.add_mutually_exclusive_group(required=True)
    who.add_argument("--phone", help="their mobile number")
    who.add_argument("--telegram-id", help="their numeric Telegram user id")
    add.add_argument("--name", required=True, help="their first name")
    remove = coordinator_commands.add_parser(
        "remove", help="stop someone being a coordinator (never the last one)")
    who = remove.add_mutually_exclusive_group(required=True)
    who.add_argument("--phone", help="their mobile number")
    who.add_argument("--telegram-id", help="their numeric Telegram user id")
    coordinator_commands.add_parser("list", help="everyone who coordinates, and how to reach them")

    serve = commands.add_parser(
        "serve", help="run the hub: Telegram, SMS webhooks, the outbox and the scheduler",
        description="One process (or --workers of them) serving POST /twilio/sms, "
        "POST /twilio/sms/status, POST /telegram, GET /healthz and GET /metrics. A channel whose settings are missing "
        "stays off (the log says which setting).",
    )
    serve.add_argument("--host", help="interface to listen on (default NEIGHBOURLY_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default NEIGHBOURLY_PORT or 8080)")
    serve.add_argument("--workers", type=int,
                       help="processes sharing the port, PostgreSQL only (default "
                       "NEIGHBOURLY_WORKERS or 1)")

    demo = commands.add_parser(
        "demo", help="play a day in a hub on a fresh temporary database, as a transcript",
        description="Plays a day in a community hub in Thurrock and Essex: about 40 volunteers, "
        "residents asking in their own words, offers declined and accepted with the reasons for "
        "each match, check-in calls, a missed call and a concern reaching the coordinator, then "
        "the coordinator's STATS. Runs on a fresh SQLite database through the real services; "
        "no network, no credentials, nothing is sent.")
    demo.add_argument("--seed", type=int, default=1,
                      help="vary the day: postcodes, wording, who declines (default 1)")
    demo.add_argument("--keep", type=Path, metavar="FILE",
                      help="keep the database in FILE (a new file) to carry on with "
                      "`neighbourly chat --as NAME`")

    volunteers = commands.add_parser("volunteers", help="import or export volunteers as CSV")
    volunteer_commands = volunteers.add_subparsers(dest="volunteers_command", metavar="ACTION",
                                                   required=True)
    import_ = volunteer_commands.add_parser(
        "import", help="add or update volunteers from a CSV file",
        description="Columns: name,phone,telegram_id,postcode,radius_km,skills,availability,"
        "languages,age_band,experience,checks (lists separated by ;). checks names the checks "
        "done, each with the date it runs out if it does: id;dbs:2027-03-31;training (an older "
        "vetted column is read too: yes there means an ID check only). Invalid rows are "
        "reported by line and skipped; importing a file again updates, never duplicates. Says "
        "what the volunteers can and cannot be offered, by kind of help.",
    )
    import_.add_argument("file", type=Path)
    export = volunteer_commands.add_parser("export", help="write all volunteers to a CSV file")
    export.add_argument("file", type=Path, help="the CSV file to write ('-' for the screen)")
    directory = commands.add_parser(
        "directory", help="import or export the directory of local services as CSV")
    directory_commands = directory.add_subparsers(dest="directory_command", metavar="ACTION",
                                                  required=True)
    directory_import = directory_commands.add_parser(
        "import", help="add or update directory entries from a CSV file",
        description="Columns: name,kind,districts,postcode,phone,opening_hours,"
        "takes_payment_by_phone,notes. Kinds: shop, pharmacy, food bank, befriending, mental "
        "health, other. Districts separated by spaces or ; (RM17 RM16). An entry of the same "
        "name and kind is updated; invalid rows are reported by line and skipped.")
    directory_import.add_argument("file", type=Path)
    directory_export = directory_commands.add_parser("export", help="write the directory to CSV")
    directory_export.add_argument("file", type=Path, help="the CSV file to write ('-' for the screen)")
    export_all = commands.add_parser(
        "export", help="write requests, volunteers or check-in calls to a CSV file, or "
        "everything held about one person (a subject access request) to a JSON file",
        description="Requests and calls carry first names and postcode districts, never phone "
        "numbers or addresses. Volunteers are in the import format, numbers included. "
        "'person' (with --phone or --telegram-id) writes everything the hub holds about them "
        "as JSON; review the sections it lists under review_before_sending before sending it.")
    export_all.add_argument("what", choices=["requests", "volunteers", "calls", "person"])
    export_all.add_argument("file", type=Path,
                            help="the file to write ('-' for the screen)")
    whose = export_all.add_mutually_exclusive_group()
    whose.add_argument("--phone", help="for 'person': their phone number")
    whose.add_argument("--telegram-id", help="for 'person': their numeric Telegram user id")

    erase = commands.add_parser(
        "erase", help="delete everything the hub holds about a person",
        description="Erases a person's name, numbers, addresses, requests' details, messages and "
        "everything else personal, keeping anonymous rows so statistics still count. Open "
        "requests are cancelled (their volunteer is told); a volunteer's open tasks are offered "
        "again. The same number texting later is a new person. Cannot be undone.")
    whose = erase.add_mutually_exclusive_group(required=True)
    whose.add_argument("--phone", help="their phone number")
    whose.add_argument("--telegram-id", help="their numeric Telegram user id")
    commands.add_parser(
        "purge", help="remove personal data from requests closed longer ago than the retention "
        "period (NEIGHBOURLY_RETENTION_DAYS, default 365)",
        description="What `serve` does once a day: requests closed (done, cancelled, expired) "
        "longer ago than NEIGHBOURLY_RETENTION_DAYS lose their address, details, feedback, "
        "coordinates and full postcode (the district is kept), and the messages quoting them "
        "are blanked.")
    report = commands.add_parser(
        "report", help="write a month's figures as a page to print (and as CSV) for a committee",
        description="Writes one self-contained HTML page (charts inside, laid out for A4) with "
        "the month's figures in plain words and their change from the month before: requests "
        "by kind and day, time to a volunteer, districts, volunteers, check-in calls and "
        "concerns. --csv writes the same figures for a spreadsheet. Counts only: no one's "
        "name, phone number or address. Days are the hub's (NEIGHBOURLY_TIMEZONE); a month "
        "not over yet is counted so far.")
    report.add_argument("--month", metavar="YYYY-MM",
                        help="the month, e.g. 2026-11 (default: last month)")
    report.add_argument("--out", type=Path, metavar="FILE",
                        help="the HTML page to write ('-' for the screen)")
    report.add_argument("--csv", type=Path, metavar="FILE",
                        help="the figures as CSV ('-' for the screen)")
    report.add_argument("--language", choices=["en", "pl"], default="en",
                        help="the language of the page (default en)")
    understand = commands.add_parser(
        "understand", help="show how the hub reads a message, or score it on a labelled file",
        description="With a message: prints what the hub reads in it (intents with confidence, "
        "kinds of help, danger, postcode, names, when) as JSON, to check why a resident was "
        "not understood. With --evaluate FILE: scores the reader on a tab-separated file with "
        "the header 'text kind postcode name danger' and prints JSON; --misses lists the "
        "messages it got wrong. Needs no database or settings.")
    understand.add_argument("text", nargs="?", help="the message, in quotes")
    understand.add_argument("--evaluate", type=Path, metavar="FILE",
                            help="a labelled file to score ('-' for standard input)")
    understand.add_argument("--held-out", action="store_true",
                            help="score the project's own held-out messages")
    understand.add_argument("--misses", action="store_true",
                            help="with --evaluate or --held-out: list the messages read wrong")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging()
    if args.command == "understand":  # reads words only: no settings, no database
        from bot.understanding.command import understand
        return understand(args)
    try:
        settings = load_settings()
        return run(args, settings)
    except SettingsError as error:
        print(f"neighbourly: setting problem: {error}", file=sys.stderr)
        return 1
    except CommandError as error:
        print(f"neighbourly: {error}", file=sys.stderr)
        return 1
    except OperationalError as error:
        reason = str(error.orig).splitlines()[0] if error.orig else str(error)
        print(f"neighbourly: database problem: {reason}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        print(f"neighbourly: database problem: {error.__class__.__name__}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run(args: argparse.Namespace, settings: Settings) -> int:
    from bot import commands

    if args.command == "db":
        return commands.database(args, settings)
    if args.command == "chat":
        return commands.chat(args, settings)
    if args.command == "serve":
        return commands.serve(args, settings)
    if args.command == "coordinator":
        return commands.coordinator(args, settings)
    if args.command == "export":
        return commands.export(args, settings)
    if args.command == "erase":
        return commands.erase(args, settings)
    if args.command == "purge":
        return commands.purge(args, settings)
    if args.command == "demo":
        return commands.demo(args, settings)
    if args.command == "directory":
        return commands.directory(args, settings)
    if args.command == "report":
        return commands.report(args, settings)
    return commands.volunteers(args, settings)


if __name__ == "__main__":
    sys.exit(main())
