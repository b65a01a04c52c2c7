"""Safeguarding concerns: raised by a volunteer, or flagged from a resident's own words."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utc_now


class ConcernStatus(StrEnum):
    OPEN = "open"  # no coordinator has taken it yet: alerts repeat while urgent
    ACKNOWLEDGED = "acknowledged"  # a coordinator is on it
    RESOLVED = "resolved"


class ConcernSource(StrEnum):
    VOLUNTEER = "volunteer"  # said CONCERN
    RESIDENT = "resident"  # a resident's message had words that suggest danger


class Concern(Base):
    __tablename__ = "concerns"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16))
    raised_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("help_requests.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    channel: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=ConcernStatus.OPEN, index=True)
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_alert_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    alerts_sent: Mapped[int] = mapped_column(default=0)
    acknowledged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution_note: Mapped[str | None] = mapped_column(Text)
