"""Signing in to the coordinators' dashboard: one-time links, session cookies, CSRF tokens.

Nothing is stored for a link or a session: each is a small JSON payload with
an HMAC-SHA256 signature made with the hub's secret key (NEIGHBOURLY_SECRET_KEY,
or a random key made once and kept in the cache folder). A link names its
coordinator, a random id and its expiry; using it records an audit event with
that id, and a link whose id already has one is refused, so it works once.
A session names the coordinator, a random session id and its expiry; every
form carries a CSRF token, the HMAC of the session id. The sign-in form, sent
before there is a session, carries the HMAC of its link's token instead.

A download link (EXPORT on SMS or the console, where no file can be sent) works
the same way: it names its coordinator, the export, a random id and its expiry,
and downloading records an audit event with that id, so it too works once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.shared import audit
from models import AuditEvent, Person, PersonRole, Role

LINK_LIFETIME = timedelta(minutes=15)
EXPORTS = ("requests", "volunteers", "calls")  # what a download link may name
SESSION_LIFETIME = timedelta(hours=12)
KEY_FILE = "dashboard-secret-key"
SIGNED_IN = "dashboard.signed_in"
DOWNLOADED = "dashboard.download_link_used"


def load_secret_key(secret_key: str, cache_dir: str) -> bytes:
    """The configured key, else one made at random once and kept in the cache folder."""
    if secret_key:
        return secret_key.encode()
    path = Path(cache_dir) / KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
    key = path.read_text().strip()
    if not key:
        raise RuntimeError(f"{path} is empty: delete it, or set NEIGHBOURLY_SECRET_KEY")
    return key.encode()


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """Signs and checks small payloads; the key is read when first needed."""

    def __init__(self, key: Callable[[], bytes]) -> None:
        self._load_key = key
        self._key: bytes | None = None
        self._lock = threading.Lock()

    @property
    def key(self) -> bytes:
        with self._lock:
            if self._key is None:
                self._key = self._load_key()
            return self._key

    def _mac(self, kind: str, body: str) -> str:
        return _encode(hmac.new(self.key, f"{kind}.{body}".encode(), hashlib.sha256).digest())

    def sign(self, kind: str, payload: dict[str, Any]) -> str:
        body = _encode(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
        return f"{body}.{self._mac(kind, body)}"

    def verify(self, kind: str, token: str | None, now: datetime) -> dict[str, Any] | None:
        """The payload when the signature is right and it has not expired, else None."""
        if not token or token.count(".") != 1:
            return None
        body, mac = token.split(".")
        if not hmac.compare_digest(mac, self._mac(kind, body)):
            return None
        try:
            payload = json.loads(_decode(body))
        except ValueError:
            return None
        if not isinstance(payload, dict) or not isinstance(payload.get("exp"), (int, float)):
            return None
        if payload["exp"] <= now.timestamp():
            return None
        return payload

    def csrf_token(self, session_id: str) -> str:
        return self._mac("csrf", session_id)

    def csrf_ok(self, session_id: str, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(token, self.csrf_token(session_id))

    def link_csrf_token(self, link_token: str) -> str:
        """What a one-time link's page puts in its form, before there is any session:
        the HMAC of the link's token, so only that page's form can use that link."""
        return self._mac("link-csrf", link_token)

    def link_csrf_ok(self, link_token: str | None, token: str | None) -> bool:
        return bool(link_token) and bool(token) and hmac.compare_digest(
            token, self.link_csrf_token(link_token))


@dataclass(frozen=True)
class DashboardSession:
    person_id: int
    session_id: str
    expires_at: float


def make_signin_token(signer: Signer, person_id: int, now: datetime) -> str:
    return signer.sign("signin", {"person": person_id, "id": secrets.token_urlsafe(16),
                                  "exp": int((now + LINK_LIFETIME).timestamp())})


def signin_link(base_url: str, signer: Signer, person_id: int, now: datetime) -> str:
    token = make_signin_token(signer, person_id, now)
    return f"{base_url.rstrip('/')}/dashboard/signin?token={token}"


def make_download_token(signer: Signer, person_id: int, what: str, now: datetime) -> str:
    return signer.sign("download", {"person": person_id, "what": what,
                                    "id": secrets.token_urlsafe(16),
                                    "exp": int((now + LINK_LIFETIME).timestamp())})


def download_link(base_url: str, signer: Signer, person_id: int, what: str,
                  now: datetime) -> str:
    """A one-time link to download one export (`what`: requests, volunteers, calls)."""
    token = make_download_token(signer, person_id, what, now)
    return f"{base_url.rstrip('/')}/dashboard/download?token={token}"


def is_coordinator(session: Session, person_id: int) -> bool:
    return session.scalar(
        select(PersonRole.person_id).join(Person, Person.id == PersonRole.person_id)
        .where(PersonRole.person_id == person_id, PersonRole.role == Role.COORDINATOR,
               Person.erased_at.is_(None))) is not None


def _usable_link(session: Session, signer: Signer, token: str | None, now: datetime,
                 lock: bool, kind: str = "signin", used: str = SIGNED_IN
                 ) -> tuple[int, str] | None:
    """(coordinator, link id) for a good, unused link of a coordinator's, else None.
    `kind` is what the link is for; `used` the audit action that uses it up."""
    payload = signer.verify(kind, token, now)
    if payload is None or not isinstance(payload.get("person"), int):
        return None
    token_id = str(payload.get("id", ""))
    if not token_id or len(token_id) > 48:
        return None
    # Sign-ins of one coordinator wait for each other, so a link cannot be used twice at once.
    if session.get(Person, payload["person"], with_for_update=lock) is None:
        return None
    used_before = session.scalar(select(AuditEvent.id).where(
        AuditEvent.action == used, AuditEvent.subject == token_id).limit(1))
    if used_before is not None or not is_coordinator(session, payload["person"]):
        return None
    return payload["person"], token_id


def link_usable(session: Session, signer: Signer, token: str | None, now: datetime) -> bool:
    """Whether the link would sign someone in now, without using it up."""
    return _usable_link(session, signer, token, now, lock=False) is not None


def use_signin_token(session: Session, signer: Signer, token: str | None,
                     now: datetime) -> DashboardSession | None:
    """A new session for a good, unused link of a coordinator's; the link is then used up."""
    usable = _usable_link(session, signer, token, now, lock=True)
    if usable is None:
        return None
    person_id, token_id = usable
    audit.record(session, SIGNED_IN, now, actor_id=person_id, channel="dashboard",
                 subject=token_id)
    return DashboardSession(person_id, secrets.token_urlsafe(16),
                            (now + SESSION_LIFETIME).timestamp())


def download_usable(session: Session, signer: Signer, token: str | None,
                    now: datetime) -> str | None:
    """Which export a download link would give now (without using it up), else None."""
    if _usable_link(session, signer, token, now, lock=False, kind="download",
                    used=DOWNLOADED) is None:
        return None
    return _export_named(signer.verify("download", token, now))


def use_download_token(session: Session, signer: Signer, token: str | None,
                       now: datetime) -> tuple[int, str] | None:
    """(coordinator, export) for a good, unused download link; the link is then used up."""
    usable = _usable_link(session, signer, token, now, lock=True, kind="download",
                          used=DOWNLOADED)
    what = _export_named(signer.verify("download", token, now))
    if usable is None or what is None:
        return None
    person_id, token_id = usable
    audit.record(session, DOWNLOADED, now, actor_id=person_id, channel="dashboard",
                 subject=token_id, export=what)
    return person_id, what


def _export_named(payload: dict[str, Any] | None) -> str | None:
    what = (payload or {}).get("what")
    return what if what in EXPORTS else None


def session_cookie(signer: Signer, dashboard_session: DashboardSession) -> str:
    return signer.sign("session", {"person": dashboard_session.person_id,
                                   "sid": dashboard_session.session_id,
                                   "exp": int(dashboard_session.expires_at)})


def read_session_cookie(signer: Signer, cookie: str | None,
                        now: datetime) -> DashboardSession | None:
    payload = signer.verify("session", cookie, now)
    if payload is None or not isinstance(payload.get("person"), int) or not payload.get("sid"):
        return None
    return DashboardSession(payload["person"], str(payload["sid"]), payload["exp"])
