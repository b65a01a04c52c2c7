"""`neighbourly demo`: a day in a hub, played on a fresh database and printed as a transcript.

Nothing here is a shortcut. The demo is a set of people at keyboards: it types
each person's messages into the same service entry point the console channel
uses (`ConversationService.receive`), reads what the hub queued for them from
the outbox the way `neighbourly chat` does (`take_console_inbox`), and moves a
clock the scheduler runs against (`run_due_work`), as `neighbourly serve` does
every few seconds. The hub's volunteers come in through the CSV import and the
coordinator through `add_coordinator`, as the CLI does them.

No channel has credentials, so every message waits in the console inbox; the
transcript labels each person with the channel they would use for real (SMS for
residents, Telegram for most volunteers). With `--keep FILE` the database stays,
and `neighbourly chat --as NAME` carries on as any of the day's people.
"""

from __future__ import annotations

import csv
import io
import random
import re
import shlex
import shutil
import textwrap
import time as timer
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from itertools import count
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.app import Hub
from bot.channels import demo_people as people
from bot.dialogue.render import as_plain_text
from bot.dialogue.types import Reply
from bot.services.coordinating import demo_views as views
from bot.services.running.conversations import IncomingMessage
from bot.services.people.coordinators import add_coordinator
from bot.services.shared.csv_cells import csv_writer
from bot.services.shared.identities import find_identity, normalise_phone
from bot.services.sending.outbox import CONSOLE, InboxMessage, take_console_inbox
from bot.services.running.scheduler import run_due_work
from bot.services.shared.unit_of_work import UnitOfWork
from bot.services.people.volunteers_csv import HEADER, import_volunteers
from bot.settings import Settings

# What the hub's day holds, in order; printed as "[3/11] 09:10 Albert asks ...".
STEPS = 11
REFERENCE = re.compile(r"\bR-[0-9A-Z]{4,}\b")
CONCERN_NUMBER = re.compile(r"\bC-(\d+)\b")


def demo_settings(settings: Settings, database_url: str) -> Settings:
    """A hub with the default rules and no credentials at all: nothing can leave the machine.

    Only the postcode cache folder is the user's own, so the index is built once."""
    return Settings(database_url=database_url, hub_name=people.HUB_NAME,
                    cache_dir=settings.cache_dir)


def demo_day(now: datetime, zone: ZoneInfo) -> date:
    """Yesterday, in the hub's time: the whole day is over before `chat` carries it on."""
    return now.astimezone(zone).date() - timedelta(days=1)


class DemoClock:
    """The hub's clock for the day; the demo moves it instead of waiting."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


class DemoStuck(RuntimeError):
    """The hub asked one of the demo's people something the script has no answer for."""


@dataclass
class Character:
    """Someone the demo plays, and how they reach the hub."""

    name: str
    kind: str  # views.PHONE or views.TELEGRAM
    address: str
    channel: str  # "sms" or "telegram", as the transcript shows it
    person_id: int | None = None
    # What the hub has said to them since they last wrote.
    heard: list[InboxMessage] = field(default_factory=list)


@dataclass
class Transcript:
    """Who said what, on which channel; readable in a terminal and when piped."""

    out: TextIO
    zone: ZoneInfo
    wrap: int | None = None  # wrap long messages to this width (a terminal), or not at all
    bold: bool = False
    steps_done: int = 0

    def step(self, moment: datetime, title: str) -> None:
        self.steps_done += 1
        heading = f"[{self.steps_done}/{STEPS}] {self.clock(moment)}  {title}"
        if self.bold:
            heading = f"\033[1m{heading}\033[0m"
        self.out.write(f"\n{heading}\n")
        self.out.flush()

    def clock(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%H:%M")

    def said(self, moment: datetime, speaker: str, text: str) -> None:
        self.lines(f"  {self.clock(moment)} {speaker}: ", text)

    def note(self, text: str) -> None:
        self.lines("  ", text)

    def lines(self, prefix: str, text: str) -> None:
        pad = " " * min(len(prefix), 12)
        lines = []
        for number, line in enumerate(text.split("\n")):
            first = prefix if number == 0 else pad
            if self.wrap and len(first) + len(line) > self.wrap:
                lines.extend(textwrap.wrap(line, self.wrap, initial_indent=first,
                                           subsequent_indent=pad, break_on_hyphens=False))
            else:
                lines.append(first + line)
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()


@dataclass
class Day:
    hub: Hub
    clock: DemoClock
    transcript: Transcript
    rng: random.Random
    characters: dict[int, Character] = field(default_factory=dict)
    # Offers each volunteer has on their phone and not yet answered: reference -> people.
    offers_open: dict[str, list[Character]] = field(default_factory=dict)
    message_ids: count = field(default_factory=lambda: count(1))

    # Time.

    def at(self, hour: int, minute: int) -> datetime:
        local = datetime.combine(self.day, time(hour, minute), tzinfo=self.transcript.zone)
        return local.astimezone(timezone.utc)

    @property
    def day(self) -> date:
        return self.clock.now.astimezone(self.transcript.zone).date()

    def wait_until(self, hour: int, minute: int) -> None:
        """Move the clock on, letting the scheduler do what falls due, as the server would."""
        self.clock.now = max(self.clock.now, self.at(hour, minute))
        self.run_scheduler()

    def run_scheduler(self) -> None:
        run_due_work(self.hub.session_factory, self.hub.offers, self.hub.concerns,
                     self.clock(), self.hub.checkins,
                     retention_days=self.hub.settings.retention_days,
                     receipts=self.hub.receipts, standing=self.hub.standing,
                     thanks=self.hub.thanks)
        self.deliver()

    def step(self, hour: int, minute: int, title: str) -> None:
        self.clock.now = max(self.clock.now, self.at(hour, minute))
        self.transcript.step(self.clock(), title)
        self.run_scheduler()

    # Talking.

    def send(self, who: Character, text: str, tapped: str | None = None) -> None:
        """One message from this person, into the same entry point the console uses."""
        self.clock.now += timedelta(minutes=1)
        shown = f"[taps {tapped}] {text}" if tapped else text
        self.transcript.said(self.clock(), f"{who.name} ({who.channel})", shown)
        who.heard.clear()
        handled = self.hub.conversations.receive(IncomingMessage(
            channel=CONSOLE, identity_kind=who.kind, address=who.address,
            channel_message_id=f"demo-{next(self.message_ids)}", text=text,
            received_at=self.clock()))
        if who.person_id is None:
            who.person_id = handled.person_id
            self.characters[handled.person_id] = who
        self.deliver(first=who)

    def deliver(self, first: Character | None = None) -> list[tuple[Character, InboxMessage]]:
        """Hand everyone the messages waiting for them (the sender's replies first)."""
        with UnitOfWork(self.hub.session_factory) as uow:
            waiting = views.waiting_on_channel(uow.session, CONSOLE)
            if first is not None and first.person_id in waiting:
                waiting.remove(first.person_id)
                waiting.insert(0, first.person_id)
            delivered = []
            for person_id in waiting:
                who = self.character(uow.session, person_id)
                for message in take_console_inbox(uow.session, person_id, self.clock()):
                    delivered.append((who, message))
            uow.commit()
        for who, message in delivered:
            self.transcript.said(self.clock(), f"Hub → {who.name} ({who.channel})",
                                 self.rendered(who, message))
            who.heard.append(message)
            for choice in message.choices:
                reference = REFERENCE.search(choice.value)
                if choice.value.upper().startswith("YES ") and reference:
                    self.offers_open.setdefault(reference.group(0), []).append(who)
        return delivered

    def rendered(self, who: Character, message: InboxMessage) -> str:
        if not message.choices:
            return message.body
        if who.channel == "telegram":  # buttons under the message
            buttons = " ".join(f"[{choice.label}]" for choice in message.choices)
            return f"{message.body}\n{buttons}"
        return as_plain_text(Reply(message.body, message.choices), "en")

    def character(self, session, person_id: int) -> Character:
        if person_id not in self.characters:  # someone the demo has not met: shown by name
            seen = views.someone(session, person_id)
            channel = "telegram" if seen.kind == views.TELEGRAM else "sms"
            self.characters[person_id] = Character(seen.name, seen.kind, seen.address, channel,
                                                   person_id)
        return self.characters[person_id]

    def converse(self, who: Character, opening: str, answers: tuple[tuple[str, str], ...],
                 done_when: str) -> None:
        """Say `opening`, then answer each question the hub asks from what this person
        knows (see `answer_to`), until the hub has said `done_when` and asks nothing more
        they know the answer to. The hub may ask in any order, or ask more than usual."""
        self.send(who, opening)
        done = False
        for _ in range(20):
            done = done or any(done_when.lower() in heard.body.lower() for heard in who.heard)
            answer = answer_to(who.heard[-1], answers) if who.heard else None
            if answer is None and done:
                return
            if answer is None:
                raise DemoStuck(f"{who.name} does not know what to answer to: "
                                f"{who.heard[-1].body if who.heard else '(nothing)'!r}")
            self.send(who, answer)
        raise DemoStuck(f"{who.name}'s conversation went round in circles")

    def answer_if_asked(self, who: Character, question: str, answer: str) -> bool:
        """Reply as this person if the hub has just asked them something containing
        `question`; the hub asks some things only in some cases (how a resident pays, what
        the receipt came to), and a person answers what they are asked."""
        if any(question.lower() in heard.body.lower() for heard in who.heard):
            self.send(who, answer)
            return True
        return False

    def named(self, name: str) -> Character:
        return next(c for c in self.characters.values() if c.name == name)

    # Offers.

    def latest_reference(self, who: Character) -> str:
        with UnitOfWork(self.hub.session_factory) as uow:
            return views.latest_reference(uow.session, who.person_id)

    def show_matches(self, reference: str) -> None:
        """The matching engine's choice for the newest round, with its reasons."""
        with UnitOfWork(self.hub.session_factory) as uow:
            matching = views.latest_matching(uow.session, reference)
        if matching.round is None:
            self.transcript.note(f"Matching {reference}: nobody yet "
                                 f"({matching.unmatched_reason}).")
            return
        what = matching.category.replace("_", " ")
        lines = [(f"Matching {reference} ({what}, {matching.district}), round "
                  f"{matching.round}: offered to the best {len(matching.offers)} of the "
                  "approved volunteers")]
        for offer in matching.offers:
            lines.append(f"  {offer.rank}. {offer.volunteer}: {offer.reasons}")
        self.transcript.note("\n".join(lines))

    def answer_offers(self, reference: str, helper: str | None, declines: int = 1) -> str:
        """The volunteers offered this request answer it: `declines` of them say no, then
        the helper (or, if they were not asked, the first asked) says yes. Returns who won."""
        for round_number in range(1, 7):
            open_now = self.offers_open.pop(reference, [])
            if not open_now:
                break
            winner = next((c for c in open_now if c.name == helper), None)
            others = [c for c in open_now if c is not winner]
            if winner is None and helper is not None and round_number < 3:
                # The helper was not asked this round: everyone asked passes and the next
                # round goes out, as it would if they were all busy.
                for who in others:
                    self.tap(who, reference, accept=False)
                continue
            winner = winner or others.pop(0)
            for who in self.rng.sample(others, min(declines, len(others))):
                self.tap(who, reference, accept=False)
            self.tap(winner, reference, accept=True)
            return winner.name
        raise DemoStuck(f"nobody took {reference}")

    def tap(self, who: Character, reference: str, accept: bool) -> None:
        answer = f"{'YES' if accept else 'NO'} {reference}"
        if who.channel == "telegram":
            self.send(who, answer, tapped="Accept" if accept else "Decline")
        else:
            self.send(who, answer)

    def show_schedules(self) -> None:
        with UnitOfWork(self.hub.session_factory) as uow:
            booked = views.booked_calls(uow.session, self.hub.checkins.describe)
        lines = ["Check-in calls on the schedule:"]
        for calls in booked:
            lines.append(f"  {calls.volunteer} rings {calls.resident} {calls.when} (next: "
                         f"{calls.next_call_at.astimezone(self.transcript.zone):%a %-d %b %H:%M})")
        self.transcript.note("\n".join(lines))


def answer_to(message: InboxMessage, answers: tuple[tuple[str, str], ...]) -> str | None:
    """A person's answer to the hub's question: YES to a yes-or-no question (consent, the
    volunteer code), else what they know about the subject asked last in the message."""
    if [choice.value for choice in message.choices] == ["YES", "NO"]:
        return "yes"
    text = message.body.lower()
    asked = [(text.rfind(subject.lower()), answer) for subject, answer in answers
             if subject.lower() in text]
    return max(asked)[1] if asked else None


def spreadsheet(rng: random.Random) -> tuple[str, list[Character]]:
    """The hub's volunteer spreadsheet as CSV text, and the people in it."""
    stream = io.StringIO()
    writer = csv_writer(stream)
    writer.writerow(HEADER)
    characters = []
    for number, row in enumerate(people.SPREADSHEET):
        phone = f"07700 {people.FIRST_VOLUNTEER_PHONE + number}"
        telegram_id = str(people.FIRST_VOLUNTEER_TELEGRAM_ID + number)
        on_telegram = row.channel == "telegram"
        writer.writerow([row.name, phone, telegram_id if on_telegram else "",
                         rng.choice(row.postcodes), f"{row.radius_km:g}", row.skills,
                         row.availability, row.languages, row.age_band, row.experience,
                         row.vetted])
        characters.append(Character(row.name, views.TELEGRAM if on_telegram
                                    else views.PHONE,
                                    telegram_id if on_telegram else normalise_phone(phone),
                                    row.channel))
    return stream.getvalue(), characters


def resident(who: people.Resident) -> Character:
    return Character(who.name, views.PHONE, normalise_phone(who.phone), "sms")


def play(hub: Hub, clock: DemoClock, transcript: Transcript, seed: int) -> Day:
    """The day, from opening to the coordinator's STATS."""
    rng = random.Random(seed)
    day = Day(hub, clock, transcript, rng)
    transcript.step(clock(), "The hub opens: Carol coordinates; 37 volunteers come in from "
                             "the hub's spreadsheet")
    open_the_hub(day)
    day.step(8, 32, "Ian, Julia and Priya sign up in the chat; Carol checks and approves")
    sign_up_volunteers(day)
    day.step(9, 10, "Albert, who lost his partner, asks for someone to ring him now and then")
    albert_asks_for_calls(day)
    day.step(9, 45, "Lydia asks for shopping today")
    lydia_asks_for_shopping(day)
    day.step(10, 15, "Betty, caring for her husband with dementia, asks for regular calls")
    betty_asks_for_calls(day)
    day.step(10, 50, "Mr F (Frank, 84, carer for his wife) asks for food shopping")
    frank_asks_for_food(day)
    day.step(11, 55, "Nobody answered Mr F's offers in time; his wife's prescription too")
    frank_offers_move_on(day)
    day.step(12, 10, "Julia delivers Lydia's shopping and raises a concern")
    julia_delivers_and_worries(day)
    day.step(13, 0, "The check-in calls: Ian is reminded, rings Albert and logs it")
    ian_rings_albert(day)
    day.step(16, 0, "Margaret's daily call to Betty is missed, and the hub escalates")
    margarets_call_is_missed(day)
    day.step(19, 45, "Carol looks back on the day")
    carol_reviews_the_day(day)
    return day


def open_the_hub(day: Day) -> None:
    hub, now = day.hub, day.clock()
    with UnitOfWork(hub.session_factory) as uow:
        carol, _ = add_coordinator(uow.session, views.TELEGRAM, people.CAROL_TELEGRAM_ID,
                                   "Carol", now)
        uow.commit()
        day.characters[carol.id] = Character("Carol", views.TELEGRAM,
                                             people.CAROL_TELEGRAM_ID, "telegram", carol.id)
    text, characters = spreadsheet(day.rng)
    if not postcode_index_cached(hub.settings):
        day.transcript.note("(First run: building the offline postcode index from Code-Point "
                            "Open, once, in a few seconds...)")
    with UnitOfWork(hub.session_factory) as uow:
        report = import_volunteers(uow.session, io.StringIO(text), hub.locate_postcode, now)
        uow.commit()
        for character in characters:
            character.person_id = find_identity(uow.session, character.kind,
                                                character.address).person_id
            day.characters[character.person_id] = character
    if report.errors:
        raise RuntimeError(f"the demo's spreadsheet has bad rows: {report.errors}")
    pending = sum(1 for row in people.SPREADSHEET if row.vetted == "no")
    day.transcript.note(
        f"Carol is the coordinator (Telegram). `neighbourly volunteers import` took "
        f"{report.added} volunteers from the spreadsheet ({report.added - pending} checked "
        f"and approved, {pending} waiting for checks), across "
        f"{len({row.postcodes[0].split()[0] for row in people.SPREADSHEET})} postcode "
        "districts from Purfleet to Chelmsford, e.g.:")
    shown = io.StringIO(text)
    for line in list(csv.reader(shown))[1:5]:
        day.transcript.note(f"  {line[0]}, {line[3]}, {line[5]}, {line[6]}, age {line[8]}"
                            + (f", \"{line[9]}\"" if line[9] else ""))


def postcode_index_cached(settings: Settings) -> bool:
    from bot.geo.postcodes import cache_file_path

    return cache_file_path(Path(settings.cache_dir)).exists()


def sign_up_volunteers(day: Day) -> None:
    ian = Character("Ian", views.TELEGRAM, people.IAN_TELEGRAM_ID, "telegram")
    julia = Character("Julia", views.TELEGRAM, people.JULIA_TELEGRAM_ID, "telegram")
    priya = Character("Priya", views.PHONE, normalise_phone(people.PRIYA_PHONE), "sms")
    day.converse(ian, "I'd like to volunteer", volunteer_answers(
        "Ian", "RM17 6QJ", "2 miles", "befriending and shopping", "weekday afternoons",
        "just English", "65-74",
        "I lost my wife two years ago, so I know how quiet the house gets"), "signed up")
    day.converse(julia, "Hi, I want to help with shopping", volunteer_answers(
        "Julia", "RM16 2ST", "3 miles", "1 2 4", "every day", "English", "45-54", "skip"),
        "signed up")
    day.converse(priya, "VOLUNTEER", volunteer_answers(
        "Priya", "RM20 3JF", "5 km", "befriending", "weekday evenings", "English and Punjabi",
        "25-34", "I help look after my nan, who is hard of hearing"), "signed up")
    carol = day.named("Carol")
    day.send(carol, "APPROVE Ian ID DBS TRAINING")
    day.send(carol, "APPROVE Julia ID DBS")
    day.transcript.note("(Priya's ID check is booked for next week: she waits, and gets no "
                        "offers until then.)")


def volunteer_answers(name, postcode, radius, skills, free, languages, age, lived
                      ) -> tuple[tuple[str, str], ...]:
    """What a volunteer signing up answers to each of the hub's questions."""
    return (("first name", name), ("postcode", postcode), ("how far", radius),
            ("what can you help with", skills), ("usually free", free),
            ("languages", languages), ("age band", age), ("lived through", lived),
            ("do you agree", "yes"))


def resident_answers(who: people.Resident, need: str, *extra: tuple[str, str]
                     ) -> tuple[tuple[str, str], ...]:
    """What a resident answers to the hub's usual questions (and any extra ones)."""
    return extra + (("first name", who.name), ("postcode", who.postcode),
                    ("house number", who.address), ("is that ok", "yes"),
                    ("what do you need help with", need))


def albert_asks_for_calls(day: Day) -> None:
    albert = resident(people.ALBERT)
    day.converse(albert, day.rng.choice(people.ALBERT_ASKS), resident_answers(
        people.ALBERT, "3", ("how old", "I'm 84"), ("when suits you", "afternoons are best")),
        "is saved")
    reference = day.latest_reference(albert)
    day.show_matches(reference)
    day.answer_offers(reference, "Ian", declines=1)
    weekday = day.day.strftime("%A")
    day.send(day.named("Ian"), f"{weekday}s {day.rng.choice(('2pm', '3pm'))}")


def lydia_asks_for_shopping(day: Day) -> None:
    lydia = resident(people.LYDIA)
    day.converse(lydia, day.rng.choice(people.LYDIA_ASKS), resident_answers(
        people.LYDIA, "1", ("when do you need", "today"), ("how will you pay", "3")),
        "is saved")
    reference = day.latest_reference(lydia)
    day.show_matches(reference)
    day.answer_offers(reference, "Julia", declines=1)


def betty_asks_for_calls(day: Day) -> None:
    betty = resident(people.BETTY)
    day.converse(betty, day.rng.choice(people.BETTY_ASKS), resident_answers(
        people.BETTY, "3", ("how old", "skip"),
        ("when suits you", "evenings, once he's settled")), "is saved")
    reference = day.latest_reference(betty)
    day.show_matches(reference)
    day.answer_offers(reference, "Margaret", declines=1)
    day.send(day.named("Margaret"), f"every day {day.rng.choice(('5pm', '6pm'))}")


def frank_asks_for_food(day: Day) -> None:
    frank = resident(people.FRANK)
    day.converse(frank, day.rng.choice(people.FRANK_ASKS), resident_answers(
        people.FRANK, "1", ("how old", "84"), ("when do you need", "tomorrow"),
        ("how will you pay", "2")), "is saved")
    reference = day.latest_reference(frank)
    day.show_matches(reference)
    # One passes; the others are at work and do not see it in time.
    asked = day.offers_open.pop(reference, [])
    if asked:
        day.tap(day.rng.choice(asked), reference, accept=False)
    day.send(day.named("Carol"), "QUEUE")


def frank_offers_move_on(day: Day) -> None:
    frank = day.named("Frank")
    food = day.latest_reference(frank)
    day.show_matches(food)
    day.answer_offers(food, None, declines=0)
    day.converse(frank, "Please could someone also collect my wife's prescription tomorrow",
                 resident_answers(people.FRANK, "2", ("when do you need", "tomorrow"),
                                  ("how will you pay", "2")), "is saved")
    medicine = day.latest_reference(frank)
    day.show_matches(medicine)
    day.answer_offers(medicine, None, declines=1)


def julia_delivers_and_worries(day: Day) -> None:
    julia, lydia = day.named("Julia"), day.named("Lydia")
    reference = day.latest_reference(lydia)
    day.send(julia, f"DONE {reference}")
    day.answer_if_asked(julia, "receipt", "18.60")
    day.answer_if_asked(lydia, "receipt", "yes")
    day.answer_if_asked(lydia, "How did it go", "Julia was lovely, thank you. She even put "
                                                "the kettle on.")
    day.clock.now += timedelta(minutes=5)
    day.send(julia, f"CONCERN {reference} Lydia was very unsteady on her feet, holding on to "
                    "the walls. She's hard of hearing and on her own since her husband went "
                    "into hospital.")
    carol = day.named("Carol")
    day.clock.now += timedelta(minutes=10)
    day.send(carol, "CONCERNS")
    number = concern_number(day)
    day.send(carol, f"ACK C-{number}")
    day.clock.now += timedelta(minutes=20)
    day.send(carol, f"RESOLVE C-{number} Rang Lydia for a welfare call: she's OK but shaky. "
                    "Falls team visit booked, and a daily check call until her husband is home.")


def concern_number(day: Day) -> int:
    with UnitOfWork(day.hub.session_factory) as uow:
        bodies = views.told(uow.session, day.named("Carol").person_id)
    for body in bodies:
        found = CONCERN_NUMBER.search(body)
        if found:
            return int(found.group(1))
    raise RuntimeError("the concern never reached the coordinator")


def ian_rings_albert(day: Day) -> None:
    day.show_schedules()
    with UnitOfWork(day.hub.session_factory) as uow:
        start = views.call_start_minute(uow.session, "Albert")
    # The reminder comes an hour before; Ian logs the call after it.
    day.wait_until((start - 60) // 60, (start - 60) % 60)
    finished = day.at(start // 60, start % 60) + timedelta(minutes=40)
    day.wait_until(finished.astimezone(day.transcript.zone).hour,
                   finished.astimezone(day.transcript.zone).minute)
    day.send(day.named("Ian"), "done - we talked about his allotment and the war for an "
                               "hour. He laughed a lot. Same time next week.")


def margarets_call_is_missed(day: Day) -> None:
    with UnitOfWork(day.hub.session_factory) as uow:
        start = views.call_start_minute(uow.session, "Betty")
    day.transcript.note("Margaret is reminded an hour before; then she is kept late on the "
                        "ward, and nothing is logged before the call's window closes. A daily "
                        "call that does not happen reaches a coordinator the same day.")
    window = day.hub.checkins.policy.window
    day.wait_until((start - 60) // 60, (start - 60) % 60)
    closes = day.at(start // 60, start % 60) + window + timedelta(minutes=5)
    day.wait_until(closes.astimezone(day.transcript.zone).hour,
                   closes.astimezone(day.transcript.zone).minute)


def carol_reviews_the_day(day: Day) -> None:
    carol = day.named("Carol")
    albert = day.latest_reference(day.named("Albert"))
    day.send(carol, f"SHOW {albert}")
    day.send(carol, "STATS")


@dataclass(frozen=True)
class Finished:
    seconds: float
    day: Day


def run_demo(hub: Hub, clock: DemoClock, out: TextIO, seed: int, kept: Path | None,
             started: float | None = None) -> Finished:
    """Play the day onto `out`; `started` (a perf_counter reading) is when setting up began."""
    started = timer.perf_counter() if started is None else started
    zone = ZoneInfo(hub.settings.timezone)
    tty = out.isatty()
    width = shutil.get_terminal_size((100, 24)).columns if tty else None
    transcript = Transcript(out, zone, wrap=min(width, 110) if width else None, bold=tty)
    transcript.lines("", f"{people.HUB_NAME}: a day in the hub, "
                         f"{clock().astimezone(zone):%A %-d %B %Y} (seed {seed}).")
    transcript.lines("", "Every message goes through the same dialogue engine and services as "
                         "the real hub, on a fresh SQLite database. Nothing is sent: what would "
                         "go by SMS or Telegram is shown here.")
    day = play(hub, clock, transcript, seed)
    seconds = timer.perf_counter() - started
    out.write(f"\nThe day played in {seconds:.1f} s.\n")
    if kept is not None:
        url = shlex.quote(f"sqlite:///{kept}")
        transcript.lines("", f"The database is kept in {kept}. Carry on as anyone in it, e.g. "
                             "as Margaret, who still has Betty's call to log (text DONE):")
        out.write(f"  NEIGHBOURLY_DATABASE_URL={url} neighbourly chat --as Margaret\n")
        transcript.lines("", "Or --as Albert, Lydia, Betty, Frank, Ian, Julia, Priya, Carol "
                             "(try STATS, QUEUE, CONCERNS), or any volunteer's name.")
    else:
        transcript.lines("", "To carry on as any of them, keep the database, then talk to it "
                             "as Margaret (or anyone else in the day):")
        out.write("  neighbourly demo --keep demo.db\n"
                  "  NEIGHBOURLY_DATABASE_URL=sqlite:///demo.db neighbourly chat --as Margaret\n")
    out.flush()
    return Finished(seconds, day)


def keep_path_problem(path: Path) -> str | None:
    """Why the database cannot be kept at PATH, or None."""
    if path.exists():
        return f"{path} already exists: choose a new file name for --keep"
    if not path.parent.exists():
        return f"cannot keep the database in {path}: the folder {path.parent} does not exist"
    return None
