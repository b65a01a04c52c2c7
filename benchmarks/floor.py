"""The least a server can do per inbound SMS and still be trusted with it.

Used by benchmarks/inbound.py as a second ceiling, below the bare endpoint:
read the form, check X-Twilio-Signature, store the message and one reply in
one transaction, answer TwiML. No dialogue, no ORM, no SQLAlchemy: the
database driver itself (sqlite3, psycopg). Whatever Neighbourly does on top
(who is talking, where their conversation stands, what to say) costs more
than this, so this rate is as fast as any server on this machine, this web
stack and this database could go.

SQLite gets one database thread, as in `neighbourly serve` (the event loop
must not wait on SQLite's lock). PostgreSQL gets psycopg's asyncio
connections on the event loop, the faster of the two ways measured (a pool
of threads, as `serve` has, was slower).

    uvicorn --factory benchmarks.floor:floor_app   (FLOOR_DATABASE_URL, FLOOR_PUBLIC_URL,
                                                    FLOOR_AUTH_TOKEN in the environment)
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

from sqlalchemy.engine import make_url
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from twilio.request_validator import RequestValidator

CONNECTIONS = 5  # as many as `serve` pools on PostgreSQL
TABLES = [
    "CREATE TABLE IF NOT EXISTS floor_message (id {key}, sid TEXT UNIQUE NOT NULL,"
    " sender TEXT NOT NULL, body TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS floor_reply (id {key}, message_id INTEGER NOT NULL"
    " REFERENCES floor_message (id), body TEXT NOT NULL)",
]
INSERT_MESSAGE = "INSERT INTO floor_message (sid, sender, body) VALUES ({0}, {0}, {0}) RETURNING id"
INSERT_REPLY = "INSERT INTO floor_reply (message_id, body) VALUES ({0}, {0})"


def reply_for(body: str) -> str:
    return f"Thank you, we have your message: {body[:40]}"


class SqliteStore:
    def __init__(self, path: str) -> None:
        # isolation_level=None: transactions are begun and ended here, explicitly.
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=30000"):
            self._db.execute(f"PRAGMA {pragma}")
        for table in TABLES:
            self._db.execute(table.format(key="INTEGER PRIMARY KEY"))
        self._thread = ThreadPoolExecutor(max_workers=1)

    def _store(self, sid: str, sender: str, body: str) -> str:
        reply = reply_for(body)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            (message_id,) = self._db.execute(INSERT_MESSAGE.format("?"),
                                             (sid, sender, body)).fetchone()
            self._db.execute(INSERT_REPLY.format("?"), (message_id, reply))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return reply

    async def store(self, sid: str, sender: str, body: str) -> str:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, self._store, sid, sender, body)

    async def close(self) -> None:
        self._thread.shutdown()
        self._db.close()


class PostgresStore:
    def __init__(self, url: str) -> None:
        self._url = url
        self._idle: asyncio.Queue = asyncio.Queue()

    async def open(self) -> None:
        import psycopg

        for _ in range(CONNECTIONS):
            self._idle.put_nowait(await psycopg.AsyncConnection.connect(self._url))
        connection = await self._idle.get()
        async with connection.transaction():
            for table in TABLES:
                await connection.execute(table.format(key="SERIAL PRIMARY KEY"))
        self._idle.put_nowait(connection)

    async def store(self, sid: str, sender: str, body: str) -> str:
        reply = reply_for(body)
        connection = await self._idle.get()
        try:
            async with connection.transaction():
                cursor = await connection.execute(INSERT_MESSAGE.format("%s"),
                                                  (sid, sender, body))
                (message_id,) = await cursor.fetchone()
                await connection.execute(INSERT_REPLY.format("%s"), (message_id, reply))
        finally:
            self._idle.put_nowait(connection)
        return reply

    async def close(self) -> None:
        while not self._idle.empty():
            await self._idle.get_nowait().close()


def floor_app() -> Starlette:
    url = make_url(os.environ["FLOOR_DATABASE_URL"])
    validator = RequestValidator(os.environ["FLOOR_AUTH_TOKEN"])
    webhook_url = os.environ["FLOOR_PUBLIC_URL"].rstrip("/") + "/twilio/sms"
    store: SqliteStore | PostgresStore

    async def receive(request):
        form = dict(parse_qsl((await request.body()).decode("utf-8", errors="replace"),
                              keep_blank_values=True))
        signature = request.headers.get("x-twilio-signature", "")
        if not validator.validate(webhook_url, form, signature):
            return PlainTextResponse("invalid signature", status_code=403)
        reply = await store.store(form["MessageSid"], form["From"], form.get("Body", ""))
        return Response('<?xml version="1.0" encoding="UTF-8"?><Response>'
                        f"<Message>{escape(reply)}</Message></Response>",
                        media_type="application/xml")

    async def healthz(request):
        return PlainTextResponse("ok")

    @asynccontextmanager
    async def lifespan(app):
        nonlocal store
        if url.get_backend_name() == "sqlite":
            store = SqliteStore(url.database)
        else:
            store = PostgresStore(url.set(drivername="postgresql").render_as_string(
                hide_password=False))
            await store.open()
        yield
        await store.close()

    return Starlette(routes=[Route("/twilio/sms", receive, methods=["POST"]),
                             Route("/healthz", healthz)], lifespan=lifespan)
