"""The audit trail: who did what, when, from which channel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from models import AuditEvent


def record(
    session: Session,
    action: str,
    at: datetime,
    *,
    actor_id: int | None = None,
    channel: str | None = None,
    subject: str | None = None,
    **detail: Any,
) -> None:
    session.add(
        AuditEvent(
            occurred_at=at,
            actor_person_id=actor_id,
            channel=channel,
            action=action,
            subject=subject,
            detail=detail,
        )
    )
