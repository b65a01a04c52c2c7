"""The cost of handling one message, without HTTP: `ConversationService.receive` alone.

    python benchmarks/receive.py [--database sqlite|postgresql|both] [--pg-url URL]
                                 [--residents 300]

The same messages as benchmarks/inbound.py (a resident's first message, their
name, STATUS, HELP), each through `receive` with the SMS keyword screen, one
after another in this process. Prints JSON: milliseconds per message overall
and per kind, and how many SQL statements each kind takes. Where inbound.py
says how fast the server is, this says where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.inbound import CONVERSATION, postgres  # noqa: E402
from bot.app import build_hub, ready_to_serve  # noqa: E402
from bot.database import upgrade_database  # noqa: E402
from bot.services.running.conversations import IncomingMessage  # noqa: E402
from bot.services.running.opt_out import SmsKeywords  # noqa: E402
from bot.services.shared.plain_sql import PlainStatement  # noqa: E402
from bot.settings import Settings  # noqa: E402


def messages(run: str, residents: int):
    for resident in range(residents):
        for turn, body in enumerate(CONVERSATION):
            yield turn, (f"SM{run}{resident:06d}{turn}", f"+4477009{resident:05d}", body)


def measure(database_url: str, residents: int) -> dict:
    upgrade_database(database_url)
    hub = build_hub(Settings(database_url=database_url, hub_name="Bench Hub",
                             cache_dir=os.environ.get("NEIGHBOURLY_CACHE_DIR",
                                                      Settings().cache_dir)))
    ready_to_serve()  # as `neighbourly serve` does before its first message
    screen = SmsKeywords("Bench Hub", "", hub.clock, hub.offers).screen_for(None)
    statements = [0]

    def count(*_) -> None:
        statements[0] += 1

    # Statements run through SQLAlchemy, and those run on the driver's cursor.
    event.listen(hub.engine, "before_cursor_execute", count)
    plain_rows = PlainStatement.rows

    def counted_rows(statement, session, params):
        count()
        return plain_rows(statement, session, params)

    PlainStatement.rows = counted_rows

    def send(run: str, count: int) -> tuple[list[float], list[int]]:
        seconds, executed = [0.0] * len(CONVERSATION), [0] * len(CONVERSATION)
        for turn, (sid, phone, body) in messages(run, count):
            message = IncomingMessage("sms", "phone", phone, sid, body, hub.clock(),
                                      replies_inline=True)
            before, started = statements[0], time.perf_counter()
            hub.conversations.receive(message, screen)
            seconds[turn] += time.perf_counter() - started
            executed[turn] += statements[0] - before
        return seconds, executed

    try:
        send("warm", 20)  # imports, pools and the postcode index first
        seconds, executed = send(uuid.uuid4().hex[:6], residents)
    finally:
        PlainStatement.rows = plain_rows
        hub.close()
    total = len(CONVERSATION) * residents
    return {
        "messages": total,
        "ms_per_message": round(1000 * sum(seconds) / total, 2),
        "messages_per_second": round(total / sum(seconds), 1),
        "by_message": {body: {"ms": round(1000 * spent / residents, 2),
                              "statements": round(count / residents, 1)}
                       for body, spent, count in zip(CONVERSATION, seconds, executed)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", default=os.environ.get("NEIGHBOURLY_TEST_DATABASE_URL"))
    parser.add_argument("--residents", type=int, default=300)
    args = parser.parse_args()
    report = {}
    if args.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as scratch:
            report["sqlite"] = measure(f"sqlite:///{scratch}/bench.db", args.residents)
    if args.database in ("postgresql", "both"):
        with postgres(args.pg_url) as url:
            report["postgresql"] = measure(url, args.residents)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
