"""Inbound SMS throughput of `neighbourly serve`, against a bare endpoint, on loopback.

    python benchmarks/inbound.py [--database sqlite|postgresql|both] [--pg-url URL]
                                 [--residents 1000] [--connections 32] [--pg-workers 2]

For each database: a fresh database, a real `neighbourly serve` process,
and signed Twilio webhooks from many residents at once. Each resident starts
a new conversation and then replies (a new conversation for every three
replies), one message at a time, as people do. In the same run, with the same
load tool, a bare Starlette endpoint answering empty TwiML gives the ceiling,
and for each database a floor server (benchmarks/floor.py: signature checked,
message and reply stored with the driver, nothing else) shows how fast any
server on this web stack that keeps the messages could go here. PostgreSQL runs twice: one `serve`
process, then several (`--workers`).
Afterwards the database must hold every message exactly once. Prints JSON.

PostgreSQL comes from --pg-url, else NEIGHBOURLY_TEST_DATABASE_URL, else a
throwaway cluster started here (as .ci/run does; as root it runs as postgres).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

import httpx
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import InboundMessage, OutboundMessage  # noqa: E402

AUTH_TOKEN = "benchmark-auth-token"
CONVERSATION = ["I need some shopping please", "Albert", "STATUS", "HELP"]
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def bare_app():
    """The ceiling: the same web stack answering empty TwiML and doing nothing else."""
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    async def empty_twiml(request):
        await request.body()
        return Response(EMPTY_TWIML, media_type="application/xml")

    return Starlette(routes=[Route("/twilio/sms", empty_twiml, methods=["POST"])])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- the load tool: keep-alive HTTP/1.1 over asyncio streams, cheap per request ---

def signed_requests(public_url: str, residents: int, run: str) -> list[list[bytes]]:
    """Per resident, their messages in order, as complete HTTP requests."""
    validator = RequestValidator(AUTH_TOKEN)
    url = f"{public_url}/twilio/sms"
    host = public_url.removeprefix("http://")
    conversations = []
    for resident in range(residents):
        phone = f"+4477009{resident:05d}"
        requests = []
        for turn, body in enumerate(CONVERSATION):
            params = {"MessageSid": f"SM{run}{resident:06d}{turn}", "AccountSid": "AC1",
                      "From": phone, "To": "+447700900001", "Body": body}
            form = urlencode(params).encode()
            head = (f"POST /twilio/sms HTTP/1.1\r\nHost: {host}\r\n"
                    f"Content-Type: application/x-www-form-urlencoded\r\n"
                    f"X-Twilio-Signature: {validator.compute_signature(url, params)}\r\n"
                    f"Content-Length: {len(form)}\r\n\r\n").encode()
            requests.append(head + form)
        conversations.append(requests)
    return conversations


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


async def load(port: int, conversations: list[list[bytes]], connections: int) -> dict:
    queue: asyncio.Queue[list[bytes]] = asyncio.Queue()
    for conversation in conversations:
        queue.put_nowait(conversation)
    latencies: list[float] = []
    statuses: dict[int, int] = {}

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while not queue.empty():
                for request in queue.get_nowait():
                    started = time.perf_counter()
                    writer.write(request)
                    status = await read_response(reader)
                    latencies.append(time.perf_counter() - started)
                    statuses[status] = statuses.get(status, 0) + 1
        finally:
            writer.close()
            await writer.wait_closed()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "messages": len(latencies),
        "seconds": round(elapsed, 3),
        "messages_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 2),
        "statuses": statuses,
    }


# --- servers under test -------------------------------------------------------

def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def serving(command: list[str], env: dict[str, str], probe_url: str) -> Iterator[None]:
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(probe_url, process)
        yield
    finally:
        process.terminate()
        try:
            _, errors = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            _, errors = process.communicate()
        if errors and "Traceback" in errors:
            print(errors, file=sys.stderr)


def neighbourly_env(database_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NEIGHBOURLY_", "TWILIO_", "TELEGRAM_"))}
    env.update(
        NEIGHBOURLY_DATABASE_URL=database_url, NEIGHBOURLY_PORT=str(port),
        NEIGHBOURLY_PUBLIC_URL=f"http://127.0.0.1:{port}", NEIGHBOURLY_HUB_NAME="Bench Hub",
        TWILIO_ACCOUNT_SID="AC" + "0" * 32, TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        # Nothing proactive is sent in this run; an unroutable address keeps it that way.
        TWILIO_FROM_NUMBER="+447700900001", TWILIO_API_URL="http://127.0.0.1:9",
        PYTHONUNBUFFERED="1")
    return env


def count_stored(database_url: str, expected_sids: set[str]) -> dict:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            sids = connection.execute(select(InboundMessage.channel_message_id)).scalars().all()
            outbound = connection.execute(select(func.count()).select_from(OutboundMessage))
            return {
                "inbound_stored": len(sids),
                "every_message_once": sorted(sids) == sorted(expected_sids),
                "replies_stored": outbound.scalar_one(),
            }
    finally:
        engine.dispose()


def run_one(label: str, database_url: str, residents: int, connections: int,
            workers: int = 1) -> dict:
    python = sys.executable
    subprocess.run([python, "-m", "bot.cli", "db", "upgrade"], check=True, cwd=ROOT,
                   env=neighbourly_env(database_url, 0), stdout=subprocess.DEVNULL)
    port = free_port()
    run = uuid.uuid4().hex[:6]
    conversations = signed_requests(f"http://127.0.0.1:{port}", residents, run)
    command = [python, "-m", "bot.cli", "serve", "--workers", str(workers)]
    with serving(command, neighbourly_env(database_url, port),
                 f"http://127.0.0.1:{port}/healthz"):
        if workers > 1:
            time.sleep(5)  # /healthz answers once the first process is up; wait for the rest
        # A short warm-up on other residents, so imports and pools are ready.
        asyncio.run(load(port, signed_requests(f"http://127.0.0.1:{port}", 20, "warm")[:20], 4))
        result = asyncio.run(load(port, conversations, connections))
    expected = {f"SM{run}{r:06d}{t}" for r in range(residents) for t in range(len(CONVERSATION))}
    expected |= {f"SMwarm{r:06d}{t}" for r in range(20) for t in range(len(CONVERSATION))}
    result.update(count_stored(database_url, expected))
    result["database"] = label
    result["server_processes"] = workers
    return result


def run_app(factory: str, env: dict[str, str], port: int, residents: int,
            connections: int, run: str) -> dict:
    """Load on a plain uvicorn app (the bare endpoint, the floor)."""
    command = [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1",
               "--port", str(port), "--no-access-log", "--log-level", "warning"]
    with serving(command, dict(env, PYTHONUNBUFFERED="1"), f"http://127.0.0.1:{port}/healthz"):
        conversations = signed_requests(f"http://127.0.0.1:{port}", residents, run)
        return asyncio.run(load(port, conversations, connections))


def run_bare(residents: int, connections: int) -> dict:
    return run_app("benchmarks.inbound:bare_app", dict(os.environ), free_port(),
                   residents, connections, "bare")


def run_floor(database_url: str, residents: int, connections: int) -> dict:
    """benchmarks/floor.py: signature checked, message and reply stored with the driver."""
    port = free_port()
    env = dict(os.environ, FLOOR_DATABASE_URL=database_url, FLOOR_AUTH_TOKEN=AUTH_TOKEN,
               FLOOR_PUBLIC_URL=f"http://127.0.0.1:{port}")
    result = run_app("benchmarks.floor:floor_app", env, port, residents, connections, "floor")
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT count(DISTINCT sid), count(*) "
                                             "FROM floor_message")).one()
    finally:
        engine.dispose()
    result["every_message_once"] = tuple(stored) == (result["messages"],) * 2
    return result


# --- PostgreSQL ----------------------------------------------------------------

@contextmanager
def postgres(url: str | None) -> Iterator[str]:
    """A fresh database on the given server, or on a throwaway cluster."""
    if url:
        yield from fresh_database(url)
        return
    pg_bin = next(Path("/usr/lib/postgresql").glob("*/bin/initdb")).parent
    work = Path(tempfile.mkdtemp(prefix="nb-bench-pg-"))
    work.chmod(0o755)
    data, sock = work / "data", work / "sock"
    data.mkdir(), sock.mkdir()
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_pg:
        shutil.chown(data, "postgres"), shutil.chown(sock, "postgres")
    port = free_port()
    subprocess.run([*as_pg, str(pg_bin / "initdb"), "-D", str(data), "-A", "trust", "-U",
                    "postgres", "-E", "UTF8"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*as_pg, str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(data / "log"),
                    "-w", "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 "
                    "-c max_connections=200", "start"], check=True, stdout=subprocess.DEVNULL)
    try:
        yield from fresh_database(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres")
    finally:
        subprocess.run([*as_pg, str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


def fresh_database(admin_url: str) -> Iterator[str]:
    name = f"nb_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", default=os.environ.get("NEIGHBOURLY_TEST_DATABASE_URL"))
    parser.add_argument("--residents", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--pg-workers", type=int, default=2,
                        help="also run PostgreSQL with this many `serve` processes (1: don't)")
    args = parser.parse_args()

    report = {"messages_per_resident": len(CONVERSATION), "connections": args.connections,
              "bare_endpoint": run_bare(args.residents, args.connections),
              "floor": {}, "runs": []}
    size = (args.residents, args.connections)
    if args.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as scratch:
            report["floor"]["sqlite"] = run_floor(f"sqlite:///{scratch}/floor.db", *size)
            report["runs"].append(run_one("sqlite", f"sqlite:///{scratch}/bench.db", *size))
    if args.database in ("postgresql", "both"):
        with postgres(args.pg_url) as url:
            report["floor"]["postgresql"] = run_floor(url, *size)
        with postgres(args.pg_url) as url:
            report["runs"].append(run_one("postgresql", url, *size))
        if args.pg_workers > 1:
            with postgres(args.pg_url) as url:
                report["runs"].append(run_one("postgresql", url, *size, args.pg_workers))
    bare_rate = report["bare_endpoint"]["messages_per_second"]
    for run in report["runs"]:
        rate = run["messages_per_second"]
        run["share_of_bare_rate"] = round(rate / bare_rate, 3)
        run["share_of_floor_rate"] = round(
            rate / report["floor"][run["database"]]["messages_per_second"], 3)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
