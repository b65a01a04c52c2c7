"""Launch day: `neighbourly serve` in a surge of new people, end to end (issue 20, part 3).

    python benchmarks/surge.py [--database sqlite|postgresql|both] [--pg-url URL]
                               [--residents 1000] [--volunteers 300] [--approved 400]
                               [--rate 10] [--connections 32] [--drain 30]
                               [--backlog-threshold N] [--no-kill] [--keep FOLDER] [--quick]

For each database: a fresh database with a coordinator and a few befrienders, a
real `neighbourly serve` (PostgreSQL: `--workers 2`) sending through the project's Twilio
test double, which accepts `--rate` messages a second and answers 429 above it. Then
signed SMS webhooks, as Twilio sends them, from many connections at once: new residents
each asking for help in their own words until the request is saved, new volunteers
signing up, and in the middle a few danger messages and befrienders' concerns. As on a
launch day, the volunteers who can take the requests are approved halfway (`--approved`
of them, with `neighbourly volunteers import`), so the requests left waiting meanwhile become a backlog for the exact solver; on PostgreSQL one server
process is killed (SIGKILL) at that moment, and the webhooks it dropped are sent again
with the same MessageSid, as Twilio's retries are. After the load the outbox gets
`--drain` seconds to send.

In the same run, with the same load tool, the floor server (benchmarks/floor.py:
signature checked, message and reply stored with the driver alone) gives the rate any
server on this stack could reach here. It gets the same surge (the same people and
messages, as many connections, the same warm-up), and `share_of_floor_rate` leaves out
the hub's halfway pause, while a second Python process imports the volunteers beside it
(the floor never shares the cores with one), so it compares like with like;
`share_of_floor_rate_with_pause` counts the whole run.

Prints JSON: inbound messages a second and p50/p99 answer time beside the floor's;
whether every message was stored once; from each request's last message to its first
offer (p50/p99); matched share, mean km and total score of the surge's first offers;
outbound sent a second against the allowed rate (over the whole run, and from the first
offer sent, when a backlog waits), 429s and messages sent twice; and each
outbox lane's wait from written to sent (p50/p99), lane 1 (safety) above all.

PostgreSQL comes from --pg-url, else NEIGHBOURLY_BENCH_DATABASE_URL, else
NEIGHBOURLY_TEST_DATABASE_URL, else a throwaway cluster (see benchmarks/inbound.py).
Every process started here is stopped before it ends, also on an error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import httpx
from sqlalchemy import create_engine, func, inspect, literal, select, text
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.inbound import (
    AUTH_TOKEN,
    free_port,
    neighbourly_env,
    postgres,
    read_response,
    wait_until_up,
)
from bot.channels.demo_people import SPREADSHEET
from bot.services.help_requests.offers import waiting_to_be_offered
from bot.settings import Settings
from models import (
    ContactIdentity,
    HelpRequest,
    InboundMessage,
    Offer,
    OutboundLane,
    OutboundMessage,
)

HUB_NUMBER = "+447700900001"
COORDINATOR_PHONE = "+447700900555"
# Thurrock's postcodes from the demo's volunteers: real ones, in the offline index.
POSTCODES = sorted({code for row in SPREADSHEET for code in row.postcodes
                    if code.startswith(("RM1", "RM2", "SS16", "SS17"))})
STREETS = ("Orsett Road", "London Road", "Hogg Lane", "Dock Road", "Clarence Road",
           "Stanford Road", "High Street", "Southend Road")
NAMES = ("Joan", "Peter", "Maureen", "Albert", "Irene", "Stan", "Doris", "Ken", "Mavis",
         "Roy", "Pat", "Derek", "Sheila", "Len", "Brenda", "Harold")
# Residents asking in their own words until the request is saved (each checked against
# the dialogue: the questions come in this order). The last line but the payment answer
# is the one that saves the request.
RESIDENT_SCRIPTS = (
    ("Hello, could someone get my shopping this week? I'm {name}, {postcode}",
     "{number} {street}", "yes", "3"),
    ("I need my prescription collected please", "{name}", "{postcode}", "{number} {street}",
     "any time", "yes", "1"),
    ("Hi it's {name} at {postcode}, my legs are bad and I can't walk the dog, could someone help?",
     "{number} {street}", "tomorrow", "yes"),
)
SAVES_REQUEST = {0: 2, 1: 5, 2: 3}  # script -> index of the message that saves the request
VOLUNTEER_SCRIPT = ("I'd like to volunteer", "{name}", "{postcode}", "3 miles", "1 2",
                    "any time", "English", "45", "SKIP", "yes")
DANGER = ("I've fallen and I can't get up, I'm bleeding", "I don't want to live any more")
CONCERN = "CONCERN my neighbour {name} hasn't been seen for three days and isn't answering"


# --- the Twilio double, at a set sending rate ------------------------------------

def twilio_double():
    """The project's Twilio double (tests/doubles) as an app, refusing with 429 and
    Retry-After what comes faster than SURGE_TWILIO_RATE a second, with /bench/stats."""
    from starlette.responses import JSONResponse

    from tests.doubles.twilio_api import FakeTwilio

    rate = float(os.environ["SURGE_TWILIO_RATE"])
    fake = FakeTwilio(auth_token=AUTH_TOKEN)
    native = _native_rate_limit(fake, rate)
    bucket = {"tokens": max(1.0, rate), "at": time.monotonic()}
    sent_at: list[float] = []
    refused = [0]

    def allowed() -> bool:
        now = time.monotonic()
        bucket["tokens"] = min(max(1.0, rate), bucket["tokens"] + (now - bucket["at"]) * rate)
        bucket["at"] = now
        if bucket["tokens"] >= 1:
            bucket["tokens"] -= 1
            return True
        return False

    async def app(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == "/bench/stats":
            response = JSONResponse({"sent_at": sent_at, "429": refused[0],
                                     "messages": [[m.to, m.body] for m in fake.messages]})
            await response(scope, receive, send)
            return
        creating = scope["type"] == "http" and scope["path"].endswith("/Messages.json")
        if creating and not native and not allowed():
            refused[0] += 1
            response = JSONResponse({"code": 20429, "message": "Too Many Requests",
                                     "status": 429}, status_code=429,
                                    headers={"Retry-After": "1"})
            await response(scope, receive, send)
            return

        async def observed(message):
            if creating and message["type"] == "http.response.start":
                if message["status"] == 201:
                    sent_at.append(time.time())
                elif message["status"] == 429:
                    refused[0] += 1
            await send(message)

        await fake.app(scope, receive, observed)

    return app


def _native_rate_limit(fake, rate: float) -> bool:
    """Hold the double to the rate with its own limit when it has one (True): a second's
    worth at once after a pause, as a sender's allowance is."""
    if not hasattr(fake, "limit_rate"):
        return False
    fake.limit_rate(rate, burst=max(1.0, rate))
    return True


# --- the surge: who writes what ---------------------------------------------------

@dataclass
class Message:
    sid: str
    phone: str
    body: str
    kind: str = ""  # "request" for the message that saves a request, "danger", "concern"


@dataclass
class Surge:
    conversations: list[list[Message]]
    approved_first: list[list[str]]
    approved_later: list[list[str]]
    warm_up: list[list[Message]]
    sids: set[str] = field(default_factory=set)


def plan_surge(run: str, residents: int, volunteers: int, approved: int,
               seed: int = 20) -> Surge:
    rng = random.Random(seed)
    sid = iter(range(10**9))
    conversations = []

    def conversation(phone: str, lines, values: dict, saves: int | None = None,
                     kind: str = "") -> list[Message]:
        return [Message(f"SM{run}{next(sid):010d}", phone, line.format(**values),
                        "request" if turn == saves else kind)
                for turn, line in enumerate(lines)]

    for resident in range(residents):
        script = resident % len(RESIDENT_SCRIPTS)
        values = {"name": rng.choice(NAMES), "postcode": rng.choice(POSTCODES),
                  "number": rng.randint(1, 120), "street": rng.choice(STREETS)}
        conversations.append(conversation(f"+4477011{resident:05d}", RESIDENT_SCRIPTS[script],
                                          values, SAVES_REQUEST[script]))
    for volunteer in range(volunteers):
        values = {"name": rng.choice(NAMES), "postcode": rng.choice(POSTCODES)}
        conversations.append(conversation(f"+4477012{volunteer:05d}", VOLUNTEER_SCRIPT, values))
    rng.shuffle(conversations)
    # The first few people warm the server up (imports, pools, the reader, the postcode
    # index) before the clock starts; their messages are stored and checked like the rest.
    warm_up = [conversation(f"+4477016{n:05d}", RESIDENT_SCRIPTS[n % len(RESIDENT_SCRIPTS)],
                            {"name": "Vera", "postcode": POSTCODES[0], "number": 1,
                             "street": STREETS[0]}, SAVES_REQUEST[n % len(RESIDENT_SCRIPTS)])
               for n in range(3)]
    rows = [[rng.choice(NAMES), f"+4477013{n:05d}", "", rng.choice(POSTCODES), "5",
             "shopping;prescription;dog_walking", "any time", "en",
             rng.choice(("25-34", "35-44", "45-54", "55-64", "65-74")), "", "yes",
             "id;dbs;training"] for n in range(approved)]
    # A few danger messages and concerns in the middle; the concerns from befrienders
    # approved before the launch (nobody in the surge asks for calls, so they take no offers).
    middle = len(conversations) // 2
    few = max(2, residents // 200)
    befrienders = [[rng.choice(NAMES), f"+4477015{n:05d}", "", rng.choice(POSTCODES), "5",
                    "befriending", "any time", "en", "55-64", "", "yes", "id;dbs;training"]
                   for n in range(few)]
    urgent = [conversation(f"+4477014{n:05d}", [DANGER[n % len(DANGER)]], {}, kind="danger")
              for n in range(few)]
    urgent += [conversation(befrienders[n][1], [CONCERN], {"name": rng.choice(NAMES)},
                            kind="concern") for n in range(few)]
    conversations[middle:middle] = urgent
    surge = Surge(conversations, befrienders, rows, warm_up)
    surge.sids = {message.sid for chat in conversations + warm_up for message in chat}
    return surge


def signed(message: Message, url: str, validator: RequestValidator) -> bytes:
    params = {"MessageSid": message.sid, "AccountSid": "AC" + "0" * 32, "From": message.phone,
              "To": HUB_NUMBER, "Body": message.body}
    form = urlencode(params).encode()
    host = url.split("/")[2]
    return (f"POST /twilio/sms HTTP/1.1\r\nHost: {host}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"X-Twilio-Signature: {validator.compute_signature(url, params)}\r\n"
            f"Content-Length: {len(form)}\r\n\r\n").encode() + form


# --- the load tool ----------------------------------------------------------------

@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)  # final answers, and retried ones
    answered_at: dict[str, float] = field(default_factory=dict)  # sid -> wall clock
    answered: list[float] = field(default_factory=list)  # perf_counter, from the start
    sent_again: int = 0
    seconds: float = 0.0
    # While the volunteers are imported halfway (a second Python process on the same two
    # cores) the server is not alone with the load, as the floor always is: that stretch
    # is left out of the rate compared with the floor's.
    paused: tuple[float, float] | None = None

    def rate_outside_pause(self) -> float:
        if self.paused is None:
            return len(self.answered) / self.seconds
        start, end = self.paused
        outside = sum(1 for at in self.answered if not start <= at <= end)
        return outside / (self.seconds - (end - start))


async def drive(port: int, conversations: list[list[Message]], connections: int,
                halfway=None) -> LoadResult:
    """Each connection takes a person and sends their messages one at a time, as people
    write. A webhook whose connection breaks (a killed process) is sent again, same sid."""
    url = f"http://127.0.0.1:{port}/twilio/sms"
    validator = RequestValidator(AUTH_TOKEN)
    queue: asyncio.Queue[list[Message]] = asyncio.Queue()
    for chat in conversations:
        queue.put_nowait(chat)
    total = sum(len(chat) for chat in conversations)
    result = LoadResult()
    halfway_done = asyncio.Event()

    async def connection() -> None:
        reader = writer = None
        try:
            while not queue.empty():
                for message in queue.get_nowait():
                    request = signed(message, url, validator)
                    for attempt in range(20):
                        if writer is None:
                            reader, writer = await asyncio.open_connection("127.0.0.1", port)
                        started = time.perf_counter()
                        try:
                            writer.write(request)
                            status = await read_response(reader)
                        except (ConnectionError, asyncio.IncompleteReadError):
                            writer.close()
                            reader = writer = None
                            result.sent_again += 1
                            result.statuses["connection lost, sent again"] += 1
                            await asyncio.sleep(0.2)
                            continue
                        if status >= 500:  # Twilio retries a failed webhook
                            result.sent_again += 1
                            result.statuses[f"{status}, sent again"] += 1
                            await asyncio.sleep(0.2)
                            continue
                        break
                    result.latencies.append(time.perf_counter() - started)
                    result.statuses[status] += 1
                    result.answered_at[message.sid] = time.time()
                    result.answered.append(time.perf_counter() - started_all)
                    if halfway is not None and len(result.latencies) == total // 2 \
                            and not halfway_done.is_set():
                        halfway_done.set()
                        pause_start = time.perf_counter() - started_all
                        await asyncio.get_running_loop().run_in_executor(None, halfway)
                        result.paused = (pause_start, time.perf_counter() - started_all)
                        # Idle meanwhile, past the server's keep-alive: a new connection.
                        writer.close()
                        reader = writer = None
        finally:
            if writer is not None:
                writer.close()

    started_all = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(connections)))
    result.seconds = time.perf_counter() - started_all
    return result


def percentiles(values: list[float], scale: float = 1000.0) -> dict:
    if not values:
        return {"count": 0}
    ordered = sorted(values)
    return {"count": len(ordered), "p50": round(statistics.median(ordered) * scale, 1),
            "p99": round(ordered[max(0, int(len(ordered) * 0.99) - 1)] * scale, 1)}


# --- processes ----------------------------------------------------------------------

@contextmanager
def process(command: list[str], env: dict[str, str], probe_url: str,
            log_path: Path) -> Iterator[subprocess.Popen]:
    """A server until the block ends; stopped (killed if it will not stop) on any exit."""
    with open(log_path, "w") as log:
        running = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=log, text=True)
        try:
            wait_until_up(probe_url, running, timeout=300)
            yield running
        finally:
            children = child_pids(running.pid)
            running.terminate()
            try:
                running.wait(timeout=30)
            except subprocess.TimeoutExpired:
                running.kill()
                running.wait()
            for pid in children:  # workers die with their parent; make sure of it
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def child_pids(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def cli(args: list[str], env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "bot.cli", *args], check=True, cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL)


def import_volunteers(rows: list[list[str]], env: dict[str, str], folder: Path,
                      name: str) -> None:
    path = folder / f"{name}.csv"
    with open(path, "w") as file:
        file.write("name,phone,telegram_id,postcode,radius_km,skills,availability,languages,"
                   "age_band,experience,vetted,checks\n")
        file.writelines(",".join(row) + "\n" for row in rows)
    cli(["volunteers", "import", str(path)], env)


# --- the floor, driven as the hub is ----------------------------------------------

def run_floor_surge(database_url: str, args, scratch: Path, label: str) -> dict:
    """benchmarks/floor.py under the same surge as the hub: the same people writing the
    same messages, from as many connections, through the same load tool, warmed up the
    same way; its rate over the whole run (it has no halfway pause)."""
    port = free_port()
    env = dict(os.environ, FLOOR_DATABASE_URL=database_url, FLOOR_AUTH_TOKEN=AUTH_TOKEN,
               FLOOR_PUBLIC_URL=f"http://127.0.0.1:{port}", PYTHONUNBUFFERED="1")
    surge = plan_surge(uuid.uuid4().hex[:6], args.residents, args.volunteers, args.approved)
    command = [sys.executable, "-m", "uvicorn", "--factory", "benchmarks.floor:floor_app",
               "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
               "--log-level", "warning"]
    with process(command, env, f"http://127.0.0.1:{port}/healthz",
                 scratch / f"{label}-floor.log"):
        asyncio.run(drive(port, surge.warm_up, len(surge.warm_up)))
        load = asyncio.run(drive(port, surge.conversations, args.connections))
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT count(DISTINCT sid), count(*) "
                                             "FROM floor_message")).one()
    finally:
        engine.dispose()
    return {"messages": len(load.latencies), "seconds": round(load.seconds, 3),
            "messages_per_second": round(len(load.latencies) / load.seconds, 1),
            "p50_ms": percentiles(load.latencies)["p50"],
            "p99_ms": percentiles(load.latencies)["p99"], "statuses": dict(load.statuses),
            "every_message_once": tuple(stored) == (len(surge.sids),) * 2}


# --- one database ---------------------------------------------------------------

def run_surge(label: str, database_url: str, args, scratch: Path, workers: int,
              kill_one: bool) -> dict:
    twilio_port, port = free_port(), free_port()
    env = neighbourly_env(database_url, port)
    cache = os.environ.get("NEIGHBOURLY_CACHE_DIR") or str(Path.home() / ".cache" / "neighbourly")
    env.update(NEIGHBOURLY_CACHE_DIR=cache, TWILIO_API_URL=f"http://127.0.0.1:{twilio_port}",
               TWILIO_MESSAGES_PER_SECOND=str(args.rate))
    if args.backlog_threshold:
        env["NEIGHBOURLY_BACKLOG_THRESHOLD"] = str(args.backlog_threshold)
    for name in ("NEIGHBOURLY_READER_CACHE_DIR",):  # a trained reader, if there is one
        if os.environ.get(name):
            env[name] = os.environ[name]
    run = uuid.uuid4().hex[:6]
    surge = plan_surge(run, args.residents, args.volunteers, args.approved)
    cli(["db", "upgrade"], env)
    # The reader is trained (or read from its cache) once here, not by each server starting.
    cli(["understand", "hello"], env)
    cli(["coordinator", "add", "--phone", COORDINATOR_PHONE, "--name", "Carol"], env)
    import_volunteers(surge.approved_first, env, scratch, f"{label}-first")

    double_env = dict(os.environ, SURGE_TWILIO_RATE=str(args.rate), PYTHONUNBUFFERED="1")
    double = [sys.executable, "-m", "uvicorn", "--factory", "benchmarks.surge:twilio_double",
              "--host", "127.0.0.1", "--port", str(twilio_port), "--no-access-log",
              "--log-level", "warning"]
    serve = [sys.executable, "-m", "bot.cli", "serve", "--workers", str(workers)]
    server_log = scratch / f"{label}-{workers}-serve.log"
    killed: list[int] = []
    approved_at: list[float] = []
    with process(double, double_env, f"http://127.0.0.1:{twilio_port}/bench/stats",
                 scratch / f"{label}-twilio.log"), \
            process(serve, env, f"http://127.0.0.1:{port}/healthz", server_log) as server:
        if workers > 1:
            time.sleep(5)  # /healthz answers once the first process is up; wait for the rest

        def halfway() -> None:
            # The coordinators approve the volunteers who signed up on paper meanwhile.
            approving = threading.Thread(target=import_volunteers, args=(
                surge.approved_later, env, scratch, f"{label}-later"))
            approving.start()
            if kill_one:
                workers_now = child_pids(server.pid)
                if workers_now:
                    os.kill(workers_now[0], signal.SIGKILL)
                    killed.append(workers_now[0])
            approving.join()
            approved_at.append(time.time())

        warm = asyncio.run(drive(port, surge.warm_up, len(surge.warm_up)))
        load = asyncio.run(drive(port, surge.conversations, args.connections, halfway))
        load.answered_at.update(warm.answered_at)
        drained_in = drain(database_url, args.drain,
                           args.backlog_threshold or Settings().backlog_threshold)
        stats = httpx.get(f"http://127.0.0.1:{twilio_port}/bench/stats", timeout=30).json()
    report = {
        "database": label, "server_processes": workers,
        "people": {"residents": args.residents, "volunteers_signing_up": args.volunteers,
                   "approved_volunteers": args.approved},
        "inbound": {
            "messages": len(load.latencies), "seconds": round(load.seconds, 2),
            "messages_per_second": round(len(load.latencies) / load.seconds, 1),
            "approval_pause_seconds": (round(load.paused[1] - load.paused[0], 2)
                                       if load.paused else 0.0),
            "messages_per_second_outside_pause": round(load.rate_outside_pause(), 1),
            "answer_ms": percentiles(load.latencies),
            "statuses": dict(load.statuses), "sent_again": load.sent_again,
        },
        "killed_worker": bool(killed),
        "drained_seconds": drained_in,
    }
    report.update(stored(database_url, surge, load, approved_at[0] if approved_at else None))
    report["outbound"] = outbound(stats, args.rate, first_offer_sent(database_url))
    report["lanes"] = lane_waits(database_url)
    report["backlog_runs"] = [line.split("backlog: ", 1)[1].strip()
                              for line in server_log.read_text().splitlines()
                              if "backlog: " in line]
    return report


def drain(database_url: str, seconds: float, threshold: int) -> float:
    """Let the hub work for up to `seconds`: until nothing waits to be sent and no backlog
    waits for the scheduler's next round (every 15 seconds) to be offered."""
    engine = create_engine(database_url)
    started = time.monotonic()
    try:
        while time.monotonic() - started < seconds:
            with engine.connect() as connection:
                unsent = connection.execute(select(func.count()).select_from(OutboundMessage)
                                            .where(OutboundMessage.status == "pending")).scalar()
                backlog = connection.execute(select(func.count()).select_from(HelpRequest)
                                             .where(waiting_to_be_offered())).scalar()
            if not unsent and backlog <= threshold:
                break
            time.sleep(0.5)
    finally:
        engine.dispose()
    return round(time.monotonic() - started, 1)


def stored(database_url: str, surge: Surge, load: LoadResult,
           approved_at: float | None) -> dict:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            sids = connection.execute(select(InboundMessage.channel_message_id)).scalars().all()
            mine = sorted(sid for sid in sids if sid in surge.sids)
            requests = connection.execute(
                select(HelpRequest.id, ContactIdentity.address)
                .join(ContactIdentity, ContactIdentity.person_id == HelpRequest.resident_id)
                .where(ContactIdentity.kind == "phone")).all()
            first_offers = connection.execute(
                select(Offer.request_id, Offer.offered_at, Offer.score, Offer.distance_km,
                       Offer.round, Offer.rank)
                .order_by(Offer.request_id, Offer.round, Offer.rank)).all()
    finally:
        engine.dispose()
    saved_by = {message.phone: message.sid for chat in surge.conversations + surge.warm_up
                for message in chat
                if message.kind == "request"}
    first: dict[int, tuple] = {}
    for row in first_offers:
        first.setdefault(row.request_id, row)
    # Requests saved before the volunteers were approved wait for them, by design.
    waits, waits_before, scores, km = [], [], [], []
    for request_id, phone in requests:
        offer = first.get(request_id)
        sid = saved_by.get(phone)
        if offer is None or sid is None or sid not in load.answered_at:
            continue
        scores.append(offer.score)
        if offer.distance_km is not None:
            km.append(offer.distance_km)
        saved_at = load.answered_at[sid]
        wait = max(0.0, offer.offered_at.timestamp() - saved_at)
        (waits_before if approved_at and saved_at < approved_at else waits).append(wait)
    created = len(requests)
    return {
        "stored": {"inbound": len(mine), "every_message_once": mine == sorted(surge.sids)},
        "requests": {"saved": created, "of_residents": len(saved_by)},
        "last_message_to_first_offer_ms": {
            "saved_once_volunteers_were_approved": percentiles(waits),
            "saved_before_any_could_take_it": percentiles(waits_before)},
        "matching": {"offered": len(scores),
                     "matched_share": round(len(scores) / created, 3) if created else None,
                     "mean_km": round(statistics.fmean(km), 2) if km else None,
                     "total_score": round(sum(scores), 2)},
    }


def outbound(stats: dict, rate: float, offers_from: float | None) -> dict:
    """Sent a second from the first send to the last, and from the first offer sent to the
    last send: before the volunteers are approved there is little to send (a coordinator's
    alert now and then), so only the second says how near the allowed rate the outbox
    keeps once a backlog of offers waits (the run ends with offers still waiting)."""
    sent = sorted(stats["sent_at"])
    twice = sum(count - 1 for count in Counter(map(tuple, stats["messages"])).values()
                if count > 1)
    per_second = sending_rate(sent)
    backlogged = sending_rate([moment for moment in sent
                               if offers_from is not None and moment >= offers_from])
    return {"sent": len(sent), "sent_per_second": per_second, "allowed_per_second": rate,
            "share_of_allowed": round(per_second / rate, 3) if per_second else None,
            "sent_per_second_once_offers_wait": backlogged,
            "share_of_allowed_once_offers_wait": round(backlogged / rate, 3)
            if backlogged else None,
            "429s": stats["429"], "sent_twice": twice}


def sending_rate(moments: list[float]) -> float | None:
    """Sends a second between the first and the last of these moments."""
    window = moments[-1] - moments[0] if len(moments) > 1 else 0.0
    return round((len(moments) - 1) / window, 2) if window else None


def first_offer_sent(database_url: str) -> float | None:
    """When the outbox sent its first offer, as a Unix time."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            first = connection.execute(select(func.min(OutboundMessage.sent_at)).where(
                OutboundMessage.lane == OutboundLane.OFFERS, OutboundMessage.attempts > 0)).scalar()
    finally:
        engine.dispose()
    return first.timestamp() if first is not None else None


def lane_waits(database_url: str) -> dict:
    """Each lane's wait from written to sent, of messages the outbox sent (not replies
    answered inline); with the messages still waiting at the end."""
    engine = create_engine(database_url)
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("outbound_messages")}
        known = "lane" in columns
        lane = OutboundMessage.lane if known else literal(0).label("lane")
        with engine.connect() as connection:
            rows = connection.execute(select(
                lane, OutboundMessage.created_at, OutboundMessage.sent_at,
                OutboundMessage.status, OutboundMessage.attempts)).all()
    finally:
        engine.dispose()
    waits: dict[int, list[float]] = defaultdict(list)
    waiting: Counter = Counter()
    dropped: Counter = Counter()
    for row in rows:
        if row.sent_at is not None and row.attempts:
            waits[row.lane].append((row.sent_at - row.created_at).total_seconds())
        elif row.status == "pending":
            waiting[row.lane] += 1
        elif row.status == "dropped":
            dropped[row.lane] += 1
    report = {"lanes_known": known}
    for number in sorted(set(waits) | set(waiting) | set(dropped)):
        report[f"lane_{number}"] = dict(percentiles(waits[number]), still_waiting=waiting[number],
                                        dropped=dropped[number])
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"],
                        help="default: both (with --quick, SQLite alone)")
    parser.add_argument("--pg-url", default=os.environ.get("NEIGHBOURLY_BENCH_DATABASE_URL")
                        or os.environ.get("NEIGHBOURLY_TEST_DATABASE_URL"))
    parser.add_argument("--residents", type=int, default=1000)
    parser.add_argument("--volunteers", type=int, default=300,
                        help="new volunteers signing up during the surge")
    parser.add_argument("--approved", type=int, default=400,
                        help="volunteers for the surge's requests, approved halfway through")
    parser.add_argument("--backlog-threshold", type=int,
                        help="NEIGHBOURLY_BACKLOG_THRESHOLD for the hub (default: its own)")
    parser.add_argument("--rate", type=float, default=10.0,
                        help="messages a second the Twilio double accepts (429 above)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--drain", type=float, default=30.0,
                        help="seconds the outbox gets after the load")
    parser.add_argument("--no-kill", action="store_true",
                        help="do not kill a PostgreSQL server process mid-surge")
    parser.add_argument("--keep", metavar="FOLDER",
                        help="keep the servers' logs and the SQLite databases in FOLDER")
    parser.add_argument("--quick", action="store_true",
                        help="a small surge that shows it all works, in under a minute")
    args = parser.parse_args()
    if args.quick:
        args.residents, args.volunteers, args.approved = 30, 8, 40
        args.connections, args.drain = 8, 30.0
        # So few requests still make a backlog worth solving.
        args.backlog_threshold = args.backlog_threshold or 5
    # A quick look is SQLite's unless PostgreSQL is asked for (it adds about 40 seconds).
    args.database = args.database or ("sqlite" if args.quick else "both")

    report = {"rate_allowed_per_second": args.rate, "connections": args.connections,
              "floor": {}, "runs": []}
    with tempfile.TemporaryDirectory(prefix="nb-surge-") as scratch_name:
        scratch = Path(args.keep or scratch_name)
        scratch.mkdir(parents=True, exist_ok=True)
        if args.database in ("sqlite", "both"):
            report["floor"]["sqlite"] = run_floor_surge(f"sqlite:///{scratch}/floor.db",
                                                        args, scratch, "sqlite")
            report["runs"].append(run_surge("sqlite", f"sqlite:///{scratch}/surge.db", args,
                                            scratch, 1, False))
        if args.database in ("postgresql", "both"):
            with postgres(args.pg_url) as url:
                report["floor"]["postgresql"] = run_floor_surge(url, args, scratch,
                                                                "postgresql")
            with postgres(args.pg_url) as url:
                report["runs"].append(run_surge("postgresql", url, args, scratch, 2,
                                                not args.no_kill))
    for run in report["runs"]:
        floor = report["floor"][run["database"]]
        run["inbound"]["floor_messages_per_second"] = floor["messages_per_second"]
        run["inbound"]["floor_answer_ms"] = {"p50": floor["p50_ms"], "p99": floor["p99_ms"]}
        # Like with like: the hub's rate while it was alone with the load, as the floor was.
        run["inbound"]["share_of_floor_rate"] = round(
            run["inbound"]["messages_per_second_outside_pause"]
            / floor["messages_per_second"], 3)
        run["inbound"]["share_of_floor_rate_with_pause"] = round(
            run["inbound"]["messages_per_second"] / floor["messages_per_second"], 3)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
