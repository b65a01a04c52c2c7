"""The command line, run as a user would: a real process, real stdin and stdout."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from models import AuditEvent, HelpRequest, Person, VolunteerProfile
from fakes import shared_reader_cache


@pytest.fixture(scope="session")
def postcode_cache(tmp_path_factory) -> Path:
    """One real postcode index for every CLI test (built on first use, then cached)."""
    return tmp_path_factory.mktemp("postcode-cache")


@pytest.fixture
def cli_env(database_url, postcode_cache, tmp_path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEIGHBOURLY_")}
    env.update(NEIGHBOURLY_DATABASE_URL=database_url, NEIGHBOURLY_CACHE_DIR=str(postcode_cache),
               NEIGHBOURLY_HUB_NAME="Grays Hub", PYTHONUNBUFFERED="1")
    env.update(shared_reader_cache())
    return env


# A command normally answers in seconds; the limit is for one that hangs. It is wide because
# a command that finds no cached reader model trains one (about 1.5 minutes on two busy
# cores), which twice took the chat tests past a two-minute limit in CI.
COMMAND_TIMEOUT_S = 360


def neighbourly(*args: str, env: dict[str, str], stdin: str = "", cwd: Path | None = None
                ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, cwd=cwd)


def query(database_url: str, statement):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(statement).all()
    finally:
        engine.dispose()


def test_help_is_there_for_every_command(cli_env):
    for args in (["--help"], ["chat", "--help"], ["db", "--help"], ["volunteers", "import", "--help"],
                 ["coordinator", "add", "--help"], ["serve", "--help"]):
        result = neighbourly(*args, env=cli_env)
        assert result.returncode == 0, result.stderr
        assert "usage: neighbourly" in result.stdout


def test_a_resident_request_completes_with_piped_messages(cli_env, database_url):
    result = neighbourly("chat", "--as", "07700 900123", env=cli_env, stdin=(
        "can someone get my shopping? I'm Albert, rm17 6sl\n12 Orsett Road\ntomorrow\nyes\n"))
    assert result.returncode == 0, result.stderr
    assert "you> tomorrow" in result.stdout
    assert "Your request R-" in result.stdout
    [(postcode, latitude)] = query(database_url, select(HelpRequest.postcode, HelpRequest.latitude))
    assert postcode == "RM17 6SL" and 51.4 < latitude < 51.6


def test_one_message_per_call_carries_the_conversation_on(cli_env):
    replies = [neighbourly("chat", "--as", "07700900124", env=cli_env, stdin=line + "\n").stdout
               for line in ("I'd like to volunteer", "Ian", "RM17 6SL", "2 miles")]
    assert "first name" in replies[0]
    assert "postcode" in replies[1]
    assert "How far" in replies[2]
    assert "What can you help with" in replies[3]


def test_a_conversation_killed_mid_way_resumes_at_the_same_step(cli_env, database_url):
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "chat", "--as", "07700900125"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               env=cli_env)
    process.stdin.write("shopping please, I'm Lydia\n")
    process.stdin.flush()
    seen = ""
    deadline = time.monotonic() + 60
    while "postcode" not in seen and time.monotonic() < deadline:
        seen += process.stdout.readline()
    assert "postcode" in seen
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdin.close()
    process.stdout.close()
    resumed = neighbourly("chat", "--as", "07700900125", env=cli_env, stdin="RM16 2XU\n")
    assert "house number" in resumed.stdout


def test_messages_sent_while_away_wait_in_the_console_inbox(cli_env, hub):
    from bot.services.sending.outbox import queue_message
    from bot.services.shared.unit_of_work import UnitOfWork
    from bot.services.shared.identities import find_or_create_person

    with UnitOfWork(hub.session_factory) as uow:
        person, _ = find_or_create_person(uow.session, "phone", "+447700900126")
        queue_message(uow.session, person, "A volunteer, Julia, is on her way.", hub.clock())
        uow.commit()
    first = neighbourly("chat", "--as", "07700900126", env=cli_env, stdin="")
    assert "1 message waiting" in first.stdout and "Julia" in first.stdout
    second = neighbourly("chat", "--as", "07700900126", env=cli_env, stdin="")
    assert "Julia" not in second.stdout


def test_a_coordinator_can_be_removed_but_never_the_last_one(cli_env, database_url):
    for phone, name in (("07700900555", "Carol"), ("07700900556", "Dan")):
        assert neighbourly("coordinator", "add", "--phone", phone, "--name", name,
                           env=cli_env).returncode == 0
    removed = neighbourly("coordinator", "remove", "--phone", "07700 900555", env=cli_env)
    assert removed.returncode == 0 and "Carol is no longer a coordinator" in removed.stdout
    last = neighbourly("coordinator", "remove", "--phone", "07700900556", env=cli_env)
    assert last.returncode != 0 and "Dan is the only coordinator" in last.stderr
    nobody = neighbourly("coordinator", "remove", "--phone", "07700900555", env=cli_env)
    assert nobody.returncode != 0 and "is a coordinator" in nobody.stderr
    listed = neighbourly("coordinator", "list", env=cli_env).stdout
    assert "Dan" in listed and "+447700900556" in listed and "Carol" not in listed
    actions = [action for (action,) in query(database_url, select(AuditEvent.action).where(
        AuditEvent.action.like("coordinator.%")).order_by(AuditEvent.id))]
    assert actions == ["coordinator.added", "coordinator.added", "coordinator.removed"]


def test_coordinator_add_is_idempotent(cli_env, database_url):
    first = neighbourly("coordinator", "add", "--phone", "07700900555", "--name", "Carol",
                        env=cli_env)
    again = neighbourly("coordinator", "add", "--phone", "+447700900555", "--name", "Carol",
                        env=cli_env)
    assert "now a coordinator" in first.stdout and "already a coordinator" in again.stdout
    assert query(database_url, select(func.count()).select_from(Person)) == [(1,)]


def test_volunteer_csv_import_reports_bad_rows_and_keeps_good_ones(cli_env, database_url,
                                                                   tmp_path):
    csv_file = tmp_path / "volunteers.csv"
    csv_file.write_text(
        "name,phone,telegram_id,postcode,radius_km,skills,availability,languages,age_band,"
        "experience,vetted\n"
        "Ian,07700 900001,,RM17 6SL,5,shopping;befriending,weekday evenings,en,65-74,,yes\n"
        "Bad,07700 900002,,XX,5,shopping,mon_morning,en,,,no\n"
        "Julia,07700 900003,,RM16 2XU,3,dog walking,sat_morning,en,,,dbs\n")
    result = neighbourly("volunteers", "import", str(csv_file), env=cli_env)
    assert result.returncode == 0
    assert f"{csv_file}:3: skipped" in result.stderr
    assert f"{csv_file}:4: not approved: no ID check" in result.stderr
    assert f"{csv_file}:2: warning: Ian: 'vetted=yes' is read as an ID check only" in result.stderr
    assert "Imported 2 new" in result.stdout
    assert "1 can't be offered shopping: no DBS check" in result.stdout.splitlines()
    assert "1 can't be offered dog walking: pending approval; no ID check" in result.stdout
    again = neighbourly("volunteers", "import", str(csv_file), env=cli_env)
    assert "Imported 0 new and updated 2" in again.stdout
    assert query(database_url, select(func.count()).select_from(VolunteerProfile)) == [(2,)]
    exported = tmp_path / "out.csv"
    neighbourly("volunteers", "export", str(exported), env=cli_env)
    assert exported.read_text().count("\n") == 3


@pytest.mark.parametrize("args, message", [
    (["chat", "--as", "123"], "not a valid phone number"),
    (["volunteers", "import", "/nonexistent.csv"], "cannot read"),
    (["coordinator", "add", "--telegram-id", "abc", "--name", "Carol"], "numeric"),
])
def test_errors_are_one_clear_line_not_a_traceback(cli_env, args, message):
    result = neighbourly(*args, env=cli_env)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unreachable_database_is_one_clear_line(cli_env, tmp_path):
    cli_env["NEIGHBOURLY_DATABASE_URL"] = f"sqlite:///{tmp_path}/no/such/dir/hub.db"
    result = neighbourly("chat", "--as", "07700900123", env=cli_env)
    assert result.returncode == 1
    assert "database problem" in result.stderr and "Traceback" not in result.stderr


def test_db_upgrade_works_from_any_folder(cli_env, empty_database_url, tmp_path):
    cli_env["NEIGHBOURLY_DATABASE_URL"] = empty_database_url
    result = neighbourly("db", "upgrade", env=cli_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "revision" in result.stdout


def test_an_offer_flows_end_to_end_between_terminals(cli_env, tmp_path):
    csv_file = tmp_path / "volunteers.csv"
    csv_file.write_text(
        "name,phone,telegram_id,postcode,radius_km,skills,availability,languages,age_band,"
        "experience,vetted\n"
        "Julia,07700 900011,,RM17 5AA,5,shopping,every day,en,45-54,,id;dbs\n"
        "Omar,07700 900012,,RM16 2XU,5,shopping,every day,en,25-34,,id;dbs\n")
    assert neighbourly("volunteers", "import", str(csv_file), env=cli_env).returncode == 0
    asked = neighbourly("chat", "--as", "07700 900123", env=cli_env, stdin=(
        "can someone get my shopping? I'm Albert, RM17 6SL\n12 Orsett Road\ntomorrow\nyes\n"))
    reference = asked.stdout.split("Your request ")[1].split(" ")[0].rstrip(".,:")
    julia = neighbourly("chat", "--as", "Julia", env=cli_env, stdin=f"YES {reference}\n")
    assert "waiting" in julia.stdout and "Albert needs" in julia.stdout
    assert "Why you:" in julia.stdout and "km" in julia.stdout
    assert "12 Orsett Road" in julia.stdout.split(f"you> YES {reference}")[1]
    omar = neighbourly("chat", "--as", "07700 900012", env=cli_env, stdin="")
    assert "already taken" in omar.stdout
    albert = neighbourly("chat", "--as", "07700 900123", env=cli_env, stdin="")
    assert "Julia will help" in albert.stdout


def test_export_writes_requests_as_csv(cli_env, tmp_path):
    neighbourly("chat", "--as", "07700 900123", env=cli_env, stdin=(
        "can someone get my shopping? I'm Albert, RM17 6SL\n12 Orsett Road\ntomorrow\nyes\n"))
    target = tmp_path / "requests.csv"
    result = neighbourly("export", "requests", str(target), env=cli_env)
    assert result.returncode == 0 and "Wrote 1 requests" in result.stdout
    exported = target.read_text()
    assert "shopping" in exported and "RM17" in exported and "Orsett" not in exported


def test_erase_and_purge_from_the_command_line(cli_env, database_url):
    neighbourly("chat", "--as", "07700 900124", env=cli_env, stdin=(
        "can someone get my shopping? I'm Albert, RM17 6SL\n12 Orsett Road\ntomorrow\nyes\n"))
    erased = neighbourly("erase", "--phone", "07700 900124", env=cli_env)
    assert erased.returncode == 0 and "1 open request cancelled" in erased.stdout
    again = neighbourly("erase", "--phone", "07700 900124", env=cli_env)
    assert again.returncode == 1 and "nobody uses" in again.stderr
    assert "Traceback" not in again.stderr and "900124" not in again.stderr  # masked
    assert query(database_url, select(func.count()).select_from(Person).where(
        Person.first_name == "Albert")) == [(0,)]
    purged = neighbourly("purge", env=cli_env)
    assert purged.returncode == 0 and "closed more than 365 days ago" in purged.stdout


def test_signposting_a_partner_need_and_a_receipt_as_a_new_user_would(cli_env, tmp_path):
    """Issue 7's try-out: food deliveries near a resident, a care home's need for three trained
    volunteers filled, and a shopping receipt confirmed, all through `neighbourly chat`."""
    directory = tmp_path / "directory.csv"
    directory.write_text(
        "name,kind,districts,postcode,phone,opening_hours,takes_payment_by_phone,notes\n"
        "Grays Village Stores,shop,RM17 RM16,RM17 6SL,01375 000111,9am-5pm,yes,\n"
        "Chelmsford Grocer,shop,CM1,,01245 000222,,no,\n"
        "Nowhere,bakery,RM17,,,,no,\n")
    imported = neighbourly("directory", "import", str(directory), env=cli_env)
    assert "Imported 2 new" in imported.stdout and f"{directory}:4: skipped" in imported.stderr
    asked = neighbourly("chat", "--as", "07700 900301", env=cli_env,
                        stdin="who delivers food near me? RM17 6SL\n")
    assert "Grays Village Stores (shop that delivers, takes payment by phone)" in asked.stdout
    assert "Chelmsford Grocer" not in asked.stdout

    volunteers = tmp_path / "volunteers.csv"
    volunteers.write_text(
        "name,phone,telegram_id,postcode,radius_km,skills,availability,languages,age_band,"
        "experience,vetted\n" + "".join(
            f"{name},07700 90040{n},,RM17 5AA,5,befriending;shopping,every day,en,45-54,,"
            "id;dbs;training\n" for n, name in enumerate(["Ann", "Bob", "Cat", "Dev"])))
    assert neighbourly("volunteers", "import", str(volunteers), env=cli_env).returncode == 0
    assert neighbourly("coordinator", "add", "--phone", "07700900555", "--name", "Carol",
                       env=cli_env).returncode == 0
    posted = neighbourly("chat", "--as", "07700900555", env=cli_env, stdin=(
        "PARTNER ADD Thurrock Care Home | care home | Sue 07700 900777\n"
        "NEED Thurrock Care Home | befriending | 3 | RM17 6SL | weekly | 1/12 to 28/2 | "
        "dbs training | chat with residents\n"))
    reference = posted.stdout.split(" posted for ")[0].split()[-1]
    assert reference.startswith("N-") and "Offered to 4" in posted.stdout
    answers = [neighbourly("chat", "--as", f"07700 90040{n}", env=cli_env,
                           stdin=f"YES {reference}\n").stdout for n in range(4)]
    assert sum("you're in" in answer for answer in answers) == 3
    assert "is full now" in answers[3]
    sue = neighbourly("chat", "--as", "07700 900777", env=cli_env, stdin="")
    assert sue.stdout.count("is coming to help with befriending") == 3

    lydia = neighbourly("chat", "--as", "07700 900302", env=cli_env, stdin=(
        "can someone get my shopping? I'm Lydia, RM17 6SL\n3 Orsett Road\ntomorrow\nyes\n3\n"))
    assert "How will you pay for the shopping?" in lydia.stdout and "Grays Village Stores" in lydia.stdout
    shopping = lydia.stdout.split("Your request ")[1].split(" ")[0].rstrip(".,:")
    ann = neighbourly("chat", "--as", "07700 900400", env=cli_env,
                      stdin=f"YES {shopping}\nDONE\n23.40\n")
    assert "What did the receipt come to?" in ann.stdout and "Noted: £23.40" in ann.stdout
    confirmed = neighbourly("chat", "--as", "07700 900302", env=cli_env, stdin="yes\n")
    assert "the receipt shows £23.40. Is that right?" in confirmed.stdout
    assert "How did it go with Ann?" in confirmed.stdout


def test_export_person_from_the_command_line_writes_json_and_is_audited(
        cli_env, database_url, tmp_path):
    assert neighbourly("chat", "--as", "07700900611", env=cli_env,
                       stdin="can someone walk my dog?\n").returncode == 0
    target = tmp_path / "albert.json"
    done = neighbourly("export", "person", "--phone", "07700 900611", str(target), env=cli_env)
    assert done.returncode == 0, done.stderr
    assert "review" in done.stdout
    report = json.loads(target.read_text(encoding="utf-8"))
    assert [m["text"] for m in report["messages_sent"]] == ["can someone walk my dog?"]
    nobody = neighbourly("export", "person", "--phone", "07700900999", "-", env=cli_env)
    assert nobody.returncode != 0 and "nobody uses" in nobody.stderr
    whose = neighbourly("export", "person", "-", env=cli_env)
    assert whose.returncode != 0 and "say whose data" in whose.stderr
    assert query(database_url, select(AuditEvent.action).where(
        AuditEvent.action == "person.data_exported")) == [("person.data_exported",)]
