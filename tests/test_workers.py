"""`neighbourly serve --workers N`: several whole servers on one port, as an operator runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from sqlalchemy import create_engine, select
from twilio.request_validator import RequestValidator

from bot.settings import Settings, SettingsError
from models import InboundMessage
from fakes import shared_reader_cache

AUTH_TOKEN = "workers-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_env(database_url: str, port: int, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NEIGHBOURLY_", "TWILIO_", "TELEGRAM_"))}
    env.update(NEIGHBOURLY_DATABASE_URL=database_url, NEIGHBOURLY_PORT=str(port),
               NEIGHBOURLY_PUBLIC_URL=f"http://127.0.0.1:{port}",
               NEIGHBOURLY_CACHE_DIR=str(tmp_path / "cache"),
               TWILIO_ACCOUNT_SID="AC" + "0" * 32, TWILIO_AUTH_TOKEN=AUTH_TOKEN,
               # Nothing proactive is sent here; an unroutable address keeps it that way.
               TWILIO_FROM_NUMBER="+447700900001", TWILIO_API_URL="http://127.0.0.1:9",
               PYTHONUNBUFFERED="1")
    env.update(shared_reader_cache())
    return env


def workers_of(parent: int) -> set[int]:
    """The server processes the supervisor started (not multiprocessing's helper)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent and b"spawn_main" in command:
            found.add(int(entry.name))
    return found


def wait_until(condition, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.2)
    raise AssertionError("timed out waiting")


def is_up(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
    except httpx.TransportError:
        return False  # not listening yet


def text_the_hub(port: int, sid: str, phone: str, body: str) -> httpx.Response:
    url = f"http://127.0.0.1:{port}/twilio/sms"
    params = {"MessageSid": sid, "AccountSid": "AC1", "From": phone, "To": "+447700900001",
              "Body": body}
    # A new connection each time, so the kernel may hand it to either process.
    return httpx.post(url, content=urlencode(params), timeout=30, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": RequestValidator(AUTH_TOKEN).compute_signature(url, params)})


def sms_counted(port: int) -> int:
    """What /metrics says of SMS received, from whichever process takes the connection."""
    lines = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text.splitlines()
    [line] = [line for line in lines if line.startswith("neighbourly_messages_in_total{")]
    return int(float(line.rsplit(" ", 1)[1]))


def test_several_processes_need_postgresql_and_telegrams_webhook():
    assert Settings(workers=1).workers_problem() is None
    assert "PostgreSQL" in Settings(workers=2).workers_problem()
    on_postgres = dict(workers=2, database_url="postgresql+psycopg://hub@db/hub")
    assert Settings(**on_postgres).workers_problem() is None
    polling = Settings(**on_postgres, telegram_bot_token="123:abc")
    assert "NEIGHBOURLY_PUBLIC_URL" in polling.workers_problem()
    assert Settings(**on_postgres, telegram_bot_token="123:abc",
                    public_url="https://hub.example.org").workers_problem() is None
    with pytest.raises(SettingsError, match="at least 1"):
        Settings(workers=0)


def test_serve_with_several_workers_on_sqlite_says_why_not(tmp_path):
    env = serve_env(f"sqlite:///{tmp_path / 'hub.db'}", free_port(), tmp_path)
    result = subprocess.run([sys.executable, "-m", "bot.cli", "serve", "--workers", "2"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "several server processes need PostgreSQL" in result.stderr
    nought = subprocess.run([sys.executable, "-m", "bot.cli", "serve", "--workers", "0"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert nought.returncode == 1
    assert "NEIGHBOURLY_WORKERS must be at least 1 server process, not 0" in nought.stderr


def test_workers_share_the_port_a_dead_one_is_replaced_and_sigterm_stops_all(database_url,
                                                                              tmp_path):
    if database_url.startswith("sqlite"):
        pytest.skip("several server processes are for PostgreSQL")
    port = free_port()
    # The supervisor's temporary directory for the counts lands here, to be seen removed.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    server = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--workers", "2"],
                              env={**serve_env(database_url, port, tmp_path),
                                   "TMPDIR": str(temporary)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        first = wait_until(lambda: len(workers_of(server.pid)) == 2 and workers_of(server.pid))
        wait_until(lambda: is_up(port))
        assert text_the_hub(port, "SMwarm", "+447700900500", "hello").status_code == 200
        sids = []
        for number in range(12):
            sid = f"SMw{number:03d}"
            answer = text_the_hub(port, sid, f"+4477009006{number:02d}",
                                  "can someone get my shopping please")
            assert answer.status_code == 200 and "<Message>" in answer.text
            sids.append(sid)

        # Each process's counts are in the shared directory as they happen.
        [metrics_dir] = temporary.glob("neighbourly-metrics-*")
        assert list(metrics_dir.glob("counter_*.db"))  # a file for each process that counted
        assert [sms_counted(port) for _ in range(6)] == [13] * 6
        os.kill(min(first), signal.SIGKILL)
        replaced = wait_until(lambda: (now := workers_of(server.pid)) != first
                              and len(now) == 2 and now)
        assert min(first) not in replaced
        assert text_the_hub(port, "SMafter", "+447700900700", "hello").status_code == 200
        # Whichever process answers, /metrics counts the whole server, the killed
        # process's messages included (counters never go backwards).
        wait_until(lambda: [sms_counted(port) for _ in range(6)] == [14] * 6, timeout=10)

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        assert not workers_of(server.pid)
        assert not list(temporary.glob("neighbourly-metrics-*"))  # gone with the server
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate()
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(select(InboundMessage.channel_message_id)).scalars().all()
    finally:
        engine.dispose()
    assert sorted(stored) == sorted(["SMwarm", "SMafter", *sids])
