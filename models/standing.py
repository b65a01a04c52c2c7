"""Standing requests ("shopping every Friday") and the thank-yous volunteers are sent.

A standing request is a resident's one-off kind of help repeated on a weekday: each week's
task is an ordinary `HelpRequest` made ahead of time and tied back here. Befriending's
regular calls are not these: they live in models/checkins.py.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utc_now
from models.people import Person


class StandingStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"  # no tasks made until a coordinator resumes it
    ENDED = "ended"


class StandingRequest(Base):
    __tablename__ = "standing_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                             index=True)
    category: Mapped[str] = mapped_column(String(16))
    # 7 for weekly, 14 for every other week; `weekday` 0 = Monday.
    every_days: Mapped[int] = mapped_column(Integer, default=7)
    weekday: Mapped[int] = mapped_column(Integer)
    # The next day a task is needed that has not been made yet, and one such day the
    # resident said to leave out ("no shopping this week").
    next_on: Mapped[date] = mapped_column(Date)
    skip_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=StandingStatus.ACTIVE, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    paused_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    resident: Mapped[Person] = relationship()


class VolunteerThanks(Base):
    """One row per volunteer per month thanked: the row is the claim, so a scheduler that
    runs twice (or in two processes) thanks nobody twice."""

    __tablename__ = "volunteer_thanks"

    volunteer_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                              primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-11"
    tasks: Mapped[int] = mapped_column(Integer, default=0)
    minutes: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
