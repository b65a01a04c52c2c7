"""`neighbourly demo`, run as a user would: a real process, a transcript on stdout, a kept
database that `neighbourly chat` carries on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fakes import shared_reader_cache


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEIGHBOURLY_")}
    # A postcode cache of its own: the first run builds the index, as on a fresh machine.
    env.update(NEIGHBOURLY_CACHE_DIR=str(tmp_path_factory.mktemp("postcode-cache")),
               PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
    env.update(shared_reader_cache())
    return env


def neighbourly(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def kept(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("demo") / "demo.db"


@pytest.fixture(scope="module")
def played(demo_env, kept) -> tuple[str, None]:
    """The transcript of seed 1. (How long it takes is measured by benchmarks/demo.py.)"""
    result = neighbourly("demo", "--seed", "1", "--keep", str(kept), env=demo_env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout, None


def said_to(transcript: str, name: str) -> list[str]:
    """Every message the hub sent this person, in order."""
    return re.findall(rf"^  \d\d:\d\d Hub → {name} \((?:sms|telegram)\): (.*)$", transcript,
                      re.MULTILINE)


def test_the_day_is_shown_in_numbered_steps(played):
    transcript, _ = played
    steps = re.findall(r"^\[(\d+)/(\d+)\] \d\d:\d\d  ", transcript, re.MULTILINE)
    assert [int(number) for number, _ in steps] == list(range(1, len(steps) + 1))
    assert len(steps) == int(steps[0][1]) >= 9
    assert "took 37 volunteers from the spreadsheet" in transcript


def test_every_residents_request_is_matched_with_the_reasons(played):
    transcript, _ = played
    matched = re.findall(r"^  Matching (R-\w+) \((\w[\w ]*), (\w+)\), round \d", transcript,
                         re.MULTILINE)
    kinds = {kind for _, kind, _ in matched}
    assert {"befriending", "shopping", "prescription"} <= kinds
    albert_offer = next(m for m in said_to(transcript, "Ian") if "Albert needs" in m)
    assert "Why you:" in albert_offer and "has lived experience of bereavement" in albert_offer
    betty_offer = next(m for m in said_to(transcript, "Margaret") if "Betty needs" in m)
    assert "has lived experience of dementia" in betty_offer
    assert any("Lydia needs shopping" in m and "km away" in m
               for m in said_to(transcript, "Julia"))
    for resident, volunteer in (("Albert", "Ian"), ("Lydia", "Julia"), ("Betty", "Margaret")):
        assert any(f"Good news, {resident}: {volunteer} will help" in m
                   for m in said_to(transcript, resident))
    assert sum("Good news, Frank:" in m for m in said_to(transcript, "Frank")) == 2


def test_offers_are_declined_accepted_and_moved_on_when_unanswered(played):
    transcript, _ = played
    assert re.search(r"\(telegram\): \[taps Decline\] NO R-\w+", transcript)
    assert "No problem, thank you for letting us know." in transcript
    assert re.search(r"\(telegram\): \[taps Accept\] YES R-\w+", transcript)
    assert re.search(r"R-\w+ is yours: shopping for Lydia, today\. Address: 3 Fleming Gardens",
                     transcript)
    assert re.search(r"The offer for R-\w+ has closed; we've asked someone else", transcript)
    assert "Another volunteer has already taken" in transcript
    # The coordinator's SHOW has the history: who declined, who accepted.
    assert re.search(r"\w+ said no at \d\d:\d\d", transcript)
    assert re.search(r"Ian accepted at \d\d:\d\d", transcript)
    assert re.search(r"Asked by SMS on \w+ \d+ \w+ at \d\d:\d\d", transcript)


def test_the_check_in_schedule_a_reminder_and_a_missed_call_that_escalates(played):
    transcript, _ = played
    assert re.search(r"^  Check-in calls on the schedule:\n    Ian rings Albert every \w+day "
                     r"between", transcript, re.MULTILINE)
    assert "Margaret rings Betty every day between" in transcript
    assert any(m.startswith("Reminder: please ring Albert") for m in said_to(transcript, "Ian"))
    # "...for an hour": the time a call took counts as time given (MY HOURS, STATS).
    assert ("Thank you for ringing Albert. It's logged. 1 hour noted: thank you for your time."
            in said_to(transcript, "Ian"))
    alert = next(m for m in said_to(transcript, "Carol") if m.startswith("CALLS MISSED"))
    assert "Betty (+447700900103)" in alert and "missed" in alert


def test_the_volunteers_concern_reaches_the_coordinator(played):
    transcript, _ = played
    concern = next(m for m in said_to(transcript, "Carol") if m.startswith("CONCERN C-"))
    assert "from Julia" in concern and "about Lydia" in concern and "unsteady" in concern
    assert any("Carol, a coordinator, is looking into it" in m
               for m in said_to(transcript, "Julia"))


def test_the_day_ends_with_the_coordinators_stats(played):
    transcript, _ = played
    assert transcript.rindex("Carol (telegram): STATS") > transcript.rindex("CALLS MISSED")
    stats = said_to(transcript, "Carol")[-1]
    assert stats.startswith("Today: 5 new")
    assert "Calls: 1 done" in stats and "1 missed" in stats


def test_chat_carries_on_as_the_demos_people_in_the_kept_database(played, kept, demo_env):
    transcript, _ = played
    assert f"NEIGHBOURLY_DATABASE_URL=sqlite:///{kept} neighbourly chat --as Margaret" in transcript
    env = dict(demo_env, NEIGHBOURLY_DATABASE_URL=f"sqlite:///{kept}")
    margaret = neighbourly("chat", "--as", "Margaret", env=env,
                           stdin="done - rang her this morning, she slept better\n")
    assert margaret.returncode == 0, margaret.stderr
    assert "Thank you for ringing Betty. It's logged." in margaret.stdout
    carol = neighbourly("chat", "--as", "Carol", env=env, stdin="STATS\n")
    assert carol.returncode == 0, carol.stderr
    assert "Volunteers: 35 active" in carol.stdout and "Concerns open: 0" in carol.stdout


def test_another_seed_plays_another_day(played, demo_env):
    transcript, _ = played
    other = neighbourly("demo", "--seed", "2", env=demo_env)
    assert other.returncode == 0, other.stderr
    references = re.compile(r"\bR-\w{4}\b")
    assert references.sub("", other.stdout) != references.sub("", transcript)
    assert "CALLS MISSED" in other.stdout and "Today: 5 new" in other.stdout
    # Without --keep, the way to carry on is printed as commands that work as printed.
    assert "  neighbourly demo --keep demo.db\n" \
           "  NEIGHBOURLY_DATABASE_URL=sqlite:///demo.db neighbourly chat --as Margaret\n" \
        in other.stdout


README = Path(__file__).resolve().parent.parent / "README.md"
ELIDED = ("...", "…")


def comparable(text: str) -> str:
    """A transcript with what changes from run to run and day to day made neutral: request
    references, dates and day names."""
    text = re.sub(r"\bR-[0-9A-Z]{4,}\b", "R-####", text)
    text = re.sub(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} "
                  r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", "<date>", text)
    text = re.sub(r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", "<date>",
                  text)
    return re.sub(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b",
                  "<day>", text)


def test_the_readmes_sample_transcript_is_what_the_demo_prints(played):
    """The front door matches the house: every line the README quotes from `neighbourly
    demo` is printed by it, in that order (dates, days and references aside)."""
    transcript, _ = played
    sample = re.search(r"<!-- demo transcript -->\n```text\n(.*?)```", README.read_text(),
                       flags=re.S)
    assert sample, "README.md has no marked demo transcript"
    printed = comparable(transcript).splitlines()
    position = 0
    for line in sample.group(1).splitlines():
        if line.strip() in ELIDED or not line.strip():
            continue
        wanted = comparable(line.rstrip())
        found = next((i for i in range(position, len(printed))
                      if printed[i].rstrip() == wanted), None)
        assert found is not None, f"the README quotes a line the demo does not print:\n{line}"
        position = found + 1


def test_keep_refuses_to_overwrite_a_file(demo_env, tmp_path):
    existing = tmp_path / "hub.db"
    existing.write_text("not a demo")
    result = neighbourly("demo", "--keep", str(existing), env=demo_env)
    assert result.returncode == 1
    assert "already exists" in result.stderr and "Traceback" not in result.stderr
    assert existing.read_text() == "not a demo"
